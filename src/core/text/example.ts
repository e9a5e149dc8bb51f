/**
 * An example of a value a datatype accepts, for the readers of a raw format: the site shows it
 * next to the regular expression, the check messages quote it ("format JJMMAAAA, par exemple
 * 15012026"). Deterministic (same datatype, same example): values drawn by the regexp generator
 * of `norme sample` (src/core/sample) with a sequence seeded by the expression, kept only if the
 * type accepts them.
 */
import { generate, parseRegexp, type RegexpNode } from '../sample/regex-gen.ts';
import { createRng } from '../sample/rng.ts';

/** What the example must satisfy: the type's format, lengths and code list. */
export interface ExampleSource {
  nature?: string;
  regexp?: string;
  minLength?: number;
  maxLength?: number;
  values?: { code: string }[];
}

/** The example date of the norms' `JJMMAAAA` layout. */
export const EXAMPLE_DATE = '15012026';

const cache = new Map<string, string | undefined>();

/** A value accepted by the type (format, lengths, code list), or undefined when none is found. */
export function exampleValue(t: ExampleSource): string | undefined {
  if (t.values?.length) return t.values[0].code;
  const key = `${t.nature}\u0000${t.regexp ?? ''}\u0000${t.minLength ?? ''}\u0000${t.maxLength ?? ''}`;
  if (cache.has(key)) return cache.get(key);
  const found = compute(t);
  cache.set(key, found);
  return found;
}

function compute(t: ExampleSource): string | undefined {
  let re: RegExp | undefined;
  try {
    re = t.regexp ? new RegExp(`^(?:${t.regexp})$`, 'u') : undefined;
  } catch {
    return undefined;
  }
  const fits = (v: string) => (!re || re.test(v)) && v.length >= (t.minLength ?? 0) && v.length <= (t.maxLength ?? Number.POSITIVE_INFINITY);
  if (t.nature === 'Date' && fits(EXAMPLE_DATE)) return EXAMPLE_DATE;
  if (!t.regexp) return undefined;
  let ast: RegexpNode;
  try {
    ast = parseRegexp(t.regexp.replace(/^\^|\$$/g, ''));
  } catch {
    return undefined;
  }
  // The generator of `norme sample` (same seeded sequence for the same expression): short repetitions first.
  const rng = createRng(t.regexp);
  for (const maxLen of [3, 6, 12, 40, t.maxLength ?? 40]) {
    for (let i = 0; i < 16; i++) {
      const v = generate(ast, rng, maxLen);
      if (fits(v)) return v;
    }
  }
  return undefined;
}
