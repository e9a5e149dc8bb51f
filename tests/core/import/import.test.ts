import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'yaml';
import { formatDiagnostic } from '../../../src/core/diagnostics/diagnostic.ts';
import { importFromManifestFile, importRegistry, parseManifest, datatypeFileName, type ImportResult } from '../../../src/core/import/index.ts';
import { parseCsv } from '../../../src/core/import/csv.ts';
import { loadRegistry } from '../../../src/core/registry.ts';
import { FIXTURES } from '../../helpers/fixture.ts';

const SRC = path.join(FIXTURES, 'import');
const MANIFEST = path.join(SRC, 'manifest.yaml');

async function runFixture(extra: { only?: string } = {}): Promise<ImportResult> {
  return importFromManifestFile(MANIFEST, 'manifest.yaml', { sourceDir: SRC, ...extra });
}

const file = (r: ImportResult, p: string) => {
  const c = r.files.get(p);
  if (c === undefined) throw new Error(`fichier non produit : ${p}`);
  return c;
};
const yaml = (r: ImportResult, p: string) => parse(file(r, p));

describe('import des tables miniatures', () => {
  let r: ImportResult;
  beforeAll(async () => {
    r = await runFixture();
  });

  it('diagnostics exacts (avertissements, jamais de perte silencieuse)', () => {
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      'manifest.yaml: avertissement Version `dsn/P99V01` : activation de `DSN_Declaration_Nature#42` ignorée, valeur absente de la version [activation-element]',
      'mini-csv/Messages.csv:8: avertissement contrôle `S21.G00.40.050/CCH-11` : rubrique `S21.G00.40.050` absente de la feuille Fields ; contrôle non rattaché, absent du registre [control-orphan]',
      'mini-usages.csv: info 1 libellé(s) de rubrique diffèrent de la feuille Fields (la feuille Fields fait foi), ex. `S10.G00.01.001` [usage-label-mismatch]',
      'mini-usages.csv: avertissement rubrique `S90.G00.90.001` de la feuille Fields absente de la table des usages [usage-missing-rubrique]',
      'mini-usages.csv:10: avertissement rubrique `S21.G00.40.099` de la table des usages absente de la feuille Fields [usage-unknown-rubrique]',
    ]);
  });

  it('arborescence produite', () => {
    expect([...r.files.keys()]).toEqual([
      'dsn/P99V01/blocks/S10.G00.00.yaml',
      'dsn/P99V01/blocks/S10.G00.01.yaml',
      'dsn/P99V01/blocks/S20.G00.05.yaml',
      'dsn/P99V01/blocks/S21.G00.40.yaml',
      'dsn/P99V01/blocks/S90.G00.90.yaml',
      'dsn/P99V01/datatypes/CCN.yaml',
      'dsn/P99V01/datatypes/DSN_Declaration_Nature.yaml',
      'dsn/P99V01/datatypes/DSN_NatureContrat.yaml',
      'dsn/P99V01/datatypes/DSN_Version.yaml',
      'dsn/P99V01/datatypes/Date_JJMMAAAA.yaml',
      'dsn/P99V01/datatypes/Numeric_4_6.yaml',
      'dsn/P99V01/datatypes/Type_Alphanumeric_1-20.yaml',
      'dsn/P99V01/version.yaml',
      'dsn/family.yaml',
      'pasrau/209901/blocks/S10.G00.00.yaml',
      'pasrau/209901/blocks/S10.G00.01.yaml',
      'pasrau/209901/blocks/S20.G00.05.yaml',
      'pasrau/209901/blocks/S21.G00.50.yaml',
      'pasrau/209901/blocks/S90.G00.90.yaml',
      'pasrau/209901/datatypes/DGFiP_Version.yaml',
      'pasrau/209901/datatypes/Nature.yaml',
      'pasrau/209901/datatypes/Taux.yaml',
      'pasrau/209901/version.yaml',
      'pasrau/family.yaml',
    ]);
    expect(r.owned).toContain('dsn/P99V01/blocks');
    expect(r.owned).not.toContain('dsn/P99V01/journal');
  });

  it('première ligne : chemin relatif du schéma ; aucun chemin absolu', () => {
    expect(file(r, 'dsn/family.yaml').split('\n')[0]).toBe('# yaml-language-server: $schema=../../src/core/schemas/family.schema.json');
    expect(file(r, 'dsn/P99V01/version.yaml').split('\n')[0]).toBe('# yaml-language-server: $schema=../../../src/core/schemas/version.schema.json');
    expect(file(r, 'dsn/P99V01/blocks/S21.G00.40.yaml').split('\n')[0]).toBe('# yaml-language-server: $schema=../../../../src/core/schemas/block.schema.json');
    for (const [p, c] of r.files) {
      expect(c, p).not.toContain(SRC);
      expect(c, p).not.toMatch(/\/(work|home|tmp|Users)\//);
    }
  });

  it('contrôles : CCH14 et « CCH -11 » normalisés (rawId gardé), triés par famille puis numéro, orphelin signalé', () => {
    const b = yaml(r, 'dsn/P99V01/blocks/S21.G00.40.yaml');
    const rub = b.rubriques.find((x: { id: string }) => x.id === 'S21.G00.40.007');
    expect(rub.controls.map((c: { id: string; rawId?: string }) => [c.id, c.rawId ?? null])).toEqual([
      ['S21.G00.40.007/CCH-11', 'S21.G00.40.007/CCH -11'],
      ['S21.G00.40.007/CCH-12', null],
      ['S21.G00.40.007/CCH-14', 'S21.G00.40.007/CCH14'],
      ['S21.G00.40.007/SIG-11', null],
    ]);
    expect(rub.controls[2]).toEqual({ id: 'S21.G00.40.007/CCH-14', family: 'CCH', rule: 'Règle 14', message: 'Message 14', rawId: 'S21.G00.40.007/CCH14' });
    const v = yaml(r, 'dsn/P99V01/version.yaml');
    expect(v.provenance.cleanups.find((c: { kind: string }) => c.kind === 'controles-orphelins').examples).toEqual(['S21.G00.40.050/CCH-11']);
    expect(r.report.versions[0].orphanControls).toEqual(['S21.G00.40.050/CCH-11']);
  });

  it('textes nettoyés : espace sans chasse, _x000D_, CRLF, espaces superflus, cellule réduite à une tabulation', () => {
    const b = yaml(r, 'dsn/P99V01/blocks/S21.G00.40.yaml');
    expect(b.name).toBe('Contrat');
    expect(b.description).toBe('Ligne 1\nLigne 2');
    expect(b.rubriques.find((x: { id: string }) => x.id === 'S21.G00.40.007').description).toBe('Texte avec espace sans chasse');
    expect(b.rubriques[0].controls[0].message).toBe('Ligne 1\nLigne 2');
    expect(yaml(r, 'dsn/P99V01/blocks/S10.G00.01.yaml').rubriques[0].description).toBe("Identifiant de l'entreprise.\nSuite");
    expect(yaml(r, 'dsn/P99V01/datatypes/Numeric_4_6.yaml')).toEqual({ id: 'Numeric_4_6', name: 'Numeric_4_6', nature: 'Numeric', regexp: '[0-9]{1,3}\\.[0-9]{2}', minLength: 4, maxLength: 6 });
    // Multi-line texts are literal block scalars.
    expect(file(r, 'dsn/P99V01/blocks/S21.G00.40.yaml')).toContain('description: |-\n  Ligne 1\n  Ligne 2\n');
  });

  it('journal des nettoyages dans version.yaml', () => {
    const v = yaml(r, 'dsn/P99V01/version.yaml');
    expect(v.provenance.cleanups.map((c: { kind: string; count: number }) => `${c.kind}:${c.count}`)).toEqual([
      'fins-de-ligne:2',
      'echappements-x000D:1',
      'caracteres-invisibles:2',
      'espaces-superflus:7',
      'identifiant-controle:2',
      'blocs-en-tete:3',
      'valeurs-enumeration:7',
      'libelles-avec-separateur:1',
      'controles-orphelins:1',
    ]);
    const ids = v.provenance.cleanups.find((c: { kind: string }) => c.kind === 'identifiant-controle');
    expect(ids.examples).toEqual(['"S21.G00.40.007/CCH14" → S21.G00.40.007/CCH-14', '"S21.G00.40.007/CCH -11" → S21.G00.40.007/CCH-11']);
    for (const c of v.provenance.cleanups) expect(c.description).toMatch(/[éèàç]|supprim|créés/);
  });

  it('blocs d\'en-tête créés depuis la feuille Header', () => {
    const env = yaml(r, 'dsn/P99V01/blocks/S10.G00.00.yaml');
    const decl = yaml(r, 'dsn/P99V01/blocks/S20.G00.05.yaml');
    const foot = yaml(r, 'dsn/P99V01/blocks/S90.G00.90.yaml');
    expect([env.name, env.parent, env.header, env.cardinality]).toEqual(['Envoi', null, true, { min: 1, max: 1, source: 'inférée' }]);
    expect([decl.name, decl.parent, decl.header, decl.cardinality]).toEqual(['Déclaration', 'S10.G00.00', true, { min: 1, max: '*', source: 'inférée' }]);
    expect([foot.name, foot.parent, foot.header, foot.cardinality]).toEqual(["Total de l'envoi", null, true, { min: 1, max: 1, source: 'inférée' }]);
    const emetteur = yaml(r, 'dsn/P99V01/blocks/S10.G00.01.yaml');
    expect([emetteur.parent, emetteur.header, emetteur.cardinality]).toEqual(['S10.G00.00', undefined, { min: 1, max: 1, source: 'officielle' }]);
  });

  it('rubriques triées par numéro, usages par nature', () => {
    const b = yaml(r, 'dsn/P99V01/blocks/S21.G00.40.yaml');
    expect(b.rubriques.map((x: { id: string }) => x.id)).toEqual(['S21.G00.40.001', 'S21.G00.40.002', 'S21.G00.40.007']);
    expect(b.rubriques[2].usage).toEqual({ '01': 'O', '04': 'I', '10': 'C' });
    expect(file(r, 'dsn/P99V01/blocks/S21.G00.40.yaml')).toContain("usage:\n      '01': O\n      '04': I\n      '10': C\n");
    expect(yaml(r, 'dsn/P99V01/blocks/S90.G00.90.yaml').rubriques[0].usage).toBeUndefined();
  });

  it('valeurs : découpage, codes en texte, ordre de la source, libellés contenant ; et =', () => {
    expect(yaml(r, 'dsn/P99V01/datatypes/DSN_NatureContrat.yaml').values).toEqual([
      { code: '01', label: 'Contrat à durée indéterminée' },
      { code: '02', label: 'Contrat "CDD" a=b;c' },
      { code: '03', label: 'Mission' },
    ]);
    expect(file(r, 'dsn/P99V01/datatypes/DSN_NatureContrat.yaml')).toContain("  - code: '01'\n");
    const ccn = yaml(r, 'dsn/P99V01/datatypes/CCN.yaml');
    expect(ccn).toEqual({ id: 'CCN', name: 'CCN', description: 'Table IDCC - Code convention collective', nature: 'ExternalReferential', minLength: 4, maxLength: 4 });
  });

  it('version.yaml : édition depuis Standard, libellé depuis DSN_Version, usages publiés, activation présente', () => {
    const v = yaml(r, 'dsn/P99V01/version.yaml');
    expect(v.name).toBe('Année 2099 Version 1');
    expect(v.editions).toEqual([{ id: '2099.1.0.1', date: '2099-01-15' }]);
    expect(v.usages).toEqual({
      status: 'publié',
      natures: [
        { code: '01', label: 'DSN mensuelle' },
        { code: '04', label: 'Signalement arrêt de travail' },
        { code: '10', label: "Signalement Déclaration préalable à l'embauche" },
      ],
      source: 'mini-usages.csv',
    });
    expect(v.activations).toEqual([{ element: 'DSN_Declaration_Nature#10', from: '2100-01', note: 'nature 10 plus tard', source: 'fiche tierce' }]);
    expect(v.provenance.sources.map((s: { file: string; kind: string }) => `${s.kind} ${s.file}`)).toEqual([
      'datatypes mini-csv/Standard.csv',
      'datatypes mini-csv/Header.csv',
      'datatypes mini-csv/Data_Types.csv',
      'datatypes mini-csv/Blocks.csv',
      'datatypes mini-csv/Fields.csv',
      'datatypes mini-csv/Messages.csv',
      'usages mini-usages.csv',
    ]);
    const sha = v.provenance.sources[6].sha256;
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    // Key order follows the schema.
    expect(Object.keys(v)).toEqual(['id', 'family', 'name', 'status', 'previous', 'editions', 'applicability', 'activations', 'usages', 'provenance']);
  });

  it('format Coog (PASRAU) : BOM, `;`, nature dans la colonne Name, cardinalités inférées, édition du manifeste', () => {
    const v = yaml(r, 'pasrau/209901/version.yaml');
    expect(v.name).toBe('Version 2099-0-1');
    expect(v.editions).toEqual([{ id: '2099.6', date: '2099-06-01', note: 'date de test' }]);
    expect(v.usages).toEqual({ status: 'non publié' });
    expect(v.applicability).toBeUndefined();
    expect(v.provenance.cleanups.map((c: { kind: string; count: number }) => `${c.kind}:${c.count}`)).toEqual([
      'echappements-x000D:3',
      'espaces-superflus:3',
      'blocs-en-tete:3',
      'cardinalites-inferees:2',
      'colonne-nature:3',
      'valeurs-enumeration:3',
    ]);
    expect(yaml(r, 'pasrau/209901/datatypes/Nature.yaml')).toEqual({
      id: 'Nature',
      nature: 'Enumeration',
      minLength: 2,
      maxLength: 2,
      values: [
        { code: '11', label: 'Modèle de déclaration PASRAU' },
        { code: '90', label: 'Autre' },
      ],
    });
    const b = yaml(r, 'pasrau/209901/blocks/S21.G00.50.yaml');
    expect(b.cardinality).toEqual({ min: 0, max: '*', source: 'inférée' });
    expect(b.rubriques[0].description).toBe('Il s’agit du taux.\nDeuxième ligne.');
    expect(yaml(r, 'pasrau/family.yaml')).toEqual({ id: 'pasrau', name: 'PASRAU', message: 'NEORAU' });
  });

  it('déterminisme : deux imports donnent des fichiers identiques octet pour octet', async () => {
    const again = await runFixture();
    expect([...again.files.entries()]).toEqual([...r.files.entries()]);
  });

  it('--only : une seule version (et sa famille)', async () => {
    const only = await runFixture({ only: 'pasrau/209901' });
    expect([...only.files.keys()].every((k) => k.startsWith('pasrau/'))).toBe(true);
    expect(only.files.get('pasrau/209901/version.yaml')).toBe(r.files.get('pasrau/209901/version.yaml'));
  });

  it('le registre produit passe le chargeur du projet sans erreur', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'norme-import-'));
    try {
      for (const [p, c] of r.files) {
        const abs = path.join(root, 'norm', p);
        mkdirSync(path.dirname(abs), { recursive: true });
        writeFileSync(abs, c);
      }
      const loaded = loadRegistry(root);
      const errors = loaded.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
      expect(errors).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('lecture xlsx', () => {
  let tmp: string;
  beforeAll(async () => {
    // Build a workbook from the CSV fixture, the way the official files look:
    // numbers stored as numbers, CRLF inside texts, sheet « Data Types ».
    tmp = mkdtempSync(path.join(tmpdir(), 'norme-xlsx-'));
    cpSync(SRC, tmp, { recursive: true });
    const wb = new ExcelJS.Workbook();
    const sheets: [string, string][] = [
      ['Standard', 'Standard.csv'],
      ['Header', 'Header.csv'],
      ['Data Types', 'Data_Types.csv'],
      ['Blocks', 'Blocks.csv'],
      ['Fields', 'Fields.csv'],
      ['Messages', 'Messages.csv'],
    ];
    for (const [name, f] of sheets) {
      const ws = wb.addWorksheet(name);
      const recs = parseCsv(readFileSync(path.join(SRC, 'mini-csv', f), 'utf8')).records;
      recs.forEach((rec, i) => {
        const numeric = (col: number) => i > 0 && ((name === 'Data Types' && (col === 5 || col === 6)) || (name === 'Blocks' && col >= 4));
        ws.addRow(
          rec.cells.map((c, col) => {
            if (c === '') return null;
            if ((numeric(col) || (name === 'Standard' && col === 1)) && /^[0-9]+$/.test(c)) return Number(c);
            return c.replace(/\r?\n/g, '\r\n');
          }),
        );
      });
    }
    await wb.xlsx.writeFile(path.join(tmp, 'mini.xlsx'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('un classeur xlsx donne les mêmes blocs et types que ses exports CSV', async () => {
    const text = readFileSync(MANIFEST, 'utf8');
    const viaCsv = await importRegistry({ sourceDir: SRC, manifest: parseManifest(text, 'm').manifest!, only: 'dsn' });
    const xlsxManifest = parseManifest(text.replace('{ format: csv, path: mini-csv, origin: tables de test }', '{ format: xlsx, path: mini.xlsx, origin: tables de test }'), 'm').manifest!;
    const viaXlsx = await importRegistry({ sourceDir: tmp, manifest: xlsxManifest, only: 'dsn' });
    expect(viaXlsx.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const strip = (res: ImportResult) => [...res.files.entries()].filter(([k]) => !k.endsWith('version.yaml'));
    expect(strip(viaXlsx)).toEqual(strip(viaCsv));
    const v = parse(viaXlsx.files.get('dsn/P99V01/version.yaml')!);
    expect(v.editions).toEqual([{ id: '2099.1.0.1', date: '2099-01-15' }]);
    expect(v.provenance.sources[0].file).toBe('mini.xlsx');
  });
});

describe('erreurs des tables et du manifeste', () => {
  it('compte différent de celui attendu : erreur count-mismatch', async () => {
    const text = readFileSync(MANIFEST, 'utf8').replace('rubriques: 7,', 'rubriques: 8,');
    const res = await importRegistry({ sourceDir: SRC, manifest: parseManifest(text, 'm').manifest!, only: 'dsn', manifestFile: 'm.yaml' });
    expect(res.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([
      "m.yaml: erreur Version `dsn/P99V01` : rubriques = 7, 8 attendu(s) d'après le manifeste [count-mismatch]",
    ]);
  });

  it('fichier source absent : erreur source-unreadable', async () => {
    const text = readFileSync(MANIFEST, 'utf8').replace('path: mini-usages.csv', 'path: absent.csv');
    const res = await importRegistry({ sourceDir: SRC, manifest: parseManifest(text, 'm').manifest!, only: 'dsn' });
    expect(res.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual(['absent.csv: erreur fichier introuvable [source-unreadable]']);
  });

  it('manifeste non conforme : position et message', () => {
    const res = parseManifest('families:\n  - id: dsn\n    name: DSN\n', 'm.yaml');
    expect(res.manifest).toBeUndefined();
    expect(res.diagnostics.map(formatDiagnostic)).toEqual([
      'm.yaml:2:5: erreur Propriété obligatoire `message` manquante dans `families.0` [schema]',
      'm.yaml:2:5: erreur Propriété obligatoire `versionDatatype` manquante dans `families.0` [schema]',
      'm.yaml:2:5: erreur Propriété obligatoire `versions` manquante dans `families.0` [schema]',
    ]);
  });
});

describe('noms de fichiers des types', () => {
  it("un type dont l'identifiant contient une espace : importé sous un nom encodé, relu et validé", async () => {
    const src = mkdtempSync(path.join(tmpdir(), 'norme-import-src-'));
    const root = mkdtempSync(path.join(tmpdir(), 'norme-import-'));
    try {
      cpSync(SRC, src, { recursive: true });
      for (const f of ['mini-csv/Data_Types.csv', 'mini-csv/Fields.csv']) {
        const abs = path.join(src, f);
        writeFileSync(abs, readFileSync(abs, 'utf8').replaceAll('Numeric_4_6', 'Numeric 4 6'));
      }
      const res = await importFromManifestFile(path.join(src, 'manifest.yaml'), 'manifest.yaml', { sourceDir: src });
      expect(res.diagnostics.filter((d) => d.rule === 'datatype-file-name').map(formatDiagnostic)).toEqual([
        'dsn/P99V01/datatypes/Numeric%204%206.yaml: avertissement Type de données `Numeric 4 6` : identifiant inutilisable tel quel comme nom de fichier, écrit dans `Numeric%204%206.yaml` [datatype-file-name]',
      ]);
      for (const [p, c] of res.files) {
        const abs = path.join(root, 'norm', p);
        mkdirSync(path.dirname(abs), { recursive: true });
        writeFileSync(abs, c);
      }
      const loaded = loadRegistry(root);
      // No error (no file-name-mismatch, no unknown datatype): the encoded name is read back as the id.
      expect(loaded.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([]);
      const v = loaded.registry.families.get('dsn')!.versions.get('P99V01')!;
      expect(v.datatypes.get('Numeric 4 6')?.id).toBe('Numeric 4 6');
      expect(v.rubriques.get('S90.G00.90.001')?.rubrique.datatype).toBe('Numeric 4 6');
    } finally {
      rmSync(src, { recursive: true, force: true });
      rmSync(root, { recursive: true, force: true });
    }
  });


  it('identifiant sûr gardé, sinon encodé', () => {
    expect(datatypeFileName('Type_Alphanumeric_1-20')).toBe('Type_Alphanumeric_1-20');
    expect(datatypeFileName('ISO_3166-1-A2_Pays')).toBe('ISO_3166-1-A2_Pays');
    expect(datatypeFileName('a/b c')).toBe('a%2Fb%20c');
    expect(datatypeFileName('.cache')).toBe('%2Ecache');
    expect(datatypeFileName('CON')).toBe('%43ON');
  });
});
