/**
 * Reading journal entries for display. The journal model belongs to the core (issue #3);
 * this only picks the fields the pages show, tolerating entries of any shape.
 */
import type { SiteVersion } from './data.ts';

export interface JournalView {
  id: string;
  date?: string;
  title: string;
  edition?: string;
  example: boolean;
  kind?: string;
  description?: string;
  raw: Record<string, unknown>;
}

const str = (x: unknown) => (typeof x === 'string' ? x : typeof x === 'number' ? String(x) : undefined);

export function journalEntries(sv: SiteVersion): JournalView[] {
  const list = (sv.v.journal ?? []) as unknown[];
  return list.map((raw, i) => {
    const e = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const entry = (e.entry && typeof e.entry === 'object' ? e.entry : e) as Record<string, unknown>;
    const id = str(entry.id) ?? `entree-${i + 1}`;
    return {
      id,
      date: str(entry.date),
      title: str(entry.title) ?? str(entry.summary) ?? id,
      edition: str(entry.edition),
      example: entry.example === true || sv.v.meta.example === true,
      kind: str(entry.kind) ?? str(entry.type),
      description: str(entry.description),
      raw: entry,
    };
  });
}
