// `norme check` sur un échantillon synthétique de 1 000 000 de lignes, comparé à la simple
// lecture des lignes du même fichier (même flux d'octets, mêmes morceaux de 1 Mio, même décodeur
// que la CLI — readTextChunks —, puis chaque ligne extraite et comptée).
// Cibles : débit du contrôle (détection d'encodage comprise) ≥ 0,3 × débit de la lecture seule,
// en temps CPU (process.cpuUsage ; le temps écoulé est affiché aussi) ; mémoire bornée (le tas
// retenu après GC reste à +16 Mo au plus de celui du modèle chargé, tout au long du fichier).
// Et 30 petits fichiers : `norme check dossier/` (un appel) ≥ 5 × plus rapide que 30 appels.
//
// Seul : node_modules/.bin/node scripts/bench/check.mjs   (Node 24 : le code TS est importé tel quel)
// Modes internes (processus enfants) : --read <fichier>, --run <fichier>, --heap <fichier>
import { createReadStream, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, cliCommand, fmtMs, median, timeProcess } from './common.mjs';

const VERSION = 'dsn/P26V01';
const TARGET_LINES = 1_000_000;
const SMALL_LINES = 100_000;
const RUNS = 3;
const DIR = path.join(ROOT, '.tmp/bench');

/** CPU ms of this process so far (user + system): steadier than wall time on a loaded machine. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * Child mode: the baseline, plain line reading. The very byte stream and decoder of the CLI
 * (readTextChunks: 1 MiB chunks, UTF-8 TextDecoder), then each line taken out of the chunk
 * (indexOf + slice, the line joined across chunks), counted, nothing else.
 */
