import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { diffVersions, loadRegistry, resolveVersionRef } from '../../src/core/index.ts';
import { planNewVersion } from '../../src/core/version-new.ts';
import { FIXTURES } from '../helpers/fixture.ts';
import { run, tempProject, type TempProject } from '../core/review/helpers.ts';

const TODAY = { NORME_TODAY: '2026-11-28' };
const COPIED = ['blocks/S10.G00.00.yaml', 'blocks/S21.G00.40.yaml', 'datatypes/DSN_NatureContrat.yaml', 'datatypes/Date_JJMMAAAA.yaml', 'datatypes/Type_Alphanumeric_1-20.yaml'];

let projects: TempProject[] = [];
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const p of projects) p.cleanup();
  for (const c of cleanups.splice(0)) c();
  projects = [];
});
function project(): TempProject {
  const p = tempProject();
  projects.push(p);
  return p;
}

function versionOf(root: string, key: string) {
  const res = loadRegistry(root);
  const v = resolveVersionRef(res.registry, key);
  if (!v.ok) throw new Error(v.error);
  return { v: v.value, res };
}

describe('norme version new', () => {
  it('crée un brouillon qui se valide et ne diffère pas de sa version précédente', async () => {
    const p = project();
    const r = await run(['version', 'new', 'demo/V2', '--from', 'V1'], p.root, TODAY);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toEqual([
      '✓ Version demo/V2 créée en projet (draft) à partir de demo/V1 : norm/demo/V2/ — 2 bloc(s), 3 type(s) de données, 6 fichier(s).',
      '  - applicabilité : à partir de 2027-01 (mois qui suit la fin de V1), « inférée », sans fin.',
      'Validation de demo/V2 : 0 erreur(s), 0 avertissement(s).',
      'Ensuite : modifiez les fichiers de norm/demo/V2/, puis `npx norme review --base main` pour voir l\'impact.',
      '',
    ]);
    expect(p.read('norm/demo/V2/version.yaml')).toBe(`# yaml-language-server: $schema=../../../../../../../src/core/schemas/version.schema.json
id: V2
family: demo
name: Projet V2 (à partir de V1)
status: draft
previous: V1
editions: []
applicability:
  from: 2027-01
  source: inférée
  note: "projet : mois qui suit la fin d'applicabilité de V1 (2026-12) ; à confirmer par le texte officiel"
usages:
  status: publié
  natures:
    - code: '01'
      label: DSN mensuelle
  source: copiés de V1
provenance:
  sources: []
  note: 'Brouillon créé le 2026-11-28 par \`norme version new\` à partir de demo/V1 (édition 2026.1.0) : blocs et types de données copiés. Aucune source officielle tant que la version est en projet.'
`);
    // Blocks and datatypes: byte-for-byte copies (same depth, so the same $schema lines).
    for (const f of COPIED) expect(p.read(`norm/demo/V2/${f}`)).toBe(p.read(`norm/demo/V1/${f}`));
    expect(readdirSync(path.join(p.root, 'norm/demo'))).toEqual(['V1', 'V2', 'family.yaml']); // no temp folder left
    expect((await run(['validate'], p.root)).code).toBe(0);
    const { v: v1 } = versionOf(p.root, 'demo/V1');
    const { v: v2 } = versionOf(p.root, 'demo/V2');
    expect(v2.meta).toMatchObject({ status: 'draft', previous: 'V1', editions: [] });
    expect(diffVersions(v1, v2).changes).toEqual([]);
    const d = await run(['diff', 'demo/V1', 'demo/V2', '--format', 'json'], p.root);
    expect(d.code).toBe(0);
    expect(JSON.parse(d.out).summary.total).toBe(0);
  });

  it('n\'écrase jamais une version existante', async () => {
    const p = project();
    expect((await run(['version', 'new', 'demo/V2', '--from', 'V1'], p.root, TODAY)).code).toBe(0);
    p.write('norm/demo/V2/blocks/S10.G00.00.yaml', p.read('norm/demo/V2/blocks/S10.G00.00.yaml').replace('Envoi', 'Envoi modifié'));
    const again = await run(['version', 'new', 'demo/V2', '--from', 'V1'], p.root, TODAY);
    expect(again.code).toBe(2);
    expect(again.err).toContain('norme : norm/demo/V2/ existe déjà : la version n\'est pas écrasée.');
    expect(p.read('norm/demo/V2/blocks/S10.G00.00.yaml')).toContain('Envoi modifié');
    // A folder without version.yaml (left by an attempt) is not overwritten either.
    p.write('norm/demo/V3/notes.txt', 'essai');
    expect((await run(['version', 'new', 'demo/V3', '--from', 'V1'], p.root, TODAY)).code).toBe(2);
  });

  it('version précédente sans fin d\'applicabilité : pas d\'applicabilité, une note, validation propre', async () => {
    const p = project();
    await run(['version', 'new', 'demo/V2', '--from', 'V1'], p.root, TODAY);
    const r = await run(['version', 'new', 'demo/V3', '--from', 'demo/V2'], p.root, TODAY);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      "  - applicabilité non renseignée : V2 s'applique sans fin connue (depuis 2027-01) ; une date de début ferait chevaucher les deux versions. Quand le texte officiel fixe les mois, renseignez `applicability` ici et `applicability.to` dans V2.",
    );
    const meta = versionOf(p.root, 'demo/V3').v.meta;
    expect(meta.applicability).toBeUndefined();
    expect(meta.provenance.note).toMatch(/Applicabilité non renseignée : V2 n'a pas de fin d'applicabilité\.$/);
    const v = await run(['validate'], p.root);
    expect(v.code).toBe(0);
    expect(v.out).toContain('0 erreur(s), 0 avertissement(s)');
  });

  it('le mois suivant déjà couvert par une autre version : pas d\'applicabilité (pas de chevauchement)', async () => {
    const p = project();
    await run(['version', 'new', 'demo/V2', '--from', 'V1'], p.root, TODAY); // V2 : 2027-01 → sans fin
    const r = await run(['version', 'new', 'demo/V1bis', '--from', 'V1'], p.root, TODAY);
    expect(r.code).toBe(0);
    expect(r.out).toContain('  - applicabilité non renseignée : à partir de 2027-01 elle chevaucherait celle de V2 ; ajoutez-la quand les mois sont connus.');
    expect(versionOf(p.root, 'demo/V1bis').v.meta.applicability).toBeUndefined();
    expect((await run(['validate'], p.root)).code).toBe(0);
  });

  it('version avec journal : contenu à la dernière édition, journal non copié, seuls les fichiers touchés réécrits', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'norme-version-journal-'));
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    cpSync(path.join(FIXTURES, 'journal/valid'), root, { recursive: true });
    const r = await run(['version', 'new', 'demo/V2', '--from', 'V1'], root, TODAY);
    expect(r.code).toBe(0);
    expect(r.out).toContain('  - contenu de V1 avec ses 3 entrée(s) de journal appliquée(s) ; le dossier journal/ n\'est pas copié.');
    expect(r.out).toContain('  - 2 fichier(s) modifié(s) par le journal réécrit(s) depuis le modèle ; les autres sont copiés tels quels.');
    expect(existsSync(path.join(root, 'norm/demo/V2/journal'))).toBe(false);
    const read = (f: string) => readFileSync(path.join(root, f), 'utf8');
    expect(read('norm/demo/V2/datatypes/Date_JJMMAAAA.yaml')).toBe(read('norm/demo/V1/datatypes/Date_JJMMAAAA.yaml'));
    expect(read('norm/demo/V2/datatypes/DSN_NatureContrat.yaml')).toContain('label: Contrat de travail à durée déterminée (CDD) de droit privé');
    expect(read('norm/demo/V2/datatypes/DSN_NatureContrat.yaml').split('\n')[0]).toBe(read('norm/demo/V1/datatypes/DSN_NatureContrat.yaml').split('\n')[0]);
    const { v: v1 } = versionOf(root, 'demo/V1');
    const { v: v2, res } = versionOf(root, 'demo/V2');
    expect(res.diagnostics).toEqual([]);
    expect(v2.journal).toEqual([]);
    expect(diffVersions(v1, v2).changes).toEqual([]);
  });

  it('les annotations de révision (rationale, renamedFrom) ne sont pas reprises', async () => {
    const p = project();
    p.edit('norm/demo/V1/blocks/S21.G00.40.yaml', '    name: Nature du contrat\n', '    name: Nature du contrat\n    rationale: Précision demandée par l\'instance.\n');
    const r = await run(['version', 'new', 'demo/V2', '--from', 'V1'], p.root, TODAY);
    expect(r.code).toBe(0);
    expect(r.out).toContain('1 fichier(s) sans leurs annotations `rationale` / `renamedFrom`');
    const copied = p.read('norm/demo/V2/blocks/S21.G00.40.yaml');
    expect(copied).not.toContain('rationale');
    expect(copied).toBe(p.read('norm/demo/V1/blocks/S21.G00.40.yaml').replace('    rationale: Précision demandée par l\'instance.\n', ''));
  });

  it('mauvaise utilisation et version précédente en erreur', async () => {
    const p = project();
    const noFrom = await run(['version', 'new', 'demo/V2'], p.root);
    expect(noFrom.code).toBe(2);
    expect(noFrom.err).toContain('indiquez la version à copier avec --from');
    expect((await run(['version', 'new', 'V2', '--from', 'V1'], p.root)).err).toContain('écrivez la nouvelle version avec sa famille');
    expect((await run(['version', 'create', 'demo/V2'], p.root)).code).toBe(2);
    const unknown = await run(['version', 'new', 'demo/V2', '--from', 'V0'], p.root);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('version inconnue « demo/V0 » ; vouliez-vous dire `V1` ?');
    expect((await run(['version', 'new', 'autre/V2', '--from', 'V1'], p.root)).err).toContain('famille inconnue « autre »');
    expect((await run(['version', 'new', 'demo/V 2', '--from', 'V1'], p.root)).err).toContain('identifiant de version invalide');

    p.edit('norm/demo/V1/blocks/S21.G00.40.yaml', 'datatype: DSN_NatureContrat', 'datatype: DSN_NatureContrat2');
    const broken = await run(['version', 'new', 'demo/V2', '--from', 'V1'], p.root);
    expect(broken.code).toBe(1);
    expect(broken.err.split('\n')[0]).toBe(
      'norm/demo/V1/blocks/S21.G00.40.yaml:15:15: erreur Type de données inconnu `DSN_NatureContrat2` ; vouliez-vous dire `DSN_NatureContrat` ? [unknown-datatype]',
    );
    expect(broken.err).toContain('norme : la version demo/V1 contient 1 erreur(s) : corrigez-la avant de la copier.');
    expect(existsSync(path.join(p.root, 'norm/demo/V2'))).toBe(false);
  });

  it('planificateur pur : les fichiers à écrire, sans rien écrire', () => {
    const p = project();
    const plan = planNewVersion(loadRegistry(p.root), { family: 'demo', id: 'V2', from: 'V1', date: '2026-11-28' });
    if (!plan.ok) throw new Error(plan.error);
    expect(Object.keys(plan.value.files)).toEqual([
      'norm/demo/V2/blocks/S10.G00.00.yaml',
      'norm/demo/V2/blocks/S21.G00.40.yaml',
      'norm/demo/V2/datatypes/DSN_NatureContrat.yaml',
      'norm/demo/V2/datatypes/Date_JJMMAAAA.yaml',
      'norm/demo/V2/datatypes/Type_Alphanumeric_1-20.yaml',
      'norm/demo/V2/version.yaml',
    ]);
    expect(plan.value.applicability).toEqual({ from: '2027-01', source: 'inférée', note: "projet : mois qui suit la fin d'applicabilité de V1 (2026-12) ; à confirmer par le texte officiel" });
    expect(existsSync(path.join(p.root, 'norm/demo/V2'))).toBe(false);
  });
});
