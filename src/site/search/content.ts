/**
 * What the search index reads of the norm pages (blocks, rubriques, data types), rendered by
 * the site's own render functions (src/site/render/elements.ts) instead of being read back
 * from the built HTML: the index can then be built while Astro writes the pages
 * (scripts/build.mjs). The pages' <main> holds these fragments and, on block and rubrique
 * pages, the fiches citing the element: excluded from the index (EXCLUDE_SELECTORS in
 * indexer.ts), like the history, the version switcher, the usages and the controls table:
 * rendered here in the `index` mode of the render functions, which leaves them out (the
 * history is its heading alone; diffing every version of the family is left to the pages).
 * The index is then the same as from the built pages, byte for byte
 * (tests/site/search-build.test.ts).
 */
import { getSite } from '../data.ts';
import { datatypePage, elementPage } from '../render/elements.ts';
import type { ScopedElement } from './scope.ts';

/** The inner HTML of an element page's <main>, as far as the index is concerned. */
export type PageRenderer = (s: ScopedElement) => string | Promise<string>;

/** Renderer over the site model of this process (src/site/data.ts: same registry, same "today"). */
export async function siteRenderer(): Promise<PageRenderer> {
  const site = await getSite();
  return async (s) => {
    const sv = site.family.get(s.family)?.byId.get(s.version);
    if (!sv) throw new Error(`version inconnue du site : ${s.family} ${s.version}`);
    if (s.type === 'type de données') return datatypePage(sv, s.id, 'index');
    if (s.type === 'bloc' || s.type === 'rubrique') {
      const page = await elementPage(sv, s.type === 'bloc' ? 'block' : 'rubrique', s.id, 'index');
      return page.main + page.history;
    }
    throw new Error(`pas de page pour un enregistrement « ${s.type} » (${s.id})`);
  };
}
