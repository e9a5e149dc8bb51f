/**
 * Element search within one version (MCP tool `search`, library): by id prefix or by words of
 * the name / technical name, case- and accent-insensitive. Pure; the site has its own full-text
 * index (Pagefind) for fiches and pages.
 */
import type { ResolvedVersion } from './model/types.ts';
import { blockOfRubrique } from './model/ids.ts';
import type { ElementKind } from './query.ts';

export interface SearchHit {
  kind: ElementKind;
  id: string;
  name: string;
  /** Block of a rubrique or a control. */
  block?: string;
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

/** Hits ordered: exact id, id prefix, then name matches (every word of the query), by id. */
export function searchElements(v: ResolvedVersion, query: string, limit = 20): SearchHit[] {
  const q = fold(query.trim());
  if (!q) return [];
  const words = q.split(/\s+/);
  const all: Array<SearchHit & { text: string }> = [
    ...[...v.blocks.values()].map((b) => ({ kind: 'block' as const, id: b.id, name: b.name, text: b.name })),
    ...[...v.rubriques.values()].map((e) => ({ kind: 'rubrique' as const, id: e.rubrique.id, name: e.rubrique.name, block: e.block.id, text: `${e.rubrique.name} ${e.rubrique.technicalName ?? ''}` })),
    ...[...v.datatypes.values()].map((t) => ({ kind: 'datatype' as const, id: t.id, name: t.name ?? t.id, text: `${t.id} ${t.name ?? ''}` })),
    ...[...v.controls.values()].map((c) => ({ kind: 'control' as const, id: c.control.id, name: c.control.message, block: blockOfRubrique(c.rubrique.id), text: '' })),
  ];
  const ranked = all.map((h) => ({ ...h, rank: fold(h.id) === q ? 0 : fold(h.id).startsWith(q) ? 1 : words.every((w) => fold(h.text).includes(w)) ? 2 : 3 }));
  return ranked
    .filter((h) => h.rank < 3)
    .sort((a, b) => a.rank - b.rank || a.id.localeCompare(b.id))
    .slice(0, limit)
    .map(({ rank: _r, text: _t, ...h }) => h);
}
