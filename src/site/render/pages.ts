/**
 * The norm element pages — blocks and rubriques of each version, data types, permalinks: 5 900
 * of the site's 6 300 pages. Each is a head (title, description, breadcrumbs, body class) and
 * a <main> rendered by src/site/render/elements.ts; their kinds are described in
 * src/site/render/kinds.ts, and this module renders any of them, for their Astro routes and for
 * the build, and fills the layout they share.
 *
 * The site build (src/site/integration.ts) writes these pages itself, in its worker thread, into
 * the layout Astro renders once per build (the template routes of src/pages/0-gabarit/):
 * Astro's machinery costs about 1 ms of CPU per page, which was the largest part of the build
 * (docs/performance.md). `astro dev` renders them through their Astro routes, and so does the
 * build with the option `externalPages: false` (scripts/bench/build-variant.mjs). Both ways give the same bytes (tests/site/element-pages.test.ts).
 */
import { breadcrumbsHtml, esc, headHtml } from './markup.ts';
import { buildContext } from '../build/context.ts';
import { getSite } from '../data.ts';
import { kindEntry, kindOf, pagesOf, type ElementPage, type KindName, type PageBody, type PageHead } from './kinds.ts';

export { allElementPages, pageMain, type Crumb, type ElementPage, type PageBody, type PageHead } from './kinds.ts';

/** Path of the page's file in the output, as Astro writes it. */
export function pageFile(p: ElementPage): string {
  return kindOf(p).file(p);
}

export function pageHead(p: ElementPage): PageHead {
  return { ...kindOf(p).head(p), path: '/' + pageFile(p).replace(/index\.html$/, '') };
}

/** The <main> of the page, in its parts. */
export function pageBody(p: ElementPage): Promise<PageBody> {
  return kindOf(p).body(p);
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
export const TEMPLATE_FILES = { elements: templateFiles('elements'), types: templateFiles('types') } as const;

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

/** `getStaticPaths` of the route of a page kind (src/pages/): none when the build writes the pages. */
export async function routePaths<K extends KindName>(k: K): Promise<{ params: Record<string, string>; props: { page: ElementPage } }[]> {
  if (writtenByBuild()) return [];
  return (pagesOf(await getSite(), k) as ElementPage[]).map((page) => ({ params: kindEntry(k).params(page), props: { page } }));
}

/** `getStaticPaths` of the template routes (src/pages/0-gabarit/): two pages in the site build, none elsewhere. */
export function templatePaths(): { params: { g: string } }[] {
  return writtenByBuild() ? TEMPLATE_PAGES.map((g) => ({ params: { g } })) : [];
}
