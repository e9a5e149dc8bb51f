/**
 * Pure, precomputed views of the registry for readers (the static site, exports):
 * block tree, reverse links, counts, applicability by month and element presence
 * across the versions of a family. Everything is computed in one pass per version
 * or per family so that callers never scan the registry per element.
 */
import type { Block, ResolvedFamily, ResolvedVersion, RubriqueEntry, Version } from './model/types.ts';
import { nextMonth, prevMonth } from './month.ts';
import { applicableVersion, type MonthApplicability } from './applicability.ts';

export interface TreeNode {
  block: Block;
  depth: number;
}

export interface VersionIndex {
  /** Children of each block (tree order); roots under the key `''`. */
  children: Map<string, Block[]>;
  /** Blocks in tree order (depth first, siblings by id) with their depth. */
  tree: TreeNode[];
  /** Rubriques using each datatype. */
  usedBy: Map<string, RubriqueEntry[]>;
  counts: VersionCounts;
}

export interface VersionCounts {
  blocks: number;
  rubriques: number;
  datatypes: number;
  values: number;
  controls: number;
  controlsByFamily: Record<string, number>;
}

/** Index a version once: children, tree order, datatype usage, counts. O(size of the version). */
export function indexVersion(v: ResolvedVersion): VersionIndex {
  const children = new Map<string, Block[]>();
  for (const b of v.blocks.values()) {
    const p = b.parent && v.blocks.has(b.parent) ? b.parent : '';
    let list = children.get(p);
    if (!list) children.set(p, (list = []));
    list.push(b);
  }
  for (const list of children.values()) list.sort(compareBlocks);
  const tree: TreeNode[] = [];
  const seen = new Set<string>();
  const walk = (id: string, depth: number) => {
    for (const b of children.get(id) ?? []) {
      if (seen.has(b.id)) continue;
      seen.add(b.id);
      tree.push({ block: b, depth });
      walk(b.id, depth + 1);
    }
  };
  walk('', 0);
  // Blocks caught in a parent cycle (reported by the validator) still get listed.
  for (const b of v.blocks.values()) if (!seen.has(b.id)) tree.push({ block: b, depth: 0 });

  const usedBy = new Map<string, RubriqueEntry[]>();
  for (const e of v.rubriques.values()) {
    let list = usedBy.get(e.rubrique.datatype);
    if (!list) usedBy.set(e.rubrique.datatype, (list = []));
    list.push(e);
  }
  const controlsByFamily: Record<string, number> = {};
  for (const c of v.controls.values()) controlsByFamily[c.control.family] = (controlsByFamily[c.control.family] ?? 0) + 1;
  let values = 0;
  for (const t of v.datatypes.values()) values += t.values?.length ?? 0;
  return {
    children,
    tree,
    usedBy,
    counts: {
      blocks: v.blocks.size,
      rubriques: v.rubriques.size,
      datatypes: v.datatypes.size,
      values,
      controls: v.controls.size,
      controlsByFamily,
    },
  };
}

/** Siblings by id: S10 < S20 < S21 < S89 < S90 follows the order of the message. */
function compareBlocks(a: Block, b: Block): number {
  return a.id.localeCompare(b.id);
}

/** Order of the control families in listings (defined with the id grammar). */
export { CONTROL_FAMILIES } from './model/ids.ts';

// ---------------------------------------------------------------- applicability

export interface Applicability {
  from?: string;
  /** Last month, explicit or derived from the next version's first month. */
  to?: string;
  /** `to` comes from the next version rather than from this version's metadata. */
  toDerived: boolean;
  source?: string;
  note?: string;
}

/** Applicability of every version of a family, with open ends closed by the next version. */
export function familyApplicability(fam: ResolvedFamily): Map<string, Applicability> {
  const out = new Map<string, Applicability>();
  const withFrom = [...fam.versions.values()]
    .filter((v) => v.meta.applicability?.from)
    .sort((a, b) => a.meta.applicability!.from.localeCompare(b.meta.applicability!.from));
  for (const v of fam.versions.values()) {
    const app = v.meta.applicability;
    if (!app) {
      out.set(v.id, { toDerived: false });
      continue;
    }
    let to = app.to;
    let toDerived = false;
    if (!to) {
      const next = withFrom.find((w) => w.meta.applicability!.from > app.from);
      if (next) {
        to = prevMonth(next.meta.applicability!.from);
        toDerived = true;
      }
    }
    out.set(v.id, { from: app.from, to, toDerived, source: app.source, note: app.note });
  }
  return out;
}

