import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../../../src/core/index.ts';
import { compileFullMatch } from '../../../src/core/validate/regexp.ts';
import { generateSample, SampleError, createRng } from '../../../src/core/sample/index.ts';
import { generate, parseRegexp } from '../../../src/core/sample/regex-gen.ts';
import { PROJECT_ROOT } from '../../helpers/fixture.ts';
import { realModel } from '../check/real-models.ts';

describe('générateur d\'échantillons', () => {
  it('déterministe pour une graine, différent pour une autre', () => {
    const { compiled } = realModel('dsn/P26V01');
    const a = [...generateSample(compiled, { seed: 'abc', salaries: 2 })];
    const b = [...generateSample(compiled, { seed: 'abc', salaries: 2 })];
    const c = [...generateSample(compiled, { seed: 'abd', salaries: 2 })];
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('--salaries N : N blocs individu ; version, nature et totaux posés', () => {
    const { compiled } = realModel('dsn/P27V01');
    const lines = [...generateSample(compiled, { seed: 3, salaries: 7, nature: '07' })];
    // One individual instance starts at each repeated first rubrique of the block.
    const starts = lines.filter((l, i) => l.startsWith('S21.G00.30.') && !lines[i - 1]?.startsWith('S21.G00.30.'));
    expect(starts).toHaveLength(7);
    expect(lines).toContain("S10.G00.00.006,'P27V01'");
    expect(lines).toContain("S20.G00.05.001,'07'");
    expect(lines.at(-2)).toBe(`S90.G00.90.001,'${lines.length}'`);
    expect(lines.at(-1)).toBe("S90.G00.90.002,'1'");
    expect(lines.every((l) => /^S\d\d\.G00\.\d\d\.\d{3},'[\x20-\x7e]*'$/.test(l))).toBe(true);
  });

  it('nature inconnue : erreur en français', () => {
    const { compiled } = realModel('dsn/P26V01');
    expect(() => [...generateSample(compiled, { nature: '99' })]).toThrow(SampleError);
    expect(() => [...generateSample(compiled, { nature: '99' })]).toThrow(/^nature « 99 » absente de la liste DSN_Declaration_Nature de dsn\/P26V01 \(valeurs : 01, 04, 05, 07, 08, 09, 10\)$/);
  });

  it('toutes les expressions régulières du registre sont générables', () => {
    const res = loadRegistry(PROJECT_ROOT);
    const regexps = new Set<string>();
    for (const f of res.registry.families.values()) for (const v of f.versions.values()) for (const t of v.datatypes.values()) if (t.regexp) regexps.add(t.regexp);
    expect(regexps.size).toBeGreaterThan(80);
    const rng = createRng(9);
    for (const src of regexps) {
      const c = compileFullMatch(src);
      if (!c.ok) continue;
      const ast = parseRegexp(src);
      let hits = 0;
      for (let i = 0; i < 200; i++) if (c.re.test(generate(ast, rng, 20))) hits++;
      expect(hits, src).toBeGreaterThan(0);
    }
  }, 120_000);
});
