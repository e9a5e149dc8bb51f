// Construction atomique du site : astro build dans un dossier temporaire, puis échange avec
// dist/. Si le registre a des erreurs ou si la construction (pages ou index de recherche)
// échoue, dist/ reste intact (« rien n'est à moitié écrit »).
// Un thread à part charge le registre, écrit les 5 900 pages d'éléments (blocs, rubriques, types,
// liens permanents) dans la mise en page qu'Astro rend une fois, et construit l'index de recherche
// pendant qu'Astro écrit les autres pages (src/site/render/pages.ts).
//
// Usage : npm run build [-- --registry <dossier> --out <dossier>]
//   --registry  racine d'un autre registre (contenant norm/), ex. une fixture de test
//   --out       dossier de sortie (défaut : dist)
// Variables : NORME_TODAY=AAAA-MM fixe le « mois courant » (page d'accueil, portée par défaut de la recherche) ;
//             NORME_BUILD_STATS=<fichier> écrit durée, mémoire max et nombre de pages (bench) ;
//             NORME_BUILD_DEBUG=1 affiche la durée de chaque étape ;
//             NORME_BUILD_VERBOSE=1 affiche le journal complet d'Astro (une ligne par page) ;
//             NORME_BUILD_QUIET=1 n'affiche que les avertissements et les erreurs ;
//             NORME_SEARCH_NICE_OFF=1 laisse l'index à la priorité normale (mesures) ;
//             NORME_SEARCH_PIN_OFF=1 laisse Pagefind sur tous les processeurs (mesures) ;
//             NORME_EXTERNAL_PAGES_OFF=1 laisse Astro écrire toutes les pages (même site, plus lent : tests, mesures) ;
//             SOURCE_DATE_EPOCH=<secondes> date la construction (pied de page), pour des constructions reproductibles ;
//             NORME_SEARCH_OFF=1 ne construit pas l'index de recherche (mesures seulement : exige --out,
//             le site obtenu n'a pas de recherche ; le bench y lit ce que coûtent Astro et nos pages seuls).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { processCpuMs, threadCpuMs } from './cpu-usage.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const coreUrl = pathToFileURL(path.join(ROOT, 'src/core/index.ts')).href;
const srcUrl = (p) => pathToFileURL(path.join(ROOT, 'src', p)).href;

/** Record type of the search index (scope.ts) → kind of element page (src/site/render/pages.ts). */
const INDEXED_KIND = { bloc: 'block', rubrique: 'rubrique', 'type de données': 'datatype' };

/** Worker: resolves when the main thread says `astro build` is over. */
let astroDone = false;
const built = isMainThread
  ? null
  : new Promise((resolve) => {
      parentPort.on('message', (m) => {
        if (m.type === 'built') {
          astroDone = true;
          resolve();
        }
      });
    });

if (!isMainThread) {
  // Worker: load and check the registry while Astro starts in the main thread. Only the
  // registry and its diagnostics travel back (the parsed YAML documents stay here).
  const core = await import(coreUrl);
  const { registry, diagnostics } = core.loadRegistry(workerData.root);
  parentPort.postMessage({ type: 'registry', registry, diagnostics });
  if (!core.hasErrors(diagnostics)) {
    // The fiches consignes too (src/site/data.ts getConsignes; their errors are reported there).
    const consignes = core.loadConsignes(workerData.root, registry);
    parentPort.postMessage({ type: 'consignes', consignes });
    // src/site/data.ts builds the site model of this thread from them, not from a second load.
    globalThis[Symbol.for('norme.registry.preloaded')] = { root: workerData.root, result: Promise.resolve({ registry, diagnostics }) };
    globalThis[Symbol.for('norme.consignes.preloaded')] = { root: workerData.root, result: Promise.resolve(consignes) };
    const month = process.env.NORME_TODAY ?? core.monthOf(new Date());
    // The norm elements the search index holds (computed once: the pages it reads are written first).
    const { indexedElements } = await import(srcUrl('site/search/indexer.ts'));
    const elements = workerData.searchOff ? null : indexedElements(registry, month, core);
    const mains = workerData.externalPages && !workerData.searchOff ? pageMains() : null;
    const pagesDone = workerData.externalPages ? writePagesWhileBuilding(mains, elements) : Promise.resolve();
    if (workerData.searchOff) {
      // Measures only (NORME_SEARCH_OFF): no index; this thread's CPU (registry, pages) for the report.
      await pagesDone;
      const own = process.threadCpuUsage();
      parentPort.postMessage({ type: 'search', stats: { off: true, workerCpuMs: Math.round((own.user + own.system) / 1000) } });
    } else await indexWhileBuilding(core, registry, month, elements, consignes.consignes, pagesDone, mains);
    await pagesDone;
  }
  // Nothing more to receive: let the thread end.
  parentPort.removeAllListeners('message');
  parentPort.unref();
} else {
  await main();
}

