import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT, runNorme } from '../helpers/fixture.ts';

const run = (args: string[]) => runNorme(args, PROJECT_ROOT);

describe('le registre réel, de bout en bout', () => {
  it('npx norme validate : 0 erreur (processus réel)', () => {
    const out = execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'bin/norme.mjs'), 'validate'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    expect(out).toMatch(/: 0 erreur\(s\), \d+ avertissement\(s\)\.\n$/);
  });

  it('show dsn/P26V01 S21.G00.40.007 --format json : « Nature du contrat », DSN_NatureContrat et sa liste de codes', async () => {
    const r = await run(['show', 'dsn/P26V01', 'S21.G00.40.007', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.name).toBe('Nature du contrat');
    expect(doc.datatype).toBe('DSN_NatureContrat');
    expect(doc.technicalName).toBe('Contrat.Nature');
    const codes = doc.datatypeDefinition.values.map((v: { code: string }) => v.code);
    expect(codes).toEqual(expect.arrayContaining(['01', '02', '03', '07', '08', '09', '10', '20', '21', '29', '32', '50', '60', '70', '80', '81', '82', '89', '90', '91', '92', '93']));
    expect(doc.datatypeDefinition.values.find((v: { code: string }) => v.code === '01').label).toMatch(/durée indéterminée/);
    expect(doc.controls.map((c: { id: string }) => c.id)).toContain('S21.G00.40.007/CCH-11');
  });

  it('list --format json : les comptes officiels', async () => {
    const { families: fams } = JSON.parse((await run(['list', '--format', 'json'])).out);
    const dsn = fams.find((f: { id: string }) => f.id === 'dsn');
    const counts = Object.fromEntries(dsn.versions.map((v: { id: string; counts: unknown }) => [v.id, v.counts]));
    // Les blocs comptent les 3 blocs d'en-tête (S10.G00.00, S20.G00.05, S90.G00.90).
    // P19V01 : tables officielles 2019.1.2 (dsn_cahier_technique_p3_2019.1.2.xlsx) : 50 lignes Blocks,
    // 461 Fields, 366 Data Types, 481 Messages.
    expect(counts.P19V01).toEqual({ blocks: 53, rubriques: 461, datatypes: 366, controls: 481 });
    expect(counts.P24V01).toEqual({ blocks: 62, rubriques: 576, datatypes: 305, controls: 643 });
    expect(counts.P25V01).toEqual({ blocks: 62, rubriques: 570, datatypes: 306, controls: 638 });
    expect(counts.P26V01).toEqual({ blocks: 62, rubriques: 573, datatypes: 307, controls: 653 });
    expect(counts.P27V01).toEqual({ blocks: 64, rubriques: 591, datatypes: 319, controls: 671 });
  });

  it('diff dsn/P24V01 dsn/P25V01 --format json : pas de changement du nom technique de S21.G00.52.007', async () => {
    // Feuille Fields, ligne S21.G00.52/007, colonne Comment : `Prime.ContratNumero.DateVersementOrigine` dans
    // dsn-datatypes-CT2024.xlsx tel que publié comme dans dsn-datatypes-CT2025.xlsx.
    const r = await run(['diff', 'dsn/P24V01', 'dsn/P25V01', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { changes: { rule: string; id: string }[] };
    expect(doc.changes.length).toBeGreaterThan(0);
    expect(doc.changes.filter((c) => c.id === 'S21.G00.52.007')).toEqual([]);
    // Aucune rubrique commune aux deux feuilles Fields n'y change de colonne Comment.
    expect(doc.changes.filter((c) => c.rule === 'rubrique-technical-name-changed')).toEqual([]);
  });

  it('export CSV de P26V01 : une ligne par rubrique', async () => {
    const r = await run(['export', 'P26V01', '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.out.split('\r\n').filter(Boolean)).toHaveLength(1 + 573);
  });
});
