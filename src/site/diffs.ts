/**
 * Notes différentielles for the site: consecutive version pairs of each family, computed
 * ONCE per build by the core's diff engine (diffVersions) and shared by the diff pages,
 * the diff downloads and the element histories. No diff logic here.
 */
import { getSite, type Core, type SiteFamily, type SiteVersion } from './data.ts';
import type { DiffResult } from '../core/diff/engine.ts';
import { urls } from './urls.ts';
import { anchoredGroups, type ChangeGroup } from './render/diff.ts';
import { shared } from './build/context.ts';

// The diff engine's own types (no copy here: the site builds against the core's definitions).
export type { Change, Severity, SeverityInfo } from '../core/diff/catalogue.ts';
export type { DiffResult } from '../core/diff/engine.ts';

/** What the site uses of the diff engine (from the core loaded once per build, see data.ts). */
type DiffApi = Pick<Core, 'diffVersions' | 'cachedDiff' | 'versionAtEdition' | 'attributeJournal' | 'formatDiff' | 'groupChanges' | 'SEVERITY_INFO' | 'SEVERITIES'>;

/** The diff engine, from the core's public surface. */
export async function diffApi(): Promise<DiffApi> {
  return (await getSite()).core;
}

export interface DiffPair {
  family: SiteFamily;
  kind: 'versions' | 'editions';
  from: SiteVersion;
  to: SiteVersion;
  /** `P26V01` or `P26V01@2026.1.1` */
  fromRef: string;
  toRef: string;
  fromEdition?: string;
  toEdition?: string;
  /** `P26V01...P27V01`, `P26V01@2026.1.0.5...P26V01@2026.1.1` */
  range: string;
  href: string;
  result: DiffResult;
}

/**
 * Every consecutive pair of versions of every family, and every consecutive pair of
 * editions of a version amended by its journal — each diffed once per build.
 */
export function allDiffs(): Promise<DiffPair[]> {
  return shared('diffs', async () => {
    const site = await getSite();
    const api = await diffApi();
    const out: DiffPair[] = [];
    const pair = (p: Omit<DiffPair, 'range' | 'href'>) => {
      out.push({ ...p, range: `${p.fromRef}...${p.toRef}`, href: urls.diff(p.family.id, p.fromRef, p.toRef) });
    };
    for (const family of site.families) {
      for (const to of family.versions) {
        if (to.prev) pair({ family, kind: 'versions', from: to.prev, to, fromRef: to.prev.id, toRef: to.id, result: api.cachedDiff(to.prev.v, to.v) });
      }
      for (const sv of family.versions) {
        const eds = sv.v.meta.editions ?? [];
        if (!sv.v.journal.length || eds.length < 2) continue;
        for (let i = 1; i < eds.length; i++) {
          const a = api.versionAtEdition(sv.v, eds[i - 1].id);
          const b = api.versionAtEdition(sv.v, eds[i].id);
          if (!a.ok || !b.ok) continue;
          pair({
            family,
            kind: 'editions',
            from: sv,
            to: sv,
            fromRef: `${sv.id}@${eds[i - 1].id}`,
            toRef: `${sv.id}@${eds[i].id}`,
            fromEdition: eds[i - 1].id,
            toEdition: eds[i].id,
            result: api.attributeJournal(api.diffVersions(a.value, b.value), sv.v),
          });
        }
      }
    }
    return out;
  });
}

export async function editionDiffs(): Promise<DiffPair[]> {
  return (await allDiffs()).filter((d) => d.kind === 'editions');
}

export async function familyDiffs(familyId: string, kind: DiffPair['kind'] = 'versions'): Promise<DiffPair[]> {
  return (await allDiffs()).filter((d) => d.family.id === familyId && d.kind === kind);
}

export type { ChangeGroup } from './render/diff.ts';
export { subjectOf } from './render/diff.ts';

/** The core's grouping (by block, then datatypes) with an anchor per group. */
export async function groupChanges(r: DiffResult): Promise<ChangeGroup[]> {
  const { groupChanges: group } = await diffApi();
  return anchoredGroups(group(r.changes, r.blockNames));
}

const DIFF_FILE_TYPES = { json: 'application/json', csv: 'text/csv', md: 'text/markdown' } as const;

/**
 * The static route of one download format of the notes différentielles
 * (`/{family}/diff/{from}...{to}.{format}`), formatted by the core exactly as `norme diff --format`.
 */
export function diffFileRoute(format: keyof typeof DIFF_FILE_TYPES) {
  return {
    getStaticPaths: async () => (await allDiffs()).map((pair) => ({ params: { family: pair.family.id, range: pair.range }, props: { pair } })),
    GET: async ({ props }: { props: Record<string, unknown> }) => {
      const { pair } = props as { pair: DiffPair };
      const { formatDiff } = await diffApi();
      return new Response(formatDiff(pair.result, format), { headers: { 'Content-Type': `${DIFF_FILE_TYPES[format]}; charset=utf-8` } });
    },
  };
}
