/**
 * The one in-process hand-off of the site build: what the build integration
 * (src/site/integration.ts) gives the site's modules (the registry already loaded by its worker,
 * whether it writes the element pages itself), what they give back (the HTML of the pages the
 * worker needs), and the caches of the site model shared by every page of a build.
 *
 * One process loads the site's modules several times (Astro's config loader, the bundle of the
 * pages, Node's own import in the worker): module state is not shared between those copies,
 * hence one slot on globalThis, here and nowhere else.
 */
import type { BuildOptions, BuildReport, LoadedConsignes, LoadedRegistry } from './protocol.ts';

export type { BuildOptions, LoadedConsignes, LoadedRegistry } from './protocol.ts';

export const DEFAULT_OPTIONS: BuildOptions = { search: true, externalPages: true, nice: true, pin: true };


export interface BuildContext {
  options: BuildOptions;
  /** The registry (and fiches) of `root`, loaded once by the build's worker. */
  preloaded?: { root: string; registry: Promise<LoadedRegistry>; consignes: Promise<LoadedConsignes> };
  /** True while a build writes the element pages itself (src/site/render/pages.ts). */
  externalPages: boolean;
  /** Called by the middleware with the HTML of each page Astro renders (src/site/build/middleware.ts). */
  onPageHtml?: (pathname: string, html: string) => void;
  /** The registry's errors, formatted, when it has some (the build then fails: src/site/data.ts). */
  registryErrors?: string[];
  /** The step of the build that failed, if one did. */
  failure?: { summary: string; cause: string };
  /** What the build did, once `astro build` is over (scripts/build.mjs prints it). */
  report?: BuildReport;
  /** Caches of the site model, one per name, shared by every page of the build. */
  cache: Map<string, unknown>;
}

const SLOT = Symbol.for('norme.build');

/** The build context of this thread (created empty on first use). */
export function buildContext(): BuildContext {
  const g = globalThis as { [SLOT]?: BuildContext };
  return (g[SLOT] ??= { options: { ...DEFAULT_OPTIONS }, externalPages: false, cache: new Map() });
}

/** A value computed once per build and shared by every page (`make` runs on first use). */
export function shared<T>(name: string, make: () => T): T {
  const cache = buildContext().cache;
  if (!cache.has(name)) cache.set(name, make());
  return cache.get(name) as T;
}
