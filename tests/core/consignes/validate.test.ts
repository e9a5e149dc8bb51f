import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Root } from 'mdast';
import { checkTree, formatDiagnostic } from '../../../src/core/index.ts';
import { PROJECT_ROOT } from '../../helpers/fixture.ts';
import { consigneLines, withFixture, type FileEdit } from './helpers.ts';

const F1 = 'consignes/1/fiche.mdx';
const F2 = 'consignes/2/fiche.mdx';
const F3 = 'consignes/3/fiche.mdx';
const R1 = 'consignes/1/revisions/1.mdx';
const FIXTURE_F2 = readFileSync(path.join(PROJECT_ROOT, 'tests/fixtures/consignes/valid', F2), 'utf8');

/** Append a paragraph at the end of fiche 2 (its text starts at line 17; the new paragraph is line 22). */
const inF2 = (s: string): FileEdit[] => [{ file: F2, from: 'code="10"/>.', to: 'code="10"/>.\n\n' + s }];
/** Append a paragraph in fiche 1 (targets V1 and V2), at line 35. */
const inF1 = (s: string): FileEdit[] => [{ file: F1, from: 'Voir aussi <Fiche id="2"/>.', to: 'Voir aussi <Fiche id="2"/>.\n\n' + s }];

type Case = [string, FileEdit[], string[]];

describe('fiches consignes : la fixture de référence', () => {
  it('est valide', () => {
    expect(consigneLines([])).toEqual([]);
  });
});