function workerDebug(m) {
  if (process.env.NORME_BUILD_DEBUG) process.stderr.write(`[build ${Math.round(performance.timeOrigin + performance.now() - workerData.t0)} ms] ${m} (worker)\n`);
}

/**
 * Worker: resolves once Astro has written this file completely (it ends with its closing tag:
 * Astro writes each page once, in one writeFile), at the latest once `astro build` is over.
 */
async function pageWritten(file) {
  const complete = () => {
    try {
      return readFileSync(file, 'utf8').trimEnd().endsWith('</html>');
    } catch {
      return false;
    }
  };
  while (!astroDone && !complete()) await Promise.race([built, new Promise((r) => setTimeout(r, 50))]);
}

/**
 * Worker: what the search index reads of the pages this thread writes (their <main>), by file:
 * the index does not render them a second time. `get` resolves to undefined for a page that is
 * not listed (the index then renders it: content.ts).
 */
function pageMains() {
  const waiting = new Map();
  let listed;
  const list = new Promise((r) => (listed = r));
  return {
    onList(pages, fileOf) {
      for (const p of pages) {
        let resolve;
        const promise = new Promise((r) => (resolve = r));
        waiting.set(fileOf(p), { promise, resolve });
      }
      listed();
    },
    onPage(file, main) {
      waiting.get(file)?.resolve(main);
    },
    async get(file) {
      await list;
      const w = waiting.get(file);
      if (!w) return undefined;
      const main = await w.promise;
      waiting.delete(file);
      return main;
    },
  };
}

/**
 * Worker: the element pages (5 900 of the 6 300 pages), rendered by the site's own functions
 * and written into the layout Astro renders once (src/site/write-pages.ts); what the search
 * index reads of them goes to `mains` (null: no index).
 */
async function writePagesWhileBuilding(mains, indexed) {
  try {
    const { writeBuildPages } = await import(srcUrl('site/write-pages.ts'));
    const { pageFile, versionElementFile } = await import(srcUrl('site/render/pages.ts'));
    // The pages the search index reads come first: the index can finish while Astro works.
    let first;
    if (indexed) {
      const files = new Set(indexed.filter((s) => INDEXED_KIND[s.type]).map((s) => versionElementFile(s.family, s.version, INDEXED_KIND[s.type], s.id)));
      first = (p) => files.has(pageFile(p));
    }
    workerDebug('écriture des pages d\'éléments : début');
    const stats = await writeBuildPages({
      outDir: workerData.outDir,
      pageWritten,
      first,
      // Only the pages the index reads are kept for it.
      onList: mains && ((pages) => mains.onList(first ? pages.filter(first) : pages, pageFile)),
      onPage: mains && ((p, main) => mains.onPage(pageFile(p), main)),
    });
    workerDebug(`${stats.pages} pages d'éléments écrites en ${stats.ms} ms (gabarit lu à ${stats.shellsAtMs} ms, pages rendues à ${stats.renderedAtMs} ms, attente ${stats.waitMs} ms)`);
    parentPort.postMessage({ type: 'pages', stats });
  } catch (err) {
    parentPort.postMessage({ type: 'pages-error', message: String(err?.message ?? err), stack: err?.stack });
  }
}

/**
 * Worker, once the registry is sent: the search index, built while Astro renders its pages in
 * the main thread. Block, rubrique and data type pages: their <main> as this thread writes them
 * (`mains`, writePagesWhileBuilding), else rendered by the site's own functions
 * (src/site/search/content.ts; NORME_EXTERNAL_PAGES_OFF). The fiches consignes are Astro pages:
 * each is read from the temporary output as soon as Astro has written it completely (their
 * routes come early in the build), at the latest when the main thread says `astro build` is
 * over. The bundle goes to `workerData.searchOut`, moved into the output before the swap.
 */
