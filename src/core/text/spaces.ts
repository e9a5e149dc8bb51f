/** Blank-insensitive text comparison: what the diff and the journal treat as "the same text". */

/** Only blanks that `collapseSpaces` would change: other than a single space inside the text. */
const CHANGEABLE = /[^\S ]| {2}|^ | $/;

/**
 * `s` with every run of blanks (`\s`) made one space, trimmed. Most labels of the norm have
 * nothing to change: they are returned as they are, without building a new string (the diff
 * compares every code-list label of both versions).
 */
export function collapseSpaces(s: string): string {
  return CHANGEABLE.test(s) ? s.replace(/\s+/g, ' ').trim() : s;
}
