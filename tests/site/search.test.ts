/**
 * Search (Pagefind, French) on the built site, in real Chromium: a table of queries with the
 * expected first result (identifiers, words, stemming, accents, fiches, control messages),
 * the default scope (version applicable today) and its switch, the filters, the header box
 * and the page without JavaScript.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { applicableVersion, loadRegistry, monthOf } from '../../src/core/index.ts';
import { referenceVersion, scopedElements } from '../../src/site/search/scope.ts';
import { PROJECT_ROOT, axeViolations, launchBrowser, usePage } from './helpers.ts';
import { defaultDsnVersion } from './search-relevance.ts';

const base = inject('siteUrl');
const dist = inject('distDir');
const ui = usePage();
/** The DSN version searched by default, as the built /recherche/ page states it. */
let cur: string;

beforeAll(() => {
  cur = defaultDsnVersion(dist);
});

async function search(q: string, params = ''): Promise<void> {
  await ui.page.goto(`${base}/recherche/?q=${encodeURIComponent(q)}${params}`);
  await ui.page.waitForSelector('#recherche[data-state="done"], #recherche[data-state="error"]', { timeout: 30_000 });
  expect(await ui.page.locator('#recherche').getAttribute('data-state')).toBe('done');
}

/** The shown results: url, type and scope of each. */
const hits = () =>
  ui.page.$$eval('#search-results > li', (lis) => lis.map((li) => ({ url: li.getAttribute('data-url')!, type: li.getAttribute('data-type')!, portee: li.getAttribute('data-portee')! })));

/** Click « Afficher plus » until every result is listed. */
async function showAll() {
  for (let i = 0; i < 50 && (await ui.page.locator('#search-more').isVisible()); i++) {
    const n = await ui.page.locator('#search-results > li').count();
    await ui.page.click('#search-more');
    await ui.page.waitForFunction((k) => document.querySelectorAll('#search-results > li').length > k, n);
  }
}

