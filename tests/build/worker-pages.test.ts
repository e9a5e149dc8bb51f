/**
 * src/site/integration.ts hands Astro its pages in an order of its own: first the templates of the
 * element pages (the worker waits for them), then the pages the search index reads (fiches,
 * unused-elements reports), then the others, each group in Astro's order.
 */
import { describe, expect, test } from 'vitest';
import { pageForWorker, workerPageRank } from '../../src/site/build/protocol.ts';
import { workerPagesFirst } from '../../src/site/integration.ts';

describe('pages du worker rendues en premier', () => {
  test('rang de chaque sorte de page', () => {
    expect(workerPageRank('/0-gabarit/elements/rubrique/')).toBe(0);
    expect(workerPageRank('/consignes/')).toBe(1);
    expect(workerPageRank('/consignes/arret-de-travail/')).toBe(1);
    expect(workerPageRank('/dsn/P26V01/inutilises/')).toBe(1);
    expect(workerPageRank('/dsn/P26V01/')).toBeNull();
    expect(workerPageRank('/dsn/P26V01/inutilises/extra/')).toBeNull();
    expect(workerPageRank('/recherche/')).toBeNull();
    expect(workerPageRank('/')).toBeNull();
    expect(pageForWorker('/consignes/')).toBe(true);
    expect(pageForWorker('/glossaire/')).toBe(false);
  });

  test('gabarits, puis pages lues par l’index, puis les autres, chaque groupe dans l’ordre d’Astro', () => {
    const paths = ['/', '/consignes/b/', '/dsn/P26V01/', '/0-gabarit/elements/bloc/', '/pasrau/2017.6/inutilises/', '/recherche/', '/consignes/a/', '/0-gabarit/elements/rubrique/'];
    const got = workerPagesFirst(paths.map((pathname, i) => ({ pathname, i }))).map((p) => p.pathname);
    expect(got).toEqual([
      '/0-gabarit/elements/bloc/',
      '/0-gabarit/elements/rubrique/',
      '/consignes/b/',
      '/pasrau/2017.6/inutilises/',
      '/consignes/a/',
      '/',
      '/dsn/P26V01/',
      '/recherche/',
    ]);
  });

  test('rien de perdu ni de doublé, objets rendus tels quels', () => {
    const paths = Array.from({ length: 50 }, (_, i) => ({ pathname: i % 7 === 0 ? `/0-gabarit/${i}/` : i % 5 === 0 ? `/consignes/${i}/` : `/p/${i}/` }));
    const got = workerPagesFirst(paths);
    expect(got).toHaveLength(paths.length);
    expect(new Set(got)).toEqual(new Set(paths));
  });
});
