#!/usr/bin/env -S node --max-semi-space-size=2
// Point d'entrée de la CLI. Vérifie Node avant de charger le code.
// Dans une copie du dépôt (src/ présent) : le TypeScript de src/, exécuté directement par Node 24
// (toujours à jour, sans étape de compilation). Dans le paquet installé (pas de src/) : le
// JavaScript compilé de lib/ (npm run build:lib ; Node ne retire pas les types sous node_modules).
// NORME_LIB=1 force lib/ dans une copie du dépôt (mesures, essai du paquet).
// --max-semi-space-size=2 (Mo) : une jeune génération petite. Le chargeur garde tout ce qu'il lit ;
// avec la taille par défaut, le ramasse-miettes recopie chaque document plusieurs fois avant de le
// promouvoir. Mesuré (npm run bench -- validate diff) : validate environ 13 %, diff environ 30 % plus
// rapides ; check à peu près inchangé.
import '../scripts/check-node.mjs';
import { existsSync } from 'node:fs';
import module from 'node:module';
// Cache of compiled modules (including the TypeScript → JavaScript stripping), in the system temp
// folder: saves about a second per command once warm.
module.enableCompileCache?.();
// The reader went away (`npx norme export … | head`): stop quietly, like any Unix command.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}
const fromSource = process.env.NORME_LIB !== '1' && existsSync(new URL('../src/cli/main.ts', import.meta.url));
const { main } = await import(fromSource ? '../src/cli/main.ts' : '../lib/cli/main.js');
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
