/** Word-level differences of two texts (jsdiff `diffWords`): fiche revisions, changed texts of a note différentielle. */
import { diffWords } from 'diff';

export interface DiffPart {
  /** `same`: in both; `added`: only in the newer text; `removed`: only in the older one. */
  op: 'same' | 'added' | 'removed';
  text: string;
}

/**
 * The diffs already computed, by older then newer text: a site build diffs the same long texts
 * for the page of a note différentielle and for its Markdown (and jsdiff takes milliseconds on
 * a long text). Bounded: emptied when it holds MEMO_MAX diffs.
 */
const memo = new Map<string, Map<string, DiffPart[]>>();
let memoSize = 0;
const MEMO_MAX = 5000;

/** Word diff of two texts (paragraphs separated by blank lines are kept). The array is shared: do not modify it. */
export function diffText(older: string, newer: string): DiffPart[] {
  let byNewer = memo.get(older);
  const known = byNewer?.get(newer);
  if (known) return known;
  const parts: DiffPart[] = diffWords(older, newer).map((c) => ({ op: c.added ? 'added' : c.removed ? 'removed' : 'same', text: c.value }));
  if (memoSize >= MEMO_MAX) {
    memo.clear();
    memoSize = 0;
    byNewer = undefined;
  }
  if (!byNewer) memo.set(older, (byNewer = new Map()));
  byNewer.set(newer, parts);
  memoSize++;
  return parts;
}
