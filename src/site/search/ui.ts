/**
 * Search in the browser, shared by the header box (header.ts) and the /recherche/ page
 * (page.ts): loads Pagefind's own script (/pagefind/pagefind.js, written by the build),
 * rewrites the query (ids.ts), applies the default scope, ranks exact matches first and
 * renders result items. No framework, no other request than Pagefind's files and /calendrier.json (the reader's month, src/site/now.ts).
 */
import { exactId, normalizeQuery, searchTerms, settledTerms } from './ids.ts';
import { escapeHtml as escHtml } from '../../core/text/html.ts';
import { EXAMPLE_FICHE_LABEL } from '../../core/text/labels.ts';
import { correction, fold as foldWord, foldSingular, unaccent, type Vocabulary } from './words.ts';
import { loadCalendar, readerCalendar, readerHit, readerScopeFilter, type ReaderCalendar } from '../now.ts';

/** Ranking tuned on the relevance table of tests/site/search.test.ts. */
export const RANKING = {
  // `title` is the display title; `nom` the element name or fiche title; `cles` the ids and their variants;
  // `lexique` the words the lexicon gives the record, `designe` the terms that designate it
  // (lexicon.ts); `motscles` the keywords of a fiche.
  metaWeights: { title: 1, nom: 10, cles: 10, lexique: 6, designe: 10, motscles: 6 },
  // Rubrique and block pages are longer than data type pages and controls: penalise length less.
  pageLength: 0.3,
};

export const FACETS = ['type', 'famille', 'version', 'theme'] as const;
export type Facet = (typeof FACETS)[number];
export const FACET_LABELS: Record<Facet, string> = { type: 'Type', famille: 'Famille', version: 'Version', theme: 'Thème (fiches)' };
export const ALL_LABELS: Record<Facet, string> = { type: 'Tous les types', famille: 'Toutes les familles', version: 'Toutes les versions', theme: 'Tous les thèmes' };

export interface Query {
  q: string;
  /** `actuelle`: the version applicable today in each family (default); `toutes`: every version. */
  scope: 'actuelle' | 'toutes';
  filters: Partial<Record<Facet, string>>;
}

export interface Hit {
  url: string;
  title: string;
  type: string;
  famille: string;
  version: string;
  id: string;
  nom?: string;
  /** For a control: the name of its rubrique. */
  rubrique?: string;
  portee?: string;
  /** Versions holding this very definition (`dsn/P26V01 …`, index meta `couvre`). */
  couvre?: string;
  /** Illustrative data: an example fiche, an element of an example version. */
  exemple?: boolean;
  /** HTML from Pagefind: text escaped, matches in <mark>. */
  excerpt: string;
  /** Pagefind's score (for the ranking of the first results). */
  score?: number;
  /** Outside the searched scope: shown in the second tier, with its version. */
  horsPortee?: boolean;
  /** From the lexicon: forms of the matching entries (` | ` between entries, ` ; ` between forms), the terms designating it. */
  lexique?: string;
  designe?: string;
  /** Keywords of a fiche (` ; ` between them). */
  motscles?: string;
}

export interface Results {
  query: string;
  total: number;
  /** Results from other versions than the applicable one, appended or promoted (second tier). */
  others: number;
  /** The query searched instead, when words of the typed one are unknown (« vouliez-vous dire »). */
  suggestion?: string;
  /** No result had every word: results with some of them. */
  partial?: boolean;
  /** Counts per facet value, for the query in the chosen scope (before the facet filters). */
  counts: () => Promise<Partial<Record<Facet, Record<string, number>>>>;
  /** Loads the data of results `from` to `from + n` (the first page is ranked with exact matches first). */
  page: (from: number, n: number) => Promise<Hit[]>;
}

