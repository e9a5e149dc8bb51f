// Référence pour la mesure de `norme validate` : lire et analyser les mêmes fichiers YAML avec le même
// analyseur rapide que le chargeur (js-yaml, schéma core), rien d'autre.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import jsyaml from 'js-yaml';

const root = process.argv[2] ?? 'norm';
let n = 0;
function walk(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith('.yaml')) {
      jsyaml.load(readFileSync(p, 'utf8'), { schema: jsyaml.CORE_SCHEMA });
      n++;
    }
  }
}
walk(root);
process.stdout.write(`${n}\n`);
