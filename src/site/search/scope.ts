/**
 * What the search index holds (pure: registry in, list of records out).
 *
 * - Every block, rubrique, data type and control of the *reference version* of each family:
 *   the version applicable today (`applicableVersion` of the core, "today" = NORME_TODAY or
 *   the build month, the same month as the home page), else the latest one that applied,
 *   else the newest version of the family. These records have the scope `actuelle`.
 * - From the other versions, only what differs: for each element, one record per distinct
 *   definition other than the reference one (the version nearest to the reference holding
 *   it), including elements absent from the reference version (removed or not yet
 *   introduced). Unchanged copies in older or newer versions are not indexed, so they
 *   cannot drown current results. These records have the scope `autre`.
 * - Fiches consignes (current revision): scope `actuelle` when in force and aimed at the
 *   reference version of their family.
 * - Versions themselves (found by their id, `P27V01`, and name): always scope `actuelle` — a
 *   version is not an older copy of an element.
 */
import type { Block, Datatype, Registry, ResolvedFamily, ResolvedVersion, Rubrique } from '../../core/index.ts';
import type { MonthApplicability } from '../../core/index.ts';

export type RecordType = 'rubrique' | 'bloc' | 'type de données' | 'contrôle' | 'fiche' | 'version';
export type Scope = 'actuelle' | 'autre';

export interface ScopedElement {
  type: Exclude<RecordType, 'fiche' | 'version'>;
  family: string;
  version: string;
  id: string;
  scope: Scope;
  /**
   * The versions holding this very definition (the picked version among them): the record is
   * the one to show when the reader's reference version is one of them (search/ui.ts).
   */
  covers: string[];
}

export interface FamilyReference {
  family: string;
  version: string;
  /** How the reference was chosen: applicable this month, last applicable, or newest. */
  reason: 'applicable' | 'précédente' | 'plus récente';
}

type ApplicableFn = (fam: ResolvedFamily, month: string) => MonthApplicability;

/** Value of the `couvre` filter of a record shown to every reader (the versions themselves). */
export const ANY_READER = '*';
/** Value of the `couvre` filter of the index: `dsn/P27V01` (`*` for every reader). */
export const coverKey = (family: string, version: string) => (version === ANY_READER ? ANY_READER : `${family}/${version}`);

/** The version searched by default in a family. */
export function referenceVersion(fam: ResolvedFamily, month: string, applicableVersion: ApplicableFn): FamilyReference | undefined {
  return referenceOf(fam.id, applicableVersion(fam, month), newestVersion(fam));
}

/** The newest version of the family, not counting example versions (unless there are only those). */
export function newestVersion(fam: ResolvedFamily): string | undefined {
  const all = [...fam.versions.values()];
  const real = all.filter((v) => !v.meta.example);
  return (real.length ? real : all).at(-1)?.id;
}

/**
 * The rule of the reference version, on the answer for the month (core `applicableVersion` at
 * build time, core `applicableSpan` in the reader's browser): applicable, else the last that
 * applied, else the newest.
 */
export function referenceOf(family: string, app: { version?: { id: string }; before?: { id: string } }, newest: string | undefined): FamilyReference | undefined {
  if (app.version) return { family, version: app.version.id, reason: 'applicable' };
  if (app.before) return { family, version: app.before.id, reason: 'précédente' };
  return newest === undefined ? undefined : { family, version: newest, reason: 'plus récente' };
}

/** JSON with sorted keys: equal definitions give equal strings. */
export function stableJson(x: unknown): string {
  return JSON.stringify(x, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
  );
}

/** What the index holds of a block page: its own fields and the rubrique list (not usages nor controls). */
function blockSignature(b: Block, v: ResolvedVersion): string {
  const { rubriques, ...own } = b;
  const rows = rubriques.map((r) => [r.id, r.name, r.datatype, v.datatypes.get(r.datatype)?.maxLength ?? null]);
  return stableJson([own, rows]);
}

/**
 * What the index holds of a rubrique page: the rubrique and its data type. Not its controls
 * (records of their own) nor its usages and their provenance (not indexed; and a version whose
 * usage tables are not published, or only inferred, would otherwise differ from every other one
 * on every rubrique).
 */
function rubriqueSignature(r: Rubrique, v: ResolvedVersion): string {
  const { controls: _controls, usage: _usage, usageProvenance: _provenance, ...own } = r;
  return stableJson([own, v.datatypes.get(r.datatype) ?? null]);
}

function datatypeSignature(t: Datatype): string {
  return stableJson(t);
}

/**
 * For one element present in `versions` (family order) with a signature per version: the
 * versions to index. The reference version if it has the element; for every other distinct
 * signature, the version holding it that is nearest to the reference (later wins a tie).
 */
export function pickVersions(order: string[], ref: string, sig: Map<string, string>): { version: string; scope: Scope }[] {
  const refPos = order.indexOf(ref);
  const refSig = sig.get(ref);
  const out: { version: string; scope: Scope }[] = [];
  if (refSig !== undefined) out.push({ version: ref, scope: 'actuelle' });
  const best = new Map<string, string>();
  for (const v of order) {
    const s = sig.get(v);
    if (s === undefined || s === refSig) continue;
    const cur = best.get(s);
    const d = Math.abs(order.indexOf(v) - refPos);
    if (cur === undefined || d <= Math.abs(order.indexOf(cur) - refPos)) best.set(s, v);
  }
  for (const v of order) if ([...best.values()].includes(v)) out.push({ version: v, scope: 'autre' });
  return out;
}

/** Every block, rubrique, data type and control to index, family by family. */
export function scopedElements(registry: Registry, refs: Map<string, FamilyReference>): ScopedElement[] {
  const out: ScopedElement[] = [];
  for (const fam of registry.families.values()) {
    const ref = refs.get(fam.id);
    if (!ref) continue;
    const versions = [...fam.versions.values()];
    const order = versions.map((v) => v.id);
    const kinds: [ScopedElement['type'], (v: ResolvedVersion) => Map<string, string>][] = [
      ['bloc', (v) => new Map([...v.blocks].map(([id, b]) => [id, blockSignature(b, v)]))],
      ['rubrique', (v) => new Map([...v.rubriques].map(([id, e]) => [id, rubriqueSignature(e.rubrique, v)]))],
      ['type de données', (v) => new Map([...v.datatypes].map(([id, t]) => [id, datatypeSignature(t)]))],
      ['contrôle', (v) => new Map([...v.controls].map(([id, c]) => [id, stableJson(c.control)]))],
    ];
    for (const [type, signatures] of kinds) {
      const perVersion = new Map(versions.map((v) => [v.id, signatures(v)]));
      const ids = new Set<string>();
      for (const m of perVersion.values()) for (const id of m.keys()) ids.add(id);
      for (const id of [...ids].sort()) {
        const sig = new Map<string, string>();
        for (const [vid, m] of perVersion) {
          const s = m.get(id);
          if (s !== undefined) sig.set(vid, s);
        }
        for (const p of pickVersions(order, ref.version, sig)) {
          const own = sig.get(p.version);
          out.push({ type, family: fam.id, version: p.version, id, scope: p.scope, covers: order.filter((v) => sig.get(v) === own) });
        }
      }
    }
  }
  return out;
}
