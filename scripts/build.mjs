// Construction atomique du site : astro build dans un dossier temporaire, puis échange avec
// dist/. Si le registre a des erreurs ou si la construction échoue, dist/ reste intact
// (« rien n'est à moitié écrit »).
//
// Usage : npm run build [-- --registry <dossier> --out <dossier>]
//   --registry  racine d'un autre registre (contenant norm/), ex. une fixture de test
//   --out       dossier de sortie (défaut : dist)
// Variables : NORME_TODAY=AAAA-MM fixe le « mois courant » (page d'accueil, portée par défaut de la recherche) ;
//             NORME_BUILD_STATS=<fichier> écrit durée, mémoire max et nombre de pages (bench).
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const coreUrl = pathToFileURL(path.join(ROOT, 'src/core/index.ts')).href;

if (!isMainThread) {
  // Worker: load and check the registry while Astro starts in the main thread. Only the
  // registry and its diagnostics travel back (the parsed YAML documents stay here).
  const core = await import(coreUrl);
  const { registry, diagnostics } = core.loadRegistry(workerData.root);
  parentPort.postMessage({ registry, diagnostics });
} else {
  await main();
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

const t0 = performance.now();
const tmpRoot = path.join(ROOT, '.tmp');
mkdirSync(tmpRoot, { recursive: true });
const tmp = path.join(tmpRoot, `dist-${process.pid}`);
rmSync(tmp, { recursive: true, force: true });

// 1. The registry is loaded once, in a worker, and handed to src/site/data.ts (same process).
//    If it has errors, the build stops there: nothing is written to the output directory.
let tLoaded = 0;
const loaded = new Promise((resolve, reject) => {
  const w = new Worker(fileURLToPath(import.meta.url), { workerData: { root: registryRoot } });
  w.once('message', resolve);
  w.once('error', reject);
  w.once('exit', (code) => reject(new Error(`chargement du registre interrompu (code ${code})`)));
});
const checked = loaded.then(async (result) => {
  tLoaded = performance.now();
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) {
    const core = await import(coreUrl);
    for (const d of errors) process.stderr.write(core.formatDiagnostic(d) + '\n');
    process.stderr.write(`\nnorme : ${errors.length} erreur(s) dans le registre ; site non construit, ${outLabel}/ inchangé.\n`);
    rmSync(tmp, { recursive: true, force: true });
    process.exit(1);
  }
  return result;
});
checked.catch((err) => {
  process.stderr.write(`\nnorme : ${err?.stack ?? err}\n`);
  rmSync(tmp, { recursive: true, force: true });
  process.exit(1);
});
globalThis[Symbol.for('norme.registry.preloaded')] = { root: registryRoot, result: checked };

// 2. Build into a temporary directory next to the target (same filesystem: rename is atomic).
//    The core is imported now, so that its modules load while Astro bundles the pages.
const debug = process.env.NORME_BUILD_DEBUG ? (m) => process.stderr.write(`[build ${Math.round(performance.now() - t0)} ms] ${m}\n`) : () => {};
import(coreUrl).then(() => debug('cœur chargé (thread principal)'));
loaded.then(() => debug('registre reçu du worker'));
const { build } = await import('astro');
debug('astro importé');
try {
  await build({ root: ROOT, outDir: tmp, logLevel: process.env.NORME_BUILD_QUIET ? 'warn' : 'info' });
} catch (err) {
  rmSync(tmp, { recursive: true, force: true });
  process.stderr.write(`\nnorme : la construction du site a échoué ; ${outLabel}/ inchangé.\n${err?.stack ?? err}\n`);
  process.exit(1);
}

const tBuilt = performance.now();
debug('astro build terminé');

// 3. Search index (Pagefind, French) written into the temporary output, before the swap:
//    a failure leaves the output directory untouched like a failed build (src/site/search/indexer.ts).
let search;
try {
  const { registry } = await checked;
  const core = await import(coreUrl);
  const { buildSearchIndex } = await import(pathToFileURL(path.join(ROOT, 'src/site/search/indexer.ts')).href);
  const month = process.env.NORME_TODAY ?? core.monthOf(new Date());
  search = await buildSearchIndex({ outDir: tmp, registry, root: registryRoot, month, core });
  debug('index de recherche écrit');
  if (!process.env.NORME_BUILD_QUIET) {
    process.stdout.write(
      `norme : index de recherche — ${search.pages} pages et ${search.byType['contrôle'] ?? 0} contrôles ` +
        `(${search.byScope.actuelle} dans la version applicable, ${search.byScope.autre} dans d'autres versions), ` +
        `${(search.bytes / 2 ** 20).toFixed(1)} Mio, ${(search.ms / 1000).toFixed(1)} s.\n`,
    );
  }
} catch (err) {
  rmSync(tmp, { recursive: true, force: true });
  process.stderr.write(`\nnorme : l'index de recherche n'a pas pu être construit ; ${outLabel}/ inchangé.\n${err?.stack ?? err}\n`);
  process.exit(1);
}

// 4. Swap.
const old = path.join(tmpRoot, `dist-old-${process.pid}`);
if (existsSync(outDir)) renameSync(outDir, old);
mkdirSync(path.dirname(outDir), { recursive: true });
renameSync(tmp, outDir);
const ms = performance.now() - t0;
rmSync(old, { recursive: true, force: true });
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
  searchMs: search.ms,
  searchBytes: search.bytes,
  searchRecords: search.pages + search.records,
};
process.stdout.write(
  `\nnorme : site construit dans ${outLabel}/ — ${pages} pages HTML, ${files} fichiers, ` +
    `${(bytes / 2 ** 20).toFixed(1)} Mio, ${(ms / 1000).toFixed(1)} s, mémoire max ${(stats.maxRssKb / 1024).toFixed(0)} Mio.\n`,
);
if (process.env.NORME_BUILD_STATS) writeFileSync(process.env.NORME_BUILD_STATS, JSON.stringify(stats) + '\n');
}
