// `norme validate` sur tout le registre, comparé au simple parsing YAML des mêmes fichiers.
// Cible : ≤ 1,5 × le temps du parsing seul (processus à froid, médiane de 5).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT, fmtMs, medianRun } from './common.mjs';

export async function bench() {
  const node = process.execPath;
  const parse = medianRun(node, [path.join(ROOT, 'scripts/bench/parse-only.mjs'), path.join(ROOT, 'norm')], 5);
  // Le registre norm/ seul (les mêmes fichiers YAML que la référence), puis avec les fiches consignes (MDX).
  const families = readdirSync(path.join(ROOT, 'norm'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  const validate = medianRun(node, [path.join(ROOT, 'bin/norme.mjs'), 'validate', '--only', families.join(',')], 5);
  const full = medianRun(node, [path.join(ROOT, 'bin/norme.mjs'), 'validate'], 3);
  const files = Number(parse.last.stdout.trim());
  const ratio = validate.ms / parse.ms;
  return {
    name: 'norme validate (registre complet norm/)',
    command: `npx norme validate --only ${families.join(',')}  vs  node scripts/bench/parse-only.mjs norm`,
    lines: [
      `${files} fichiers YAML`,
      `lecture + analyse YAML seule : ${fmtMs(parse.ms)} (médiane de 5 processus)`,
      `norme validate du registre : ${fmtMs(validate.ms)} (médiane de 5 processus)`,
      `rapport : ${ratio.toFixed(2)} × (cible ≤ 1,5 ×)`,
      `pour information, norme validate avec les fiches consignes (MDX) : ${fmtMs(full.ms)} (médiane de 3)`,
    ],
    metrics: { files, parseMs: parse.ms, validateMs: validate.ms, ratio, withConsignesMs: full.ms },
    ok: ratio <= 1.5,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await bench();
  console.log(r.lines.join('\n'));
}
