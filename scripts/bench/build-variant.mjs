// La construction du site pour les mesures (scripts/bench/site-build.mjs) et les tests : la même
// que npm run build (src/site/integration.ts), avec des réglages qui n'ont de sens que pour mesurer
// ou comparer, et ses statistiques. Jamais dans dist/ : --out est exigé, et doit être un dossier neuf.
//
// Usage : node scripts/bench/build-variant.mjs --out <dossier> [--registry <dossier>] [--stats <fichier>]
//           [--no-search] [--astro-pages] [--no-nice] [--no-pin]
//   --no-search    pas d'index de recherche (le site obtenu n'a pas de recherche) : ce que coûtent Astro et nos pages seuls ;
//   --astro-pages  Astro écrit aussi les pages d'éléments (même site, plus lent : tests/site/element-pages.test.ts) ;
//   --no-nice      l'index à la priorité normale ; --no-pin : Pagefind sur tous les processeurs ;
//   --stats        écrit durée, mémoire max, nombre de pages et temps CPU par partie (JSON).
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadCpuMs } from './cpu-usage.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
process.chdir(ROOT);
process.env.ASTRO_TELEMETRY_DISABLED = '1';
const has = (name) => process.argv.includes(name);
const arg = (name) => (has(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
if (arg('--registry')) process.env.NORME_ROOT = path.resolve(arg('--registry'));
const out = arg('--out') && path.resolve(arg('--out'));
if (!out || out === path.resolve('dist')) {
  process.stderr.write("norme : cette construction ne sert qu'aux mesures : indiquez un autre dossier de sortie que dist/ avec --out <dossier> ; dist/ inchangé.\n");
  process.exit(2);
}
const { astroBuild, failureMessage, outputStats, searchLine } = await import('../../src/site/build/run.ts');

const t0 = performance.now();
const tmp = path.join(ROOT, '.tmp', `dist-${process.pid}`);
let report;
try {
  const options = { search: !has('--no-search'), externalPages: !has('--astro-pages'), nice: !has('--no-nice'), pin: !has('--no-pin') };
  report = await astroBuild(ROOT, tmp, { options });
} catch (err) {
  rmSync(tmp, { recursive: true, force: true });
  process.stderr.write(failureMessage(err, out));
  process.exit(1);
}
if (!process.env.NORME_BUILD_QUIET) process.stdout.write(searchLine(report));
rmSync(out, { recursive: true, force: true });
mkdirSync(path.dirname(out), { recursive: true });
renameSync(tmp, out);
const ms = performance.now() - t0;
const s = report.search;
const ru = process.resourceUsage();
const stats = {
  ms: Math.round(ms),
  loadMs: report.loadMs,
  astroMs: report.astroMs,
  ...outputStats(out),
  maxRssKb: ru.maxRSS,
  cpuMs: Math.round((ru.userCPUTime + ru.systemCPUTime) / 1000),
  ...(s.off ? { searchOff: true } : { searchMs: s.ms, searchAfterMs: report.searchAfterMs, searchBytes: s.bytes, searchRecords: s.pages + s.records }),
  // CPU ms by part (Linux; null elsewhere): threads of this process, the worker (registry, pages,
  // index; ended by now), Pagefind's process.
  cpu: { ...threadCpuMs(), worker: s.workerCpuMs, pagefind: s.off ? null : (s.pagefindCpuMs ?? null) },
};
// NORME_BUILD_STATS: how the bench passes the file to every build it measures (site-build.mjs).
const statsFile = arg('--stats') ?? process.env.NORME_BUILD_STATS;
if (statsFile) writeFileSync(statsFile, JSON.stringify(stats) + '\n');
