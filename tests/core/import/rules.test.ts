/**
 * One edit of the miniature tables per import rule no other test triggered (issue #18, item 5):
 * the exact diagnostic lines the edit adds to those of the untouched tables.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../src/core/diagnostics/diagnostic.ts';
import { importRegistry, parseManifest } from '../../../src/core/import/index.ts';
import { FIXTURES } from '../../helpers/fixture.ts';

const SRC = path.join(FIXTURES, 'import');
const MANIFEST = readFileSync(path.join(SRC, 'manifest.yaml'), 'utf8');

interface Edit {
  /** File relative to tests/fixtures/import (`manifest.yaml` edits the manifest). */
  file: string;
  from: string;
  to: string;
}

async function importLines(edits: Edit[], only = 'dsn'): Promise<string[]> {
  const src = mkdtempSync(path.join(tmpdir(), 'norme-import-rules-'));
  try {
    cpSync(SRC, src, { recursive: true });
    let manifest = MANIFEST;
    for (const e of edits) {
      if (e.file === 'manifest.yaml') {
        if (!manifest.includes(e.from)) throw new Error(`« ${e.from} » absent du manifeste`);
        manifest = manifest.replace(e.from, e.to);
        continue;
      }
      const abs = path.join(src, e.file);
      const text = readFileSync(abs, 'utf8');
      if (!text.includes(e.from)) throw new Error(`« ${e.from} » absent de ${e.file}`);
      writeFileSync(abs, text.replace(e.from, e.to));
    }
    const parsed = parseManifest(manifest, 'manifest.yaml');
    if (!parsed.manifest) return parsed.diagnostics.map(formatDiagnostic);
    const res = await importRegistry({ sourceDir: src, manifest: parsed.manifest, only, manifestFile: 'manifest.yaml' });
    return res.diagnostics.map(formatDiagnostic);
  } finally {
    rmSync(src, { recursive: true, force: true });
  }
}

