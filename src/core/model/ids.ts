/**
 * The grammar of the identifiers of the norm, defined once: rubrique (`S21.G00.40.007`), block
 * (`S21.G00.40`), control (`S21.G00.40.007/CCH-11`), and the DSN version name (`P26V01`).
 * Every other module (core, CLI, site, browser scripts) imports it from here; the JSON schemas
 * of the registry carry the same patterns (tests/boundaries/ids.test.ts checks they agree).
 * Browser-safe: no Node module.
 */

/** Families of controls of the norm (the letters after the `/` of a control id). */
export const CONTROL_FAMILIES = ['CCH', 'SIG', 'CSL', 'CRE', 'CME', 'CST', 'CID'] as const;
export type ControlFamily = (typeof CONTROL_FAMILIES)[number];

/**
 * Parts of an id as regexp sources, to compose tolerant or embedded forms (search, import,
 * text): structure `S21`, group `G00`, block number `40`, rubrique number `007`, control
 * family `CCH|SIG|…`.
 */
export const ID_PART = {
  structure: 'S\\d{2}',
  group: 'G\\d{2}',
  block: '\\d{2}',
  rubrique: '\\d{3}',
  family: CONTROL_FAMILIES.join('|'),
} as const;

/** `S21.G00.40` as a regexp source (no anchors, no captures). */
export const BLOCK_SOURCE = `${ID_PART.structure}\\.${ID_PART.group}\\.${ID_PART.block}`;
/** `S21.G00.40.007` as a regexp source (no anchors, no captures). */
export const RUBRIQUE_SOURCE = `${BLOCK_SOURCE}\\.${ID_PART.rubrique}`;

/** A block id: `S21.G00.40`. */
export const BLOCK_ID = new RegExp(`^${BLOCK_SOURCE}$`);
/** A rubrique id: `S21.G00.40.007`. */
export const RUBRIQUE_ID = new RegExp(`^${RUBRIQUE_SOURCE}$`);
/** A control id: `S21.G00.40.007/CCH-11`; captures the rubrique, the family, the number. */
export const CONTROL_ID = new RegExp(`^(${RUBRIQUE_SOURCE})\\/(${ID_PART.family})-(\\d{2,3})$`);
/** A rubrique of the envelope of a lot of envois (`S05`, `S06`, `S95`, `S96`): not in any version of the norm. */
export const LOT_ENVELOPE_ID = new RegExp(`^S(05|06|95|96)\\.${ID_PART.group}\\.${ID_PART.block}\\.${ID_PART.rubrique}$`);
/** A block or rubrique id (`S21.G00.40`, `S21.G00.40.007`) as a regexp source (no anchors). */
export const ELEMENT_ID_SOURCE = `${BLOCK_SOURCE}(?:\\.${ID_PART.rubrique})?`;
/** A DSN version name in running text: `P26V01`. */
export const DSN_VERSION_SOURCE = 'P\\d{2}V\\d{2}';

/** Every rubrique id written in `text`, once each, sorted. */
export function rubriqueIdsIn(text: string): string[] {
  return [...new Set(text.match(new RegExp(RUBRIQUE_SOURCE, 'g')) ?? [])].sort();
}

/** `S21.G00.40.007` → `S21.G00.40` (the block of a rubrique). */
export function blockOfRubrique(rubriqueId: string): string {
  return rubriqueId.slice(0, rubriqueId.lastIndexOf('.'));
}

/** `S21.G00.40.007` → 7 (the rubrique number; 0 when unreadable). */
export function rubriqueNumber(rubriqueId: string): number {
  const n = Number(rubriqueId.slice(rubriqueId.lastIndexOf('.') + 1));
  return Number.isFinite(n) ? n : 0;
}

/** `S21.G00.40.007/CCH-11` → `S21.G00.40.007` (the rubrique of a control). */
export function rubriqueOfControl(controlId: string): string {
  return controlId.split('/')[0];
}

/** `…/CCH11` or `… /CCH-11` → `…/CCH-11`: the control id as the norm writes it (blanks removed, dash added). */
export function normalizeControlId(id: string): string {
  return id.replace(/\s+/g, '').replace(new RegExp(`\\/(${ID_PART.family})(\\d)`), '/$1-$2');
}

export type IdKind = 'rubrique' | 'block' | 'control' | 'datatype';

/** A control-looking id: a rubrique id, `/`, anything (the control itself may not exist). */
const CONTROL_LIKE = new RegExp(`^${RUBRIQUE_SOURCE}\\/.+$`);

/** The kind an id looks like (a datatype when it is none of the others). */
export function kindOfId(id: string): IdKind {
  if (CONTROL_LIKE.test(id)) return 'control';
  if (RUBRIQUE_ID.test(id)) return 'rubrique';
  if (BLOCK_ID.test(id)) return 'block';
  return 'datatype';
}
