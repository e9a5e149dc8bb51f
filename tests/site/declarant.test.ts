/**
 * The site for the declarant at a desk or on a phone: usages in words with their legend,
 * no horizontal overflow at 375 px, the applicable version computed from the reader's date.
 */
import { describe, expect, inject, test } from 'vitest';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { axeViolations, launchBrowser, listFiles, usePage } from './helpers.ts';

const base = inject('siteUrl');
const FORGE = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { repository: { url: string } }).repository.url;
const ui = usePage();

/**
 * Opens a page of the site. The search page paints its results and its filters after the load
 * event: what a test measures there (width, axe-core) is measured once they are on screen.
 */
async function visit(p: string): Promise<void> {
  await ui.page.goto(base + p);
  if (/^\/recherche\/\?q=./.test(p)) await ui.page.locator('#recherche[data-counts="done"]').waitFor({ state: 'attached' });
}

const PHONE_PAGES = [
  '/',
  '/dsn/P27V01/',
  '/dsn/P27V01/S21.G00.40/',
  '/dsn/P27V01/S21.G00.40.007/',
  '/dsn/P27V01/controles/',
  '/dsn/diff/P26V01...P27V01/',
  '/consignes/',
  '/autocontrole/',
  '/recherche/?q=contrat',
];

describe('usages lisibles', () => {
  test('page de bloc : usages en toutes lettres, légende des natures par leur nom, en-têtes collants', async () => {
    await ui.page.setViewportSize({ width: 1280, height: 900 });
    await ui.page.goto(base + '/dsn/P27V01/S21.G00.40/');
    const row = ui.page.locator('table.rubriques tr#S21\\.G00\\.40\\.001');
    // Visible words, not letters behind a tooltip (the official table: 01 DSN mensuelle → O).
    expect(await row.locator('td.usage').first().innerText()).toBe('Obligatoire');
    expect(await ui.page.locator('table.rubriques abbr[title]').count()).toBe(0);
    const legend = ui.page.locator('.usage-legend');
    expect(await legend.isVisible()).toBe(true);
    expect(await legend.locator('dt', { hasText: '01' }).locator('+ dd').innerText()).toBe('DSN mensuelle');
    expect(await legend.innerText()).toContain('Conditionnelle');
    expect(await ui.page.locator('table.rubriques thead th').first().evaluate((e) => getComputedStyle(e).position)).toBe('sticky');
  });

  test('page de rubrique : chaque nature nommée et son usage en mots', async () => {
    await ui.page.goto(base + '/dsn/P27V01/S21.G00.40.007/');
    const first = ui.page.locator('table.usages tbody tr').first();
    expect(await first.locator('th').innerText()).toBe('01 DSN mensuelle');
    expect(await first.locator('td .usage-word').innerText()).toMatch(/^(Obligatoire|Conditionnelle|Interdite|Non utilisée|Facultative)$/);
  });
});

