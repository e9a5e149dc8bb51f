/**
 * Builds the Pagefind index of the site (French), before the new output replaces dist/.
 *
 * Which pages and records are indexed is decided by scope.ts; this module takes the <main> of
 * those pages, adds the search data (filters, metadata, identifier variants) and hands them
 * to Pagefind through its Node API. The served HTML is not modified.
 *
 * Where the <main> of a page comes from:
 * - with `render` (the site build, src/site/build/worker.ts): blocks, rubriques and data types
 *   are the pages the worker thread writes while Astro is still building (their kinds, files and
 *   what the index reads of them: src/site/render/kinds.ts); only the fiches consignes (Astro
 *   pages) come from Astro, each as soon as Astro has rendered it (`pageHtml`);
 * - without it (standalone): every page is read from the built output.
 * Both give the same index, byte for byte (tests/site/search-build.test.ts).
 *
 * Standalone (to re-index an existing build): node src/site/search/indexer.ts [dist [bundle dir]]
 */
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as CoreModule from '../../core/index.ts';
import type { ControlEntry, LoadedConsigne, Registry, ResolvedVersion } from '../../core/index.ts';
import { urls } from '../urls.ts';
import { recordPage } from '../render/kinds.ts';
import { idVariants } from './ids.ts';
import { escapeHtml as esc } from '../../core/text/html.ts';
import { lexiconMatch, loadLexicon, formsOf, type Lexicon } from './lexicon.ts';
import { fold, type Vocabulary } from './words.ts';
import { ANY_READER, coverKey, referenceVersion, scopedElements, type FamilyReference, type RecordType, type Scope, type ScopedElement } from './scope.ts';
import { openPagefindIndex } from './pagefind-service.ts';

type Core = typeof CoreModule;

/** What the index reads of the page of a block, rubrique or data type record (src/site/render/kinds.ts `search.main`). */
export type PageRenderer = (s: ScopedElement) => string | Promise<string>;

/** Parts of an indexed page that are navigation or history, not content. */
export const EXCLUDE_SELECTORS = [
  '.switcher', // the element in the other versions
  '#historique',
  '.history', // history across versions (the diff pages have the details)
  'table.controls', // controls are records of their own
  '#controles',
  '.usage', // O/C/N/F usage letters of the rubriques table
  'table.usages',
  '.usage-inferred', // provenance of inferred usages (P24V01, P26V01)
  '.usages-missing', // « le tableau des usages n'est pas publié » : its « pas » would match the sigle PAS
  '#usages',
  '.citing-fiches', // fiches are records of their own
  '.consigne-example',
  '#revisions',
  'table.consigne-revisions',
  '.filter',
  '.page-sources', // sources and corrections (src/site/render/sources.ts)
  // Labels of the facts of an element (Identifiant, Libellé, Nature, Longueur…), the same on every
  // page: their words would match every rubrique (`nature du contrat`) and weigh on the index chunks.
  'dl.facts > dt',
];

/** Bundle files of Pagefind's ready-made interfaces, unused by the site (its UI is src/site/search/*.ts). */
const UNUSED_BUNDLE_FILES = /^pagefind-(component-ui|modular-ui|ui|highlight)\.(js|css)$|^wasm\.unknown\.pagefind$/;

const MINIFY = { minify: true, format: 'esm', target: 'es2022' } as const;

/**
 * Pagefind writes its browser script `pagefind.js` unminified (47 KB); the search page loads it
 * first, so it is minified here (≈ 32 KB), where the build and the standalone re-index both go.
 * esbuild's service is started beforehand (`startMinifier`, while Pagefind indexes): the first
 * call of esbuild starts it (100 to 150 ms), and this one comes at the very end of the build.
 */
async function minifyBundleScript(outputPath: string, minifier: ReturnType<typeof startMinifier>): Promise<void> {
  const file = path.join(outputPath, 'pagefind.js');
  const { code } = await (await minifier).transform(readFileSync(file, 'utf8'), MINIFY);
  writeFileSync(file, code);
}

