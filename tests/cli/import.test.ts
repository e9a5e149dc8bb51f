import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.ts';
import { FIXTURES, PROJECT_ROOT, memoryIo } from '../helpers/fixture.ts';

const SRC = path.join(FIXTURES, 'import');
/** A file of journal/ that is not a journal entry: kept as is. */
const JOURNAL = 'Notes de la version (exemple).\n';

let work: string;
beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), 'norme-cli-import-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

async function run(args: string[]) {
  const m = memoryIo(work);
  const code = await main(['import', '--from', SRC, '--manifest', path.join(SRC, 'manifest.yaml'), ...args], m.io);
  return { code, out: m.out(), err: m.err() };
}

describe('norme import', () => {
  it('écrit le registre, résumé en français, code 0', async () => {
    const r = await run(['--out', 'reg']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      "  dsn/P99V01      édition 2099.1.0.1 : 2 blocs (+3 d'en-tête), 7 rubriques, 7 types (7 valeurs), 5 contrôles ; usages : 6 rubriques × natures 01, 04, 10\n",
    );
    expect(r.out).toMatch(/^24 fichiers écrits dans reg\/ \(4 avertissement\(s\)\)\.$/m);
    expect(r.err).toContain('mini-csv/Messages.csv:8: avertissement contrôle `S21.G00.40.050/CCH-11`');
    const v = readFileSync(path.join(work, 'reg/dsn/P99V01/version.yaml'), 'utf8');
    // `$schema` line relative to wherever the registry is written.
    const schema = v.split('\n')[0].replace('# yaml-language-server: $schema=', '');
    expect(existsSync(path.resolve(work, 'reg/dsn/P99V01', schema))).toBe(true);
    expect(path.resolve(work, 'reg/dsn/P99V01', schema)).toBe(path.join(PROJECT_ROOT, 'src/core/schemas/version.schema.json'));
    // No staging directory left behind.
    expect(readdirSync(work)).toEqual(['reg']);
  });

  it('--check : 0 si à jour, 1 avec la liste des écarts ; ne modifie rien', async () => {
    expect((await run(['--out', 'reg'])).code).toBe(0);
    const ok = await run(['--out', 'reg', '--check']);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^Le registre reg\/ est à jour : 24 fichiers identiques à l'import\.$/m);

    const block = path.join(work, 'reg/dsn/P99V01/blocks/S21.G00.40.yaml');
    writeFileSync(block, readFileSync(block, 'utf8').replace('Règle 12', 'Règle modifiée'));
    rmSync(path.join(work, 'reg/pasrau/209901/datatypes/Taux.yaml'));
    writeFileSync(path.join(work, 'reg/dsn/P99V01/datatypes/Ajout.yaml'), 'id: Ajout\n');
    const bad = await run(['--out', 'reg', '--check']);
    expect(bad.code).toBe(1);
    expect(bad.out.split('\n').slice(-6)).toEqual([
      "Le registre reg/ diffère de l'import (3 fichier(s)) :",
      '  modifié   dsn/P99V01/blocks/S21.G00.40.yaml',
      '  manquant  pasrau/209901/datatypes/Taux.yaml',
      '  en trop   dsn/P99V01/datatypes/Ajout.yaml',
      'Relancez `npx norme import` pour régénérer le registre.',
      '',
    ]);
    expect(readFileSync(block, 'utf8')).toContain('Règle modifiée');
  });

  it('remplace blocks/ et datatypes/ mais garde journal/ et les autres familles', async () => {
    mkdirSync(path.join(work, 'reg/dsn/P99V01/journal'), { recursive: true });
    writeFileSync(path.join(work, 'reg/dsn/P99V01/journal/notes.txt'), JOURNAL);
    mkdirSync(path.join(work, 'reg/dsn/P99V01/blocks'), { recursive: true });
    writeFileSync(path.join(work, 'reg/dsn/P99V01/blocks/S99.G00.99.yaml'), 'périmé\n');
    mkdirSync(path.join(work, 'reg/demo'), { recursive: true });
    writeFileSync(path.join(work, 'reg/demo/family.yaml'), 'id: demo\nname: Démo\nmessage: DEMO\n');
    const r = await run(['--out', 'reg']);
    expect(r.err).not.toContain('erreur');
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(work, 'reg/dsn/P99V01/journal/notes.txt'), 'utf8')).toBe(JOURNAL);
    expect(existsSync(path.join(work, 'reg/demo/family.yaml'))).toBe(true);
    expect(existsSync(path.join(work, 'reg/dsn/P99V01/blocks/S99.G00.99.yaml'))).toBe(false);
    expect(readdirSync(path.join(work, 'reg/dsn/P99V01')).sort()).toEqual(['blocks', 'datatypes', 'journal', 'version.yaml']);
  });

  it('--only : ne touche qu\'à la version demandée', async () => {
    const r = await run(['--out', 'reg', '--only', 'pasrau/209901']);
    expect(r.code).toBe(0);
    expect(readdirSync(path.join(work, 'reg'))).toEqual(['pasrau']);
    expect(r.out).toMatch(/^10 fichiers écrits dans reg\/\.$/m);
  });

  it('erreurs dans les tables : code 1, rien n\'est écrit', async () => {
    const manifest = readFileSync(path.join(SRC, 'manifest.yaml'), 'utf8').replace('rubriques: 7,', 'rubriques: 70,');
    writeFileSync(path.join(work, 'm.yaml'), manifest);
    const m = memoryIo(work);
    const code = await main(['import', '--from', SRC, '--manifest', 'm.yaml', '--out', 'reg'], m.io);
    expect(code).toBe(1);
    expect(m.err()).toContain("m.yaml: erreur Version `dsn/P99V01` : rubriques = 7, 70 attendu(s) d'après le manifeste [count-mismatch]");
    expect(m.err()).toContain("norme import : 1 erreur(s) ; rien n'a été écrit.");
    expect(existsSync(path.join(work, 'reg'))).toBe(false);
  });

  it("registre importé invalide : code 1, diagnostics positionnés (fichier produit et table source), reg/ intact", async () => {
    expect((await run(['--out', 'reg'])).code).toBe(0);
    const snapshot = () =>
      readdirSync(path.join(work, 'reg'), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => [path.relative(work, path.join(e.parentPath, e.name)), readFileSync(path.join(e.parentPath, e.name), 'utf8')])
        .sort(([a], [b]) => (a < b ? -1 : 1));
    const kept = snapshot();
    expect(kept.length).toBe(24);
    // The table names a datatype it does not define.
    const src = path.join(work, 'src');
    cpSync(SRC, src, { recursive: true });
    const fields = path.join(src, 'mini-csv/Fields.csv');
    writeFileSync(fields, readFileSync(fields, 'utf8').replace('S21.G00.40,002,Statut,,DSN_NatureContrat,', 'S21.G00.40,002,Statut,,DSN_NatureContrat2,'));
    const m = memoryIo(work);
    const code = await main(['import', '--from', 'src', '--manifest', 'src/manifest.yaml', '--out', 'reg'], m.io);
    expect(code).toBe(1);
    const err = m.err().split('\n');
    expect(err).toContain('mini-csv/Fields.csv:7: avertissement rubrique `S21.G00.40.002` : type de données inconnu `DSN_NatureContrat2` [unknown-datatype]');
    expect(err.slice(-4)).toEqual([
      'reg/dsn/P99V01/blocks/S21.G00.40.yaml:31:15: erreur Type de données inconnu `DSN_NatureContrat2` ; vouliez-vous dire `DSN_NatureContrat` ? [unknown-datatype]',
      '  aide : définissez-le dans `reg/dsn/P99V01/datatypes/DSN_NatureContrat2.yaml` ou corrigez le nom. Ligne de la table source : mini-csv/Fields.csv:7.',
      "norme import : le registre importé ne passe pas la validation (1 erreur(s)) ; reg/ n'a pas été modifié.",
      '',
    ]);
    expect(m.out()).not.toContain('fichiers écrits');
    expect(snapshot()).toEqual(kept);
    expect(readdirSync(work).sort()).toEqual(['reg', 'src']);
  });

  it("type dont l'identifiant contient une espace : importé, validé, écrit sous un nom encodé", async () => {
    const src = path.join(work, 'src');
    cpSync(SRC, src, { recursive: true });
    for (const f of ['mini-csv/Data_Types.csv', 'mini-csv/Fields.csv']) {
      const abs = path.join(src, f);
      writeFileSync(abs, readFileSync(abs, 'utf8').replaceAll('Numeric_4_6', 'Numeric 4 6'));
    }
    const m = memoryIo(work);
    expect(await main(['import', '--from', 'src', '--manifest', 'src/manifest.yaml', '--out', 'reg'], m.io)).toBe(0);
    expect(m.err()).not.toContain('erreur');
    expect(readFileSync(path.join(work, 'reg/dsn/P99V01/datatypes/Numeric%204%206.yaml'), 'utf8')).toContain('\nid: Numeric 4 6\n');
  });

  it('mauvaise utilisation ou sources inutilisables : code 2', async () => {
    expect((await run(['--inconnue'])).code).toBe(2);
    const only = await run(['--only', 'dsn/P00V00']);
    expect(only.code).toBe(2);
    expect(only.err).toBe('norme import : --only : version inconnue « dsn/P00V00 » (connues : P99V01)\n');
    const m = memoryIo(work);
    expect(await main(['import', '--from', 'absent', '--manifest', path.join(SRC, 'manifest.yaml')], m.io)).toBe(2);
    expect(m.err()).toMatch(/^norme import : dossier des sources introuvable : absent\n/);
    writeFileSync(path.join(work, 'bad.yaml'), 'families: 3\n');
    const b = memoryIo(work);
    expect(await main(['import', '--from', SRC, '--manifest', 'bad.yaml'], b.io)).toBe(2);
    expect(b.err()).toBe("bad.yaml:1:11: erreur `families` doit être une liste (reçu `3`) [schema]\nnorme import : manifeste invalide, rien n'a été importé.\n");
  });

  it('aide en français', async () => {
    const m = memoryIo(work);
    expect(await main(['import', '--help'], m.io)).toBe(0);
    expect(m.out()).toMatch(/^Usage : npx norme import \[options\]/);
    expect(m.out()).toContain('--check');
  });

  it('processus réel : bin/norme.mjs import --check', () => {
    const out = path.join(work, 'reg');
    const args = ['bin/norme.mjs', 'import', '--from', SRC, '--manifest', path.join(SRC, 'manifest.yaml'), '--out', out];
    const node = path.join(PROJECT_ROOT, 'node_modules/.bin/node');
    expect(spawnSync(node, args, { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 600_000 }).status).toBe(0);
    const check = spawnSync(node, [...args, '--check'], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 600_000 });
    expect(check.status).toBe(0);
    expect(check.stdout).toContain('est à jour : 24 fichiers');
  });
});