const CSV = 'mini-csv';
const cases: Array<[string, Edit[], string[]]> = [
  ['date de révision illisible', [{ file: `${CSV}/Standard.csv`, from: 'Revision,20990115', to: 'Revision,2099-01-15' }], [
    'manifest.yaml: erreur Version `dsn/P99V01` : édition ou date de révision introuvable (feuille Standard absente ou incomplète) ; donnez `edition` dans le manifeste [edition-missing]',
    'mini-csv/Standard.csv:3: avertissement date de révision illisible `2099-01-15` (attendu AAAAMMJJ) [standard-revision]',
  ]],
  ['identifiant d\'édition invalide', [{ file: `${CSV}/Standard.csv`, from: 'Description,2099.1.0.1', to: 'Description,édition 1' }], [
    "manifest.yaml: erreur Version `dsn/P99V01` : identifiant d'édition invalide `édition 1` [edition-id]",
  ]],
  ['version absente du type des versions', [{ file: `${CSV}/Data_Types.csv`, from: 'P99V01=Année 2099 Version 1 ', to: 'P98V01=Année 2098 Version 1' }], [
    'manifest.yaml: avertissement Version `dsn/P99V01` : aucune valeur `P99V01` dans le type `DSN_Version` ; le libellé de la version est son identifiant [version-label]',
  ]],
  ['version annoncée par la feuille Standard différente', [{ file: `${CSV}/Standard.csv`, from: 'Version,P99V01', to: 'Version,P98V01' }], [
    'mini-csv/Standard.csv: erreur la feuille Standard annonce la version `P98V01`, le manifeste `P99V01` [version-mismatch]',
  ]],
  ['édition de la feuille Standard différente du manifeste', [{ file: 'manifest.yaml', from: '        status: draft\n', to: '        status: draft\n        edition: { id: "2099.1.0.2", date: "2099-01-20" }\n' }], [
    "mini-csv/Standard.csv: avertissement date de révision `2099-01-15` dans la feuille Standard, `2099-01-20` dans le manifeste (le manifeste l'emporte) [edition-mismatch]",
    "mini-csv/Standard.csv: avertissement édition `2099.1.0.1` dans la feuille Standard, `2099.1.0.2` dans le manifeste (le manifeste l'emporte) [edition-mismatch]",
  ]],
  ['message de la feuille Header différent', [{ file: `${CSV}/Header.csv`, from: 'Message,DSN,DSN,', to: 'Message,DSNX,DSNX,' }], [
    'mini-csv/Header.csv: avertissement message `DSNX` dans la feuille Header, `DSN` attendu pour la famille `dsn` [header-message]',
  ]],
  ['élément d\'en-tête inconnu', [{ file: `${CSV}/Header.csv`, from: 'Footer,', to: 'Trailer,S90.G00.91,Autre,\nFooter,' }], [
    "mini-csv/Header.csv:4: avertissement élément d'en-tête inconnu `Trailer` (ignoré) [header-element]",
  ]],
  ['pas d\'élément Header', [{ file: `${CSV}/Header.csv`, from: 'Header,S10.G00.00,Envoi,\r\n', to: '' }], [
    "manifest.yaml: erreur Version `dsn/P99V01` : headerBlocks = 2, 3 attendu(s) d'après le manifeste [count-mismatch]",
    "manifest.yaml: erreur Version `dsn/P99V01` : rubriques = 6, 7 attendu(s) d'après le manifeste [count-mismatch]",
    'mini-csv/Blocks.csv: avertissement bloc `S10.G00.01` : bloc parent `S10.G00.00` inconnu [unknown-parent]',
    'mini-csv/Fields.csv:2: erreur rubrique `S10.G00.00.006` : bloc `S10.G00.00` inconnu (rubrique ignorée) [unknown-block]',
    "mini-csv/Header.csv:4: avertissement pas d'élément Header : le bloc `S20.G00.05` reste sans parent [header-root]",
    'mini-usages.csv:4: avertissement rubrique `S10.G00.00.006` de la table des usages absente de la feuille Fields [usage-unknown-rubrique]',
  ]],
  ['bloc d\'en-tête aussi dans la feuille des blocs', [{ file: `${CSV}/Blocks.csv`, from: 'S10.G00.01,Emetteur', to: 'S90.G00.90,Total,,S10.G00.00,1,1\nS10.G00.01,Emetteur' }], [
    "manifest.yaml: erreur Version `dsn/P99V01` : blocks = 3, 2 attendu(s) d'après le manifeste [count-mismatch]",
    "manifest.yaml: erreur Version `dsn/P99V01` : headerBlocks = 2, 3 attendu(s) d'après le manifeste [count-mismatch]",
    "mini-csv/Blocks.csv: avertissement le bloc d'en-tête `S90.G00.90` figure aussi dans la feuille des blocs (cette définition est gardée) [header-block-duplicate]",
  ]],
  ['identifiant de bloc invalide', [{ file: `${CSV}/Blocks.csv`, from: 'S10.G00.01,Emetteur', to: 'S10.G0.01,Emetteur' }], [
    "manifest.yaml: erreur Version `dsn/P99V01` : blocks = 1, 2 attendu(s) d'après le manifeste [count-mismatch]",
    "manifest.yaml: erreur Version `dsn/P99V01` : rubriques = 6, 7 attendu(s) d'après le manifeste [count-mismatch]",
    'mini-csv/Blocks.csv:2: erreur identifiant de bloc invalide `S10.G0.01` (ligne ignorée) [block-id]',
    'mini-csv/Fields.csv:4: erreur rubrique `S10.G00.01.001` : bloc `S10.G00.01` inconnu (rubrique ignorée) [unknown-block]',
    'mini-usages.csv:6: avertissement rubrique `S10.G00.01.001` de la table des usages absente de la feuille Fields [usage-unknown-rubrique]',
  ]],
  ['bloc sans libellé', [{ file: `${CSV}/Blocks.csv`, from: 'S10.G00.01,Emetteur', to: 'S10.G00.01,' }], [
    'mini-csv/Blocks.csv:2: erreur bloc `S10.G00.01` sans libellé [block-name]',
  ]],
  ['cardinalité de bloc illisible', [{ file: `${CSV}/Blocks.csv`, from: 'S10.G00.00,1,1', to: 'S10.G00.00,un,1' }], [
    'mini-csv/Blocks.csv:2: erreur cardinalité illisible pour le bloc `S10.G00.01` : `un..1` [block-cardinality]',
  ]],
  ['nature de type inconnue', [{ file: `${CSV}/Data_Types.csv`, from: 'CCN,CCN,Table IDCC - Code convention collective,ExternalReferential', to: 'CCN,CCN,Table IDCC - Code convention collective,Referentiel' }], [
    "manifest.yaml: erreur Version `dsn/P99V01` : datatypes = 6, 7 attendu(s) d'après le manifeste [count-mismatch]",
    'mini-csv/Data_Types.csv:7: erreur nature inconnue `Referentiel` pour le type `CCN` (type ignoré) [datatype-nature]',
  ]],
  ['type sans identifiant', [{ file: `${CSV}/Data_Types.csv`, from: 'CCN,CCN,', to: ',CCN,' }], [
    "manifest.yaml: erreur Version `dsn/P99V01` : datatypes = 6, 7 attendu(s) d'après le manifeste [count-mismatch]",
    'mini-csv/Data_Types.csv:7: erreur type de données sans identifiant (ligne ignorée) [datatype-id-missing]',
  ]],
  ['ni colonne Nature ni colonne Name', [{ file: `${CSV}/Data_Types.csv`, from: 'Id,Name,Description,Nature,', to: 'Id,Nom,Description,Genre,' }], [
    'manifest.yaml: avertissement Version `dsn/P99V01` : activation de `DSN_Declaration_Nature#10` ignorée, valeur absente de la version [activation-element]',
    "manifest.yaml: erreur Version `dsn/P99V01` : datatypes = 0, 7 attendu(s) d'après le manifeste [count-mismatch]",
    "manifest.yaml: erreur Version `dsn/P99V01` : values = 0, 7 attendu(s) d'après le manifeste [count-mismatch]",
    'manifest.yaml: avertissement Version `dsn/P99V01` : aucune valeur `P99V01` dans le type `DSN_Version` ; le libellé de la version est son identifiant [version-label]',
    'mini-csv/Data_Types.csv: erreur ni colonne Nature ni colonne Name : nature des types introuvable [datatype-columns]',
    'mini-csv/Fields.csv:2: avertissement rubrique `S10.G00.00.006` : type de données inconnu `DSN_Version` [unknown-datatype]',
    'mini-csv/Fields.csv:3: avertissement rubrique `S20.G00.05.001` : type de données inconnu `DSN_Declaration_Nature` [unknown-datatype]',
    'mini-csv/Fields.csv:4: avertissement rubrique `S10.G00.01.001` : type de données inconnu `Type_Alphanumeric_1-20` [unknown-datatype]',
    'mini-csv/Fields.csv:6: avertissement rubrique `S21.G00.40.007` : type de données inconnu `DSN_NatureContrat` [unknown-datatype]',
    'mini-csv/Fields.csv:7: avertissement rubrique `S21.G00.40.002` : type de données inconnu `DSN_NatureContrat` [unknown-datatype]',
    'mini-csv/Fields.csv:8: avertissement rubrique `S21.G00.40.001` : type de données inconnu `Date_JJMMAAAA` [unknown-datatype]',
    'mini-csv/Fields.csv:9: avertissement rubrique `S90.G00.90.001` : type de données inconnu `Numeric_4_6` [unknown-datatype]',
  ]],
  ['longueur non entière', [{ file: `${CSV}/Data_Types.csv`, from: 'Alphanumeric,,1,20,', to: 'Alphanumeric,,1,vingt,' }], [
    'mini-csv/Data_Types.csv:5: erreur longueur `vingt` non entière pour le type `Type_Alphanumeric_1-20` (colonne Lg Max) [datatype-length]',
  ]],
  ['valeur sans =', [{ file: `${CSV}/Data_Types.csv`, from: '2,2,01=DSN Mensuelle', to: '2,2,Mensuelle;01=DSN Mensuelle' }], [
    'mini-csv/Data_Types.csv:3: erreur valeur sans `=` dans le type `DSN_Declaration_Nature` : `Mensuelle` (ignorée) [datatype-value]',
  ]],
  ['code en double', [{ file: `${CSV}/Data_Types.csv`, from: '10=Signalement DPAE', to: '10=Signalement DPAE;04=Autre' }], [
    "manifest.yaml: erreur Version `dsn/P99V01` : values = 8, 7 attendu(s) d'après le manifeste [count-mismatch]",
    'mini-csv/Data_Types.csv:3: avertissement code `04` en double dans le type `DSN_Declaration_Nature` [duplicate-value]',
  ]],
  ['valeurs sur un type qui n\'est pas une nomenclature', [{ file: `${CSV}/Data_Types.csv`, from: 'Alphanumeric,,1,20,', to: 'Alphanumeric,,1,20,A=B' }], [
    "manifest.yaml: erreur Version `dsn/P99V01` : values = 8, 7 attendu(s) d'après le manifeste [count-mismatch]",
    'mini-csv/Data_Types.csv:5: avertissement le type `Type_Alphanumeric_1-20` de nature Alphanumeric porte des valeurs [values-not-enumeration]',
  ]],
  ['type de données en double', [{ file: `${CSV}/Data_Types.csv`, from: 'CCN,CCN,', to: 'Type_Alphanumeric_1-20,Type_Alphanumeric_1-20,,Alphanumeric,,1,20,\nCCN,CCN,' }], [
    'mini-csv/Data_Types.csv:7: erreur type de données `Type_Alphanumeric_1-20` en double (seule la première définition est gardée) [duplicate-datatype]',
  ]],
  ['identifiant de rubrique invalide', [{ file: `${CSV}/Fields.csv`, from: 'S21.G00.40,001,Date', to: 'S21.G00.40,0011,Date' }], [
    "manifest.yaml: erreur Version `dsn/P99V01` : controls = 4, 5 attendu(s) d'après le manifeste [count-mismatch]",
    "manifest.yaml: erreur Version `dsn/P99V01` : rubriques = 6, 7 attendu(s) d'après le manifeste [count-mismatch]",
    'mini-csv/Fields.csv:8: erreur identifiant de rubrique invalide `S21.G00.40.0011` (ligne ignorée) [rubrique-id]',
    'mini-csv/Messages.csv:6: avertissement contrôle `S21.G00.40.001/CSL-11` : rubrique `S21.G00.40.001` absente de la feuille Fields ; contrôle non rattaché, absent du registre [control-orphan]',
    'mini-usages.csv:7: avertissement rubrique `S21.G00.40.001` de la table des usages absente de la feuille Fields [usage-unknown-rubrique]',
  ]],
  ['rubrique d\'un bloc inconnu', [{ file: `${CSV}/Fields.csv`, from: 'S21.G00.40,001,Date', to: 'S21.G00.41,001,Date' }], [
    "manifest.yaml: erreur Version `dsn/P99V01` : controls = 4, 5 attendu(s) d'après le manifeste [count-mismatch]",
    "manifest.yaml: erreur Version `dsn/P99V01` : rubriques = 6, 7 attendu(s) d'après le manifeste [count-mismatch]",
    'mini-csv/Fields.csv:8: erreur rubrique `S21.G00.41.001` : bloc `S21.G00.41` inconnu (rubrique ignorée) [unknown-block]',
    'mini-csv/Messages.csv:6: avertissement contrôle `S21.G00.40.001/CSL-11` : rubrique `S21.G00.40.001` absente de la feuille Fields ; contrôle non rattaché, absent du registre [control-orphan]',
    'mini-usages.csv:7: avertissement rubrique `S21.G00.40.001` de la table des usages absente de la feuille Fields [usage-unknown-rubrique]',
  ]],
  ['rubrique sans libellé', [{ file: `${CSV}/Fields.csv`, from: 'S21.G00.40,001,Date de début du contrat', to: 'S21.G00.40,001,' }], [
    'mini-csv/Fields.csv:8: erreur rubrique `S21.G00.40.001` sans libellé [rubrique-name]',
    'mini-usages.csv: info 2 libellé(s) de rubrique diffèrent de la feuille Fields (la feuille Fields fait foi), ex. `S10.G00.01.001`, `S21.G00.40.001` [usage-label-mismatch]',
  ]],
  ['rubrique sans type de données', [{ file: `${CSV}/Fields.csv`, from: ',Date_JJMMAAAA,', to: ',,' }], [
    'mini-csv/Fields.csv:8: erreur rubrique `S21.G00.40.001` sans type de données [rubrique-datatype]',
  ]],
  ['identifiant de contrôle illisible', [{ file: `${CSV}/Messages.csv`, from: 'S21.G00.40.007/CCH-12', to: 'S21.G00.40.007-CCH-12' }], [
    "manifest.yaml: erreur Version `dsn/P99V01` : controls = 4, 5 attendu(s) d'après le manifeste [count-mismatch]",
    'mini-csv/Messages.csv:2: erreur identifiant de contrôle illisible `S21.G00.40.007-CCH-12` (contrôle ignoré) [control-id]',
  ]],
  ['famille de contrôle inconnue', [{ file: `${CSV}/Messages.csv`, from: 'S21.G00.40.007/CCH-12', to: 'S21.G00.40.007/XYZ-12' }], [
    "manifest.yaml: erreur Version `dsn/P99V01` : controls = 4, 5 attendu(s) d'après le manifeste [count-mismatch]",
    'mini-csv/Messages.csv:2: erreur famille de contrôle inconnue `XYZ` dans `S21.G00.40.007/XYZ-12` (contrôle ignoré) [control-family]',
  ]],
  ['contrôle en double', [{ file: `${CSV}/Messages.csv`, from: 'S21.G00.40.007/CCH-12,Règle 12,Message 12', to: 'S21.G00.40.007/CCH-12,Règle 12,Message 12\nS21.G00.40.007/CCH-12,Règle 12,Message 12' }], [
    'mini-csv/Messages.csv:3: erreur contrôle `S21.G00.40.007/CCH-12` en double : seule la première définition est gardée [duplicate-control]',
    'mini-csv/Messages.csv:9: avertissement contrôle `S21.G00.40.050/CCH-11` : rubrique `S21.G00.40.050` absente de la feuille Fields ; contrôle non rattaché, absent du registre [control-orphan]',
  ]],
  ['contrôle sans règle', [{ file: `${CSV}/Messages.csv`, from: 'S21.G00.40.007/CCH-12,Règle 12,', to: 'S21.G00.40.007/CCH-12,,' }], [
    'mini-csv/Messages.csv:2: avertissement contrôle `S21.G00.40.007/CCH-12` sans règle (colonne Description vide) [control-rule-empty]',
  ]],
  ['contrôle sans message', [{ file: `${CSV}/Messages.csv`, from: 'Règle 12,Message 12', to: 'Règle 12,' }], [
    'mini-csv/Messages.csv:2: avertissement contrôle `S21.G00.40.007/CCH-12` sans message [control-message-empty]',
  ]],
  ['table des usages illisible', [{ file: 'mini-usages.csv', from: 'Id bloc,Libellé bloc,Id rubrique', to: 'Id bloc,Libellé bloc,Rubrique' }], [
    `mini-usages.csv: erreur ligne d'en-tête « Id rubrique » introuvable (ou sans ligne des natures au-dessus) [usage-layout]`,
  ]],
  ['nature absente du type des natures', [{ file: 'mini-usages.csv', from: '10 - Signalement', to: '11 - Signalement' }], [
    "mini-usages.csv:2: avertissement nature `11` (Signalement Déclaration préalable à l'embauche) absente du type des natures de déclaration de la version [usage-unknown-nature]",
  ]],
  ['identifiant de rubrique invalide (usages)', [{ file: 'mini-usages.csv', from: ',,S21.G00.40.099,', to: ',,S21.G00.40.99,' }], [
    'mini-usages.csv:10: erreur identifiant de rubrique invalide `S21.G00.40.99` [usage-rubrique-id]',
  ]],
  ['rubrique rangée sous un autre bloc (usages)', [{ file: 'mini-usages.csv', from: 'S21.G00.40,Contrat,S21.G00.40.001', to: 'S21.G00.40,Contrat,S20.G00.05.001' }], [
    'mini-usages.csv: avertissement rubrique `S21.G00.40.001` de la feuille Fields absente de la table des usages [usage-missing-rubrique]',
    'mini-usages.csv:7: avertissement rubrique `S20.G00.05.001` rangée sous le bloc `S21.G00.40` [usage-block-mismatch]',
    'mini-usages.csv:7: erreur rubrique `S20.G00.05.001` en double dans la table des usages [usage-duplicate]',
  ]],
  ['rubrique en double (usages)', [{ file: 'mini-usages.csv', from: ',,S21.G00.40.099,Rubrique absente de Fields,N,N,N', to: ',,S21.G00.40.007,Nature du contrat,O,I,C' }], [
    'mini-usages.csv:10: erreur rubrique `S21.G00.40.007` en double dans la table des usages [usage-duplicate]',
  ]],
  ['usage vide', [{ file: 'mini-usages.csv', from: 'Statut,O,I,O', to: 'Statut,O,,O' }], [
    'mini-usages.csv:8: avertissement rubrique `S21.G00.40.002` : usage vide pour la nature 04 [usage-empty]',
  ]],
  ['code d\'usage inconnu', [{ file: 'mini-usages.csv', from: 'Statut,O,I,O', to: 'Statut,O,X,O' }], [
    "mini-usages.csv:8: erreur rubrique `S21.G00.40.002` : code d'usage inconnu `X` pour la nature 04 [usage-code]",
  ]],
];