describe('fiches consignes : en-tête (schéma et métadonnées)', () => {
  const cases: Case[] = [
    ['propriété obligatoire manquante', [{ file: F2, from: 'summary: Le code APEN disparaît en V2.\n', to: '' }],
      [`${F2}:2:1: erreur Propriété obligatoire \`summary\` manquante dans le fichier [consigne-schema]`]],
    ['propriété inconnue, avec suggestion', [{ file: F2, from: 'summary:', to: 'sumary:' }],
      [
        `${F2}:2:1: erreur Propriété obligatoire \`summary\` manquante dans le fichier [consigne-schema]`,
        `${F2}:4:1: erreur Propriété inconnue \`sumary\` ; vouliez-vous dire \`summary\` ? [consigne-schema]`,
      ]],
    ['thème hors liste', [{ file: F1, from: 'themes: [contrat de travail]', to: 'themes: [contrat de travial]' }],
      [`${F1}:5:10: erreur Valeur \`contrat de travial\` non autorisée pour \`themes.0\` ; vouliez-vous dire \`contrat de travail\` ? [consigne-schema]`]],
    ['organisme hors liste', [{ file: F1, from: 'organismes: [Urssaf]', to: 'organismes: [URSSAF]' }],
      [`${F1}:6:14: erreur Valeur \`URSSAF\` non autorisée pour \`organismes.0\` ; vouliez-vous dire \`Urssaf\` ? [consigne-schema]`]],
    ['numéro non entier (sans erreur en cascade dans les fiches qui la citent)', [{ file: F2, from: 'id: 2', to: 'id: "deux"' }],
      [`${F2}:2:5: erreur \`id\` doit être un entier (reçu \`deux\`) [consigne-schema]`]],
    ['nature écrite comme un nombre', [{ file: F1, from: 'natures: ["01"]', to: 'natures: [1]' }],
      [`${F1}:7:11: erreur \`natures.0\` doit être une chaîne (reçu \`1\`) [consigne-schema]`]],
    ['date mal formée', [{ file: F1, from: 'published: 2025-06-02', to: 'published: 02/06/2025' }],
      [`${F1}:20:16: erreur \`revisions.1.published\` : la valeur \`02/06/2025\` ne respecte pas le format attendu \`^[0-9]{4}-[0-9]{2}-[0-9]{2}$\` [consigne-schema]`]],
    ['clé YAML en double', [{ file: F2, from: 'status: en vigueur', to: 'status: en vigueur\nstatus: abrogée' }],
      [`${F2}:9:1: erreur Clé en double dans le même objet YAML [yaml-duplicate-key]`]],
    ['en-tête absent', [{ file: F2, to: '## Titre\n\nTexte.\n' }],
      [`${F2}:1:1: erreur En-tête YAML manquant : la fiche doit commencer par \`---\` [consigne-frontmatter-missing]`]],
    ['en-tête vide', [{ file: F2, to: '---\n---\n\nTexte.\n' }],
      [`${F2}:1:1: erreur En-tête YAML vide [consigne-frontmatter-missing]`]],
    ['titre qui n\'est pas une question', [{ file: F2, from: 'title: Que devient le code APEN ?', to: 'title: Le code APEN' }],
      [`${F2}:3:8: erreur Le titre d'une fiche est une question : il doit se terminer par « ? » [consigne-title-question]`]],
    ['numéro et dossier divergents, numéro en double', [{ file: 'consignes/4/fiche.mdx', to: FIXTURE_F2 }],
      [
        'consignes/4/fiche.mdx:2:5: erreur Fiche n° 2 définie deux fois (déjà dans `consignes/2/fiche.mdx`) [consigne-duplicate-id]',
        'consignes/4/fiche.mdx:2:5: erreur Le numéro de fiche `2` ne correspond pas au dossier `consignes/4/` [consigne-folder-mismatch]',
      ]],
    ['dossier mal nommé', [{ file: 'consignes/fiche-4/fiche.mdx', to: FIXTURE_F2 }],
      ['consignes/fiche-4: erreur Dossier `consignes/fiche-4/` : le nom d\'un dossier de fiche est son numéro (ex. `consignes/9001/`) [consigne-folder-name]']],
    ['dossier sans fiche.mdx', [{ file: 'consignes/5/brouillon.md', to: 'x' }],
      ['consignes/5: erreur Le dossier `consignes/5/` n\'a pas de fichier `fiche.mdx` [consigne-fiche-missing]']],
    ['fichier inattendu', [{ file: 'consignes/2/notes.txt', to: 'x' }],
      ['consignes/2/notes.txt: avertissement Fichier inattendu `consignes/2/notes.txt` [consigne-unexpected-file]']],
    ['famille inconnue', [{ file: F2, from: 'family: demo', to: 'family: dem' }],
      [`${F2}:6:9: erreur Famille de normes \`dem\` inconnue ; vouliez-vous dire \`demo\` ? [consigne-unknown-family]`]],
    ['version inconnue', [{ file: F1, from: 'versions: [V1, V2]', to: 'versions: [V1, V3]' }],
      [`${F1}:9:16: erreur Version \`V3\` inconnue dans la famille \`demo\` ; vouliez-vous dire \`V1\` ? [consigne-unknown-version]`]],
    ['version inconnue dans une révision antérieure', [{ file: F1, from: '    versions: [V1]', to: '    versions: [V0]' }],
      [`${F1}:18:16: erreur Version \`V0\` inconnue dans la famille \`demo\` ; vouliez-vous dire \`V1\` ? [consigne-unknown-version]`]],
    ['nature inconnue', [{ file: F1, from: 'natures: ["01"]', to: 'natures: ["02"]' }],
      [`${F1}:7:11: erreur Nature de déclaration \`02\` inconnue (\`S20.G00.05.001\`) ; vouliez-vous dire \`01\` ? [consigne-unknown-nature]`]],
    ['nature absente d\'une version visée', [{ file: F1, from: 'natures: ["01"]', to: 'natures: ["01", "10"]' }],
      [`${F1}:7:17: erreur Nature de déclaration \`10\` absente de \`V1\`, version(s) visée(s) par la fiche [consigne-nature-not-in-version]`]],
  ];
  it.each(cases)('%s', (_name, edits, expected) => {
    expect(consigneLines(edits)).toEqual(expected);
  });
});

describe('fiches consignes : statut et remplacement', () => {
  const cases: Case[] = [
    ['« remplacée » sans fiche de remplacement', [{ file: F3, from: 'replacedBy: 2\n', to: '' }],
      [`${F3}:8:9: erreur Fiche « remplacée » sans fiche de remplacement [consigne-replaced-by-missing]`]],
    ['replacedBy sur une fiche en vigueur', [{ file: F2, from: 'status: en vigueur', to: 'status: en vigueur\nreplacedBy: 3' }],
      [`${F2}:9:13: erreur \`replacedBy\` n'a de sens que pour une fiche « remplacée » (statut actuel : « en vigueur ») [consigne-replaced-by-unexpected]`]],
    ['fiche de remplacement inconnue', [{ file: F3, from: 'replacedBy: 2', to: 'replacedBy: 12' }],
      [`${F3}:9:13: erreur Fiche de remplacement n° 12 inconnue [consigne-replaced-by-unknown]`]],
    ['remplacement circulaire', [{ file: F2, from: 'status: en vigueur', to: 'status: remplacée\nreplacedBy: 3' }],
      [
        `${F2}:9:13: erreur Remplacement circulaire : n° 2 → n° 3 → n° 2 [consigne-replacement-cycle]`,
        `${F3}:9:13: erreur Remplacement circulaire : n° 3 → n° 2 → n° 3 [consigne-replacement-cycle]`,
      ]],
    ['remplacée par elle-même', [{ file: F3, from: 'replacedBy: 2', to: 'replacedBy: 3' }],
      [`${F3}:9:13: erreur Remplacement circulaire : n° 3 → n° 3 [consigne-replacement-cycle]`]],
  ];
  it.each(cases)('%s', (_name, edits, expected) => {
    expect(consigneLines(edits)).toEqual(expected);
  });
});

