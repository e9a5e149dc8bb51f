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

  it('usages : P25V01 (6 natures) et P27V01 (7 natures, dont 10 DPAE) publiés, P26V01 et P24V01 inférés, P19V01 non publié', () => {
    const v = (id: string) => parse(readFileSync(path.join(NORM, 'dsn', id, 'version.yaml'), 'utf8'));
    expect(v('P25V01').usages.natures.map((n: { code: string }) => n.code)).toEqual(['01', '04', '05', '07', '08', '09']);
    expect(v('P27V01').usages.natures.map((n: { code: string }) => n.code)).toEqual(['01', '04', '05', '07', '08', '09', '10']);
    expect(v('P19V01').usages).toEqual({ status: 'non publié' });
    // P26V01 : voisines P25V01 et P27V01, toutes deux avec un tableau ; P24V01 : seule P25V01 (P19V01 n'en a pas).
    expect(v('P26V01').usages).toMatchObject({ status: 'inféré', inferredFrom: [{ version: 'P25V01', source: 'dsn-tableau-des-usages-CT2025.1.xlsx' }, { version: 'P27V01', source: 'dsn-tableau-des-usages-CT2027.1.xlsx' }] });
    expect(v('P24V01').usages).toMatchObject({ status: 'inféré', inferredFrom: [{ version: 'P25V01', source: 'dsn-tableau-des-usages-CT2025.1.xlsx' }] });
    // La nature 10 n'est pas dans CT2025.1 : pas d'usage inféré pour elle dans P26V01.
    expect(v('P26V01').usages.natures.map((n: { code: string }) => n.code)).toEqual(['01', '04', '05', '07', '08', '09']);
    const s30 = parse(readFileSync(path.join(NORM, 'dsn/P26V01/blocks/S21.G00.30.yaml'), 'utf8'));
    // CT2025.1 et CT2027.1, ligne S21.G00.30.002 « Nom de famille » : O pour toutes les natures.
    expect(s30.rubriques.find((r: { id: string }) => r.id === 'S21.G00.30.002')).toMatchObject({
      usage: { '01': 'O', '04': 'O', '05': 'O', '07': 'O', '08': 'O', '09': 'O' },
      usageProvenance: { source: 'inférée', from: ['P25V01', 'P27V01'] },
    });
    const s11 = parse(readFileSync(path.join(NORM, 'dsn/P26V01/blocks/S21.G00.11.yaml'), 'utf8'));
    // S21.G00.11.024 « Demande de sortie de la DSN » : I en 01 dans CT2025.1, C en 01 dans CT2027.1 → inconnu en 01.
    expect(s11.rubriques.find((r: { id: string }) => r.id === 'S21.G00.11.024').usage).toEqual({ '04': 'I', '05': 'I', '07': 'I', '08': 'I', '09': 'I' });
    // S21.G00.11.025 (SPST) n'existe pas dans P25V01 : aucun usage inférable.
    expect(s11.rubriques.find((r: { id: string }) => r.id === 'S21.G00.11.025').usage).toBeUndefined();
    const s63 = parse(readFileSync(path.join(NORM, 'dsn/P24V01/blocks/S21.G00.63.yaml'), 'utf8'));
    // CT2025.1, ligne S21.G00.63.001 : N, N, N, O, N, N (seule voisine de P24V01 avec un tableau).
    expect(s63.rubriques.find((r: { id: string }) => r.id === 'S21.G00.63.001')).toMatchObject({
      usage: { '01': 'N', '04': 'N', '05': 'N', '07': 'O', '08': 'N', '09': 'N' },
      usageProvenance: { source: 'inférée', from: ['P25V01'] },
    });
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