describe('import : une règle, une altération', () => {
  let base: string[];
  beforeAll(async () => {
    base = await importLines([]);
  });
  it.each(cases)('%s', async (_name, edits, expected) => {
    const lines = await importLines(edits);
    expect(lines.filter((l) => !base.includes(l))).toEqual(expected);
  });
});

describe('manifeste', () => {
  const cases: Array<[string, string, string[]]> = [
    ['YAML invalide', 'families: [\n', [
    'manifest.yaml:1:11: erreur Crochet `[` ouvert ici et jamais fermé (`]` manquant) [yaml-syntax]',
  ]],
    ['famille déclarée deux fois', MANIFEST.replace('  - id: pasrau', '  - id: dsn'), [
    'manifest.yaml:24:9: erreur Famille `dsn` déclarée deux fois [manifest-duplicate]',
  ]],
    ['source coog sans édition', MANIFEST.replace('        edition: { id: "2099.6", date: "2099-06-01", note: date de test }\n', ''), [
    "manifest.yaml:32:9: erreur Version `pasrau/209901` : une source coog n'a pas de feuille Standard, l'édition doit être donnée (edition) [manifest-edition]",
  ]],
    ['version précédente absente du manifeste', MANIFEST.replace('        previous: null\n        datatypes: { format: csv', '        previous: P98V01\n        datatypes: { format: csv'), [
    "manifest.yaml:15:19: avertissement Version `dsn/P99V01` : la version précédente `P98V01` n'est pas dans le manifeste [manifest-previous]",
  ]],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(parseManifest(text, 'manifest.yaml').diagnostics.map(formatDiagnostic)).toEqual(expected);
  });
});