interface PagefindResult {
  id: string;
  score: number;
  data: () => Promise<{ url: string; excerpt: string; meta: Record<string, string> }>;
}
interface PagefindResponse {
  results: PagefindResult[];
  filters: Record<string, Record<string, number>>;
}
interface Pagefind {
  options: (o: object) => Promise<void>;
  init: () => Promise<void>;
  preload: (q: string | null, o?: object) => Promise<void>;
  search: (q: string | null, o?: object) => Promise<PagefindResponse>;
  filters: () => Promise<Record<string, Record<string, number>>>;
}

// A variable, so that Vite leaves the import alone: the file exists only in the built site.
export const PAGEFIND_URL = '/pagefind/pagefind.js';
/** Pagefind's options. No worker: one script less to download (its ~43 kB), and searches are a few ms. */
export const PAGEFIND_OPTIONS = { ranking: RANKING, noWorker: true, excerptLength: 24 };
/** Where the engine's start script (engineStartScript) puts its promise: the /recherche/ page's head, or pagefind(). */
const EARLY_ENGINE = '__normeSearchEngine';
let loading: Promise<Pagefind> | undefined;

/**
 * Pagefind, loaded and configured once per page: taken from the head of /recherche/ (which
 * starts it before the page script runs), else started now by the same script.
 */
export function pagefind(): Promise<Pagefind> {
  const g = globalThis as Record<string, unknown>;
  return (loading ??= (() => {
    if (!g[EARLY_ENGINE] && typeof document !== 'undefined') {
      // A classic script runs when added (its import() resolves like the head's).
      const s = document.createElement('script');
      s.textContent = engineStartScript({ preloadQuery: false });
      document.head.append(s);
    }
    return (g[EARLY_ENGINE] as Promise<Pagefind> | undefined) ?? Promise.reject(new Error('Pagefind indisponible'));
  })());
}

/**
 * The script that starts Pagefind (one definition: inline in the head of /recherche/, for a
 * search opened from a link, and added to the page by pagefind() elsewhere). It imports
 * Pagefind, sets its options and resolves once the engine is ready. Pagefind's own `init()`
 * returns before its WebAssembly and metadata are loaded, and until then each of its calls
 * waits in steps of 50 ms (its `getPtr`): empty preloads started 5 ms apart notice the end of
 * the loading within 5 ms instead. With `preloadQuery`, the index chunks of the words of 3
 * letters or more of `?q=` are then fetched at once (the page script searches them in the
 * default scope). `metaCacheTag`: Pagefind's address of its entry file, `pagefind-entry.json?ts=<tag>`
 * (by default a new one at each load), fixed so that the page's head can preload it
 * (bundle-links.ts).
 */
export function engineStartScript(opts: { preloadQuery: boolean; metaCacheTag?: string }): string {
  const options = opts.metaCacheTag ? { ...PAGEFIND_OPTIONS, metaCacheTag: opts.metaCacheTag } : PAGEFIND_OPTIONS;
  return (
    `globalThis.${EARLY_ENGINE}=import(${JSON.stringify(PAGEFIND_URL)}).then(async(pf)=>{await pf.options(${JSON.stringify(options)});await pf.init();` +
    `await new Promise((ok)=>{for(let i=0;i<10;i++)setTimeout(()=>pf.preload(null).then(ok,ok),i*5);});` +
    (opts.preloadQuery
      ? `const q=(new URLSearchParams(location.search).get('q')||'').split(/\\s+/).filter((w)=>w.length>=3).join(' ');` +
        `if(q)pf.preload(q,{filters:{portee:'actuelle'}}).catch(()=>{});`
      : '') +
    `return pf;});globalThis.${EARLY_ENGINE}.catch(()=>{});`
  );
}

/**
 * Start loading what a search needs before it runs: the engine, the scope filter and, when a
 * query is given, its index chunks (typing then costs no request of its own).
 */
export function warm(q?: string, scope: Query['scope'] = 'actuelle'): void {
  const useful = q ? settledTerms(q) : null;
  Promise.all([pagefind(), readerReady()])
    .then(([pf]) => pf.preload(useful, { filters: scope === 'actuelle' ? defaultScope() : {} }))
    .catch(() => {});
}

