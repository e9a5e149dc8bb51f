/** Word-level differences between consecutive revisions of a fiche (jsdiff `diffWords`, core text/words.ts). */
import { diffText, type DiffPart } from '../text/words.ts';
import { frenchSpacing } from '../text/typography.ts';
import { revisionPlainText } from './render.ts';
import type { ConsigneRevision, LoadedConsigne } from './types.ts';

export { diffText, type DiffPart };

export interface RevisionDiff {
  from: number;
  to: number;
  /** Summary of the changes, as written by the author of the newer revision. */
  changes: string;
  title?: { from: string; to: string };
  versions?: { from: string[]; to: string[] };
  parts: DiffPart[];
  /** Counts of words added and removed. */
  added: number;
  removed: number;
}

const words = (s: string) => (s.match(/[\p{L}\p{N}]+/gu) ?? []).length;

export function diffRevisions(older: ConsigneRevision, newer: ConsigneRevision): RevisionDiff {
  // Spaced before the diff, so that a space and the `:` after it never fall in different parts.
  const parts = diffText(frenchSpacing(revisionPlainText(older)), frenchSpacing(revisionPlainText(newer)));
  const d: RevisionDiff = {
    from: older.revision,
    to: newer.revision,
    changes: newer.changes,
    parts,
    added: parts.filter((p) => p.op === 'added').reduce((n, p) => n + words(p.text), 0),
    removed: parts.filter((p) => p.op === 'removed').reduce((n, p) => n + words(p.text), 0),
  };
  if (older.title !== newer.title) d.title = { from: older.title, to: newer.title };
  if (older.versions.join() !== newer.versions.join()) d.versions = { from: older.versions, to: newer.versions };
  return d;
}

/** Diffs between each revision and the previous one, oldest first (empty for a single revision). */
export function consigneHistory(c: Pick<LoadedConsigne, 'revisions'>): RevisionDiff[] {
  const out: RevisionDiff[] = [];
  for (let i = 1; i < c.revisions.length; i++) out.push(diffRevisions(c.revisions[i - 1], c.revisions[i]));
  return out;
}
