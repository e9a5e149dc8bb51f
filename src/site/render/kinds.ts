/**
 * The kinds of element pages — blocks and rubriques of a version, data types, permalinks —, one
 * entry each: its Astro route, its pages, its output file, its head, its body (rendered by
 * src/site/render/elements.ts), the template its layout comes from and what the search index
 * reads of it. Everything else reads this table: the build writes the pages of every kind
 * (src/site/write-pages.ts), the Astro routes list them (`routePaths`), the search index finds
 * the page of each of its records here (src/site/search/indexer.ts, src/site/build/worker.ts).
 *
 * Adding a kind: one entry in PAGE_KINDS, its render function in elements.ts, and its route file
 * in src/pages/ (`export const getStaticPaths = () => routePaths('<kind>')`, the same body as the
 * others). tests/site/page-kinds.test.ts checks that every kind is routed, written, and indexed
 * when it says so (docs/architecture.md).
 */
import { getSite, type Site, type SiteFamily, type SiteVersion } from '../data.ts';
import { citingFichesHtml } from '../consignes.ts';
import { datatypePage, elementPage, permalinkPage } from './elements.ts';
import { historyHeading } from '../html.ts';
import { urls } from '../urls.ts';
import { contributeHtml, elementSourceHtml, pageSourcesHtml } from './sources.ts';
import type { RecordType, ScopedElement } from '../search/scope.ts';

export interface Crumb {
  href?: string;
  label: string;
}

/** What Base.astro puts around a page's <main>. */
export interface PageHead {
  title: string;
  description?: string;
  crumbs: Crumb[];
  bodyClass?: string;
  /** URL path of the page (`/dsn/P26V01/S21.G00.40.007/`): its canonical link. */
  path: string;
}

export interface PageBody {
  main: string;
  /** The fiches consignes citing the element (consignes.ts citingFichesHtml), between `main` and `history`. */
  citing: string;
  history: string;
}

/** A record of the search index that has a page of its own (not a control: it is on its rubrique's page). */
export type PagedRecord = Pick<ScopedElement, 'type' | 'family' | 'version' | 'id'>;

export interface PageKind<P> {
  /** The Astro route of the kind, under src/pages/ (its getStaticPaths: `routePaths(kind)`). */
  route: string;
  /** Its template route: src/pages/0-gabarit/<shell>/[g].astro (the same imports, hence the same styles, as `route`). */
  shell: 'elements' | 'types';
  /** Its pages, in route order (Astro's `getStaticPaths` order). */
  pages(site: Site): P[];
  /** The route's parameters of a page. */
  params(p: P): Record<string, string>;
  /** Path of the page's file in the output, as Astro writes it. */
  file(p: P): string;
  head(p: P): Omit<PageHead, 'path'>;
  body(p: P): Promise<PageBody>;
  /**
   * The records of the search index that are pages of this kind (their <main> is read: none
   * if absent). `file` is the record's page (the same as `file` of that page), `page` the page
   * itself, and `main` what the index reads of its body.
   */
  search?: {
    types: readonly RecordType[];
    file(r: PagedRecord): string;
    url(r: PagedRecord): string;
    page(site: Site, r: PagedRecord): P;
    main(b: PageBody): string;
  };
}

/** File of the page of a block, rubrique or data type of a version (`dsn/P26V01/S21.G00.40.007/index.html`). */
const versionFile = (family: string, version: string, id: string) => `${family}/${version}/${id}/index.html`;
const datatypeFile = (family: string, version: string, id: string) => `${family}/${version}/types/${id}/index.html`;
const versionOf = (site: Site, r: PagedRecord): SiteVersion => {
  const sv = site.family.get(r.family)?.byId.get(r.version);
  if (!sv) throw new Error(`version inconnue du site : ${r.family} ${r.version}`);
  return sv;
};
/** The latest version of a family holding a block or rubrique (the one its permalink shows). */
const lastIn = (family: SiteFamily, kind: 'block' | 'rubrique', id: string) => family.byId.get(family.presence[kind].get(id)!.lastIn)!;

type VersionElement = { sv: SiteVersion; kind: 'block' | 'rubrique'; id: string };
type DatatypePage = { sv: SiteVersion; id: string };
type Permalink<K extends 'block' | 'rubrique'> = { family: SiteFamily; kind: K; id: string };

