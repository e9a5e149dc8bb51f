/**
 * Contradictions inside the official tables, checked by the unused-elements report and by the
 * importer (which knows the source row): pure predicates on one datatype or one text.
 */
import { rubriqueIdsIn } from '../model/ids.ts';
import type { Datatype } from '../model/types.ts';
import { matchLengths, parseRegexp } from '../sample/regex-gen.ts';

/** Rubrique ids a text names (sorted, once each). */
export function namedRubriques(text: string): string[] {
  return rubriqueIdsIn(text);
}

/** Why no value can satisfy a datatype (its format and lengths contradict each other); undefined if some can. */
export function unsatisfiable(t: Datatype): string | undefined {
  const lo = t.minLength ?? 0;
  const hi = t.maxLength ?? Infinity;
  if (lo > hi) return `longueur minimale ${lo} > longueur maximale ${hi}`;
  if (!t.regexp || t.nature === 'Enumeration') return undefined;
  let m: { min: number; max: number };
  try {
    m = matchLengths(parseRegexp(t.regexp));
  } catch {
    return undefined; // a syntax the generator does not read: no claim
  }
  if (m.min > hi) return `le format \`${t.regexp}\` demande au moins ${m.min} caractères, la longueur maximale est ${hi}`;
  if (m.max < lo) return `le format \`${t.regexp}\` admet au plus ${m.max} caractères, la longueur minimale est ${lo}`;
  return undefined;
}

