import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { cacheDir } from '../../src/cli/commands/diff.ts';
import { FIXTURES, PROJECT_ROOT, runNorme } from '../helpers/fixture.ts';

const JOURNAL = path.join(FIXTURES, 'journal/valid');
const schema = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'src/core/schemas/diff-output.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);

const run = (args: string[], cwd = JOURNAL) => runNorme(['diff', ...args], cwd);

describe('norme diff entre deux éditions (journal d\'exemple)', () => {
  it('texte : groupé par bloc puis par type, gravités, motif tiré du journal', async () => {
    const r = await run(['demo/V1@2026.1.0', 'demo/V1@2026.1.1']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        'Comparaison demo/V1 (édition 2026.1.0 du 19/09/2025) → demo/V1 (édition 2026.1.1 du 10/02/2026)',
        '2 changements : 1 à examiner, 1 rédactionnel',
        '',
        'Bloc S21.G00.40 — Contrat',
        '  rédactionnel Message du contrôle `S21.G00.40.007/CCH-11` : « Ceci n\'est pas admis. » → « La nature du contrat est incohérente avec la nature de la déclaration. Ceci n\'est pas admis. » [control-message-changed]',
        '               motif : Libellé du code 02 de la nature du contrat',
        '',
        'Type de données DSN_NatureContrat',
        '  à examiner   Code `02` de `DSN_NatureContrat` : libellé « Contrat de travail à durée déterminée de droit privé » → « Contrat de travail à durée déterminée (CDD) de droit privé » [code-value-relabelled]',
        '               motif : Libellé du code 02 de la nature du contrat',
        '',
      ].join('\n'),
    );
  });

  it('JSON conforme au schéma publié, avec l\'entrée du journal', async () => {
    const r = await run(['demo/V1@2026.1.0', 'demo/V1', '--format', 'json']);
    const doc = JSON.parse(r.out);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.from).toEqual({ key: 'demo/V1', family: 'demo', version: 'V1', edition: '2026.1.0', editionDate: '2025-09-19' });
    expect(doc.summary.bySeverity).toEqual({ breaking: 1, warning: 3, info: 1, editorial: 2 });
    expect(doc.changes.find((c: { rule: string }) => c.rule === 'usage-tightened')).toEqual({
      rule: 'usage-tightened',
      severity: 'breaking',
      element: 'usage',
      id: 'S21.G00.40.001@04',
      block: 'S21.G00.40',
      from: 'C',
      to: 'O',
      params: { id: 'S21.G00.40.001@04', from: 'C', to: 'O', rubrique: 'S21.G00.40.001', nature: '04', block: 'S21.G00.40', fromLabel: 'C (conditionnelle)', toLabel: 'O (obligatoire)' },
      message: 'Usage de `S21.G00.40.001` pour la nature 04 resserré : C (conditionnelle) → O (obligatoire)',
      rationale: 'Contrats de mission et numéro du contrat',
      journal: 'JMN-2026-002',
    });
  });

  it('CSV pour Excel en français : BOM, « ; », une ligne par changement', async () => {
    const r = await run(['demo/V1@2026.1.0', 'demo/V1@2026.1.1', '--format', 'csv']);
    expect(r.out.split('\r\n')).toEqual([
      '\ufeffGravité;Règle;Élément;Identifiant;Bloc;Libellé du bloc;Message;Avant;Après;Utilisé par;Motif',
      'rédactionnel;control-message-changed;control;S21.G00.40.007/CCH-11;S21.G00.40;Contrat;Message du contrôle `S21.G00.40.007/CCH-11` : « Ceci n\'est pas admis. » → « La nature du contrat est incohérente avec la nature de la déclaration. Ceci n\'est pas admis. »;Ceci n\'est pas admis.;La nature du contrat est incohérente avec la nature de la déclaration. Ceci n\'est pas admis.;;Libellé du code 02 de la nature du contrat',
      'à examiner;code-value-relabelled;code-value;DSN_NatureContrat#02;;;Code `02` de `DSN_NatureContrat` : libellé « Contrat de travail à durée déterminée de droit privé » → « Contrat de travail à durée déterminée (CDD) de droit privé »;Contrat de travail à durée déterminée de droit privé;Contrat de travail à durée déterminée (CDD) de droit privé;S21.G00.40.007;Libellé du code 02 de la nature du contrat',
      '',
    ]);
  });

  it('Markdown : note différentielle, badges, compte par gravité, groupes', async () => {
    const r = await run(['demo/V1@2026.1.0', 'demo/V1', '--format', 'md']);
    const md = r.out;
    expect(md.startsWith('# Note différentielle : demo/V1 → demo/V1\n\n- **De** : demo/V1 (édition 2026.1.0 du 19/09/2025)\n- **À** : demo/V1 (édition 2026.1.2 du 15/06/2026)\n')).toBe(true);
    expect(md).toContain('| 🔴 cassant | 1 |\n| 🟠 à examiner | 3 |\n| 🔵 info | 1 |\n| ⚪ rédactionnel | 2 |\n| **Total** | **7** |');
    expect(md).toContain('## Bloc S21.G00.40 — Contrat\n\n*5 changements : 1 cassant, 1 à examiner, 1 info, 2 rédactionnels*\n');
    expect(md).toContain('## Types de données\n\n### DSN\\_NatureContrat\n');
    expect(md).toContain('- 🔴 **cassant** — Usage de `S21.G00.40.001` pour la nature 04 resserré : C (conditionnelle) → O (obligatoire) <sub>`usage-tightened`</sub>\n  - motif : Contrats de mission et numéro du contrat');
    // Word diff of a description.
    expect(md).toContain('  - Date de début du contrat de travail<ins>, de la convention ou du mandat</ins>.\n');
  });

  it('filtres et --fail-on', async () => {
    const codes = await run(['demo/V1@2026.1.0', 'demo/V1', '--element', 'code-value', '--format', 'json']);
    expect(JSON.parse(codes.out).changes.map((c: { id: string }) => c.id)).toEqual(['DSN_NatureContrat#02', 'DSN_NatureContrat#03']);
    const sev = await run(['demo/V1@2026.1.0', 'demo/V1', '--severity', 'breaking,info', '--format', 'json']);
    expect(JSON.parse(sev.out).changes.map((c: { rule: string }) => c.rule)).toEqual(['usage-tightened', 'rubrique-added']);
    const blk = await run(['demo/V1@2026.1.0', 'demo/V1', '--block', 'S10.G00.00', '--format', 'json']);
    expect(JSON.parse(blk.out).summary.total).toBe(0);
    const fail = await run(['demo/V1@2026.1.0', 'demo/V1', '--fail-on', 'breaking']);
    expect([fail.code, fail.err]).toEqual([1, 'norme : 1 changement(s) de gravité « cassant » ou plus (--fail-on breaking).\n']);
    expect((await run(['demo/V1@2026.1.0', 'demo/V1@2026.1.1', '--fail-on', 'warning', '--element', 'control'])).code).toBe(0);
    const over = await run(['demo/V1@2026.1.0', 'demo/V1', '--severity-override', 'usage-tightened=warning', '--fail-on', 'breaking']);
    expect(over.code).toBe(0);
  });

  it('mauvaise utilisation : code 2 avec un message', async () => {
    expect((await run(['demo/V1'])).code).toBe(2);
    const e = await run(['demo/V1@2026.1.7', 'demo/V1']);
    expect([e.code, e.err.split('\n')[0]]).toEqual([2, 'norme : édition inconnue « 2026.1.7 » pour demo/V1 ; vouliez-vous dire `2026.1.0` ?']);
    expect((await run(['demo/V9', 'demo/V1'])).code).toBe(2);
    expect((await run(['demo/V1', 'demo/V1', '--format', 'xml'])).code).toBe(2);
    expect((await run(['demo/V1', 'demo/V1', '--element', 'bloc'])).code).toBe(2);
    expect((await run(['demo/V1', 'demo/V1', '--severity-override', 'nope=info'])).code).toBe(2);
  });

  it('diff d\'une version avec elle-même : aucun changement', async () => {
    expect((await run(['demo/V1', 'demo/V1'])).out).toBe('Comparaison demo/V1 (édition 2026.1.2 du 15/06/2026) → demo/V1 (édition 2026.1.2 du 15/06/2026)\naucun changement\n');
  });
});