/** esbuild, with its service started (an empty transform). */
async function startMinifier(): Promise<typeof import('esbuild')> {
  const esbuild = await import('esbuild');
  await esbuild.transform('', MINIFY);
  return esbuild;
}

/** The file, at the root of the site, where Netlify and Cloudflare Pages read response headers. */
export const HOST_HEADERS_FILE = '_headers';

/**
 * Pagefind's files are gzip; served as they are, Pagefind inflates them in JavaScript on the main
 * thread (≈ 200 ms on the search page). Served with `Content-Encoding: gzip`, the browser inflates them
 * and Pagefind sees its signature already there. The rules go into `_headers` (hosts that read it,
 * and the local servers: tests/site/helpers.ts), one per gzip file of the bundle's root and one per folder.
 */
function writeHostHeaders(outputPath: string, outDir: string): void {
  const isGzip = (f: string) => {
    const b = readFileSync(f);
    return b[0] === 0x1f && b[1] === 0x8b;
  };
  const rules: string[] = [];
  for (const f of readdirSync(outputPath).sort()) {
    const full = path.join(outputPath, f);
    if (statSync(full).isDirectory()) rules.push(`/pagefind/${f}/*`);
    else if (isGzip(full)) rules.push(`/pagefind/${f}`);
  }
  const text = rules.map((r) => `${r}\n  Content-Encoding: gzip\n  Content-Type: application/octet-stream\n`).join('\n');
  writeFileSync(path.join(outDir, HOST_HEADERS_FILE), text);
}

export interface SearchIndexOptions {
  /** The built site, where pages are read from. */
  outDir: string;
  registry: Registry;
  /** Root of the registry (where consignes/ lives). */
  root: string;
  month: string;
  core: Core;
  /** Where to write the bundle (default: outDir/pagefind). */
  outputPath?: string;
  /** Renders what the index reads of the block, rubrique and data type pages (kinds.ts): those are then not read from outDir. */
  render?: PageRenderer;
  /** The HTML of a page (path in the output) as Astro renders it, while the output is being built (default: read from outDir). */
  pageHtml?: (file: string) => Promise<string | undefined>;
  /** The fiches consignes, when already loaded (default: loaded from `root`). */
  consignes?: LoadedConsigne[];
  /** The norm elements to index, when already computed for `month` (indexedElements). */
  elements?: ScopedElement[];
  /** Pagefind on one processor (pagefind-service.ts): less CPU, when the index runs beside other work. */
  oneProcessor?: boolean;
  /** Called once the bundle is written, with the PID of Pagefind's process, which still runs (measures). */
  beforeClose?: (pagefindPid: number | null) => void;
  /** The lexicon (default: src/site/search/lexique.yaml). */
  lexicon?: Lexicon;
}

/** The vocabulary file of the bundle (words.ts `Vocabulary`), read by the search scripts for typos. */
export const VOCABULARY_FILE = 'vocabulaire.json';

