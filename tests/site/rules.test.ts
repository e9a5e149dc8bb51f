/** `/regles/` publishes every rule of the three catalogues, reached from the glossary (browser). */
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Page } from 'playwright-core';
import { CHECK_RULES, RULES as DIFF_RULES, VALIDATION_RULES } from '../../src/core/index.ts';
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

test('glossaire → règles : les trois catalogues, une ligne par règle, gravité en français', async () => {
  await page.goto(base + '/glossaire/');
  await page.getByRole('link', { name: 'Règles', exact: true }).click();
  await page.waitForURL(/\/regles\/$/);
  expect(await page.locator('h1').innerText()).toBe('Règles');
  expect(await page.locator('h2').allInnerTexts()).toEqual(['Règles de validation', 'Règles de comparaison', "Règles de l'auto-contrôle"]);
  expect(await page.locator('#validation tbody tr').count()).toBe(VALIDATION_RULES.length);
  expect(await page.locator('#diff tbody tr').count()).toBe(DIFF_RULES.length);
  expect(await page.locator('#check tbody tr').count()).toBe(Object.keys(CHECK_RULES).length);
  expect((await page.locator('tr#validation-empty-file').innerText()).split('\t')).toEqual(['empty-file', 'erreur', 'Fichier YAML vide.']);
  expect((await page.locator('tr#diff-rubrique-removed td').first().innerText())).toBe('cassant');
  expect(await page.locator('tr#validation-registry-missing code').allInnerTexts()).toEqual(['registry-missing', 'norm/']);
});
