/**
 * Identifiers of the norm as the search sees them. Shared by the indexer (Node, build time)
 * and the search scripts (browser): the same normalisation on both sides, so that the
 * header box and the /recherche/ page behave the same.
 *
 * Pagefind indexes `S21.G00.40.007` as one compound word (`s21g0040007`) plus its parts
 * (`s21`, `g00`, `40`, `007`), and a query is split the same way. What it cannot guess is
 * the short form `40.007` (block number + rubrique number) that people use in speech and
 * in forums, nor a control id written after its rubrique (`S21.G00.40.007/CCH-11`, one
 * word for Pagefind). The indexer adds those forms to each page (`idVariants`) and the
 * search scripts rewrite queries (`normalizeQuery`).
 *
 * The id grammar itself is the core's (src/core/model/ids.ts); here are the forms people type
 * (any case, spaces, no dots, no dash).
 */
import { ID_PART, RUBRIQUE_SOURCE } from '../../core/model/ids.ts';

const { structure: S, group: G, block: B, rubrique: R, family: FAMILY } = ID_PART;

/** `S21.G00.40.007` (rubrique, any case), with captures: structure, group, block number, rubrique number. */
export const RUBRIQUE_ID = new RegExp(`^(${S})\\.(${G})\\.(${B})\\.(${R})$`, 'i');
/** `S21.G00.40` (block). */
export const BLOCK_ID = new RegExp(`^(${S})\\.(${G})\\.(${B})$`, 'i');
/** `S21.G00.40.007/CCH-11` (control of a rubrique), dash optional. */
export const CONTROL_ID = new RegExp(`^(${RUBRIQUE_SOURCE})\\/([A-Z]{3})-?(\\d+)$`, 'i');
const CONTROL_GLUED = new RegExp(`\\b(${RUBRIQUE_SOURCE})\\s*\\/\\s*([A-Z]{3})`, 'gi');
const ID_LOOSE = new RegExp(`\\b(${S})[ ._-]?(${G})[ ._-]?(${B})(?:[ ._-]?(${R}))?\\b`, 'gi');
const RULE_LOOSE = new RegExp(`\\b(${FAMILY})\\s?-?\\s?(\\d{2,3})\\b`, 'gi');
const CONTROL_SPACED = new RegExp(`^(${RUBRIQUE_SOURCE}) ([A-Z]{3}-\\d+)$`, 'i');
/** `40.007`: block number and rubrique number, as people say it. */
const SHORT_ID = new RegExp(`^${B}\\.${R}$`);

/**
 * Extra written forms of an identifier, indexed with a high weight next to the id itself:
 * `S21.G00.40.007` → `40.007` ; `S21.G00.40.007/CCH-11` → `S21.G00.40.007 CCH-11 40.007`.
 */
export function idVariants(id: string): string[] {
  let m = CONTROL_ID.exec(id);
  if (m) {
    const rule = `${m[2].toUpperCase()}-${m[3]}`;
    return [m[1], rule, ...idVariants(m[1])];
  }
  m = RUBRIQUE_ID.exec(id);
  if (m) return [`${m[3]}.${m[4]}`];
  return [];
}

/**
 * Query rewriting before Pagefind sees it:
 * - `S21.G00.40.007/CCH-11` → `S21.G00.40.007 CCH-11` (a control and its rubrique);
 * - ids typed with spaces or without dots (`S21 G00 40 007`, `s21g0040007`) → dotted form;
 * - `CCH11` → `CCH-11`;
 * - blanks collapsed.
 */
export function normalizeQuery(q: string): string {
  let s = q.normalize('NFC').replace(/[\u00a0\s]+/g, ' ').trim();
  // A control id glued to its rubrique.
  s = s.replace(CONTROL_GLUED, '$1 $2');
  // Ids typed without dots or with spaces: S21G0040007, S21 G00 40 007, S21-G00-40-007.
  s = s.replace(ID_LOOSE, (_all, a: string, g: string, b: string, r?: string) =>
    [a.toUpperCase(), g.toUpperCase(), b, ...(r ? [r] : [])].join('.'),
  );
  // Control rule without its dash: CCH11 → CCH-11.
  s = s.replace(RULE_LOOSE, (_all, f: string, n: string) => `${f.toUpperCase()}-${n}`);
  return s;
}