/** The page kinds, in the order the build writes them. */
export const PAGE_KINDS = {
  /** `/{family}/{version}/{blockId}/` and `/{family}/{version}/{rubriqueId}/`. */
  element: kind<VersionElement>({
    route: 'src/pages/[family]/[version]/[element]/index.astro',
    shell: 'elements',
    pages: (site) =>
      site.families.flatMap((family) =>
        family.versions.flatMap((sv) => [
          ...[...sv.v.blocks.keys()].map((id): VersionElement => ({ sv, kind: 'block', id })),
          ...[...sv.v.rubriques.keys()].map((id): VersionElement => ({ sv, kind: 'rubrique', id })),
        ]),
      ),
    params: (p) => ({ family: p.sv.family.id, version: p.sv.id, element: p.id }),
    file: (p) => versionFile(p.sv.family.id, p.sv.id, p.id),
    head: ({ sv, kind, id }) => {
      const f = sv.family.id;
      const famName = sv.family.fam.meta.name;
      const block = kind === 'block' ? sv.v.blocks.get(id)! : sv.v.rubriques.get(id)!.block;
      const name = kind === 'block' ? block.name : sv.v.rubriques.get(id)!.rubrique.name;
      return {
        title: `${id} ${name} (${sv.id})`,
        description: `${kind === 'block' ? 'Bloc' : 'Rubrique'} ${id} « ${name} » de la norme ${famName} ${sv.id}.`,
        crumbs: [
          { href: '/', label: 'Accueil' },
          { href: urls.family(f), label: famName },
          { href: urls.version(f, sv.id), label: sv.id },
          ...(kind === 'rubrique' ? [{ href: urls.element(f, sv.id, block.id), label: block.id }] : []),
          { label: id },
        ],
        bodyClass: kind === 'rubrique' ? 'page-rubrique' : 'page-bloc',
      };
    },
    body: async (p) => {
      const body = await elementPage(p.sv, p.kind, p.id);
      return { ...body, citing: await citingFichesHtml(p.sv.family.id, p.id, p.sv.id), history: body.history + elementSources(p.sv, p.kind, p.id, urls.element(p.sv.family.id, p.sv.id, p.id)) };
    },
    search: {
      types: ['bloc', 'rubrique'],
      file: (r) => versionFile(r.family, r.version, r.id),
      url: (r) => urls.element(r.family, r.version, r.id),
      page: (site, r) => ({ sv: versionOf(site, r), kind: r.type === 'bloc' ? 'block' : 'rubrique', id: r.id }),
      // The history (like the citing fiches) is excluded from the index (EXCLUDE_SELECTORS of
      // src/site/search/indexer.ts): its heading alone, for less text to hand to Pagefind.
      main: (b) => b.main + b.citing + historyHeading(2),
    },
  }),
  /** `/{family}/{version}/types/{datatypeId}/`. */
  datatype: kind<DatatypePage>({
    route: 'src/pages/[family]/[version]/types/[datatype]/index.astro',
    shell: 'types',
    pages: (site) => site.families.flatMap((family) => family.versions.flatMap((sv) => [...sv.v.datatypes.keys()].map((id) => ({ sv, id })))),
    params: (p) => ({ family: p.sv.family.id, version: p.sv.id, datatype: p.id }),
    file: (p) => datatypeFile(p.sv.family.id, p.sv.id, p.id),
    head: ({ sv, id }) => {
      const f = sv.family.id;
      const t = sv.v.datatypes.get(id)!;
      return {
        title: `Type ${id} (${sv.id})`,
        description: `Type de données ${id}${t.name && t.name !== id ? ` « ${t.name} »` : ''} de la norme ${sv.family.fam.meta.name} ${sv.id} : nature, longueur, format${t.values?.length ? `, ${t.values.length} valeurs` : ''} et rubriques qui l'utilisent.`,
        crumbs: [
          { href: '/', label: 'Accueil' },
          { href: urls.family(f), label: sv.family.fam.meta.name },
          { href: urls.version(f, sv.id), label: sv.id },
          { href: urls.datatypes(f, sv.id), label: 'Types' },
          { label: id },
        ],
      };
    },
    body: async (p) => ({ main: datatypePage(p.sv, p.id) + elementSources(p.sv, 'datatype', p.id, urls.datatype(p.sv.family.id, p.sv.id, p.id)), citing: '', history: '' }),
    search: {
      types: ['type de données'],
      file: (r) => datatypeFile(r.family, r.version, r.id),
      url: (r) => urls.datatype(r.family, r.version, r.id),
      page: (site, r) => ({ sv: versionOf(site, r), id: r.id }),
      main: (b) => pageMain(b),
    },
  }),
  /** `/{family}/rubriques/{id}/`: version-independent permalink. */
  permalinkRubrique: permalink('rubrique', 'src/pages/[family]/rubriques/[id]/index.astro', 'rubriques', urls.rubriquePermalink),
  /** `/{family}/blocs/{id}/`: version-independent permalink. */
  permalinkBlock: permalink('block', 'src/pages/[family]/blocs/[id]/index.astro', 'blocs', urls.blockPermalink),
};

/** A kind's entry, typed by its pages. */
function kind<P>(k: PageKind<P>): PageKind<P> {
  return k;
}

