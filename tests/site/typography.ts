/**
 * The French-typography faults of a built HTML page (tests/site/typography.test.ts): ordinary
 * spaces before `: ; ? !`, after « or before », in the text a reader sees or hears. Regular
 * expressions, no DOM: ≈ 6,300 pages in a few seconds.
 */
import { decodeHTML } from 'entities';

/** Ordinary blanks: what the browser shows as a breakable space. */
const BLANK = '[ \\t\\r\\n]';
/** Ordinary blanks after a word and before `: ; ? ! »`, or after «. */
const FAULT = new RegExp(`(?<=\\S)${BLANK}+(?=[:;?!»])|(?<=«)${BLANK}`, 'g');
/** Quick test on a raw page: nothing like a fault (or an entity that could hide one) anywhere. */
const MAYBE = new RegExp(`${BLANK}[:;?!»]|«${BLANK}|&(?:#x?[0-9a-f]+|[lr]aquo|colon|semi|quest|excl);`, 'i');
/** Elements whose text is code, not French. */
const CODE = /<(script|style|pre|code|template|textarea)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
/** Inline elements: their text continues the sentence around them. */
const INLINE = new Set(['a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'data', 'del', 'dfn', 'em', 'i', 'ins', 'kbd', 'label', 'mark', 'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr']);
/** Attributes a reader sees (tooltip, placeholder) or hears (screen reader). */
const SPOKEN_ATTR = /\s(?:title|alt|aria-label|placeholder)="([^"]*)"/g;
/** Meta descriptions and titles (search engines, link previews). */
const META = /<meta\s+(?:name|property)="(?:description|og:description|og:title|twitter:description|twitter:title)"\s+content="([^"]*)"/g;

/** The faults of one page: each as a short snippet around the space, blanks shown as `␣`. */
export function typographyFaults(page: string): string[] {
  if (!MAYBE.test(page)) return [];
  const doc = page.replace(/<!--[\s\S]*?-->/g, '');
  const texts: string[] = [];
  for (const re of [SPOKEN_ATTR, META]) for (const m of doc.matchAll(re)) texts.push(decodeHTML(m[1]));
  // A code inside a sentence stays a word (`x`); the markup of an inline element vanishes, any
  // other tag ends the run of text (no sentence goes on across a table cell or a paragraph).
  const body = doc.replace(CODE, (_, tag: string) => (tag.toLowerCase() === 'code' ? 'x' : '\n\u0000\n')).replace(/<\/?([a-zA-Z][\w-]*)\b[^>]*>/g, (_, tag: string) => (INLINE.has(tag.toLowerCase()) ? '' : '\n\u0000\n'));
  for (const run of body.split('\u0000')) texts.push(decodeHTML(run));
  const out: string[] = [];
  for (const t of texts) {
    for (const m of t.matchAll(FAULT)) {
      const at = m.index;
      out.push(t.slice(Math.max(0, at - 30), at + 12).replace(/\s+/g, (s) => (/[ \t\r\n]/.test(s) ? '␣' : s)).trim());
    }
  }
  return out;
}
