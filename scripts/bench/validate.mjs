// `norme validate` sur tout le registre, comparé au simple parsing YAML des mêmes fichiers
// (même analyseur js-yaml, processus à froid, passages alternés, médiane de 7).
//
// Deux références :
//  - « analyse, documents gardés » (comparée à la cible ≤ 1,5 ×) : lire et analyser chaque fichier en
//    gardant les documents en mémoire jusqu'à la fin — le minimum de tout chargeur, qui doit avoir
//    les données pour les vérifier ;
//  - « analyse, documents jetés » (pour information) : chaque document jeté aussitôt analysé ; le
//    ramasse-miettes n'a alors presque rien à faire (sur ce registre, 14 % de temps en moins avec les
//    options de Node de la CLI, 28 % sans),
//    ce qu'aucun chargeur ne peut faire.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT, cliCommand, fmtMs, median, timeProcess } from './common.mjs';

const RUNS = 7;
const TARGET = 1.5;

export async function bench() {
  const node = process.execPath;
  const parseOnly = path.join(ROOT, 'scripts/bench/parse-only.mjs');
  // The registry norm/ alone (the same YAML files as the references), then with the fiches consignes (MDX).
  const families = readdirSync(path.join(ROOT, 'norm'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  // The CLI runs with the Node options of its #! line (as with `npx norme`); the references get the
  // same options, so that the ratio compares the work done, not the settings.
  const cli = cliCommand();
  const cmds = {
    drop: [...cli.nodeOptions, parseOnly, path.join(ROOT, 'norm')],
    keep: [...cli.nodeOptions, parseOnly, path.join(ROOT, 'norm'), '--keep'],
    validate: [...cli.args, 'validate', '--only', families.join(',')],
  };
  const times = { drop: [], keep: [], validate: [] };
  let files = 0;
  // Interleaved runs: a busy moment of the machine weighs on the three measures alike.
  for (let i = 0; i < RUNS; i++) {
    for (const [k, args] of Object.entries(cmds)) {
      const r = timeProcess(node, args);
      if (r.status !== 0) throw new Error(`${args.join(' ')} a échoué (code ${r.status}) :\n${r.stderr}`);
      if (k === 'drop') files = Number(r.stdout.trim());
      times[k].push(r.ms);
    }
  }
  const full = [0, 1, 2].map(() => timeProcess(node, [...cli.args, 'validate']).ms);
  const ms = { drop: median(times.drop), keep: median(times.keep), validate: median(times.validate), full: median(full) };
  const ratio = ms.validate / ms.keep;
  const ratioDrop = ms.validate / ms.drop;
  return {
    name: 'norme validate (registre complet norm/)',
    command: `npx norme validate --only ${families.join(',')}  vs  node scripts/bench/parse-only.mjs norm [--keep]`,
    lines: [
      `${files} fichiers YAML ; processus à froid, passages alternés, médiane de ${RUNS} ; options de Node de la CLI pour les trois : ${cli.nodeOptions.join(' ') || 'aucune'}`,
      `lecture + analyse YAML, documents gardés en mémoire : ${fmtMs(ms.keep)}`,
      `norme validate du registre : ${fmtMs(ms.validate)}`,
      `rapport : ${ratio.toFixed(2)} × (cible ≤ ${String(TARGET).replace('.', ',')} ×)`,
      `pour information, lecture + analyse avec chaque document jeté aussitôt : ${fmtMs(ms.drop)} (rapport ${ratioDrop.toFixed(2)} ×)`,
      `pour information, norme validate avec les fiches consignes (MDX) : ${fmtMs(ms.full)} (médiane de 3)`,
    ],
    metrics: { files, parseKeepMs: ms.keep, parseDropMs: ms.drop, validateMs: ms.validate, ratio, ratioDrop, withConsignesMs: ms.full, runs: times },
    ok: ratio <= TARGET,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await bench();
  console.log(r.lines.join('\n'));
}
