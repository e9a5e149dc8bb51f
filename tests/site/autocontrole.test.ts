/**
 * /autocontrole/ in real Chromium: a generated dsn/P26V01 file with one wrong value is
 * checked in the browser, the finding appears with its line, rubrique and rule, and no
 * request carries the file (only GETs of the site's static files).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Page, Request } from 'playwright-core';
import { checkText, checkTextWithNext, generateSample, type CheckModel } from '../../src/core/index.ts';
import { axeViolations, launchBrowser, type Browser } from './helpers.ts';
import { typographyFaults } from './typography.ts';
import { frenchSpacing as fr } from '../../src/core/text/typography.ts';

const base = inject('siteUrl');
const dist = inject('distDir');
let browser: Browser;
let page: Page;

/** The model the page fetches, read from the built site (so the sample matches it exactly). */
const model = (): CheckModel => JSON.parse(readFileSync(path.join(dist, 'dsn/P26V01/check-model.json'), 'utf8'));

/** A valid sample with one wrong contract nature (S21.G00.40.007); returns the text and the 1-based line. */
function sampleWithBadNature(): { text: string; line: number; lines: string[] } {
  const lines = [...generateSample(model(), { salaries: 4, seed: 1 })];
  const i = lines.findIndex((l) => l.startsWith('S21.G00.40.007,'));
  expect(i).toBeGreaterThan(0);
  lines[i] = "S21.G00.40.007,'ZZ'";
  return { text: lines.join('\n') + '\n', line: i + 1, lines };
}

async function waitForResult() {
  await page.waitForSelector('#autocontrole[data-state="done"], #autocontrole[data-state="error"]', { timeout: 60_000 });
  return page.locator('#autocontrole').getAttribute('data-state');
}

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.context.newPage();
});
afterAll(async () => {
  await browser?.close();
});

