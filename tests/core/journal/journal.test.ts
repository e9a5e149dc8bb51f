import { describe, expect, it } from 'vitest';
import {
  attributeJournal,
  amendVersion,
  diffVersions,
  draftJournal,
  formatDiagnostic,
  journalChanges,
  journalEntryYaml,
  loadRegistry,
  resolveStateRef,
  versionAtEdition,
  type Change,
  type ResolvedVersion,
} from '../../../src/core/index.ts';
import { fixtureCopy, type Edit } from '../../helpers/fixture.ts';
import { diffFixtureNames, loadSide } from '../diff/fixtures.ts';

const J1 = 'norm/demo/V1/journal/JMN-2026-001.yaml';
const J2 = 'norm/demo/V1/journal/JMN-2026-002.yaml';
const J3 = 'norm/demo/V1/journal/JMN-2026-003.yaml';
/** The operation of J3, to be replaced by another one. */
const J3_SET = 'element: rubrique\n    id: S21.G00.40.001\n    field: description\n    from: Date de début du contrat de travail.\n    to: Date de début du contrat de travail, de la convention ou du mandat.';

function load(edits: Edit[] = []) {
  const { root, cleanup } = fixtureCopy('journal/valid', edits);
  try {
    const res = loadRegistry(root);
    return { res, v: res.registry.families.get('demo')!.versions.get('V1')!, lines: res.diagnostics.map(formatDiagnostic) };
  } finally {
    cleanup();
  }
}

const at = (v: ResolvedVersion, e: string) => {
  const r = versionAtEdition(v, e);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};
const short = (c: Change) => `${c.rule} ${c.id}${c.journal ? ` (${c.journal})` : ''}`;

