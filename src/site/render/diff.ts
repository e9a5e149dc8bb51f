/**
 * A note différentielle as HTML: counts, legend, changes grouped by block. Shared by the
 * published notes (`/{family}/diff/{from}...{to}/`, built by Astro) and by the comparison of
 * any two versions, computed in the browser (`/{family}/diff/comparer/`, src/site/compare/).
 * Presentation only: the changes, their grouping and the severities come from the core.
 */
import type { Change, Severity, SeverityInfo } from '../../core/diff/catalogue.ts';
import type { DiffResult } from '../../core/diff/engine.ts';
import { urls } from '../urls.ts';
import { changeSubject as subjectOf } from '../../core/diff/catalogue.ts';
import { diffText } from '../../core/text/words.ts';
import { frenchSpacing } from '../../core/text/typography.ts';
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

/** The rubrique (or block) a change is about, for linking and histories: the core's `changeSubject`. */
export { subjectOf };

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
  out += `<p class="small muted">Par élément : ${esc(byElement || 'aucun')}.</p>`;
  if (result.notes.length) out += `<div class="notice">${result.notes.map((n) => `<p>${esc(n)}</p>`).join('')}</div>`;
  return out;
}

export interface ForYouOptions {
  from: LinkedVersion;
  to: LinkedVersion;
  /** Names of the declaration natures (`01` → `DSN mensuelle`), when known. */
  natures?: readonly { code: string; label: string }[];
  /** Heading level (default 2). */
  level?: 2 | 3;
  /** Anchor of the full list, for « voir la liste complète ». */
  fullList?: string;
}

const SHOWN = 12;

/**
 * « Ce qui change pour vous »: for declarants, in plain words, before the full list — new
 * rubriques (mandatory ones first, with the natures they are mandatory for), removed
 * rubriques and blocks, new and removed codes, and the count of the other changes; each list
 * by theme (the block).
 */
