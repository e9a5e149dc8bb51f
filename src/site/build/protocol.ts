/**
 * Messages between the build integration (main thread, src/site/integration.ts) and its worker
 * thread (src/site/build/worker.ts), and what the build reports once done.
 */
import type { SearchIndexStats } from '../search/indexer.ts';
import type { WritePagesStats } from '../write-pages.ts';
import type { ConsignesResult, Diagnostic, Registry } from '../../core/index.ts';

/** What the build does; the defaults are the published site (scripts/bench/build-variant.mjs changes them for measures). */
export interface BuildOptions {
  /** Build the Pagefind index (false: a site without search, measures only). */
  search: boolean;
  /** The worker writes the element pages into the shell (false: Astro renders every page). */
  externalPages: boolean;
  /** Lowest priority for the worker thread while it indexes (Linux). */
  nice: boolean;
  /** Pagefind on one processor (pagefind-service.ts). */
  pin: boolean;
}

export interface LoadedRegistry {
  registry: Registry;
  diagnostics: Diagnostic[];
}

export type LoadedConsignes = ConsignesResult;

/** `workerData` of the worker. */
export interface WorkerInput {
  /** Root of the registry (contains norm/ and consignes/). */
  root: string;
  /** Astro's output folder, where the worker writes the element pages. */
  outDir: string;
  /** Where the worker writes the search bundle (moved to outDir/pagefind/ when the build is over). */
  searchOut: string;
  options: BuildOptions;
}

/** Search statistics, with the CPU of the worker and of Pagefind's process. */
export type SearchReport = (SearchIndexStats & { off?: false; workerCpuMs: number; pagefindCpuMs: number | null }) | { off: true; workerCpuMs: number };

/** Worker → main thread. */
export type FromWorker =
  | ({ type: 'registry'; errors: string[] } & LoadedRegistry)
  | { type: 'consignes'; consignes: LoadedConsignes }
  | { type: 'pages'; stats: WritePagesStats }
  | { type: 'search'; stats: SearchReport }
  | { type: 'failed'; step: 'pages' | 'search'; message: string; stack?: string };

/** Main thread → worker. */
export type ToWorker =
  /** The HTML of a page Astro has rendered (`file`: its path in the output, `0-gabarit/…/index.html`). */
  | { type: 'page'; file: string; html: string }
  /** `astro build` has rendered every page: pages never sent will not come. */
  | { type: 'rendered' };

/**
 * Whether the worker needs the HTML of the page at `pathname`, and when Astro renders it
 * (src/site/integration.ts renders these first): 0 the templates of the element pages, 1 the
 * fiches consignes and the versions' unused-elements reports (read by the index); null: not needed.
 */
export function workerPageRank(pathname: string): 0 | 1 | null {
  if (pathname.startsWith('/0-gabarit/')) return 0;
  if (pathname.startsWith('/consignes/') || /^\/[^/]+\/[^/]+\/inutilises\/$/.test(pathname)) return 1;
  return null;
}
export const pageForWorker = (pathname: string) => workerPageRank(pathname) !== null;

/** What the build did, for scripts/build.mjs and the bench (times in ms since the integration started). */
export interface BuildReport {
  loadMs: number;
  astroMs: number;
  pages: WritePagesStats | null;
  search: SearchReport;
  /** Part of the index after Astro's pages (the rest overlaps them). */
  searchAfterMs: number;
}