describe('journal de maintenance : application', () => {
  it('le registre d\'exemple se charge sans diagnostic, entrées dans l\'ordre des éditions', () => {
    const { v, lines } = load();
    expect(lines).toEqual([]);
    expect(v.journal.map((r) => `${r.entry.id} ${r.entry.edition} ${r.applied} ${r.file}`)).toEqual([
      'JMN-2026-001 2026.1.1 true norm/demo/V1/journal/JMN-2026-001.yaml',
      'JMN-2026-002 2026.1.2 true norm/demo/V1/journal/JMN-2026-002.yaml',
      'JMN-2026-003 2026.1.2 true norm/demo/V1/journal/JMN-2026-003.yaml',
    ]);
    expect(v.journal.every((r) => r.entry.example === true)).toBe(true);
  });

  it('la version chargée est la dernière édition ; la base reste disponible', () => {
    const { v } = load();
    expect(v.datatypes.get('DSN_NatureContrat')!.values!.map((x) => x.code)).toEqual(['01', '02', '03']);
    expect(v.rubriques.get('S21.G00.40.009')!.index).toBe(2);
    expect(v.controls.has('S21.G00.40.001/CCH-11')).toBe(true);
    // Resolved from the amended files, like a version read from disk: elements in file order.
    expect([...v.controls.keys()]).toEqual(['S21.G00.40.001/CCH-11', 'S21.G00.40.007/CCH-11']);
    expect(v.blocks.get('S21.G00.40')!.rubriques.map((r) => r.id)).toEqual(['S21.G00.40.001', 'S21.G00.40.007', 'S21.G00.40.009']);
    expect(v.base!.datatypes.get('DSN_NatureContrat')!.values!.map((x) => x.code)).toEqual(['01', '02']);
    expect(v.base!.rubriques.has('S21.G00.40.009')).toBe(false);
  });

  it('la norme à l\'édition E = base + entrées jusqu\'à E', () => {
    const { v } = load();
    const e0 = at(v, '2026.1.0');
    const e1 = at(v, '2026.1.1');
    expect(at(v, '2026.1.2')).toBe(v);
    expect(e0.meta.editions.map((e) => e.id)).toEqual(['2026.1.0']);
    expect(diffVersions(e0, e1).changes.map(short)).toEqual(['control-message-changed S21.G00.40.007/CCH-11', 'code-value-relabelled DSN_NatureContrat#02']);
    expect(e1.datatypes.get('DSN_NatureContrat')!.values!.map((x) => x.code)).toEqual(['01', '02']);
    // The loaded version is not altered by computing an earlier edition.
    expect(v.datatypes.get('DSN_NatureContrat')!.values!.length).toBe(3);
    // An edition replayed from the base is resolved like the loaded version: same order of elements.
    const later = { ...v, meta: { ...v.meta, editions: [...v.meta.editions, { id: '2026.1.3', date: '2026-12-01' }] } };
    expect([...at(later, '2026.1.2').controls.keys()]).toEqual(['S21.G00.40.001/CCH-11', 'S21.G00.40.007/CCH-11']);
    const bad = versionAtEdition(v, '2026.1.5');
    expect(bad.ok ? '' : bad.error).toBe('édition inconnue « 2026.1.5 » pour demo/V1 ; vouliez-vous dire `2026.1.0` ?');
  });

  it('opérandes famille/version@édition', () => {
    const { res } = load();
    const r = resolveStateRef(res.registry, 'demo/V1@2026.1.1');
    expect(r.ok && r.value.meta.editions.at(-1)!.id).toBe('2026.1.1');
    expect(resolveStateRef(res.registry, 'V1').ok).toBe(true);
  });

  it('chaque entrée avec ses changements ; un diff entre éditions cite l\'entrée', () => {
    const { v } = load();
    expect(journalChanges(v).map((s) => [s.record.entry.id, s.changes.map(short)])).toEqual([
      ['JMN-2026-001', ['control-message-changed S21.G00.40.007/CCH-11 (JMN-2026-001)', 'code-value-relabelled DSN_NatureContrat#02 (JMN-2026-001)']],
      ['JMN-2026-002', ['control-added S21.G00.40.001/CCH-11 (JMN-2026-002)', 'usage-tightened S21.G00.40.001@04 (JMN-2026-002)', 'rubrique-added S21.G00.40.009 (JMN-2026-002)', 'code-value-added DSN_NatureContrat#03 (JMN-2026-002)']],
      ['JMN-2026-003', ['rubrique-description-changed S21.G00.40.001 (JMN-2026-003)']],
    ]);
    const r = attributeJournal(diffVersions(at(v, '2026.1.1'), v), v);
    expect(r.changes.map(short)).toEqual([
      'rubrique-description-changed S21.G00.40.001 (JMN-2026-003)',
      'control-added S21.G00.40.001/CCH-11 (JMN-2026-002)',
      'usage-tightened S21.G00.40.001@04 (JMN-2026-002)',
      'rubrique-added S21.G00.40.009 (JMN-2026-002)',
      'code-value-added DSN_NatureContrat#03 (JMN-2026-002)',
    ]);
    expect(r.changes[0].rationale).toBe('Description de la date de début du contrat');
  });
});

