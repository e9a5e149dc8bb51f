// Référence pour la mesure de `norme validate` : lire et analyser les mêmes fichiers YAML avec le même
// analyseur rapide que le chargeur (js-yaml, schéma core), rien d'autre.
//   node scripts/bench/parse-only.mjs <dossier> [--keep]
// Avec --keep, les documents analysés restent en mémoire jusqu'à la fin, comme dans tout chargeur
// (sans lui, chaque document est jeté aussitôt et le ramasse-miettes n'a presque rien à faire).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import jsyaml from 'js-yaml';

const root = process.argv[2] ?? 'norm';
const keep = process.argv.includes('--keep') ? [] : undefined;
let n = 0;
function walk(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith('.yaml')) {
      const doc = jsyaml.load(readFileSync(p, 'utf8'), { schema: jsyaml.CORE_SCHEMA });
      keep?.push(doc);
      n++;
    }
  }
}
walk(root);
process.stdout.write(`${n}\n`);
