/**
 * Renderings of a review: Markdown (a pull-request comment or a GitHub job summary) and JSON.
 * Pure: returns strings.
 */
import { formatDiagnostic } from '../diagnostics/diagnostic.ts';
import { changeSeverityLabel, SEVERITIES, SEVERITY_BADGE, SEVERITY_INFO, type Change, type Severity } from '../diff/catalogue.ts';
import { countsLine, groupChanges, mdEscape } from '../diff/format.ts';
import type { Review, VersionReview } from './types.ts';
import { statusLabel } from '../text/labels.ts';

export type ReviewFormat = 'md' | 'json';
export const REVIEW_FORMATS: readonly ReviewFormat[] = ['md', 'json'];

const BADGE = SEVERITY_BADGE;
const KIND_FR: Record<VersionReview['kind'], string> = { added: 'nouvelle version', modified: 'modifiée', removed: 'supprimée' };
const JOURNAL_KIND_FR = { added: 'ajoutée', modified: 'modifiée', removed: 'supprimée' } as const;
/** Above this many changes, a version's list is folded in a <details> block. */
const FOLD_AT = 30;
/** At most this many changes are listed per version (a GitHub job summary holds 1 MiB). */
const LIST_AT_MOST = 400;

/** Keep the message's `code` spans, escape the rest. */
function mdMessage(msg: string): string {
  return msg
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 ? part : mdEscape(part)))
    .join('');
}

/** Table cells: no pipes, no line breaks. */
function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

