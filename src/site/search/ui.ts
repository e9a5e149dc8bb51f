/**
 * Search in the browser, shared by the header box (header.ts) and the /recherche/ page
 * (page.ts): loads Pagefind's own script (/pagefind/pagefind.js, written by the build),
 * rewrites the query (ids.ts), applies the default scope, ranks exact matches first and
 * renders result items. No framework, no other request than Pagefind's files and /calendrier.json (the reader's month, src/site/now.ts).
 */
import { exactId, normalizeQuery, searchTerms, settledTerms } from './ids.ts';
import { loadCalendar, readerCalendar, readerHit, readerScopeFilter, type ReaderCalendar } from '../now.ts';

/** Ranking tuned on the relevance table of tests/site/search.test.ts. */
export const RANKING = {
  // `title` is the display title; `nom` the element name or fiche title; `cles` the ids and their variants.
  metaWeights: { title: 1, nom: 10, cles: 10 },
  // Rubrique and block pages are longer than data type pages and controls: penalise length less.
  pageLength: 0.5,
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
}

export interface Results {
  query: string;
  total: number;
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
const PAGEFIND_URL = '/pagefind/pagefind.js';
let loading: Promise<Pagefind> | undefined;

/** Pagefind, loaded and configured once per page. */
export function pagefind(): Promise<Pagefind> {
  return (loading ??= (async () => {
    const pf = (await import(/* @vite-ignore */ PAGEFIND_URL)) as Pagefind;
    // No worker: one script less to download (its ~43 kB), and searches are a few ms.
    await pf.options({ ranking: RANKING, noWorker: true, excerptLength: 24 });
    await pf.init();
    return pf;
  })());
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
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9.\/-]+/g, ' ')
    .trim();

/**
 * Ranking of the loaded first page, on top of Pagefind's: the element whose id is the query,
 * then the elements whose name is the query; and the versions of one element side by side,
 * the version of reference first (with « toutes les versions »). Otherwise Pagefind's order.
 */
export function rankExact(hits: Hit[], q: string): Hit[] {
  const ex = exactId(q);
  const fq = fold(q);
  const klass = (h: Hit) => {
    if (h.id && fold(h.id) === fq) return 0;
    if (ex) {
      if (ex.kind === 'short' ? h.id.endsWith('.' + ex.id) && h.type === 'rubrique' : h.id.toUpperCase() === ex.id) return 0;
      return 2;
    }
    return h.nom && fold(h.nom) === fq ? 1 : 2;
  };
  const sorted = hits
    .map((h, i) => ({ h, i, k: klass(h), p: h.portee === 'actuelle' ? 0 : 1 }))
    .sort((a, b) => a.k - b.k || a.i - b.i);
  const groups = new Map<string, typeof sorted>();
  for (const x of sorted) {
    const key = `${x.h.type}\u0000${x.h.famille}\u0000${x.h.id || x.h.url}`;
    const g = groups.get(key);
    if (g) g.push(x);
    else groups.set(key, [x]);
  }
  return [...groups.values()].flatMap((g) => g.sort((a, b) => a.p - b.p || a.i - b.i).map((x) => x.h));
}

async function toHit(r: PagefindResult): Promise<Hit> {
  const d = await r.data();
  const m = d.meta;
  const hit: Hit = { url: d.url, title: m.title ?? d.url, type: m.type ?? '', famille: m.famille ?? '', version: m.version ?? '', id: m.id ?? '', nom: m.nom, rubrique: m.rubrique, portee: m.portee, couvre: m.couvre, exemple: m.exemple === 'oui', excerpt: d.excerpt };
  const rc = readerAnswers();
  return rc ? readerHit(hit, rc) : hit;
}

/** How many results are loaded and re-ranked together at first (the search page's first page). */
export const FIRST_PAGE = 10;

let allFilters: Promise<unknown> | undefined;

/** Search in the scope, then with the facet filters (if any). */
export async function runSearch(query: Query, opts: { first?: number } = {}): Promise<Results | null> {
  const q = normalizeQuery(query.q);
  if (!q) return null;
  const terms = searchTerms(q);
  const firstPage = opts.first ?? FIRST_PAGE;
  const [pf] = await Promise.all([pagefind(), readerReady()]);
  const scoped = await pf.search(terms, { filters: pagefindFilters(query, false) });
  const hasFacets = FACETS.some((k) => query.filters[k]);
  const res = hasFacets ? await pf.search(terms, { filters: pagefindFilters(query, true) }) : scoped;
  let first: Promise<Hit[]> | undefined;
  return {
    query: q,
    total: res.results.length,
    counts: async () => {
      // Counts need every filter index (a few kB): loaded once, after the first results are shown.
      await (allFilters ??= pf.filters());
      const again = await pf.search(terms, { filters: pagefindFilters(query, false) });
      const counts: Partial<Record<Facet, Record<string, number>>> = {};
      for (const k of FACETS) if (again.filters?.[k]) counts[k] = again.filters[k];
      return counts;
    },
    page: async (from, n) => {
      first ??= Promise.all(res.results.slice(0, firstPage).map(toHit)).then((h) => rankExact(h, q));
      const head = from < firstPage ? (await first).slice(from, from + n) : [];
      const restFrom = Math.max(from, firstPage);
      const rest = from + n > firstPage ? await Promise.all(res.results.slice(restFrom, from + n).map(toHit)) : [];
      return [...head, ...rest];
    },
  };
}

// ---------------------------------------------------------------- rendering

const escHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** CSS class of the type badge. */
const TYPE_CLASS: Record<string, string> = { rubrique: 'rubrique', bloc: 'bloc', 'type de données': 'type', contrôle: 'controle', fiche: 'fiche', version: 'version' };

/** One result as an <li> (title link, type badge, family and version, excerpt). */
export function hitHtml(h: Hit, opts: { excerpt?: boolean } = {}): string {
  const cls = TYPE_CLASS[h.type] ?? 'autre';
  const where = [h.famille, h.version && (h.type === 'fiche' ? `versions ${h.version}` : h.version)].filter(Boolean).join(' · ');
  const sub = h.type === 'contrôle' && h.rubrique ? ` <span class="search-sub">de la rubrique « ${escHtml(h.rubrique)} »</span>` : '';
  const old = h.portee === 'autre' && h.type !== 'fiche' ? ' <span class="badge retired">autre version</span>' : '';
  // Same words as on the fiche and in the list of fiches: an example is never taken for an official consigne.
  const example = !h.exemple
    ? ''
    : h.type === 'fiche'
      ? ' <span class="badge example">Exemple — ne constitue pas une consigne officielle</span>'
      : ' <span class="badge example" title="Donnée illustrative, pas une donnée officielle">Exemple</span>';
  return (
    `<li class="search-hit" data-type="${escHtml(h.type)}" data-url="${escHtml(h.url)}" data-portee="${escHtml(h.portee ?? '')}">` +
    `<a class="search-title" href="${escHtml(h.url)}">${escHtml(h.title)}</a>${sub}` +
    `<span class="search-meta"><span class="badge search-type search-type-${cls}">${escHtml(h.type)}</span> ${escHtml(where)}${old}${example}</span>` +
    (opts.excerpt === false ? '' : `<span class="search-excerpt">${h.excerpt}</span>`) +
    `</li>`
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
