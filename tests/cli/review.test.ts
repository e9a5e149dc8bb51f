import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { GIT_ENV, PROJECT, RUBRIQUE_007, run, tempProject, type TempProject } from '../core/review/helpers.ts';

const BLOCK_V1 = 'norm/demo/V1/blocks/S21.G00.40.yaml';
const TODAY = { NORME_TODAY: '2026-11-28' };

let projects: TempProject[] = [];
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const p of projects) p.cleanup();
  for (const c of cleanups.splice(0)) c();
  projects = [];
});
function repo(): TempProject {
  const p = tempProject({ git: true });
  projects.push(p);
  return p;
}

describe('norme review --base (dépôt Git temporaire)', () => {
  it('rubrique supprimée dans un brouillon : listée comme cassante, avec les fiches qui la citent', async () => {
    const p = repo();
    // The branch: a new draft V2 (committed), then the rubrique removed (not yet committed).
    p.git('checkout', '-q', '-b', 'proposition');
    expect((await run(['version', 'new', 'demo/V2', '--from', 'V1'], p.root, TODAY)).code).toBe(0);
    p.git('add', 'norm/demo/V2');
    p.git('commit', '-q', '-m', 'Brouillon V2');
    p.edit('norm/demo/V2/blocks/S21.G00.40.yaml', RUBRIQUE_007, '');

    const r = await run(['review', '--base', 'main'], p.root);
    expect(r.code).toBe(0); // valid; breaking changes do not fail without --fail-on
    const lines = r.out.split('\n');
    expect(lines[2]).toBe('**⚠️ À relire : validation sans erreur ; 2 changements : 1 cassant, 1 info ; 1 nouvelle version (demo/V2) ; 2 fiches consignes à revoir.**');
    expect(lines).toContain('#### `demo/V2` — Projet V2 (à partir de V1) (en projet) : nouvelle version');
    expect(lines).toContain('Comparée à sa version précédente `demo/V1` : 2 changements : 1 cassant, 1 info.');
    expect(lines).toContain(
      '- 🔴 **cassant** — Rubrique `S21.G00.40.007` supprimée alors qu\'elle était obligatoire pour la nature 01 : « Nature du contrat » <sub>`rubrique-removed-mandatory`</sub>',
    );
    expect(lines.filter((l) => l.startsWith('| [n° '))).toEqual([
      '| [n° 101](consignes/101/fiche.mdx) | Comment déclarer la nature du contrat ? | `V1` | 🔴 `S21.G00.40.007` : cassant, `rubrique-removed-mandatory` (`demo/V2`)<br>🔵 `S21.G00.40.007/CCH-11` : info, `control-removed` (`demo/V2`) |',
      '| [n° 103](consignes/103/fiche.mdx) | Quelle date de début déclarer pour un contrat ? | `V1` | 🔴 `S21.G00.40.007` : cassant, `rubrique-removed-mandatory` (`demo/V2`)<br>🔵 `S21.G00.40.007` → `S21.G00.40.007/CCH-11` : info, `control-removed` (`demo/V2`) |',
    ]);
    expect(r.err).toBe(lines[2].slice(2, -2) + '\n'); // the verdict, for CI logs

    const strict = await run(['review', '--base', 'main', '--fail-on', 'breaking', '--format', 'json'], p.root);
    expect(strict.code).toBe(1);
    const doc = JSON.parse(strict.out);
    expect(doc.base.commit).toBe(p.git('rev-parse', 'main'));
    expect(doc.reasons).toEqual(['1 changement de gravité « cassant » ou plus (--fail-on breaking)']);
    expect(doc.versions[0].diff.changes.map((c: { severity: string; rule: string; id: string }) => `${c.severity} ${c.rule} ${c.id}`)).toEqual([
      'breaking rubrique-removed-mandatory S21.G00.40.007',
      'info control-removed S21.G00.40.007/CCH-11',
    ]);
    expect(doc.consignes.map((c: { fiche: number; versions: string[] }) => [c.fiche, c.versions])).toEqual([[101, ['V1']], [103, ['V1']]]);
  });

  it('rubrique supprimée d\'une version publiée : cassant, fiches nommées, leurs erreurs, code 1', async () => {
    const p = repo();
    p.edit(BLOCK_V1, RUBRIQUE_007, '');
    const r = await run(['review', '--base', 'main'], p.root);
    expect(r.code).toBe(1);
    expect(r.out).toContain('- 🔴 **cassant** — Rubrique `S21.G00.40.007` supprimée');
    expect(r.out).toContain('| [n° 101](consignes/101/fiche.mdx) | Comment déclarer la nature du contrat ? | `V1` |');
    expect(r.out).toContain('| [n° 103](consignes/103/fiche.mdx) | Quelle date de début déclarer pour un contrat ? | `V1` |');
    expect(r.out).not.toContain('n° 102');
    expect(r.out).toContain('consignes/103/fiche.mdx:24:1: erreur Rubrique inconnue `S21.G00.40.007` dans `V1` ; vouliez-vous dire `S21.G00.40.001` ? [consigne-unknown-reference]');
    expect(r.out).toContain('[review-published-edited]');
  });

  it('YAML cassé : le diagnostic avec fichier:ligne:colonne, code non nul', async () => {
    const p = repo();
    p.edit(BLOCK_V1, '    technicalName: Contrat.Nature\n', '    technicalName: Contrat.Nature\n     datatype: [\n');
    const r = await run(['review', '--base', 'main'], p.root);
    expect(r.code).toBe(1);
    const block = r.out.slice(r.out.indexOf('```text\n') + 8, r.out.indexOf('\n```', r.out.indexOf('```text')));
    expect(block.split('\n').slice(0, 2)).toEqual([
      "norm/demo/V1/blocks/S21.G00.40.yaml:14:20: erreur Indentation incorrecte : cette ligne n'est alignée sur aucune clé de l'objet [yaml-indentation]",
      '  → alignez cette ligne sur les autres clés du même niveau (espaces, jamais de tabulations).',
    ]);
    expect(r.out).toContain('> Comparaison non calculée : 1 fichier illisible (norm/demo/V1/blocks/S21.G00.40.yaml) ; corrigez les erreurs de validation ci-dessous.');
    expect(r.out.split('\n')[2]).toMatch(/^\*\*❌ À corriger : \d+ erreurs? de validation ; aucun changement\.\*\*$/);
    // Committed on the branch or not, the working tree is what is reviewed.
    p.git('commit', '-q', '-am', 'YAML cassé');
    expect((await run(['review', '--base', 'main'], p.root)).code).toBe(1);
    expect((await run(['review', '--base', 'HEAD'], p.root)).out).toContain('Erreurs déjà présentes sur `HEAD`');
  });

  it('nouveau brouillon : se valide, et se compare proprement à sa version précédente', async () => {
    const p = repo();
    expect((await run(['version', 'new', 'demo/V2', '--from', 'V1'], p.root, TODAY)).code).toBe(0);
    const v = await run(['validate'], p.root);
    expect(v.code).toBe(0);
    expect(v.out).toContain('2 version(s), 3 fiche(s) : 0 erreur(s), 0 avertissement(s).');
    const r = await run(['review', '--base', 'main', '--fail-on', 'info'], p.root);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[2]).toBe('**✅ Prêt : validation sans erreur ; aucun changement ; 1 nouvelle version (demo/V2).**');
    expect(lines).toContain('Comparée à sa version précédente `demo/V1` : aucun changement.');
    expect(lines).toContain('Aucune fiche consigne ne cite un élément modifié.');
    expect(lines).toContain('Aucune erreur ni nouvel avertissement.');
  });

  it('entrée de journal ajoutée : listée dans le rapport', async () => {
    const p = repo();
    p.edit('norm/demo/V1/version.yaml', '    date: 2025-09-19\n', '    date: 2025-09-19\n  - id: 2026.1.1\n    date: 2026-02-10\n');
    p.write(
      'norm/demo/V1/journal/JMN-2026-001.yaml',
      `# yaml-language-server: $schema=../../../../../../../../src/core/schemas/journal-entry.schema.json
id: JMN-2026-001
date: 2026-02-10
kind: précision
title: Message du contrôle CCH-11
explanation: Le message ne disait pas ce qui était incohérent.
edition: 2026.1.1
operations:
  - op: set
    element: control
    id: S21.G00.40.007/CCH-11
    field: message
    from: Ceci n'est pas admis.
    to: La nature du contrat est incohérente. Ceci n'est pas admis.
`,
    );
    const r = await run(['review', '--base', 'main'], p.root);
    expect(r.code).toBe(0);
    expect(r.out).toContain('| `demo/V1` | [`JMN-2026-001`](norm/demo/V1/journal/JMN-2026-001.yaml) | précision | `2026.1.1` | Message du contrôle CCH-11 | 1 changement : 1 rédactionnel | ajoutée |');
    expect(r.out).toContain('- édition(s) ajoutée(s) : 2026.1.1 du 2026-02-10');
  });

  it('registre dans un sous-dossier du dépôt, fiches absentes à la référence', async () => {
    const top = mkdtempSync(path.join(tmpdir(), 'norme-review-sub-'));
    cleanups.push(() => rmSync(top, { recursive: true, force: true }));
    const sub = path.join(top, 'registre');
    cpSync(path.join(PROJECT, 'norm'), path.join(sub, 'norm'), { recursive: true });
    const git = (...a: string[]) => execFileSync('git', a, { cwd: top, env: { ...process.env, ...GIT_ENV }, stdio: 'pipe' });
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'norm seul');
    cpSync(path.join(PROJECT, 'consignes'), path.join(sub, 'consignes'), { recursive: true });
    const r = await run(['review', '--base', 'main'], path.join(sub, 'norm/demo'));
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[2]).toBe('**✅ Aucun changement de la norme : validation sans erreur ; aucun changement.**');
  });

  it('mauvaise utilisation : code 2 et message', async () => {
    const p = repo();
    const noBase = await run(['review'], p.root);
    expect(noBase.code).toBe(2);
    expect(noBase.err).toContain('indiquez la référence de comparaison avec --base');
    const unknown = await run(['review', '--base', 'origin/main'], p.root);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toBe(
      'norme : référence Git inconnue « origin/main ».\n  → vérifiez le nom de la branche (git branch -a) ; dans une CI, récupérez l\'historique (actions/checkout avec fetch-depth: 0) ou `git fetch origin main`.\n',
    );
    expect((await run(['review', '--base', 'main', '--format', 'html'], p.root)).code).toBe(2);
    expect((await run(['review', '--base', 'main', '--fail-on', 'editorial'], p.root)).code).toBe(2);
    const plain = tempProject();
    projects.push(plain);
    const notGit = await run(['review', '--base', 'main'], plain.root);
    expect(notGit.code).toBe(2);
    expect(notGit.err).toContain('n\'est pas dans un dépôt Git');
  });
});
