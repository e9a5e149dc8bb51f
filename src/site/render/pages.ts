/**
 * The norm element pages — blocks and rubriques of each version, data types, permalinks: 5 900
 * of the site's 6 300 pages. Each is a head (title, description, breadcrumbs, body class) and
 * a <main> rendered by src/site/render/elements.ts; this module is the one place that lists
 * them and renders them, for their Astro routes and for the build.
 *
 * The site build (src/site/integration.ts) writes these pages itself, in its worker thread, into
 * the layout Astro renders once per build (the template routes of src/pages/0-gabarit/):
 * Astro's machinery costs about 1 ms of CPU per page, which was the largest part of the build
 * (docs/performance.md). `astro dev` renders them through their Astro routes, and so does the
 * build with the option `externalPages: false` (scripts/bench/build-variant.mjs). Both ways give the same bytes (tests/site/element-pages.test.ts).
 */
import { getSite, type SiteFamily, type SiteVersion, type Site } from '../data.ts';
import { citingFichesHtml } from '../consignes.ts';
import { breadcrumbsHtml, esc, headHtml } from './markup.ts';
import { datatypePage, elementPage, permalinkPage } from './elements.ts';
import { historyHeading } from '../html.ts';
import { urls } from '../urls.ts';
import { buildContext } from '../build/context.ts';
import { contributeHtml, elementSourceHtml, pageSourcesHtml } from './sources.ts';

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

export type ElementPage =
  | { route: 'element'; sv: SiteVersion; kind: 'block' | 'rubrique'; id: string }
  | { route: 'datatype'; sv: SiteVersion; id: string }
  | { route: 'permalink'; family: SiteFamily; kind: 'block' | 'rubrique'; id: string };


/** Every element page of the site, in route order (Astro's `getStaticPaths` order). */
export function elementPages(site: Site): { element: ElementPage[]; datatype: ElementPage[]; permalinkRubrique: ElementPage[]; permalinkBlock: ElementPage[] } {
  const element: ElementPage[] = [];
  const datatype: ElementPage[] = [];
  for (const family of site.families) {
    for (const sv of family.versions) {
      for (const id of sv.v.blocks.keys()) element.push({ route: 'element', sv, kind: 'block', id });
      for (const id of sv.v.rubriques.keys()) element.push({ route: 'element', sv, kind: 'rubrique', id });
      for (const id of sv.v.datatypes.keys()) datatype.push({ route: 'datatype', sv, id });
    }
  }
  const permalinkRubrique = site.families.flatMap((family) => [...family.presence.rubrique.keys()].map((id): ElementPage => ({ route: 'permalink', family, kind: 'rubrique', id })));
  const permalinkBlock = site.families.flatMap((family) => [...family.presence.block.keys()].map((id): ElementPage => ({ route: 'permalink', family, kind: 'block', id })));
  return { element, datatype, permalinkRubrique, permalinkBlock };
}

/** File of the page of a block, rubrique or data type of a version, as Astro writes it (`dsn/P26V01/S21.G00.40.007/index.html`). */
export function versionElementFile(family: string, version: string, kind: 'block' | 'rubrique' | 'datatype', id: string): string {
  return kind === 'datatype' ? `${family}/${version}/types/${id}/index.html` : `${family}/${version}/${id}/index.html`;
}

/** Path of the page's file in the output, as Astro writes it. */
export function pageFile(p: ElementPage): string {
  if (p.route === 'element') return versionElementFile(p.sv.family.id, p.sv.id, p.kind, p.id);
  if (p.route === 'datatype') return versionElementFile(p.sv.family.id, p.sv.id, 'datatype', p.id);
  return `${p.family.id}/${p.kind === 'rubrique' ? 'rubriques' : 'blocs'}/${p.id}/index.html`;
}

export function pageHead(p: ElementPage): PageHead {
  return { ...headOf(p), path: '/' + pageFile(p).replace(/index\.html$/, '') };
}

