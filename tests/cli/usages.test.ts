import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runNorme } from '../helpers/fixture.ts';

describe('norme usages report (registre réel)', () => {
  it('dsn/P26V01 : usages inférés de P25V01 et P27V01, rubriques sans usage inférable listées avec la raison', async () => {
    const r = await runNorme(['usages', 'report', 'dsn/P26V01'], PROJECT_ROOT);
    expect(r.code).toBe(0);
    expect(r.out).toContain('dsn/P26V01 : pas de tableau officiel des usages ; usages inférés de P25V01 (dsn-tableau-des-usages-CT2025.1.xlsx) et P27V01 (dsn-tableau-des-usages-CT2027.1.xlsx).');
    // CT2025.1 : S21.G00.11.024 = I en 01 ; CT2027.1 : C en 01.
    expect(r.out).toContain('  S21.G00.11.024 Demande de sortie de la DSN\n      natures 01 : 01 : I dans P25V01, C dans P27V01\n');
    // S21.G00.11.025 (SPST) n'est pas dans la feuille Fields de CT2025.
    expect(r.out).toContain('  S21.G00.11.025 Identifiant du Service de Prévention et de Santé au Travail (SPST)\n      natures 01, 04, 05, 07, 08, 09 : absente de P25V01\n');
    expect(r.out).not.toContain('S21.G00.30.002');
  });

  it('--format json ; une version avec tableau officiel, une sans rien', async () => {
    const j = JSON.parse((await runNorme(['usages', 'report', 'dsn/P24V01', '--format', 'json'], PROJECT_ROOT)).out);
    expect(j).toMatchObject({ version: 'dsn/P24V01', status: 'inféré', inferredFrom: [{ version: 'P25V01' }] });
    expect(j.gaps.map((g: { rubrique: string }) => g.rubrique)).toContain('S21.G00.85.013');
    expect((await runNorme(['usages', 'report', 'dsn/P25V01'], PROJECT_ROOT)).out).toMatch(/^dsn\/P25V01 : usages du tableau officiel dsn-tableau-des-usages-CT2025\.1\.xlsx/);
    expect((await runNorme(['usages', 'report', 'dsn/P19V01'], PROJECT_ROOT)).out).toMatch(/^dsn\/P19V01 : tableau des usages non publié/);
  });
});
