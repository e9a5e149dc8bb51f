import { describe, expect, it } from 'vitest';
import { inferUsages, type InferTarget, type UsageNeighbour } from '../../../src/core/import/infer-usages.ts';
import type { Block, Rubrique, UsageCode, Version } from '../../../src/core/model/schema-types.ts';

const natures = [
  { code: '01', label: 'Mensuelle' },
  { code: '07', label: 'Fin de contrat' },
];
const version = (id: string, usages: Version['usages']): Version => ({ id, family: 'x', name: id, status: 'published', editions: [], provenance: { sources: [] }, usages });
const rub = (id: string, name: string, datatype: string, usage?: Record<string, UsageCode>): Rubrique => ({ id, name, datatype, ...(usage ? { usage } : {}) });
const block = (rubriques: Rubrique[]): Block => ({ id: 'S21.G00.63', name: 'Préavis', cardinality: { min: 0, max: 1 }, rubriques });
const neighbour = (id: string, rubriques: Rubrique[]): UsageNeighbour => ({ id, version: version(id, { status: 'publié', natures, source: `usages-${id}.xlsx` }), blocks: [block(rubriques)] });
const target = (rubriques: Rubrique[]): InferTarget => ({ version: version('V2', { status: 'non publié' }), blocks: [block(rubriques)], datatypes: [] });

describe('inferUsages (règle d\'inférence des usages appliquée par l\'import)', () => {
  it('deux voisines : même usage et rubrique inchangée → usage inféré ; usages différents ou rubrique changée → inconnu', () => {
    const t = target([rub('S21.G00.63.001', 'Type', 'T'), rub('S21.G00.63.002', 'Début', 'D'), rub('S21.G00.63.003', 'Fin', 'D2')]);
    const before = neighbour('V1', [rub('S21.G00.63.001', 'Type', 'T', { '01': 'N', '07': 'O' }), rub('S21.G00.63.002', 'Début', 'D', { '01': 'I', '07': 'C' }), rub('S21.G00.63.003', 'Fin', 'D', { '01': 'N', '07': 'C' })]);
    const after = neighbour('V3', [rub('S21.G00.63.001', 'Type', 'T', { '01': 'N', '07': 'O' }), rub('S21.G00.63.002', 'Début', 'D', { '01': 'C', '07': 'C' }), rub('S21.G00.63.003', 'Fin', 'D', { '01': 'N', '07': 'C' })]);
    expect(inferUsages(t, [before, after])).toEqual({ inferred: 2, undetermined: 1 });
    const [r1, r2, r3] = t.blocks[0].rubriques;
    expect(r1).toMatchObject({ usage: { '01': 'N', '07': 'O' }, usageProvenance: { source: 'inférée', from: ['V1', 'V3'] } });
    expect(r2).toMatchObject({ usage: { '07': 'C' } }); // I puis C en 01 : inconnu
    expect(r3.usage).toBeUndefined(); // type D2 ≠ D
    expect(t.version.usages).toMatchObject({ status: 'inféré', inferredFrom: [{ version: 'V1', source: 'usages-V1.xlsx' }, { version: 'V3', source: 'usages-V3.xlsx' }], inferred: 2, undetermined: 1 });
  });

  it('une seule voisine avec un tableau : ses usages, provenance à une version ; aucune voisine publiée : rien', () => {
    const t = target([rub('S21.G00.63.001', 'Type', 'T')]);
    const unpublished: UsageNeighbour = { id: 'V0', version: version('V0', { status: 'non publié' }), blocks: [] };
    expect(inferUsages(t, [unpublished])).toBeUndefined();
    expect(t.version.usages.status).toBe('non publié');
    inferUsages(t, [unpublished, neighbour('V3', [rub('S21.G00.63.001', 'Type', 'T', { '01': 'N', '07': 'O' })])]);
    expect(t.blocks[0].rubriques[0]).toMatchObject({ usage: { '01': 'N', '07': 'O' }, usageProvenance: { from: ['V3'] } });
  });
});
