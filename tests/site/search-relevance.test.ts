/**
 * The relevance table (tests/site/search-relevance.ts) through the real UI in Chromium: each
 * query on /recherche/?q=…, its first results read from the page; the test fails when a
 * query's expected address falls out of its first `k` results. The "done when"
 * queries are also typed into the header box, which must show the same first results.
 */
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { usePage } from './helpers.ts';
import { CATEGORY_LABELS, RELEVANCE, defaultDsnVersion, pct, rankOf, scores, wanted } from './search-relevance.ts';

const base = inject('siteUrl');
const dist = inject('distDir');
const ui = usePage();
let cur: string;

beforeAll(() => {
  cur = defaultDsnVersion(dist);
});

/** The first `n` result addresses of the search page for `q`. */
async function pageResults(q: string, n = 3): Promise<string[]> {
  await ui.page.goto(`${base}/recherche/?q=${encodeURIComponent(q)}`);
  await ui.page.waitForSelector('#recherche[data-state="done"], #recherche[data-state="error"]', { timeout: 30_000 });
  return ui.page.$$eval('#search-results > li', (lis, k) => lis.slice(0, k).map((li) => li.getAttribute('data-url')!), n);
}

describe('pertinence de la recherche', () => {
  test(`table de ${RELEVANCE.length} requêtes : chaque réponse attendue dans ses k premiers résultats`, async () => {
    const ranks: { x: (typeof RELEVANCE)[number]; rank: number; got: string[] }[] = [];
    for (const x of RELEVANCE) {
      const got = await pageResults(x.q);
      ranks.push({ x, rank: rankOf(x, cur, got), got });
    }
    const summary = scores(ranks)
      .map((s) => `${CATEGORY_LABELS[s.cat]} : top-1 ${pct(s.top1, s.n)}, top-3 ${pct(s.top3, s.n)} (${s.n})`)
      .join('\n');
    process.stderr.write(`[recherche] pertinence (${cur}) :\n${summary}\n`);
    const misses = ranks
      .filter((r) => r.rank === 0 || r.rank > r.x.k)
      .map((r) => `[${r.x.cat}] « ${r.x.q} » : attendu ${wanted(r.x, cur).join(' ou ')} dans les ${r.x.k} premiers (${r.x.why}) ; obtenu ${r.got.join(', ') || 'aucun résultat'}`);
    expect(misses).toEqual([]);
  });

  test("requêtes de l'issue tapées dans la case de l'en-tête : les mêmes premiers résultats que la page", async () => {
    const done = RELEVANCE.filter((x) => x.done);
    expect(done.map((x) => x.q)).toEqual(['CDI', 'NIR', 'taux PAS', "contrat d'apprentissage", 'licenciement économique', 'salaire brut', 'contart de travail', 'S21.G00.40.084']);
    const got: string[] = [];
    const want: string[] = [];
    for (const x of done) {
      const fromPage = await pageResults(x.q);
      await ui.page.goto(base + '/consignes/');
      await ui.page.fill('#searchbox-q', x.q);
      await ui.page.waitForFunction((q) => {
        const f = document.querySelector<HTMLFormElement>('form[data-searchbox]')!;
        return f.dataset.state === 'done' && f.dataset.query === q;
      }, x.q);
      const fromBox = await ui.page.$$eval('#searchbox-panel .search-hit', (lis) => lis.slice(0, 3).map((li) => li.getAttribute('data-url')!));
      const rank = rankOf(x, cur, fromBox);
      got.push(`${x.q} → ${fromBox.join(', ')} ; dans les 3 premiers : ${rank >= 1 && rank <= 3}`);
      want.push(`${x.q} → ${fromPage.join(', ')} ; dans les 3 premiers : true`);
    }
    expect(got).toEqual(want);
  });

  test("second niveau et « vouliez-vous dire » : ce qui vient d'une autre version ou d'une correction est dit", async () => {
    // S21.G00.40.084 exists only in P27V01 (CT2027, Fields): its page first, marked as such.
    await pageResults('S21.G00.40.084');
    const first = ui.page.locator('#search-results > li').first();
    expect(await first.getAttribute('data-url')).toBe('/dsn/P27V01/S21.G00.40.084/');
    expect(await first.getAttribute('data-tier')).toBe('2');
    expect(await first.locator('.badge.retired').innerText()).toBe('hors version applicable');
    expect(await ui.page.locator('#search-status').innerText()).toContain('dans une autre version que la version applicable');
    // A typo: the corrected words are searched, and the status line says which.
    await pageResults('contart de travail');
    expect(await ui.page.locator('#search-status').innerText()).toContain('vouliez-vous dire « contrat de travail » ?');
    // A question without any record holding all its words: the records with some of them, said so.
    await pageResults('quelle est la date de naissance du xylophone');
    expect(await ui.page.locator('#search-status').innerText()).toContain('aucun résultat avec tous les mots');
  });
});
