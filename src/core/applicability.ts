/**
 * Applicability by "mois principal déclaré" (S20.G00.05.005): which version of a family
 * applies to a month, whether that is inferred, and which elements of that version are
 * described but not usable yet (activations). Overlaps and gaps between versions are
 * diagnostics of the validator (validate/cross.ts, validateFamily), not repeated here.
 */
import type { ResolvedFamily, ResolvedVersion, Version } from './model/types.ts';

export type Activation = NonNullable<Version['activations']>[number];

export interface MonthApplicability {
  family: string;
  /** `YYYY-MM` */
  month: string;
  /** The applicable version (the latest starting one if the registry has overlaps). */
  version?: ResolvedVersion;
  /** Every version whose applicability covers the month (more than one = overlap). */
  matches: ResolvedVersion[];
  /** True when the applicability of `version` is inferred, not read in an official text. */
  inferred: boolean;
  /** Activations of `version` not yet active for the month. */
  pending: Activation[];
  /** Activations of `version` already active for the month. */
  active: Activation[];
  /** Versions of the family without applicability months. */
  unknown: string[];
  /**
   * The answer rests on an applicability without end (`to` absent) a year or more after its
   * start, with no later version announced: the registry knows no version for that month yet.
   */
  beyondAnnounced: boolean;
  /** When nothing applies: the closest versions before and after the month. */
  before?: ResolvedVersion;
  after?: ResolvedVersion;
}

/** The French month names, January first. */
export const MONTH_NAMES = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'] as const;

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
  return `${y}-${String(mm).padStart(2, '0')}`;
}

const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;

/** `YYYY-MM` of a date (local time). */
export function monthOf(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/** `2026-03` → `01032026` (the form of S20.G00.05.005). */
export function monthAsDeclared(month: string): string {
  const [y, m] = month.split('-');
  return `01${m}${y}`;
}

export function covers(v: ResolvedVersion, month: string): boolean {
  const a = v.meta.applicability;
  return !!a && spanCovers(a, month);
}

/** The months a version applies to: `from`, and `to` when known (both `YYYY-MM`). */
export interface Span {
  id: string;
  from: string;
  to?: string;
}

function spanCovers(a: { from: string; to?: string }, month: string): boolean {
  return a.from <= month && (!a.to || month <= a.to);
}

/**
 * The rule of `applicableVersion` on bare spans (what the site's pages carry to answer in the
 * reader's browser, for the reader's month): the latest-starting span covering the month,
 * else the closest spans before and after it.
 */
export function applicableSpan<T extends Span>(spans: T[], month: string): { version?: T; matches: T[]; before?: T; after?: T } {
  const starts = [...spans].sort((a, b) => a.from.localeCompare(b.from));
  const matches = starts.filter((s) => spanCovers(s, month));
  const version = matches[matches.length - 1];
  if (version) return { version, matches };
  return { matches, before: starts.filter((s) => (s.to ?? s.from) < month).pop(), after: starts.find((s) => s.from > month) };
}

/** Which version of `fam` applies to `month` (YYYY-MM). */
export function applicableVersion(fam: ResolvedFamily, month: string): MonthApplicability {
  const all = [...fam.versions.values()];
  const spans = all.filter((v) => v.meta.applicability).map((v) => ({ id: v.id, from: v.meta.applicability!.from, to: v.meta.applicability!.to, v }));
  const found = applicableSpan(spans, month);
  const matches = found.matches.map((s) => s.v);
  const version = found.version?.v;
  const out: MonthApplicability = {
    family: fam.id,
    month,
    version,
    matches,
    inferred: version ? version.meta.applicability!.source !== 'texte officiel' : false,
    pending: [],
    active: [],
    beyondAnnounced: !!found.version && !found.version.to && !found.after && monthIndex(month) - monthIndex(found.version.from) >= 12,
    unknown: all.filter((v) => !v.meta.applicability).map((v) => v.id),
  };
  if (version) {
    for (const a of version.meta.activations ?? []) (a.from > month ? out.pending : out.active).push(a);
  } else {
    out.before = found.before?.v;
    out.after = found.after?.v;
  }
  return out;
}
