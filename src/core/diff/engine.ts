/**
 * `diffVersions(a, b)`: compare two resolved versions (or two editions of one version)
 * and return classified change records, sorted, with a summary.
 */
import type { ResolvedVersion } from '../model/types.ts';
import { blockOfRubrique, rubriqueOfControl } from '../model/ids.ts';
import { ELEMENTS, RULES, SEVERITIES, type Change, type ChangeElement, type Severity, type SeverityOverrides } from './catalogue.ts';
import { classify } from './classify.ts';
import { structuralDiff } from './structural.ts';

export interface DiffSide {
  /** `dsn/P26V01` */
  key: string;
  family: string;
  version: string;
  /** CT edition the compared state corresponds to (last edition applied), if known. */
  edition: string | null;
  editionDate: string | null;
  /** Free label, e.g. `origin/main:` for a git ref. */
  label?: string;
}

export interface DiffSummary {
  total: number;
  bySeverity: Record<Severity, number>;
  byElement: Record<ChangeElement, number>;
  byRule: Record<string, number>;
}

export interface DiffResult {
  from: DiffSide;
  to: DiffSide;
  changes: Change[];
  summary: DiffSummary;
  /** What could not be compared, in French (e.g. usage table not published). */
  notes: string[];
  /** Names of the blocks the changes belong to (revision name, else base name). */
  blockNames: Record<string, string>;
}

export interface DiffOptions {
  /** Severity overrides by rule id (configuration). */
  overrides?: SeverityOverrides;
  /** Labels shown for each side (e.g. the git ref). */
  fromLabel?: string;
  toLabel?: string;
}

export function sideOf(v: ResolvedVersion, label?: string): DiffSide {
  const eds = v.meta.editions ?? [];
  const last = eds[eds.length - 1];
  const s: DiffSide = { key: v.key, family: v.family, version: v.id, edition: last?.id ?? null, editionDate: last?.date ?? null };
  if (label) s.label = label;
  return s;
}

const RULE_ORDER = new Map(RULES.map((r, i) => [r.id, i]));

/** Sort key: changes grouped by block (then by datatype for type changes), then by id, then catalogue order. */
function sortKey(c: Change): [string, string, number] {
  const group = c.block ? `0${c.block}` : `1${c.id.split('#')[0]}`;
  return [group, c.id, RULE_ORDER.get(c.rule) ?? 0];
}

export function sortChanges(changes: Change[]): Change[] {
  const keyed = changes.map((c) => ({ c, k: sortKey(c) }));
  keyed.sort((x, y) => (x.k[0] < y.k[0] ? -1 : x.k[0] > y.k[0] ? 1 : x.k[1] < y.k[1] ? -1 : x.k[1] > y.k[1] ? 1 : x.k[2] - y.k[2]));
  return keyed.map((x) => x.c);
}

export function summarize(changes: readonly Change[]): DiffSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byElement = Object.fromEntries(ELEMENTS.map((e) => [e, 0])) as Record<ChangeElement, number>;
  const byRule: Record<string, number> = {};
  for (const c of changes) {
    bySeverity[c.severity]++;
    byElement[c.element]++;
    byRule[c.rule] = (byRule[c.rule] ?? 0) + 1;
  }
  return { total: changes.length, bySeverity, byElement, byRule };
}

/** The `rationale` written on the revision element (draft versions), if any. */
function rationaleOf(b: ResolvedVersion, c: Change): string | undefined {
  const rubriqueOf = (id: string) => b.rubriques.get(id)?.rubrique.rationale;
  switch (c.element) {
    case 'block':
      return b.blocks.get(c.id)?.rationale;
    case 'rubrique':
      return rubriqueOf(c.id);
    case 'datatype':
      return b.datatypes.get(c.id)?.rationale;
    case 'code-value': {
      const owner = c.id.split('#')[0];
      return b.datatypes.get(owner)?.rationale ?? rubriqueOf(owner);
    }
    case 'control':
      return rubriqueOf(rubriqueOfControl(c.id));
    case 'usage':
      return rubriqueOf(c.id.split('@')[0]);
  }
}

/** Compare `a` (base) to `b` (revision). `diffVersions(a, a)` is empty. */
export function diffVersions(a: ResolvedVersion, b: ResolvedVersion, opts: DiffOptions = {}): DiffResult {
  const { deltas, notes } = structuralDiff(a, b);
  const changes = sortChanges(deltas.map((d) => classify(d, opts.overrides)));
  const blockNames: Record<string, string> = {};
  for (const c of changes) {
    if (c.block && !(c.block in blockNames)) {
      const name = b.blocks.get(c.block)?.name ?? a.blocks.get(c.block)?.name;
      if (name) blockNames[c.block] = name;
    }
    const why = rationaleOf(b, c);
    if (why) c.rationale = why;
  }
  return { from: sideOf(a, opts.fromLabel), to: sideOf(b, opts.toLabel), changes, summary: summarize(changes), notes, blockNames };
}

export interface ChangeFilter {
  elements?: readonly ChangeElement[];
  severities?: readonly Severity[];
  /** Block ids: keeps changes of these blocks (and of datatypes used in them). */
  blocks?: readonly string[];
  rules?: readonly string[];
}

/** Keep the changes that match every given criterion; recomputes the summary. */
export function filterDiff(r: DiffResult, f: ChangeFilter): DiffResult {
  const inBlocks = (c: Change) => {
    if (!f.blocks || !f.blocks.length) return true;
    if (c.block) return f.blocks.includes(c.block);
    return (c.usedBy ?? []).some((rid) => f.blocks!.includes(blockOfRubrique(rid)));
  };
  const changes = r.changes.filter(
    (c) =>
      (!f.elements || !f.elements.length || f.elements.includes(c.element)) &&
      (!f.severities || !f.severities.length || f.severities.includes(c.severity)) &&
      (!f.rules || !f.rules.length || f.rules.includes(c.rule)) &&
      inBlocks(c),
  );
  return { ...r, changes, summary: summarize(changes) };
}
