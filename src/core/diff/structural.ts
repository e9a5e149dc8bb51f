/**
 * Neutral structural diff of two resolved versions: what was added, removed, renamed
 * or modified, field by field, with no opinion on severity. The rule catalogue
 * (classify.ts + rules.json) turns these deltas into change records.
 *
 * Everything is keyed by id in Maps: linear in the size of the two versions.
 */
import type { Block, Control, Datatype, ResolvedVersion, Rubrique } from '../model/types.ts';
import type { ChangeElement } from './catalogue.ts';
import { collapseSpaces } from '../text/spaces.ts';

export type DeltaOp = 'added' | 'removed' | 'renamed' | 'modified';

export interface Delta {
  element: ChangeElement;
  op: DeltaOp;
  /** Id in the revision (in the base for removals). */
  id: string;
  /** Modified attribute: `name`, `cardinality.min`, `maxLength`, `label`, `rule`, `usage`… */
  field?: string;
  from?: unknown;
  to?: unknown;
  block?: string;
  /** Facts the classifier may need (names, mandatory natures, datatype ids…). */
  facts: Record<string, unknown>;
}

export interface StructuralDiff {
  deltas: Delta[];
  /** Remarks about what could not be compared (French). */
  notes: string[];
}

const norm = (s: string | undefined | null): string | undefined => (s === undefined || s === null ? undefined : collapseSpaces(s));

/**
 * Pair elements of base and revision by id, then by explicit `renamedFrom` annotations
 * (on either side, so that the reverse diff pairs the same elements).
 */
function pairById<T extends { id: string; renamedFrom?: string }>(
  base: ReadonlyMap<string, T>,
  rev: ReadonlyMap<string, T>,
): { pairs: Array<[T, T]>; removed: T[]; added: T[]; baseToRev: Map<string, string>; revToBase: Map<string, string> } {
  const baseToRev = new Map<string, string>();
  const revToBase = new Map<string, string>();
  for (const [id] of base) if (rev.has(id)) {
    baseToRev.set(id, id);
    revToBase.set(id, id);
  }
  // Forward annotation: revision element X renamedFrom Y (Y only in base, X only in revision).
  for (const [id, x] of rev) {
    const from = x.renamedFrom;
    if (from && !revToBase.has(id) && base.has(from) && !baseToRev.has(from) && !rev.has(from)) {
      baseToRev.set(from, id);
      revToBase.set(id, from);
    }
  }
  // Backward annotation (reverse diff): base element X renamedFrom Y, Y only in revision.
  for (const [id, x] of base) {
    const from = x.renamedFrom;
    if (from && !baseToRev.has(id) && rev.has(from) && !revToBase.has(from) && !base.has(from)) {
      baseToRev.set(id, from);
      revToBase.set(from, id);
    }
  }
  const pairs: Array<[T, T]> = [];
  const removed: T[] = [];
  const added: T[] = [];
  for (const [id, x] of base) {
    const r = baseToRev.get(id);
    if (r === undefined) removed.push(x);
    else pairs.push([x, rev.get(r)!]);
  }
  for (const [id, x] of rev) if (!revToBase.has(id)) added.push(x);
  return { pairs, removed, added, baseToRev, revToBase };
}

function naturesOf(v: ResolvedVersion): Set<string> | undefined {
  const list = v.meta.usages?.natures;
  return list && list.length ? new Set(list.map((n) => n.code)) : undefined;
}

function usagesPublished(v: ResolvedVersion): boolean {
  return v.meta.usages?.status === 'publié';
}

/** Natures for which the rubrique is mandatory (`O`), restricted to the natures of the other version. */
function mandatoryNatures(r: Rubrique, own: ResolvedVersion, other: ResolvedVersion): string[] {
  if (!usagesPublished(own) || !r.usage) return [];
  const otherNatures = naturesOf(other);
  return Object.entries(r.usage)
    .filter(([n, u]) => u === 'O' && (!otherNatures || otherNatures.has(n)))
    .map(([n]) => n)
    .sort();
}

const card = (b: Block) => `${b.cardinality.min}..${b.cardinality.max}`;

/** The constraints a value must meet, whatever the datatype is called. */
interface Constraints {
  nature: string;
  regexp?: string;
  minLength?: number;
  maxLength?: number;
  referential?: string;
  values?: Map<string, string>;
}