describe('fiches consignes : révisions', () => {
  const cases: Case[] = [
    ['numérotation', [{ file: F1, from: '  - revision: 2', to: '  - revision: 3' }],
      [`${F1}:19:15: erreur Révision n° 3 en position 2 : les révisions sont numérotées 1, 2, 3… de la plus ancienne à la plus récente [consigne-revision-sequence]`]],
    ['date inexistante', [{ file: F1, from: 'published: 2025-06-02', to: 'published: 2025-02-30' }],
      [`${F1}:20:16: erreur Date \`2025-02-30\` inexistante [consigne-date-invalid]`]],
    ['dates dans le désordre', [{ file: F1, from: 'published: 2025-06-02', to: 'published: 2024-12-31' }],
      [`${F1}:20:16: erreur Publication de la révision 2 (2024-12-31) antérieure à celle de la révision 1 (2025-01-10) [consigne-revision-date-order]`]],
    ['texte d\'une révision antérieure manquant', [{ file: R1, to: null }],
      [`${F1}:14:5: erreur Texte de la révision 1 introuvable : \`consignes/1/revisions/1.mdx\` [consigne-revision-missing]`]],
    ['texte de révision orphelin', [{ file: 'consignes/2/revisions/1.mdx', to: 'Texte.\n' }],
      ['consignes/2/revisions/1.mdx: erreur Fichier `1.mdx` sans révision correspondante dans l\'en-tête de `consignes/2/fiche.mdx` [consigne-revision-orphan]']],
    ['révision archivée avec un en-tête', [{ file: R1, from: '## Le contexte', to: '---\ntitle: x\n---\n## Le contexte' }],
      [`${R1}:1:1: erreur Une révision archivée n'a pas d'en-tête : ses métadonnées sont dans \`fiche.mdx\` [consigne-revision-frontmatter]`]],
    ['versions propres à la révision courante', [{ file: F2, from: '    changes: Création de la fiche.', to: '    changes: Création de la fiche.\n    versions: [V1]' }],
      [`${F2}:11:5: erreur La révision courante prend le titre et les versions de l'en-tête : \`title\` et \`versions\` ne s'écrivent que sur les révisions antérieures [consigne-revision-override]`]],
    ['une révision antérieure est vérifiée dans ses propres versions', [{ file: F1, from: '    versions: [V1]', to: '    versions: [V1, V2]' }],
      [`${R1}:7:71: erreur Code \`03\` de \`DSN_NatureContrat\` absent de \`V2\`, version visée par la fiche [consigne-code-not-in-version]`]],
    ['référence inconnue dans une révision antérieure', [{ file: R1, from: 'S21.G00.40.007', to: 'S21.G00.40.077' }],
      [`${R1}:3:23: erreur Rubrique inconnue \`S21.G00.40.077\` dans \`V1\` ; vouliez-vous dire \`S21.G00.40.007\` ? [consigne-unknown-reference]`]],
    ['texte vide', [{ file: F2, from: FIXTURE_F2.slice(FIXTURE_F2.indexOf('## La consigne')), to: '' }],
      [`${F2}:16:1: erreur Le texte de la fiche est vide [consigne-body-empty]`]],
  ];
  it.each(cases)('%s', (_name, edits, expected) => {
    expect(consigneLines(edits)).toEqual(expected);
  });
});

