/**
 * The registry of element page kinds (src/site/render/kinds.ts) on the real registry and the
 * built site: every kind has its Astro route and its template, every one of its pages is
 * written by the build, and the search index holds the records of the kinds it reads (and no
 * page of the others). A kind added to the registry without being routed, written or indexed
 * as it says fails here.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import * as core from '../../src/core/index.ts';
import { getSite, type Site } from '../../src/site/data.ts';
import { KIND_NAMES, kindEntry, pagesOf, recordPage, searchKind, type ElementPage } from '../../src/site/render/kinds.ts';
import { pageFile, pageHead, TEMPLATE_DIR } from '../../src/site/render/pages.ts';
import { indexedElements } from '../../src/site/search/indexer.ts';
import type { RecordType } from '../../src/site/search/scope.ts';
import { PROJECT_ROOT } from './helpers.ts';

const dist = inject('distDir');
let site: Site;
/** URL of every record of the built search index (its fragments). */
let indexed: Set<string>;

beforeAll(async () => {
  site = await getSite();
  const dir = path.join(dist, 'pagefind', 'fragment');
  indexed = new Set(
    readdirSync(dir).map((f) => {
      const text = gunzipSync(readFileSync(path.join(dir, f))).toString('utf8');
      return (JSON.parse(text.slice(text.indexOf('{'))) as { url: string }).url;
    }),
  );
});

describe("sortes de pages d'éléments", () => {
  test('chaque sorte a sa route Astro (routePaths de la sorte) et son gabarit', () => {
    expect(KIND_NAMES).toEqual(['element', 'datatype', 'permalinkRubrique', 'permalinkBlock']);
    for (const k of KIND_NAMES) {
      const { route, shell } = kindEntry(k);
      expect(readFileSync(path.join(PROJECT_ROOT, route), 'utf8'), route).toContain(`export const getStaticPaths = () => routePaths('${k}');`);
      expect(existsSync(path.join(PROJECT_ROOT, 'src/pages', TEMPLATE_DIR, shell, '[g].astro')), `${k} : gabarit ${shell}`).toBe(true);
    }
  });

  test('chaque page de chaque sorte est écrite par la construction', () => {
    for (const k of KIND_NAMES) {
      const pages = pagesOf(site, k) as ElementPage[];
      expect(pages.length, k).toBeGreaterThan(10);
      const missing = pages.map(pageFile).filter((f) => !existsSync(path.join(dist, f)));
      expect(missing, k).toEqual([]);
    }
  });

  test("l'index tient les enregistrements des sortes qu'il lit, à l'adresse de leur page, et aucune page des autres", () => {
    // Every record type but the controls (on their rubrique's page) has its page kind; fiches and versions are Astro pages.
    const types: RecordType[] = ['bloc', 'rubrique', 'type de données', 'contrôle'];
    expect(Object.fromEntries(types.map((t) => [t, searchKind(t)]))).toEqual({ bloc: 'element', rubrique: 'element', 'type de données': 'datatype', contrôle: undefined });
    const month = JSON.parse(readFileSync(path.join(dist, 'releases.json'), 'utf8')).month as string;
    const records = indexedElements(site.registry, month, core).filter((r) => r.type !== 'contrôle');
    for (const k of KIND_NAMES) {
      const search = kindEntry(k).search;
      if (!search) {
        const inIndex = (pagesOf(site, k) as ElementPage[]).filter((p) => indexed.has(pageHead(p).path));
        expect(inIndex.map(pageFile), k).toEqual([]);
        continue;
      }
      const own = records.filter((r) => search.types.includes(r.type));
      expect(own.length, k).toBeGreaterThan(100);
      for (const r of own) {
        const where = recordPage(r)!;
        // The page the index reads is the page the build writes, and the record points at it.
        expect(where.file, `${k} ${r.id}`).toBe(kindEntry(k).file(search.page(site, r)));
        expect(indexed.has(where.url), `${k} : ${where.url} absent de l'index`).toBe(true);
      }
    }
  });
});
