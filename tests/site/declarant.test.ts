/**
 * The site for the declarant at a desk or on a phone: usages in words with their legend,
 * no horizontal overflow at 375 px, the applicable version computed from the reader's date.
 */
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, type Browser } from './helpers.ts';

const base = inject('siteUrl');
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.context.newPage();
});
afterAll(async () => {
  await browser?.close();
});

const PHONE_PAGES = [
  '/',
  '/dsn/P27V01/',
  '/dsn/P27V01/S21.G00.40/',
  '/dsn/P27V01/S21.G00.40.007/',
  '/dsn/P27V01/controles/',
  '/dsn/diff/P26V01...P27V01/',
  '/consignes/',
  '/autocontrole/',
];

describe('usages lisibles', () => {
  test('page de bloc : usages en toutes lettres, légende des natures par leur nom, en-têtes collants', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(base + '/dsn/P27V01/S21.G00.40/');
    const row = page.locator('table.rubriques tr#S21\\.G00\\.40\\.001');
    // Visible words, not letters behind a tooltip (the official table: 01 DSN mensuelle → O).
    expect(await row.locator('td.usage').first().innerText()).toBe('Obligatoire');
    expect(await page.locator('table.rubriques abbr[title]').count()).toBe(0);
    const legend = page.locator('.usage-legend');
    expect(await legend.isVisible()).toBe(true);
    expect(await legend.locator('dt', { hasText: '01' }).locator('+ dd').innerText()).toBe('DSN mensuelle');
    expect(await legend.innerText()).toContain('Conditionnelle');
    expect(await page.locator('table.rubriques thead th').first().evaluate((e) => getComputedStyle(e).position)).toBe('sticky');
  });

  test('page de rubrique : chaque nature nommée et son usage en mots', async () => {
    await page.goto(base + '/dsn/P27V01/S21.G00.40.007/');
    const first = page.locator('table.usages tbody tr').first();
    expect(await first.locator('th').innerText()).toBe('01 DSN mensuelle');
    expect(await first.locator('td .usage-word').innerText()).toMatch(/^(Obligatoire|Conditionnelle|Interdite|Non utilisée|Facultative)$/);
  });
});

describe('téléphone (375 × 812)', () => {
  for (const p of PHONE_PAGES) {
    test(`pas de défilement horizontal de la page : ${p}`, async () => {
      await page.setViewportSize({ width: 375, height: 812 });
      await page.goto(base + p);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  }

  test('usages visibles sans survol ; identifiants jamais coupés ; contrôles en fiches', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(base + '/dsn/P27V01/S21.G00.40/');
    const cell = page.locator('table.rubriques tr#S21\\.G00\\.40\\.001 td.usage').first();
    await cell.scrollIntoViewIfNeeded();
    expect(await cell.isVisible()).toBe(true);
    expect(await cell.innerText()).toBe('Obligatoire');
    // An id is one line high: no break inside S21.G00.40.041.
    const code = page.locator('table.rubriques tbody th code').first();
    const lineHeight = await code.evaluate((e) => parseFloat(getComputedStyle(e).lineHeight) || 20);
    expect((await code.boundingBox())!.height).toBeLessThan(lineHeight * 1.5);
    await page.goto(base + '/dsn/P27V01/controles/');
    const rule = page.locator('table.controls tbody tr').first().locator('td.rule-text');
    const box = (await rule.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(375);
  });

  test('filtres des fiches consignes : tiennent dans 320 px', async () => {
    await page.setViewportSize({ width: 320, height: 700 });
    await page.goto(base + '/consignes/');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
