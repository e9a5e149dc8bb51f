/**
 * Element history for pages, from the core: presence across versions (site-model) and,
 * when available, the change records of the diff engine. Cached per element: each
 * rubrique's history is shown on one page per version plus its permalink.
 */
import type { SiteFamily } from './data.ts';
import { allDiffs, diffApi, subjectOf, type Change } from './diffs.ts';
import { journalEntries } from './journal.ts';

export interface HistoryChange {
  severity: string;
  severityLabel: string;
  text: string;
}

export interface HistoryStep {
  version: string;
  kind: 'introduced' | 'changed' | 'unchanged' | 'removed' | 'reintroduced' | 'amended';
  /** Journal entry (kind `amended`): id, edition, example flag. */
  entry?: { id: string; edition: string; title: string; example: boolean };
  /** Version compared with (previous version where the element existed). */
  from?: string;
  /** Introduced in the first version of the registry (no earlier data). */
  first?: boolean;
  anchor?: string;
  changes: HistoryChange[];
}

export interface HistoryView {
  steps: HistoryStep[];
  introducedIn: string;
  removedIn?: string;
  lastIn: string;
}

const cache = new Map<string, HistoryView | undefined>();

export async function elementHistoryView(family: SiteFamily, kind: 'block' | 'rubrique', id: string): Promise<HistoryView | undefined> {
  const key = `${family.id}\u0000${kind}\u0000${id}`;
  if (cache.has(key)) return cache.get(key);
  const view = computeHistory(family, kind, id, await changeIndex(family.id));
  cache.set(key, view);
  return view;
}

interface ChangeIndex {
  /** subject id → revision version → changes */
  bySubject: Map<string, Map<string, Change[]>>;
  /** block id → revision version → changes of the block itself and of its rubriques' presence */
  byBlock: Map<string, Map<string, Change[]>>;
  /** subject id → journal amendments, in application order */
  amendments: Map<string, { version: string; entry: NonNullable<HistoryStep['entry']>; changes: Change[] }[]>;
  label: (c: Change) => string;
}

const indexes = new Map<string, Promise<ChangeIndex>>();

/**
 * Change records of every consecutive diff of a family, indexed by the element they concern
 * (a rubrique also collects the changes of its datatype and code values, through `usedBy`).
 */
function changeIndex(familyId: string): Promise<ChangeIndex> {
  let p = indexes.get(familyId);
  if (!p) {
    p = (async () => {
      const { SEVERITY_INFO } = await diffApi();
      const bySubject = new Map<string, Map<string, Change[]>>();
      const byBlock = new Map<string, Map<string, Change[]>>();
      const push = (m: Map<string, Map<string, Change[]>>, key: string, ver: string, c: Change) => {
        let perVer = m.get(key);
        if (!perVer) m.set(key, (perVer = new Map()));
        let list = perVer.get(ver);
        if (!list) perVer.set(ver, (list = []));
        list.push(c);
      };
      for (const d of await allDiffs()) {
        if (d.family.id !== familyId || d.kind !== 'versions') continue;
        for (const c of d.result.changes) {
          const subject = subjectOf(c);
          push(bySubject, subject, d.to.id, c);
          for (const r of c.usedBy ?? []) if (r !== subject) push(bySubject, r, d.to.id, c);
          if (c.block && (c.element === 'block' || c.rule.startsWith('rubrique-added') || c.rule.startsWith('rubrique-removed') || c.rule === 'rubrique-renamed')) {
            push(byBlock, c.block, d.to.id, c);
          }
        }
      }
      const amendments: ChangeIndex['amendments'] = new Map();
      const site = (await import('./data.ts')).getSite;
      const fam = (await site()).family.get(familyId)!;
      for (const sv of fam.versions) {
        for (const e of await journalEntries(sv)) {
          const per = new Map<string, Change[]>();
          for (const c of e.changes) {
            const keys = new Set([subjectOf(c), ...(c.usedBy ?? []), ...(c.block && c.element === 'rubrique' ? [c.block] : [])]);
            for (const k of keys) {
              let l = per.get(k);
              if (!l) per.set(k, (l = []));
              l.push(c);
            }
          }
          for (const [k, changes] of per) {
            let l = amendments.get(k);
            if (!l) amendments.set(k, (l = []));
            l.push({ version: sv.id, entry: { id: e.id, edition: e.entry.edition, title: e.entry.title, example: e.example }, changes });
          }
        }
      }
      return { bySubject, byBlock, amendments, label: (c: Change) => SEVERITY_INFO[c.severity]?.label ?? c.severity };
    })();
    indexes.set(familyId, p);
  }
  return p;
}

function computeHistory(family: SiteFamily, kind: 'block' | 'rubrique', id: string, index: ChangeIndex): HistoryView | undefined {
  const p = family.presence[kind].get(id);
  if (!p) return undefined;
  const present = new Set(p.versions);
  const steps: HistoryStep[] = [];
  let lastPresent: string | undefined;
  let prevPresent = false;
  family.versions.forEach((sv, i) => {
    const here = present.has(sv.id);
    if (here && !prevPresent) {
      steps.push({ version: sv.id, kind: lastPresent ? 'reintroduced' : 'introduced', first: i === 0, changes: [] });
    } else if (here && prevPresent) {
      const changes = (kind === 'block' ? index.byBlock : index.bySubject).get(id)?.get(sv.id) ?? [];
      if (changes.length) {
        const direct = changes.some((c) => subjectOf(c) === id);
        steps.push({
          version: sv.id,
          kind: 'changed',
          from: lastPresent,
          anchor: kind === 'block' ? `bloc-${id}` : direct ? id : subjectOf(changes[0]),
          changes: changes.map((c) => ({ severity: c.severity, severityLabel: index.label(c), text: c.message })),
        });
      } else {
        steps.push({ version: sv.id, kind: 'unchanged', from: lastPresent, changes: [] });
      }
    } else if (!here && prevPresent) {
      steps.push({ version: sv.id, kind: 'removed', from: lastPresent, changes: [] });
    }
    if (here) {
      for (const a of index.amendments.get(id) ?? []) {
        if (a.version !== sv.id) continue;
        steps.push({
          version: sv.id,
          kind: 'amended',
          entry: a.entry,
          changes: a.changes.map((c) => ({ severity: c.severity, severityLabel: index.label(c), text: c.message })),
        });
      }
      lastPresent = sv.id;
    }
    prevPresent = here;
  });
  return { steps, introducedIn: p.introducedIn, removedIn: p.removedIn, lastIn: p.lastIn };
}
