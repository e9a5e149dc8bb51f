/**
 * HTML fragments built as strings, for the parts repeated on thousands of pages (change
 * messages, element histories, code lists). They are cached and injected with `set:html`,
 * which keeps the build fast; everything interpolated goes through `esc`.
 * Presentation only: the data comes from the core (diff records, presence, datatypes).
 */
import type { Datatype } from '../core/index.ts';
import type { SiteFamily, SiteVersion } from './data.ts';
import { elementHistoryView } from './history.ts';
import { urls } from './urls.ts';
import { ELEMENT_ID_SOURCE } from '../core/model/ids.ts';
import { Html, badgeHtml, breadcrumbsHtml, changeMessageHtml, esc, html, raw } from './render/markup.ts';
import { frenchSpacing } from '../core/text/typography.ts';

// The building blocks that do not need the site model, for the pages that import them from here;
// `frenchSpacing` (core) for a text of the registry shown by `{…}` in a page (Astro escapes it).
export { Html, badgeHtml, breadcrumbsHtml, changeMessageHtml, esc, frenchSpacing, html, raw };

const EXAMPLE_BADGE = '<span class="badge example" title="Donnée illustrative, pas une donnée officielle">Exemple</span>';

/** Changes listed per version in a history; the rest is one click away in the note différentielle. */
const MAX_CHANGES = 12;
const historyCache = new Map<string, string>();

/** The heading of an element's history (its anchor `#historique`). */
export const historyHeading = (level: 2 | 3 = 2) => `<h${level} id="historique">Historique</h${level}>`;

/**
 * History of a block or rubrique across the versions of its family (introduced in, changed
 * in which version and how, amended by which journal entry, removed in), as HTML.
 */
export async function historyHtml(family: SiteFamily, kind: 'block' | 'rubrique', id: string, level: 2 | 3 = 2): Promise<string> {
  const key = `${family.id}\u0000${kind}\u0000${id}\u0000${level}`;
  const hit = historyCache.get(key);
  if (hit !== undefined) return hit;
  const hist = await elementHistoryView(family, kind, id);
  const f = family.id;
  const link = (v: string) => esc(urls.element(f, v, id));
  let html = historyHeading(level);
  if (!hist) {
    html += '<p class="muted">Historique indisponible.</p>';
  } else {
    html += '<ol class="history">';
    for (const s of hist.steps) {
      html += `<li><strong>${esc(s.version)}</strong> `;
      const diffHref = s.from ? esc(urls.diff(f, s.from, s.version) + '#' + encodeURIComponent(s.anchor ?? id)) : '';
      switch (s.kind) {
        case 'introduced':
          html += s.first
            ? `— présente dans la première version du registre (<a href="${link(s.version)}">définition en ${esc(s.version)}</a>)`
            : `— introduite (<a href="${link(s.version)}">définition en ${esc(s.version)}</a>${s.from ? `, <a href="${diffHref}">note différentielle</a>` : ''})`;
          break;
        case 'renamed':
          html += `— renumérotée (<a href="${diffHref}">note différentielle</a>)`;
          break;
        case 'changed':
          html += `— modifiée depuis ${esc(s.from)} (<a href="${link(s.version)}">définition en ${esc(s.version)}</a>, <a href="${diffHref}">note différentielle</a>)`;
          break;
        case 'unchanged':
          html += '<span class="muted">— inchangée</span>';
          break;
        case 'removed':
          html += `— <span class="badge removed">supprimée</span>${s.from ? ` (dernière définition en <a href="${link(s.from)}">${esc(s.from)}</a>)` : ''}`;
          break;
        case 'reintroduced':
          html += `— réintroduite (<a href="${link(s.version)}">définition en ${esc(s.version)}</a>${s.from ? `, <a href="${diffHref}">note différentielle</a>` : ''})`;
          break;
        case 'amended':
          html += `— amendée par l'entrée du journal <a href="${esc(urls.journal(f, s.version) + '#' + s.entry!.id)}">${esc(s.entry!.id)}</a> (édition ${esc(s.entry!.edition)})${s.entry!.example ? ' ' + EXAMPLE_BADGE : ''}`;
          break;
      }
      if (s.changes.length) {
        const from = family.byId.get(s.from ?? s.version)!;
        const to = family.byId.get(s.version)!;
        html += '<ul class="change-list">';
        for (const c of s.changes.slice(0, MAX_CHANGES)) html += `<li>${badgeHtml(c.severity, c.severityLabel)} ${changeMessageHtml(c.text, from, to)}</li>`;
        const more = s.changes.length - MAX_CHANGES;
        if (more > 0 && s.from) {
          html += `<li class="muted">… et ${more} autre${more > 1 ? 's' : ''} changement${more > 1 ? 's' : ''} : voir la <a href="${diffHref}">note différentielle ${esc(s.from)} → ${esc(s.version)}</a>.</li>`;
        }
        html += '</ul>';
      }
      html += '</li>';
    }
    html += '</ol>';
  }
  historyCache.set(key, html);
  return html;
}

const valuesCache = new WeakMap<Datatype, Map<string, string>>();

/** The code list of a datatype as a table (optionally collapsed behind <details>), cached per datatype. */
export function valuesTableHtml(t: Datatype, level: 2 | 3 | 4, collapseOver?: number): string {
  const values = t.values ?? [];
  if (!values.length) return '';
  const key = `${level}:${collapseOver ?? ''}`;
  let per = valuesCache.get(t);
  if (!per) valuesCache.set(t, (per = new Map()));
  const hit = per.get(key);
  if (hit !== undefined) return hit;
  let rows = '';
  for (const x of values) rows += `<tr><td><code>${esc(x.code)}</code></td><td>${esc(x.label)}</td></tr>`;
  const table = `<div class="table-wrap" tabindex="0" role="region" aria-label="Valeurs de ${esc(t.id)}"><table class="values"><caption class="visually-hidden">Valeurs de ${esc(t.id)}</caption><thead><tr><th scope="col">Code</th><th scope="col">Libellé</th></tr></thead><tbody>${rows}</tbody></table></div>`;
  const heading = `<h${level} id="valeurs">Valeurs (${values.length})</h${level}>`;
  const html = collapseOver !== undefined && values.length > collapseOver
    ? `${heading}<details class="long"><summary>Afficher les ${values.length} valeurs</summary>${table}</details>`
    : heading + table;
  per.set(key, html);
  return html;
}

const ID_IN_TEXT = new RegExp(`\\b${ELEMENT_ID_SOURCE}\\b`, 'g');

/** Plain text with the block and rubrique ids it names linked to their pages in `sv`. */
export function linkifyIds(text: string | undefined, sv: SiteVersion, self?: string): string {
  if (!text) return '';
  const f = sv.family.id;
  return esc(text).replace(ID_IN_TEXT, (id) =>
    id !== self && (sv.v.rubriques.has(id) || sv.v.blocks.has(id)) ? `<a href="${esc(urls.element(f, sv.id, id))}">${id}</a>` : id,
  );
}

