/** Fiches consignes on the built site (real consignes/ folder), in headless Chromium. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Page } from 'playwright-core';
import { parse } from 'yaml';
import { launchBrowser, PROJECT_ROOT, type Browser } from './helpers.ts';

const base = inject('siteUrl');
let browser: Browser;
let page: Page;

/** Themes of each fiche, read from the sources (not from the site). */
const THEMES = new Map(
  readdirSync(path.join(PROJECT_ROOT, 'consignes'))
    .filter((n) => /^\d+$/.test(n))
    .map((n) => {
      const text = readFileSync(path.join(PROJECT_ROOT, 'consignes', n, 'fiche.mdx'), 'utf8');
      return [n, (parse(text.split(/^---$/m)[1]) as { themes: string[] }).themes] as const;
    }),
);
const BANNER = 'Exemple — ne constitue pas une consigne officielle';

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.context.newPage();
});
afterAll(async () => {
  await browser?.close();
});

const visibleIds = () => page.locator('[data-consigne]:visible').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.consigne!));

describe('fiches consignes', () => {
  test('/consignes/ liste toutes les fiches ; un filtre les restreint, sur place et en page statique', async () => {
    await page.goto(`${base}/consignes/`);
    expect((await visibleIds()).sort()).toEqual([...THEMES.keys()].sort());
    expect(await page.locator('#fiche-9001').innerText()).toContain(BANNER);
    expect(await page.locator('#fiche-9025 .consigne-status').innerText()).toBe('remplacée par n° 9026');
    expect(await page.locator('#fiche-9001 .consigne-status').innerText()).toBe('en vigueur');

    const expected = [...THEMES].filter(([, t]) => t.includes('arrêt de travail')).map(([n]) => n).sort();
    expect(expected.length).toBeGreaterThan(0);
    await page.locator('#consignes-filtre select[name="theme"]').selectOption('arret-de-travail');
    expect((await visibleIds()).sort()).toEqual(expected);
    expect(page.url()).toBe(`${base}/consignes/?theme=arret-de-travail`);
    expect(await page.locator('#consignes-compte').innerText()).toBe(`${expected.length} fiches sur ${THEMES.size}`);
    // Filters combine: no fiche is both about « arrêt de travail » and « remplacée ».
    await page.locator('#consignes-filtre select[name="statut"]').selectOption('remplacee');
    expect(await visibleIds()).toEqual([]);
    expect(await page.locator('#consignes-aucune').isVisible()).toBe(true);

    // The filter in the address is applied when the page opens.
    await page.goto(`${base}/consignes/?statut=remplacee`);
    expect(await visibleIds()).toEqual(['9025']);

    // Without JavaScript: no form, the whole list, and one static page per theme linked from it.
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
    await page.goto(`${base}/consignes/?theme=arret-de-travail`);
    expect(await page.locator('#consignes-filtre').isVisible()).toBe(false);
    expect((await visibleIds()).length).toBe(THEMES.size);
    await page.locator('nav.consigne-facets').getByRole('link', { name: 'arrêt de travail', exact: true }).click();
    await page.waitForURL(/\/consignes\/themes\/arret-de-travail\/$/);
    expect((await visibleIds()).sort()).toEqual(expected);
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: false });
    await cdp.detach();
  });

  test('une fiche : texte, bandeau d\'exemple, versions applicables, historique et révision antérieure', async () => {
    await page.goto(`${base}/consignes/9001/`);
    expect(await page.locator('h1').innerText()).toBe('Comment renseigner la nature du contrat\u202f?');
    expect(await page.locator('.consigne-example').innerText()).toContain(BANNER);
    const text = page.locator('#texte');
    expect(await text.innerText()).toContain('Le cas du signalement DPAE');
    // References link to the newest targeted version holding the element.
    expect(await text.locator('a[href="/dsn/P27V01/S21.G00.40.007/"]').count()).toBeGreaterThan(0);
    expect(await text.locator('a[href="/dsn/P27V01/S21.G00.40.007/#S21.G00.40.007/CCH-11"]').count()).toBe(1);
    expect(await text.locator('a[href="/consignes/9024/"]').count()).toBe(1);
    const applies = page.locator('ul.consigne-versions');
    expect(await applies.getByRole('link').allInnerTexts()).toEqual(['P26V01', 'P27V01']);

    const rows = page.locator('table.consigne-revisions tbody tr');
    expect(await rows.count()).toBe(3);
    await page.locator('table.consigne-revisions').getByRole('link', { name: 'Révision 1', exact: true }).click();
    await page.waitForURL(/\/consignes\/9001\/revisions\/1\/$/);
    expect(await page.locator('.consigne-example').innerText()).toContain(BANNER);
    const old = page.locator('#texte');
    expect(await old.innerText()).toContain('stagiaire hors formation professionnelle');
    expect(await old.innerText()).not.toContain('DPAE');
    // Revision 1 targeted P25V01 only: its links go there.
    expect(await old.locator('a[href="/dsn/P25V01/S21.G00.40.007/"]').count()).toBeGreaterThan(0);
  });

  test('une révision montre les différences mot à mot avec la suivante', async () => {
    await page.goto(`${base}/consignes/9001/revisions/2/`);
    expect(await page.locator('h2#differences').innerText()).toBe('Différences avec la révision 3');
    const diff = page.locator('.consigne-diff .diff-text');
    const ins = (await diff.locator('ins').allInnerTexts()).join(' ');
    const del = (await diff.locator('del').allInnerTexts()).join(' ');
    expect(ins).toContain('DPAE');
    expect(ins).toContain('01032026');
    expect(del).toContain('01032025');
    expect(del).toContain('Depuis la norme P26V01');
    // Words kept by both revisions are in neither.
    expect(ins + del).not.toContain('Le contexte');
    expect(await diff.innerText()).toContain('Le contexte');
  });
});