async function readOnly(file) {
  const { readTextChunks } = await import(path.join(ROOT, 'src/cli/commands/check.ts'));
  const t0 = performance.now();
  const c0 = cpuMs();
  let rest = '';
  let n = 0;
  for await (const chunk of readTextChunks(file, 'UTF-8')) {
    const text = rest + chunk;
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      if (text.slice(start, nl).length >= 0) n++;
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  if (rest) n++;
  return { lines: n, ms: performance.now() - t0, cpuMs: cpuMs() - c0, rssKb: process.resourceUsage().maxRSS };
}

/** Child mode: what `norme check` does, timed by phase. */
async function runCheck(file) {
  const { loadCheckModel, detectEncoding, readTextChunks } = await import(path.join(ROOT, 'src/cli/commands/check.ts'));
  const { createChecker } = await import(path.join(ROOT, 'src/core/check/index.ts'));
  const t0 = performance.now();
  const { model, errors } = loadCheckModel(ROOT, VERSION);
  if (!model) throw new Error(errors.join('\n'));
  const t1 = performance.now();
  const c1 = cpuMs();
  const encoding = await detectEncoding(file);
  const t2 = performance.now();
  const checker = createChecker(model);
  for await (const chunk of readTextChunks(file, encoding)) checker.pushText(chunk);
  const report = checker.end();
  const t3 = performance.now();
  return {
    lines: report.lines,
    findings: report.counts.bloquant + report.counts['non bloquant'],
    loadMs: t1 - t0,
    detectMs: t2 - t1,
    checkMs: t3 - t2,
    /** CPU of detection + check (not the model load). */
    cpuMs: cpuMs() - c1,
    rssKb: process.resourceUsage().maxRSS,
  };
}

/** Child mode (with --expose-gc): heap retained after GC, sampled along the file. */
async function retainedHeap(file) {
  const { loadCheckModel, readTextChunks } = await import(path.join(ROOT, 'src/cli/commands/check.ts'));
  const { createChecker } = await import(path.join(ROOT, 'src/core/check/index.ts'));
  const { model } = loadCheckModel(ROOT, VERSION);
  const heap = () => {
    globalThis.gc();
    return process.memoryUsage().heapUsed / 2 ** 20;
  };
  const afterLoad = heap();
  const checker = createChecker(model);
  let k = 0;
  let max = 0;
  for await (const chunk of readTextChunks(file, 'UTF-8')) {
    checker.pushText(chunk);
    if (++k % 4 === 0) max = Math.max(max, heap());
  }
  checker.end();
  return { afterLoadMb: afterLoad, maxMb: Math.max(max, heap()) };
}

function countLines(file) {
  const buf = readFileSync(file);
  let n = 0;
  for (let i = buf.indexOf(10); i >= 0; i = buf.indexOf(10, i + 1)) n++;
  return n;
}

function sample(salaries, file) {
  const r = timeProcess(process.execPath, [...cliCommand().args, 'sample', VERSION, '--salaries', String(salaries), '--seed', 'bench', '--output', file]);
  if (r.status !== 0) throw new Error(`norme sample a échoué :\n${r.stderr}`);
  return countLines(file);
}

/** A sample of at least `target` lines (cached in .tmp/bench). */
function ensureSample(target, name) {
  mkdirSync(DIR, { recursive: true });
  const file = path.join(DIR, name);
  if (existsSync(file) && countLines(file) >= target) return file;
  const probeFile = path.join(DIR, 'probe.dsn');
  const probe = sample(200, probeFile);
  const base = sample(0, probeFile);
  const perIndividual = (probe - base) / 200;
  let salaries = Math.ceil(((target - base) / perIndividual) * 1.01);
  for (;;) {
    if (sample(salaries, file) >= target) return file;
    salaries = Math.ceil(salaries * 1.05);
  }
}

const SMALL_FILES = 30;

/** 30 small envois (3 individuals, natures and seeds varied), written in-process, cached in .tmp/bench/multi. */
async function ensureSmallFiles() {
  const dir = path.join(DIR, 'multi');
  mkdirSync(dir, { recursive: true });
  if (readdirSync(dir).filter((f) => f.endsWith('.dsn')).length === SMALL_FILES) return dir;
  const { loadCheckModel } = await import(path.join(ROOT, 'src/cli/commands/check.ts'));
  const { generateSample } = await import(path.join(ROOT, 'src/core/sample/index.ts'));
  const { model } = loadCheckModel(ROOT, VERSION);
  const natures = ['01', '04', '05', '07', '08', '09'];
  for (let i = 0; i < SMALL_FILES; i++) {
    const lines = [...generateSample(model, { salaries: 3, seed: `multi-${i}`, nature: natures[i % natures.length] })];
    writeFileSync(path.join(dir, `essai-${String(i + 1).padStart(2, '0')}.dsn`), lines.join('\n') + '\n');
  }
  return dir;
}

function child(mode, file) {
  const flags = mode === '--heap' ? ['--expose-gc'] : [];
  const r = timeProcess(process.execPath, [...flags, new URL(import.meta.url).pathname, mode, file]);
  if (r.status !== 0) throw new Error(`${mode} a échoué :\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

function medianOf(runs, key) {
  return median(runs.map((r) => r[key]));
}

export async function bench() {
  const big = ensureSample(TARGET_LINES, 'check-1m.dsn');
  const small = ensureSample(SMALL_LINES, 'check-100k.dsn');
  const reads = Array.from({ length: RUNS }, () => child('--read', big));
  const checks = Array.from({ length: RUNS }, () => child('--run', big));
  const smallChecks = Array.from({ length: RUNS }, () => child('--run', small));
  const heap = child('--heap', big);
  const cli = timeProcess(process.execPath, [...cliCommand().args, 'check', big]);
  const multiDir = await ensureSmallFiles();
  const smallFiles = readdirSync(multiDir).filter((f) => f.endsWith('.dsn')).sort().map((f) => path.join(multiDir, f));
  const t0 = performance.now();
  const separate = smallFiles.map((f) => timeProcess(process.execPath, [...cliCommand().args, 'check', f]));
  const separateMs = performance.now() - t0;
  const one = timeProcess(process.execPath, [...cliCommand().args, 'check', multiDir]);
  const multiSpeedup = separateMs / one.ms;
  const multiClean = one.status === 0 && separate.every((r) => r.status === 0);

  const lines = checks[0].lines;
  const readMs = medianOf(reads, 'ms');
  const checkMs = medianOf(checks, 'checkMs');
  const detectMs = medianOf(checks, 'detectMs');
  const loadMs = medianOf(checks, 'loadMs');
  const readRate = lines / (readMs / 1000);
  const checkRate = lines / ((detectMs + checkMs) / 1000);
  const ratioWall = checkRate / readRate;
  const readCpu = medianOf(reads, 'cpuMs');
  const checkCpu = medianOf(checks, 'cpuMs');
  // The target is judged on CPU time (the machine may be shared: wall time then measures the load).
  const ratio = readCpu / checkCpu;
  const rssBig = medianOf(checks, 'rssKb') / 1024;
  const rssSmall = medianOf(smallChecks, 'rssKb') / 1024;
  const heapGrowth = heap.maxMb - heap.afterLoadMb;
  const bounded = heapGrowth < 16;
  const rate = (x) => `${Math.round(x).toLocaleString('fr-FR')} lignes/s`;
  return {
    name: `norme check (${lines.toLocaleString('fr-FR')} lignes, ${VERSION})`,
    command: `npx norme check .tmp/bench/check-1m.dsn  vs  lecture seule des lignes (node scripts/bench/check.mjs --read …)`,
    lines: [
      `lecture seule des lignes : ${fmtMs(readMs)} → ${rate(readRate)} (médiane de ${RUNS} processus)`,
      `contrôle : détection d'encodage ${fmtMs(detectMs)} + contrôle ${fmtMs(checkMs)} → ${rate(checkRate)} ; chargement du modèle ${fmtMs(loadMs)} en plus`,
      `rapport des débits en temps CPU : ${ratio.toFixed(2)} × la lecture seule (lecture ${fmtMs(readCpu)} CPU, détection + contrôle ${fmtMs(checkCpu)} CPU ; cible ≥ 0,3 ×) ; en temps écoulé : ${ratioWall.toFixed(2)} ×`,
      `norme check complet (processus à froid, chargement compris) : ${fmtMs(cli.ms)}, code ${cli.status}, ${checks[0].findings} constat(s)`,
      `mémoire : tas retenu après GC ${heap.afterLoadMb.toFixed(1)} Mo après chargement, au plus ${heap.maxMb.toFixed(1)} Mo pendant le contrôle (${heapGrowth >= 0 ? '+' : ''}${heapGrowth.toFixed(1)} Mo, borne +16 Mo)`,
      `${SMALL_FILES} petits fichiers : ${SMALL_FILES} appels séparés ${fmtMs(separateMs)}, un appel sur le dossier ${fmtMs(one.ms)} → ${multiSpeedup.toFixed(1)} × plus rapide (cible ≥ 5 ×)${multiClean ? '' : ' — code de sortie non nul'}`,
      `pic RSS (indicatif, GC paresseux) : ${rssSmall.toFixed(0)} Mo pour ${SMALL_LINES.toLocaleString('fr-FR')} lignes, ${rssBig.toFixed(0)} Mo pour ${lines.toLocaleString('fr-FR')} lignes`,
    ],
    metrics: { lines, readMs, detectMs, checkMs, loadMs, readRate, checkRate, ratio, ratioWall, readCpuMs: readCpu, checkCpuMs: checkCpu, rssSmallMb: rssSmall, rssBigMb: rssBig, heapAfterLoadMb: heap.afterLoadMb, heapMaxMb: heap.maxMb, cliMs: cli.ms, findings: checks[0].findings, separateMs, multiMs: one.ms, multiSpeedup },
    ok: ratio >= 0.3 && bounded && checks[0].findings === 0 && cli.status === 0 && multiSpeedup >= 5 && multiClean,
  };
}

const mode = process.argv[2];
if (mode === '--read' || mode === '--run' || mode === '--heap') {
  const f = process.argv[3];
  const r = mode === '--read' ? await readOnly(f) : mode === '--run' ? await runCheck(f) : await retainedHeap(f);
  process.stdout.write(JSON.stringify(r) + '\n');
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await bench();
  console.log(`${r.ok ? '✓' : '✗'} ${r.name}`);
  console.log(r.lines.map((l) => `  ${l}`).join('\n'));
  process.exitCode = r.ok ? 0 : 1;
}
