/**
 * The journal pages, edition diffs and amended histories, on the journal fixture
 * (three example entries producing editions 2026.1.1 and 2026.1.2 of demo/V1).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { FIXTURES } from '../helpers/fixture.ts';
import { buildSite, brokenLinks, launchBrowser, serveStatic, type Browser, type StaticServer } from './helpers.ts';

let out: string;
let srv: StaticServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  out = path.join(mkdtempSync(path.join(tmpdir(), 'norme-site-journal-')), 'dist');
  const r = buildSite(path.join(FIXTURES, 'journal/valid'), out, { NORME_TODAY: '2026-07' });
  if (r.status !== 0) throw new Error(r.stderr);
  srv = await serveStatic(out);
  browser = await launchBrowser();
  page = await browser.context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await srv?.close();
  if (out) rmSync(path.dirname(out), { recursive: true, force: true });
});

describe('journal de maintenance', () => {
  test('la page du journal liste les entrées, leurs changements et le badge Exemple', async () => {
    await page.goto(srv.url + '/demo/V1/journal/');
    const entries = page.locator('ol.journal > li');
    expect(await entries.evaluateAll((els) => els.map((e) => e.id))).toEqual(['JMN-2026-001', 'JMN-2026-002', 'JMN-2026-003']);
    expect(await page.locator('ol.journal > li h2 .badge.example').count()).toBe(3);
    const second = await page.locator('#JMN-2026-002').innerText();
    expect(second).toContain('Changements (4)');
    // French typography of the site: non-breaking spaces before « : » and inside « » (core frenchSpacing).
    expect(second).toContain('Usage de S21.G00.40.001 pour la nature 04 resserré\u00a0: C (conditionnelle) → O (obligatoire)');
    expect(second).toContain('Rubrique S21.G00.40.009 ajoutée\u00a0: «\u00a0Numéro du contrat\u00a0»');
  });

  test('note différentielle entre deux éditions, chaque changement renvoie à son entrée', async () => {
    await page.goto(srv.url + '/demo/V1/journal/');
    await page.locator('#JMN-2026-001').getByRole('link', { name: 'comparaison 2026.1.0 → 2026.1.1' }).click();
    await page.waitForURL(/\/demo\/diff\/V1@2026\.1\.0\.\.\.V1@2026\.1\.1\/$/);
    expect(await page.locator('h1').innerText()).toBe('Note différentielle Démo V1 édition 2026.1.0 → 2026.1.1');
    const items = page.locator('ul.change-list > li');
    expect(await items.count()).toBe(2);
    for (const t of await items.allInnerTexts()) expect(t).toContain('Entrée du journal\u00a0: JMN-2026-001');
    const json = JSON.parse(await (await page.request.get(srv.url + '/demo/diff/V1@2026.1.0...V1@2026.1.1.json')).text());
    expect(json.changes.map((c: { rule: string }) => c.rule).sort()).toEqual(['code-value-relabelled', 'control-message-changed']);
  });

  test('l\'historique d\'une rubrique montre les amendements du journal', async () => {
    await page.goto(srv.url + '/demo/V1/S21.G00.40.007/');
    const h = await page.locator('ol.history').innerText();
    expect(h).toContain("amendée par l'entrée du journal JMN-2026-001 (édition 2026.1.1)");
    expect(h).toContain("amendée par l'entrée du journal JMN-2026-002 (édition 2026.1.2)");
    expect(h).toContain('Code 03 ajouté à DSN_NatureContrat');
  });

  test('la page d\'accueil montre les dernières entrées, badge Exemple compris', async () => {
    await page.goto(srv.url + '/');
    const items = page.locator('main ul.change-list > li');
    expect(await items.count()).toBe(3);
    expect(await items.first().innerText()).toMatch(/^(Contrats de mission|Description de la date)/);
    expect(await page.locator('main ul.change-list .badge.example').count()).toBe(3);
  });

  test('aucun lien interne cassé', () => {
    const r = brokenLinks(out);
    expect(r.broken).toEqual([]);
    expect(r.pages).toBeGreaterThan(10);
  });
});
