/**
 * Stored XSS (issue #22): a fiche's links as Chromium resolves them. The hostile fiche is rendered
 * by the function the site uses (renderConsigneHtml), served, and every link is clicked: no script
 * runs, no dialog opens. A control page with the same targets written as raw `href`s proves the
 * harness sees a script when one runs (so the test can fail).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { checkMdx, escapeHtml, renderConsigneHtml } from '../../src/core/index.ts';
import { consignesFixture } from '../core/consignes/helpers.ts';
import { buildSite, launchBrowser, serveStatic, type Browser, type StaticServer } from './helpers.ts';

const PWN = 'window.__pwned=1;alert(document.domain)';
/** The bypasses of the issue, and their variants; each target runs PWN if a browser follows it. */
const TARGETS = [
  `java\tscript:${PWN}`,
  ` javascript:${PWN}`,
  `\x01javascript:${PWN}`,
  `JAVASCRIPT:${PWN}`,
  `java&#9;script:${PWN}`,
  `java&Tab;script:${PWN}`,
];
const FICHE = [
  '## Liens hostiles (exemple de test)',
  '',
  ...TARGETS.map((t, i) => `[lien ${i}](<${t}>)\n`),
  '[référence][x]',
  '',
  `[x]: <java\tscript:${PWN}>`,
  '',
  '[vbscript](vbscript:msgbox(1)) [data](data:text/html,<script>parent.__pwned=1</script>) [sain](#ancre)',
  '',
].join('\n');

const page0 = (body: string) => `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>t</title></head><body><main>${body}</main><p id="ancre">ancre</p></body></html>`;

let dir: string;
let server: StaticServer;
let browser: Browser;
let page: Page;
const dialogs: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'norme-xss-'));
  const checked = checkMdx('f.mdx', FICHE);
  writeFileSync(path.join(dir, 'fiche.html'), page0(renderConsigneHtml({ tree: checked.tree }, { href: () => '/' })));
  // Control: the same targets as raw hrefs (what the renderer wrote before the fix).
  writeFileSync(path.join(dir, 'temoin.html'), page0(TARGETS.map((t, i) => `<a href="${escapeHtml(t).replace(/&amp;#9;/g, '&#9;').replace(/&amp;Tab;/g, '&Tab;')}">témoin ${i}</a> `).join('')));
  server = await serveStatic(dir);
  browser = await launchBrowser();
  page = await browser.context.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Click every link of `file`, one per fresh load; return how many and whether a script ran. */
async function clickAll(file: string): Promise<{ links: number; ran: number }> {
  dialogs.length = 0;
  await page.goto(`${server.url}/${file}`);
  const links = await page.locator('a').count();
  let ran = 0;
  for (let i = 0; i < links; i++) {
    await page.goto(`${server.url}/${file}`);
    await page.locator('a').nth(i).click();
    await page.waitForTimeout(50);
    if (await page.evaluate(() => (window as { __pwned?: number }).__pwned).catch(() => undefined)) ran++;
  }
  return { links, ran: ran + dialogs.length };
}

describe('fiche hostile dans Chromium', () => {
  test('témoin : les mêmes liens écrits tels quels exécutent le script', async () => {
    const r = await clickAll('temoin.html');
    expect(r.links).toBe(TARGETS.length);
    expect(r.ran).toBeGreaterThanOrEqual(TARGETS.length);
  });

  test('la fiche rendue : seul le lien sain est actif, et aucun clic n\'exécute rien', async () => {
    const checked = checkMdx('f.mdx', FICHE);
    expect(checked.diagnostics.map((d) => `${d.line} ${d.rule}`)).toEqual([
      '3 consigne-link-forbidden', '5 consigne-link-forbidden', '7 consigne-link-forbidden', '9 consigne-link-forbidden',
      '11 consigne-link-forbidden', '13 consigne-link-forbidden', '17 consigne-link-forbidden',
      '19 consigne-link-forbidden', '19 consigne-link-forbidden',
    ]);
    await page.goto(`${server.url}/fiche.html`);
    expect(await page.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(['#ancre']);
    // Click every piece of text that was a link, too: nothing is behind them.
    const paragraphs = page.locator('main p');
    expect(await paragraphs.allInnerTexts()).toEqual([...TARGETS.map((_t, i) => `lien ${i}`), 'référence', 'vbscript data sain']);
    for (let i = 0; i < TARGETS.length + 1; i++) await paragraphs.nth(i).click();
    const r = await clickAll('fiche.html');
    expect(r).toEqual({ links: 1, ran: 0 });
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
  });
});

test('la construction du site refuse la fiche hostile de l\'issue, à sa ligne', () => {
  const fx = consignesFixture('valid', [{ file: 'consignes/2/fiche.mdx', from: 'code="10"/>.', to: 'code="10"/>.\n\n[clic](<java\tscript:alert(document.domain)>)' }]);
  try {
    const out = path.join(fx.root, 'out');
    const r = buildSite(fx.root, out);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('consignes/2/fiche.mdx:22:1: erreur Lien `java\\tscript:alert(document.domain)` interdit : seuls les liens http(s), mailto et relatifs sont admis [consigne-link-forbidden]');
    expect(existsSync(path.join(out, 'index.html'))).toBe(false);
  } finally {
    fx.cleanup();
  }
});
