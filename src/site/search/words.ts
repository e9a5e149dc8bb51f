/**
 * Words as the search compares them, shared by the indexer (Node) and the search scripts
 * (browser): folding (case, accents, apostrophes), phrase matching for the lexicon, and the
 * closest words of the vocabulary for « vouliez-vous dire » (typos).
 */

/** The text without accents (case kept). */
export const unaccent = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');

/** Lower case, no accents, letters and digits only (other characters become blanks). */
export function fold(s: string): string {
  return unaccent(s)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Folded, each word without its plural mark: `Cotisations individuelles` = `cotisation individuelle`. */
export const foldSingular = (s: string) => fold(s).replace(/(\w{3,}?)[sx]\b/g, '$1');

/** A sigle (`CDI`, `AT/MP`, `PCS-ESE`): matched in texts as written, in capitals. */
export const isSigle = (t: string) => /^[A-Z0-9][A-Z0-9/.-]*[A-Z0-9]$/.test(t) && /[A-Z]/.test(t);

/** Matches the sigle `t` as a word of its own in an unaccented text (case kept). */
export function sigleRegExp(t: string): RegExp {
  const esc = t.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{N}])${esc}($|[^\\p{L}\\p{N}])`, 'u');
}

/**
 * Optimal string alignment distance (Levenshtein with adjacent transpositions: `contart` is
 * one edit from `contrat`), stopping early once it exceeds `max`.
 */
export function typoDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const m = a.length;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n];
}

/** Edits allowed for a word of this length: none under 4 letters, 1 up to 6, then 2. */
export const maxEdits = (w: string) => (w.length < 4 ? 0 : w.length <= 6 ? 1 : 2);

/**
 * The vocabulary shipped with the site (`/pagefind/vocabulaire.json`, written by the indexer):
 * folded words of the names, labels, values, fiche titles and keywords, and the lexicon, with
 * how many records hold each.
 */
export interface Vocabulary {
  /** Folded word → number of records holding it. */
  words: Record<string, number>;
}

/** Whether a folded word starts a word of the vocabulary (a word being typed: Pagefind matches prefixes). */
export function startsKnownWord(w: string, vocab: Vocabulary): boolean {
  for (const k in vocab.words) if (k !== w && k.startsWith(w)) return true;
  return false;
}

/**
 * The correction of a folded word, or undefined: the closest other word of the vocabulary
 * (fewest edits, then most frequent), when the word is not in the vocabulary or is much
 * rarer than that word (a typo of the official tables themselves: `naisance`).
 */
export function correction(w: string, vocab: Vocabulary): string | undefined {
  const own = vocab.words[w] ?? 0;
  if (own === 0 && startsKnownWord(w, vocab)) return undefined;
  const max = maxEdits(w);
  if (!max) return undefined;
  let best: string | undefined;
  let bestD = max + 1;
  let bestN = 0;
  for (const k in vocab.words) {
    if (k === w) continue;
    const d = typoDistance(w, k, max);
    const n = vocab.words[k];
    if (d < bestD || (d === bestD && n > bestN)) {
      best = k;
      bestD = d;
      bestN = n;
    }
  }
  return best !== undefined && bestD <= max && bestN >= Math.max(1, 5 * own) ? best : undefined;
}
