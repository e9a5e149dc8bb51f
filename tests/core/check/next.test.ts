import { describe, expect, it } from 'vitest';
import { CHECK_MODEL_FORMAT, checkTextWithNext, nextVersionOf, type CheckModel } from '../../../src/core/check/index.ts';

/** A two-rubrique version: S21.G00.30.001 (code list) and S21.G00.30.002 (SIREN, key control when `key`). */
function model(version: string, codes: string[], o: { key?: boolean; extra?: boolean } = {}): CheckModel {
  const rubriques: CheckModel['blocks'][number]['rubriques'] = [
    { id: 'S21.G00.30.001', name: 'Motif', num: 1, datatype: 'Motif' },
    { id: 'S21.G00.30.002', name: 'SIREN', num: 2, datatype: 'Siren', ...(o.key ? { keys: [{ kind: 'siren' as const, control: 'S21.G00.30.002/CSL-11' }], controls: ['S21.G00.30.002/CSL-11'] } : {}) },
  ];
  if (o.extra) rubriques.push({ id: 'S21.G00.30.003', name: 'Ancienne', num: 3, datatype: 'Texte' });
  return {
    format: CHECK_MODEL_FORMAT,
    family: 'dsn',
    version,
    key: `dsn/${version}`,
    label: `Exemple ${version}`,
    roles: {},
    usages: { published: false, natures: [] },
    blocks: [{ id: 'S21.G00.30', name: 'Individu', parent: null, min: 1, max: 1, rubriques }],
    datatypes: { Motif: { nature: 'Enumeration', codes }, Siren: { nature: 'Alphanumeric', min: 9, max: 9 }, Texte: { nature: 'Alphanumeric', max: 10 } },
    controlCounts: {},
  };
}

describe('checkTextWithNext', () => {
  it('code retiré, nouveau contrôle de clé, rubrique supprimée : libellés avec version et mois', () => {
    const cur = model('P98V01', ['01', '02'], { extra: true });
    const next = model('P99V01', ['01'], { key: true });
    const text = "S21.G00.30.001,'02'\nS21.G00.30.002,'123456789'\nS21.G00.30.003,'x'\n";
    const { report, next: n } = checkTextWithNext(cur, { model: next, from: '2099-01' }, text);
    expect(report.findings).toEqual([]);
    expect(n.findings.map((f) => [f.line, f.rubrique, f.rule, f.change, f.version, f.from])).toEqual([
      [1, 'S21.G00.30.001', 'value-code', 'code-removed', 'dsn/P99V01', '2099-01'],
      [2, 'S21.G00.30.002', 'key-siren', 'control-added', 'dsn/P99V01', '2099-01'],
      [3, 'S21.G00.30.003', 'unknown-rubrique', 'rubrique-removed', 'dsn/P99V01', '2099-01'],
    ]);
    expect(n.counts).toEqual({ bloquant: 3, 'non bloquant': 0, byChange: { 'code-removed': 1, 'control-added': 1, 'rubrique-removed': 1 } });
    expect(n.resolved).toBe(0);
  });

  it('un constat déjà présent aujourd’hui n’est pas un changement ; un constat qui disparaît est compté', () => {
    const cur = model('P98V01', ['01'], { key: true });
    const next = model('P99V01', ['01', '02'], { key: true });
    const { report, next: n } = checkTextWithNext(cur, { model: next }, "S21.G00.30.001,'02'\nS21.G00.30.002,'123456789'\n");
    expect(report.findings.map((f) => f.rule)).toEqual(['value-code', 'key-siren']);
    expect(n.findings).toEqual([]);
    expect(n.resolved).toBe(1);
  });
});

describe('nextVersionOf', () => {
  const vs = [
    { id: 'P25V01', applicability: { from: '2025-01' } },
    { id: 'P26V01', previous: 'P25V01', applicability: { from: '2026-01' } },
    { id: 'P27V01', previous: 'P26V01', applicability: { from: '2027-01' } },
    { id: 'X', applicability: { from: '2028-01' } },
  ];
  it('par previous, sinon par mois d’application', () => {
    expect(nextVersionOf(vs, 'P26V01')?.id).toBe('P27V01');
    expect(nextVersionOf(vs, 'P27V01')?.id).toBe('X');
    expect(nextVersionOf(vs, 'X')).toBeUndefined();
  });
});