let reader: ReaderCalendar | undefined;
let readerLoad: Promise<void> | undefined;
/** Load the answers for the reader's month (src/site/now.ts), once; the default scope then follows them. */
export function readerReady(): Promise<void> {
  return (readerLoad ??= loadCalendar().then((cal) => {
    reader = cal && readerCalendar(cal);
  }));
}
/** The answers for the reader's month, once loaded (`readerReady`). */
export function readerAnswers(): ReaderCalendar | undefined {
  return reader;
}

/** The default scope: the version applicable in the reader's month in each family. */
function defaultScope(): Record<string, unknown> {
  const rc = readerAnswers();
  return (rc && readerScopeFilter(rc)) ?? { portee: 'actuelle' };
}

function pagefindFilters(query: Query, withFacets: boolean): Record<string, unknown> {
  const f: Record<string, unknown> = {};
  if (query.scope === 'actuelle') Object.assign(f, defaultScope());
  if (withFacets) for (const k of FACETS) if (query.filters[k]) f[k] = query.filters[k];
  return f;
}

const fold = (s: string) =>
  unaccent(s)
    .toLowerCase()
    .replace(/[^a-z0-9.\/-]+/g, ' ')
    .trim();

/**
 * How the lexicon ranks a hit for the folded query: 1 when the query is a form of an entry
 * that designates the hit (`NIR` → S21.G00.30.001), 2 when the query holds such a form
 * (`numéro de sécurité sociale du salarié`), else 0.
 */
function designation(h: Hit, wq: string): 0 | 1 | 2 {
  if (!h.designe || !h.lexique) return 0;
  const terms = h.designe.split(' ; ').map(foldWord);
  let best: 0 | 1 | 2 = 0;
  for (const g of h.lexique.split(' | ')) {
    const forms = g.split(' ; ').map(foldWord);
    if (!terms.includes(forms[0])) continue;
    if (forms.includes(wq)) return 1;
    if (forms.some((f) => f && ` ${wq} `.includes(` ${f} `))) best = 2;
  }
  return best;
}

/** Short words left out when a name is compared with a query (`taux de prélèvement` = `taux prélèvement`). */
const LINK_WORDS = new Set(['a', 'au', 'aux', 'd', 'de', 'des', 'du', 'en', 'et', 'l', 'la', 'le', 'les']);
const content = (s: string) => foldSingular(s).split(/[^a-z0-9]+/).filter((w) => w && !LINK_WORDS.has(w)).join(' ');

/** Whether the query holds a form of one of the hit's lexicon entries (`PAS` in `taux PAS`). */
function formInQuery(h: Hit, q: string): boolean {
  const cq = ` ${content(q)} `;
  return !!h.lexique?.split(' | ').some((g) => g.split(' ; ').some((f) => content(f) && cq.includes(` ${content(f)} `)));
}

/**
 * Whether the hit's name is the query once a form of one of its lexicon entries is written as
 * another form (`taux PAS` → `taux prélèvement à la source` = S21.G00.50.006 « Taux de
 * prélèvement à la source »), link words aside.
 */
function nameWithForms(h: Hit, q: string): boolean {
  if (!h.nom || !h.lexique || !formInQuery(h, q)) return false;
  const name = content(h.nom);
  const cq = ` ${content(q)} `;
  for (const g of h.lexique.split(' | ')) {
    const forms = g.split(' ; ').map(content).filter(Boolean);
    for (const f of forms) {
      if (!cq.includes(` ${f} `)) continue;
      if (forms.some((o) => o !== f && cq.replace(` ${f} `, ` ${o} `).trim() === name)) return true;
    }
  }
  return false;
}

/**
 * Ranking of the loaded first page, on top of Pagefind's: the element whose id is the query,
 * then the elements whose name is the query; and the versions of one element side by side,
 * the version of reference first (with « toutes les versions »). Otherwise Pagefind's order.
 */
