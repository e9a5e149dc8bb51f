/**
 * Notes différentielles for the site: consecutive version pairs of each family, computed
 * ONCE per build by the core's diff engine (diffVersions) and shared by the diff pages,
 * the diff downloads and the element histories. No diff logic here.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { getSite, projectRoot, type SiteFamily, type SiteVersion } from './data.ts';

// Types of the diff engine (src/core/diff), kept structural so the site builds against it.
export type Severity = 'breaking' | 'warning' | 'info' | 'editorial';
export interface Change {
  rule: string;
  severity: Severity;
  element: 'block' | 'rubrique' | 'datatype' | 'code-value' | 'control' | 'usage';
  id: string;
  block?: string;
  usedBy?: string[];
  from?: string | number | null;
  to?: string | number | null;
  params: Record<string, string | number | null>;
  message: string;
  rationale?: string;
  journal?: string;
}
export interface DiffResult {
  from: { key: string; family: string; version: string; edition: string | null; editionDate: string | null };
  to: { key: string; family: string; version: string; edition: string | null; editionDate: string | null };
  changes: Change[];
  summary: { total: number; bySeverity: Record<Severity, number>; byElement: Record<string, number>; byRule: Record<string, number> };
  notes: string[];
  blockNames: Record<string, string>;
}
export interface SeverityInfo {
  label: string;
  rank: number;
  meaning: string;
}

interface DiffApi {
  diffVersions: (a: SiteVersion['v'], b: SiteVersion['v']) => DiffResult;
  formatDiff?: (r: DiffResult, format: 'md' | 'csv' | 'json' | 'text') => string;
  groupChanges: (changes: readonly Change[], blockNames: Record<string, string>) => { key: string; kind: 'block' | 'datatype'; title: string; changes: Change[] }[];
  SEVERITY_INFO: Record<Severity, SeverityInfo>;
  SEVERITIES: readonly Severity[];
}

let api: Promise<DiffApi> | undefined;

/** The diff engine, from the core's public surface (or its module while it is being wired). */
export function diffApi(): Promise<DiffApi> {
  return (api ??= (async () => {
    const site = await getSite();
    const core = site.core as unknown as Partial<DiffApi>;
    if (core.diffVersions && core.SEVERITY_INFO && core.groupChanges) return core as DiffApi;
    const load = (rel: string) => import(/* @vite-ignore */ pathToFileURL(path.join(projectRoot, rel)).href);
    const engine = await load('src/core/diff/engine.ts');
    const catalogue = await load('src/core/diff/catalogue.ts');
    const format = await load('src/core/diff/format.ts');
    return { diffVersions: engine.diffVersions, formatDiff: format.formatDiff, groupChanges: format.groupChanges, SEVERITY_INFO: catalogue.SEVERITY_INFO, SEVERITIES: catalogue.SEVERITIES };
  })());
}

export interface DiffPair {
  family: SiteFamily;
  from: SiteVersion;
  to: SiteVersion;
  /** `P26V01...P27V01` */
  range: string;
  result: DiffResult;
}

const CACHE = Symbol.for('norme.site.diffs');
type Holder = { [CACHE]?: Promise<DiffPair[]> };

/** Every consecutive pair of versions of every family, diffed once. */
export function allDiffs(): Promise<DiffPair[]> {
  const g = globalThis as Holder;
  return (g[CACHE] ??= (async () => {
    const site = await getSite();
    const { diffVersions } = await diffApi();
    const out: DiffPair[] = [];
    for (const family of site.families) {
      for (const to of family.versions) {
        if (!to.prev) continue;
        out.push({ family, from: to.prev, to, range: `${to.prev.id}...${to.id}`, result: diffVersions(to.prev.v, to.v) });
      }
    }
    return out;
  })());
}

export async function familyDiffs(familyId: string): Promise<DiffPair[]> {
  return (await allDiffs()).filter((d) => d.family.id === familyId);
}

export interface ChangeGroup {
  /** `bloc-S21.G00.40` or `type-DSN_NatureContrat` */
  anchor: string;
  kind: 'block' | 'datatype';
  id: string;
  title: string;
  changes: Change[];
}

/** The core's grouping (by block, then datatypes) with an anchor per group. */
export async function groupChanges(r: DiffResult): Promise<ChangeGroup[]> {
  const { groupChanges: group } = await diffApi();
  return group(r.changes, r.blockNames).map((g) => {
    const id = g.key.slice(g.key.indexOf(':') + 1);
    return { anchor: `${g.kind === 'block' ? 'bloc' : 'type'}-${id}`, kind: g.kind, id, title: g.title, changes: g.changes };
  });
}

/** The rubrique (or block) a change is about, for linking and histories. */
export function subjectOf(c: Change): string {
  switch (c.element) {
    case 'control':
      return c.id.split('/')[0];
    case 'usage':
      return c.id.split('@')[0];
    case 'code-value':
      return c.id.split('#')[0];
    default:
      return c.id;
  }
}