describe('fiches consignes : MDX restreint (aucun code exécuté à la construction)', () => {
  const cases: Case[] = [
    ['import', inF2("import Evil from './evil.js'"),
      [`${F2}:22:1: erreur \`import\` et \`export\` sont interdits dans une fiche [consigne-esm-forbidden]`]],
    ['export', inF2('export const x = process.exit(1)'),
      [`${F2}:22:1: erreur \`import\` et \`export\` sont interdits dans une fiche [consigne-esm-forbidden]`]],
    ['import illisible', inF2('import x from'),
      [`${F2}:22:1: erreur \`import\` et \`export\` sont interdits dans une fiche [consigne-esm-forbidden]`]],
    ['expression dans le texte', inF2('Total : {1 + 1} euros.'),
      [`${F2}:22:9: erreur Expression \`{1 + 1}\` interdite dans une fiche [consigne-expression-forbidden]`]],
    ['commentaire MDX', inF2('{/* note interne */}'),
      [`${F2}:22:1: erreur Commentaire \`{/* … */}\` interdit dans une fiche [consigne-expression-forbidden]`]],
    ['expression dans un attribut', inF2('Voir <Rubrique id={"S21.G00.40.007"}/>.'),
      [`${F2}:22:16: erreur Expression \`{"S21.G00.40.007"}\` interdite dans l'attribut \`id\` [consigne-expression-forbidden]`]],
    ['attributs étalés', inF2('Voir <Rubrique {...props} id="S21.G00.40.007"/>.'),
      [`${F2}:22:16: erreur Expression \`{...props}\` interdite dans la balise \`<Rubrique>\` [consigne-expression-forbidden]`]],
    ['composant mal orthographié', inF2('Voir <Rubriqe id="S21.G00.40.007"/>.'),
      [`${F2}:22:6: erreur Composant \`<Rubriqe>\` non autorisé ; vouliez-vous dire \`Rubrique\` ? [consigne-component-forbidden]`]],
    ['<script>', inF2('<script>fetch("https://x")</script>'),
      [`${F2}:22:1: erreur Composant \`<script>\` non autorisé [consigne-component-forbidden]`]],
    ['HTML brut', inF2('<div class="x">texte</div>'),
      [`${F2}:22:1: erreur Composant \`<div>\` non autorisé [consigne-component-forbidden]`]],
    ['fragment', inF2('<>texte</>'),
      [`${F2}:22:1: erreur Composant \`<>\` non autorisé [consigne-component-forbidden]`]],
    ['attribut inconnu', inF2('Voir <Rubrique id="S21.G00.40.007" vesion="V2"/>.'),
      [`${F2}:22:36: erreur Attribut \`vesion\` inconnu pour \`<Rubrique>\` ; vouliez-vous dire \`version\` ? [consigne-attribute-unknown]`]],
    ['attribut obligatoire manquant', inF2('Voir <Valeur type="DSN_NatureContrat"/>.'),
      [`${F2}:22:6: erreur Attribut \`code\` obligatoire manquant dans \`<Valeur>\` [consigne-attribute-missing]`]],
    ['attribut sans valeur', inF2('Voir <Rubrique id/>.'),
      [`${F2}:22:16: erreur L'attribut \`id\` de \`<Rubrique>\` doit avoir une valeur [consigne-attribute-value]`]],
    ['contenu dans <Valeur>', inF2('Voir <Valeur type="DSN_NatureContrat" code="02">x</Valeur>.'),
      [`${F2}:22:6: erreur \`<Valeur>\` ne prend pas de contenu [consigne-component-content]`]],
    ['référence écrite comme un bloc', inF2('<Rubrique id="S21.G00.40.007">\nla nature\n</Rubrique>'),
      [`${F2}:22:1: erreur \`<Rubrique>\` s'écrit dans une phrase, pas comme un bloc [consigne-component-content]`]],
    ['encadré écrit dans une phrase', inF2('Texte <Note>à noter</Note>.'),
      [`${F2}:22:7: erreur \`<Note>\` est un encadré : il ne s'écrit pas dans une phrase [consigne-component-content]`]],
    ['lien javascript:', inF2('[cliquez](javascript:alert(1))'),
      [`${F2}:22:1: erreur Lien \`javascript:alert(1)\` interdit : seuls les liens http(s), mailto et relatifs sont admis [consigne-link-forbidden]`]],
    ['définition de lien data:', inF2('[x]: data:text/html,<b>x</b>\n\n[cliquez][x]'),
      [`${F2}:22:1: erreur Lien \`data:text/html,<b>x</b>\` interdit : seuls les liens http(s), mailto et relatifs sont admis [consigne-link-forbidden]`]],
    ['image', inF2('![logo](https://example.org/logo.png)'),
      [`${F2}:22:1: erreur Les images ne sont pas admises dans une fiche [consigne-image-forbidden]`]],
    ['titre de niveau 1', inF2('# Titre'),
      [`${F2}:22:1: erreur Titre de niveau 1 (\`#\`) interdit dans le texte : il est réservé au titre de la fiche [consigne-heading-level]`]],
    ['balise jamais fermée', inF2('<Note>\nTexte'),
      [`${F2}:22:1: erreur Balise \`<Note>\` jamais fermée [consigne-mdx-syntax]`]],
    ['commentaire HTML', inF2('<!-- commentaire -->'),
      [`${F2}:22:2: erreur Balise mal formée : caractère \`!\` inattendu [consigne-mdx-syntax]`]],
    ['accolade non fermée', inF2('Accolade { ouverte'),
      [`${F2}:22:19: erreur Accolade \`{\` non fermée [consigne-mdx-syntax]`]],
    ['« < » suivi d\'une espace : du texte, pas une balise', inF2('Un montant < 10 euros.'), []],
  ];
  it.each(cases)('%s', (_name, edits, expected) => {
    expect(consigneLines(edits)).toEqual(expected);
  });

  it('tout nœud hors liste est rejeté, même si un analyseur futur en produisait', () => {
    const tree = { type: 'root', children: [{ type: 'html', value: '<b>x</b>', position: { start: { line: 4, column: 3 }, end: { line: 4, column: 11 } } }] } as unknown as Root;
    expect(checkTree('f.mdx', tree).diagnostics.map(formatDiagnostic)).toEqual(['f.mdx:4:3: erreur Construction `html` non admise dans une fiche [consigne-syntax-forbidden]']);
  });

  it('les erreurs de syntaxe MDX donnent un indice en français', () => {
    const ds = withFixture(inF2('<!-- commentaire -->'), (r) => r.diagnostics);
    expect(ds[0].hint).toBe('les commentaires HTML `<!-- -->` ne sont pas admis ; supprimez-les.');
  });
});

