/**
 * French typography of a rendered text: the spaces before `: ; ? !` and inside « » become
 * non-breaking, so that a line never starts with the punctuation or a guillemet never stays
 * alone at the end of a line. Used by the escaper of the site's text (src/core/text/html.ts `escapeText`).
 *
 * - before `:` and inside « » : U+00A0 (espace insécable) ;
 * - before `; ? !` : U+202F (espace fine insécable) ;
 * - « » without their spaces get them (`«texte»` → `« texte »`); a `:` `;` `?` `!` without a
 *   space before it is left alone (`10:30`, `https://`, `a!=b`).
 */
const NBSP = '\u00a0';
const NNBSP = '\u202f';
/** Anything to change: a blank before the punctuation or a guillemet, after «, or a guillemet glued to a word. */
const CHANGEABLE = /[ \t\u00a0\u202f][:;?!»]|«[ \t\u00a0\u202f]|«[^\s]|[^\s]»/;

export function frenchSpacing(s: string): string {
  if (!CHANGEABLE.test(s)) return s;
  return s
    .replace(/[ \t\u00a0\u202f]+:/g, `${NBSP}:`)
    .replace(/[ \t\u00a0\u202f]+([;?!])/g, `${NNBSP}$1`)
    .replace(/«[ \t\u00a0\u202f]*/g, `«${NBSP}`)
    .replace(/[ \t\u00a0\u202f]*»/g, `${NBSP}»`);
}

/** Elements whose text is code, not French: left as they are by frenchSpacingHtml. */
const CODE_ELEMENT = /(<(code|pre|script|style|textarea)\b[^>]*>[\s\S]*?<\/\2\s*>)/i;
/** Attributes that a reader sees (tooltip, placeholder) or hears (screen reader). */
const READ_ATTRIBUTE = /(\s(?:title|alt|aria-label|placeholder)=")([^"]*)(")/g;

/**
 * `frenchSpacing` on the text of an HTML fragment written by a script in the browser (the
 * /autocontrole/ report), where sentences mix fixed wording and escaped values: the text between
 * tags and the attributes a reader sees or hears, not the code (`<code>`, `<pre>`…) nor the tags.
 * Pages built at build time do not need it: their texts are spaced where they are written
 * (templates, `escapeText`).
 */
export function frenchSpacingHtml(html: string): string {
  return html
    .split(CODE_ELEMENT)
    .map((part, i) => {
      // split() with two groups: [text, element, tag name, text, element, tag name, …]
      if (i % 3 === 1) return part;
      if (i % 3 === 2) return '';
      return part
        .split(/(<[^>]*>)/)
        .map((p) => (p.startsWith('<') ? p.replace(READ_ATTRIBUTE, (_, a: string, v: string, b: string) => a + frenchSpacing(v) + b) : frenchSpacing(p)))
        .join('');
    })
    .join('');
}
