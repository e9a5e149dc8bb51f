import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../../helpers/fixture.ts';

// Counts of the official tables (see domain.md §1.2), checked on the committed registry.
const NORM = path.join(PROJECT_ROOT, 'norm');

interface Counts {
  blocks: number;
  headerBlocks: number;
  rubriques: number;
  datatypes: number;
  values: number;
  controls: number;
  byFamily: Record<string, number>;
}

function count(family: string, version: string): Counts {
  const dir = path.join(NORM, family, version);
  const c: Counts = { blocks: 0, headerBlocks: 0, rubriques: 0, datatypes: 0, values: 0, controls: 0, byFamily: {} };
  for (const f of readdirSync(path.join(dir, 'blocks'))) {
    const b = parse(readFileSync(path.join(dir, 'blocks', f), 'utf8'));
    if (b.header) c.headerBlocks++;
    else c.blocks++;
    for (const r of b.rubriques) {
      c.rubriques++;
      for (const ctl of r.controls ?? []) {
        c.controls++;
        c.byFamily[ctl.family] = (c.byFamily[ctl.family] ?? 0) + 1;
      }
    }
  }
  for (const f of readdirSync(path.join(dir, 'datatypes'))) {
    const d = parse(readFileSync(path.join(dir, 'datatypes', f), 'utf8'));
    c.datatypes++;
    c.values += d.values?.length ?? 0;
  }
  return c;
}

describe('comptes des tables officielles dans norm/', () => {
  it.each([
    // P19V01: official 2019.1.2 tables (dsn_cahier_technique_p3_2019.1.2.xlsx, sheets Blocks 50 rows,
    // Fields 461, Data Types 366, Messages 481), which replaced Coog's earlier export (459 rubriques,
    // 361 types, no Messages sheet).
    ['P19V01', 50, 461, 366, 1063, 481, { CCH: 338, SIG: 64, CRE: 41, CSL: 32, CME: 4, CST: 1, CID: 1 }],
    ['P24V01', 59, 576, 305, 1473, 643, { CCH: 488, SIG: 60, CRE: 48, CSL: 41, CME: 4, CST: 1, CID: 1 }],
    ['P25V01', 59, 570, 306, 1470, 638, { CCH: 484, SIG: 58, CRE: 48, CSL: 42, CME: 4, CST: 1, CID: 1 }],
    ['P26V01', 59, 573, 307, 1497, 653, { CCH: 498, SIG: 59, CRE: 48, CSL: 42, CME: 4, CST: 1, CID: 1 }],
    ['P27V01', 61, 591, 319, 1562, 671, { CCH: 512, SIG: 62, CRE: 47, CSL: 44, CME: 4, CST: 1, CID: 1 }],
  ] as const)('dsn/%s : %i blocs (+3), %i rubriques, %i types, %i valeurs, %i contrôles', (v, blocks, rubriques, datatypes, values, controls, byFamily) => {
    expect(count('dsn', v)).toEqual({ blocks, headerBlocks: 3, rubriques, datatypes, values, controls, byFamily });
  });

  it('pasrau/201710 : 10 blocs, 100 rubriques, 348 types', () => {
    expect(count('pasrau', '201710')).toMatchObject({ blocks: 10, headerBlocks: 3, rubriques: 100, datatypes: 348, controls: 0 });
  });

  it('usages : P25V01 (6 natures) et P27V01 (7 natures, dont 10 DPAE) publiés, les autres non', () => {
    const v = (id: string) => parse(readFileSync(path.join(NORM, 'dsn', id, 'version.yaml'), 'utf8'));
    expect(v('P25V01').usages.natures.map((n: { code: string }) => n.code)).toEqual(['01', '04', '05', '07', '08', '09']);
    expect(v('P27V01').usages.natures.map((n: { code: string }) => n.code)).toEqual(['01', '04', '05', '07', '08', '09', '10']);
    for (const id of ['P19V01', 'P24V01', 'P26V01']) expect(v(id).usages).toEqual({ status: 'non publié' });
    const s20 = parse(readFileSync(path.join(NORM, 'dsn/P27V01/blocks/S20.G00.05.yaml'), 'utf8'));
    expect(s20.rubriques.find((r: { id: string }) => r.id === 'S20.G00.05.005').usage).toEqual({ '01': 'O', '04': 'I', '05': 'I', '07': 'I', '08': 'I', '09': 'O', '10': 'I' });
    expect(v('P26V01').activations).toEqual([
      expect.objectContaining({ element: 'DSN_Declaration_Nature#10', from: '2027-01', source: 'fiche tierce (zendsn.com)' }),
    ]);
  });

  it('identifiants irréguliers normalisés dans le registre (S21.G00.30.020/CCH14)', () => {
    const b = parse(readFileSync(path.join(NORM, 'dsn/P26V01/blocks/S21.G00.30.yaml'), 'utf8'));
    const r = b.rubriques.find((x: { id: string }) => x.id === 'S21.G00.30.020');
    expect(r.controls.find((c: { id: string }) => c.id === 'S21.G00.30.020/CCH-14').rawId).toBe('S21.G00.30.020/CCH14');
  });
});
