import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, type Diagnostic } from '../../../src/core/diagnostics/diagnostic.ts';
import { parseManifest } from '../../../src/core/import/manifest.ts';
import { PROJECT_ROOT } from '../../helpers/fixture.ts';

/** Diagnostic lines as the CLI prints them (hint on its own line). */
const lines = (ds: Diagnostic[]) => ds.flatMap((d) => [formatDiagnostic(d), ...(d.hint ? [`  aide : ${d.hint}`] : [])]);

/** Diagnostic lines of VALID with `from` replaced by `to`. */
const broken = (from: string, to: string) => {
  if (!VALID.includes(from)) throw new Error(`absent du manifeste : ${from}`);
  return lines(parseManifest(VALID.replace(from, to), 'm.yaml').diagnostics);
};

/** A valid manifest; tests break one line of it. */
const VALID = [
  'families:',
  '  - id: dsn',
  '    name: DSN',
  '    message: DSN',
  '    versionDatatype: DSN_Version',
  '    versions:',
  '      - id: P99V01',
  '        status: draft',
  '        previous: null',
  '        datatypes: { format: csv, path: mini-csv, origin: tables de test }',
  '        applicability: { from: "2099-01", source: inférée }',
  '',
].join('\n');

describe('manifeste d\'import : même chaîne que les fichiers du registre', () => {
  it('le manifeste de test est valide', () => {
    expect(parseManifest(VALID, 'm.yaml').diagnostics).toEqual([]);
  });

  it('seeds/import-manifest.yaml est valide', () => {
    const text = readFileSync(path.join(PROJECT_ROOT, 'seeds/import-manifest.yaml'), 'utf8');
    const res = parseManifest(text, 'seeds/import-manifest.yaml');
    expect(res.diagnostics).toEqual([]);
    expect(res.manifest?.families.map((f) => f.id)).toEqual(['dsn', 'pasrau']);
  });

  it('syntaxe YAML', () => {
    expect(broken('    name: DSN', '    name: [DSN')).toEqual([
      'm.yaml:3:11: erreur Crochet `[` ouvert ici et jamais fermé (`]` manquant) [yaml-syntax]',
      "  aide : fermez la liste ou l'objet sur sa ligne, ou écrivez ses éléments un par ligne sans crochets ; une valeur qui contient [ ou { se met entre guillemets.",
    ]);
  });

  it('propriété inconnue, avec suggestion', () => {
    expect(broken('        status: draft', '        statut: draft')).toEqual([
      'm.yaml:7:9: erreur Propriété obligatoire `status` manquante dans `families.0.versions.0` [schema]',
      '  aide : ajoutez `status:` (voir le schéma manifest.schema.json).',
      'm.yaml:8:9: erreur Propriété inconnue `statut` dans `families.0.versions.0` ; vouliez-vous dire `status` ? [schema]',
      '  aide : propriétés possibles : id, status, previous, datatypes, usages, edition, applicability, activations, provenanceNote, expect.',
    ]);
  });

  it('valeur hors énumération', () => {
    expect(broken('format: csv', 'format: xls')).toEqual([
      'm.yaml:10:30: erreur Valeur `xls` non autorisée pour `families.0.versions.0.datatypes.format` ; vouliez-vous dire `xlsx` ? [schema]',
      '  aide : valeurs possibles : xlsx, csv, coog.',
    ]);
  });

  it('mois mal formé', () => {
    expect(broken('"2099-01"', '"2099-13"')).toEqual([
      'm.yaml:11:32: erreur `families.0.versions.0.applicability.from` : la valeur `2099-13` n\'est pas un mois AAAA-MM (01 à 12) [schema]',
    ]);
  });

  it('vérifications croisées positionnées : version en double, précédente inconnue, source coog sans édition', () => {
    const text = VALID + [
      '      - id: P99V01',
      '        status: draft',
      '        previous: P98V01',
      '        datatypes: { format: coog, path: mini-coog, origin: tables de test }',
      '',
    ].join('\n');
    expect(lines(parseManifest(text, 'm.yaml').diagnostics)).toEqual([
      'm.yaml:12:13: erreur Version `dsn/P99V01` déclarée deux fois [manifest-duplicate]',
      "  aide : supprimez ou renommez l'une des deux.",
      "m.yaml:15:9: erreur Version `dsn/P99V01` : une source coog n'a pas de feuille Standard, l'édition doit être donnée (edition) [manifest-edition]",
      '  aide : ajoutez `edition: { id: …, date: AAAA-MM-JJ }` à la version.',
      "m.yaml:14:19: avertissement Version `dsn/P99V01` : la version précédente `P98V01` n'est pas dans le manifeste [manifest-previous]",
      '  aide : déclarez `P98V01` dans la famille `dsn` ou écrivez `previous: null`.',
    ]);
  });
});