/** The identifier a query is, if it is exactly one (used to put an exact match first). */
export function exactId(q: string): { kind: 'rubrique' | 'block' | 'control' | 'short'; id: string } | undefined {
  const s = normalizeQuery(q);
  if (RUBRIQUE_ID.test(s)) return { kind: 'rubrique', id: s.toUpperCase() };
  if (BLOCK_ID.test(s)) return { kind: 'block', id: s.toUpperCase() };
  const c = CONTROL_SPACED.exec(s);
  if (c) return { kind: 'control', id: `${c[1].toUpperCase()}/${c[2].toUpperCase()}` };
  if (SHORT_ID.test(s)) return { kind: 'short', id: s };
  return undefined;
}

/**
 * Very frequent French words (articles, prepositions) and the words of a question (`comment`,
 * `quel`, `faut-il`, `déclarer`…): present on almost every page or in none, they rank nothing
 * and each costs an index chunk to download. Dropped from a query that has other words
 * (`nature du contrat` → `nature contrat`, `comment déclarer un apprenti` → `apprenti`); kept
 * when alone.
 */
const STOP_WORDS = new Set([
  ...['a', 'à', 'au', 'aux', 'd', 'de', 'des', 'du', 'en', 'et', 'l', 'la', 'le', 'les', 'ou', 'par', 'pour', 'sur', 'un', 'une'],
  // Questions: interrogatives, pronouns, auxiliaries and the verbs of "how do I declare".
  ...['qui', 'que', 'qu', 'quoi', 'où', 'comment', 'quand', 'pourquoi', 'combien', 'quel', 'quelle', 'quels', 'quelles', 'lequel', 'laquelle'],
  ...['est', 'est-ce', 'sont', 'faut', 'il', 'elle', 'on', 'je', 'nous', 'vous', 'dois', 'doit', 'peut', 'peux', 'puis', 'ce', 'cet', 'cette', 'ces', 'mon', 'ma', 'mes', 'son', 'sa', 'ses', 'ne', 'se', 'dans', 'avec'],
  ...['déclarer', 'renseigner', 'indiquer', 'saisir', 'remplir', 'appliquer', 'mettre', 'utiliser', 'encore'],
  // Every individual of a DSN is the employee the question is about.
  ...['salarié', 'salariée', 'salariés', 'salariées'],
]);

/** The words sent to Pagefind for a query: normalised, without stop words when others remain. */
export function searchTerms(q: string): string {
  const s = normalizeQuery(q);
  const words = s.split(' ');
  const stop = (w: string) => STOP_WORDS.has(w.toLowerCase().replace(/[’'?!,;:]+$/, '').replace(/-(il|elle|on)$/, '')) || /^[dlcjsn]?[’']$|^[?!,;:]+$/i.test(w);
  const kept = words.filter((w) => !stop(w) && !stop(w.replace(/^(qu|[dlcjsn])[’']/i, '')));
  return (kept.length ? kept : words)
    .join(' ')
    .replace(/\b(?:qu|[dlcjsn])[’'](?=\p{L})/giu, '')
    .replace(/[?!]+/g, '')
    .trim();
}

/**
 * Whether a word is the beginning of an identifier, not yet a whole one (`S21`, `S21.G00.4`,
 * `S21.G00.40.00`, `40.0`): each such prefix matches other records, whose excerpts would be
 * downloaded for nothing while the identifier is being typed.
 */
export function partialId(w: string): boolean {
  if (RUBRIQUE_ID.test(w) || BLOCK_ID.test(w)) return false;
  return /^[A-Z]\d{2}(?:\.(?:G(?:\d{1,2}(?:\.(?:\d{1,2}(?:\.\d{0,2})?)?)?)?)?)?$/i.test(w) || /^\d{2}\.\d{0,2}$/.test(w);
}

/**
 * The search terms of a query once every word has 3 letters or digits or more, else null:
 * shorter prefixes (`s`, `na`) match many index chunks, and the next key usually follows.
 * Null too while the last word is an identifier being typed (`partialId`).
 * Used to preload the chunks of a query (ui.ts) and to search without waiting (header.ts).
 */
export function settledTerms(q: string): string | null {
  const terms = searchTerms(q);
  if (partialId(terms.split(' ').at(-1) ?? '')) return null;
  return terms.split(' ').every((t) => t.replace(/[^\p{L}\p{N}]/gu, '').length >= 3) ? terms : null;
}
