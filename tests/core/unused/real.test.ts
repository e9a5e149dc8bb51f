/**
 * The unused-elements report on the real registry. Every expectation is computed here from the
 * official tables (CSV exports of each sheet in ../shared/reference), never from our own output;
 * skipped, with a message, when that folder is absent.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRegistry, type ResolvedFamily } from '../../../src/core/index.ts';
import { formatUnused, unusedReport, type UnusedReport } from '../../../src/core/unused/index.ts';
import { urls } from '../../../src/site/urls.ts';
import { PROJECT_ROOT } from '../../helpers/fixture.ts';
import { hasOfficial, officialSheet, readCsvRows, REFERENCE } from '../../helpers/official.ts';

const VERSIONS = ['P19V01', 'P24V01', 'P25V01', 'P26V01', 'P27V01'];
const available = hasOfficial(VERSIONS);
if (!available) console.warn('tests/core/unused/real.test.ts : ../shared/reference absent, tests sur les tables officielles ignorés');

const ids = (r: UnusedReport, code: string, from: 'items' | 'removed' = 'items') => r[from].filter((i) => i.reason.code === code).map((i) => i.id).sort();
const rubriqueId = (row: Record<string, string>) => `${row['Block Id']}.${row.Id}`;
/** `S21.G00.30.020/CCH14` → `S21.G00.30.020/CCH-14`, as the importer normalises control ids. */
const controlId = (name: string) => name.replace(/\/\s*([A-Z]{3})\s*-?\s*(\d+)\s*$/, '/$1-$2');