export function rankExact(hits: Hit[], q: string): Hit[] {
  const ex = exactId(q);
  const fq = fold(q);
  // On ties, the DSN of employees before the blocks of non-employees (S89) and PASRAU; a
  // control (which only mentions the words) after the elements.
  const factor = (h: Hit) => (h.type === 'contrôle' ? 0.5 : 1) * (/^S89\./.test(h.id) || h.famille === 'PASRAU' ? 0.8 : 1);
  const wq = foldWord(q);
  const sq = foldSingular(q);
  const klass = (h: Hit) => {
    if (h.id && fold(h.id) === fq) return 0;
    if (ex) {
      if (ex.kind === 'short' ? h.id.endsWith('.' + ex.id) && h.type === 'rubrique' : h.id.toUpperCase() === ex.id) return 0;
      return 3;
    }
    if (h.nom && (foldSingular(h.nom) === sq || nameWithForms(h, q))) return 1;
    const d = designation(h, wq);
    if (d) return d;
    if (h.motscles?.split(' ; ').some((k) => foldSingular(k) === sq)) return 2;
    return h.nom && wq.includes(' ') && ` ${foldSingular(h.nom)} `.includes(` ${sq} `) ? 2 : 3;
  };
  const sorted = hits
    .map((h, i) => ({ h, i, k: klass(h), p: h.portee === 'actuelle' ? 0 : 1, s: (h.score ?? 0) * factor(h) }))
    .sort((a, b) => a.k - b.k || Number(a.h.horsPortee ?? false) - Number(b.h.horsPortee ?? false) || (a.k === 1 ? b.s / (b.h.score || 1) - a.s / (a.h.score || 1) || a.h.id.localeCompare(b.h.id) : b.s - a.s) || a.i - b.i);
  const groups = new Map<string, typeof sorted>();
  for (const x of sorted) {
    const key = `${x.h.type}\u0000${x.h.famille}\u0000${x.h.id || x.h.url}`;
    const g = groups.get(key);
    if (g) g.push(x);
    else groups.set(key, [x]);
  }
  return [...groups.values()].flatMap((g) => g.sort((a, b) => a.p - b.p || a.i - b.i).map((x) => x.h));
}

/** A result of Pagefind with where it comes from: the searched scope (tier 1) or the other versions (tier 2). */
interface Ranked {
  r: PagefindResult;
  score: number;
  tier: 1 | 2;
}

/** The data of each result (`search` keeps results: a query asked again reuses their excerpts). */
const loaded = new WeakMap<PagefindResult, ReturnType<PagefindResult['data']>>();
function resultData(r: PagefindResult): ReturnType<PagefindResult['data']> {
  let d = loaded.get(r);
  if (!d) {
    // A copy: Pagefind keeps one object per page and rewrites its excerpt for each result of that page.
    d = r.data().then((f) => ({ url: f.url, excerpt: f.excerpt, meta: f.meta }));
    loaded.set(r, d);
    d.catch(() => loaded.delete(r));
  }
  return d;
}

async function toHit(x: Ranked): Promise<Hit> {
  const d = await resultData(x.r);
  const m = d.meta;
  const hit: Hit = { url: d.url, title: m.title ?? d.url, type: m.type ?? '', famille: m.famille ?? '', version: m.version ?? '', id: m.id ?? '', nom: m.nom, rubrique: m.rubrique, portee: m.portee, couvre: m.couvre, exemple: m.exemple === 'oui', excerpt: d.excerpt, score: x.score, ...(x.tier === 2 ? { horsPortee: true } : {}), lexique: m.lexique, designe: m.designe, motscles: m.motscles };
  // Seen from the reader's month (src/site/now.ts): the same definition in the reader's version.
  const rc = readerAnswers();
  return rc ? readerHit(hit, rc) : hit;
}

