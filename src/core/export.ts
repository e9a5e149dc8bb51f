import type { Block, ResolvedVersion, Rubrique, Control, Datatype, Version } from './model/types.ts';
import type { VersionExport } from './model/schema-types.ts';
import { indexBlock } from './model/index-block.ts';

/** The document of `npx norme export` and of the site's `/{family}/{version}.json`: its type is generated from version-export.schema.json. */
/** `$schema` of a version export (`/{family}/{version}.json`, `norme export`). */
export const VERSION_EXPORT_SCHEMA_ID = 'https://norme.example/schemas/version-export.schema.json';

export type VersionDocument = VersionExport;

/** The whole resolved version as one JSON-ready document (blocks in tree order, rubriques inside). */
export function versionDocument(v: ResolvedVersion): VersionDocument {
  return {
    $schema: VERSION_EXPORT_SCHEMA_ID,
    family: v.family,
    version: v.meta,
    blocks: [...v.blocks.values()],
    datatypes: [...v.datatypes.values()].sort((a, b) => a.id.localeCompare(b.id)),
  };
}

/**
 * The other way: the resolved version a version document describes (its latest edition; the
 * journal that led there is not in the document). What the site's comparison page diffs in
 * the browser: `diffVersions` on two such versions gives the same changes as on the registry
 * (tests/core/diff/document.test.ts). The document is used as is, not copied.
 */
export function versionFromDocument(doc: VersionDocument): ResolvedVersion {
  const meta = doc.version as Version;
  const blocks = doc.blocks as Block[];
  const datatypes = doc.datatypes as Datatype[];
  const v: ResolvedVersion = {
    family: doc.family,
    id: meta.id,
    key: `${doc.family}/${meta.id}`,
    meta,
    dir: `norm/${doc.family}/${meta.id}`,
    blocks: new Map(blocks.map((b) => [b.id, b])),
    rubriques: new Map(),
    datatypes: new Map(datatypes.map((t) => [t.id, t])),
    controls: new Map(),
    files: { blocks: new Map(), datatypes: new Map() },
    journal: [],
  };
  for (const b of blocks) indexBlock(v, b);
  return v;
}

/** One element as a JSON-ready object, with its links resolved. */
export function elementDocument(v: ResolvedVersion, kind: 'block' | 'rubrique' | 'datatype' | 'control', id: string): unknown {
  switch (kind) {
    case 'rubrique': {
      const e = v.rubriques.get(id)!;
      return { kind, version: v.key, block: { id: e.block.id, name: e.block.name }, ...e.rubrique, datatypeDefinition: v.datatypes.get(e.rubrique.datatype) ?? null };
    }
    case 'block': {
      const b = v.blocks.get(id)!;
      const children = [...v.blocks.values()].filter((c) => c.parent === id).map((c) => ({ id: c.id, name: c.name, cardinality: c.cardinality }));
      return { kind, version: v.key, ...b, children };
    }
    case 'datatype': {
      const t = v.datatypes.get(id)!;
      const usedBy = [...v.rubriques.values()].filter((r) => r.rubrique.datatype === id).map((r) => r.rubrique.id);
      return { kind, version: v.key, ...t, usedBy };
    }
    case 'control': {
      const c = v.controls.get(id)!;
      return { kind, version: v.key, rubrique: c.rubrique.id, ...c.control };
    }
  }
}

/**
 * A text that a spreadsheet would read as a formula (OWASP « CSV injection »): it begins with
 * `=`, `+`, `-` or `@` (after blanks, which Excel and LibreOffice skip), or with a tab or a CR.
 */
const FORMULA_START = /^\s*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r]/;

/**
 * One CSV cell for French Excel, never a formula: a text that could start one is prefixed with `'`
 * (OWASP rule, applied to every text, `-` alone and `-5` written as text included: the registry's
 * values are texts, and a spreadsheet must show them as they are, not compute them); numbers of
 * our own (lengths) are written as they are. Quoted when it holds `"`, `;`, a line break or edge blanks.
 */
export function csvCell(x: string | number | undefined | null): string {
  if (x === undefined || x === null) return '';
  let s = String(x);
  if (typeof x === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return /[";\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV for French Excel: `;` separator, CRLF, UTF-8 BOM, every cell through csvCell. */
export function toCsv(header: string[], rows: (string | number | undefined | null)[][]): string {
  return '\ufeff' + [header, ...rows].map((r) => r.map(csvCell).join(';')).join('\r\n') + '\r\n';
}

export function usageNatures(v: ResolvedVersion): string[] {
  return (v.meta.usages?.natures ?? []).map((n) => n.code);
}

/** Rubriques of a version as CSV rows (one per rubrique, in tree order). */
export function rubriquesCsv(v: ResolvedVersion): string {
  const natures = usageNatures(v);
  const header = ['Bloc', 'Libellé du bloc', 'Rubrique', 'Libellé', 'Nom technique', 'Type de données', 'Nature', 'Longueur min', 'Longueur max', 'Format (regexp)', 'Valeurs', 'Contrôles', ...natures.map((n) => `Usage ${n}`), 'Description'];
  const rows: (string | number | undefined)[][] = [];
  for (const b of v.blocks.values()) {
    for (const r of b.rubriques) rows.push(rubriqueRow(v, b, r, natures));
  }
  return toCsv(header, rows);
}

function rubriqueRow(v: ResolvedVersion, b: Block, r: Rubrique, natures: string[]): (string | number | undefined)[] {
  const t = v.datatypes.get(r.datatype);
  return [
    b.id,
    b.name,
    r.id,
    r.name,
    r.technicalName,
    r.datatype,
    t?.nature,
    t?.minLength,
    t?.maxLength,
    t?.regexp,
    t?.values?.map((x) => `${x.code}=${x.label}`).join(' | '),
    (r.controls ?? []).map((c: Control) => c.id).join(' '),
    ...natures.map((n) => r.usage?.[n]),
    r.description,
  ];
}
