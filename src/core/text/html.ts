/**
 * HTML escaping for text and double-quoted attribute values: the one definition of the core
 * (fiches, check reports) and of the auto-contrôle page. Browser-safe. The site's templates use
 * src/site/render/markup.ts `esc`, which also escapes `'`.
 */
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => HTML_ESCAPES[c]);
}