export function forYouHtml(changes: readonly Change[], o: ForYouOptions): string {
  const h = o.level ?? 2;
  const natureName = (code: string) => o.natures?.find((n) => n.code === code)?.label;
  const rubrique = (v: LinkedVersion, id: string) => v.v.rubriques.get(id);
  const blockName = (id: string) => o.to.v.blocks.get(id)?.name ?? o.from.v.blocks.get(id)?.name;
  const by = (rule: string) => changes.filter((c) => c.rule === rule);
  const added = by('rubrique-added');
  const mandatory = (c: Change) => {
    const u = rubrique(o.to, c.id)?.rubrique.usage ?? {};
    return Object.keys(u).filter((k) => u[k] === 'O');
  };
  const addedMandatory = added.filter((c) => mandatory(c).length);
  const addedOther = added.filter((c) => !mandatory(c).length);
  const removed = by('rubrique-removed');
  const link = (v: LinkedVersion, id: string, name?: string) => `<a href="${esc(urls.element(o.to.family.id, v.id, id))}"><code>${esc(id)}</code></a>${name ? ` ${esc(name)}` : ''}`;
  /** A list by theme (block), at most SHOWN items. */
  const byTheme = (items: { block: string; html: string }[]) => {
    const groups = new Map<string, string[]>();
    for (const it of items) {
      if (!groups.has(it.block)) groups.set(it.block, []);
      groups.get(it.block)!.push(it.html);
    }
    let n = 0;
    let out = '<ul class="for-you-themes">';
    for (const [block, list] of groups) {
      if (n >= SHOWN) break;
      const shown = list.slice(0, SHOWN - n);
      n += shown.length;
      out += `<li><strong>${esc(blockName(block) ?? block)}</strong> <span class="small muted">(bloc <code>${esc(block)}</code>)</span><ul>${shown.map((x) => `<li>${x}</li>`).join('')}</ul></li>`;
    }
    out += '</ul>';
    if (items.length > n) out += `<p class="small">… et ${items.length - n} autre${items.length - n > 1 ? 's' : ''}${o.fullList ? ` : voir <a href="#${esc(o.fullList)}">la liste complète</a>` : ''}.</p>`;
    return out;
  };
  const blockOf = (c: Change) => c.block ?? c.id.split('.').slice(0, 3).join('.');
  const sections: string[] = [];
  const section = (title: string, body: string) => sections.push(`<h${h + 1}>${esc(title)}</h${h + 1}>${body}`);
  if (addedMandatory.length)
    section(
      `Nouvelles rubriques obligatoires (${addedMandatory.length})`,
      byTheme(
        addedMandatory.map((c) => ({
          block: blockOf(c),
          html: `${link(o.to, c.id, rubrique(o.to, c.id)?.rubrique.name)} <span class="small">— à renseigner (quand son bloc est déclaré) pour : ${esc(mandatory(c).map((k) => natureName(k) ?? `nature ${k}`).join(', '))}</span>`,
        })),
      ),
    );
  if (addedOther.length) section(`Autres rubriques nouvelles (${addedOther.length})`, byTheme(addedOther.map((c) => ({ block: blockOf(c), html: link(o.to, c.id, rubrique(o.to, c.id)?.rubrique.name) }))));
  if (removed.length)
    section(
      `Rubriques supprimées (${removed.length}) : à ne plus déclarer`,
      byTheme(removed.map((c) => ({ block: blockOf(c), html: link(o.from, c.id, rubrique(o.from, c.id)?.rubrique.name) }))),
    );
  const blocks = [...by('block-added').map((c) => ({ c, v: o.to, what: 'nouveau' })), ...by('block-removed').map((c) => ({ c, v: o.from, what: 'supprimé' }))];
  if (blocks.length) section(`Blocs nouveaux ou supprimés (${blocks.length})`, `<ul>${blocks.map(({ c, v, what }) => `<li>${link(v, c.id, v.v.blocks.get(c.id)?.name)} : ${what}</li>`).join('')}</ul>`);
  const codes = (rule: string, v: LinkedVersion) => {
    const list = by(rule);
    const perType = new Map<string, string[]>();
    for (const c of list) {
      const [type, code] = c.id.split('#');
      if (!perType.has(type)) perType.set(type, []);
      perType.get(type)!.push(code);
    }
    return { count: list.length, html: `<ul>${[...perType].slice(0, SHOWN).map(([type, cs]) => {
      const t = v.v.datatypes.get(type);
      const label = (code: string) => (t as { values?: { code: string; label?: string }[] } | undefined)?.values?.find((x) => x.code === code)?.label;
      const users = list.find((c) => c.id.startsWith(type + '#'))?.usedBy ?? [];
      const href = t ? urls.datatype(o.to.family.id, v.id, type) : v.v.rubriques.has(type) ? urls.element(o.to.family.id, v.id, type) : undefined;
      return `<li>${href ? `<a href="${esc(href)}"><code>${esc(type)}</code></a>` : `<code>${esc(type)}</code>`}${users.length ? ` <span class="small muted">(rubrique${users.length > 1 ? 's' : ''} ${esc(users.slice(0, 3).join(', '))}${users.length > 3 ? '…' : ''})</span>` : ''} : ${cs
        .slice(0, 8)
        .map((code) => `<code>${esc(code)}</code>${label(code) ? ` ${esc(label(code))}` : ''}`)
        .join(' ; ')}${cs.length > 8 ? ` … et ${cs.length - 8} autres` : ''}</li>`;
    }).join('')}</ul>${perType.size > SHOWN ? `<p class="small">… et ${perType.size - SHOWN} autres listes.</p>` : ''}` };
  };
  const newCodes = codes('code-value-added', o.to);
  if (newCodes.count) section(`Nouveaux codes (${newCodes.count})`, newCodes.html);
  const oldCodes = codes('code-value-removed', o.from);
  if (oldCodes.count) section(`Codes supprimés (${oldCodes.count}) : à ne plus utiliser`, oldCodes.html);
  const counted = new Set(['rubrique-added', 'rubrique-removed', 'block-added', 'block-removed', 'code-value-added', 'code-value-removed']);
  const controls = changes.filter((c) => c.element === 'control').length;
  const usages = changes.filter((c) => c.element === 'usage').length;
  const rest = changes.filter((c) => !counted.has(c.rule) && c.element !== 'control' && c.element !== 'usage').length;
  const others = [controls && `${controls} contrôle${controls > 1 ? 's' : ''} ajouté${controls > 1 ? 's' : ''}, supprimé${controls > 1 ? 's' : ''} ou modifié${controls > 1 ? 's' : ''}`, usages && `${usages} usage${usages > 1 ? 's' : ''} modifié${usages > 1 ? 's' : ''}`, rest && `${rest} autre${rest > 1 ? 's' : ''} changement${rest > 1 ? 's' : ''} (libellés, descriptions, formats…)`].filter(Boolean);
  if (others.length) sections.push(`<p>Et aussi : ${esc(others.join(' ; '))}${o.fullList ? ` — <a href="#${esc(o.fullList)}">la liste complète</a>` : ''}.</p>`);
  if (!changes.length) return '';
  return `<section class="for-you" aria-labelledby="pour-vous"><h${h} id="pour-vous">Ce qui change pour vous</h${h}><p>En bref, pour le déclarant, de ${esc(o.from.id)} à ${esc(o.to.id)} :</p>${
    sections.length ? sections.join('') : '<p>Aucune rubrique, aucun bloc ni aucun code ajouté ou supprimé.</p>'
  }</section>`;
}