describe('journal de maintenance : erreurs à leur position', () => {
  const cases: Array<[string, Edit[], string[]]> = [
    ['cible absente', [{ file: J2, from: 'id: S21.G00.40.001\n    field: usage.04', to: 'id: S21.G00.40.002\n    field: usage.04' }],
      [`${J2}:30:9: erreur Rubrique \`S21.G00.40.002\` introuvable dans demo/V1 ; vouliez-vous dire \`S21.G00.40.001\` ? [patch-target-missing]`]],
    ['valeur précédente différente', [{ file: J1, from: '    from: Contrat de travail à durée déterminée de droit privé', to: '    from: Contrat à durée déterminée' }],
      [`${J1}:15:11: erreur Valeur précédente annoncée \`Contrat à durée déterminée\` pour le libellé du code \`02\` de \`DSN_NatureContrat\`, mais la version contient \`Contrat de travail à durée déterminée de droit privé\` [patch-previous-mismatch]`]],
    ['code déjà présent', [{ file: J2, from: 'code: "03"', to: 'code: "01"' }],
      [`${J2}:14:11: erreur Le code \`01\` existe déjà dans \`DSN_NatureContrat\` (« Contrat de travail à durée indéterminée de droit privé ») [patch-target-exists]`]],
    ['édition non déclarée', [{ file: J1, from: 'edition: 2026.1.1', to: 'edition: 2026.1.9' }],
      [`${J1}:9:10: erreur Édition \`2026.1.9\` inconnue de demo/V1 ; vouliez-vous dire \`2026.1.0\` ? [journal-unknown-edition]`]],
    ['édition de base', [{ file: J1, from: 'edition: 2026.1.1', to: 'edition: 2026.1.0' }],
      [`${J1}:9:10: erreur L'entrée \`JMN-2026-001\` produit l'édition \`2026.1.0\`, qui est l'édition de base de demo/V1 [journal-base-edition]`]],
    ['opération incomplète', [{ file: J1, from: '    datatype: DSN_NatureContrat\n', to: '' }],
      [`${J1}:12:5: erreur Opération \`relabel-code\` incomplète : \`datatype\` manquant(s) [journal-operation-incomplete]`]],
    ['attribut non modifiable', [{ file: J1, from: 'field: message', to: 'field: name' }],
      [`${J1}:20:12: erreur Attribut \`name\` non modifiable pour un élément \`control\` [journal-unknown-field]`]],
    ['type d\'opération inconnu (schéma)', [{ file: J1, from: 'op: relabel-code', to: 'op: relabel' }],
      [`${J1}:12:9: erreur Valeur \`relabel\` non autorisée pour \`operations.0.op\` [schema]`]],
    ['usage inconnu', [{ file: 'norm/demo/V1/journal/JMN-2026-003.yaml', from: 'field: description\n    from: Date de début du contrat de travail.\n    to: Date de début du contrat de travail, de la convention ou du mandat.', to: 'field: usage.01\n    from: O\n    to: Z' }],
      ['norm/demo/V1/journal/JMN-2026-003.yaml:15:9: erreur La rubrique `S21.G00.40.001` n\'est plus conforme au schéma : valeur `Z` non autorisée pour `usage.01` [patch-invalid-value]']],
    // The amended files go through the schema of their kind, as files read from disk do.
    ['nature inconnue (schéma des types)', [{ file: J3, from: J3_SET, to: 'element: datatype\n    id: DSN_NatureContrat\n    field: nature\n    to: Liste' }],
      [`${J3}:14:9: erreur Le type \`DSN_NatureContrat\` n'est plus conforme au schéma : valeur \`Liste\` non autorisée pour \`nature\` [patch-invalid-value]`]],
    ['cardinalité maximale nulle (schéma des blocs)', [{ file: J3, from: J3_SET, to: 'element: block\n    id: S21.G00.40\n    field: cardinality.max\n    to: 0' }],
      [`${J3}:14:9: erreur Le bloc \`S21.G00.40\` n'est plus conforme au schéma : \`cardinality.max\` : valeur \`0\` invalide [patch-invalid-value]`]],
    ['nom de rubrique vide (schéma des blocs)', [{ file: J3, from: J3_SET, to: 'element: rubrique\n    id: S21.G00.40.007\n    field: name\n    to: ""' }],
      [`${J3}:14:9: erreur La rubrique \`S21.G00.40.007\` n'est plus conforme au schéma : \`name\` ne doit pas être vide [patch-invalid-value]`]],
    ['message de contrôle retiré (schéma des blocs)', [{ file: J3, from: J3_SET, to: 'element: control\n    id: S21.G00.40.007/CCH-11\n    field: message\n    to: null' }],
      [`${J3}:14:9: erreur Le contrôle \`S21.G00.40.007/CCH-11\` n'est plus conforme au schéma : propriété obligatoire \`message\` manquante [patch-invalid-value]`]],
    ['longueur négative (schéma des types)', [{ file: J3, from: J3_SET, to: 'element: datatype\n    id: Type_Alphanumeric_1-20\n    field: maxLength\n    to: -1' }],
      [`${J3}:14:9: erreur Le type \`Type_Alphanumeric_1-20\` n'est plus conforme au schéma : \`maxLength\` doit être ≥ 0 (reçu \`-1\`) [patch-invalid-value]`]],
    ['type de données inconnu (règle de la validation)', [{ file: J3, from: J3_SET, to: 'element: rubrique\n    id: S21.G00.40.007\n    field: datatype\n    to: DSN_NatureContra' }],
      [`${J3}:14:9: erreur Type de données inconnu \`DSN_NatureContra\` ; vouliez-vous dire \`DSN_NatureContrat\` ? [unknown-datatype]`]],
    // What the validate stage refuses in files, the journal refuses in an amended version (same rules).
    ['cardinalité inversée', [{ file: J3, from: J3_SET, to: 'element: block\n    id: S10.G00.00\n    field: cardinality.min\n    from: 1\n    to: 2' }],
      [`${J3}:15:9: erreur Cardinalité 2..1 impossible pour \`S10.G00.00\` [cardinality-range]`]],
    ['bloc parent de lui-même', [{ file: J3, from: J3_SET, to: 'element: block\n    id: S21.G00.40\n    field: parent\n    from: S10.G00.00\n    to: S21.G00.40' }],
      [`${J3}:15:9: erreur Cycle dans la hiérarchie des blocs : \`S21.G00.40\` → \`S21.G00.40\` [block-cycle]`]],
    ['longueurs inversées', [{ file: J3, from: J3_SET, to: 'element: datatype\n    id: Type_Alphanumeric_1-20\n    field: minLength\n    from: 1\n    to: 30' }],
      [`${J3}:15:9: erreur Longueur minimale 30 supérieure à la longueur maximale 20 pour \`Type_Alphanumeric_1-20\` [length-range]`]],
    ['usage pour une nature absente de la version', [{ file: J3, from: J3_SET, to: 'element: rubrique\n    id: S21.G00.40.001\n    field: usage.07\n    to: O' }],
      [`${J3}:14:9: erreur Nature de déclaration \`07\` inconnue pour l'usage de \`S21.G00.40.001\` [unknown-nature]`]],
    ['entrée définie deux fois', [{ file: 'norm/demo/V1/journal/JMN-2026-004.yaml', to: 'id: JMN-2026-003\ndate: 2026-06-16\nkind: précision\ntitle: Copie\nexplanation: Exemple inventé.\nedition: 2026.1.2\nexample: true\noperations:\n  - op: set\n    element: rubrique\n    id: S21.G00.40.001\n    field: description\n    from: Date de début du contrat de travail, de la convention ou du mandat.\n    to: Date de début du contrat.\n' }],
      [
        'norm/demo/V1/journal/JMN-2026-004.yaml:1:5: erreur Entrée de journal `JMN-2026-003` définie deux fois (déjà dans `norm/demo/V1/journal/JMN-2026-003.yaml`) [duplicate-journal-entry]',
        "norm/demo/V1/journal/JMN-2026-004.yaml:1:5: erreur L'entrée `JMN-2026-003` est dans le fichier `JMN-2026-004.yaml` [file-name-mismatch]",
      ]],
    ['nom de fichier différent de l\'identifiant', [{ file: J1, from: 'id: JMN-2026-001', to: 'id: JMN-2026-011' }],
      [`${J1}:2:5: erreur L'entrée \`JMN-2026-011\` est dans le fichier \`JMN-2026-001.yaml\` [file-name-mismatch]`]],
  ];
  it.each(cases)('%s', (_name, edits, expected) => {
    expect(load(edits).lines).toEqual(expected);
  });

  it('une entrée en erreur n\'est pas appliquée du tout ; les suivantes le sont', () => {
    const { v } = load([{ file: J2, from: 'id: S21.G00.40.001\n    field: usage.04', to: 'id: S21.G00.40.002\n    field: usage.04' }]);
    expect(v.journal.map((r) => `${r.entry.id} ${r.applied}`)).toEqual(['JMN-2026-001 true', 'JMN-2026-002 false', 'JMN-2026-003 true']);
    // JMN-2026-002 added code 03 before its failing operation: rolled back.
    expect(v.datatypes.get('DSN_NatureContrat')!.values!.map((x) => x.code)).toEqual(['01', '02']);
    expect(v.rubriques.has('S21.G00.40.009')).toBe(false);
    expect(v.controls.has('S21.G00.40.001/CCH-11')).toBe(false);
    expect(v.rubriques.get('S21.G00.40.001')!.rubrique.usage).toEqual({ '01': 'O', '04': 'C' });
    expect(v.rubriques.get('S21.G00.40.001')!.rubrique.description).toBe('Date de début du contrat de travail, de la convention ou du mandat.');
  });
});

