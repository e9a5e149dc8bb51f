/**
 * One small fixture edit per validation rule that no other test triggered (issue #18, item 5):
 * the exact canonical line `norme validate` prints.
 */
import { describe, expect, it } from 'vitest';
import { type Edit } from '../helpers/fixture.ts';
import { deepFreeze, frozenStageLines, registryLines } from '../helpers/registry.ts';

const DIR = 'norm/demo/V1';
const F = 'norm/demo/family.yaml';
const V = `${DIR}/version.yaml`;
const B = `${DIR}/blocks/S21.G00.40.yaml`;
const T = `${DIR}/datatypes/DSN_NatureContrat.yaml`;
const A = `${DIR}/datatypes/Type_Alphanumeric_1-20.yaml`;

const cases: Array<[string, Edit[], string[]]> = [
  ['dossier norm/ absent', [{ file: 'norm', to: null }], [
    'erreur Dossier du registre introuvable : `norm/` [registry-missing]',
  ]],
  ['famille sans family.yaml', [{ file: F, to: null }], [
    "norm/demo: erreur Le dossier `norm/demo/` n'a pas de fichier `family.yaml` [family-missing]",
  ]],
  ['identifiant de famille et dossier divergents', [{ file: F, from: 'id: demo', to: 'id: demo2' }], [
    "norm/demo/family.yaml:2:5: erreur L'identifiant de famille `demo2` ne correspond pas au dossier `demo` [family-folder-mismatch]",
  ]],
  ['version sans version.yaml', [{ file: V, to: null }], [
    "norm/demo/V1: erreur Le dossier `norm/demo/V1/` n'a pas de fichier `version.yaml` [version-missing]",
  ]],
  ['fichier YAML vide', [{ file: `${DIR}/datatypes/Vide.yaml`, to: '' }], [
    'norm/demo/V1/datatypes/Vide.yaml:1:1: erreur Fichier YAML vide [empty-file]',
  ]],
  ['type de données en double (deux fichiers)', [{ file: `${DIR}/datatypes/Type_Alphanumeric_1-20bis.yaml`, to: 'id: Type_Alphanumeric_1-20\nnature: Alphanumeric\nminLength: 1\nmaxLength: 20\n' }], [
    'norm/demo/V1/datatypes/Type_Alphanumeric_1-20bis.yaml:1:5: erreur Type de données `Type_Alphanumeric_1-20` défini deux fois (déjà dans `norm/demo/V1/datatypes/Type_Alphanumeric_1-20.yaml`) [duplicate-datatype]',
    'norm/demo/V1/datatypes/Type_Alphanumeric_1-20bis.yaml:1:5: erreur Le type `Type_Alphanumeric_1-20` est dans le fichier `Type_Alphanumeric_1-20bis.yaml` [file-name-mismatch]',
  ]],
  ['contrôle en double', [{ file: B, from: '        message: Ceci n\'est pas admis.\n', to: '        message: Ceci n\'est pas admis.\n      - id: S21.G00.40.007/CCH-11\n        family: CCH\n        rule: Règle de test.\n        message: Ceci n\'est pas admis.\n' }], [
    'norm/demo/V1/blocks/S21.G00.40.yaml:23:13: erreur Contrôle `S21.G00.40.007/CCH-11` défini deux fois [duplicate-control]',
  ]],
  ['longueur minimale supérieure à la maximale', [{ file: A, from: 'minLength: 1', to: 'minLength: 30' }], [
    'norm/demo/V1/datatypes/Type_Alphanumeric_1-20.yaml:4:12: erreur Longueur minimale 30 supérieure à la longueur maximale 20 pour `Type_Alphanumeric_1-20` [length-range]',
  ]],
  ['nomenclature sans valeur', [{ file: T, to: "id: DSN_NatureContrat\nnature: Enumeration\nminLength: 2\nmaxLength: 2\nvalues: []\n" }], [
    "norm/demo/V1/datatypes/DSN_NatureContrat.yaml:2:9: avertissement La nomenclature `DSN_NatureContrat` n'a aucune valeur [empty-enumeration]",
  ]],
  ['cardinalité impossible', [{ file: B, from: '  min: 1\n  max: "*"', to: '  min: 2\n  max: 1' }], [
    'norm/demo/V1/blocks/S21.G00.40.yaml:6:3: erreur Cardinalité 2..1 impossible pour `S21.G00.40` [cardinality-range]',
  ]],
  ['famille de contrôle divergente', [{ file: B, from: 'family: CCH', to: 'family: CSL' }], [
    "norm/demo/V1/blocks/S21.G00.40.yaml:20:17: erreur La famille `CSL` ne correspond pas à l'identifiant `S21.G00.40.007/CCH-11` [control-family-mismatch]",
  ]],
  ['usages alors que le tableau est non publié', [{ file: V, from: '  status: publié', to: '  status: non publié' }], [
    'norm/demo/V1/blocks/S10.G00.00.yaml:14:7: erreur La rubrique `S10.G00.00.001` a des usages alors que le tableau des usages de la version est « non publié » [usage-unpublished]',
    'norm/demo/V1/blocks/S21.G00.40.yaml:17:7: erreur La rubrique `S21.G00.40.007` a des usages alors que le tableau des usages de la version est « non publié » [usage-unpublished]',
  ]],
  ['usage pour une nature inconnue', [{ file: B, from: '"01": O', to: '"02": O' }], [
    "norm/demo/V1/blocks/S21.G00.40.yaml:17:7: erreur Nature de déclaration `02` inconnue pour l'usage de `S21.G00.40.007` [unknown-nature]",
  ]],
  ['édition déclarée deux fois', [{ file: V, from: '    date: 2025-09-19\n', to: '    date: 2025-09-19\n  - id: 2026.1.0\n    date: 2025-10-01\n' }], [
    'norm/demo/V1/version.yaml:10:9: erreur Édition `2026.1.0` déclarée deux fois [duplicate-edition]',
  ]],
  ['éditions dans le désordre', [{ file: V, from: '    date: 2025-09-19\n', to: '    date: 2025-09-19\n  - id: 2026.1.1\n    date: 2025-09-01\n' }], [
    "norm/demo/V1/version.yaml:11:11: erreur L'édition `2026.1.1` (2025-09-01) est antérieure à la précédente (2025-09-19) [edition-order]",
  ]],
  ['fin d\'applicabilité avant le début', [{ file: V, from: 'to: 2026-12', to: 'to: 2025-12' }], [
    'norm/demo/V1/version.yaml:12:7: erreur Applicabilité de 2026-01 à 2025-12 : la fin précède le début [applicability-range]',
  ]],
];

