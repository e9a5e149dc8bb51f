/**
 * scripts/swap-dist.mjs (issue #22): a killed build leaves nothing behind for long, and the swap of
 * the output never leaves a moment without it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeStale, swapInto } from '../../scripts/swap-dist.mjs';
import { PROJECT_ROOT } from '../helpers/fixture.ts';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'norme-swap-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A folder holding `index.html` with `text`. */
function site(rel: string, text: string): string {
  const dir = path.join(root, rel);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'index.html'), text);
  return dir;
}
/** The pid of a process that has ended. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

describe('sortie du site', () => {
  it('les restes des constructions tuées sont supprimés ; ceux d\'une construction en cours, gardés', () => {
    const tmp = path.join(root, '.tmp');
    const out = path.join(root, 'dist');
    const dead = deadPid();
    const alive = process.ppid;
    for (const d of [`dist-${dead}`, `pagefind-${dead}`, `dist-old-${dead}`, `dist-${alive}`, `pagefind-${alive}`, 'autre']) site(`.tmp/${d}`, 'x');
    site(`.dist-${dead}-0`, 'génération morte');
    site(`.dist-link-${dead}`, 'lien mort');
    site(`.dist-${alive}-0`, 'génération en cours');
    const live = deadPid();
    site(`.dist-${live}-3`, 'site publié');
    spawnSync('ln', ['-s', `.dist-${live}-3`, out]);
    const removed: string[] = [];
    removeStale(tmp, out, (p: string) => {
      removed.push(path.relative(root, p));
      rmSync(p, { recursive: true, force: true });
    });
    expect(removed.sort()).toEqual([`.dist-${dead}-0`, `.dist-link-${dead}`, `.tmp/dist-${dead}`, `.tmp/dist-old-${dead}`, `.tmp/pagefind-${dead}`].sort());
    expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('site publié');
    for (const kept of [`.tmp/dist-${alive}`, `.tmp/pagefind-${alive}`, '.tmp/autre', `.dist-${alive}-0`]) expect(existsSync(path.join(root, kept)), kept).toBe(true);
  });

  it('échange : la sortie devient un lien vers sa génération ; l\'ancienne est rendue pour suppression', () => {
    const out = path.join(root, 'dist');
    site('dist', 'ancien site (dossier ordinaire)');
    const old = path.join(root, '.tmp/dist-old');
    mkdirSync(path.dirname(old), { recursive: true });
    expect(swapInto(site('.tmp/b1', 'v1'), out, old)).toBe(old);
    expect(lstatSync(out).isSymbolicLink()).toBe(true);
    expect(readlinkSync(out)).toBe(`.dist-${process.pid}-0`);
    expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('v1');
    expect(readFileSync(path.join(old, 'index.html'), 'utf8')).toBe('ancien site (dossier ordinaire)');
    // Another build (another pid) replaces it: the generation it replaced is handed back.
    const other = path.join(root, '.dist-1-0');
    site('.dist-1-0', 'v2');
    spawnSync('ln', ['-sfn', '.dist-1-0', out]);
    expect(swapInto(site('.tmp/b3', 'v3'), out, old)).toBe(other);
    expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('v3');
  });

  /** Child process doing `n` swaps of fresh builds into `out` with `how`; the test polls meanwhile. */
  async function missingDuringSwaps(how: 'swapInto' | 'twoRenames', n: number): Promise<number> {
    const out = path.join(root, 'dist');
    // The steady state: a folder for the old way, already a link for swapInto (its first swap over a folder is not timed).
    if (how === 'twoRenames') site('dist', 'v0');
    else swapInto(site('b-init', 'v0'), out, path.join(root, 'old-init'));
    const script = `
      import { mkdirSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
      import path from 'node:path';
      import { swapInto } from ${JSON.stringify(path.join(PROJECT_ROOT, 'scripts/swap-dist.mjs'))};
      const [root, how, n] = process.argv.slice(1);
      const out = path.join(root, 'dist');
      for (let i = 0; i < Number(n); i++) {
        const b = path.join(root, 'b' + i);
        mkdirSync(b);
        writeFileSync(path.join(b, 'index.html'), 'v' + i);
        const old = path.join(root, 'old' + i);
        if (how === 'swapInto') {
          // The replaced generations stay (the build leaves them to the next build): only the swap is timed.
          swapInto(b, out, old);
        } else {
          if (existsSync(out)) renameSync(out, old);
          renameSync(b, out);
          rmSync(old, { recursive: true, force: true });
        }
      }
      writeFileSync(path.join(root, 'fini'), '');`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, root, how, String(n)], { stdio: 'inherit' });
    const done = new Promise((resolve) => child.on('exit', resolve));
    let missing = 0;
    while (!existsSync(path.join(root, 'fini'))) {
      if (!existsSync(path.join(out, 'index.html'))) missing++;
      if (child.exitCode !== null && !existsSync(path.join(root, 'fini'))) break;
    }
    await done;
    expect(child.exitCode).toBe(0);
    return missing;
  }

  it('pendant 500 échanges, la sortie ne manque jamais (témoin : deux renommages la font manquer)', async () => {
    // The gap of two renames lasts microseconds: the control retries until the poller has seen it.
    let seen = 0;
    for (let attempt = 0; attempt < 5 && seen === 0; attempt++) {
      seen = await missingDuringSwaps('twoRenames', 500);
      rmSync(root, { recursive: true, force: true });
      mkdirSync(root);
    }
    expect(seen).toBeGreaterThan(0);
    expect(await missingDuringSwaps('swapInto', 500)).toBe(0);
  });
});