/**
 * How many results are loaded and re-ranked together at first: the same window for the
 * header box (which shows the first 6) and the search page (its first page), so that both
 * show the same first results.
 */
export const FIRST_PAGE = 8;
/** Fewer results than this in the scope: the results from the other versions are appended. */
export const FEW = 5;
/** Results after the first page loaded when the query uses the lexicon's words (`runSearch`). */
const LEXICON_LOOKED_AT = 2;
/** Results of the other versions loaded to look for an exact id or name (promoted to the top). */
const OTHERS_LOOKED_AT = 3;

let allFilters: Promise<unknown> | undefined;

// A variable, so that Vite leaves it alone: the file exists only in the built site.
const VOCABULARY_URL = '/pagefind/vocabulaire.json';
let vocabulary: Promise<Vocabulary | null> | undefined;
/** The vocabulary of the index (words.ts), loaded the first time a word is unknown. */
function loadVocabulary(): Promise<Vocabulary | null> {
  return (vocabulary ??= fetch(VOCABULARY_URL)
    .then((r) => (r.ok ? (r.json() as Promise<Vocabulary>) : null))
    .catch(() => null));
}

/** The last searches of this page (`search`), most recent last. */
const searches = new Map<string, Promise<PagefindResponse>>();
const SEARCHES_KEPT = 32;

/**
 * Pagefind's search, kept for the page: typing, re-running a query, switching a filter on and
 * off ask the same searches again (the same words in the scope, the words alone for the
 * typos). Their results only: the counts per filter value of a response depend on the filter
 * indexes loaded when it ran (`counts` asks Pagefind itself).
 */
function search(pf: Pagefind, term: string, filters: object = {}): Promise<PagefindResponse> {
  const key = `${term}\u0000${JSON.stringify(filters)}`;
  let p = searches.get(key);
  if (p) searches.delete(key);
  else {
    p = pf.search(term, { filters });
    p.catch(() => searches.delete(key));
  }
  searches.set(key, p);
  if (searches.size > SEARCHES_KEPT) searches.delete(searches.keys().next().value!);
  return p;
}

/** Words worth checking for typos: letters only, 4 or more. */
const checkable = (w: string) => /^\p{L}{4,}$/u.test(w);

/** A query finding fewer records than this has its rare words checked (`corrected`). */
const TYPO_CHECK_BELOW = 100;
/** A word that Pagefind finds in fewer records than this is checked against the vocabulary. */
const RARE = 10;

/**
 * The corrections of the query's words (word → closest word of the index's vocabulary), or
 * null when there is none. Only rare words are checked (found alone in fewer than RARE
 * records): the vocabulary is then loaded, once.
 */
async function corrected(pf: Pagefind, terms: string): Promise<Map<string, string> | null> {
  const words = terms.split(' ');
  const unknown = await Promise.all(words.map(async (w) => checkable(w) && (await search(pf, w)).results.length < RARE));
  if (!unknown.some(Boolean)) return null;
  const vocab = await loadVocabulary();
  if (!vocab) return null;
  const out = new Map<string, string>();
  words.forEach((w, i) => {
    if (!unknown[i]) return;
    const c = correction(foldWord(w), vocab);
    if (c) out.set(w, c);
  });
  return out.size ? out : null;
}

/** The text with the words of `fixes` replaced. */
const applyFixes = (text: string, fixes: Map<string, string>) => text.replace(/[\p{L}\p{N}]+/gu, (w) => fixes.get(w) ?? w);

/** Results with some of the words (each word searched alone): most words matched first, then score. */
async function anyTerm(pf: Pagefind, terms: string, filters: object): Promise<PagefindResult[]> {
  const words = terms.split(' ');
  if (words.length < 2) return [];
  const byId = new Map<string, { r: PagefindResult; n: number; score: number }>();
  for (const w of words) {
    for (const r of (await search(pf, w, filters)).results) {
      const x = byId.get(r.id);
      if (x) {
        x.n++;
        x.score += r.score;
      } else byId.set(r.id, { r, n: 1, score: r.score });
    }
  }
  return [...byId.values()].sort((a, b) => b.n - a.n || b.score - a.score).map((x) => ({ ...x.r, score: x.score }));
}