describe('recherche', () => {
  test('pertinence : le premier résultat attendu pour chaque requête', async () => {
    const el = (id: string) => `/dsn/${cur}/${id}/`;
    const table: [string, string | RegExp, string][] = [
      ['S21.G00.40.007', el('S21.G00.40.007'), 'identifiant de rubrique'],
      ['S21.G00.40', el('S21.G00.40'), 'identifiant de bloc (avant ses rubriques)'],
      ['40.007', el('S21.G00.40.007'), 'forme courte bloc.rubrique'],
      ['s21 g00 40 007', el('S21.G00.40.007'), 'identifiant tapé sans points'],
      ['S21.G00.40.007/CCH-11', `${el('S21.G00.40.007')}#S21.G00.40.007/CCH-11`, 'contrôle avec sa rubrique'],
      ['CCH-11', /\/#S\d\d\.G\d\d\.\d\d\.\d{3}\/CCH-11$/, 'identifiant de contrôle seul : un contrôle CCH-11'],
      ['nature du contrat', el('S21.G00.40.007'), 'libellé exact'],
      ['DSN_NatureContrat', new RegExp(`^/(dsn/${cur}|pasrau/[^/]+)/types/DSN_NatureContrat/$`), 'identifiant de type de données'],
      ['cotisations individuelles', el('S21.G00.81'), 'racinisation : « Cotisation individuelle »'],
      ['base assujettie declaree a tort retraite complementaire', el('S21.G00.84'), 'accents facultatifs'],
      ['arrêt de travail', el('S21.G00.60'), 'libellé de bloc avant les fiches qui en parlent'],
      ['signaler la reprise', '/consignes/9006/', 'mots du titre d\'une fiche'],
      ["NIC de l'émetteur clé SIRET", `${el('S10.G00.01.002')}#S10.G00.01.002/CCH-11`, 'mots du message d\'un contrôle'],
      ['P27V01', '/dsn/P27V01/', 'identifiant de version'],
      ['p24v01', '/dsn/P24V01/', 'version retirée, en minuscules : toujours dans la portée par défaut'],
    ];
    const got: string[] = [];
    const want: string[] = [];
    for (const [q, expected, why] of table) {
      await search(q);
      const first = (await hits())[0]?.url ?? '(aucun résultat)';
      const ok = typeof expected === 'string' ? first === expected : expected.test(first);
      got.push(`${q} → ${ok ? 'ok' : first} (${why})`);
      want.push(`${q} → ok (${why})`);
    }
    expect(got).toEqual(want);

    // A control result leads to its row in the rubrique's table of controls.
    await search('S21.G00.40.007/CCH-11');
    await ui.page.click('#search-results > li:first-child a.search-title');
    await ui.page.waitForURL(/#S21\.G00\.40\.007\/CCH-11$/);
    expect(await ui.page.evaluate(() => document.getElementById(decodeURIComponent(location.hash.slice(1)))?.closest('table')?.className)).toBe('controls');
  });

  test('portée : la version applicable par défaut, les autres versions seulement là où l\'élément diffère', async () => {
    // Preconditions read from the registry: S21.G00.40.007 differs in other versions,
    // S21.G00.40.067 is the same in every version that has it (only one record). (Not S21.G00.40.009 any
    // more: the official P19V01 tables, edition 2019.1.2, give it controls whose rule P24V01 changed.)
    const { registry } = loadRegistry(PROJECT_ROOT);
    const month = process.env.NORME_TODAY ?? monthOf(new Date());
    const refs = new Map([...registry.families.values()].map((f) => [f.id, referenceVersion(f, month, applicableVersion)!]));
    const records = scopedElements(registry, refs).filter((e) => e.family === 'dsn' && e.type === 'rubrique');
    const versionsOf = (id: string) => records.filter((e) => e.id === id).map((e) => e.version);
    const older = versionsOf('S21.G00.40.007').filter((v) => v !== cur);
    expect(older.length).toBeGreaterThan(0);
    expect(versionsOf('S21.G00.40.067')).toEqual([cur]);
    expect([...registry.families.get('dsn')!.versions.values()].filter((v) => v.rubriques.has('S21.G00.40.067')).length).toBeGreaterThan(1);

    // Default scope: nothing from another version.
    await search('S21.G00.40.007');
    const defaultCount = Number((await ui.page.locator('#search-status').innerText()).match(/^(\d+)/)![1]);
    await showAll();
    const inDefault = await hits();
    expect(inDefault.length).toBe(defaultCount);
    expect(inDefault.filter((h) => h.portee !== 'actuelle')).toEqual([]);
    expect(inDefault.filter((h) => /^\/dsn\//.test(h.url) && !h.url.startsWith(`/dsn/${cur}/`))).toEqual([]);

    // The switch widens to the other versions where the rubrique differs; the current one stays first.
    await ui.page.check('#search-all');
    await ui.page.waitForSelector('#recherche[data-state="done"]');
    expect(ui.page.url()).toContain('portee=toutes');
    await showAll();
    const all = await hits();
    expect(all.length).toBeGreaterThan(defaultCount);
    expect(all[0].url).toBe(`/dsn/${cur}/S21.G00.40.007/`);
    const pagesOf40007 = all.filter((h) => /^\/dsn\/[^/]+\/S21\.G00\.40\.007\/$/.test(h.url)).map((h) => h.url.split('/')[2]);
    expect(pagesOf40007.sort()).toEqual([cur, ...older].sort());

    // An unchanged rubrique has no copy from the other versions, even with the switch.
    await search('S21.G00.40.067', '&portee=toutes');
    expect(await ui.page.isChecked('#search-all')).toBe(true);
    await showAll();
    expect((await hits()).filter((h) => /\/S21\.G00\.40\.067\/$/.test(h.url)).map((h) => h.url)).toEqual([`/dsn/${cur}/S21.G00.40.067/`]);
  });

  test('filtres : type, famille, version et thème ; l\'adresse garde le choix', async () => {
    await search('contrat');
    await ui.page.waitForSelector('#recherche[data-counts="done"]');
    const types = await ui.page.$$eval('#search-type option', (os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(types).toEqual(['', 'bloc', 'contrôle', 'fiche', 'rubrique', 'type de données']);
    await ui.page.selectOption('#search-type', 'bloc');
    await ui.page.waitForSelector('#recherche[data-state="done"]');
    expect(new URL(ui.page.url()).searchParams.get('type')).toBe('bloc');
    const blocs = await hits();
    expect(blocs.length).toBeGreaterThan(0);
    expect(blocs.filter((h) => h.type !== 'bloc')).toEqual([]);

    // Theme (fiches) from the address.
    await search('déclarer', '&type=fiche&theme=' + encodeURIComponent('arrêt de travail'));
    expect(await ui.page.inputValue('#search-theme')).toBe('arrêt de travail');
    const fiches = await hits();
    expect(fiches.length).toBeGreaterThan(0);
    expect(fiches.every((h) => h.type === 'fiche' && h.url.startsWith('/consignes/'))).toBe(true);

    // Family and version options come with their counts.
    await ui.page.waitForSelector('#recherche[data-counts="done"]');
    expect(await ui.page.$$eval('#search-famille option', (os) => os.map((o) => o.textContent))).toContainEqual(expect.stringMatching(/^DSN \(\d+\)$/));
    await search('S21.G00.40.007', '&portee=toutes&version=P25V01');
    expect((await hits()).every((h) => !h.url.startsWith('/dsn/') || h.url.startsWith('/dsn/P25V01/'))).toBe(true);
    expect(await axeViolations(ui.page)).toEqual([]);
  });

  test('la case de l\'en-tête donne les mêmes premiers résultats, au clavier', async () => {
    await ui.page.goto(base + '/consignes/');
    await ui.page.fill('#searchbox-q', '40.007');
    await ui.page.waitForSelector('form[data-searchbox][data-state="done"]');
    const panel = ui.page.locator('#searchbox-panel');
    expect(await panel.isVisible()).toBe(true);
    expect(await ui.page.getAttribute('#searchbox-q', 'aria-expanded')).toBe('true');
    const first = ui.page.locator('#searchbox-panel .search-hit').first();
    expect(await first.getAttribute('data-url')).toBe(`/dsn/${cur}/S21.G00.40.007/`);
    expect(await first.locator('.search-meta').innerText()).toMatch(new RegExp(`rubrique\\s+DSN · ${cur}`));
    expect(await ui.page.locator('#searchbox-status').innerText()).toMatch(/^\d+ résultats dans la version applicable/);
    expect(await axeViolations(ui.page)).toEqual([]);

    // ↓ goes into the list, Échap closes it and returns to the box.
    await ui.page.press('#searchbox-q', 'ArrowDown');
    expect(await ui.page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe(`/dsn/${cur}/S21.G00.40.007/`);
    await ui.page.keyboard.press('Escape');
    expect(await panel.isVisible()).toBe(false);
    expect(await ui.page.evaluate(() => document.activeElement?.id)).toBe('searchbox-q');

    // Entrée opens the search page with the same query and the same first result.
    await ui.page.press('#searchbox-q', 'Enter');
    await ui.page.waitForURL(/\/recherche\/\?q=40\.007$/);
    await ui.page.waitForSelector('#recherche[data-state="done"]');
    expect((await hits())[0].url).toBe(`/dsn/${cur}/S21.G00.40.007/`);
  });

  test('une fiche d\'exemple est signalée comme telle dans les résultats, une rubrique réelle non', async () => {
    const badges = () =>
      ui.page.$$eval('#search-results > li', (lis) => lis.map((li) => [li.getAttribute('data-url'), li.querySelector('.badge.example')?.textContent ?? null]));
    await search('signaler la reprise');
    const [first] = await badges();
    expect(first).toEqual(['/consignes/9006/', 'Exemple — ne constitue pas une consigne officielle']);
    await search('S21.G00.40.007');
    expect((await badges())[0]).toEqual([`/dsn/${cur}/S21.G00.40.007/`, null]);
    // The header box shows the same mark.
    await ui.page.goto(base + '/');
    await ui.page.fill('#searchbox-q', 'signaler la reprise');
    await ui.page.waitForSelector('form[data-searchbox][data-state="done"]');
    const hit = ui.page.locator('#searchbox-panel .search-hit[data-url="/consignes/9006/"]');
    expect(await hit.locator('.badge.example').innerText()).toBe('Exemple — ne constitue pas une consigne officielle');
    expect(await axeViolations(ui.page)).toEqual([]);
  });

  test('case de l\'en-tête tapée au clavier : les résultats suivent les touches, ceux de la requête complète restent', async () => {
    const p = await ui.browser.context.newPage();
    try {
      await p.goto(base + '/consignes/');
      const chunks = () => p.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/pagefind/index/')).length);
      await p.click('#searchbox-q');
      // The engine loads on focus (its filter index is its last file).
      await p.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('/pagefind/filter/')));
      await p.waitForTimeout(100);
      // A word of 1–2 letters waits for a pause: no index chunk requested while typing it.
      await p.keyboard.type('co', { delay: 30 });
      await p.waitForTimeout(100);
      expect(await chunks()).toBe(0);
      // From 3 letters, each key searches at once; the last query's results are the ones shown.
      await p.keyboard.type('tisations', { delay: 40 });
      await p.waitForFunction(() => {
        const f = document.querySelector<HTMLFormElement>('form[data-searchbox]')!;
        return f.dataset.state === 'done' && f.dataset.query === 'cotisations';
      });
      expect(await p.locator('#searchbox-panel .search-hit').count()).toBeGreaterThan(0);
      expect(await chunks()).toBeGreaterThan(0);
      // Typing on: results of the new query replace the old ones, never the reverse.
      await p.keyboard.type(' S21.G00.40.007', { delay: 20 });
      await p.waitForFunction(() => document.querySelector<HTMLFormElement>('form[data-searchbox]')!.dataset.query === 'cotisations S21.G00.40.007');
      await p.waitForTimeout(500);
      expect(await p.getAttribute('form[data-searchbox]', 'data-query')).toBe('cotisations S21.G00.40.007');
    } finally {
      await p.close();
    }
  });

  test('sans JavaScript, la page explique et renvoie aux listes', async () => {
    const noJs = await launchBrowser({ javaScriptEnabled: false });
    try {
      const p = await noJs.context.newPage();
      // The header box submits here without JavaScript.
      await p.goto(base + '/consignes/');
      await p.fill('#searchbox-q', 'S21.G00.40.007');
      await p.press('#searchbox-q', 'Enter');
      await p.waitForURL(/\/recherche\/\?q=S21\.G00\.40\.007$/);
      expect(await p.locator('#recherche').isVisible()).toBe(false);
      const notice = p.locator('.search-nojs');
      expect(await notice.isVisible()).toBe(true);
      expect(await notice.innerText()).toContain('La recherche a besoin de JavaScript');
      expect(await notice.locator(`a[href="/dsn/${cur}/"]`).count()).toBe(1);
      expect(await notice.locator('a[href="/consignes/"]').count()).toBe(1);
    } finally {
      await noJs.close();
    }
  });

  test("page ouverte depuis un lien : l'en-tête nomme les fichiers de l'index et les modules, chacun demandé une fois", async () => {
    const html = readFileSync(path.join(dist, 'recherche/index.html'), 'utf8');
    const head = html.slice(0, html.indexOf('</head>'));
    const hash = JSON.parse(readFileSync(path.join(dist, 'pagefind/pagefind-entry.json'), 'utf8')).languages.fr.hash as string;
    const preloads = [...head.matchAll(/<link rel="(?:module)?preload" href="([^"]+)"/g)].map((m) => m[1]);
    expect(preloads).toEqual(expect.arrayContaining([`/pagefind/pagefind-entry.json?ts=${hash}`, `/pagefind/pagefind.${hash}.pf_meta`, '/pagefind/wasm.fr.pagefind', '/pagefind/pagefind.js', '/calendrier.json']));
    expect(html).not.toContain('__NORME_PAGEFIND_HASH__');
    // The page's script and every module it imports, so that none waits for the one importing it.
    const modules = preloads.filter((u) => u.startsWith('/_astro/'));
    expect(modules.some((u) => /\/ui\.[\w-]+\.js$/.test(u))).toBe(true);
    for (const u of preloads) expect(readdirSync(path.join(dist, path.dirname(u.split('?')[0]))), u).toContain(path.basename(u.split('?')[0]));
    // Each preload is the request the scripts make (same address and mode): nothing is fetched twice.
    const p = await ui.browser.context.newPage();
    try {
      const urls: string[] = [];
      p.on('request', (r) => urls.push(new URL(r.url()).pathname + new URL(r.url()).search));
      await p.goto(`${base}/recherche/?q=${encodeURIComponent('nature du contrat')}`);
      await p.waitForSelector('#recherche[data-state="done"]', { timeout: 30_000 });
      for (const u of preloads) expect(urls.filter((x) => x === u), u).toHaveLength(1);
      expect(urls.filter((x) => x.startsWith('/pagefind/pagefind-entry.json'))).toEqual([`/pagefind/pagefind-entry.json?ts=${hash}`]);
      // The mark the bench measures: the results on screen (markPainted, src/site/search/ui.ts).
      await p.waitForFunction(() => performance.getEntriesByName('recherche-painted').length === 1, null, { timeout: 5_000 });
    } finally {
      await p.close();
    }
  });

  test('index léger : moins de la moitié des éléments de toutes les versions, bundle sans les interfaces inutilisées', () => {
    const entry = JSON.parse(readFileSync(path.join(dist, 'pagefind/pagefind-entry.json'), 'utf8'));
    const indexed = entry.languages.fr.page_count as number;
    const { registry } = loadRegistry(PROJECT_ROOT);
    let elementPages = 0;
    for (const f of registry.families.values()) for (const v of f.versions.values()) elementPages += v.blocks.size + v.rubriques.size + v.datatypes.size + v.controls.size;
    expect(indexed).toBeLessThan(elementPages / 2);
    const bundle = readdirSync(path.join(dist, 'pagefind'));
    expect(bundle).toContain('pagefind.js');
    expect(bundle.filter((f) => /ui\.(js|css)$|highlight/.test(f))).toEqual([]);
  });
});
