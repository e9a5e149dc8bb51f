/**
 * The files of the search bundle that the /recherche/ page fetches before its first search,
 * named in its head so that the browser fetches them with the page, not one after the other
 * (Pagefind reads `pagefind-entry.json`, then the metadata file it names, then the index).
 *
 * The metadata file is named after the index (`pagefind.fr_<hash>.pf_meta`), built while
 * Astro renders the pages: the page carries a marker (META_HASH_MARK) where the hash goes,
 * written in once the bundle is in the output (`pinSearchBundle`, src/site/integration.ts).
 * The same hash is Pagefind's `metaCacheTag` on that page (`pagefind-entry.json?ts=<hash>`: a
 * fixed address that the head can preload, and a new one for each new index). Without an index
 * (`--no-search`), the preload of the metadata is taken out and the marker stays in the
 * entry's address (Pagefind then says the index is missing, as before).
 *
 * The page's scripts are modules that import shared chunks, which import others (`ui`, `now`,
 * `urls`…): the browser finds each level only once the one above is parsed. The head also
 * names them all (`modulepreload`), found in the built files.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Stands for the index's hash (`fr_aed5e7cdd1`) in the built page until the bundle exists. */
export const META_HASH_MARK = '__NORME_PAGEFIND_HASH__';
/** The page whose head preloads the bundle. */
export const SEARCH_PAGE_FILE = 'recherche/index.html';

/** Addresses the head of /recherche/ preloads (`hash`: META_HASH_MARK at render time). */
export const bundleUrls = (hash: string = META_HASH_MARK) => ({
  entry: `/pagefind/pagefind-entry.json?ts=${hash}`,
  meta: `/pagefind/pagefind.${hash}.pf_meta`,
});

/** Static imports of a built module (`import{a}from"./ui.X.js"`, `import"./now-page.Y.js"`), not `import()`. */
const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*["'](\.\/[^"']+\.js)["']/g;

/** Every module the page's module scripts import, directly or not, as site paths (`/_astro/ui.X.js`). */
export function importedModules(outDir: string, html: string): string[] {
  const scripts = [...html.matchAll(/<script type="module" src="(\/[^"]+\.js)"/g)].map((m) => m[1]);
  const seen = new Set<string>();
  const walk = (url: string) => {
    const file = path.join(outDir, url);
    if (!existsSync(file)) return;
    for (const m of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
      const dep = path.posix.join(path.posix.dirname(url), m[1]);
      if (seen.has(dep) || scripts.includes(dep)) continue;
      seen.add(dep);
      walk(dep);
    }
  };
  for (const s of scripts) walk(s);
  return [...seen];
}

/**
 * Writes the index's hash into the search page of a built site (`outDir`), or takes the
 * metadata preload out when there is no index, and names the modules its scripts import.
 * Returns the hash written, or null.
 */
export function pinSearchBundle(outDir: string, language = 'fr'): string | null {
  const page = path.join(outDir, SEARCH_PAGE_FILE);
  if (!existsSync(page)) return null;
  const entryFile = path.join(outDir, 'pagefind', 'pagefind-entry.json');
  const hash: string | undefined = existsSync(entryFile) ? JSON.parse(readFileSync(entryFile, 'utf8')).languages?.[language]?.hash : undefined;
  const html = readFileSync(page, 'utf8');
  let out = hash
    ? html.replaceAll(META_HASH_MARK, hash)
    : html.replace(new RegExp(`<link[^>]*href="${bundleUrls().meta.replace(/[.?]/g, '\\$&')}"[^>]*>`), '');
  const preloads = importedModules(outDir, out).filter((u) => !out.includes(`<link rel="modulepreload" href="${u}"`));
  out = out.replace('</head>', `${preloads.map((u) => `<link rel="modulepreload" href="${u}">`).join('')}</head>`);
  if (out !== html) writeFileSync(page, out);
  return hash ?? null;
}
