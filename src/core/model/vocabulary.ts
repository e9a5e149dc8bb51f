/**
 * The closed lists of the norm's tables, defined once: usage codes of a rubrique per declaration
 * nature, and natures of a datatype. The importer and the journal read them from here; the JSON
 * schemas carry the same enums (tests/boundaries/one-definition.test.ts checks they agree).
 * Browser-safe.
 */

/** Usage of a rubrique: O obligatoire, C conditionnelle, I interdite, N non utilisée, F facultative. */
export const USAGE_CODES = ['O', 'C', 'I', 'N', 'F'] as const;
/** Nature of a datatype. */
export const DATATYPE_NATURES = ['Alphanumeric', 'Numeric', 'Date', 'Enumeration', 'ExternalReferential'] as const;
export type DatatypeNature = (typeof DATATYPE_NATURES)[number];
