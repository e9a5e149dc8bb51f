import { didYouMean } from './diagnostics/diagnostic.ts';
import type { Registry, ResolvedVersion } from './model/types.ts';
import { normalizeControlId, type IdKind } from './model/ids.ts';

export type Lookup<T> = { ok: true; value: T } | { ok: false; error: string; hint?: string };

/** Resolve `dsn/P26V01` or a bare `P26V01` (when unambiguous). */
export function resolveVersionRef(registry: Registry, ref: string): Lookup<ResolvedVersion> {
  const all = [...registry.families.values()].flatMap((f) => [...f.versions.values()]);
  if (ref.includes('/')) {
    const [fam, ver] = ref.split('/', 2);
    const f = registry.families.get(fam);
    if (!f) {
      const dym = didYouMean(fam, registry.families.keys());
      return { ok: false, error: `famille inconnue « ${fam} »${dym ? ` ; ${dym}` : ''}`, hint: `familles : ${[...registry.families.keys()].join(', ')}` };
    }
    const v = f.versions.get(ver);
    if (!v) {
      const dym = didYouMean(ver, f.versions.keys());
      return { ok: false, error: `version inconnue « ${ref} »${dym ? ` ; ${dym}` : ''}`, hint: `versions de ${fam} : ${[...f.versions.keys()].join(', ')}` };
    }
    return { ok: true, value: v };
  }
  const matches = all.filter((v) => v.id === ref);
  if (matches.length === 1) return { ok: true, value: matches[0] };
  if (matches.length > 1) {
    return { ok: false, error: `version « ${ref} » ambiguë : ${matches.map((m) => m.key).join(', ')}`, hint: 'précisez la famille, ex. dsn/' + ref };
  }
  const dym = didYouMean(ref, all.map((v) => v.id));
  return { ok: false, error: `version inconnue « ${ref} »${dym ? ` ; ${dym}` : ''}`, hint: `versions : ${all.map((v) => v.key).join(', ')}` };
}

export type ElementKind = IdKind;

export interface FoundElement {
  kind: ElementKind;
  id: string;
}

/** Find an element of a version by id: block, rubrique, datatype or control (`S21.G00.40.007/CCH-11`). */
export function findElement(v: ResolvedVersion, id: string): Lookup<FoundElement> {
  if (v.rubriques.has(id)) return { ok: true, value: { kind: 'rubrique', id } };
  if (v.blocks.has(id)) return { ok: true, value: { kind: 'block', id } };
  if (v.datatypes.has(id)) return { ok: true, value: { kind: 'datatype', id } };
  if (v.controls.has(id)) return { ok: true, value: { kind: 'control', id } };
  const norm = normalizeControlId(id);
  if (norm !== id && v.controls.has(norm)) return { ok: true, value: { kind: 'control', id: norm } };
  const candidates = [...v.rubriques.keys(), ...v.blocks.keys(), ...v.datatypes.keys(), ...v.controls.keys()];
  const dym = didYouMean(id, candidates);
  return { ok: false, error: `élément « ${id} » introuvable dans ${v.key}${dym ? ` ; ${dym}` : ''}` };
}
