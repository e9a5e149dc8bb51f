/**
 * The site build (src/site/integration.ts): the element pages, written by the build's worker
 * thread into the layout Astro renders (src/site/render/pages.ts explains why). Pages are
 * rendered as soon as the site model is ready; they are written as soon as Astro has rendered
 * the template pages, the first of its build. Each template is rendered for two pages: the
 * layout must be the same for both (sameShell), or the build stops.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { allElementPages, fillShell, pageBody, pageMain, pageFile, pageHead, sameShell, shellFrom, TEMPLATE_DIR, TEMPLATE_FILES, type ElementPage, type Shell } from './render/pages.ts';
import { indexMainOf, kindOf } from './render/kinds.ts';

export interface WritePagesOptions {
  outDir: string;
  /** The HTML of a page Astro renders (path in the output), undefined if Astro renders no such page. */
  pageHtml: (file: string) => Promise<string | undefined>;
  /**
   * Pages to render first, in this order (those the search index reads, in the order it hands
   * them to Pagefind: it can then start sooner and finish sooner); undefined for the others.
   */
  first?: (p: ElementPage) => number | undefined;
  /** Called with the pages to write, before the first one is rendered. */
  onList?: ((pages: ElementPage[]) => void) | null;
  /** Called with what the search index reads of each page of a kind it reads (indexMainOf). */
  onPage?: ((p: ElementPage, indexMain: string) => void) | null;
}

export interface WritePagesStats {
  pages: number;
  /** Milliseconds from the start: templates read, every page rendered. */
  shellsAtMs: number;
  renderedAtMs: number;
  /** Folder of the template pages in the output, to remove once the pages are written. */
  templateDir: string;
  /** Time spent waiting for the templates after every page was rendered. */
  waitMs: number;
  ms: number;
}

/**
 * Longest stretch of rendering and writing between two pauses of this thread, in ms. In the
 * build, the search index runs in the same thread and hands its documents to Pagefind's process
 * through a pipe that holds 64 KiB: what does not fit is written only when this thread pauses.
 * With a pause every 64 pages (40 to 80 ms), Pagefind waited for documents most of the time
 * while the pages were rendered (docs/performance.md).
 */
const SLICE_MS = 4;

export async function writeBuildPages(o: WritePagesOptions): Promise<WritePagesStats> {
  const t0 = performance.now();
  const shellOf = async (files: readonly [string, string]): Promise<Shell> => {
    const shells = await Promise.all(
      files.map(async (rel) => {
        const html = await o.pageHtml(rel);
        if (html === undefined) throw new Error(`gabarit des pages absent de la construction d'Astro : ${rel}`);
        return shellFrom(html, rel);
      }),
    );
    return sameShell(shells[0], shells[1]);
  };
  let shells: Record<keyof typeof TEMPLATE_FILES, Shell> | undefined;
  let shellsAtMs = 0;
  const ready = Promise.all([shellOf(TEMPLATE_FILES.elements), shellOf(TEMPLATE_FILES.types)]).then(([elements, types]) => {
    shellsAtMs = Math.round(performance.now() - t0);
    shells = { elements, types };
  });
  ready.catch(() => {});
  // Folders are created as pages are rendered (no need for the templates): creating files is
  // slow on some file systems, and the templates come when Astro starts writing its pages.
  const dirs = new Set<string>();
  const mkdir = (p: ElementPage) => {
    const dir = path.dirname(path.join(o.outDir, pageFile(p)));
    if (!dirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      dirs.add(dir);
    }
  };
  const write = (p: ElementPage, main: string) => {
    writeFileSync(path.join(o.outDir, pageFile(p)), fillShell(shells![kindOf(p).shell], pageHead(p), main));
  };
  const pending: [ElementPage, string][] = [];
  const all = await allElementPages();
  const first = o.first;
  const rank = first ? new Map(all.map((p) => [p, first(p)])) : undefined;
  const pages = rank ? [...all.filter((p) => rank.get(p) !== undefined).sort((a, b) => rank.get(a)! - rank.get(b)!), ...all.filter((p) => rank.get(p) === undefined)] : all;
  o.onList?.(pages);
  let sliceStart = performance.now();
  const pause = async () => {
    if (performance.now() - sliceStart < SLICE_MS) return;
    await new Promise((r) => setImmediate(r));
    sliceStart = performance.now();
  };
  for (let i = 0; i < pages.length; i++) {
    const p = pages[i];
    const body = await pageBody(p);
    if (o.onPage) {
      const indexMain = indexMainOf(p, body);
      if (indexMain !== undefined) o.onPage(p, indexMain);
    }
    mkdir(p);
    pending.push([p, pageMain(body)]);
    if (shells) for (const [q, m] of pending.splice(0)) write(q, m);
    await pause();
  }
  const tw = performance.now();
  await ready;
  const waitMs = Math.round(performance.now() - tw);
  // The pages rendered before the templates came.
  for (const [q, m] of pending.splice(0)) {
    write(q, m);
    await pause();
  }
  return { pages: pages.length, shellsAtMs, renderedAtMs: Math.round(tw - t0), templateDir: TEMPLATE_DIR, waitMs, ms: Math.round(performance.now() - t0) };
}