describe('règles de validation, une altération chacune', () => {
  it.each(cases)('%s', (_name, edits, expected) => {
    expect(registryLines(edits)).toEqual(expected);
  });
});

describe('la validation ne modifie pas ce qu\'elle valide', () => {
  // The resolved registry is frozen (Maps included) before the validate stage runs on it.
  it.each(cases)('registre résolu figé — %s', (_name, edits, expected) => {
    expect(frozenStageLines(edits)).toEqual(expected);
  });

  it('registre résolu figé — version avec journal (la base est validée)', () => {
    expect(frozenStageLines([{ file: `${DIR}/datatypes/Type_Alphanumeric_1-20.yaml`, from: 'minLength: 1', to: 'minLength: 30' }], { fixture: 'journal/valid' })).toEqual([
      'norm/demo/V1/datatypes/Type_Alphanumeric_1-20.yaml:4:12: erreur Longueur minimale 30 supérieure à la longueur maximale 20 pour `Type_Alphanumeric_1-20` [length-range]',
    ]);
  });

  it('un registre figé refuse bien les écritures (le test peut échouer)', () => {
    const m = deepFreeze({ a: new Map([['k', { b: [1] }]]) });
    expect(() => m.a.set('x', { b: [] })).toThrow(TypeError);
    expect(() => m.a.get('k')!.b.push(2)).toThrow(TypeError);
  });
});
