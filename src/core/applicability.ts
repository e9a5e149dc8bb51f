/**
 * Applicability by "mois principal déclaré" (S20.G00.05.005): which version of a family
 * applies to a month, whether that is inferred, and which elements of that version are
 * described but not usable yet (activations). Overlaps and gaps between versions are
 * diagnostics of the validator (validate/cross.ts, validateFamily), not repeated here.
 */
import type { ResolvedFamily, ResolvedVersion, Version } from './model/types.ts';
import { monthIndex } from './month.ts';

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