describe('norme diff --base <réf-git> (relecture d\'une demande de fusion)', () => {
  let repo: string;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
  beforeAll(() => {
    repo = mkdtempSync(path.join(tmpdir(), 'norme-git-'));
    cpSync(JOURNAL, repo, { recursive: true });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    const f = path.join(repo, 'norm/demo/V1/datatypes/Type_Alphanumeric_1-20.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace('maxLength: 20', 'maxLength: 15'));
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('une version : la référence contre l\'arbre de travail', async () => {
    const r = await run(['--base', 'HEAD', 'demo/V1', '--fail-on', 'breaking'], repo);
    expect(r.code).toBe(1);
    expect(r.out).toBe(
      [
        'Comparaison HEAD: demo/V1 (édition 2026.1.2 du 15/06/2026) → arbre de travail : demo/V1 (édition 2026.1.2 du 15/06/2026)',
        '1 changement : 1 cassant',
        '',
        'Type de données Type_Alphanumeric_1-20',
        '  cassant      Type `Type_Alphanumeric_1-20` : longueur maximale abaissée de 20 à 15 [length-max-decreased]',
        '',
      ].join('\n'),
    );
  });

  it('sans version : toutes les versions modifiées, JSON = liste de rapports conformes au schéma', async () => {
    const r = await run(['--base', 'HEAD', '--format', 'json'], repo);
    const doc = JSON.parse(r.out);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.map((d: { to: { key: string }; summary: { total: number } }) => `${d.to.key} ${d.summary.total}`)).toEqual(['demo/V1 1']);
  });

  it('référence inconnue : code 2', async () => {
    const r = await run(['--base', 'nulle-part', 'demo/V1'], repo);
    expect([r.code, r.err.split("\n")[0]]).toEqual([2, "norme : référence Git inconnue « nulle-part »"]);
  });
});

describe('instantanés des versions (cache de norme diff)', () => {
  it('même sortie avec et sans instantané ; un fichier modifié invalide l\'instantané', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'norme-cache-'));
    try {
      cpSync(JOURNAL, root, { recursive: true });
      const args = ['demo/V1@2026.1.0', 'demo/V1', '--format', 'json'];
      const cold = await run(args, root);
      const snaps = readdirSync(cacheDir(root)).filter((f) => f.endsWith('.json'));
      expect(snaps.length).toBe(1);
      expect(snaps[0]).toMatch(/^demo__V1__[0-9a-f]{40}\.json$/);
      const warm = await run(args, root);
      expect(warm.out).toBe(cold.out);
      expect((await run([...args, '--no-cache'], root)).out).toBe(cold.out);
      const f = path.join(root, 'norm/demo/V1/journal/JMN-2026-003.yaml');
      writeFileSync(f, readFileSync(f, 'utf8').replace('title: Description de la date de début du contrat', 'title: Description précisée'));
      const after = JSON.parse((await run(args, root)).out);
      expect(after.changes[0].rationale).toBe('Description précisée');
      expect(readdirSync(cacheDir(root)).filter((f) => f.endsWith('.json')).length).toBe(1);
    } finally {
      rmSync(cacheDir(root), { recursive: true, force: true });
      rmSync(root, { recursive: true, force: true });
    }
    expect(existsSync(root)).toBe(false);
  });

  it('les instantanés d\'un registre supprimé sont effacés au premier instantané d\'un autre registre', async () => {
    const gone = mkdtempSync(path.join(tmpdir(), 'norme-cache-'));
    const other = mkdtempSync(path.join(tmpdir(), 'norme-cache-'));
    const args = ['demo/V1@2026.1.0', 'demo/V1', '--format', 'json'];
    try {
      cpSync(JOURNAL, gone, { recursive: true });
      cpSync(JOURNAL, other, { recursive: true });
      await run(args, gone);
      expect(readFileSync(path.join(cacheDir(gone), 'root.txt'), 'utf8')).toBe(path.resolve(gone));
      rmSync(gone, { recursive: true, force: true });
      await run(args, other);
      expect(existsSync(cacheDir(gone))).toBe(false);
      expect(readdirSync(cacheDir(other)).filter((f) => f.endsWith('.json')).length).toBe(1);
    } finally {
      for (const r of [gone, other]) {
        rmSync(cacheDir(r), { recursive: true, force: true });
        rmSync(r, { recursive: true, force: true });
      }
    }
  });
});

describe('norme diff en vrai processus', () => {
  it('npx norme diff … --fail-on breaking : code de sortie 1, sortie standard lisible', () => {
    const r = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin/norme.mjs'), 'diff', 'demo/V1@2026.1.0', 'demo/V1', '--fail-on', 'breaking'], { cwd: JOURNAL, encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n')[1]).toBe('7 changements : 1 cassant, 3 à examiner, 1 info, 2 rédactionnels');
  });
});
