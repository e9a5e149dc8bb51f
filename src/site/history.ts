/**
 * Element history for pages: the core's `elementHistory` (consecutive versions, diffed once
 * per family) plus the journal amendments of each version (`journalChanges`, filtered with
 * the core's `concerns`), shaped into display steps. Cached per element: each rubrique's
 * history is shown on one page per version plus its permalink.
 */
import { getSite, type SiteFamily } from './data.ts';
import { subjectOf, type Change } from './diffs.ts';
import { journalEntries } from './journal.ts';

export interface HistoryChange {
  severity: string;
  severityLabel: string;
  text: string;
}

export interface HistoryStep {
  version: string;
  kind: 'introduced' | 'changed' | 'renamed' | 'unchanged' | 'removed' | 'reintroduced' | 'amended';
  /** Version compared with (the previous version of the family). */
  from?: string;
  /** Introduced in the first version of the registry (no earlier data). */
  first?: boolean;
  /** Anchor of the first relevant change in the note différentielle. */
  anchor?: string;
  /** Journal entry (kind `amended`). */
  entry?: { id: string; edition: string; title: string; example: boolean };
  changes: HistoryChange[];
}

export interface HistoryView {
  steps: HistoryStep[];
  introducedIn: string;
  lastIn: string;
  removedIn?: string;
}

const cache = new Map<string, Promise<HistoryView | undefined>>();

export function elementHistoryView(family: SiteFamily, kind: 'block' | 'rubrique', id: string): Promise<HistoryView | undefined> {
  const key = `${family.id}\u0000${kind}\u0000${id}`;
  let p = cache.get(key);
  if (!p) cache.set(key, (p = compute(family, kind, id)));
  return p;
}

async function compute(family: SiteFamily, kind: 'block' | 'rubrique', id: string): Promise<HistoryView | undefined> {
  const { core } = await getSite();
  const h = core.elementHistory(family.fam, id);
  if (!h.versions.length) return undefined;
  const view = (changes: readonly Change[]): HistoryChange[] =>
    changes.map((c) => ({ severity: c.severity, severityLabel: core.SEVERITY_INFO[c.severity]?.label ?? c.severity, text: c.message }));
  const anchorOf = (changes: readonly Change[]) => (changes.some((c) => subjectOf(c) === id) ? id : changes.length ? subjectOf(changes[0]) : id);
  const events = new Map(h.events.map((e) => [e.version, e]));
  const present = new Set(h.versions);
  const steps: HistoryStep[] = [];
  let lastPresent: string | undefined;
  for (const sv of family.versions) {
    const e = events.get(sv.id);
    const here = present.has(sv.id);
    const changes = (e?.changes ?? []) as Change[];
    if (e?.kind === 'introduced') {
      steps.push({ version: sv.id, kind: lastPresent ? 'reintroduced' : 'introduced', first: e.previous === null, from: e.previous ?? undefined, anchor: anchorOf(changes), changes: [] });
    } else if (e?.kind === 'changed') {
      steps.push({ version: sv.id, kind: 'changed', from: e.previous ?? lastPresent, anchor: anchorOf(changes), changes: view(changes) });
    } else if (e?.kind === 'renamed') {
      steps.push({ version: sv.id, kind: 'renamed', from: e.previous ?? lastPresent, anchor: anchorOf(changes), changes: view(changes) });
    } else if (e?.kind === 'removed') {
      steps.push({ version: sv.id, kind: 'removed', from: lastPresent, changes: [] });
    } else if (here && lastPresent) {
      steps.push({ version: sv.id, kind: 'unchanged', from: lastPresent, changes: [] });
    }
    if (here) {
      for (const j of await journalEntries(sv)) {
        const mine = j.changes.filter((c) => core.concerns(c as never, id, kind));
        if (mine.length) steps.push({ version: sv.id, kind: 'amended', entry: { id: j.id, edition: j.entry.edition, title: j.entry.title, example: j.example }, changes: view(mine) });
      }
      lastPresent = sv.id;
    }
  }
  return { steps, introducedIn: h.introduced!, lastIn: h.versions[h.versions.length - 1], removedIn: h.removed?.removedIn };
}
