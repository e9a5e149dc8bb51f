/**
 * A note différentielle as HTML: counts, legend, changes grouped by block. Shared by the
 * published notes (`/{family}/diff/{from}...{to}/`, built by Astro) and by the comparison of
 * any two versions, computed in the browser (`/{family}/diff/comparer/`, src/site/compare/).
 * Presentation only: the changes, their grouping and the severities come from the core.
 */
import type { Change, Severity, SeverityInfo } from '../../core/diff/catalogue.ts';
import type { DiffResult } from '../../core/diff/engine.ts';
import { urls } from '../urls.ts';
import { badgeHtml, changeMessageHtml, esc, type LinkedVersion } from './markup.ts';

export interface ChangeGroup {
  /** `bloc-S21.G00.40` or `type-DSN_NatureContrat` */
  anchor: string;
  kind: 'block' | 'datatype';
  id: string;
  title: string;
  changes: Change[];
}

/** The core's groups (`groupChanges`: by block, then datatypes), each with its anchor. */
export function anchoredGroups(groups: readonly { key: string; kind: 'block' | 'datatype'; title: string; changes: Change[] }[]): ChangeGroup[] {
  return groups.map((g) => {
    const id = g.key.slice(g.key.indexOf(':') + 1);
    return { anchor: `${g.kind === 'block' ? 'bloc' : 'type'}-${id}`, kind: g.kind, id, title: g.title, changes: g.changes };
  });
}

/** The rubrique (or block) a change is about, for linking and histories. */
export function subjectOf(c: Pick<Change, 'element' | 'id'>): string {
  switch (c.element) {
    case 'control':
      return c.id.split('/')[0];
    case 'usage':
      return c.id.split('@')[0];
    case 'code-value':
      return c.id.split('#')[0];
    default:
      return c.id;
  }
}

export interface Severities {
  order: readonly Severity[];
  info: Readonly<Record<Severity, SeverityInfo>>;
}

const ELEMENT_LABELS: Record<string, string> = { block: 'blocs', rubrique: 'rubriques', datatype: 'types', 'code-value': 'valeurs de nomenclature', control: 'contrôles', usage: 'usages' };

/** Counts by severity and by element, and the engine's notes (what could not be compared). */
export function diffSummaryHtml(result: Pick<DiffResult, 'summary' | 'notes'>, s: Severities): string {
  let out = '<ul class="counts" aria-label="Changements par sévérité">';
  for (const sev of s.order) out += `<li>${badgeHtml(sev, s.info[sev].label)} <strong>${result.summary.bySeverity[sev]}</strong></li>`;
  out += '</ul>';
  const byElement = Object.entries(result.summary.byElement)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${ELEMENT_LABELS[k] ?? k} ${n}`)
    .join(', ');
  out += `<p class="small muted">Par élément : ${esc(byElement || 'aucun')}.</p>`;
  if (result.notes.length) out += `<div class="notice">${result.notes.map((n) => `<p>${esc(n)}</p>`).join('')}</div>`;
  return out;
}

/** What each severity means. */
export function severityLegendHtml(s: Severities): string {
  let out = '<details class="legend"><summary>Légende des sévérités</summary><dl class="facts">';
  for (const sev of s.order) out += `<dt>${badgeHtml(sev, s.info[sev].label)}</dt><dd>${esc(s.info[sev].meaning)}</dd>`;
  return out + '</dl></details>';
}

const LONG = 120;
const isLong = (x: unknown) => typeof x === 'string' && x.length > LONG;

export interface GroupsOptions {
  family: string;
  from: LinkedVersion;
  to: LinkedVersion;
  severities: Severities;
  /** Heading level of the summary and of each group (default 2). */
  level?: 2 | 3;
  /** Prefix of the anchors (several notes on one page). */
  anchorPrefix?: string;
}

/** Table of contents and changes grouped by block, then datatype; an explained empty state. */
export function diffGroupsHtml(groups: readonly ChangeGroup[], o: GroupsOptions): string {
  const { from, to, severities } = o;
  const h = o.level ?? 2;
  const pre = o.anchorPrefix ?? '';
  if (!groups.length) return `<p class="empty">Aucune différence entre ${esc(from.id)} et ${esc(to.id)}.</p>`;
  const seen = new Set<string>();
  const anchorFor = (id: string) => {
    if (seen.has(id)) return '';
    seen.add(id);
    return ` id="${esc(pre + id)}"`;
  };
  let out = `<h${h}>Sommaire</h${h}><nav aria-label="Groupes de changements" class="toc"><ul class="plain columns">`;
  for (const g of groups) out += `<li><a href="#${esc(pre + g.anchor)}">${esc(g.title)}</a> <span class="muted">(${g.changes.length})</span></li>`;
  out += '</ul></nav>';
  for (const g of groups) {
    const a = esc(pre + g.anchor);
    out += `<section id="${a}" aria-labelledby="${a}-h"><h${h} id="${a}-h">${esc(g.title)}</h${h}><ul class="change-list">`;
    for (const c of g.changes) {
      out += `<li${anchorFor(subjectOf(c))} data-rule="${esc(c.rule)}" data-severity="${esc(c.severity)}">${badgeHtml(c.severity, severities.info[c.severity].label)} ${changeMessageHtml(c.message, from, to)}`;
      if (c.usedBy?.length) {
        const more = c.usedBy.length - 8;
        out += `<span class="small muted"> — utilisé par ${esc(c.usedBy.slice(0, 8).join(', '))}${more > 0 ? ` et ${more} autres` : ''}</span>`;
      }
      if (isLong(c.from) || isLong(c.to)) {
        out +=
          '<details class="long"><summary>Avant / après</summary><div class="before-after">' +
          `<div><p class="small muted">Avant (${esc(from.id)})</p><p class="rule-text">${esc(c.from ?? '—')}</p></div>` +
          `<div><p class="small muted">Après (${esc(to.id)})</p><p class="rule-text">${esc(c.to ?? '—')}</p></div>` +
          '</div></details>';
      }
      if (c.journal) out += `<p class="small">Entrée du journal : <a href="${esc(urls.journal(o.family, to.id) + '#' + c.journal)}">${esc(c.journal)}</a></p>`;
      if (c.rationale) out += `<p class="small">Motif : ${esc(c.rationale)}</p>`;
      out += '</li>';
    }
    out += '</ul></section>';
  }
  return out;
}