const code = (s: string) => '`' + s.replace(/`/g, "'") + '`';

function changeLine(c: Change): string {
  let line = `- ${BADGE[c.severity]} **${changeSeverityLabel(c.severity)}** — ${mdMessage(c.message)} <sub>${code(c.rule)}</sub>`;
  if (c.journal) line += ` — entrée ${code(c.journal)}`;
  if (c.rationale) line += `\n  - motif : ${mdEscape(c.rationale)}`;
  return line;
}

function versionSection(v: VersionReview, r: Review): string[] {
  const L: string[] = [];
  L.push(`#### ${code(v.key)} — ${mdEscape(v.name)} (${statusLabel(v.status)}) : ${KIND_FR[v.kind]}`, '');
  if (v.comparedWith && v.diff) {
    const what = v.comparedAt === 'base' ? `${code(v.comparedWith)} sur ${code(r.base.label)}` : `sa version précédente ${code(v.comparedWith)}`;
    L.push(`Comparée à ${what} : ${countsLine(v.diff.changes)}.`, '');
  }
  if (v.note) L.push(`> ${mdEscape(v.note)}`, '');
  if (v.meta.length) {
    L.push('Métadonnées (version.yaml) :', '');
    for (const m of v.meta) L.push(`- ${mdEscape(m.message)}`);
    L.push('');
  }
  if (v.diff && v.diff.changes.length) {
    const fold = v.diff.changes.length > FOLD_AT;
    if (fold) L.push('<details>', `<summary>${v.diff.changes.length} changements</summary>`, '');
    const listed = v.diff.changes.slice(0, LIST_AT_MOST);
    for (const g of groupChanges(listed, v.diff.blockNames)) {
      L.push(`**${mdEscape(g.title)}**`, '');
      for (const c of g.changes) L.push(changeLine(c));
      L.push('');
    }
    const rest = v.diff.changes.length - listed.length;
    if (rest > 0) {
      const cmd = v.comparedAt === 'base' ? `npx norme diff --base ${r.base.label} ${v.key} --format md` : `npx norme diff ${v.comparedWith} ${v.key} --format md`;
      L.push(`… et ${rest} autres changements : \`${cmd}\` les donne tous (le JSON du rapport aussi).`, '');
    }
    if (fold) L.push('</details>', '');
  }
  if (v.diff?.notes.length) {
    for (const n of v.diff.notes) L.push(`- *${mdEscape(n)}*`);
    L.push('');
  }
  const nFiles = v.files.added.length + v.files.modified.length + v.files.removed.length;
  if (nFiles && v.kind === 'modified') {
    L.push(`<sub>Fichiers : ${[
      v.files.added.length ? `${v.files.added.length} ajouté(s)` : '',
      v.files.modified.length ? `${v.files.modified.length} modifié(s)` : '',
      v.files.removed.length ? `${v.files.removed.length} supprimé(s)` : '',
    ].filter(Boolean).join(', ')}.</sub>`, '');
  }
  return L;
}

/** The report as Markdown (GitHub flavoured; fits a job summary or a PR comment). */
export function reviewMarkdown(r: Review): string {
  const L: string[] = [];
  const s = r.summary;
  L.push(`## Rapport d'impact : ${mdEscape(r.head.label)} par rapport à ${code(r.base.label)}${r.base.commit ? ` (${code(r.base.commit.slice(0, 12))})` : ''}`, '');
  L.push(`**${mdEscape(r.verdict)}**`, '');
  if (r.failed) {
    L.push('Motifs du code de sortie non nul :', '');
    for (const x of r.reasons) L.push(`- ${mdEscape(x)}`);
    L.push('');
  }
  L.push('| | |', '|---|---|');
  const vlist = (k: VersionReview['kind']) => r.versions.filter((v) => v.kind === k).map((v) => code(v.key)).join(', ');
  L.push(`| Versions | ${[
    s.versions.modified ? `${s.versions.modified} modifiée(s) : ${vlist('modified')}` : '',
    s.versions.added ? `${s.versions.added} nouvelle(s) : ${vlist('added')}` : '',
    s.versions.removed ? `${s.versions.removed} supprimée(s) : ${vlist('removed')}` : '',
    `${s.versions.unchanged} inchangée(s)`,
  ].filter(Boolean).join(' ; ')} |`);
  L.push(`| Changements | ${s.changes.total ? SEVERITIES.filter((k) => s.changes.bySeverity[k]).map((k) => `${BADGE[k]} ${s.changes.bySeverity[k]} ${SEVERITY_INFO[k].label}`).join(' · ') : 'aucun'} |`);
  L.push(`| Journal de maintenance | ${s.journal.added + s.journal.modified + s.journal.removed ? `${s.journal.added} entrée(s) ajoutée(s), ${s.journal.modified} modifiée(s), ${s.journal.removed} supprimée(s)` : 'aucune entrée touchée'} |`);
  L.push(`| Fiches consignes concernées | ${s.fiches} |`);
  L.push(`| Validation | ${s.errors} erreur(s), ${s.warnings} nouvel(s) avertissement(s)${r.preexisting ? ` (${r.preexisting} déjà présent(s) sur ${code(r.base.label)}, non repris)` : ''} |`);
  L.push('');

  // Validation first: it blocks the merge.
  L.push(`### Validation`, '');
  if (!r.diagnostics.length) {
    L.push('Aucune erreur ni nouvel avertissement.', '');
  } else {
    const fresh = r.diagnostics.filter((d) => d.new);
    const old = r.diagnostics.filter((d) => !d.new);
    const block = (ds: typeof r.diagnostics) => {
      L.push('```text');
      for (const d of ds) {
        L.push(formatDiagnostic(d));
        if (d.hint) L.push(`  → ${d.hint}`);
      }
      L.push('```', '');
    };
    if (fresh.length) block(fresh);
    if (old.length) {
      L.push(`Erreurs déjà présentes sur ${code(r.base.label)} :`, '');
      block(old);
    }
  }

  L.push('### Changements de la norme', '');
  if (!r.versions.length) L.push('Aucune version modifiée.', '');
  for (const v of r.versions) L.push(...versionSection(v, r));

  if (r.journal.length) {
    L.push('### Journal de maintenance', '');
    L.push('| Version | Entrée | Nature | Édition | Titre | Effet | État |', '|---|---|---|---|---|---|---|');
    for (const j of r.journal) {
      const effect = j.kind === 'removed' ? '—' : !j.applied ? '⚠️ non appliquée (voir la validation)' : countsLine(j.changes);
      L.push(`| ${code(j.version)} | [${code(j.id)}](${encodeURI(j.file)}) | ${cell(j.entryKind)} | ${code(j.edition)} | ${cell(mdEscape(j.title))} | ${cell(effect)} | ${JOURNAL_KIND_FR[j.kind]} |`);
    }
    L.push('');
  }

  L.push('### Fiches consignes concernées', '');
  if (!r.consignes.length) {
    L.push('Aucune fiche consigne ne cite un élément modifié.', '');
  } else {
    L.push('| Fiche | Titre | Versions visées | Éléments cités touchés |', '|---|---|---|---|');
    for (const f of r.consignes) {
      const cites = f.cites
        .map((c) => `${BADGE[c.change.severity]} ${code(c.cited)}${c.change.id !== c.cited ? ` → ${code(c.change.id)}` : ''} : ${changeSeverityLabel(c.change.severity)}, ${code(c.change.rule)} (${code(c.version)})`)
        .join('<br>');
      const status = f.status === 'en vigueur' ? '' : ` *(${f.status})*`;
      L.push(`| [n° ${f.fiche}](${encodeURI(f.file)})${status} | ${cell(mdEscape(f.title))} | ${f.versions.map(code).join(', ')} | ${cell(cites)} |`);
    }
    L.push('');
  }
  L.push(`<sub>Généré par \`npx norme review --base ${r.base.label}${r.failOn ? ` --fail-on ${r.failOn}` : ''}\`. Gravités : ${SEVERITIES.map((k) => `${BADGE[k]} ${SEVERITY_INFO[k].label}`).join(', ')}.</sub>`, '');
  return L.join('\n');
}

/** The report as JSON (the `Review` object, stable key order). */
export function reviewJson(r: Review): string {
  return JSON.stringify(r, null, 2) + '\n';
}

export function formatReview(r: Review, format: ReviewFormat): string {
  return format === 'json' ? reviewJson(r) : reviewMarkdown(r);
}
