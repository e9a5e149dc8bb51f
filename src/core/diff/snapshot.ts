/**
 * Snapshots of resolved versions, so that `norme diff` does not re-parse hundreds of YAML
 * files on every run. A snapshot is keyed by a fingerprint of the version's files (content)
 * and of the core code that resolved them; it is only ever written for a version that
 * loaded without errors. Pure: reads files, returns data; the CLI stores the snapshots.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { indexBlock } from '../model/index-block.ts';
import type { Block, Datatype, Family, JournalRecord, Registry, ResolvedFamily, ResolvedVersion, Version } from '../model/types.ts';

export const SNAPSHOT_FORMAT = 1;

interface VersionSnapshotData {
  family: string;
  id: string;
  key: string;
  dir: string;
  meta: Version;
  blocks: Block[];
  datatypes: Datatype[];
  files: { blocks: [string, string][]; datatypes: [string, string][] };
  journal: JournalRecord[];
  base?: VersionSnapshotData;
}

export interface VersionSnapshot {
  format: number;
  fingerprint: string;
  familyFile: string;
  familyMeta: Family;
  version: VersionSnapshotData;
}

const coreDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let salt: string | undefined;

/** Core folders whose code decides how a version is resolved (the stages of `registry.ts`, which is hashed too). */
const RESOLVING_CODE = ['load', 'resolve', 'schemas', 'validate', 'journal', 'model', 'diagnostics'];

/** Changes whenever the resolving code or the schemas change (size and modification time of each file). */
function codeSalt(): string {
  if (salt) return salt;
  const h = createHash('sha1');
  h.update(`${statSync(fileURLToPath(import.meta.url)).mtimeMs}\n`);
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|json)$/.test(e.name)) {
        const s = statSync(p);
        h.update(`${path.relative(coreDir, p)}\0${s.size}\0${s.mtimeMs}\n`);
      }
    }
  };
  for (const d of RESOLVING_CODE) if (existsSync(path.join(coreDir, d))) walk(path.join(coreDir, d));
  for (const f of ['registry.ts', 'registry.js']) {
    const p = path.join(coreDir, f);
    if (existsSync(p)) h.update(`${f}\0${statSync(p).size}\0${statSync(p).mtimeMs}\n`);
  }
  return (salt = h.digest('hex'));
}

/**
 * Fingerprint of `norm/<family>/<version>` (every file's path and content) plus the family
 * file and the core code. Undefined when the folder does not exist.
 */
export function versionFingerprint(root: string, family: string, version: string, normDir = 'norm'): string | undefined {
  const famDir = path.join(root, normDir, family);
  const dir = path.join(famDir, version);
  if (!existsSync(path.join(dir, 'version.yaml'))) return undefined;
  const h = createHash('sha1');
  h.update(`${SNAPSHOT_FORMAT}\0${codeSalt()}\0`);
  const add = (abs: string) => {
    h.update(path.relative(famDir, abs) + '\0');
    h.update(readFileSync(abs));
    h.update('\0');
  };
  if (existsSync(path.join(famDir, 'family.yaml'))) add(path.join(famDir, 'family.yaml'));
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else add(p);
    }
  };
  walk(dir);
  return h.digest('hex');
}

function data(v: ResolvedVersion): VersionSnapshotData {
  const d: VersionSnapshotData = {
    family: v.family,
    id: v.id,
    key: v.key,
    dir: v.dir,
    meta: v.meta,
    blocks: [...v.blocks.values()],
    datatypes: [...v.datatypes.values()],
    files: { blocks: [...v.files.blocks], datatypes: [...v.files.datatypes] },
    journal: v.journal,
  };
  if (v.base) d.base = data(v.base);
  return d;
}

export function snapshotOf(fam: ResolvedFamily, v: ResolvedVersion, fingerprint: string): VersionSnapshot {
  return { format: SNAPSHOT_FORMAT, fingerprint, familyFile: fam.file, familyMeta: fam.meta, version: data(v) };
}

function revive(d: VersionSnapshotData): ResolvedVersion {
  const v: ResolvedVersion = {
    family: d.family,
    id: d.id,
    key: d.key,
    dir: d.dir,
    meta: d.meta,
    blocks: new Map(d.blocks.map((b) => [b.id, b])),
    rubriques: new Map(),
    datatypes: new Map(d.datatypes.map((t) => [t.id, t])),
    controls: new Map(),
    files: { blocks: new Map(d.files.blocks), datatypes: new Map(d.files.datatypes) },
    journal: d.journal,
  };
  for (const b of d.blocks) indexBlock(v, b);
  if (d.base) v.base = revive(d.base);
  return v;
}

/** Rebuild a registry holding only the snapshotted versions. */
export function registryFromSnapshots(root: string, snaps: VersionSnapshot[]): Registry {
  const reg: Registry = { root, families: new Map() };
  for (const s of snaps) {
    let fam = reg.families.get(s.version.family);
    if (!fam) reg.families.set(s.version.family, (fam = { id: s.version.family, meta: s.familyMeta, file: s.familyFile, versions: new Map() }));
    fam.versions.set(s.version.id, revive(s.version));
  }
  return reg;
}