async function indexWhileBuilding(core, registry, month, elements, consignes, pagesWritten, mains) {
  const debug = workerDebug;
  // Lowest priority for this thread and the Pagefind process it starts (Linux: per thread):
  // Astro's threads keep the CPU they need, the index takes what is left. Not while this thread
  // also writes the element pages (writePagesWhileBuilding), which the build waits for.
  if (process.platform === 'linux' && !process.env.NORME_SEARCH_NICE_OFF && !workerData.externalPages) {
    try {
      os.setPriority(19);
    } catch {}
  }
  try {
    const { siteRenderer } = await import(srcUrl('site/search/content.ts'));
    const { buildSearchIndex } = await import(srcUrl('site/search/indexer.ts'));
    const renderPage = await siteRenderer();
    debug('modèle du site prêt pour l\'index');
    // The pages this thread writes: their <main> as written (same index as from the output);
    // without them (NORME_EXTERNAL_PAGES_OFF), rendered for the index alone (content.ts).
    const { versionElementFile } = await import(srcUrl('site/render/pages.ts'));
    const render = mains
      ? async (s) => (await mains.get(versionElementFile(s.family, s.version, INDEXED_KIND[s.type], s.id))) ?? renderPage(s)
      : renderPage;
    let pagefindCpuMs = null;
    const stats = await buildSearchIndex({
      outDir: workerData.outDir,
      registry,
      root: workerData.root,
      month,
      core,
      outputPath: workerData.searchOut,
      render,
      pageWritten,
      consignes,
      elements,
      // Beside Astro's pages, Pagefind costs less CPU on one processor (pagefind-service.ts).
      oneProcessor: !process.env.NORME_SEARCH_PIN_OFF,
      beforeClose: (pid) => (pagefindCpuMs = processCpuMs(pid)),
    });
    debug('index de recherche écrit');
    // CPU of this thread (registry, pages, index) and of Pagefind's process, for the build report.
    await pagesWritten;
    const own = process.threadCpuUsage();
    parentPort.postMessage({ type: 'search', stats: { ...stats, workerCpuMs: Math.round((own.user + own.system) / 1000), pagefindCpuMs } });
  } catch (err) {
    parentPort.postMessage({ type: 'search-error', message: String(err?.message ?? err), stack: err?.stack });
  }
}

