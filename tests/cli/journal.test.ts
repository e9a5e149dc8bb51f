import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatDiagnostic, loadRegistry } from '../../src/core/index.ts';
import { FIXTURES, runNorme } from '../helpers/fixture.ts';

const JOURNAL = path.join(FIXTURES, 'journal/valid');

const run = (args: string[], cwd = JOURNAL) => runNorme(['journal', ...args], cwd);

describe('norme journal <version>', () => {
  it('liste les entrées avec leurs changements, marquées « exemple »', async () => {
    const r = await run(['demo/V1']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n').slice(0, 12)).toEqual([
      'Journal de maintenance de demo/V1 (3 entrées)',
      'Éditions : 2026.1.0 du 2025-09-19 (base) · 2026.1.1 du 2026-02-10 · 2026.1.2 du 2026-06-15',
      'EXEMPLE : version inventée pour illustrer, pas une donnée officielle.',
      '',
      'JMN-2026-001 — 2026-02-10 — anomalie — édition 2026.1.1   [exemple]',
      '  Libellé du code 02 de la nature du contrat',
      '  Exemple inventé. Le libellé du code 02 omettait le sigle usuel ; le message du contrôle CCH-11 ne disait pas ce qui était incohérent.',
      '  2 changements : 1 à examiner, 1 rédactionnel :',
      '    rédactionnel Message du contrôle `S21.G00.40.007/CCH-11` : « Ceci n\'est pas admis. » → « La nature du contrat est incohérente avec la nature de la déclaration. Ceci n\'est pas admis. » [control-message-changed]',
      '    à examiner   Code `02` de `DSN_NatureContrat` : libellé « Contrat de travail à durée déterminée de droit privé » → « Contrat de travail à durée déterminée (CDD) de droit privé » [code-value-relabelled]',
      '',
      'JMN-2026-002 — 2026-06-15 — évolution — édition 2026.1.2   [exemple]',
    ]);
  });

  it('JSON : entrées, fichier, application, changements', async () => {
    const doc = JSON.parse((await run(['demo/V1', '--format', 'json'])).out);
    expect(doc.entries.map((e: { id: string; file: string; applied: boolean; changes: unknown[] }) => [e.id, e.file, e.applied, e.changes.length])).toEqual([
      ['JMN-2026-001', 'norm/demo/V1/journal/JMN-2026-001.yaml', true, 2],
      ['JMN-2026-002', 'norm/demo/V1/journal/JMN-2026-002.yaml', true, 4],
      ['JMN-2026-003', 'norm/demo/V1/journal/JMN-2026-003.yaml', true, 1],
    ]);
  });

  it('journal vide : la version est telle que publiée', async () => {
    const r = await run(['demo/V1'], path.join(FIXTURES, 'diff/_common'));
    expect(r.out).toBe('Aucune entrée au journal de maintenance de demo/V1 : la version est telle que publiée.\nÉditions : 2026.1.0 du 2025-09-19 (base)\n');
  });

  it('mauvaise utilisation : code 2', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['demo/V9'])).code).toBe(2);
    expect((await run(['draft', 'demo/V1'])).code).toBe(2);
    expect((await run(['draft', 'demo/V1@2026.1.0', 'demo/V1', '--date', '1/7/2026'])).code).toBe(2);
  });
});

describe('norme journal draft <de> <à>', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'norme-draft-'));
    cpSync(JOURNAL, root, { recursive: true });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('sur la sortie standard : un document YAML par élément modifié', async () => {
    const r = await run(['draft', 'demo/V1@2026.1.1', 'demo/V1', '--date', '2026-07-01', '--edition', '2026.1.3']);
    expect(r.code).toBe(0);
    const docs = r.out.split('---\n');
    expect(docs.length).toBe(3);
    expect(docs.map((d) => d.match(/^id: (.*)$/m)?.[1])).toEqual(['JMN-A-COMPLETER-001', 'JMN-A-COMPLETER-002', 'JMN-A-COMPLETER-003']);
    expect(r.err).toBe('');
  });

  it('--out : des fichiers qui, déposés dans journal/, redonnent la révision', async () => {
    // Start from the base edition: remove the example entries and editions after 2026.1.0 ...
    const out = path.join(root, 'brouillons');
    const r = await run(['draft', 'demo/V1@2026.1.0', 'demo/V1', '--date', '2026-07-01', '--edition', '2026.1.1', '--prefix', 'JMN-2026-1', '--out', out], root);
    expect(r.out).toBe('4 brouillon(s) d\'entrée écrit(s) dans brouillons/ (demo/V1 → demo/V1).\n');
    const files = readdirSync(out).sort();
    expect(files).toEqual(['JMN-2026-1-001.yaml', 'JMN-2026-1-002.yaml', 'JMN-2026-1-003.yaml', 'JMN-2026-1-004.yaml']);
    // ... then install the drafts as the journal of the base edition and reload.
    const jdir = path.join(root, 'norm/demo/V1/journal');
    for (const f of readdirSync(jdir)) rmSync(path.join(jdir, f));
    for (const f of files) writeFileSync(path.join(jdir, f), readFileSync(path.join(out, f), 'utf8'));
    const vfile = path.join(root, 'norm/demo/V1/version.yaml');
    const text = readFileSync(vfile, 'utf8');
    writeFileSync(vfile, text.slice(0, text.indexOf('  - id: 2026.1.1')) + '  - id: 2026.1.1\n    date: 2026-07-01\n' + text.slice(text.indexOf('applicability:')));
    const res = loadRegistry(root);
    expect(res.diagnostics.map(formatDiagnostic)).toEqual([]);
    const v = res.registry.families.get('demo')!.versions.get('V1')!;
    expect(v.journal.map((j) => `${j.entry.id} ${j.applied}`)).toEqual(['JMN-2026-1-001 true', 'JMN-2026-1-002 true', 'JMN-2026-1-003 true', 'JMN-2026-1-004 true']);
    expect(v.datatypes.get('DSN_NatureContrat')!.values!.map((x) => x.code)).toEqual(['01', '02', '03']);
    expect(v.rubriques.get('S21.G00.40.001')!.rubrique.usage).toEqual({ '01': 'O', '04': 'O' });
  });
});
