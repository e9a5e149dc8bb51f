import { afterEach, describe, expect, it } from 'vitest';
import { buildReview, formatReview, type Review } from '../../../src/core/review/index.ts';
import { RUBRIQUE_007, side, tempProject, type TempProject } from './helpers.ts';

const BLOCK = 'norm/demo/V1/blocks/S21.G00.40.yaml';
const NATURE = 'norm/demo/V1/datatypes/DSN_NatureContrat.yaml';

let projects: TempProject[] = [];
afterEach(() => {
  for (const p of projects) p.cleanup();
  projects = [];
});

/** Review of `mutate(head)` against an untouched copy of the fixture. */
function review(mutate: (head: TempProject) => void, opts: Parameters<typeof buildReview>[2] = {}): Review {
  const base = tempProject();
  const head = tempProject();
  projects.push(base, head);
  mutate(head);
  return buildReview(side(base.root, 'main'), side(head.root, 'copie de travail'), opts);
}

const ruleIds = (r: Review, key: string) => r.versions.find((v) => v.key === key)?.diff?.changes.map((c) => `${c.severity} ${c.rule} ${c.id}`);

describe('buildReview', () => {
  it('aucune modification : rapport vide, verdict vert, pas d\'échec', () => {
    const r = review(() => {}, { failOn: 'info' });
    expect(r.versions).toEqual([]);
    expect(r.summary.versions).toEqual({ added: 0, modified: 0, removed: 0, unchanged: 1 });
    expect(r.failed).toBe(false);
    expect(r.verdict).toBe('✅ Aucun changement de la norme : validation sans erreur ; aucun changement.');
  });

  it('rubrique supprimée d\'une version publiée : cassant, fiches qui la citent, erreurs des fiches, avertissement hors journal', () => {
    const r = review((h) => h.edit(BLOCK, RUBRIQUE_007, ''));
    expect(r.versions.map((v) => [v.key, v.kind, v.comparedWith])).toEqual([['demo/V1', 'modified', 'demo/V1']]);
    expect(ruleIds(r, 'demo/V1')).toEqual([
      'breaking rubrique-removed-mandatory S21.G00.40.007',
      'info control-removed S21.G00.40.007/CCH-11',
    ]);
    // Fiches 101 (text) and 103 (DSN example) cite the rubrique; 102 does not.
    expect(r.consignes.map((c) => [c.fiche, c.severity, c.versions])).toEqual([
      [101, 'breaking', ['V1']],
      [103, 'breaking', ['V1']],
    ]);
    expect(r.consignes[0].cites.map((c) => [c.cited, c.change.rule, c.version, c.sources])).toEqual([
      ['S21.G00.40.007', 'rubrique-removed-mandatory', 'demo/V1', ['texte']],
      ['S21.G00.40.007/CCH-11', 'control-removed', 'demo/V1', ['texte']],
    ]);
    expect(r.consignes[1].cites.map((c) => [c.cited, c.change.id, c.sources])).toEqual([
      ['S21.G00.40.007', 'S21.G00.40.007', ['exemple DSN']],
      ['S21.G00.40.007', 'S21.G00.40.007/CCH-11', ['exemple DSN']],
    ]);
    // The fiches no longer resolve: validation errors, so the review fails without --fail-on.
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`)).toEqual([
      'consignes/101/fiche.mdx:19:23 consigne-unknown-reference',
      'consignes/101/fiche.mdx:21:11 consigne-unknown-reference',
      'consignes/103/fiche.mdx:24:1 consigne-unknown-reference',
    ]);
    expect(r.diagnostics.find((d) => d.rule === 'review-published-edited')).toMatchObject({
      severity: 'warning',
      file: BLOCK,
      message: 'Version publiée `demo/V1` modifiée hors journal : 1 fichier de blocs ou de types changé',
      new: true,
    });
    expect(r.failed).toBe(true);
    expect(r.reasons).toEqual(['3 erreurs de validation']);
    expect(r.verdict).toBe('❌ À corriger : 3 erreurs de validation ; 2 changements : 1 cassant, 1 info ; 2 fiches consignes à revoir.');
  });

  it('--fail-on : seuil par gravité ; le rédactionnel ne bloque jamais', () => {
    const relabel = (h: TempProject) => h.edit(NATURE, 'label: Contrat de travail à durée indéterminée de droit privé', 'label: CDI de droit privé');
    const warning = review(relabel, { failOn: 'warning' });
    expect(ruleIds(warning, 'demo/V1')).toEqual(['warning code-value-relabelled DSN_NatureContrat#01']);
    expect(warning.diagnostics.map((d) => d.rule)).toEqual(['review-published-edited']);
    expect(warning.failed).toBe(true);
    expect(warning.reasons).toEqual(['1 changement de gravité « à examiner » ou plus (--fail-on warning)']);
    expect(warning.verdict).toMatch(/^❌ Bloquant \(--fail-on warning\) : validation sans erreur ; 1 changement : 1 à examiner ; /);
    expect(review(relabel, { failOn: 'breaking' }).failed).toBe(false);
    expect(review(relabel).failed).toBe(false);
    const editorial = review((h) => h.edit(BLOCK, 'name: Date de début du contrat', 'name: Date de début'), { failOn: 'info' });
    expect(ruleIds(editorial, 'demo/V1')).toEqual(['editorial rubrique-name-changed S21.G00.40.001']);
    expect(editorial.failed).toBe(false);
    expect(editorial.verdict).toMatch(/^⚠️ À relire : /); // the published-edited warning
  });

  it('code relibellé : la fiche qui cite ce code, ou la rubrique qui l\'utilise, est concernée', () => {
    const r = review((h) => h.edit(NATURE, 'label: Contrat de travail à durée déterminée de droit privé', 'label: CDD de droit privé'));
    expect(r.consignes.map((c) => c.fiche)).toEqual([101, 103]);
    expect(r.consignes[0].cites.map((c) => [c.cited, c.change.id])).toEqual([['DSN_NatureContrat', 'DSN_NatureContrat#02']]);
    expect(r.consignes[1].cites.map((c) => [c.cited, c.change.id])).toEqual([['S21.G00.40.007', 'DSN_NatureContrat#02']]);
  });

  it('entrée de journal ajoutée à une version publiée : listée avec son effet, attribuée dans le diff, sans avertissement', () => {
    const r = review((h) => {
      h.edit('norm/demo/V1/version.yaml', '    date: 2025-09-19\n', '    date: 2025-09-19\n  - id: 2026.1.1\n    date: 2026-02-10\n');
      h.write(
        'norm/demo/V1/journal/JMN-2026-001.yaml',
        `# yaml-language-server: $schema=../../../../../../../../src/core/schemas/journal-entry.schema.json
id: JMN-2026-001
date: 2026-02-10
kind: anomalie
title: Libellé du code 02
explanation: Le libellé omettait le sigle usuel.
edition: 2026.1.1
operations:
  - op: relabel-code
    datatype: DSN_NatureContrat
    code: "02"
    from: Contrat de travail à durée déterminée de droit privé
    to: Contrat de travail à durée déterminée (CDD) de droit privé
`,
      );
    });
    expect(r.journal.map((j) => [j.version, j.id, j.kind, j.entryKind, j.edition, j.applied, j.changes.map((c) => c.rule)])).toEqual([
      ['demo/V1', 'JMN-2026-001', 'added', 'anomalie', '2026.1.1', true, ['code-value-relabelled']],
    ]);
    const v = r.versions[0];
    expect(v.meta.map((m) => m.message)).toEqual(['édition(s) ajoutée(s) : 2026.1.1 du 2026-02-10']);
    expect(v.diff!.changes.map((c) => [c.rule, c.journal])).toEqual([['code-value-relabelled', 'JMN-2026-001']]);
    expect(r.diagnostics).toEqual([]);
    expect(r.summary.journal).toEqual({ added: 1, modified: 0, removed: 0 });
    expect(r.verdict).toBe('⚠️ À relire : validation sans erreur ; 1 changement : 1 à examiner ; 1 entrée de journal ajoutée ; 2 fiches consignes à revoir.');
  });

  it('YAML cassé : pas de diff trompeur, le diagnostic avec sa ligne', () => {
    const r = review((h) => h.edit(BLOCK, '    technicalName: Contrat.Nature\n', '    technicalName: Contrat.Nature\n   datatype: [\n'));
    const v = r.versions[0];
    expect(v.diff).toBeUndefined();
    expect(v.note).toBe(`Comparaison non calculée : 1 fichier illisible (${BLOCK}) ; corrigez les erreurs de validation ci-dessous.`);
    const first = r.diagnostics[0];
    expect(first.file).toBe(BLOCK);
    expect(first.rule).toMatch(/^yaml-/);
    expect(first.line).toBeGreaterThan(1);
    expect(r.failed).toBe(true);
  });

  it('nouvelle version : comparée à sa version précédente ; version supprimée : avertissement', () => {
    const added = review((h) => {
      for (const f of ['blocks/S10.G00.00.yaml', 'blocks/S21.G00.40.yaml', 'datatypes/DSN_NatureContrat.yaml', 'datatypes/Date_JJMMAAAA.yaml', 'datatypes/Type_Alphanumeric_1-20.yaml']) {
        h.write(`norm/demo/V2/${f}`, h.read(`norm/demo/V1/${f}`));
      }
      h.write('norm/demo/V2/version.yaml', h.read('norm/demo/V1/version.yaml').replace('id: V1', 'id: V2').replace('status: published', 'status: draft').replace('previous: null', 'previous: V1').replace(/editions:[\s\S]*?usages:/, 'editions: []\nusages:'));
      h.edit('norm/demo/V2/blocks/S21.G00.40.yaml', RUBRIQUE_007, '');
    });
    expect(added.versions.map((v) => [v.key, v.kind, v.status, v.comparedWith, v.comparedAt])).toEqual([['demo/V2', 'added', 'draft', 'demo/V1', 'head']]);
    expect(ruleIds(added, 'demo/V2')).toEqual(['breaking rubrique-removed-mandatory S21.G00.40.007', 'info control-removed S21.G00.40.007/CCH-11']);
    // Fiches target V1, the version the draft is compared with.
    expect(added.consignes.map((c) => c.fiche)).toEqual([101, 103]);
    expect(added.failed).toBe(false);

    const removed = review((h) => {
      h.remove('norm/demo/V1');
      h.remove('consignes');
    });
    expect(removed.versions.map((v) => [v.key, v.kind])).toEqual([['demo/V1', 'removed']]);
    expect(removed.diagnostics.map((d) => `${d.severity} ${d.rule} ${d.file}`)).toEqual(['warning review-version-removed norm/demo/V1/version.yaml']);
  });
});

describe('formatReview', () => {
  it('Markdown : verdict, validation avec fichier:ligne:colonne, changements groupés par bloc, fiches', () => {
    const r = review((h) => h.edit(BLOCK, RUBRIQUE_007, ''));
    const md = formatReview(r, 'md');
    const lines = md.split('\n');
    expect(lines[0]).toBe('## Rapport d\'impact : copie de travail par rapport à `main`');
    expect(lines[2]).toBe('**❌ À corriger : 3 erreurs de validation ; 2 changements : 1 cassant, 1 info ; 2 fiches consignes à revoir.**');
    expect(lines).toContain('norm/demo/V1/blocks/S21.G00.40.yaml: avertissement Version publiée `demo/V1` modifiée hors journal : 1 fichier de blocs ou de types changé [review-published-edited]');
    expect(lines).toContain('consignes/101/fiche.mdx:19:23: erreur Rubrique inconnue `S21.G00.40.007` dans `V1` ; vouliez-vous dire `S21.G00.40.001` ? [consigne-unknown-reference]');
    expect(lines).toContain('#### `demo/V1` — Version de démonstration (publiée) : modifiée');
    expect(lines).toContain('**Bloc S21.G00.40 — Contrat**');
    expect(lines).toContain(
      '- 🔴 **cassant** — Rubrique `S21.G00.40.007` supprimée alors qu\'elle était obligatoire pour la nature 01 : « Nature du contrat » <sub>`rubrique-removed-mandatory`</sub>',
    );
    expect(lines).toContain(
      '| [n° 101](consignes/101/fiche.mdx) | Comment déclarer la nature du contrat ? | `V1` | 🔴 `S21.G00.40.007` : cassant, `rubrique-removed-mandatory` (`demo/V1`)<br>🔵 `S21.G00.40.007/CCH-11` : info, `control-removed` (`demo/V1`) |',
    );
    // Errors before warnings.
    expect(md.indexOf('consignes/103/fiche.mdx:24:1: erreur')).toBeLessThan(md.indexOf('S21.G00.40.yaml: avertissement'));
    expect(lines).toContain('| Validation | 3 erreur(s), 1 nouvel(s) avertissement(s) |');
  });

  it('beaucoup de changements : liste repliée et bornée, avec la commande qui donne tout', () => {
    const r = review((h) => {
      const codes = Array.from({ length: 405 }, (_, i) => `  - code: "${String(i + 3).padStart(3, '0')}"\n    label: Code ${i + 3}\n`).join('');
      h.edit(NATURE, 'minLength: 2\nmaxLength: 2\n', 'minLength: 2\nmaxLength: 3\n');
      h.write(NATURE, h.read(NATURE) + codes);
    });
    expect(r.summary.changes.total).toBe(406); // 405 codes and the maximum length
    const lines = formatReview(r, 'md').split('\n');
    expect(lines).toContain('<summary>406 changements</summary>');
    expect(lines.filter((l) => l.startsWith('- 🟠') || l.startsWith('- 🔵') || l.startsWith('- 🔴') || l.startsWith('- ⚪'))).toHaveLength(400);
    expect(lines).toContain('… et 6 autres changements : `npx norme diff --base main demo/V1 --format md` les donne tous (le JSON du rapport aussi).');
    expect(JSON.parse(formatReview(r, 'json')).versions[0].diff.changes).toHaveLength(406);
  });

  it('JSON : le rapport entier, relisible', () => {
    const r = review((h) => h.edit(BLOCK, RUBRIQUE_007, ''), { failOn: 'breaking' });
    const doc = JSON.parse(formatReview(r, 'json'));
    expect(doc).toMatchObject({ base: { label: 'main' }, head: { label: 'copie de travail' }, failOn: 'breaking', failed: true });
    expect(doc.reasons).toEqual(['3 erreurs de validation', '1 changement de gravité « cassant » ou plus (--fail-on breaking)']);
    expect(doc.summary.changes.bySeverity).toEqual({ breaking: 1, warning: 0, info: 1, editorial: 0 });
    expect(doc.versions[0].diff.changes[0]).toMatchObject({ rule: 'rubrique-removed-mandatory', severity: 'breaking', element: 'rubrique', id: 'S21.G00.40.007' });
    expect(doc.consignes.map((c: { fiche: number }) => c.fiche)).toEqual([101, 103]);
  });
});
