/**
 * The Chromium of the tests and of the benchmark (launchBrowser, tests/site/helpers.ts) runs
 * without the "top chrome" WebUI that Chromium 156 headless preloads in a renderer of its own
 * (chrome://omnibox-popup.top-chrome): on two cores it took half the processor from the page being
 * measured (docs/performance.md). Chromium ignores a feature name it does not know: if an upgrade
 * renames the features that `--disable-features` turns off, this test says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from './helpers.ts';

describe('Chromium des tests et du banc', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("ne précharge pas l'interface de sa barre d'adresse (aucune cible chrome://, seulement la page)", async () => {
    const page = await browser.context.newPage();
    await page.goto('about:blank');
    // The preloaded WebUI shows up within a few hundred ms of the start (measured: present at 1 s without the switches).
    await page.waitForTimeout(1500);
    const cdp = await browser.context.newCDPSession(page);
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { type: string; url: string }[] };
    expect(targetInfos.filter((t) => t.type !== 'page').map((t) => `${t.type} ${t.url}`)).toEqual([]);
    expect(targetInfos.some((t) => t.type === 'page' && t.url === 'about:blank')).toBe(true);
  });
});
