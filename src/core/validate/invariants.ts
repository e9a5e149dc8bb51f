/**
 * Small facts about registry content that the validate stage checks (`cross.ts`): the block of a
 * rubrique, the target of a control, inverted ranges. The maintenance journal has none of its
 * own: it runs the validate stage on the version it amends (`src/core/journal/apply.ts`). The
 * id grammar is the core's (`model/ids.ts`), which the JSON schemas repeat
 * (tests/boundaries/one-definition.test.ts checks they agree).
 */
import { blockOfRubrique } from '../model/ids.ts';

/** The block a rubrique id belongs to: `S21.G00.40.001` → `S21.G00.40`. */
export const blockOf = blockOfRubrique;

/** Rubrique and family a control id names (`S21.G00.40.007/CCH-11` → `S21.G00.40.007`, `CCH`). */
export function controlTarget(controlId: string): { rubrique: string; family: string } {
  const slash = controlId.indexOf('/');
  return { rubrique: controlId.slice(0, slash), family: controlId.slice(slash + 1).split('-')[0] };
}

/** A cardinality whose minimum exceeds its maximum. */
export function cardinalityInverted(c: { min: unknown; max: unknown }): boolean {
  return c.max !== '*' && typeof c.min === 'number' && typeof c.max === 'number' && c.min > c.max;
}

/** A minimum length greater than the maximum length (both given). */
export function lengthInverted(min: unknown, max: unknown): boolean {
  return typeof min === 'number' && typeof max === 'number' && min > max;
}
