/**
 * History of one element across the versions of a family, from the diff engine run on
 * consecutive versions (each pair diffed once, then cached): where it exists, where it was
 * introduced, changed, renamed and removed (tombstone: last version where it existed).
 */
import type { ResolvedFamily, ResolvedVersion } from '../model/types.ts';
import type { Change } from './catalogue.ts';
import { diffVersions, type DiffResult } from './engine.ts';

export type HistoryElementKind = 'block' | 'rubrique' | 'datatype' | 'control';

export interface HistoryEvent {
  /** Version where the event is observed. */
  version: string;
  /** Version compared with (the previous one in the family), null for the first version. */
  previous: string | null;
  kind: 'introduced' | 'changed' | 'renamed' | 'removed';
  changes: Change[];
}

export interface ElementHistory {
  family: string;
  id: string;
  /** Kind of element, from the latest version where it exists (undefined if never found). */
  kind?: HistoryElementKind;
  /** Versions where the element exists, oldest first. */
  versions: string[];
  /** First version where it exists. */
  introduced: string | null;
  /** Tombstone when it no longer exists in the latest version. */
  removed: { lastIn: string; removedIn: string } | null;
  events: HistoryEvent[];
}

const pairCache = new WeakMap<ResolvedVersion, WeakMap<ResolvedVersion, DiffResult>>();

/** `diffVersions(a, b)`, computed once per pair of resolved versions. */
export function cachedDiff(a: ResolvedVersion, b: ResolvedVersion): DiffResult {
  let inner = pairCache.get(a);
  if (!inner) pairCache.set(a, (inner = new WeakMap()));
  let r = inner.get(b);
  if (!r) inner.set(b, (r = diffVersions(a, b)));
  return r;
}

export function kindIn(v: ResolvedVersion, id: string): HistoryElementKind | undefined {
  if (v.rubriques.has(id)) return 'rubrique';
  if (v.blocks.has(id)) return 'block';
  if (v.datatypes.has(id)) return 'datatype';
  if (v.controls.has(id)) return 'control';
  return undefined;
}

/** Does change `c` concern element `id` of kind `kind`? */
export function concerns(c: Change, id: string, kind: HistoryElementKind | undefined): boolean {
  if (c.id === id || c.from === id && c.rule.endsWith('-renamed')) return true;
  const owner = c.id.split(/[#@/]/)[0];
  if (owner === id) return true; // code values, usages, controls of the element
  if (kind === 'rubrique' && c.usedBy?.includes(id)) return true; // its datatype changed
  if (kind === 'block' && c.block === id && (c.rule.startsWith('rubrique-added') || c.rule.startsWith('rubrique-removed') || c.rule === 'rubrique-renamed')) return true;
  return false;
}

/** Keys a change concerns: its id, its owner (for code values, usages, controls), renames, users. */
function keysOf(c: Change): string[] {
  const keys = new Set<string>([c.id, c.id.split(/[#@/]/)[0]]);
  if (c.rule.endsWith('-renamed') && typeof c.from === 'string') keys.add(c.from);
  for (const r of c.usedBy ?? []) keys.add(r); // a rubrique sees the changes of its datatype
  if (c.block && (c.rule.startsWith('rubrique-added') || c.rule.startsWith('rubrique-removed') || c.rule === 'rubrique-renamed')) keys.add(c.block);
  return [...keys];
}

/** Per family: for each consecutive pair (by revision id), the changes indexed by element id. */
const familyIndex = new WeakMap<ResolvedFamily, Map<string, Map<string, Change[]>>>();

function indexFamily(family: ResolvedFamily): Map<string, Map<string, Change[]>> {
  let idx = familyIndex.get(family);
  if (idx) return idx;
  idx = new Map();
  const versions = [...family.versions.values()];
  for (let i = 1; i < versions.length; i++) {
    const byId = new Map<string, Change[]>();
    for (const c of cachedDiff(versions[i - 1], versions[i]).changes) {
      for (const k of keysOf(c)) {
        const list = byId.get(k);
        if (list) list.push(c);
        else byId.set(k, [c]);
      }
    }
    idx.set(versions[i].id, byId);
  }
  familyIndex.set(family, idx);
  return idx;
}

/**
 * History of a block, rubrique, datatype or control id across the versions of `family`.
 * Consecutive versions are diffed once per family; each call is then a few Map lookups.
 */
export function elementHistory(family: ResolvedFamily, id: string): ElementHistory {
  const versions = [...family.versions.values()];
  const present = versions.filter((v) => kindIn(v, id));
  const last = present[present.length - 1];
  const kind = last ? kindIn(last, id) : undefined;
  const h: ElementHistory = { family: family.id, id, kind, versions: present.map((v) => v.id), introduced: present[0]?.id ?? null, removed: null, events: [] };
  const idx = indexFamily(family);
  versions.forEach((v, i) => {
    const prev = i > 0 ? versions[i - 1] : undefined;
    const here = !!kindIn(v, id);
    const before = prev ? !!kindIn(prev, id) : false;
    if (!prev) {
      if (here) h.events.push({ version: v.id, previous: null, kind: 'introduced', changes: [] });
      return;
    }
    if (!here && !before) return;
    const changes = (idx.get(v.id)?.get(id) ?? []).filter((c) => concerns(c, id, kind));
    const renamed = changes.some((c) => c.rule.endsWith('-renamed'));
    if (here && !before) h.events.push({ version: v.id, previous: prev.id, kind: renamed ? 'renamed' : 'introduced', changes });
    else if (!here && before) h.events.push({ version: v.id, previous: prev.id, kind: renamed ? 'renamed' : 'removed', changes });
    else if (changes.length) h.events.push({ version: v.id, previous: prev.id, kind: 'changed', changes });
  });
  if (last && last !== versions[versions.length - 1]) {
    const after = versions[versions.indexOf(last) + 1];
    h.removed = { lastIn: last.id, removedIn: after.id };
  }
  return h;
}
