/**
 * Resolved versions kept as JSON snapshots in the system temp folder, keyed by a fingerprint of
 * their files and of the resolving code: `norme diff` and `norme show dsn/P26V01 …` read one
 * snapshot instead of parsing the version's YAML files. The cache is an optimisation only.
 * Narrow imports on purpose: `norme show` pays for what this file imports.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { registryFromSnapshots, snapshotOf, versionFingerprint, type VersionSnapshot } from '../core/diff/snapshot.ts';
import type { Registry } from '../core/model/types.ts';
import { loadFor, requireClean } from './context.ts';
import type { Io } from './types.ts';

/** Where snapshots of resolved versions are kept (outside the project). */
export function cacheDir(root: string): string {
  return path.join(tmpdir(), 'norme-cache', createHash('sha1').update(path.resolve(root)).digest('hex').slice(0, 16));
}

/** In each cache folder: the registry root it belongs to (to drop the caches of deleted clones). */
const ROOT_FILE = 'root.txt';

/** Remove the cache folders of registries that no longer exist (deleted clones, test fixtures). */
function pruneCaches(parent: string): void {
  for (const name of readdirSync(parent)) {
    const d = path.join(parent, name);
    try {
      const owner = readFileSync(path.join(d, ROOT_FILE), 'utf8').trim();
      if (owner && !existsSync(path.join(owner, 'norm'))) rmSync(d, { recursive: true, force: true });
    } catch {
      // a folder without root.txt (older cache) or being written: left alone
    }
  }
}

/**
 * The versions named by `keys` (`dsn/P26V01`): from snapshots when every one is fresh,
 * otherwise from the YAML files (then snapshotted when they load without errors).
 */
export function loadVersions(io: Io, root: string, keys: string[] | undefined, useCache: boolean): Registry | undefined {
  const dir = cacheDir(root);
  const fps = keys && useCache ? keys.map((k) => versionFingerprint(root, k.split('/')[0], k.split('/')[1])) : [];
  if (keys && useCache && fps.every((f) => f)) {
    try {
      const snaps = keys.map((k, i) => JSON.parse(readFileSync(path.join(dir, `${k.replace('/', '__')}__${fps[i]}.json`), 'utf8')) as VersionSnapshot);
      return registryFromSnapshots(root, snaps);
    } catch {
      // missing or unreadable snapshot: load from the files
    }
  }
  // A version that does not exist: load everything, so that the error can suggest the right one.
  if (keys && keys.some((k) => !existsSync(path.join(root, 'norm', k, 'version.yaml')))) keys = undefined;
  const res = loadFor(io, root, keys ? { only: keys } : {});
  if (!requireClean(io, res)) return undefined;
  if (keys && useCache) {
    try {
      if (!existsSync(dir)) {
        mkdirSync(dir, { recursive: true });
        writeFileSync(path.join(dir, ROOT_FILE), path.resolve(root));
        pruneCaches(path.dirname(dir));
      }
      keys.forEach((k, i) => {
        const [f, ver] = k.split('/');
        const fam = res.registry.families.get(f);
        const v = fam?.versions.get(ver);
        if (!fam || !v || !fps[i]) return;
        const stem = `${f}__${ver}__`;
        for (const old of readdirSync(dir)) if (old.startsWith(stem)) rmSync(path.join(dir, old), { force: true });
        const tmp = path.join(dir, `.${stem}${process.pid}.tmp`);
        writeFileSync(tmp, JSON.stringify(snapshotOf(fam, v, fps[i]!)));
        renameSync(tmp, path.join(dir, `${stem}${fps[i]}.json`));
      });
    } catch {
      // the cache is an optimisation only
    }
  }
  return res.registry;
}