describe('téléphone (375 × 812)', () => {
  for (const p of PHONE_PAGES) {
    test(`pas de défilement horizontal de la page : ${p}`, async () => {
      await ui.page.setViewportSize({ width: 375, height: 812 });
      await visit(p);
      const overflow = await ui.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  }

  test('usages visibles sans survol ; identifiants jamais coupés ; contrôles en fiches', async () => {
    await ui.page.setViewportSize({ width: 375, height: 812 });
    await ui.page.goto(base + '/dsn/P27V01/S21.G00.40/');
    const cell = ui.page.locator('table.rubriques tr#S21\\.G00\\.40\\.001 td.usage').first();
    await cell.scrollIntoViewIfNeeded();
    expect(await cell.isVisible()).toBe(true);
    expect(await cell.innerText()).toBe('Obligatoire');
    // An id is one line high: no break inside S21.G00.40.041.
    const code = ui.page.locator('table.rubriques tbody th code').first();
    const lineHeight = await code.evaluate((e) => parseFloat(getComputedStyle(e).lineHeight) || 20);
    expect((await code.boundingBox())!.height).toBeLessThan(lineHeight * 1.5);
    await ui.page.goto(base + '/dsn/P27V01/controles/');
    const rule = ui.page.locator('table.controls tbody tr').first().locator('td.rule-text');
    const box = (await rule.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(375);
  });

  test('320 px : filtres et champs tiennent dans l\'écran (fiches, auto-contrôle, recherche, accueil)', async () => {
    await ui.page.setViewportSize({ width: 320, height: 700 });
    for (const p of ['/consignes/', '/autocontrole/', '/recherche/?q=contrat', '/', '/dsn/P27V01/controles/', '/dsn/mois/']) {
      await visit(p);
      const overflow = await ui.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, p).toBeLessThanOrEqual(0);
    }
  });
});

describe('« applicable » calculé à la date du lecteur', () => {
  // The test site is built today (`npm test`, December 2026 when this was written); the reader's
  // clock says 15 January 2027, the first month of P27V01 (norm/dsn/P27V01/version.yaml: from 2027-01).
  test('accueil : version applicable en janvier 2027, P27V01 plus « à venir »', async () => {
    const p = await ui.browser.context.newPage();
    await p.clock.setFixedTime(new Date('2027-01-15T10:00:00'));
    await p.goto(base + '/');
    const label = p.locator('[data-now-label="dsn"]');
    await expect.poll(() => label.innerText()).toBe('Applicable en janvier 2027');
    expect(await p.locator('[data-now-answer="dsn"] a').innerText()).toBe('P27V01');
    expect(await p.locator('[data-now-note]').innerText()).toContain("d'après la date de votre appareil");
    // P27V01 (from 2027-01) no longer « à venir », DPAE (nature 10, from 2027-01) no longer deferred.
    const due = p.locator('[data-now-upcoming="dsn"] li[data-from="2027-01"]');
    expect(await due.count()).toBe(2);
    expect(await due.evaluateAll((els) => els.every((e) => (e as HTMLElement).hidden))).toBe(true);
    await p.close();
  });

  test('recherche : portée par défaut P27V01 (résultat sur la page P27V01, même pour un élément inchangé)', async () => {
    const p = await ui.browser.context.newPage();
    await p.clock.setFixedTime(new Date('2027-01-15T10:00:00'));
    await p.goto(base + '/recherche/?q=S21.G00.40.007');
    await expect.poll(() => p.locator('[data-now-ref="dsn"]').innerText()).toBe('DSN P27V01 (applicable en janvier 2027)');
    const first = p.locator('#search-results .search-hit').first();
    await first.waitFor();
    // Changed in P27V01 (its description): a record of its own.
    expect(await first.getAttribute('data-url')).toBe('/dsn/P27V01/S21.G00.40.007/');
    expect(await first.locator('.badge.retired').count()).toBe(0);
    // Unchanged from P26V01 to P27V01 (absent from `norme diff dsn/P26V01 dsn/P27V01`): one record, shown as P27V01's ui.page.
    await p.goto(base + '/recherche/?q=S21.G00.30.001');
    const unchanged = p.locator('#search-results .search-hit').first();
    await unchanged.waitFor();
    expect(await unchanged.getAttribute('data-url')).toBe('/dsn/P27V01/S21.G00.30.001/');
    expect(await unchanged.locator('.search-meta').innerText()).toContain('P27V01');
    expect(await p.locator('#search-results .search-hit[data-url^="/dsn/P26V01/"]').count()).toBe(0);
    // The month grid frames January 2027.
    await p.goto(base + '/dsn/mois/');
    await expect.poll(() => p.locator('[data-now-grid="dsn"] td.month-current a').getAttribute('href')).toBe('/dsn/mois/2027-01/');
    await p.close();
  });

  test('sans JavaScript : le texte de la construction reste et dit sa date', async () => {
    const nojs = await launchBrowser({ javaScriptEnabled: false });
    try {
      const p = await nojs.context.newPage();
      await p.goto(base + '/');
      expect(await p.locator('[data-now-note]').innerText()).toMatch(/d'après la date de construction du site \(\d{1,2} \S+ \d{4}\)/);
    } finally {
      await nojs.close();
    }
  });
});

describe('des mots, pas du jargon', () => {
  test('glossaire : les termes des pages, liés depuis les pages de bloc et de type', async () => {
    await ui.page.setViewportSize({ width: 1280, height: 900 });
    await ui.page.goto(base + '/glossaire/');
    for (const id of ['dsn', 'nature', 'usage', 'cardinalite', 'bloc', 'rubrique', 'nomenclature', 'jmn', 'inferee']) {
      expect(await ui.page.locator(`dt#${id}`).count(), id).toBe(1);
    }
    await ui.page.goto(base + '/dsn/P27V01/S21.G00.40/');
    expect(await ui.page.locator('.facts a[href="/glossaire/#cardinalite"]').innerText()).toBe('Cardinalité');
    expect(await ui.page.locator('.usage-legend a[href="/glossaire/#nature"]').count()).toBe(1);
  });

  test('un format (expression régulière) est toujours accompagné d\'un exemple de valeur', async () => {
    // Date_JJMMAAAA_20: (0[1-9]|[1-2][0-9]|3[0-1])(0[1-9]|1[0-2])(20)[0-9]{2} in P27V01.
    await ui.page.goto(base + '/dsn/P27V01/types/Date_JJMMAAAA_20/');
    const format = ui.page.locator('dl.facts dt:text-is("Format") + dd');
    expect(await format.locator('code.example-value').innerText()).toBe('15012026');
    // The rubriques table shows the example, not a cut expression: S21.G00.40.001 is a date.
    await ui.page.goto(base + '/dsn/P27V01/S21.G00.40/');
    expect(await ui.page.locator('tr#S21\\.G00\\.40\\.001 td').nth(3).innerText()).toBe('ex. 15012026');
    expect(await ui.page.locator('table.rubriques code.small').count()).toBe(0);
  });
});

describe('identité et sources', () => {
  test('pages « À propos », accessibilité (RGAA), mentions légales : liées depuis le pied de chaque page', async () => {
    await ui.page.goto(base + '/dsn/P27V01/S21.G00.40/');
    for (const [href, h1] of [
      ['/a-propos/', 'À propos de norme'],
      ['/accessibilite/', "Déclaration d'accessibilité"],
      ['/mentions-legales/', 'Mentions légales'],
    ]) {
      expect(await ui.page.locator(`.site-footer a[href="${href}"]`).count(), href).toBe(1);
    }
    await ui.page.goto(base + '/accessibilite/');
    for (const h of ['État de conformité', 'Résultats des tests', 'Contenus non accessibles', "Établissement de cette déclaration", "Retour d'information et contact", 'Voies de recours']) {
      expect(await ui.page.locator('h2', { hasText: h }).count(), h).toBe(1);
    }
  });

  test('chaque page d\'élément, de version et de fiche : source officielle et « Signaler une erreur » prérempli', async () => {
    const pages = {
      '/dsn/P26V01/S21.G00.40.007/': 'norm/dsn/P26V01/blocks/S21.G00.40.yaml',
      '/dsn/P26V01/S21.G00.40/': 'norm/dsn/P26V01/blocks/S21.G00.40.yaml',
      '/dsn/P26V01/types/DSN_NatureContrat/': 'norm/dsn/P26V01/datatypes/DSN_NatureContrat.yaml',
      '/dsn/rubriques/S21.G00.06.003/': undefined,
      '/dsn/P26V01/': 'norm/dsn/P26V01/version.yaml',
    } as Record<string, string | undefined>;
    for (const [p, file] of Object.entries(pages)) {
      await ui.page.goto(base + p);
      const s = ui.page.locator('.page-sources');
      // P26V01 comes from dsn-datatypes-CT2026.xlsx, edition 2026.1.0.5 (norm/dsn/P26V01/version.yaml).
      if (p.includes('P26V01')) {
        expect(await s.innerText(), p).toContain('édition 2026.1.0.5');
        expect(await s.locator('a[href="https://www.net-entreprises.fr/media/documentation/dsn-datatypes-CT2026.xlsx"]').count(), p).toBeGreaterThan(0);
      }
      const issue = new URL((await s.locator('a', { hasText: 'Signaler une erreur' }).getAttribute('href'))!);
      expect(issue.pathname.endsWith('/issues/new'), p).toBe(true);
      // The forge of package.json (`repository`), still the example address: marked « Exemple » beside the links.
      expect(issue.href.startsWith(`${FORGE}/issues/new?`), p).toBe(true);
      expect(await s.locator('.contribute .badge.example').innerText(), p).toBe('Exemple');
      expect(issue.searchParams.get('body'), p).toContain(`Page : ${p}`);
      if (file) expect(await s.locator('a', { hasText: 'Proposer une modification' }).getAttribute('href'), p).toMatch(new RegExp(`/edit/main/${file.replace(/\./g, '\\.')}$`));
    }
  });

  test('aucune page d\'élément, de version ou de fiche sans lien vers sa source officielle', () => {
    const dist = inject('distDir');
    const missing: string[] = [];
    let n = 0;
    for (const f of listFiles(dist)) {
      if (!f.endsWith('index.html')) continue;
      const parts = f.split('/');
      const element = /^(dsn|pasrau)$/.test(parts[0]) && parts.length >= 3 && !['diff', 'mois'].includes(parts[1]) && !['controles', 'journal'].includes(parts[2]) && !(parts[2] === 'types' && parts.length === 4) && !(['rubriques', 'blocs'].includes(parts[1]) && parts.length === 3);
      const fiche = parts[0] === 'consignes' && /^\d+$/.test(parts[1]) && parts.length === 3;
      if (!element && !fiche) continue;
      n++;
      if (!readFileSync(path.join(dist, f), 'utf8').includes('class="page-sources"')) missing.push(f);
    }
    expect(n).toBeGreaterThan(5000);
    expect(missing).toEqual([]);
  });
});

/** Contrast ratio of two CSS colours `rgb(r, g, b)` (WCAG relative luminance). */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((x) => {
      const v = Number(x) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

const AXE_PAGES = [
  '/',
  '/dsn/',
  '/dsn/P26V01/',
  '/dsn/P27V01/',
  '/dsn/P27V01/S21.G00.40/',
  '/dsn/P27V01/S21.G00.40.007/',
  '/dsn/P26V01/S21.G00.40.007/',
  '/dsn/P26V01/types/DSN_NatureContrat/',
  '/dsn/P27V01/types/Date_JJMMAAAA_20/',
  '/dsn/P26V01/controles/',
  '/dsn/P26V01/journal/',
  '/dsn/rubriques/S21.G00.06.003/',
  '/dsn/blocs/S21.G00.40/',
  '/dsn/diff/',
  '/dsn/diff/P26V01...P27V01/',
  '/dsn/diff/comparer/',
  '/dsn/mois/',
  '/dsn/mois/2026-11/',
  '/dsn/mois/2021-05/',
  '/pasrau/',
  '/consignes/',
  '/consignes/9001/',
  '/autocontrole/',
  '/recherche/?q=nature%20du%20contrat',
  '/glossaire/',
  '/dsn/rubriques/',
  '/a-propos/',
  '/accessibilite/',
  '/mentions-legales/',
  '/404.html',
];

describe('contraste, focus, thème sombre', () => {
  for (const scheme of ['light', 'dark'] as const) {
    test(`anneau de focus au moins 3:1 sur son fond (${scheme === 'light' ? 'thème clair' : 'thème sombre'})`, async () => {
      await ui.page.setViewportSize({ width: 1280, height: 900 });
      await ui.page.emulateMedia({ colorScheme: scheme });
      const low: string[] = [];
      for (const p of ['/', '/dsn/P27V01/S21.G00.40/', '/dsn/P26V01/controles/', '/consignes/', '/dsn/P27V01/S21.G00.40.007/']) {
        await ui.page.goto(base + p);
        for (let i = 0; i < 30; i++) {
          await ui.page.keyboard.press('Tab');
          const r = await ui.page.evaluate(() => {
            const e = document.activeElement as HTMLElement | null;
            if (!e || e === document.body) return null;
            const cs = getComputedStyle(e);
            let n: HTMLElement | null = e.parentElement;
            let bg = 'rgb(255, 255, 255)';
            while (n) {
              const b = getComputedStyle(n).backgroundColor;
              if (b && b !== 'transparent' && !/rgba\(.*, 0\)$/.test(b)) {
                bg = b;
                break;
              }
              n = n.parentElement;
            }
            return { what: `${e.tagName.toLowerCase()} ${(e.textContent ?? '').trim().slice(0, 30)}`, outline: cs.outlineColor, style: cs.outlineStyle, bg };
          });
          if (!r) continue;
          if (r.style === 'none') low.push(`${p} ${r.what} : aucun anneau`);
          else if (contrast(r.outline, r.bg) < 3) low.push(`${p} ${r.what} : ${r.outline} sur ${r.bg} (${contrast(r.outline, r.bg).toFixed(2)}:1)`);
        }
      }
      await ui.page.emulateMedia({ colorScheme: 'light' });
      expect(low).toEqual([]);
    });
  }

  test(`axe-core : aucune violation, de quelque gravité que ce soit, sur ${AXE_PAGES.length} pages`, async () => {
    await ui.page.setViewportSize({ width: 1280, height: 900 });
    const found: Record<string, unknown> = {};
    for (const p of AXE_PAGES) {
      await visit(p);
      const v = await axeViolations(ui.page, ['minor', 'moderate', 'serious', 'critical']);
      if (v.length) found[p] = v;
    }
    expect(found).toEqual({});
  });

  test('axe-core en thème sombre : aucune violation (contrastes compris)', async () => {
    await ui.page.emulateMedia({ colorScheme: 'dark' });
    const found: Record<string, unknown> = {};
    for (const p of ['/', '/dsn/P27V01/S21.G00.40/', '/dsn/diff/P26V01...P27V01/', '/consignes/9001/', '/recherche/?q=contrat']) {
      await visit(p);
      expect(await ui.page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(21, 24, 28)');
      const v = await axeViolations(ui.page, ['minor', 'moderate', 'serious', 'critical']);
      if (v.length) found[p] = v;
    }
    await ui.page.emulateMedia({ colorScheme: 'light' });
    expect(found).toEqual({});
  });
});

describe('trouvable', () => {
  test('chaque page : un titre unique et une description ; sitemap.xml les liste toutes ; robots.txt le nomme', () => {
    const dist = inject('distDir');
    const html = listFiles(dist).filter((f) => f.endsWith('.html'));
    const titles = new Map<string, string>();
    const problems: string[] = [];
    for (const f of html) {
      const text = readFileSync(path.join(dist, f), 'utf8');
      const title = /<title>([^<]*)<\/title>/.exec(text)?.[1];
      if (!title) problems.push(`${f} : sans titre`);
      else if (titles.has(title)) problems.push(`${f} : même titre que ${titles.get(title)}`);
      else titles.set(title, f);
      if (!/<meta name="description" content="[^"]+"/.test(text)) problems.push(`${f} : sans description`);
    }
    expect(problems).toEqual([]);
    const sitemap = readFileSync(path.join(dist, 'sitemap.xml'), 'utf8');
    const listed = new Set([...sitemap.matchAll(/<loc>https?:\/\/[^/]+([^<]*)<\/loc>/g)].map((m) => decodeURIComponent(m[1])));
    const pages = html.filter((f) => f !== '404.html').map((f) => '/' + f.replace(/index\.html$/, ''));
    expect(pages.filter((p) => !listed.has(p))).toEqual([]);
    expect(listed.size).toBe(pages.length);
    expect(readFileSync(path.join(dist, 'robots.txt'), 'utf8')).toMatch(/^Sitemap: https?:\/\/\S+\/sitemap\.xml$/m);
  });

  test('adresse de version en minuscules : la bonne page ; 404 : une case de recherche et une piste tirée de l\'adresse', async () => {
    const p = await ui.browser.context.newPage();
    await p.goto(base + '/dsn/p26v01/');
    await p.waitForURL(/\/dsn\/P26V01\/$/);
    expect(await p.locator('h1').innerText()).toContain('DSN P26V01');
    await p.goto(base + '/dsn/P26V01/s21.g00.40.007/');
    await p.waitForURL(/\/dsn\/P26V01\/S21\.G00\.40\.007\/$/);
    // A version the registry does not have: the permanent link of the rubrique, the search box filled.
    await p.goto(base + '/dsn/P99V01/S21.G00.40.007/');
    const hint = p.locator('#introuvable-pistes a').first();
    await hint.waitFor();
    expect(await hint.getAttribute('href')).toBe('/dsn/rubriques/S21.G00.40.007/');
    expect(await p.locator('#introuvable-q').inputValue()).toBe('S21.G00.40.007');
    expect(await p.locator('form[role="search"][action="/recherche/"] #introuvable-q').count()).toBe(1);
    await p.close();
  });

  test('/dsn/rubriques/ : toutes les rubriques par bloc, supprimées comprises', async () => {
    await ui.page.goto(base + '/dsn/rubriques/');
    expect(await ui.page.locator('a[href="/dsn/rubriques/S21.G00.40.007/"]').count()).toBe(1);
    expect(await ui.page.locator('h2#S21\\.G00\\.40').innerText()).toContain('S21.G00.40');
    // `/dsn/rubriques/S21.G00.06.003/` is a tombstone in the registry (tests/site/navigation.test.ts).
    expect(await ui.page.locator('li', { has: ui.page.locator('a[href="/dsn/rubriques/S21.G00.06.003/"]') }).locator('.badge.retired').count()).toBe(1);
  });
});

describe('« Ce qui change pour vous »', () => {
  test('la note P26V01 → P27V01 commence par le résumé du déclarant, puis la liste complète', async () => {
    await ui.page.setViewportSize({ width: 1280, height: 900 });
    await ui.page.goto(base + '/dsn/diff/P26V01...P27V01/');
    const h2 = await ui.page.locator('main h2').allInnerTexts();
    expect(h2[0]).toBe('Ce qui change pour vous');
    expect(h2).toContain('Liste complète des changements');
    const forYou = ui.page.locator('.for-you');
    // Block S21.G00.59 is new in P27V01; its rubrique S21.G00.59.001 is O for natures 01 and 07 in the
    // official usage table (norm/dsn/P27V01/blocks/S21.G00.59.yaml).
    const item = forYou.locator('li li', { has: ui.page.locator('a[href="/dsn/P27V01/S21.G00.59.001/"]') });
    expect(await item.innerText()).toContain('DSN mensuelle, Signalement fin de contrat de travail unique');
    expect(await forYou.locator('h3', { hasText: /^Nouvelles rubriques obligatoires \(\d+\)$/ }).count()).toBe(1);
    expect(await forYou.locator('h3', { hasText: /^Rubriques supprimées/ }).count()).toBe(1);
    // S21.G00.06.003 is removed in P27V01.
    expect(await forYou.locator('a[href="/dsn/P26V01/S21.G00.06.003/"]').count()).toBe(1);
  });

  test('textes modifiés mot à mot ; un texte ajouté montré une fois, sans « — »', async () => {
    await ui.page.goto(base + '/dsn/diff/P26V01...P27V01/');
    const words = ui.page.locator('.word-diff').first();
    expect(await words.locator('ins, del').count()).toBeGreaterThan(0);
    const added = ui.page.locator('details.long', { has: ui.page.locator('summary', { hasText: 'Texte (P27V01)' }) }).first();
    expect(await added.count()).toBe(1);
    expect(await added.locator('.before-after').count()).toBe(0);
    expect(await ui.page.locator('.before-after .rule-text', { hasText: /^—$/ }).count()).toBe(0);
  });
});