function constraintsOf(t: Datatype): Constraints {
  return {
    nature: t.nature,
    regexp: t.regexp,
    minLength: t.minLength,
    maxLength: t.maxLength,
    referential: norm(t.referential),
    values: t.values && t.values.length ? new Map(t.values.map((v) => [v.code, norm(v.label) ?? ''])) : undefined,
  };
}

/**
 * Compare effective constraints. `element`/`id` say where to report (a datatype, or a
 * rubrique whose datatype id changed); code values are reported as `<id>#<code>`.
 */
function compareConstraints(
  a: Constraints,
  b: Constraints,
  element: 'datatype' | 'rubrique',
  id: string,
  facts: Record<string, unknown>,
  block: string | undefined,
  out: Delta[],
): number {
  const before = out.length;
  const push = (field: string, from: unknown, to: unknown) => out.push({ element, op: 'modified', id, field, from, to, block, facts });
  if (a.nature !== b.nature) push('nature', a.nature, b.nature);
  if (a.regexp !== b.regexp) push('regexp', a.regexp, b.regexp);
  if ((a.minLength ?? 0) !== (b.minLength ?? 0)) push('minLength', a.minLength, b.minLength);
  if ((a.maxLength ?? Infinity) !== (b.maxLength ?? Infinity)) push('maxLength', a.maxLength, b.maxLength);
  if (a.referential !== b.referential && (a.referential !== undefined || b.referential !== undefined)) push('referential', a.referential, b.referential);
  if (a.values && b.values) {
    for (const [code, label] of a.values) {
      const other = b.values.get(code);
      if (other === undefined) out.push({ element: 'code-value', op: 'removed', id: `${id}#${code}`, from: label, block, facts: { ...facts, code } });
      else if (other !== label) out.push({ element: 'code-value', op: 'modified', id: `${id}#${code}`, field: 'label', from: label, to: other, block, facts: { ...facts, code } });
    }
    for (const [code, label] of b.values) {
      if (!a.values.has(code)) out.push({ element: 'code-value', op: 'added', id: `${id}#${code}`, to: label, block, facts: { ...facts, code } });
    }
  }
  return out.length - before;
}

