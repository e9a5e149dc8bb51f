/**
 * The ASCII tables of the datatypes' regexps (src/core/check/dfa.ts) decide exactly as the
 * regexps on ASCII values, for every regexp of the real DSN versions, and never accept a value the
 * regexp rejects (the checker accepts a value from its table without running the regexp).
 */
import { describe, expect, it } from 'vitest';
import { compileAsciiDfa, dfaAccepts } from '../../../src/core/check/dfa.ts';
import { generate, parseRegexp } from '../../../src/core/sample/regex-gen.ts';
import { createRng } from '../../../src/core/sample/rng.ts';
import { REAL_DSN, realModel } from './real-models.ts';

const full = (src: string) => new RegExp(`^(?:${src})$`, 'u');
const accepts = (src: string, value: string) => {
  const d = compileAsciiDfa(src);
  if (!d) throw new Error(`pas de table pour ${src}`);
  // The value in the middle of a line, as the checker reads it.
  const line = `S21.G00.40.001,'${value}'`;
  return dfaAccepts(d, line, 16, line.length - 1);
};

describe('tables ASCII des expressions régulières', () => {
  it('quelques formes de la norme, valeur lue dans la ligne', () => {
    const montant = '-?[0]*(0|[1-9][0-9]*)\\.[0-9]{2}';
    expect(['0.00', '-12.50', '000123.45'].map((v) => accepts(montant, v))).toEqual([true, true, true]);
    expect(['12.5', '1,00', '.00', '--1.00', '12.50 ', ''].map((v) => accepts(montant, v))).toEqual([false, false, false, false, false, false]);
    const date = '(0[1-9]|[1-2][0-9]|3[0-1])(0[1-9]|1[0-2])(19|20)[0-9]{2}';
    expect(['01012026', '31121999', '00012026', '01132026', '0101202', '010120266'].map((v) => accepts(date, v))).toEqual([true, true, false, false, false, false]);
    expect(['Paris 12', 'PARIS\tCEDEX', 'Orléans'].map((v) => accepts('[A-Za-z0-9\\s]+', v))).toEqual([true, true, false]);
    expect(['2A', '2B', '20', '2C', '00'].map((v) => accepts('(0[1-9]|[1-9][0-9])|2A|2B', v))).toEqual([true, true, true, false, false]);
  });

  it('hors du sous-ensemble compilé : pas de table (l’expression elle-même sert)', () => {
    for (const src of ['^-?\\d{1,8}\\.\\d{2}$', '100.00', '(?=a)a', '(a)\\1', 'é+', '\\bA', '\\p{L}+']) expect(compileAsciiDfa(src), src).toBeUndefined();
  });

  it('chaque expression des versions DSN réelles : même verdict que la RegExp sur des valeurs ASCII, jamais d’acceptation à tort', () => {
    const sources = new Set<string>();
    for (const key of REAL_DSN) for (const d of Object.values(realModel(key).model.datatypes)) if (d.regexp) sources.add(d.regexp);
    const rng = createRng('dfa-test');
    const extra = [...'0123456789.-AZaz 2BMTSE\t,\'é_/'];
    let compiled = 0;
    let values = 0;
    const wrong: string[] = [];
    for (const src of sources) {
      const d = compileAsciiDfa(src);
      if (!d) continue;
      compiled++;
      const re = full(src);
      const node = parseRegexp(src);
      const chars = [...new Set([...src, ...extra])];
      for (let k = 0; k < 600; k++) {
        let v = generate(node, rng, 20);
        // Half of them one character off (replaced, removed or inserted): mostly rejected.
        if (k % 2) {
          const i = rng.int(0, v.length);
          const c = rng.pick(chars);
          v = [v.slice(0, i) + c + v.slice(i + 1), v.slice(0, i) + v.slice(i + 1), v.slice(0, i) + c + v.slice(i)][rng.int(0, 2)];
        }
        values++;
        const table = dfaAccepts(d, v, 0, v.length);
        const ascii = /^[\x00-\x7f]*$/.test(v);
        if (table !== (ascii && re.test(v))) wrong.push(`${src} « ${v} » : table ${table}, RegExp ${re.test(v)}`);
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    // Most of the norms' regexps are compiled (the others keep the RegExp).
    expect(compiled).toBeGreaterThan(sources.size * 0.9);
    expect(values).toBeGreaterThan(30_000);
  });
});
