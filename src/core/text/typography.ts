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