/** The permalinks of blocks or rubriques: the latest definition (or tombstone), then the history. */
function permalink<K extends 'block' | 'rubrique'>(k: K, route: string, dir: string, url: (family: string, id: string) => string): PageKind<Permalink<K>> {
  return {
    route,
    shell: 'elements',
    pages: (site) => site.families.flatMap((family) => [...family.presence[k].keys()].map((id) => ({ family, kind: k, id }))),
    params: (p) => ({ family: p.family.id, id: p.id }),
    file: (p) => `${p.family.id}/${dir}/${p.id}/index.html`,
    head: ({ family, kind, id }) => {
      const sv = lastIn(family, kind, id);
      const name = kind === 'block' ? sv.v.blocks.get(id)!.name : sv.v.rubriques.get(id)!.rubrique.name;
      const label = kind === 'block' ? 'Bloc' : 'Rubrique';
      const famName = family.fam.meta.name;
      return {
        title: `${label} ${id} ${name} (${famName}, toutes versions)`,
        description: `${label} ${id} « ${name} » de la norme ${famName} : définition dans la version la plus récente qui ${kind === 'block' ? 'le' : 'la'} contient et historique dans toutes les versions.`,
        crumbs: [{ href: '/', label: 'Accueil' }, { href: urls.family(family.id), label: family.fam.meta.name }, { label: `${label} ${id}` }],
        bodyClass: kind === 'rubrique' ? 'page-rubrique' : 'page-bloc',
      };
    },
    body: async (p) => {
      const body = await permalinkPage(p.family, p.kind, p.id);
      return { ...body, citing: await citingFichesHtml(p.family.id, p.id), history: body.history + elementSources(lastIn(p.family, p.kind, p.id), p.kind, p.id, url(p.family.id, p.id)) };
    },
  };
}

/** The whole <main>. */
export function pageMain(b: PageBody): string {
  return b.main + b.citing + b.history;
}

/** Sources and corrections of an element page (src/site/render/sources.ts): `sv` is the version shown, `url` the page's. */
function elementSources(sv: SiteVersion, kind: 'block' | 'rubrique' | 'datatype', id: string, url: string): string {
  const block = kind === 'block' ? id : kind === 'rubrique' ? sv.v.rubriques.get(id)!.block.id : undefined;
  const file = kind === 'datatype' ? sv.v.files.datatypes.get(id) : sv.v.files.blocks.get(block!);
  const what = `${kind === 'block' ? 'bloc' : kind === 'rubrique' ? 'rubrique' : 'type'} ${id} (${sv.family.fam.meta.name} ${sv.id})`;
  return pageSourcesHtml(versionSource(sv), contributeHtml(what, url, file));
}

/** The official source of the elements of a version: the same on each of its pages, rendered once. */
const sources = new WeakMap<SiteVersion, string>();
function versionSource(sv: SiteVersion): string {
  let html = sources.get(sv);
  if (html === undefined) sources.set(sv, (html = elementSourceHtml(sv.family.fam.meta.name, sv.family.id, sv.v)));
  return html;
}

// ---- Reading the table.

export type KindName = keyof typeof PAGE_KINDS;
type PageData<K extends KindName> = (typeof PAGE_KINDS)[K] extends PageKind<infer P> ? P : never;
/** A page of one kind. */
export type PageOf<K extends KindName> = PageData<K> & { route: K };
/** An element page of any kind. */
export type ElementPage = { [K in KindName]: PageOf<K> }[KindName];

export const KIND_NAMES = Object.keys(PAGE_KINDS) as KindName[];

/** The entry of a kind, for pages of any kind (each entry is typed by its own pages). */
export function kindEntry(k: KindName): PageKind<ElementPage> {
  return PAGE_KINDS[k] as unknown as PageKind<ElementPage>;
}

/** The entry of a page's kind. */
export const kindOf = (p: ElementPage) => kindEntry(p.route);

/** The pages of one kind. */
export function pagesOf<K extends KindName>(site: Site, k: K): PageOf<K>[] {
  return kindEntry(k).pages(site).map((p) => ({ ...p, route: k }) as PageOf<K>);
}

/** Every element page of the site, kind after kind. */
export async function allElementPages(): Promise<ElementPage[]> {
  const site = await getSite();
  return KIND_NAMES.flatMap((k) => pagesOf(site, k) as ElementPage[]);
}

/** The kind whose pages are the records of this type of the search index; undefined if none (controls, fiches, versions). */
export function searchKind(type: RecordType): KindName | undefined {
  return KIND_NAMES.find((k) => kindEntry(k).search?.types.includes(type));
}

/** The page of a record of the search index: its file and URL; undefined for a record with no page of its own. */
export function recordPage(r: PagedRecord): { kind: KindName; file: string; url: string } | undefined {
  const kind = searchKind(r.type);
  const search = kind && kindEntry(kind).search;
  return search ? { kind, file: search.file(r), url: search.url(r) } : undefined;
}

/** What the search index reads of a page (its kind's `search.main`); undefined if the index does not read the kind. */
export function indexMainOf(p: ElementPage, body: PageBody): string | undefined {
  return kindOf(p).search?.main(body);
}

/** What the search index reads of the page of a record, rendered (when the build does not write the pages: `--astro-pages`). */
export async function renderIndexMain(r: PagedRecord): Promise<string> {
  const kind = searchKind(r.type);
  if (!kind) throw new Error(`pas de page pour un enregistrement « ${r.type} » (${r.id})`);
  const k = kindEntry(kind);
  return k.search!.main(await k.body(k.search!.page(await getSite(), r)));
}
