/** Word-level differences of two texts (jsdiff `diffWords`): fiche revisions, changed texts of a note différentielle. */
import { diffWords } from 'diff';

export interface DiffPart {
  /** `same`: in both; `added`: only in the newer text; `removed`: only in the older one. */
  op: 'same' | 'added' | 'removed';
  text: string;
}

/** Word diff of two texts (paragraphs separated by blank lines are kept). */
export function diffText(older: string, newer: string): DiffPart[] {
  return diffWords(older, newer).map((c) => ({ op: c.added ? 'added' : c.removed ? 'removed' : 'same', text: c.value }));
}