describe.skipIf(!available)('rapport des éléments inutilisés, contre les tables officielles', () => {
  let fam: ResolvedFamily;
  const reports = new Map<string, UnusedReport>();
  const report = (v: string) => {
    if (!reports.has(v)) reports.set(v, unusedReport(fam, v, { link: (t) => urls.elementOfKind(t.family, t.version, t.kind, t.id) }));
    return reports.get(v)!;
  };
  beforeAll(() => {
    const res = loadRegistry(PROJECT_ROOT, { only: VERSIONS.map((v) => `dsn/${v}`) });
    expect(res.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    fam = res.registry.families.get('dsn')!;
  });

  it.each(VERSIONS)('%s : types de données inutilisés = lignes de Data Types dont aucune ligne de Fields ne nomme l\'Id (colonne DataType Id)', (v) => {
    const used = new Set(officialSheet(v, 'Fields').map((r) => r['DataType Id']));
    const expected = officialSheet(v, 'Data_Types').map((r) => r.Id).filter((id) => !used.has(id)).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(ids(report(v), 'datatype-unreferenced')).toEqual(expected);
  });

  it.each(VERSIONS)("%s : rubriques « n'est plus attendue » = lignes de Fields dont la Description le dit", (v) => {
    const expected = officialSheet(v, 'Fields').filter((r) => /n['’]est plus attendue/.test(r.Description)).map(rubriqueId).sort();
    expect(ids(report(v), 'rubrique-no-longer-expected')).toEqual(expected);
  });

  it('P25V01 : S21.G00.06.009 et S21.G00.11.008 ne sont plus attendues « à compter de la version de norme P24V01 »', () => {
    // CT2025 Fields, rows S21.G00.06/009 and S21.G00.11/008: « La déclaration de cette rubrique n'est plus attendue
    // (…) à compter de la version de norme P24V01. » The P24V01 descriptions (CT2024 Fields) do not say so yet.
    const p24 = new Map(officialSheet('P24V01', 'Fields').map((r) => [rubriqueId(r), r.Description]));
    expect(p24.get('S21.G00.06.009')).not.toMatch(/plus attendue/);
    const items = report('P25V01').items.filter((i) => i.reason.code === 'rubrique-no-longer-expected');
    expect(items.map((i) => [i.id, i.sinceVersion, i.statedSince, i.link])).toEqual([
      ['S21.G00.06.009', ['P25V01'], 'P24V01', '/dsn/P25V01/S21.G00.06.009/'],
      ['S21.G00.11.008', ['P25V01'], 'P24V01', '/dsn/P25V01/S21.G00.11.008/'],
    ]);
  });

  it('P26V01 : S21.G00.06.009 et S21.G00.11.008, listées pour P25V01, sont supprimées par P26V01', () => {
    // CT2026 Fields has no row S21.G00.06/009 nor S21.G00.11/008; CT2025 has both (« n'est plus attendue »).
    const p26 = new Set(officialSheet('P26V01', 'Fields').map(rubriqueId));
    expect([p26.has('S21.G00.06.009'), p26.has('S21.G00.11.008')]).toEqual([false, false]);
    const r = report('P26V01');
    const removed = r.removed.filter((i) => i.reason.code === 'rubrique-no-longer-expected');
    expect(removed.map((i) => [i.id, i.removedIn, i.link])).toEqual([
      ['S21.G00.06.009', 'P26V01', '/dsn/P25V01/S21.G00.06.009/'],
      ['S21.G00.11.008', 'P26V01', '/dsn/P25V01/S21.G00.11.008/'],
    ]);
    expect(r.notes[0]).toBe('Tableau des usages non publié pour dsn/P26V01 : les rubriques et blocs jamais utilisés (usage N ou I pour toutes les natures) ne peuvent pas être recherchés.');
    const text = formatUnused(r, 'text');
    expect(text).toContain('S21.G00.06.009');
    expect(text).toContain('S21.G00.11.008');
  });

  it.each(VERSIONS)('%s : contrôles citant une rubrique absente = lignes de Messages dont Description ou Message nomme une rubrique absente de Fields', (v) => {
    const rubriques = new Set(officialSheet(v, 'Fields').map(rubriqueId));
    const expected = officialSheet(v, 'Messages')
      .filter((m) => (`${m.Description}\n${m.Message}`.match(/S\d{2}\.G\d{2}\.\d{2}\.\d{3}/g) ?? []).some((id) => !rubriques.has(id)))
      .map((m) => controlId(m.Name))
      .sort();
    expect(ids(report(v), 'control-missing-rubrique')).toEqual(expected);
    expect(report(v).anomalies.filter((a) => a.code === 'control-missing-rubrique').map((a) => a.id).sort()).toEqual(expected);
  });

  it('P26V01 : S89.G00.32.017/CCH-11 cite S21.G00.05.005, qui n\'existe pas (cellule Messages / Message)', () => {
    const row = officialSheet('P26V01', 'Messages').find((m) => m.Name === 'S89.G00.32.017/CCH-11')!;
    expect(row.Message).toContain('S21.G00.05.005');
    const a = report('P26V01').anomalies.find((x) => x.id === 'S89.G00.32.017/CCH-11')!;
    expect(a.source).toEqual({ file: 'dsn-datatypes-CT2026.xlsx', sheet: 'Messages', row: 'Name = S89.G00.32.017/CCH-11', column: 'Message' });
  });

  it.each(VERSIONS)('%s : types impossibles = lignes de Data Types dont le Regexp est une seule classe de caractères (1 caractère) et Lg Min > 1', (v) => {
    // The regexp applies to the whole value: `[A-Z0-9]` only matches one character.
    const expected = officialSheet(v, 'Data_Types')
      .filter((t) => t.Nature !== 'Enumeration' && /^\[(\\.|[^\]\\])*\]$/.test(t.Regexp) && Number(t['Lg Min']) > 1)
      .map((t) => t.Id)
      .sort();
    expect(report(v).anomalies.filter((a) => a.code === 'datatype-unsatisfiable').map((a) => a.id).sort()).toEqual(expected);
  });

  it('P19V01 : DSN_Numero_Contrat (`[A-Z0-9]`, 5 à 20 caractères) ne peut être satisfait', () => {
    const row = officialSheet('P19V01', 'Data_Types').find((t) => t.Id === 'DSN_Numero_Contrat')!;
    expect([row.Regexp, row['Lg Min'], row['Lg Max']]).toEqual(['[A-Z0-9]', '5', '20']);
    const a = report('P19V01').anomalies.find((x) => x.id === 'DSN_Numero_Contrat')!;
    expect(a.source).toEqual({ file: 'dsn_cahier_technique_p3_2019.1.2.xlsx', sheet: 'Data Types', row: 'Id = DSN_Numero_Contrat', column: 'Regexp, Lg Min, Lg Max' });
  });

  it.each([
    ['P25V01', 'eliboa-norme-dsn/csv/CT2025.1-usages/1_Tableau_des_usages.csv'],
    ['P27V01', 'eliboa-norme-dsn/csv/CT2027.1-usages/1_Tableau_des_usages.csv'],
  ])('%s : rubriques et blocs jamais utilisés = lignes de la table des usages N ou I pour toutes les natures', (v, file) => {
    // Usage sheet export: row 1 filler, row 2 nature headers (columns 5 and after), row 3 column headers;
    // column 3 is the rubrique id.
    const [, head, , ...table] = readCsvRows(path.join(REFERENCE, file));
    const natures = head.slice(4).filter(Boolean).length;
    const never = new Set(table.filter((c) => /^S\d{2}\.G\d{2}\.\d{2}\.\d{3}$/.test(c[2]) && c.slice(4, 4 + natures).every((u) => u === 'N' || u === 'I')).map((c) => c[2]));
    const r = report(v);
    expect(ids(r, 'rubrique-never-used')).toEqual([...never].sort());
    const byBlock = new Map<string, string[]>();
    for (const f of officialSheet(v, 'Fields')) byBlock.set(f['Block Id'], [...(byBlock.get(f['Block Id']) ?? []), rubriqueId(f)]);
    const deadBlocks = [...byBlock].filter(([, rs]) => rs.every((x) => never.has(x))).map(([b]) => b).sort();
    expect(ids(r, 'block-never-used')).toEqual(deadBlocks);
  });

  it('tri : les plus anciens d\'abord', () => {
    const r = report('P27V01');
    const order = (v: string) => VERSIONS.indexOf(v);
    const starts = r.items.map((i) => Math.min(order(i.sinceVersion[0]), i.statedSince ? order(i.statedSince) : Infinity));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });
});