describe('brouillons d\'entrées (journal draft)', () => {
  it('appliquer les brouillons à la base redonne la révision', () => {
    const { v } = load();
    const base = at(v, '2026.1.0');
    const draft = draftJournal(base, v, { date: '2026-07-01', edition: '2026.1.3' });
    expect(draft.entries.map((e) => `${e.id} ${e.operations.map((o) => o.op).join(',')}`)).toEqual([
      'JMN-A-COMPLETER-001 set,add-control,set',
      'JMN-A-COMPLETER-002 set',
      'JMN-A-COMPLETER-003 add-rubrique',
      'JMN-A-COMPLETER-004 relabel-code,add-code',
    ]);
    const s = amendVersion(base, draft.entries);
    expect(s.failures).toEqual(draft.entries.map(() => []));
    expect(diffVersions(s.version, v).changes).toEqual([]);
    expect(journalEntryYaml(draft.entries[1])).toBe(
      [
        '# yaml-language-server: $schema=../../../../src/core/schemas/journal-entry.schema.json',
        '# Brouillon d\'entrée du journal de maintenance : complétez kind (anomalie, évolution, précision),',
        '# title, explanation, edition (déclarée dans version.yaml) et vérifiez chaque opération.',
        'id: JMN-A-COMPLETER-002',
        'date: 2026-07-01',
        'kind: évolution',
        'title: "Message du contrôle S21.G00.40.007/CCH-11 : « Ceci n\'est pas admis. » → « La nature du contrat est incohérente avec la nature de la déclaration. Ceci n\'est pas admis. »"',
        'explanation: "À compléter. Changements : Message du contrôle S21.G00.40.007/CCH-11 : « Ceci n\'est pas admis. » → « La nature du contrat est incohérente avec la nature de la déclaration. Ceci n\'est pas admis. »"',
        'edition: 2026.1.3',
        'operations:',
        '  - op: set',
        '    element: control',
        '    id: S21.G00.40.007/CCH-11',
        '    field: message',
        '    from: Ceci n\'est pas admis.',
        '    to: La nature du contrat est incohérente avec la nature de la déclaration. Ceci n\'est pas admis.',
        '',
      ].join('\n'),
    );
  });

  // Every diff fixture: what the journal can express is replayed exactly; the rest is listed as skipped.
  it.each(diffFixtureNames())('aller-retour sur la fixture %s', (name) => {
    const a = loadSide(name, 'base').version;
    const b = loadSide(name, 'revision').version;
    const draft = draftJournal(a, b, { date: '2026-07-01', edition: '2026.1.1' });
    const s = amendVersion(a, draft.entries);
    expect(s.failures).toEqual(draft.entries.map(() => []));
    expect(diffVersions(s.version, b).changes.map(short)).toEqual(draft.skipped.map(short));
  });
});
