// Page /autocontrole/ dans Chromium : vérification d'un fichier synthétique d'au moins
// 100 000 lignes (dsn/P26V01), du choix du fichier au tableau de résultats affiché.
// Cible : < 3 s (exécution dans un Web Worker, chargement des données de la norme compris).
// Mesuré aussi : la même vérification dans la page (?execution=page), la plus longue tâche
// du fil principal pendant la vérification (réactivité), et un fichier à 1 000 constats.
//
// Prérequis : le site construit dans dist/ (npm run build).
// Usage : npm run bench -- autocontrole-browser   ou   node_modules/.bin/node scripts/bench/autocontrole-browser.mjs
// NORME_BENCH_RUNS=<n> (défaut 3) : mesures par cas (page rechargée à chaque fois).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, fmtMs, median } from './common.mjs';

const VERSION = 'dsn/P26V01';
const TARGET_LINES = 100_000;
const TARGET_MS = 3000;
const DIR = path.join(ROOT, '.tmp/bench');
// A seed whose contracts carry S21.G00.40.007 (the generator keeps one subset of optional rubriques per block).
const SEED = 1;

/** A valid sample of at least `target` lines, generated from the model the site serves. */
async function makeSample(model, target) {
  const { generateSample } = await import(path.join(ROOT, 'src/core/index.ts'));
  const count = (salaries) => {
    let n = 0;
    for (const _ of generateSample(model, { salaries, seed: SEED })) n++;
    return n;
  };
  const base = count(0);
  const per = (count(200) - base) / 200;
  let salaries = Math.ceil(((target - base) / per) * 1.01);
  for (;;) {
    const lines = [...generateSample(model, { salaries, seed: SEED })];
    if (lines.length >= target) return lines;
    salaries = Math.ceil(salaries * 1.03);
  }
}

/** One check on a freshly loaded page; times read from the page's performance marks. */
async function measure(context, url, file) {
  const page = await context.newPage();
  try {
    await page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(url, { waitUntil: 'load' });
    const t0 = performance.now();
    await page.setInputFiles('#ac-file', file);
    await page.waitForSelector('#autocontrole[data-state="done"], #autocontrole[data-state="error"]', { timeout: 120_000 });
    const wall = performance.now() - t0;
    return await page.evaluate((wallMs) => {
      const start = performance.getEntriesByName('autocontrole-start')[0].startTime;
      const end = performance.getEntriesByName('autocontrole-rendered')[0].startTime;
      const root = document.getElementById('autocontrole');
      const during = window.__longTasks.filter((t) => t.start + t.duration >= start && t.start <= end);
      return {
        state: root.dataset.state,
        ms: end - start,
        wallMs,
        phases: root.dataset.phases ? JSON.parse(root.dataset.phases) : null,
        longestTask: during.reduce((m, t) => Math.max(m, t.duration), 0),
        status: document.getElementById('ac-status').textContent,
        rows: document.querySelectorAll('#ac-table tbody tr').length,
      };
    }, wall);
  } finally {
    await page.close();
  }
}

