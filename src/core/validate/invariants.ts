/**
 * The invariants of registry content that the validate stage checks on the files and the
 * maintenance journal checks on each operation (`src/core/journal/apply.ts`) — one definition
 * each, so an amended version obeys the same rules as a version read from its files. The enums
 * and the control-id grammar are the core's (`model/vocabulary.ts`, `model/ids.ts`), which the JSON
 * schemas repeat (tests/boundaries/one-definition.test.ts checks they agree).
 */
import { blockOfRubrique, CONTROL_ID } from '../model/ids.ts';
import { DATATYPE_NATURES as NATURE_LIST, USAGE_CODES as USAGE_CODE_LIST } from '../model/vocabulary.ts';

/** Usage codes of a rubrique (`O`, `C`, `I`, `N`, `F`), from the core's vocabulary (same as the block schema). */
export const USAGE_CODES: ReadonlySet<string> = new Set(USAGE_CODE_LIST);

/** Natures of a datatype, from the core's vocabulary (same as the datatype schema). */
export const DATATYPE_NATURES: readonly string[] = NATURE_LIST;

/** The block a rubrique id belongs to: `S21.G00.40.001` → `S21.G00.40`. */
export const blockOf = blockOfRubrique;

/** Rubrique and family a control id names (`S21.G00.40.007/CCH-11` → `S21.G00.40.007`, `CCH`). */
export function controlTarget(controlId: string): { rubrique: string; family: string } {
  const slash = controlId.indexOf('/');
  return { rubrique: controlId.slice(0, slash), family: controlId.slice(slash + 1).split('-')[0] };
}

/** Rubrique and family of a well-formed control id (block schema's pattern), else undefined. */
export function parseControlId(controlId: string): { rubrique: string; family: string } | undefined {
  return CONTROL_ID.test(controlId) ? controlTarget(controlId) : undefined;
}

/** A cardinality whose minimum exceeds its maximum. */
export function cardinalityInverted(c: { min: unknown; max: unknown }): boolean {
  return c.max !== '*' && typeof c.min === 'number' && typeof c.max === 'number' && c.min > c.max;
}

/** A minimum length greater than the maximum length (both given). */
export function lengthInverted(min: unknown, max: unknown): boolean {
  return typeof min === 'number' && typeof max === 'number' && min > max;
}
