/**
 * Months (`YYYY-MM`, the "mois principal déclaré" of the norms), defined once: reading the forms
 * people type, arithmetic, and French labels. Imported by the core (validation, applicability,
 * site model, version creation, check against the next version), the CLI and the site,
 * including its browser scripts. Browser-safe.
 */

/** The French month names, January first. */
export const MONTH_NAMES = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'] as const;
/** Abbreviated French month names (the usual abbreviations), January first. */
export const SHORT_MONTH_NAMES = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'] as const;

const pad2 = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM` of a year and a month number (1–12). */
function month(y: number, m: number): string {
  return `${y}-${pad2(m)}`;
}

/** The month after `m` (`2026-12` → `2027-01`). */
export function nextMonth(m: string): string {
  let [y, mo] = m.split('-').map(Number);
  mo++;
  if (mo > 12) { mo = 1; y++; }
  return month(y, mo);
}

/** The month before `m` (`2027-01` → `2026-12`). */
export function prevMonth(m: string): string {
  let [y, mo] = m.split('-').map(Number);
  mo--;
  if (mo < 1) { mo = 12; y--; }
  return month(y, mo);
}

/** Months since year 0: `monthIndex(b) - monthIndex(a)` is the number of months from `a` to `b`. */
export const monthIndex = (m: string): number => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;

/** `YYYY-MM` of a date (local time). */
export function monthOf(d: Date): string {
  return month(d.getFullYear(), d.getMonth() + 1);
}

/** `2026-03` → `01032026` (the form of S20.G00.05.005). */
export function monthAsDeclared(m: string): string {
  const [y, mm] = m.split('-');
  return `01${mm}${y}`;
}

/** `févr.`, `fevrier`, `Août`, `sept` → 2, 2, 8, 9: a name, or the start of one name only (3 letters at least); accents and case optional. */
function monthNumber(word: string): number | undefined {
  const fold = (x: string) => x.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const w = fold(word).replace(/\.$/, '');
  const names = MONTH_NAMES.map(fold);
  const exact = names.indexOf(w);
  if (exact >= 0) return exact + 1;
  const starts = w.length >= 3 ? names.flatMap((n, i) => (n.startsWith(w) ? [i + 1] : [])) : [];
  return starts.length === 1 ? starts[0] : undefined;
}

/**
 * Read a month: `2026-03`, `2026/03`, `03/2026`, `032026`, `202603`, the S20.G00.05.005
 * value `01032026`, or in words: `mars 2026`, `Mars 2026`, `févr. 2026`, `fevrier 2026`.
 * Returns `YYYY-MM`, or undefined.
 */
export function parseMonth(input: string): string | undefined {
  const s = input.trim();
  let y: string | undefined, m: string | undefined;
  let r: RegExpExecArray | null;
  if ((r = /^(\p{L}+\.?)\s*(\d{4})$/u.exec(s))) {
    const n = monthNumber(r[1]);
    if (n === undefined) return undefined;
    [y, m] = [r[2], String(n)];
  } else if ((r = /^(\d{4})[-/](\d{1,2})$/.exec(s))) [y, m] = [r[1], r[2]];
  else if ((r = /^(\d{1,2})[-/](\d{4})$/.exec(s))) [m, y] = [r[1], r[2]];
  else if ((r = /^01(\d{2})(\d{4})$/.exec(s))) [m, y] = [r[1], r[2]];
  else if ((r = /^(\d{4})(\d{2})$/.exec(s)) && Number(r[2]) >= 1 && Number(r[2]) <= 12 && Number(r[1]) > 1900) [y, m] = [r[1], r[2]];
  else if ((r = /^(\d{2})(\d{4})$/.exec(s))) [m, y] = [r[1], r[2]];
  if (!y || !m) return undefined;
  const mm = Number(m);
  if (mm < 1 || mm > 12) return undefined;
  return `${y}-${pad2(mm)}`;
}

/** `2026-01` → `janvier 2026`; anything else is returned as is. */
export function monthLabel(m: string): string {
  const [y, mm] = m.split('-');
  const name = MONTH_NAMES[Number(mm) - 1];
  return name ? `${name} ${y}` : m;
}

/** `2026-01` → `janv. 2026`. */
export function shortMonthLabel(m: string): string {
  const [y, mm] = m.split('-');
  return `${SHORT_MONTH_NAMES[Number(mm) - 1]} ${y}`;
}
