/**
 * HTML escaping, the one definition of the project: the core (fiches, check reports), the site's
 * templates (src/site/render/markup.ts `esc`), the search (index and browser), the sitemap, the
 * auto-contrôle page. Browser-safe.
 */
import { frenchSpacing } from './typography.ts';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const TEXT_AND_DOUBLE_QUOTED = /[&<>"]/g;
const ANY_QUOTED = /[&<>"']/g;

/**
 * Escaped text for HTML (and XML) text and double-quoted attribute values. With
 * `{ apostrophe: true }`, `'` too (`&#39;`), for values that may end up in single-quoted
 * attributes (the site's templates).
 */
export function escapeHtml(s: string, opts?: { apostrophe?: boolean }): string {
  return s.replace(opts?.apostrophe ? ANY_QUOTED : TEXT_AND_DOUBLE_QUOTED, (c) => HTML_ESCAPES[c]);
}

/**
 * Escaped HTML of any value (`undefined` and `null` give ''), `'` included, with the
 * non-breaking spaces of French typography (`frenchSpacing`): the site's templates
 * (src/site/render/markup.ts `esc`).
 */
export function escapeText(s: unknown): string {
  return escapeHtml(frenchSpacing(String(s ?? '')), { apostrophe: true });
}
