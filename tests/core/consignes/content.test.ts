import { describe, expect, it } from 'vitest';
import { formatDiagnostic, loadConsignes, loadRegistry, renderConsigneHtml, type LinkTarget } from '../../../src/core/index.ts';
import { PROJECT_ROOT } from '../../helpers/fixture.ts';

// The real fiches of the repository, checked against the real registry (norm/).
describe('fiches consignes du dépôt', () => {
  const reg = loadRegistry(PROJECT_ROOT);
  const res = loadConsignes(PROJECT_ROOT, reg.registry);

  it('sont toutes valides contre le registre réel', () => {
    expect(res.diagnostics.map(formatDiagnostic)).toEqual([]);
  });

  it('sont une trentaine d\'exemples, tous marqués comme tels, dont plusieurs révisés', () => {
    expect(res.consignes.length).toBeGreaterThanOrEqual(30);
    expect(res.consignes.filter((c) => !c.meta.example).map((c) => c.id)).toEqual([]);
    expect(res.consignes.filter((c) => c.revisions.length > 1).length).toBeGreaterThanOrEqual(8);
    expect(res.consignes.some((c) => c.meta.status === 'remplacée')).toBe(true);
  });

  it('couvrent les sujets demandés (références résolues dans le registre)', () => {
    const cited = (family: string, id: string) => (res.index.citations.get(`${family}:${id}`) ?? []).map((c) => c.consigne);
    expect(cited('dsn', 'S21.G00.40.007').length).toBeGreaterThan(0); // nature du contrat
    expect(cited('dsn', 'S21.G00.60').length).toBeGreaterThan(0); // arrêt de travail
    expect(cited('dsn', 'S21.G00.62').length).toBeGreaterThan(0); // fin de contrat
    expect(cited('dsn', 'S21.G00.78').length).toBeGreaterThan(0); // base assujettie
    expect(cited('dsn', 'S21.G00.81').length).toBeGreaterThan(0); // cotisations individuelles
    expect(cited('dsn', 'S20.G00.05.005').length).toBeGreaterThan(0); // mois principal déclaré
    expect(cited('dsn', 'S21.G00.06.003')).toContain(9026); // APEN, supprimée en P27V01
    expect(res.index.byId.get(9024)!.meta.natures).toEqual(['10']); // DPAE
    expect(cited('pasrau', 'S21.G00.50.006')).toEqual([9032]);
  });

  it('une référence épinglée pointe vers la version où l\'élément existe', () => {
    const apen = res.index.byId.get(9026)!.cites.find((r) => r.id === 'S21.G00.06.003')!;
    expect([apen.version, apen.label]).toEqual(['P26V01', 'Code APEN']);
    const href = (t: LinkTarget) => (t.type === 'consigne' ? `/consignes/${t.id}/` : `/${t.ref.family}/${t.ref.version}/${t.ref.block ?? t.ref.id}/`);
    expect(renderConsigneHtml(res.index.byId.get(9026)!.current, { href })).toContain('<a class="ref ref-rubrique" href="/dsn/P26V01/S21.G00.06/"');
  });
});