/**
 * Search in the scope (then with the facet filters, if any):
 * - every word first; when nothing has them all, the results with some of them (`partial`);
 * - a word that the index does not know is replaced by the closest word of its vocabulary
 *   (`suggestion`: « vouliez-vous dire »);
 * - in the default scope, the other versions form a second tier: appended when the scope has
 *   few results, and an element of another version whose id or name is exactly the query
 *   comes first (an element missing from the applicable version shows in its nearest one).
 * `eager`: fetch the excerpts the first page may need while searching (the search page);
 * `stale`: whether a newer query replaced this one (then it fetches nothing more, and may give null).
 */
export async function runSearch(query: Query, opts: { eager?: boolean; stale?: () => boolean } = {}): Promise<Results | null> {
  const q = normalizeQuery(query.q);
  if (!q) return null;
  let terms = searchTerms(q);
  const [pf] = await Promise.all([pagefind(), readerReady()]);
  const hasFacets = FACETS.some((k) => query.filters[k]);
  const inScope = pagefindFilters(query, hasFacets);
  // The other versions: `portee: autre` when the reader's month is the build's; else (the default
  // scope follows the reader's month, src/site/now.ts) every record, less those of the scope.
  const readerScope = readerAnswers()?.changed === true;
  const others = query.scope === 'actuelle' ? { ...pagefindFilters({ ...query, scope: 'toutes' }, hasFacets), ...(readerScope ? {} : { portee: 'autre' }) } : null;
  // Eager (the search page): the excerpts that the first page may need are fetched while the
  // engine still works (other versions, typo check, ranking), not after it; the header box,
  // which counts its bytes, fetches only what it ranks.
  const prefetch = (rs: PagefindResult[]) => {
    if (opts.eager) for (const r of rs) void resultData(r).catch(() => {});
  };
  // The scope first, then the other versions: when the page fetches its excerpts early
  // (`prefetch`), those of the scope are on their way while the engine searches the others.
  const searchBoth = async (t: string) => {
    const a = await search(pf, t, inScope);
    if (a.results.length >= FEW) prefetch(a.results.slice(0, FIRST_PAGE + LEXICON_LOOKED_AT));
    const b = others ? await search(pf, t, others) : ({ results: [], filters: {} } as PagefindResponse);
    const inA = readerScope ? new Set(a.results.map((r) => r.id)) : null;
    return { a: a.results, b: inA ? b.results.filter((r) => !inA.has(r.id)) : b.results };
  };
  let { a, b } = await searchBoth(terms);
  prefetch(a.length < FEW ? [...a, ...b].slice(0, FIRST_PAGE + LEXICON_LOOKED_AT) : b.slice(0, OTHERS_LOOKED_AT).filter((r) => r.score >= (a[0]?.score ?? 0)));
  let suggestion: string | undefined;
  // Typos are looked for when the query finds little (a query finding many records has its words right).
  // Only the scope's results count: Pagefind leaves out a word it does not know (`arret de travial`
  // finds what `arret` finds), and the other versions grow with every version of the registry.
  // A newer query replaced this one (`stale`, the header box while typing): nothing more is fetched for it.
  if (opts.stale?.()) return null;
  if (!exactId(q) && a.length < TYPO_CHECK_BELOW) {
    const fixes = await corrected(pf, terms);
    if (fixes) {
      const c = applyFixes(terms, fixes);
      const again = await searchBoth(c);
      if (again.a.length + again.b.length > 0) {
        ({ a, b } = again);
        terms = c;
        suggestion = applyFixes(q, fixes);
      }
    }
  }
  let partial = false;
  if (a.length + b.length === 0) {
    a = await anyTerm(pf, terms, inScope);
    if (others && a.length < FEW) {
      const inA = new Set(a.map((r) => r.id));
      b = (await anyTerm(pf, terms, others)).filter((r) => !inA.has(r.id));
    }
    partial = a.length + b.length > 0;
  }
  // Tier 2: appended when the scope has few results; else only its exact matches, promoted.
  const appended = a.length < FEW ? b : [];
  const list: Ranked[] = [...a.map((r) => ({ r, score: r.score, tier: 1 as const })), ...appended.map((r) => ({ r, score: r.score, tier: 2 as const }))];
  // Only the other versions' results that outscore the scope's best can be an exact match worth promoting.
  const looked = appended.length ? [] : b.slice(0, OTHERS_LOOKED_AT).filter((r) => r.score >= (a[0]?.score ?? 0)).map((r) => ({ r, score: r.score, tier: 2 as const }));
  let promoted = 0;
  let first: Promise<Hit[]> | undefined;
  // Widened by LEXICON_LOOKED_AT when the query uses the lexicon's words without an exact match (firstHits).
  let windowSize = Math.min(FIRST_PAGE, list.length);
  const firstHits = async () => {
    const win = await Promise.all(list.slice(0, windowSize).map(toHit));
    if (opts.stale?.()) return rankExact(win, suggestion ?? q);
    const fq = fold(q);
    const ex = exactId(q);
    const sq = foldSingular(suggestion ?? q);
    const exact = (h: Hit) => (ex ? h.id.toUpperCase() === ex.id || (ex.kind === 'short' && h.type === 'rubrique' && h.id.endsWith('.' + ex.id)) : fold(h.id) === fq || (h.nom !== undefined && foldSingular(h.nom) === sq));
    // A query with a sigle or synonym of the lexicon (`taux PAS`) and no exact match: the record it
    // names may come just after the window (its text does not hold the sigle): a few more are looked at.
    if (!ex && !win.some(exact) && win.some((h) => formInQuery(h, suggestion ?? q))) {
      const more = await Promise.all(list.slice(windowSize, windowSize + LEXICON_LOOKED_AT).map(toHit));
      win.push(...more);
      windowSize += more.length;
    }
    // The other versions are looked at only when the window has no exact match (their excerpts cost bytes).
    const up = win.some(exact) ? [] : (await Promise.all(looked.map(toHit))).filter(exact);
    promoted = up.length;
    return rankExact([...up, ...win], suggestion ?? q);
  };
  return {
    query: q,
    // Known once the first page is loaded (promoted results of the other versions).
    get total() {
      return list.length + promoted;
    },
    get others() {
      return appended.length + promoted;
    },
    ...(suggestion ? { suggestion } : {}),
    ...(partial ? { partial } : {}),
    counts: async () => {
      // Counts need every filter index (a few kB): loaded once, after the first results are shown.
      await (allFilters ??= pf.filters());
      const again = await pf.search(terms, { filters: pagefindFilters(query, false) });
      const counts: Partial<Record<Facet, Record<string, number>>> = {};
      for (const k of FACETS) if (again.filters?.[k]) counts[k] = again.filters[k];
      return counts;
    },
    page: async (from, n) => {
      // Positions [0, ranked.length) are the re-ranked window; after it, Pagefind's order.
      const ranked = await (first ??= firstHits());
      const head = ranked.slice(from, from + n);
      const restFrom = windowSize + Math.max(0, from - ranked.length);
      const rest = await Promise.all(list.slice(restFrom, restFrom + n - head.length).map(toHit));
      return [...head, ...rest];
    },
  };
}

