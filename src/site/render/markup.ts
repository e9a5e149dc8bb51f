/**
 * HTML building blocks with no dependency on the site model: escaping, the `html` template,
 * and change messages linked to the element pages. Shared by the pages built by Astro and by
 * the scripts that render in the browser (the comparison of two versions, src/site/compare/).
 */
import type { ResolvedVersion } from '../../core/model/types.ts';
import { frenchSpacing } from '../../core/text/typography.ts';
import { escapeText as esc } from '../../core/text/html.ts';
import { urls } from '../urls.ts';
import { rubriqueOfControl } from '../../core/model/ids.ts';

/** Escaped HTML of a text, with the non-breaking spaces of French typography: the core's `escapeText`. */
export { esc };

/** Trusted HTML (built by `html` or taken as is with `raw`). */
export class Html {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

export function raw(s: string): Html {
  return new Html(s);
}

function part(v: unknown): string {
  if (v === null || v === undefined || v === false || v === true) return '';
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) {
    let out = '';
    for (const x of v) out += part(x);
    return out;
  }
  return esc(v);
}

/**
 * Tagged template producing escaped HTML (French spacing in its text, see `esc`): interpolated strings and numbers are escaped,
 * `Html` values are inserted as is, arrays are concatenated, null/undefined/booleans vanish.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let lit = LITERALS.get(strings);
  if (!lit) LITERALS.set(strings, (lit = strings.map(frenchSpacing)));
  let out = lit[0];
  for (let i = 0; i < values.length; i++) out += part(values[i]) + lit[i + 1];
  return new Html(out);
}
/** The literal parts of each `html` template with French spacing, computed once per template. */
const LITERALS = new WeakMap<TemplateStringsArray, string[]>();

/** A version whose elements messages can link to (the site's SiteVersion is one). */
export interface LinkedVersion {
  id: string;
  family: { id: string };
  v: Pick<ResolvedVersion, 'rubriques' | 'blocks' | 'datatypes' | 'controls'>;
}

/** Link target for an id named in a message: rubrique, block, datatype or control, newest side first. */
function hrefFor(id: string, from: LinkedVersion, to: LinkedVersion): string | undefined {
  const f = to.family.id;
  for (const sv of [to, from]) {
    if (sv.v.rubriques.has(id) || sv.v.blocks.has(id)) return urls.element(f, sv.id, id);
    if (sv.v.datatypes.has(id)) return urls.datatype(f, sv.id, id);
    if (sv.v.controls.has(id)) return urls.element(f, sv.id, rubriqueOfControl(id)) + '#' + encodeURIComponent(id);
  }
  return undefined;
}

/** A catalogue message: `code` spans become <code>, linked to the element when it exists. */
export function changeMessageHtml(message: string, from: LinkedVersion, to: LinkedVersion): string {
  let out = '';
  const parts = message.split('`');
  for (let i = 0; i < parts.length; i++) {
    if (i % 2 === 0) {
      out += esc(parts[i]);
      continue;
    }
    const href = hrefFor(parts[i], from, to);
    out += href ? `<a href="${esc(href)}"><code>${esc(parts[i])}</code></a>` : `<code>${esc(parts[i])}</code>`;
  }
  return out;
}

export function badgeHtml(severity: string, label: string): string {
  return `<span class="badge ${esc(severity)}">${esc(label)}</span>`;
}

/** A term linked to its definition on the glossary page (src/site/glossary.ts). */
export function glossaryLink(term: string, text: string): Html {
  return new Html(`<a class="term" href="${esc(urls.glossary(term))}">${esc(text)}</a>`);
}

/** The breadcrumb trail of a page (the last item is the current page). */
export function breadcrumbsHtml(items: { href?: string; label: string }[]): string {
  if (!items.length) return '';
  let li = '';
  items.forEach((it, i) => {
    li += it.href && i < items.length - 1 ? `<li><a href="${esc(it.href)}">${esc(it.label)}</a></li>` : `<li><span aria-current="page">${esc(it.label)}</span></li>`;
  });
  return `<nav class="breadcrumbs" aria-label="Fil d'Ariane"><ol>${li}</ol></nav>`;
}

/** The full <title> text of Base.astro. */
function fullTitle(title: string): string {
  return title === 'norme' ? 'norme — registre des normes DSN et PASRAU' : `${title} — norme`;
}

/** `<title>` and the description of Base.astro (escaped here: same bytes from Astro and from the build). */
export function headHtml(title: string, description?: string): string {
  return `<title>${esc(fullTitle(title))}</title>${description ? `<meta name="description" content="${esc(description)}">` : ''}`;
}