/** Delete a folder from a detached process that outlives this one (synchronously if it cannot start). */
function removeInBackground(dir) {
  try {
    const child = spawn(process.execPath, ['-e', 'require("node:fs").rmSync(process.argv[1], { recursive: true, force: true })', dir], { detached: true, stdio: 'ignore' });
    child.on('error', () => rmSync(dir, { recursive: true, force: true }));
    child.unref();
  } catch {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
process.chdir(ROOT);
process.env.ASTRO_TELEMETRY_DISABLED = '1';

function arg(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const registry = arg('--registry');
if (registry) process.env.NORME_ROOT = path.resolve(registry);
const outDir = path.resolve(arg('--out') ?? process.env.NORME_OUT ?? 'dist');
const outLabel = path.relative(ROOT, outDir).startsWith('..') ? outDir : path.relative(ROOT, outDir) || outDir;
const registryRoot = process.env.NORME_ROOT ? path.resolve(process.env.NORME_ROOT) : ROOT;
// A site without search must never replace the published one: measures only, elsewhere.
const searchOff = Boolean(process.env.NORME_SEARCH_OFF);
if (searchOff && outDir === path.resolve('dist')) {
  process.stderr.write("norme : NORME_SEARCH_OFF ne sert qu'aux mesures (site sans recherche) : indiquez un autre dossier de sortie avec --out <dossier> ; dist/ inchangé.\n");
  process.exit(2);
}

const t0 = performance.now();
const tmpRoot = path.join(ROOT, '.tmp');
mkdirSync(tmpRoot, { recursive: true });
const tmp = path.join(tmpRoot, `dist-${process.pid}`);
rmSync(tmp, { recursive: true, force: true });
// Previous outputs whose background deletion was interrupted (machine stopped…).
for (const f of readdirSync(tmpRoot)) if (/^dist-old-\d+$/.test(f)) removeInBackground(path.join(tmpRoot, f));
// The search bundle, written by the worker, moved into tmp/pagefind/ before the swap.
const searchOut = path.join(tmpRoot, `pagefind-${process.pid}`);
rmSync(searchOut, { recursive: true, force: true });
const cleanup = () => {
  rmSync(tmp, { recursive: true, force: true });
  rmSync(searchOut, { recursive: true, force: true });
};

// 1. The registry is loaded once, in a worker, and handed to src/site/data.ts (same process).
//    If it has errors, the build stops there: nothing is written to the output directory.
//    The same worker then builds the search index (3) while Astro builds the pages (2).
let tLoaded = 0;
let tSearched = 0;
// The element pages no fiche cites are written by the worker, not by Astro (src/site/render/pages.ts);
// NORME_EXTERNAL_PAGES_OFF=1 lets Astro write every page (tests/site/element-pages.test.ts, measures).
const externalPages = !process.env.NORME_EXTERNAL_PAGES_OFF;
if (externalPages) globalThis[Symbol.for('norme.pages.external')] = true;
const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { root: registryRoot, outDir: tmp, searchOut, searchOff, externalPages, t0: performance.timeOrigin + t0 } });
/**
 * The first message `type` of the worker (`{ type: type + '-error' }` rejects); rejected too if the
 * worker fails or ends before sending it (`stopped`: what to say then).
 */
function fromWorker(type, stopped) {
  return new Promise((resolve, reject) => {
    worker.on('message', (m) => {
      if (m.type === type) resolve(m);
      else if (m.type === `${type}-error`) reject(Object.assign(new Error(m.message), { stack: m.stack ?? m.message }));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`${stopped} (code ${code})`)));
  });
}
const loaded = fromWorker('registry', 'chargement du registre interrompu');
const searched = fromWorker('search', "construction de l'index interrompue").then(
  (m) => ((tSearched = performance.now()), m.stats),
  (err) => {
    tSearched = performance.now();
    throw err;
  },
);
const pagesWritten = externalPages ? fromWorker('pages', "écriture des pages d'éléments interrompue") : Promise.resolve({ stats: null });
pagesWritten.catch(() => {});
const consignesLoaded = fromWorker('consignes', 'chargement des fiches consignes interrompu').then((m) => m.consignes);
// Awaited after `astro build` (or by the site's pages); a failure before then must not end the process unhandled.
searched.catch(() => {});
consignesLoaded.catch(() => {});
const checked = loaded.then(async (result) => {
  tLoaded = performance.now();
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) {
    const core = await import(coreUrl);
    for (const d of errors) process.stderr.write(core.formatDiagnostic(d) + '\n');
    process.stderr.write(`\nnorme : ${errors.length} erreur(s) dans le registre ; site non construit, ${outLabel}/ inchangé.\n`);
    cleanup();
    process.exit(1);
  }
  return result;
});
checked.catch((err) => {
  process.stderr.write(`\nnorme : ${err?.stack ?? err}\n`);
  cleanup();
  process.exit(1);
});
globalThis[Symbol.for('norme.registry.preloaded')] = { root: registryRoot, result: checked };
globalThis[Symbol.for('norme.consignes.preloaded')] = { root: registryRoot, result: consignesLoaded };

// 2. Build into a temporary directory next to the target (same filesystem: rename is atomic).
//    The core is imported now, so that its modules load while Astro bundles the pages.
const debug = process.env.NORME_BUILD_DEBUG ? (m) => process.stderr.write(`[build ${Math.round(performance.now() - t0)} ms] ${m}\n`) : () => {};
import(coreUrl).then(() => debug('cœur chargé (thread principal)'));
loaded.then(() => debug('registre reçu du worker'));
const { build } = await import('astro');
debug('astro importé');
try {
  // Astro's own log lists every page written (6 000 lines, and 1 to 2 s of build time measured):
  // only its warnings and errors by default; NORME_BUILD_VERBOSE=1 for the full log.
  if (!process.env.NORME_BUILD_QUIET) process.stdout.write(`norme : construction des pages et de l'index de recherche dans ${path.relative(ROOT, tmp)}/…\n`);
  // The output folder is new (emptied above): Astro must not empty it once more, since the worker
  // creates the folders of the element pages in it while Astro starts.
  await build({ root: ROOT, outDir: tmp, logLevel: process.env.NORME_BUILD_VERBOSE ? 'info' : 'warn', vite: { build: { emptyOutDir: false } } });
} catch (err) {
  cleanup();
  process.stderr.write(`\nnorme : la construction du site a échoué ; ${outLabel}/ inchangé.\n${err?.stack ?? err}\n`);
  process.exit(1);
}

const tBuilt = performance.now();
debug('astro build terminé');
worker.postMessage({ type: 'built' });

// 3. The element pages written by the worker (into the layout Astro has just rendered: the
//    template pages, removed now). A failure leaves the output directory untouched.
if (externalPages) {
  try {
    const { stats } = await pagesWritten;
    debug(`pages d'éléments écrites par le worker : ${stats.pages} (attente du gabarit ${stats.waitMs} ms)`);
    rmSync(path.join(tmp, stats.templateDir), { recursive: true, force: true });
  } catch (err) {
    cleanup();
    process.stderr.write(`\nnorme : les pages des éléments n'ont pas pu être écrites ; ${outLabel}/ inchangé.\n${err?.stack ?? err}\n`);
    process.exit(1);
  }
}

