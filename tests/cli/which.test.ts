import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { applicableVersion } from '../../src/core/applicability.ts';
import { parseMonth, monthAsDeclared } from '../../src/core/month.ts';
import { FIXTURES, PROJECT_ROOT, runNorme } from '../helpers/fixture.ts';

const version = (id: string, previous: string | null, applicability: string, activations = '') => `id: ${id}
family: demo
name: Version ${id}
status: published
previous: ${previous ?? 'null'}
editions:
  - id: 2026.1.0
    date: 2025-09-19
applicability:
${applicability}
${activations}usages:
  status: publié
  natures:
    - code: "01"
      label: DSN mensuelle
    - code: "04"
      label: Signalement arrêt de travail
provenance:
  sources: []
`;

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'norme-which-'));
  cpSync(path.join(FIXTURES, 'diff/_common'), root, { recursive: true });
  cpSync(path.join(root, 'norm/demo/V1'), path.join(root, 'norm/demo/V2'), { recursive: true });
  writeFileSync(
    path.join(root, 'norm/demo/V1/version.yaml'),
    version('V1', null, '  from: 2026-01\n  to: 2026-12\n  source: inférée\n  note: déduite des notes d\'éditeurs', 'activations:\n  - element: DSN_NatureContrat#02\n    from: 2026-07\n    note: Code décrit mais utilisable à partir de juillet.\n    source: fiche tierce\n'),
  );
  writeFileSync(path.join(root, 'norm/demo/V2/version.yaml'), version('V2', 'V1', '  from: 2027-01\n  source: texte officiel'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const run = (args: string[], cwd = root) => runNorme(['which', ...args], cwd);

describe('applicabilité (cœur)', () => {
  it.each([
    ['2026-03', '2026-03'],
    ['2026/3', '2026-03'],
    ['03/2026', '2026-03'],
    ['01032026', '2026-03'],
    ['202603', '2026-03'],
    ['032026', '2026-03'],
    ['2026-13', undefined],
    ['mars', undefined],
    ['mars 2027', '2027-03'],
    ['Mars 2027', '2027-03'],
    ['février 2027', '2027-02'],
    ['fevrier 2027', '2027-02'],
    ['févr. 2027', '2027-02'],
    ['août 2026', '2026-08'],
    ['sept 2026', '2026-09'],
    ['juil. 2026', '2026-07'],
    ['jui 2026', undefined],
    ['brumaire 2027', undefined],
  ])('mois « %s » → %s', (input, expected) => {
    expect(parseMonth(input)).toBe(expected);
  });

  it('forme de S20.G00.05.005', () => {
    expect(monthAsDeclared('2026-03')).toBe('01032026');
  });
});

describe('norme which', () => {
  it('version inférée, activation pas encore active', async () => {
    const r = await run(['--month', '2026-03']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        'Mois principal déclaré 2026-03 (S20.G00.05.005 = 01032026)',
        'Démo (demo) : V1 — Version V1',
        '  applicable de 2026-01 à 2026-12 (inférée : aucun texte officiel lu, à confirmer)',
        '  déduite des notes d\'éditeurs',
        '  dernière édition du cahier technique : 2026.1.0 du 2025-09-19',
        '  pas encore utilisable en 2026-03 :',
        '    DSN_NatureContrat#02 à partir de 2026-07 — Code décrit mais utilisable à partir de juillet. (source : fiche tierce)',
        '',
      ].join('\n'),
    );
  });

  it('activation déjà en vigueur ; mois donné sous la forme de S20.G00.05.005', async () => {
    const r = await run(['--month', '01092026']);
    expect(r.out).toContain('  activations différées déjà en vigueur :\n    DSN_NatureContrat#02 depuis 2026-07\n');
  });

  it('version tirée d\'un texte officiel, sans fin', async () => {
    const r = await run(['--month', '2031-05', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      month: '2031-05',
      declared: '01052031',
      families: [
        {
          family: 'demo',
          version: 'V2',
          applicability: { from: '2027-01', source: 'texte officiel' },
          inferred: false,
          overlapping: [],
          pendingActivations: [],
          activeActivations: [],
          beyondAnnounced: true,
          before: null,
          after: null,
          withoutApplicability: [],
        },
      ],
    });
  });

  it('mois en toutes lettres ; au-delà des versions annoncées, la réponse le dit', async () => {
    const inYear = await run(['--month', 'mars 2027']);
    expect(inYear.code).toBe(0);
    expect(inYear.out).toContain('Mois principal déclaré 2027-03 (S20.G00.05.005 = 01032027)\nDémo (demo) : V2 — Version V2\n');
    expect(inYear.out).not.toContain('au-delà');
    const later = await run(['--month', 'janvier 2028']);
    expect(later.code).toBe(0);
    expect(later.out).toContain(
      "  attention : 2028-01 est au-delà des versions annoncées ; V2 s'applique faute de version plus récente dans le registre (sans date de fin), la version de 2028 peut différer\n",
    );
  });

  it('aucune version : code 1 et la plus proche', async () => {
    const r = await run(['--month', '2025-05', '--family', 'demo']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('Mois principal déclaré 2025-05 (S20.G00.05.005 = 01052025)\nDémo (demo) : aucune version du registre ne s\'applique à 2025-05\n  prochaine version : V1 (à partir de 2026-01)\n');
  });

  it('mauvaise utilisation : code 2', async () => {
    expect((await run(['--month', 'mars'])).code).toBe(2);
    expect((await run(['--month', '2026-03', '--family', 'pasrau'])).code).toBe(2);
    expect((await run(['2026-03'])).code).toBe(2);
  });

  it.skipIf(!existsSync(path.join(PROJECT_ROOT, 'norm/dsn/P26V01/version.yaml')))('registre réel : P26V01 en mars 2026, la nature 10 (DPAE) seulement à partir de 2027-01', async () => {
    const r = await run(['--month', '2026-03', '--family', 'dsn', '--format', 'json'], PROJECT_ROOT);
    const fam = JSON.parse(r.out).families[0];
    expect([fam.version, fam.inferred]).toEqual(['P26V01', true]);
    expect(fam.pendingActivations.map((a: { element: string; from: string }) => `${a.element} ${a.from}`)).toEqual(['DSN_Declaration_Nature#10 2027-01']);
  });

  it('cœur : chevauchement signalé par la liste des versions couvrant le mois', async () => {
    const { loadRegistry } = await import('../../src/core/index.ts');
    const res = loadRegistry(root);
    const fam = res.registry.families.get('demo')!;
    fam.versions.get('V2')!.meta.applicability = { from: '2026-06', source: 'texte officiel' };
    const a = applicableVersion(fam, '2026-08');
    expect([a.version?.id, a.matches.map((m) => m.id)]).toEqual(['V2', ['V1', 'V2']]);
  });
});
