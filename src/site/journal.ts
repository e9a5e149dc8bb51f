/**
 * Journal entries for display: the core's `journalChanges(v)` (each entry with the change
 * records it makes), computed once per version and shared by the journal page, the home
 * page and the element histories.
 */
import type { JournalEntry } from '../core/index.ts';
import { getSite, type SiteVersion } from './data.ts';
import type { Change } from './diffs.ts';

export interface JournalView {
  id: string;
  entry: JournalEntry;
  file: string;
  applied: boolean;
  example: boolean;
  changes: Change[];
}

const cache = new WeakMap<SiteVersion, JournalView[]>();

/** Entries of a version in application order, with their changes. */
export async function journalEntries(sv: SiteVersion): Promise<JournalView[]> {
  let list = cache.get(sv);
  if (!list) {
    const site = await getSite();
    const steps = sv.v.journal.length ? site.core.journalChanges(sv.v) : [];
    list = steps.map((s) => ({
      id: s.record.entry.id,
      entry: s.record.entry,
      file: s.record.file,
      applied: s.record.applied,
      example: s.record.entry.example === true || sv.v.meta.example === true,
      changes: s.changes as Change[],
    }));
    cache.set(sv, list);
  }
  return list;
}