export async function bench() {
  const dist = path.join(ROOT, 'dist');
  const modelFile = path.join(dist, VERSION, 'check-model.json');
  if (!existsSync(path.join(dist, 'autocontrole/index.html')) || !existsSync(modelFile)) {
    throw new Error('site absent ou sans la page /autocontrole/ : lancez d\'abord « npm run build »');
  }
  const { serveStatic, launchBrowser } = await import(path.join(ROOT, 'tests/site/helpers.ts'));
  const model = JSON.parse(readFileSync(modelFile, 'utf8'));
  const lines = await makeSample(model, TARGET_LINES);
  mkdirSync(DIR, { recursive: true });
  const clean = path.join(DIR, 'autocontrole-100k.dsn');
  writeFileSync(clean, lines.join('\n') + '\n');
  // Same file with every contract nature wrong: value-code findings, 1 000 shown.
  let wrong = 0;
  const bad = path.join(DIR, 'autocontrole-100k-constats.dsn');
  writeFileSync(bad, lines.map((l) => (l.startsWith('S21.G00.40.007,') ? (wrong++, "S21.G00.40.007,'ZZ'") : l)).join('\n') + '\n');
  if (!wrong) throw new Error('échantillon sans rubrique S21.G00.40.007 : changez SEED');
  const sizeMb = readFileSync(clean).length / 2 ** 20;

  const runs = Number(process.env.NORME_BENCH_RUNS ?? 3);
  const srv = await serveStatic(dist);
  const browser = await launchBrowser();
  const cases = [
    { id: 'worker', label: 'Web Worker (page publiée)', url: `${srv.url}/autocontrole/`, file: clean, findings: 0 },
    { id: 'page', label: 'dans la page (?execution=page)', url: `${srv.url}/autocontrole/?execution=page`, file: clean, findings: 0 },
    { id: 'worker-findings', label: `Web Worker, ${wrong.toLocaleString('fr-FR')} constats`, url: `${srv.url}/autocontrole/`, file: bad, findings: wrong },
  ];
  const results = {};
  try {
    // Warm-up (browser start, first compile of the page's scripts), not counted.
    await measure(browser.context, cases[0].url, clean);
    for (const c of cases) {
      const rs = [];
      for (let i = 0; i < runs; i++) rs.push(await measure(browser.context, c.url, c.file));
      results[c.id] = { ...c, runs: rs, ms: median(rs.map((r) => r.ms)), wallMs: median(rs.map((r) => r.wallMs)), longestTask: median(rs.map((r) => r.longestTask)), last: rs[rs.length - 1] };
    }
  } finally {
    await browser.close();
    await srv.close();
  }

  const w = results.worker;
  const expectStatus = (c) => c.last.state === 'done' && (c.findings ? c.last.status.includes(`${c.findings.toLocaleString('fr-FR')} constats bloquants`) : c.last.status.includes('Aucun constat'));
  const ok = w.ms < TARGET_MS && Object.values(results).every(expectStatus);
  const ph = (c) => (c.last.phases ? ` (encodage ${c.last.phases.encoding} ms, données de la norme ${c.last.phases.model} ms, contrôle ${c.last.phases.check} ms)` : '');
  const line = (c) => `${c.label} : ${fmtMs(c.ms)} du choix du fichier au tableau affiché${ph(c)} ; plus longue tâche du fil principal ${fmtMs(c.longestTask)} ; ${c.last.rows ? `${c.last.rows} lignes de tableau` : 'aucun constat'}`;
  return {
    name: `page /autocontrole/ dans Chromium (${lines.length.toLocaleString('fr-FR')} lignes, ${sizeMb.toFixed(1)} Mio, ${VERSION})`,
    command: 'npm run bench -- autocontrole-browser  (site construit dans dist/, servi sur 127.0.0.1, Chromium sans interface)',
    lines: [
      ...Object.values(results).map(line),
      `cible : < ${fmtMs(TARGET_MS)} (Web Worker, fichier sans constat) — médiane de ${runs} chargements de page ; temps mesuré dans la page (marques autocontrole-start → autocontrole-rendered), ${fmtMs(w.wallMs)} vu de Playwright`,
    ],
    metrics: Object.fromEntries(Object.entries(results).map(([k, c]) => [k, { ms: c.ms, wallMs: c.wallMs, longestTaskMs: c.longestTask, phases: c.last.phases, rows: c.last.rows, runs: c.runs.map((r) => r.ms) }])),
    ok,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await bench();
  console.log(`${r.ok ? '✓' : '✗'} ${r.name}`);
  console.log(r.lines.map((l) => `  ${l}`).join('\n'));
  if (process.argv.includes('--verbose')) console.log(JSON.stringify(r.metrics, null, 1));
  process.exitCode = r.ok ? 0 : 1;
}