function headOf(p: ElementPage): Omit<PageHead, 'path'> {
  if (p.route === 'element') {
    const { sv, kind, id } = p;
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
  }
  if (p.route === 'datatype') {
    const { sv, id } = p;
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
  }
  const { family, kind, id } = p;
  const sv = family.byId.get(family.presence[kind].get(id)!.lastIn)!;
  const name = kind === 'block' ? sv.v.blocks.get(id)!.name : sv.v.rubriques.get(id)!.rubrique.name;
  const label = kind === 'block' ? 'Bloc' : 'Rubrique';
  const famName = family.fam.meta.name;
  return {
    title: `${label} ${id} ${name} (${famName}, toutes versions)`,
    description: `${label} ${id} « ${name} » de la norme ${famName} : définition dans la version la plus récente qui ${kind === 'block' ? 'le' : 'la'} contient et historique dans toutes les versions.`,
    crumbs: [{ href: '/', label: 'Accueil' }, { href: urls.family(family.id), label: family.fam.meta.name }, { label: `${label} ${id}` }],
    bodyClass: kind === 'rubrique' ? 'page-rubrique' : 'page-bloc',
  };
}

/**
 * What the search index reads of a block, rubrique or data type page: its <main> with the
 * history reduced to its heading — the history (like the citing fiches) is excluded from the index anyway
 * (EXCLUDE_SELECTORS of src/site/search/indexer.ts), so the index is the same as from the
 * page, for less text to hand to Pagefind (tests/site/search-build.test.ts).
 */
export function indexMainOf(p: ElementPage, body: PageBody): string {
  return p.route === 'element' ? body.main + body.citing + historyHeading(2) : pageMain(body);
}

export interface PageBody {
  main: string;
  /** The fiches consignes citing the element (consignes.ts citingFichesHtml), between `main` and `history`. */
  citing: string;
  history: string;
}

/** The <main> of the page, in its parts. */
export async function pageBody(p: ElementPage): Promise<PageBody> {
  if (p.route === 'element') {
    const body = await elementPage(p.sv, p.kind, p.id);
    return { ...body, citing: await citingFichesHtml(p.sv.family.id, p.id, p.sv.id), history: body.history + elementSources(p) };
  }
  if (p.route === 'datatype') return { main: datatypePage(p.sv, p.id) + elementSources(p), citing: '', history: '' };
  const body = await permalinkPage(p.family, p.kind, p.id);
  return { ...body, citing: await citingFichesHtml(p.family.id, p.id), history: body.history + elementSources(p) };
}

/** Sources and corrections of an element page (src/site/render/sources.ts). */
function elementSources(p: ElementPage): string {
  const sv = p.route === 'permalink' ? p.family.byId.get(p.family.presence[p.kind].get(p.id)!.lastIn)! : p.sv;
  const kind = p.route === 'datatype' ? 'datatype' : p.kind;
  const block = kind === 'block' ? p.id : kind === 'rubrique' ? sv.v.rubriques.get(p.id)!.block.id : undefined;
  const file = kind === 'datatype' ? sv.v.files.datatypes.get(p.id) : sv.v.files.blocks.get(block!);
  const what = `${kind === 'block' ? 'bloc' : kind === 'rubrique' ? 'rubrique' : 'type'} ${p.id} (${sv.family.fam.meta.name} ${sv.id})`;
  const url = p.route === 'permalink' ? (p.kind === 'rubrique' ? urls.rubriquePermalink(sv.family.id, p.id) : urls.blockPermalink(sv.family.id, p.id)) : p.route === 'datatype' ? urls.datatype(sv.family.id, sv.id, p.id) : urls.element(sv.family.id, sv.id, p.id);
  return pageSourcesHtml(versionSource(sv), contributeHtml(what, url, file));
}

/** The official source of the elements of a version: the same on each of its pages, rendered once. */
const sources = new WeakMap<SiteVersion, string>();
function versionSource(sv: SiteVersion): string {
  let html = sources.get(sv);
  if (html === undefined) sources.set(sv, (html = elementSourceHtml(sv.family.fam.meta.name, sv.family.id, sv.v)));
  return html;
}

/** The whole <main>. */
export function pageMain(b: PageBody): string {
  return b.main + b.citing + b.history;
}

// ---- The layout rendered once by Astro, filled by the build for each page.

/** Placeholders of the template routes (src/pages/0-gabarit/): letters only, left as they are by escaping. */
export const TEMPLATE = {
  title: 'NORMEGABARITTITRE',
  description: 'NORMEGABARITDESCRIPTION',
  crumb: 'NORMEGABARITFILARIANE',
  bodyClass: 'NORMEGABARITCLASSE',
  path: 'NORMEGABARITCHEMIN',
  main: 'NORMEGABARITCONTENU',
} as const;

/**
 * Template pages in the output: with the styles of the citing fiches (block, rubrique and
 * permalink pages: consignes.css), without (data types). Each template route renders two pages
 * (TEMPLATE_PAGES), which must give the same layout (sameShell). Named to come first in Astro's
 * build order (static routes by name): the build writes the element pages as soon as they are there.
 */