/** Folded words of the records' own texts and of the lexicon, with how many records hold each. */
class VocabularyBuilder {
  private counts = new Map<string, number>();
  constructor(lexicon: Lexicon) {
    for (const e of lexicon.entries) this.add(formsOf(e));
  }
  add(texts: string[], extra?: string) {
    const seen = new Set<string>();
    for (const t of [...texts, extra ?? '']) for (const w of fold(t).split(' ')) if (w.length >= 3 && !/\d/.test(w)) seen.add(w);
    for (const w of seen) this.counts.set(w, (this.counts.get(w) ?? 0) + 1);
  }
  build(): Vocabulary {
    return { words: Object.fromEntries([...this.counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) };
  }
}

export interface SearchIndexStats {
  pages: number;
  records: number;
  byType: Record<string, number>;
  byScope: Record<Scope, number>;
  references: FamilyReference[];
  files: number;
  bytes: number;
  ms: number;
  /** Pages and records handed to Pagefind; the index written. */
  addMs: number;
  writeMs: number;
  /** Pages rendered (not read from the built output); time spent waiting for pages to be written. */
  rendered: number;
  waitMs: number;
}

interface Entry {
  url: string;
  type: RecordType;
  family: string;
  famName: string;
  versions: string[];
  scope: Scope;
  /** Versions whose reader (reference version of the reader's month) is shown this record (`*`: every reader). */
  covers: string[];
  id: string;
  title: string;
  /** Name of the element or title of the fiche: weighted (see RANKING in ui.ts). Not for data types. */
  name?: string;
  themes?: string[];
  /** Illustrative data (example fiche, element of an example version): shown as such in the results. */
  example?: boolean;
  /** Words from the lexicon (lexicon.ts) and the terms that designate the record: weighted (RANKING in ui.ts). */
  lexique?: string;
  designe?: string;
  /** Keywords of a fiche. */
  motscles?: string;
}

/**
 * The `couvre` meta of a record: left out when it is the record's own versions (most records:
 * bytes of every result fragment), read then from `version` (readerHit in src/site/now.ts).
 * `aucune`: shown to no reader as applicable (a fiche not in force). The `couvre` filter is always written.
 */
const coversMeta = (e: Entry): string | undefined => (!e.covers.length ? 'aucune' : e.covers.join(' ') === e.versions.join(' ') ? undefined : e.covers.join(' '));

function searchData(e: Entry): string {
  const tags: string[] = [];
  const meta = (k: string, v: string) => tags.push(`<span data-pagefind-meta="${esc(k)}:${esc(v)}"></span>`);
  const filter = (k: string, v: string) => tags.push(`<span data-pagefind-filter="${esc(k)}:${esc(v)}"></span>`);
  meta('title', e.title);
  meta('type', e.type);
  meta('famille', e.famName);
  meta('version', e.versions.join(', '));
  meta('id', e.id);
  if (e.name) meta('nom', e.name);
  if (e.lexique) meta('lexique', e.lexique);
  if (e.designe) meta('designe', e.designe);
  if (e.motscles) meta('motscles', e.motscles);
  meta('portee', e.scope);
  if (coversMeta(e)) meta('couvre', coversMeta(e)!);
  if (e.example) meta('exemple', 'oui');
  // Weighted identifiers. Not for data types: their ids are words (`DSN_Code_Cotisation`), which
  // would then outrank the rubriques and blocks named with them; an exact id still comes first (ui.ts).
  if (e.type !== 'type de données') meta('cles', [e.id, ...idVariants(e.id)].join(' '));
  filter('type', e.type);
  filter('famille', e.famName);
  for (const v of e.versions) filter('version', v);
  for (const t of e.themes ?? []) filter('theme', t);
  filter('portee', e.scope);
  for (const v of e.covers) filter('couvre', coverKey(e.family, v));
  return tags.join('');
}

/** Weight of a data type page's text (Pagefind's default is 1): see `indexDocument`. */
const DATATYPE_WEIGHT = 0.5;
/**
 * Weight of a rubrique's code-list values (code and label) on its page: a label
 * (`licenciement pour motif économique`) leads to the rubrique that holds it.
 */
const VALUES_WEIGHT = 3;
/** Weight of a control's text: a control only mentions the words of the rubrique it checks. */
const CONTROL_WEIGHT = 0.3;

const BLOCK_END = /(<\/(?:dt|dd|td|th|li|p|h[1-6]|div|caption|summary|section|article|tr|ul|ol|dl|table|code)>|<br\s*\/?>)/g;

/** The inner HTML of the page's <main>; undefined if it has none. */
export function mainOf(html: string): string | undefined {
  return /<main\b[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1];
}

/** The page reduced to its <main>, with the search data; undefined if the page has no <main>. */
export function pageForIndex(html: string, e: Entry): string | undefined {
  const main = mainOf(html);
  return main === undefined ? undefined : indexDocument(main, e);
}

/** The document handed to Pagefind for a page whose <main> holds `main`. */
export function indexDocument(main: string, e: Entry): string {
  // The built HTML has no blanks between tags: without one, Pagefind would read
  // `<dt>Identifiant</dt><dd>S21.G00.40.007</dd>` as the single word `IdentifiantS21.G00.40.007`.
  let body = main.replace(BLOCK_END, '$1 ');
  // A data type page is found by its id; its name (`DSN_Code_Cotisation`, split into words by
  // Pagefind) and its values must not outrank the rubriques and blocks named with those words.
  if (e.type === 'type de données') body = `<div data-pagefind-weight="${DATATYPE_WEIGHT}">${body.replace(/<(\/?)h[1-6]\b/g, '<$1p')}</div>`;
  else if (e.type === 'rubrique') body = body.replace(/<table class="values">/g, `<table class="values" data-pagefind-weight="${VALUES_WEIGHT}">`);
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${esc(e.title)}</title></head><body><main data-pagefind-body>${searchData(e)}${body}</main></body></html>`;
}

/**
 * A record given to Pagefind directly (no page to read): a control, a version. Same search data
 * as the pages (searchData): metadata, weighted identifiers, filters, example mark.
 */
function customRecord(e: Entry, content: string, extraMeta: Record<string, string> = {}) {
  return {
    url: e.url,
    language: 'fr',
    content,
    meta: {
      title: e.title,
      type: e.type,
      famille: e.famName,
      version: e.versions.join(', '),
      id: e.id,
      ...(e.name ? { nom: e.name } : {}),
      cles: [e.id, ...idVariants(e.id)].join(' '),
      portee: e.scope,
      ...(coversMeta(e) ? { couvre: coversMeta(e) } : {}),
      ...(e.example ? { exemple: 'oui' } : {}),
      ...extraMeta,
    },
    filters: { type: [e.type], famille: [e.famName], version: e.versions, portee: [e.scope], couvre: e.covers.map((v) => coverKey(e.family, v)) } as Record<string, string[]>,
  };
}

/** A control: its message and rule, with the name of its rubrique; its words weigh less than the rubrique's (CONTROL_WEIGHT). */
function controlDocument(c: ControlEntry, e: Entry): string {
  const text = `<div data-pagefind-weight="${CONTROL_WEIGHT}"><p>${esc(c.control.message)}</p> <p>${esc(c.control.rule)}</p></div>`;
  return indexDocument(text, e).replace('<main data-pagefind-body>', `<main data-pagefind-body><span data-pagefind-meta="rubrique:${esc(c.rubrique.name)}"></span>`);
}

/** A version: its id, name, status, months of applicability and editions. */
function versionRecord(v: ResolvedVersion, e: Entry, statusLabel: Core['statusLabel']) {
  const app = v.meta.applicability;
  const content = [
    `${e.famName} ${v.id} ${v.meta.name}, ${statusLabel(v.meta.status)}.`,
    app ? `Mois principal déclaré de ${app.from} à ${app.to ?? 'la version suivante'}.` : '',
    v.meta.editions.length ? `Éditions du cahier technique : ${v.meta.editions.map((x) => x.id).join(', ')}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return customRecord(e, content);
}

function dirStats(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      const s = dirStats(p);
      files += s.files;
      bytes += s.bytes;
    } else {
      files++;
      bytes += statSync(p).size;
    }
  }
  return { files, bytes };
}

