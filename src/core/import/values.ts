/**
 * Splitting of the `Values` column of the data types sheet: `code=label;code=label;…`.
 *
 * Labels may in principle contain `;` or `=`: a `;` only separates two values when it is
 * followed by something that looks like a code and an `=` (`01=`, `T389M=`, `P26V01=`).
 * The code is what precedes the first `=` of a value.
 */
export interface SplitValue {
  code: string;
  label: string;
}

export interface SplitResult {
  values: SplitValue[];
  /** Values whose label contains `;` or `=`. */
  irregular: string[];
  /** Pieces without `=` that could not be attached to a previous value. */
  invalid: string[];
}

const CODE = '[A-Za-z0-9][A-Za-z0-9_.+-]{0,15}';
// A separator is a `;` followed (after optional spaces) by a code and `=`.
const SEPARATOR = new RegExp(`;(?=[ \\t\\u00A0]*${CODE}[ \\t\\u00A0]*=)`);

export function splitValues(raw: string): SplitResult {
  const out: SplitResult = { values: [], irregular: [], invalid: [] };
  const text = raw.trim().replace(/;\s*$/, '');
  if (text === '') return out;
  const pieces = text.split(SEPARATOR);
  for (const piece of pieces) {
    const eq = piece.indexOf('=');
    if (eq < 0) {
      out.invalid.push(piece);
      continue;
    }
    // Code and label are returned untrimmed: the caller cleans them (and records it).
    const code = piece.slice(0, eq);
    const label = piece.slice(eq + 1);
    if (code.trim() === '') {
      out.invalid.push(piece);
      continue;
    }
    if (label.includes(';') || label.includes('=')) out.irregular.push(`${code.trim()}=${label.trim()}`);
    out.values.push({ code, label });
  }
  return out;
}
