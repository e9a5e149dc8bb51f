#!/usr/bin/env node
// Point d'entrée de la CLI. Vérifie Node avant de charger le code TypeScript
// (exécuté directement par Node 24, sans étape de compilation).
import '../scripts/check-node.mjs';
import module from 'node:module';
// Cache of compiled modules (including the TypeScript → JavaScript stripping), in the system temp
// folder: saves about a second per command once warm.
module.enableCompileCache?.();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
