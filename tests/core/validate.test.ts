import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { fixtureCopy, memoryIo, type Edit } from '../helpers/fixture.ts';
import { registryLines } from '../helpers/registry.ts';

const B = 'norm/demo/V1/blocks/S21.G00.40.yaml';
const H = 'norm/demo/V1/blocks/S10.G00.00.yaml';
const V = 'norm/demo/V1/version.yaml';
const T = 'norm/demo/V1/datatypes/DSN_NatureContrat.yaml';
const D = 'norm/demo/V1/datatypes/Date_JJMMAAAA.yaml';

const lines = (edits: Edit[]) => registryLines(edits);

describe('validation du registre (fixture « valid » altérée)', () => {
  it('le registre de référence est valide', () => {
    expect(lines([])).toEqual([]);
  });

  const cases: Array<[string, Edit[], string[]]> = [
    ['clé YAML en double', [{ file: B, from: 'name: Contrat\n', to: 'name: Contrat\nname: Contrat bis\n' }],
      [`${B}:4:1: erreur Clé en double dans le même objet YAML [yaml-duplicate-key]`]],
    ['mauvaise indentation', [{ file: B, from: '    name: Nature du contrat', to: '      name: Nature du contrat' }],
      [`${B}:12:9: erreur Indentation incorrecte : cette ligne n'est alignée sur aucune clé de l'objet [yaml-indentation]`]],
    ['propriété inconnue, avec suggestion', [{ file: B, from: '    technicalName: Contrat.Nature', to: '    technicalNme: Contrat.Nature' }],
      [`${B}:14:5: erreur Propriété inconnue \`technicalNme\` dans \`rubriques.1\` ; vouliez-vous dire \`technicalName\` ? [schema]`]],
    ['propriété obligatoire manquante', [{ file: B, from: '    datatype: Date_JJMMAAAA\n', to: '' }],
      [`${B}:9:5: erreur Propriété obligatoire \`datatype\` manquante dans \`rubriques.0\` [schema]`]],
    // A usage's nature (`01`) is a key, not an array index: named and positioned as written.
    ['usage hors énumération', [{ file: B, from: '      "01": O', to: '      "01": Z' }],
      [`${B}:17:13: erreur Valeur \`Z\` non autorisée pour \`rubriques.1.usage.01\` [schema]`]],
    ['statut hors énumération', [{ file: V, from: 'status: published', to: 'status: publiée' }],
      [`${V}:5:9: erreur Valeur \`publiée\` non autorisée pour \`status\` [schema]`]],
    ['code numérique au lieu d\'une chaîne (sans erreur en cascade)', [{ file: T, from: '  - code: "02"', to: '  - code: 2' }],
      [`${T}:9:11: erreur \`values.1.code\` doit être une chaîne (reçu \`2\`) [schema]`]],
    ['type de données inconnu', [{ file: B, from: 'datatype: DSN_NatureContrat', to: 'datatype: DSN_NatureContrat2' }],
      [`${B}:15:15: erreur Type de données inconnu \`DSN_NatureContrat2\` ; vouliez-vous dire \`DSN_NatureContrat\` ? [unknown-datatype]`]],
    ['bloc parent inconnu', [{ file: B, from: 'parent: S10.G00.00', to: 'parent: S10.G00.01' }],
      [`${B}:4:9: erreur Bloc parent inconnu \`S10.G00.01\` ; vouliez-vous dire \`S10.G00.00\` ? [unknown-parent]`]],
    ['cycle de blocs', [{ file: H, from: 'parent: null', to: 'parent: S21.G00.40' }],
      [`${H}:4:9: erreur Cycle dans la hiérarchie des blocs : \`S10.G00.00\` → \`S21.G00.40\` → \`S10.G00.00\` [block-cycle]`]],
    ['rubrique en double', [{ file: B, from: '  - id: S21.G00.40.001', to: '  - id: S21.G00.40.007' }],
      [`${B}:12:9: erreur Rubrique \`S21.G00.40.007\` définie deux fois (déjà dans le bloc \`S21.G00.40\`, position 1) [duplicate-rubrique]`]],
    ['rubrique hors de son bloc', [{ file: B, from: '  - id: S21.G00.40.001', to: '  - id: S21.G00.41.001' }],
      [`${B}:9:9: erreur La rubrique \`S21.G00.41.001\` n'appartient pas au bloc \`S21.G00.40\` [rubrique-block-mismatch]`]],
    ['contrôle d\'une autre rubrique', [{ file: B, from: 'id: S21.G00.40.007/CCH-11', to: 'id: S21.G00.40.001/CCH-11' }],
      [`${B}:19:13: erreur Le contrôle \`S21.G00.40.001/CCH-11\` ne porte pas sur la rubrique \`S21.G00.40.007\` qui le contient [control-rubrique-mismatch]`]],
    ['code en double dans une nomenclature', [{ file: T, from: '  - code: "02"', to: '  - code: "01"' }],
      [`${T}:9:11: erreur Code \`01\` en double dans la liste de \`DSN_NatureContrat\` (déjà en position 1) [duplicate-code]`]],
    ['expression régulière invalide', [{ file: D, from: 'regexp: (0[1-9]', to: 'regexp: ((0[1-9]' }],
      [`${D}:4:9: erreur Expression régulière invalide pour \`Date_JJMMAAAA\` : groupe non fermé (parenthèse manquante) [invalid-regexp]`]],
    ['dossier de version et métadonnées divergents', [{ file: V, from: 'id: V1', to: 'id: V2' }],
      [`${V}:2:5: erreur L'identifiant de version \`V2\` ne correspond pas au dossier \`V1\` [version-folder-mismatch]`]],
    ['version précédente inconnue', [{ file: V, from: 'previous: null', to: 'previous: V0' }],
      [`${V}:6:11: erreur Version précédente inconnue \`V0\` dans la famille \`demo\` [unknown-previous-version]`]],
    ['bloc en double (deux fichiers)', [{ file: 'norm/demo/V1/blocks/S21.G00.40bis.yaml', to: '# copie\nid: S21.G00.40\nname: Contrat\ncardinality: { min: 0, max: 1 }\nrubriques: []\n' }],
      [
        'norm/demo/V1/blocks/S21.G00.40bis.yaml:2:5: erreur Bloc `S21.G00.40` défini deux fois (déjà dans `norm/demo/V1/blocks/S21.G00.40.yaml`) [duplicate-block]',
        'norm/demo/V1/blocks/S21.G00.40bis.yaml:2:5: erreur Le bloc `S21.G00.40` est dans le fichier `S21.G00.40bis.yaml` [file-name-mismatch]',
      ]],
  ];

  it.each(cases)('%s', (_name, edits, expected) => {
    expect(lines(edits)).toEqual(expected);
  });

  it.each(cases)('npx norme validate — %s : mêmes lignes, code de sortie 1', async (_name, edits, expected) => {
    const f = fixtureCopy('valid', edits);
    try {
      const m = memoryIo(f.root);
      const code = await main(['validate'], m.io);
      expect(code).toBe(1);
      expect(m.out().split('\n').filter((l) => !l.startsWith('  → ') && l.includes(' erreur '))).toEqual(expected);
    } finally {
      f.cleanup();
    }
  });

  it('rassemble toutes les erreurs en une fois, triées par fichier et position', () => {
    const all = lines([
      { file: B, from: 'datatype: DSN_NatureContrat', to: 'datatype: Inconnu' },
      { file: T, from: '  - code: "02"', to: '  - code: "01"' },
      { file: V, from: 'previous: null', to: 'previous: V0' },
    ]);
    expect(all.map((l) => l.slice(l.lastIndexOf('['))).sort()).toEqual(['[duplicate-code]', '[unknown-datatype]', '[unknown-previous-version]']);
    expect(all[0].startsWith(B)).toBe(true);
  });

  it('un fichier cassé ne fait pas planter le chargement et les autres fichiers restent vérifiés', () => {
    const all = lines([
      { file: H, from: 'rubriques:', to: 'rubriques: [' },
      { file: B, from: 'datatype: DSN_NatureContrat', to: 'datatype: DSN_NatureContra' },
    ]);
    expect(all.some((l) => l.startsWith(`${H}:`))).toBe(true);
    expect(all.some((l) => l.includes('[unknown-datatype]'))).toBe(true);
  });
});