/** What each severity means. */
export function severityLegendHtml(s: Severities): string {
  let out = '<details class="legend"><summary>Légende des sévérités</summary><dl class="facts">';
  for (const sev of s.order) out += `<dt>${badgeHtml(sev, s.info[sev].label)}</dt><dd>${esc(s.info[sev].meaning)}</dd>`;
  return out + '</dl></details>';
}

/**
 * A long text of a change: an added or removed text shown once; a changed one word by word
 * (`<del>` / `<ins>`), or before / after when most of it was rewritten.
 */
function longTextHtml(c: Change, fromId: string, toId: string): string {
  const before = typeof c.from === 'string' ? c.from : c.from === undefined || c.from === null ? undefined : String(c.from);
  const after = typeof c.to === 'string' ? c.to : c.to === undefined || c.to === null ? undefined : String(c.to);
  if (before === undefined || after === undefined) {
    const only = after ?? before ?? '';
    return `<details class="long"><summary>${after !== undefined ? `Texte (${esc(toId)})` : `Texte supprimé (${esc(fromId)})`}</summary><p class="rule-text">${esc(only)}</p></details>`;
  }
  // Spaced before the diff (French typography), so that a space and the `:` after it stay in one part.
  const parts = diffText(frenchSpacing(before), frenchSpacing(after));
  const kept = parts.filter((p) => p.op === 'same').reduce((n, p) => n + p.text.length, 0);
  if (kept < 0.5 * Math.max(before.length, after.length)) {
    return (
      '<details class="long"><summary>Avant / après</summary><div class="before-after">' +
      `<div><p class="small muted">Avant (${esc(fromId)})</p><p class="rule-text">${esc(before)}</p></div>` +
      `<div><p class="small muted">Après (${esc(toId)})</p><p class="rule-text">${esc(after)}</p></div>` +
      '</div></details>'
    );
  }
  const words = parts.map((p) => (p.op === 'added' ? `<ins>${esc(p.text)}</ins>` : p.op === 'removed' ? `<del>${esc(p.text)}</del>` : esc(p.text))).join('');
  return `<details class="long"><summary>Ce qui change dans le texte</summary><p class="rule-text word-diff">${words}</p><p class="small muted">Mots retirés <del>barrés</del>, mots ajoutés <ins>soulignés</ins>.</p></details>`;
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
  let out = `<h${h} id="${esc(pre)}liste-complete">Liste complète des changements</h${h}><nav aria-label="Groupes de changements" class="toc"><ul class="plain columns">`;
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
      if (isLong(c.from) || isLong(c.to)) out += longTextHtml(c, from.id, to.id);
      if (c.journal) out += `<p class="small">Entrée du journal : <a href="${esc(urls.journal(o.family, to.id) + '#' + c.journal)}">${esc(c.journal)}</a></p>`;
      if (c.rationale) out += `<p class="small">Motif : ${esc(c.rationale)}</p>`;
      out += '</li>';
    }
    out += '</ul></section>';
  }
  return out;
}
