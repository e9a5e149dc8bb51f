// Construction atomique du site : astro build dans un dossier temporaire, puis échange avec
// dist/. Si le registre a des erreurs ou si la construction échoue, dist/ reste intact
// (« rien n'est à moitié écrit »).
//
// Usage : npm run build [-- --registry <dossier> --out <dossier>]
//   --registry  racine d'un autre registre (contenant norm/), ex. une fixture de test
//   --out       dossier de sortie (défaut : dist)
// Variables : NORME_TODAY=AAAA-MM fixe le « mois courant » de la page d'accueil ;
//             NORME_BUILD_STATS=<fichier> écrit durée, mémoire max et nombre de pages (bench).
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(ROOT);
process.env.ASTRO_TELEMETRY_DISABLED = '1';

function arg(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const registry = arg('--registry');
if (registry) process.env.NORME_ROOT = path.resolve(registry);
const outDir = path.resolve(arg('--out') ?? process.env.NORME_OUT ?? 'dist');
const registryRoot = process.env.NORME_ROOT ? path.resolve(process.env.NORME_ROOT) : ROOT;

const t0 = performance.now();

// 1. The registry must be valid before anything is rendered.
const core = await import(pathToFileURL(path.join(ROOT, 'src/core/index.ts')).href);
const loaded = core.loadRegistry(registryRoot);
const { diagnostics } = loaded;
// Handed to src/site/data.ts (same process, same core module): the registry is read once.
globalThis[Symbol.for('norme.registry.preloaded')] = { root: registryRoot, result: loaded };
const errors = diagnostics.filter((d) => d.severity === 'error');
if (errors.length) {
  for (const d of errors) process.stderr.write(core.formatDiagnostic(d) + '\n');
  process.stderr.write(`\nnorme : ${errors.length} erreur(s) dans le registre ; site non construit, ${path.relative(ROOT, outDir) || outDir}/ inchangé.\n`);
  process.exit(1);
}

// 2. Build into a temporary directory next to the target (same filesystem: rename is atomic).
const tmpRoot = path.join(ROOT, '.tmp');
mkdirSync(tmpRoot, { recursive: true });
const tmp = path.join(tmpRoot, `dist-${process.pid}`);
rmSync(tmp, { recursive: true, force: true });
const { build } = await import('astro');
try {
  await build({ root: ROOT, outDir: tmp, logLevel: process.env.NORME_BUILD_QUIET ? 'warn' : 'info' });
} catch (err) {
  rmSync(tmp, { recursive: true, force: true });
  process.stderr.write(`\nnorme : la construction du site a échoué ; ${path.relative(ROOT, outDir) || outDir}/ inchangé.\n${err?.stack ?? err}\n`);
  process.exit(1);
}

// 3. Swap.
const old = path.join(tmpRoot, `dist-old-${process.pid}`);
if (existsSync(outDir)) renameSync(outDir, old);
mkdirSync(path.dirname(outDir), { recursive: true });
renameSync(tmp, outDir);
rmSync(old, { recursive: true, force: true });

const ms = performance.now() - t0;
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
const stats = { ms: Math.round(ms), pages, files, bytes, maxRssKb: process.resourceUsage().maxRSS };
process.stdout.write(
  `\nnorme : site construit dans ${path.relative(ROOT, outDir) || outDir}/ — ${pages} pages HTML, ${files} fichiers, ` +
    `${(bytes / 2 ** 20).toFixed(1)} Mio, ${(ms / 1000).toFixed(1)} s, mémoire max ${(stats.maxRssKb / 1024).toFixed(0)} Mio.\n`,
);
if (process.env.NORME_BUILD_STATS) writeFileSync(process.env.NORME_BUILD_STATS, JSON.stringify(stats) + '\n');