describe('applicabilité dans une famille', () => {
  const V2 = 'norm/demo/V2/version.yaml';
  const v2 = (applicability: string) => ({
    file: V2,
    to: `id: V2\nfamily: demo\nname: Version 2\nstatus: draft\nprevious: V1\neditions: []\napplicability:\n${applicability}usages:\n  status: non publié\nprovenance:\n  sources: []\n`,
  });

  it('un mois non couvert entre deux versions est signalé', () => {
    expect(lines([v2('  from: 2027-03\n  source: inférée\n')])).toEqual([
      `${V2}:8:9: avertissement Aucune version de \`demo\` ne s'applique de 2027-01 à 2027-02 (entre \`V1\` et \`V2\`) [applicability-gap]`,
    ]);
  });

  it('… sauf quand l\'écart est assumé et expliqué (gapBefore)', () => {
    expect(lines([v2('  from: 2027-03\n  source: inférée\n  gapBefore: versions de 2027 absentes du registre\n')])).toEqual([]);
  });

  it('deux versions applicables au même mois : erreur', () => {
    expect(lines([v2('  from: 2026-06\n  source: inférée\n')])).toEqual([
      `${V2}:8:9: erreur L'applicabilité de \`V2\` (à partir de 2026-06) chevauche celle de \`V1\` (2026-01 → 2026-12) [applicability-overlap]`,
    ]);
  });
});