// 4. Search index (Pagefind, French): built by the worker since the registry was loaded; it
//    now reads the fiches consignes from the output and writes the bundle. Moved into the
//    output before the swap: a failure leaves the output directory untouched like a failed
//    build (src/site/search/indexer.ts).
let search;
try {
  search = await searched;
  if (search.off) {
    if (!process.env.NORME_BUILD_QUIET) {
      process.stdout.write("norme : index de recherche non construit (NORME_SEARCH_OFF, mesures) : la recherche de ce site ne répondra pas.\n");
    }
  } else {
    renameSync(searchOut, path.join(tmp, 'pagefind'));
    debug(
      `index de recherche prêt (${search.rendered} pages rendues par le worker ; ajout ${search.addMs} ms dont ` +
        `${search.waitMs} ms d'attente des fiches, écriture ${search.writeMs} ms)`,
    );
    if (!process.env.NORME_BUILD_QUIET) {
      process.stdout.write(
        `norme : index de recherche — ${search.pages} pages et ${search.byType['contrôle'] ?? 0} contrôles ` +
          `(${search.byScope.actuelle} dans la version applicable, ${search.byScope.autre} dans d'autres versions), ` +
          `${(search.bytes / 2 ** 20).toFixed(1)} Mio, construit pendant les pages` +
          (tSearched > tBuilt ? ` (terminé ${((tSearched - tBuilt) / 1000).toFixed(1)} s après elles).\n` : '.\n'),
      );
    }
  }
} catch (err) {
  cleanup();
  process.stderr.write(`\nnorme : l'index de recherche n'a pas pu être construit ; ${outLabel}/ inchangé.\n${err?.stack ?? err}\n`);
  process.exit(1);
}

// 4b. sitemap.xml: every page of the output (src/site/sitemap.ts).
{
  const { writeSitemap } = await import(srcUrl('site/sitemap.ts'));
  debug(`sitemap.xml : ${writeSitemap(tmp)} pages`);
}

// 5. Swap.
const old = path.join(tmpRoot, `dist-old-${process.pid}`);
if (existsSync(outDir)) renameSync(outDir, old);
mkdirSync(path.dirname(outDir), { recursive: true });
renameSync(tmp, outDir);
const ms = performance.now() - t0;
// The previous output is deleted in the background: removing its ~9 000 files takes 2 to 4 s on
// the measuring machine, and nobody needs to wait for it (the new site is already in place).
if (existsSync(old)) removeInBackground(old);
let pages = 0;
let files = 0;
let bytes = 0;
const walk = (d) => {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p);
    else {
      files++;
      bytes += statSync(p).size;
      if (e.name.endsWith('.html')) pages++;
    }
  }
};
walk(outDir);
const stats = {
  ms: Math.round(ms),
  loadMs: Math.round(tLoaded - t0),
  astroMs: Math.round(tBuilt - t0),
  pages,
  files,
  bytes,
  maxRssKb: process.resourceUsage().maxRSS,
  cpuMs: Math.round((process.resourceUsage().userCPUTime + process.resourceUsage().systemCPUTime) / 1000),
  ...(search.off
    ? { searchOff: true }
    : {
        searchMs: search.ms,
        // Part of the index after `astro build` (the rest overlaps the pages).
        searchAfterMs: Math.max(0, Math.round(tSearched - tBuilt)),
        searchBytes: search.bytes,
        searchRecords: search.pages + search.records,
      }),
  // CPU ms by part (Linux; null elsewhere): threads of this process, the worker (registry and
  // index, ended by now), Pagefind's process.
  cpu: { ...threadCpuMs(), worker: search.workerCpuMs, pagefind: search.pagefindCpuMs ?? null },
};
process.stdout.write(
  `\nnorme : site construit dans ${outLabel}/ — ${pages} pages HTML, ${files} fichiers, ` +
    `${(bytes / 2 ** 20).toFixed(1)} Mio, ${(ms / 1000).toFixed(1)} s, mémoire max ${(stats.maxRssKb / 1024).toFixed(0)} Mio.\n`,
);
if (process.env.NORME_BUILD_STATS) writeFileSync(process.env.NORME_BUILD_STATS, JSON.stringify(stats) + '\n');
}