// ---------------------------------------------------------------- rendering

/** CSS class of the type badge. */
const TYPE_CLASS: Record<string, string> = { rubrique: 'rubrique', bloc: 'bloc', 'type de données': 'type', contrôle: 'controle', fiche: 'fiche', version: 'version' };

/** One result as an <li> (title link, type badge, family and version, excerpt). */
export function hitHtml(h: Hit, opts: { excerpt?: boolean } = {}): string {
  const cls = TYPE_CLASS[h.type] ?? 'autre';
  const where = [h.famille, h.version && (h.type === 'fiche' ? `versions ${h.version}` : h.version)].filter(Boolean).join(' · ');
  const sub = h.type === 'contrôle' && h.rubrique ? ` <span class="search-sub">de la rubrique « ${escHtml(h.rubrique)} »</span>` : '';
  const old = h.horsPortee ? ` <span class="badge retired">hors version applicable</span>` : h.portee === 'autre' && h.type !== 'fiche' ? ' <span class="badge retired">autre version</span>' : '';
  // Same words as on the fiche and in the list of fiches: an example is never taken for an official consigne.
  const example = !h.exemple
    ? ''
    : h.type === 'fiche'
      ? ` <span class="badge example">${EXAMPLE_FICHE_LABEL}</span>`
      : ' <span class="badge example" title="Donnée illustrative, pas une donnée officielle">Exemple</span>';
  return (
    `<li class="search-hit" data-type="${escHtml(h.type)}" data-url="${escHtml(h.url)}" data-portee="${escHtml(h.portee ?? '')}"${h.horsPortee ? ' data-tier="2"' : ''}>` +
    `<a class="search-title" href="${escHtml(h.url)}">${escHtml(h.title)}</a>${sub}` +
    `<span class="search-meta"><span class="badge search-type search-type-${cls}">${escHtml(h.type)}</span> ${escHtml(where)}${old}${example}</span>` +
    (opts.excerpt === false ? '' : `<span class="search-excerpt">${h.excerpt}</span>`) +
    `</li>`
  );
}