/** The reference version of each family for `month` (scope.ts). */
function references(registry: Registry, month: string, core: Core): Map<string, FamilyReference> {
  const refs = new Map<string, FamilyReference>();
  for (const fam of registry.families.values()) {
    const r = referenceVersion(fam, month, core.applicableVersion);
    if (r) refs.set(fam.id, r);
  }
  return refs;
}

/** The norm elements the index holds for `month` (blocks, rubriques, data types, controls), in index order. */
export function indexedElements(registry: Registry, month: string, core: Core): ScopedElement[] {
  return scopedElements(registry, references(registry, month, core));
}

/** Index the site into `outputPath` (default `outDir/pagefind/`). Throws on Pagefind errors. */
export async function buildSearchIndex(o: SearchIndexOptions): Promise<SearchIndexStats> {
  const t0 = performance.now();
  const refs = references(o.registry, o.month, o.core);
  const famName = (f: string) => o.registry.families.get(f)?.meta.name ?? f;

  const lexicon = o.lexicon ?? loadLexicon();
  const vocabulary = new VocabularyBuilder(lexicon);
  /** The lexicon's metadata of a record (its name first in `texts`); its words go to the vocabulary. */
  const lexiconMeta = (texts: string[], id?: string): Pick<Entry, 'lexique' | 'designe'> => {
    const m = lexiconMatch(lexicon, texts, id);
    vocabulary.add(texts, m.words);
    return { ...(m.words ? { lexique: m.words } : {}), ...(m.designates.length ? { designe: m.designates.join(' ; ') } : {}) };
  };
  const minifier = startMinifier();
  minifier.catch(() => {}); // awaited at the end
  const pagefind = await openPagefindIndex({ forceLanguage: 'fr', excludeSelectors: EXCLUDE_SELECTORS }, { oneProcessor: o.oneProcessor });
  const index = pagefind.index;
  if (!index) {
    await pagefind.close();
    throw new Error(`Pagefind : ${pagefind.errors.join(' ; ')}`);
  }
  const problems: string[] = [];
  const byType: Record<string, number> = {};
  const byScope: Record<Scope, number> = { actuelle: 0, autre: 0 };
  let pages = 0;
  let records = 0;
  let rendered = 0;
  let waitMs = 0;
  const count = (e: Entry) => {
    byType[e.type] = (byType[e.type] ?? 0) + 1;
    byScope[e.scope]++;
  };
  // A job prepares its record (page read or rendered), then returns what hands it to Pagefind.
  // Pagefind numbers the pages in the order they are handed over: the jobs of a batch are
  // prepared concurrently but handed over in their order, so that the index does not depend
  // on how long each page took to prepare.
  type Job = () => Promise<(() => Promise<void>) | undefined>;
  const addHtml = (label: string, content: string, e: Entry) => async () => {
    const r = await index.addHTMLFile({ url: e.url, content });
    if (r.errors.length) problems.push(`${label} : ${r.errors.join(' ; ')}`);
    pages++;
    count(e);
  };
  const readPage = async (file: string, e: Entry) => {
    const abs = path.join(o.outDir, file);
    const t = performance.now();
    const html = o.pageHtml ? await o.pageHtml(file) : existsSync(abs) ? readFileSync(abs, 'utf8') : undefined;
    waitMs = Math.max(waitMs, Math.round(performance.now() - t));
    if (html === undefined) {
      problems.push(`page absente : ${file}`);
      return undefined;
    }
    const content = pageForIndex(html, e);
    if (!content) {
      problems.push(`page sans <main> : ${file}`);
      return undefined;
    }
    return addHtml(file, content, e);
  };

  // Norm elements: batches of concurrent requests to the Pagefind service.
  const elements = o.elements ?? scopedElements(o.registry, refs);
  const jobs: Job[] = [];
  for (const s of elements) {
    const fam = o.registry.families.get(s.family)!;
    const v = fam.versions.get(s.version)!;
    const base = { family: s.family, famName: famName(s.family), versions: [s.version], scope: s.scope, covers: s.covers, id: s.id, type: s.type, example: v.meta.example === true };
    if (s.type === 'contrôle') {
      const c = v.controls.get(s.id)!;
      const url = urls.element(s.family, s.version, c.rubrique.id) + '#' + encodeURIComponent(s.id).replace(/%2F/gi, '/');
      const e: Entry = { ...base, url, title: `${s.id}` };
      jobs.push(async () => async () => {
        const r = await index.addHTMLFile({ url: e.url, content: controlDocument(c, e) });
        if (r.errors.length) problems.push(`${s.id} : ${r.errors.join(' ; ')}`);
        records++;
        count(e);
      });
      continue;
    }
    // The record's page: its kind says where it is (src/site/render/kinds.ts).
    const { file, url } = recordPage(s)!;
    let title: string;
    let name: string | undefined;
    let texts: string[];
    const values = (datatype: string) => (v.datatypes.get(datatype)?.values ?? []).map((x) => x.label);
    if (s.type === 'type de données') {
      const t = v.datatypes.get(s.id)!;
      title = t.name && t.name !== s.id ? `${s.id} ${t.name}` : s.id;
      texts = [t.name ?? '', ...values(s.id)];
    } else if (s.type === 'bloc') {
      name = v.blocks.get(s.id)!.name;
      title = `${s.id} ${name}`;
      texts = [name];
    } else {
      const r = v.rubriques.get(s.id)!.rubrique;
      name = r.name;
      title = `${s.id} ${name}`;
      texts = [name, r.technicalName ?? '', ...values(r.datatype)];
    }
    const e: Entry = { ...base, url, title, name, ...lexiconMeta(texts, s.id) };
    const render = o.render;
    if (render) {
      jobs.push(async () => {
        rendered++;
        return addHtml(file, indexDocument(await render(s), e), e);
      });
    } else jobs.push(() => readPage(file, e));
  }

  // Fiches consignes (current revision): in the default scope when in force for the reference
  // version of their family or for the next one (a fiche written ahead of a new norm).
  const consignes = o.consignes ?? (existsSync(path.join(o.root, 'consignes')) ? o.core.loadConsignes(o.root, o.registry).consignes : []);
  for (const c of consignes) {
    const ref = refs.get(c.family)?.version;
    const order = [...(o.registry.families.get(c.family)?.versions.keys() ?? [])];
    const next = ref === undefined ? undefined : order[order.indexOf(ref) + 1];
    const inForce = c.meta.status === 'en vigueur';
    const texts = [c.meta.title, ...(c.meta.keywords ?? [])];
    const e: Entry = {
      url: `/consignes/${c.id}/`,
      type: 'fiche',
      family: c.family,
      famName: famName(c.family),
      versions: c.current.versions,
      scope: inForce && ref !== undefined && (c.current.versions.includes(ref) || (next !== undefined && c.current.versions.includes(next))) ? 'actuelle' : 'autre',
      covers: inForce ? c.current.versions : [],
      id: `n° ${c.id}`,
      title: `Fiche n° ${c.id} : ${c.meta.title}`,
      name: c.meta.title,
      themes: c.meta.themes,
      example: c.meta.example === true,
      ...lexiconMeta(texts),
      ...(c.meta.keywords?.length ? { motscles: c.meta.keywords.join(' ; ') } : {}),
    };
    jobs.push(() => readPage(`consignes/${c.id}/index.html`, e));
  }

  // Versions (found by their id: `P27V01` → its page first), in the default scope.
  for (const fam of o.registry.families.values()) {
    for (const v of fam.versions.values()) {
      const e: Entry = {
        url: urls.version(fam.id, v.id),
        type: 'version',
        family: fam.id,
        famName: famName(fam.id),
        versions: [v.id],
        scope: 'actuelle',
        covers: [ANY_READER],
        id: v.id,
        title: `${famName(fam.id)} ${v.id} : ${v.meta.name}`,
        name: v.meta.name,
        example: v.meta.example === true,
      };
      jobs.push(async () => async () => {
        const r = await index.addCustomRecord(versionRecord(v, e, o.core.statusLabel));
        if (r.errors.length) problems.push(`${v.id} : ${r.errors.join(' ; ')}`);
        records++;
        count(e);
      });
      // Its unused-elements report (an Astro page), found with the version.
      const unused = urls.unused(fam.id, v.id);
      const scope: Scope = refs.get(fam.id)?.version === v.id ? 'actuelle' : 'autre';
      // Shown to the readers of this version only (not `*` like the version itself).
      const ue: Entry = { ...e, url: unused, scope, covers: [v.id], id: `${v.id} inutilisés`, title: `Éléments inutilisés de ${famName(fam.id)} ${v.id}`, name: undefined };
      jobs.push(() => readPage(path.join(unused.slice(1), 'index.html'), ue));
    }
  }

  // Each job is handed to Pagefind as soon as it and the jobs before it are ready, without
  // waiting for Pagefind's answers: its service reads every request as it comes and indexes
  // them one after the other, so it is never left waiting while this thread (in the build, the
  // one that also writes the element pages) is busy. Jobs are prepared up to LOOKAHEAD ahead.
  const LOOKAHEAD = 256;
  const tAdd = performance.now();
  let tAdded: number;
  let outputPath: string;
  try {
    const prepared: (ReturnType<Job> | undefined)[] = [];
    const handed: Promise<void>[] = [];
    for (let i = 0; i < jobs.length; i++) {
      while (prepared.length < Math.min(jobs.length, i + LOOKAHEAD)) {
        const p = jobs[prepared.length]();
        p.catch(() => {}); // awaited below, in order
        prepared.push(p);
      }
      const hand = await prepared[i];
      prepared[i] = undefined;
      if (hand) {
        const p = hand();
        p.catch(() => {}); // awaited after the loop
        handed.push(p);
      }
    }
    await Promise.all(handed);
    tAdded = performance.now();
    if (problems.length) throw new Error(`index de recherche : ${problems.length} problème(s)\n` + problems.slice(0, 20).join('\n'));
    outputPath = o.outputPath ?? path.join(o.outDir, 'pagefind');
    rmSync(outputPath, { recursive: true, force: true });
    const w = await index.writeFiles({ outputPath });
    if (w.errors.length) throw new Error(`Pagefind : ${w.errors.join(' ; ')}`);
    writeFileSync(path.join(outputPath, VOCABULARY_FILE), JSON.stringify(vocabulary.build()));
    o.beforeClose?.(pagefind.pid);
  } finally {
    await pagefind.close();
  }
  for (const f of readdirSync(outputPath)) if (UNUSED_BUNDLE_FILES.test(f)) rmSync(path.join(outputPath, f));
  await minifyBundleScript(outputPath, minifier);
  writeHostHeaders(outputPath, o.outDir);
  const st = dirStats(outputPath);
  const ms = Math.round(performance.now() - t0);
  return { pages, records, byType, byScope, references: [...refs.values()], ...st, ms, addMs: Math.round(tAdded - tAdd), writeMs: Math.round(performance.now() - tAdded), rendered, waitMs };
}

// Standalone: re-index an existing build (development, benchmarks).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
  const outDir = path.resolve(process.argv[2] ?? path.join(root, 'dist'));
  const registryRoot = process.env.NORME_ROOT ? path.resolve(process.env.NORME_ROOT) : root;
  const core = (await import(pathToFileURL(path.join(root, 'src/core/index.ts')).href)) as Core;
  const { registry } = core.loadRegistry(registryRoot);
  const month = process.env.NORME_TODAY ?? core.monthOf(new Date());
  const outputPath = process.argv[3] ? path.resolve(process.argv[3]) : undefined;
  const s = await buildSearchIndex({ outDir, registry, root: registryRoot, month, core, outputPath });
  process.stdout.write(JSON.stringify(s, null, 2) + '\n');
}