/** Neutral diff from `a` (base) to `b` (revision). */
export function structuralDiff(a: ResolvedVersion, b: ResolvedVersion): StructuralDiff {
  const out: Delta[] = [];
  const notes: string[] = [];

  // --- Datatypes first: rubriques need the rename map.
  const types = pairById(a.datatypes, b.datatypes);
  const usedBy = (v: ResolvedVersion) => {
    const m = new Map<string, string[]>();
    for (const e of v.rubriques.values()) {
      const list = m.get(e.rubrique.datatype);
      if (list) list.push(e.rubrique.id);
      else m.set(e.rubrique.datatype, [e.rubrique.id]);
    }
    // By id, whatever order the version's rubriques were read in (files, or a JSON download).
    for (const list of m.values()) if (list.length > 1) list.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    return m;
  };
  const usedA = usedBy(a);
  const usedB = usedBy(b);
  for (const t of types.removed) out.push({ element: 'datatype', op: 'removed', id: t.id, from: t.id, facts: { nature: t.nature, usedBy: usedA.get(t.id) ?? [] } });
  for (const t of types.added) out.push({ element: 'datatype', op: 'added', id: t.id, to: t.id, facts: { nature: t.nature, usedBy: usedB.get(t.id) ?? [] } });
  for (const [ta, tb] of types.pairs) {
    const facts = { usedBy: usedB.get(tb.id) ?? usedA.get(ta.id) ?? [], datatype: tb.id };
    if (ta.id !== tb.id) out.push({ element: 'datatype', op: 'renamed', id: tb.id, from: ta.id, to: tb.id, facts });
    if (norm(ta.name) !== norm(tb.name)) out.push({ element: 'datatype', op: 'modified', id: tb.id, field: 'name', from: norm(ta.name), to: norm(tb.name), facts });
    if (norm(ta.description) !== norm(tb.description)) out.push({ element: 'datatype', op: 'modified', id: tb.id, field: 'description', from: norm(ta.description), to: norm(tb.description), facts });
    compareConstraints(constraintsOf(ta), constraintsOf(tb), 'datatype', tb.id, facts, undefined, out);
  }

  // --- Blocks.
  const blocks = pairById(a.blocks, b.blocks);
  const blockExistsIn = (other: 'a' | 'b', id: string | null | undefined) =>
    id === null || id === undefined ? true : other === 'a' ? blocks.revToBase.has(id) : blocks.baseToRev.has(id);
  for (const x of blocks.removed) {
    out.push({ element: 'block', op: 'removed', id: x.id, from: x.name, block: x.id, facts: { name: x.name, cardinality: card(x), parent: x.parent ?? null, mandatory: x.cardinality.min >= 1 && blockExistsIn('b', x.parent) } });
  }
  for (const x of blocks.added) {
    out.push({ element: 'block', op: 'added', id: x.id, to: x.name, block: x.id, facts: { name: x.name, cardinality: card(x), parent: x.parent ?? null, mandatory: x.cardinality.min >= 1 && blockExistsIn('a', x.parent) } });
  }
  for (const [xa, xb] of blocks.pairs) {
    const facts = { name: xb.name };
    const mod = (field: string, from: unknown, to: unknown) => out.push({ element: 'block', op: 'modified', id: xb.id, field, from, to, block: xb.id, facts });
    if (xa.id !== xb.id) out.push({ element: 'block', op: 'renamed', id: xb.id, from: xa.id, to: xb.id, block: xb.id, facts });
    if (norm(xa.name) !== norm(xb.name)) mod('name', norm(xa.name), norm(xb.name));
    if (norm(xa.description) !== norm(xb.description)) mod('description', norm(xa.description), norm(xb.description));
    const pa = xa.parent ?? null;
    const pb = xb.parent ?? null;
    if ((pa === null ? null : blocks.baseToRev.get(pa) ?? pa) !== pb) mod('parent', pa, pb);
    if (xa.cardinality.min !== xb.cardinality.min) mod('cardinality.min', xa.cardinality.min, xb.cardinality.min);
    if (xa.cardinality.max !== xb.cardinality.max) mod('cardinality.max', xa.cardinality.max, xb.cardinality.max);
  }

  // --- Rubriques (+ usages).
  const rubA = new Map<string, Rubrique>();
  for (const [id, e] of a.rubriques) rubA.set(id, e.rubrique);
  const rubB = new Map<string, Rubrique>();
  for (const [id, e] of b.rubriques) rubB.set(id, e.rubrique);
  const rubs = pairById(rubA, rubB);
  for (const r of rubs.removed) {
    const blockId = a.rubriques.get(r.id)!.block.id;
    out.push({ element: 'rubrique', op: 'removed', id: r.id, from: r.name, block: blockId, facts: { name: r.name, datatype: r.datatype, mandatoryNatures: blockExistsIn('b', blockId) ? mandatoryNatures(r, a, b) : [] } });
  }
  for (const r of rubs.added) {
    const blockId = b.rubriques.get(r.id)!.block.id;
    out.push({ element: 'rubrique', op: 'added', id: r.id, to: r.name, block: blockId, facts: { name: r.name, datatype: r.datatype, mandatoryNatures: blockExistsIn('a', blockId) ? mandatoryNatures(r, b, a) : [] } });
  }
  const compareUsages = usagesPublished(a) && usagesPublished(b);
  if (!compareUsages && (usagesPublished(a) || usagesPublished(b))) {
    const missing = usagesPublished(a) ? b : a;
    const inferred = missing.meta.usages?.status === 'inféré' ? ` (ses usages sont inférés de ${(missing.meta.usages.inferredFrom ?? []).map((x) => x.version).join(' et ')})` : '';
    notes.push(`Usages non comparés : le tableau des usages de ${missing.key} n'est pas publié${inferred}.`);
  }
  const natA = naturesOf(a);
  const natB = naturesOf(b);
  if (compareUsages && natA && natB) {
    const onlyA = [...natA].filter((n) => !natB.has(n)).sort();
    const onlyB = [...natB].filter((n) => !natA.has(n)).sort();
    if (onlyA.length) notes.push(`Nature(s) ${onlyA.join(', ')} présente(s) seulement dans ${a.key} : leurs usages ne sont pas comparés.`);
    if (onlyB.length) notes.push(`Nature(s) ${onlyB.join(', ')} présente(s) seulement dans ${b.key} : leurs usages ne sont pas comparés.`);
  }
  const commonNature = (n: string) => (!natA || natA.has(n)) && (!natB || natB.has(n));
  for (const [ra, rb] of rubs.pairs) {
    const blockId = b.rubriques.get(rb.id)!.block.id;
    const facts = { name: rb.name };
    const mod = (field: string, from: unknown, to: unknown, extra: Record<string, unknown> = {}) =>
      out.push({ element: 'rubrique', op: 'modified', id: rb.id, field, from, to, block: blockId, facts: { ...facts, ...extra } });
    if (ra.id !== rb.id) out.push({ element: 'rubrique', op: 'renamed', id: rb.id, from: ra.id, to: rb.id, block: blockId, facts });
    if (norm(ra.name) !== norm(rb.name)) mod('name', norm(ra.name), norm(rb.name));
    if (norm(ra.description) !== norm(rb.description)) mod('description', norm(ra.description), norm(rb.description));
    if (norm(ra.technicalName) !== norm(rb.technicalName)) mod('technicalName', norm(ra.technicalName), norm(rb.technicalName));
    if (ra.datatype !== rb.datatype) {
      const ta = a.datatypes.get(ra.datatype);
      const tb = b.datatypes.get(rb.datatype);
      const deltas: Delta[] = [];
      let effect: 'renamed' | 'same' | 'changed' | 'unknown' = 'unknown';
      if (types.baseToRev.get(ra.datatype) === rb.datatype) effect = 'renamed';
      else if (ta && tb) {
        const n = compareConstraints(constraintsOf(ta), constraintsOf(tb), 'rubrique', rb.id, { ...facts, fromType: ta.id, datatype: tb.id }, blockId, deltas);
        effect = n ? 'changed' : 'same';
      }
      mod('datatype', ra.datatype, rb.datatype, { effect });
      out.push(...deltas);
    }
    compareUsage(ra, rb, blockId);
  }
  function compareUsage(ra: Rubrique, rb: Rubrique, blockId: string) {
    if (!compareUsages) return;
    const ua = ra.usage ?? {};
    const ub = rb.usage ?? {};
    const keys = new Set([...Object.keys(ua), ...Object.keys(ub)]);
    for (const n of [...keys].sort()) {
      if (!commonNature(n)) continue;
      const x = ua[n];
      const y = ub[n];
      if (x === y) continue;
      const op: DeltaOp = x === undefined ? 'added' : y === undefined ? 'removed' : 'modified';
      out.push({ element: 'usage', op, id: `${rb.id}@${n}`, field: 'usage', from: x, to: y, block: blockId, facts: { rubrique: rb.id, nature: n } });
    }
  }

  // --- Controls (ids carry their rubrique: no renames).
  const ctlA = new Map<string, Control>();
  for (const [id, e] of a.controls) ctlA.set(id, e.control);
  const ctlB = new Map<string, Control>();
  for (const [id, e] of b.controls) ctlB.set(id, e.control);
  for (const [id, c] of ctlA) {
    const blockId = a.controls.get(id)!.block.id;
    const other = ctlB.get(id);
    if (!other) {
      out.push({ element: 'control', op: 'removed', id, from: norm(c.message), block: blockId, facts: { message: norm(c.message), rule: norm(c.rule) } });
      continue;
    }
    if (norm(c.rule) !== norm(other.rule)) out.push({ element: 'control', op: 'modified', id, field: 'rule', from: norm(c.rule), to: norm(other.rule), block: blockId, facts: {} });
    if (norm(c.message) !== norm(other.message)) out.push({ element: 'control', op: 'modified', id, field: 'message', from: norm(c.message), to: norm(other.message), block: blockId, facts: {} });
  }
  for (const [id, c] of ctlB) {
    if (ctlA.has(id)) continue;
    out.push({ element: 'control', op: 'added', id, to: norm(c.message), block: b.controls.get(id)!.block.id, facts: { message: norm(c.message), rule: norm(c.rule) } });
  }
  return { deltas: out, notes };
}
