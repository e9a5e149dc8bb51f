// Construction atomique du site : astro build dans un dossier temporaire, puis échange avec
// dist/. Si le registre a des erreurs ou si la construction (pages ou index de recherche)
// échoue, dist/ reste intact (« rien n'est à moitié écrit »). Le reste (registre chargé une
// fois, pages d'éléments, index de recherche) est l'intégration Astro src/site/integration.ts.
//
// Usage : npm run build [-- --registry <dossier> --out <dossier>]
//   --registry  racine d'un autre registre (contenant norm/), ex. une fixture de test
//   --out       dossier de sortie (défaut : dist)
// Variables : NORME_TODAY=AAAA-MM fixe le « mois courant » (page d'accueil, portée par défaut de la recherche) ;
//             SOURCE_DATE_EPOCH=<secondes> date la construction (pied de page), pour des constructions reproductibles ;
//             NORME_BUILD_VERBOSE=1 affiche le journal complet d'Astro ; NORME_BUILD_QUIET=1 n'affiche que les erreurs.
// Mesures (sans index, pages par Astro…) : scripts/bench/build-variant.mjs.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { removeStale, swapInto } from './swap-dist.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(ROOT);
process.env.ASTRO_TELEMETRY_DISABLED = '1';
const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
if (arg('--registry')) process.env.NORME_ROOT = path.resolve(arg('--registry'));
const outDir = path.resolve(arg('--out') ?? process.env.NORME_OUT ?? 'dist');
const outLabel = path.relative(ROOT, outDir).startsWith('..') ? outDir : path.relative(ROOT, outDir) || outDir;
const quiet = Boolean(process.env.NORME_BUILD_QUIET);
const { astroBuild, failureMessage, outputStats, searchLine } = await import('../src/site/build/run.ts');

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

// 1. Build into a temporary directory next to the target's tools (.tmp/, same filesystem as dist/: rename is atomic).
const t0 = performance.now();
const tmpRoot = path.join(ROOT, '.tmp');
mkdirSync(tmpRoot, { recursive: true });
const tmp = path.join(tmpRoot, `dist-${process.pid}`);
rmSync(tmp, { recursive: true, force: true });
// What killed builds left (their process is dead): temporary outputs, search bundles, previous
// outputs whose background deletion was interrupted, unused generations (scripts/swap-dist.mjs).
removeStale(tmpRoot, outDir, removeInBackground);
if (!quiet) process.stdout.write(`norme : construction des pages et de l'index de recherche dans ${path.relative(ROOT, tmp)}/…\n`);
let report;
try {
  report = await astroBuild(ROOT, tmp, { verbose: Boolean(process.env.NORME_BUILD_VERBOSE) });
} catch (err) {
  rmSync(tmp, { recursive: true, force: true });
  process.stderr.write(failureMessage(err, outLabel));
  process.exit(1);
}
if (!quiet) process.stdout.write(searchLine(report));

// 2. Swap, atomic: the output is a symbolic link renamed over the previous one (scripts/swap-dist.mjs).
//    The generation replaced stays until the next build removes it (removeStale): a reader may still
//    be in it. A real folder moved aside (first swap) is deleted in the background (~9 000 files).
mkdirSync(path.dirname(outDir), { recursive: true });
const oldDir = path.join(tmpRoot, `dist-old-${process.pid}`);
const old = swapInto(tmp, outDir, oldDir);
const ms = performance.now() - t0;
if (old === oldDir && existsSync(old)) removeInBackground(old);
const { pages, files, bytes } = outputStats(outDir);
process.stdout.write(
  `\nnorme : site construit dans ${outLabel}/ — ${pages} pages HTML, ${files} fichiers, ` +
    `${(bytes / 2 ** 20).toFixed(1)} Mio, ${(ms / 1000).toFixed(1)} s, mémoire max ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} Mio.\n`,
);
