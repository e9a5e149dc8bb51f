// The output swap of scripts/build.mjs, and the removal of what killed builds left behind.
//
// Why a symbolic link: a build is written to a temporary folder, then must replace the published
// one with no moment where it is missing (a server or `astro preview` reading it meanwhile would
// answer 404). Two renames (old out of the way, new in place) leave such a moment. Linux can
// exchange two folders atomically (renameat2 RENAME_EXCHANGE), but Node does not expose it and
// `mv --exchange` is too recent to rely on (coreutils 9.5). Renaming a new symbolic link over the
// old one is atomic everywhere (rename(2)), so the output (`dist`) is a symbolic link to its
// current generation, a hidden sibling folder `.dist-<pid>-<n>`; readers (astro preview, static
// servers, the tests) follow it as a folder. The first swap over a real folder left by an older
// build still takes two renames, once.
import { existsSync, lstatSync, readdirSync, readlinkSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';

/** Is process `pid` running? (EPERM: it exists, owned by someone else.) */
export function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

const generationPrefix = (outDir) => `.${path.basename(outDir)}-`;
/** After the prefix: `<pid>-<n>` for a generation, `link-<pid>` for a link being put in place. */
const GENERATION = /^(?:link-(\d+)|(\d+)-\d+)$/;

/** The generation folder `outDir` points to, or undefined when it is not one of our links. */
export function currentGeneration(outDir) {
  try {
    if (!lstatSync(outDir).isSymbolicLink()) return undefined;
    const target = path.resolve(path.dirname(outDir), readlinkSync(outDir));
    return isGeneration(outDir, target) ? target : undefined;
  } catch {
    return undefined;
  }
}

function isGeneration(outDir, abs) {
  const prefix = generationPrefix(outDir);
  const name = path.basename(abs);
  return path.dirname(abs) === path.dirname(outDir) && name.startsWith(prefix) && GENERATION.test(name.slice(prefix.length));
}

/**
 * Leftovers of builds whose process is dead (killed, machine stopped): `.tmp/dist-<pid>`,
 * `.tmp/pagefind-<pid>`, `.tmp/dist-old-<pid>`, and generations or links beside `outDir` that
 * `outDir` does not point to. A leftover of a build still running is kept. Returns what was handed
 * to `remove`.
 */
export function removeStale(tmpRoot, outDir, remove) {
  const removed = [];
  const drop = (abs) => {
    removed.push(abs);
    remove(abs);
  };
  for (const f of safeList(tmpRoot)) {
    const m = /^(?:dist|dist-old|pagefind)-(\d+)$/.exec(f);
    if (m && Number(m[1]) !== process.pid && !pidAlive(Number(m[1]))) drop(path.join(tmpRoot, f));
  }
  const live = currentGeneration(outDir);
  const prefix = generationPrefix(outDir);
  for (const f of safeList(path.dirname(outDir))) {
    const abs = path.join(path.dirname(outDir), f);
    if (!f.startsWith(prefix) || !isGeneration(outDir, abs) || abs === live) continue;
    const m = GENERATION.exec(f.slice(prefix.length));
    const pid = Number(m[1] ?? m[2]);
    if (pid !== process.pid && !pidAlive(pid)) drop(abs);
  }
  return removed;
}

function safeList(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * Put the finished build `built` in place at `outDir`, atomically: `built` becomes the generation
 * `.<out>-<pid>-<n>` beside `outDir`, and a new link to it is renamed over `outDir`. Returns the
 * folder the output was before (a previous generation, or the real folder moved to `oldDir`), or
 * undefined. A previous generation is better left until the next build (removeStale): a reader
 * that resolved the link just before may still be in it.
 */
export function swapInto(built, outDir, oldDir) {
  const parent = path.dirname(outDir);
  // A name never in use, even if this pid already built the published generation.
  let n = 0;
  while (existsSync(path.join(parent, `${generationPrefix(outDir)}${process.pid}-${n}`))) n++;
  const gen = path.join(parent, `${generationPrefix(outDir)}${process.pid}-${n}`);
  const link = path.join(parent, `${generationPrefix(outDir)}link-${process.pid}`);
  rmSync(link, { force: true });
  renameSync(built, gen);
  symlinkSync(path.basename(gen), link, 'dir');
  let previous;
  let st;
  try {
    st = lstatSync(outDir);
  } catch {
    st = undefined;
  }
  if (st?.isSymbolicLink()) previous = currentGeneration(outDir);
  else if (st) {
    // A real folder (an older build, or a first build): moved aside, once.
    renameSync(outDir, oldDir);
    previous = oldDir;
  }
  renameSync(link, outDir);
  return previous && previous !== gen ? previous : undefined;
}