describe('auto-contrôle dans le navigateur', () => {
  test('un fichier avec une nature de contrat invalide : le constat attendu, et rien n\'est envoyé', async () => {
    const { text, line, lines } = sampleWithBadNature();
    // Same core, same model: what the browser must show.
    const expected = checkText(model(), text);
    expect(expected.findings.map((f) => `${f.line} ${f.rubrique} ${f.rule}`)).toEqual([`${line} S21.G00.40.007 value-code`]);

    await page.goto(base + '/autocontrole/');
    expect(await page.locator('#ac-privacy').innerText()).toContain(
      'Votre fichier ne quitte pas votre ordinateur\u00a0: la vérification se fait dans votre navigateur.',
    );

    // Every request of the context (the page and its worker) from the file selection on.
    const requests: Request[] = [];
    const onRequest = (r: Request) => requests.push(r);
    browser.context.on('request', onRequest);
    try {
      await page.setInputFiles('#ac-file', { name: 'essai.dsn', mimeType: 'text/plain', buffer: Buffer.from(text, 'utf8') });
      expect(await waitForResult()).toBe('done');
    } finally {
      browser.context.off('request', onRequest);
    }

    expect(await page.locator('#ac-status').innerText()).toBe(fr('« essai.dsn » vérifié contre DSN P26V01 : 1 constat bloquant, 0 non bloquant.'));
    // What the script writes follows the site's French typography (tests/site/typography.test.ts).
    expect(typographyFaults(await page.locator('#autocontrole').evaluate((e) => e.outerHTML))).toEqual([]);
    const rows = page.locator('#ac-table tbody tr');
    expect(await rows.count()).toBe(1);
    const cells = await rows.first().locator('td').allInnerTexts();
    expect(cells[0]).toBe(String(line));
    expect(cells[1]).toBe('bloquant');
    expect(cells[2]).toBe('S21.G00.40.007\nNature du contrat');
    expect(cells[3]).toBe(fr('Valeur « ZZ » absente de la liste DSN_NatureContrat.'));
    expect(cells[4]).toBe('value-code');
    expect(await rows.first().locator('td a').getAttribute('href')).toBe('/dsn/P26V01/S21.G00.40.007/');
    const facts = await page.locator('#ac-results dl.facts').innerText();
    expect(facts).toContain(`${lines.length.toLocaleString('fr-FR')} lignes, 1 déclaration (nature 01)`);
    expect(facts).toContain('P26V01 (S10.G00.00.006, ligne');
    // The prose controls are listed, not passed over.
    expect(await page.locator('#ac-non-verifies + p').innerText()).toMatch(/non vérifiés\u00a0: \d+ \(CCH \d+/);

    // Network: the page's worker fetched the model (the listener sees worker traffic)…
    const paths = requests.map((r) => `${r.method()} ${new URL(r.url()).pathname}`);
    expect(paths).toContain('GET /dsn/P26V01/check-model.json');
    // …and nothing else than GETs of static files of the site, none carrying the file.
    const distinctive = lines.filter((l) => /^S(10\.G00\.00\.001|21\.G00\.06\.001),/.test(l)).map((l) => l.slice(l.indexOf("'") + 1, -1));
    expect(distinctive.length).toBe(2);
    for (const r of requests) {
      expect(r.method(), r.url()).toBe('GET');
      expect(r.postData(), r.url()).toBeNull();
      const u = new URL(r.url());
      expect(u.origin).toBe(base);
      expect(u.pathname, r.url()).toMatch(/^\/(?:_astro\/[\w.-]+\.js|dsn\/P26V01\/check-model\.json)$/);
      expect(u.search).toBe('');
      for (const v of [...distinctive, 'ZZ']) expect(decodeURIComponent(r.url())).not.toContain(v);
    }
  });

  test('filtres par gravité et par bloc, version choisie dans la liste', async () => {
    const { lines } = sampleWithBadNature();
    // An empty line (non bloquant, not counted in S90.G00.90.001) and a wrong SIREN key (bloquant, block S21.G00.06).
    const siren = lines.findIndex((l) => l.startsWith('S21.G00.06.001,'));
    lines[siren] = "S21.G00.06.001,'123456789'";
    lines.splice(siren + 1, 0, '');
    await page.goto(base + '/autocontrole/');
    await page.selectOption('#ac-version', 'dsn/P26V01');
    await page.setInputFiles('#ac-file', { name: 'filtres.dsn', mimeType: 'text/plain', buffer: Buffer.from(lines.join('\n') + '\n') });
    expect(await waitForResult()).toBe('done');
    expect(await page.locator('#ac-results dl.facts').innerText()).toContain('choisie dans la liste');
    const visible = async () => (await page.locator('#ac-table tbody tr:visible td:nth-child(5)').allInnerTexts()).sort();
    const all = await visible();
    expect(all).toEqual(['empty-line', 'key-siren', 'value-code']);
    // The SIREN finding links to the control of the norm on the rubrique page.
    const control = page.locator('#ac-table tbody tr', { hasText: 'key-siren' }).locator('td:nth-child(6) a');
    expect(await control.getAttribute('href')).toMatch(/^\/dsn\/P26V01\/S21\.G00\.06\.001\/#S21\.G00\.06\.001\/CSL-\d+$/);

    await page.locator('input[name="ac-sev"][value="bloquant"]').uncheck();
    expect(await visible()).toEqual(['empty-line']);
    expect(await page.locator('#ac-shown').innerText()).toBe('1 constat affiché sur 3.');
    await page.locator('input[name="ac-sev"][value="bloquant"]').check();
    await page.selectOption('#ac-block', 'S21.G00.06');
    expect(await visible()).toEqual(['key-siren']);
    await page.selectOption('#ac-block', 'S21.G00.40');
    expect(await visible()).toEqual(['value-code']);
    await page.selectOption('#ac-block', '');
    expect(await visible()).toEqual(all);

    expect(await axeViolations(page)).toEqual([]);
    // Mobile: the results (long select options, wide table) do not scroll the page sideways.
    await page.setViewportSize({ width: 360, height: 800 });
    try {
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    } finally {
      await page.setViewportSize({ width: 1280, height: 720 });
    }
  });

  test('glisser-déposer, vérification sans worker, fichier inexploitable', async () => {
    const { text, line } = sampleWithBadNature();
    await page.goto(base + '/autocontrole/?execution=page');
    await page.evaluate((content) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], 'depose.dsn', { type: 'text/plain' }));
      document.getElementById('ac-drop')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, text);
    expect(await waitForResult()).toBe('done');
    expect(await page.locator('#ac-status').innerText()).toBe(fr('« depose.dsn » vérifié contre DSN P26V01 : 1 constat bloquant, 0 non bloquant.'));
    expect(await page.locator('#ac-table tbody tr td:first-child').allInnerTexts()).toEqual([String(line)]);

    await page.setInputFiles('#ac-file', { name: 'inconnu.dsn', mimeType: 'text/plain', buffer: Buffer.from("S10.G00.00.006,'P99V01'\n") });
    expect(await waitForResult()).toBe('error');
    expect(await page.locator('#ac-status').innerText()).toMatch(/^«\u00a0inconnu\.dsn\u00a0» n'a pas pu être vérifié\u00a0: version déclarée «\u00a0P99V01\u00a0» \(S10\.G00\.00\.006, ligne 1\) inconnue du registre/);
    expect(await page.locator('#ac-results').isHidden()).toBe(true);
  });

  test('case « version suivante » : les ajouts obligatoires de P27V01, avec leur mois', async () => {
    const lines = [...generateSample(model(), { salaries: 2, seed: 3 })];
    const text = lines.join('\n') + '\n';
    const next = JSON.parse(readFileSync(path.join(dist, 'dsn/P27V01/check-model.json'), 'utf8')) as CheckModel;
    const expected = checkTextWithNext(model(), { model: next, from: '2027-01' }, text).next;
    // From the official tables: S21.G00.40.084 is new in CT 2027, usage O for nature 01.
    const contracts = lines.map((l, i) => (l.startsWith('S21.G00.40.001,') ? i + 1 : 0)).filter(Boolean);
    expect(expected.findings.filter((f) => f.change === 'rubrique-added-mandatory').map((f) => `${f.line} ${f.rubrique}`)).toEqual(contracts.map((n) => `${n} S21.G00.40.084`));

    await page.goto(base + '/autocontrole/');
    await page.check('#ac-next');
    await page.setInputFiles('#ac-file', { name: 'suivante.dsn', mimeType: 'text/plain', buffer: Buffer.from(text, 'utf8') });
    expect(await waitForResult()).toBe('done');
    expect(await page.locator('#ac-suivante').innerText()).toBe(fr(`Version suivante : dsn/P27V01 (${expected.findings.length} nouveaux constats)`));
    expect(await page.locator('#ac-suivante + p').innerText()).toContain('applicable à partir de janvier 2027');
    const rows = page.locator('#ac-next-table tbody tr[data-change="rubrique-added-mandatory"]');
    expect(await rows.count()).toBe(contracts.length);
    const cells = await rows.first().locator('td').allInnerTexts();
    expect(cells.slice(0, 4)).toEqual([String(contracts[0]), 'bloquant', 'S21.G00.40.084', 'nouvelle rubrique obligatoire\ndsn/P27V01 dès 2027-01']);
    expect(await rows.first().locator('td a').getAttribute('href')).toBe('/dsn/P27V01/S21.G00.40.084/');
    expect(await page.locator('#ac-next-table tbody tr').count()).toBe(expected.findings.length);
  });

  test('sans JavaScript, la page renvoie à la ligne de commande', async () => {
    const html = await (await fetch(base + '/autocontrole/')).text();
    expect(html).toMatch(/<noscript>[\s\S]*La vérification a besoin de JavaScript[\s\S]*npx norme check ma-dsn\.txt[\s\S]*<\/noscript>/);
    expect(html).toMatch(/<div id="autocontrole"[^>]* hidden/);
    expect(html).toContain('<meta http-equiv="Content-Security-Policy" content="connect-src \'self\'">');
    expect(html).toContain('Votre fichier ne quitte pas votre ordinateur\u00a0: la vérification se fait dans votre navigateur.');
  });
});
