// `norme validate` sur tout le registre, comparé au simple parsing YAML des mêmes fichiers.
// Cible : ≤ 1,5 × le temps du parsing seul (processus à froid, médiane de 5).
import path from 'node:path';
import { ROOT, fmtMs, medianRun } from './common.mjs';

export async function bench() {
  const node = process.execPath;
  const parse = medianRun(node, [path.join(ROOT, 'scripts/bench/parse-only.mjs'), path.join(ROOT, 'norm')], 5);
  const validate = medianRun(node, [path.join(ROOT, 'bin/norme.mjs'), 'validate'], 5);
  const files = Number(parse.last.stdout.trim());
  const ratio = validate.ms / parse.ms;
  return {
    name: 'norme validate (registre complet)',
    command: 'npx norme validate  vs  node scripts/bench/parse-only.mjs norm',
    lines: [
      `${files} fichiers YAML`,
      `parsing seul : ${fmtMs(parse.ms)} (médiane de 5 processus)`,
      `norme validate : ${fmtMs(validate.ms)} (médiane de 5 processus)`,
      `rapport : ${ratio.toFixed(2)} × (cible ≤ 1,5 ×)`,
    ],
    metrics: { files, parseMs: parse.ms, validateMs: validate.ms, ratio },
    ok: ratio <= 1.5,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await bench();
  console.log(r.lines.join('\n'));
}