export { monthOf } from './month.ts';

export interface FamilyCalendar {
  /** Version applicable to the given month, if any (see `applicableVersion`). */
  current?: ResolvedVersion;
  /** The full answer of `applicableVersion` for the month (activations, overlaps…). */
  today: MonthApplicability;
  /** Versions whose applicability starts after the month, soonest first. */
  upcoming: ResolvedVersion[];
  /** Versions without applicability (drafts without a date, examples). */
  undated: ResolvedVersion[];
  applicability: Map<string, Applicability>;
}

/** Which version applies in `month` (`YYYY-MM`, mois principal déclaré) and which come next. */
export function familyCalendar(fam: ResolvedFamily, month: string): FamilyCalendar {
  const applicability = familyApplicability(fam);
  const today = applicableVersion(fam, month);
  const upcoming: ResolvedVersion[] = [];
  const undated: ResolvedVersion[] = [];
  for (const v of fam.versions.values()) {
    const a = applicability.get(v.id)!;
    if (!a.from) undated.push(v);
    else if (a.from > month) upcoming.push(v);
  }
  upcoming.sort((x, y) => applicability.get(x.id)!.from!.localeCompare(applicability.get(y.id)!.from!));
  return { current: today.version, today, upcoming, undated, applicability };
}

/** Every month from `from` to `to` inclusive (`YYYY-MM`). */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to && out.length < 1200; m = nextMonth(m)) out.push(m);
  return out;
}

/**
 * The months a family's calendar answers for (`YYYY-MM`, oldest first): from the first month
 * of its first applicable version to twelve months after the latest of its known months (end
 * or start of applicability, and `month`, the current one). Empty when no version is dated.
 */
export function calendarMonths(fam: ResolvedFamily, month: string): string[] {
  const known: string[] = [];
  for (const a of familyApplicability(fam).values()) {
    if (a.from) known.push(a.from);
    if (a.to) known.push(a.to);
  }
  if (!known.length) return [];
  known.sort();
  let last = known[known.length - 1] > month ? known[known.length - 1] : month;
  for (let i = 0; i < 12; i++) last = nextMonth(last);
  return monthRange(known[0], last);
}

// ---------------------------------------------------------------- presence across versions

export type PresenceKind = 'block' | 'rubrique' | 'datatype';

export interface Presence {
  id: string;
  kind: PresenceKind;
  /** Versions (oldest first) that define the element. */
  versions: string[];
  /** First version defining it. */
  introducedIn: string;
  /** Last version defining it. */
  lastIn: string;
  /**
   * First version after `lastIn` that no longer defines it (the element was removed there);
   * undefined when the newest version still has it.
   */
  removedIn?: string;
  /** Versions after the first one where it was absent then came back (unusual). */
  gaps: string[];
}

export interface FamilyPresence {
  /** Version ids, oldest first. */
  order: string[];
  block: Map<string, Presence>;
  rubrique: Map<string, Presence>;
  datatype: Map<string, Presence>;
}

/** Presence of every block, rubrique and datatype across the versions of a family. O(total elements). */
export function familyPresence(fam: ResolvedFamily): FamilyPresence {
  const order = [...fam.versions.keys()];
  const maps: Record<PresenceKind, Map<string, Presence>> = { block: new Map(), rubrique: new Map(), datatype: new Map() };
  const add = (kind: PresenceKind, id: string, ver: string) => {
    const m = maps[kind];
    const p = m.get(id);
    if (p) p.versions.push(ver);
    else m.set(id, { id, kind, versions: [ver], introducedIn: ver, lastIn: ver, gaps: [] });
  };
  for (const v of fam.versions.values()) {
    for (const id of v.blocks.keys()) add('block', id, v.id);
    for (const id of v.rubriques.keys()) add('rubrique', id, v.id);
    for (const id of v.datatypes.keys()) add('datatype', id, v.id);
  }
  const pos = new Map(order.map((id, i) => [id, i]));
  for (const m of Object.values(maps)) {
    for (const p of m.values()) {
      p.lastIn = p.versions[p.versions.length - 1];
      const last = pos.get(p.lastIn)!;
      p.removedIn = order[last + 1];
      const first = pos.get(p.introducedIn)!;
      const present = new Set(p.versions);
      for (let i = first + 1; i < last; i++) if (!present.has(order[i])) p.gaps.push(order[i]);
    }
  }
  return { order, ...maps };
}

/** Status label in French (defined with the interface's words). */
export { statusLabel } from './text/labels.ts';