/** What the status line adds about a correction, partial matches and the second tier (French). */
export function resultsNote(res: Pick<Results, 'suggestion' | 'partial' | 'others' | 'total'>): string {
  const parts: string[] = [];
  if (res.suggestion) parts.push(`vouliez-vous dire « ${res.suggestion} » ? Résultats pour ces mots`);
  if (res.partial) parts.push('aucun résultat avec tous les mots : résultats avec une partie d\'entre eux');
  if (res.others) parts.push(res.others === res.total ? 'tous dans une autre version que la version applicable' : `dont ${res.others} dans une autre version que la version applicable`);
  return parts.length ? ` (${parts.join(' ; ')})` : '';
}

/**
 * Performance mark once the results just written are on screen: after the next frame
 * (`requestAnimationFrame` runs before its style, layout and paint; the task after it, once
 * painted). What `npm run bench -- search` measures. Resolves then.
 */
export function markPainted(name: string): Promise<void> {
  return new Promise((done) =>
    requestAnimationFrame(() =>
      setTimeout(() => {
        performance.mark(name);
        done();
      }, 0),
    ),
  );
}

/** `12 résultats` */
export function countLabel(n: number): string {
  return n === 0 ? 'Aucun résultat' : `${n.toLocaleString('fr-FR')} résultat${n > 1 ? 's' : ''}`;
}

/** URL of the search page for a query. */
export function searchUrl(query: Query): string {
  const p = new URLSearchParams();
  p.set('q', query.q);
  for (const k of FACETS) if (query.filters[k]) p.set(k, query.filters[k]!);
  if (query.scope === 'toutes') p.set('portee', 'toutes');
  return `/recherche/?${p.toString()}`;
}

/** Read a query from the search page's URL. */
export function queryFromUrl(search: string): Query {
  const p = new URLSearchParams(search);
  const filters: Query['filters'] = {};
  for (const k of FACETS) {
    const v = p.get(k);
    if (v) filters[k] = v;
  }
  return { q: p.get('q') ?? '', scope: p.get('portee') === 'toutes' ? 'toutes' : 'actuelle', filters };
}