export const TEMPLATE_DIR = '0-gabarit';
export const TEMPLATE_PAGES = ['page', 'autre-page'] as const;
const templateFiles = (dir: string) => TEMPLATE_PAGES.map((g) => `${TEMPLATE_DIR}/${dir}/${g}/index.html`) as unknown as readonly [string, string];
export const TEMPLATE_FILES = { withCiting: templateFiles('elements'), plain: templateFiles('types') } as const;

export interface Shell {
  /** The template page it was cut from. */
  file: string;
  /** The template cut at its placeholders: [before head, between head and body class, …]. */
  parts: string[];
}

/** Cut a template page at its placeholders; an error names what is missing (a change of Base.astro). */
export function shellFrom(html: string, file: string): Shell {
  const markers = [
    headHtml(TEMPLATE.title, TEMPLATE.description),
    `${TEMPLATE.path}/`,
    ` class="${TEMPLATE.bodyClass}"`,
    breadcrumbsHtml([{ label: TEMPLATE.crumb }]),
    TEMPLATE.main,
  ];
  const parts: string[] = [];
  let rest = html;
  for (const m of markers) {
    const i = rest.indexOf(m);
    if (i < 0 || rest.indexOf(m, i + 1) >= 0) throw new Error(`${file} : le gabarit des pages doit contenir une fois « ${m} » (Base.astro modifié ?)`);
    parts.push(rest.slice(0, i));
    rest = rest.slice(i + m.length);
  }
  parts.push(rest);
  return { file, parts };
}

/**
 * The shell of two renders of one template route, for two different pages: the same, or the
 * layout depends on the page (it reads `Astro.url`, say), and the pages the build writes would
 * all carry what it rendered for the template. What differs is quoted; a tag of its own for each
 * page goes through the placeholders (TEMPLATE, fillShell).
 */
export function sameShell(a: Shell, b: Shell): Shell {
  const x = a.parts.join('\u0000');
  const y = b.parts.join('\u0000');
  if (x === y) return a;
  let i = 0;
  while (x[i] === y[i]) i++;
  // The tag where they part (at most 80 characters before, 40 after).
  const from = Math.max(0, i - 80, x.lastIndexOf('<', i));
  const at = (s: string) => {
    const end = s.indexOf('>', i);
    return s.slice(from, end < 0 || end > i + 40 ? i + 40 : end + 1).replaceAll('\u0000', '…');
  };
  throw new Error(
    `Base.astro dépend de la page : « ${at(x)} » dans ${a.file}, « ${at(y)} » dans ${b.file}. ` +
      'Ce que chaque page a en propre passe par les repères du gabarit (TEMPLATE et fillShell, src/site/render/pages.ts).',
  );
}

/** A page in its layout: what Base.astro renders around `main`. */
export function fillShell(shell: Shell, head: PageHead, main: string): string {
  const [a, b, c, d, e, f] = shell.parts;
  // The canonical link's path as Base.astro writes it (`new URL(path, site)`: percent-encoded), after the site's URL.
  const canonicalPath = new URL(head.path, 'https://gabarit.invalid').pathname.slice(1);
  return a + headHtml(head.title, head.description) + b + esc(canonicalPath) + c + (head.bodyClass ? ` class="${esc(head.bodyClass)}"` : '') + d + breadcrumbsHtml(head.crumbs) + e + main + f;
}

// ---- Which pages Astro renders.

/** Set by the build integration: the build writes the element pages itself (see the top of this module). */
export function writtenByBuild(): boolean {
  return buildContext().externalPages;
}

type RouteName = keyof ReturnType<typeof elementPages>;

/** The pages of one element route, for its `getStaticPaths`: none when the build writes them. */
export async function astroPages(route: RouteName): Promise<ElementPage[]> {
  return writtenByBuild() ? [] : elementPages(await getSite())[route];
}

/** `getStaticPaths` of the template routes (src/pages/0-gabarit/): two pages in the site build, none elsewhere. */
export function templatePaths(): { params: { g: string } }[] {
  return writtenByBuild() ? TEMPLATE_PAGES.map((g) => ({ params: { g } })) : [];
}

/** Every element page, for the build to write. */
export async function allElementPages(): Promise<ElementPage[]> {
  const all = elementPages(await getSite());
  return [...all.element, ...all.datatype, ...all.permalinkRubrique, ...all.permalinkBlock];
}
