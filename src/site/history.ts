/**
 * Element history for pages, from the core: presence across versions (site-model) and,
 * when available, the change records of the diff engine. Cached per element: each
 * rubrique's history is shown on one page per version plus its permalink.
 */
import type { SiteFamily } from './data.ts';

export interface HistoryChange {
  severity: string;
  severityLabel: string;
  text: string;
}

export interface HistoryStep {
  version: string;
  kind: 'introduced' | 'changed' | 'unchanged' | 'removed' | 'reintroduced';
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

export const SEVERITY_LABELS: Record<string, string> = {
  breaking: 'rupture',
  warning: 'à vérifier',
  info: 'ajout',
  editorial: 'rédactionnel',
};

const cache = new Map<string, HistoryView | undefined>();

export async function elementHistoryView(family: SiteFamily, kind: 'block' | 'rubrique', id: string): Promise<HistoryView | undefined> {
  const key = `${family.id}\u0000${kind}\u0000${id}`;
  if (cache.has(key)) return cache.get(key);
  const view = computeHistory(family, kind, id);
  cache.set(key, view);
  return view;
}

function computeHistory(family: SiteFamily, kind: 'block' | 'rubrique', id: string): HistoryView | undefined {
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
      steps.push({ version: sv.id, kind: 'unchanged', from: lastPresent, changes: [] });
    } else if (!here && prevPresent) {
      steps.push({ version: sv.id, kind: 'removed', from: lastPresent, changes: [] });
    }
    if (here) lastPresent = sv.id;
    prevPresent = here;
  });
  return { steps, introducedIn: p.introducedIn, removedIn: p.removedIn, lastIn: p.lastIn };
}