describe('fiches consignes : références à la norme', () => {
  const cases: Case[] = [
    ['rubrique inconnue, avec suggestion', inF1('Voir <Rubrique id="S21.G00.40.070"/>.'),
      [`${F1}:35:16: erreur Rubrique inconnue \`S21.G00.40.070\` dans \`V1\`, \`V2\` ; vouliez-vous dire \`S21.G00.40.001\` ? [consigne-unknown-reference]`]],
    ['rubrique inconnue, sans suggestion', inF1('Voir <Rubrique id="S99.G00.99.999"/>.'),
      [`${F1}:35:16: erreur Rubrique inconnue \`S99.G00.99.999\` dans \`V1\`, \`V2\` [consigne-unknown-reference]`]],
    ['bloc inconnu', inF1('Voir <Bloc id="S21.G00.41"/>.'),
      [`${F1}:35:12: erreur Bloc inconnu \`S21.G00.41\` dans \`V1\`, \`V2\` ; vouliez-vous dire \`S21.G00.40\` ? [consigne-unknown-reference]`]],
    ['type inconnu', inF1('Voir <Type id="DSN_NatureContra"/>.'),
      [`${F1}:35:12: erreur Type de données inconnu \`DSN_NatureContra\` dans \`V1\`, \`V2\` ; vouliez-vous dire \`DSN_NatureContrat\` ? [consigne-unknown-reference]`]],
    ['contrôle inconnu', inF1('Voir <Controle id="S21.G00.40.007/CCH-12"/>.'),
      [`${F1}:35:16: erreur Contrôle inconnu \`S21.G00.40.007/CCH-12\` dans \`V1\`, \`V2\` ; vouliez-vous dire \`S21.G00.40.007/CCH-11\` ? [consigne-unknown-reference]`]],
    ['rubrique absente d\'une des versions de la fiche', inF1('Voir <Rubrique id="S21.G00.40.084"/>.'),
      [`${F1}:35:16: erreur La rubrique \`S21.G00.40.084\` est absente de \`V1\`, version visée par la fiche [consigne-reference-not-in-version]`]],
    ['rubrique supprimée : elle n\'existe que dans une version non visée', inF2('Voir <Rubrique id="S21.G00.06.003"/>.'),
      [`${F2}:22:16: erreur La rubrique \`S21.G00.06.003\` n'existe dans aucune des versions visées (\`V2\`) ; elle existe dans \`V1\` [consigne-reference-not-in-version]`]],
    ['version épinglée : vérifiée dans cette version seulement', inF1('Voir <Rubrique id="S21.G00.06.003" version="V1"/>.'), []],
    ['version épinglée inconnue', inF1('Voir <Rubrique id="S21.G00.40.007" version="V9"/>.'),
      [`${F1}:35:36: erreur Version \`V9\` inconnue dans la famille \`demo\` ; vouliez-vous dire \`V1\` ? [consigne-unknown-version]`]],
    ['composant qui ne correspond pas à l\'identifiant', inF1('Voir <Rubrique id="S21.G00.40"/>.'),
      [`${F1}:35:16: erreur \`S21.G00.40\` est un identifiant de bloc, pas de rubrique [consigne-reference-kind]`]],
    ['<Type> sur une rubrique', inF1('Voir <Type id="S21.G00.40.007"/>.'),
      [`${F1}:35:12: erreur \`S21.G00.40.007\` est un identifiant de rubrique, pas de type de données [consigne-reference-kind]`]],
    ['code inconnu', inF1('Voir <Valeur type="DSN_NatureContrat" code="04"/>.'),
      [`${F1}:35:39: erreur Code \`04\` absent de la nomenclature \`DSN_NatureContrat\` (\`V1\`, \`V2\`) ; vouliez-vous dire \`01\` ? [consigne-unknown-code]`]],
    ['code absent d\'une version visée', inF1('Voir <Valeur type="DSN_NatureContrat" code="03"/>.'),
      [`${F1}:35:39: erreur Code \`03\` de \`DSN_NatureContrat\` absent de \`V2\`, version visée par la fiche [consigne-code-not-in-version]`]],
    ['<Valeur> sur un type qui n\'est pas une nomenclature', inF1('Voir <Valeur type="Date_JJMMAAAA" code="03"/>.'),
      [`${F1}:35:14: erreur Le type de données \`Date_JJMMAAAA\` n'est pas une nomenclature : \`<Valeur>\` ne s'applique qu'aux listes de codes [consigne-reference-kind]`]],
    ['fiche citée inconnue', inF1('Voir <Fiche id="7"/>.'),
      [`${F1}:35:13: erreur Fiche n° 7 inconnue [consigne-unknown-fiche]`]],
    ['fiche citée par autre chose qu\'un numéro', inF1('Voir <Fiche id="sept"/>.'),
      [`${F1}:35:13: erreur \`sept\` n'est pas un numéro de fiche [consigne-unknown-fiche]`]],
    ['exemple DSN : rubrique inconnue', [{ file: F1, from: "S21.G00.40.007,'02'", to: "S21.G00.40.007,'02'\nS21.G00.40.070,'02'" }],
      [`${F1}:39:1: erreur Rubrique inconnue \`S21.G00.40.070\` dans \`V1\`, \`V2\` ; vouliez-vous dire \`S21.G00.40.001\` ? [consigne-unknown-reference]`]],
    ['exemple DSN : code absent d\'une version', [{ file: F1, from: "S21.G00.40.007,'02'", to: "S21.G00.40.007,'03'" }],
      [`${F1}:38:16: erreur Valeur invalide pour \`S21.G00.40.007\` dans \`V2\` : Valeur « 03 » absente de la liste DSN_NatureContrat (valeurs admises : 01, 02). [consigne-dsn-value-invalid]`]],
    ['exemple DSN : date au mauvais format', [{ file: F1, from: "S21.G00.40.001,'02012026'", to: "S21.G00.40.001,'2026-01-02'" }],
      [`${F1}:37:16: erreur Valeur invalide pour \`S21.G00.40.001\` dans \`V1\`, \`V2\` : Valeur « 2026-01-02 » de longueur 10 : le type Date_JJMMAAAA attend 8 caractère(s). [consigne-dsn-value-invalid]`]],
    ['exemple DSN : date impossible', [{ file: F1, from: "S21.G00.40.001,'02012026'", to: "S21.G00.40.001,'32012026'" }],
      [`${F1}:37:16: erreur Valeur invalide pour \`S21.G00.40.001\` dans \`V1\`, \`V2\` : Valeur « 32012026 » non conforme au format du type Date_JJMMAAAA ((0[1-9]|[1-2][0-9]|3[0-1])(0[1-9]|1[0-2])(19|20)[0-9]{2}), par exemple « 15012026 ». [consigne-dsn-value-invalid]`]],
    // The same check as `norme check` (src/core/check/value.ts): a date of the right format but
    // absent from the calendar is refused in a fiche too.
    ['exemple DSN : 31 février, au bon format mais inexistant', [{ file: F1, from: "S21.G00.40.001,'02012026'", to: "S21.G00.40.001,'31022026'" }],
      [`${F1}:37:16: erreur Valeur invalide pour \`S21.G00.40.001\` dans \`V1\`, \`V2\` : Date « 31022026 » inexistante dans le calendrier (format JJMMAAAA, par exemple 15012026). [consigne-dsn-value-invalid]`]],
    ['exemple DSN : ligne mal formée', [{ file: F1, from: "S21.G00.40.007,'02'", to: 'S21.G00.40.007 = 02' }],
      [`${F1}:38:1: erreur Ligne d'exemple DSN mal formée : \`S21.G00.40.007 = 02\` [consigne-dsn-syntax]`]],
    ['exemple DSN épinglé : vérifié dans sa seule version', [{ file: F1, from: "```dsn\nS21.G00.40.001,'02012026'\nS21.G00.40.007,'02'", to: "```dsn version=V1\nS21.G00.40.001,'02012026'\nS21.G00.40.007,'03'" }], []],
    ['exemple DSN épinglé sur une version inconnue', [{ file: F1, from: '```dsn', to: '```dsn version=V9' }],
      [`${F1}:36:1: erreur Version \`V9\` inconnue dans la famille \`demo\` ; vouliez-vous dire \`V1\` ? [consigne-unknown-version]`]],
    ['exemple DSN : information inattendue après ```dsn', [{ file: F1, from: '```dsn', to: '```dsn P26' }],
      [`${F1}:36:1: erreur Information \`P26\` inattendue après \`\`\`dsn\` [consigne-dsn-syntax]`]],
    ['en-tête : élément inconnu', [{ file: F1, from: 'elements: [S21.G00.40]', to: 'elements: [S21.G00.40, S21.G00.04]' }],
      [`${F1}:10:24: erreur Bloc inconnu \`S21.G00.04\` dans \`V1\`, \`V2\` ; vouliez-vous dire \`S21.G00.06\` ? [consigne-unknown-reference]`]],
    ['en-tête : élément absent d\'une version', [{ file: F1, from: 'elements: [S21.G00.40]', to: 'elements: [S21.G00.40, S21.G00.06.003]' }],
      [`${F1}:10:24: erreur La rubrique \`S21.G00.06.003\` est absente de \`V2\`, version visée par la fiche [consigne-reference-not-in-version]`]],
  ];
  it.each(cases)('%s', (_name, edits, expected) => {
    expect(consigneLines(edits)).toEqual(expected);
  });

  it('l\'indice propose d\'épingler la version où l\'élément existe', () => {
    const ds = withFixture(inF2('Voir <Rubrique id="S21.G00.06.003"/>.'), (r) => r.diagnostics);
    expect(ds[0].hint).toBe('pour parler d\'une version antérieure, épinglez-la : `<Rubrique id="S21.G00.06.003" version="V1"/>` ; sinon corrigez `versions`.');
  });

  it('rassemble toutes les erreurs, triées par fichier et position', () => {
    const lines = consigneLines([...inF1('Voir <Bloc id="S21.G00.41"/> et {x}.'), { file: F3, from: 'replacedBy: 2', to: 'replacedBy: 12' }]);
    expect(lines.map((l) => l.slice(0, l.indexOf(': erreur')))).toEqual([`${F1}:35:12`, `${F1}:35:33`, `${F3}:9:13`]);
  });
});

describe('catalogue des règles', () => {
  it('chaque règle consigne-* émise par le cœur a au moins un cas ci-dessus', () => {
    const dir = path.join(PROJECT_ROOT, 'src/core/consignes');
    const emitted = new Set<string>();
    for (const f of readdirSync(dir)) {
      for (const m of readFileSync(path.join(dir, f), 'utf8').matchAll(/'(consigne-[a-z-]+)'/g)) emitted.add(m[1]);
    }
    const tested = readFileSync(new URL(import.meta.url), 'utf8');
    const missing = [...emitted].filter((r) => !tested.includes(`[${r}]`)).sort();
    expect(emitted.size).toBeGreaterThan(30);
    expect(missing).toEqual([]);
  });
});
