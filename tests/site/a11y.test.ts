/** Accessibility of the key pages: axe-core (no serious/critical violation), headings, skip link, print. */
import { describe, expect, inject, test } from 'vitest';
import { axeViolations, usePage } from './helpers.ts';

const base = inject('siteUrl');
const ui = usePage();

const KEY_PAGES = [
  '/',
  '/dsn/',
  '/dsn/P26V01/',
  '/dsn/P26V01/S21.G00.40/',
  '/dsn/P26V01/S21.G00.40.007/',
  '/dsn/P26V01/types/DSN_NatureContrat/',
  '/dsn/P26V01/controles/',
  '/dsn/P26V01/journal/',
  '/dsn/rubriques/S21.G00.06.003/',
  '/dsn/blocs/S21.G00.40/',
  '/dsn/diff/P26V01...P27V01/',
  '/dsn/diff/comparer/',
  '/dsn/mois/',
  '/dsn/mois/2026-11/',
  '/dsn/mois/2021-05/',
  '/404.html',
];

describe('accessibilité', () => {
  for (const p of KEY_PAGES) {
    test(`axe-core : aucune violation grave ou critique sur ${p}`, async () => {
      await ui.page.setViewportSize({ width: 1280, height: 900 });
      await ui.page.goto(base + p);
      const v = await axeViolations(ui.page);
      expect(v).toEqual([]);
    });
  }

  test('comparaison de deux versions, une fois calculée : aucune violation grave ou critique, titres ordonnés, focus sur le résultat', async () => {
    await ui.page.setViewportSize({ width: 1280, height: 900 });
    await ui.page.goto(base + '/dsn/diff/comparer/?de=P24V01&a=P27V01');
    await ui.page.locator('#cmp-titre').waitFor();
    expect(await ui.page.evaluate(() => document.activeElement?.id)).toBe('cmp-titre');
    expect(await axeViolations(ui.page)).toEqual([]);
    const levels = await ui.page.locator('h1, h2, h3, h4, h5, h6').evaluateAll((els) => els.map((e) => Number(e.tagName[1])));
    expect(levels.filter((l) => l === 1).length).toBe(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i] - levels[i - 1]).toBeLessThanOrEqual(1);
  });

  test('titres ordonnés (un seul h1, pas de niveau sauté) et langue française', async () => {
    for (const p of KEY_PAGES) {
      await ui.page.goto(base + p);
      expect(await ui.page.locator('html').getAttribute('lang'), p).toBe('fr');
      const levels = await ui.page.locator('h1, h2, h3, h4, h5, h6').evaluateAll((els) => els.map((e) => Number(e.tagName[1])));
      expect(levels[0], p).toBe(1);
      expect(levels.filter((l) => l === 1).length, p).toBe(1);
      for (let i = 1; i < levels.length; i++) expect(levels[i] - levels[i - 1], `${p} : h${levels[i - 1]} → h${levels[i]}`).toBeLessThanOrEqual(1);
    }
  });

  test('lien d\'évitement : premier élément focalisable, mène au contenu', async () => {
    await ui.page.goto(base + '/dsn/P26V01/S21.G00.40.007/');
    await ui.page.keyboard.press('Tab');
    const focused = await ui.page.evaluate(() => ({ text: document.activeElement?.textContent, href: document.activeElement?.getAttribute('href') }));
    expect(focused).toEqual({ text: 'Aller au contenu', href: '#contenu' });
    await ui.page.keyboard.press('Enter');
    expect(await ui.page.evaluate(() => document.activeElement?.id)).toBe('contenu');
  });

  test('mobile : pas de défilement horizontal de la page', async () => {
    await ui.page.setViewportSize({ width: 375, height: 800 });
    for (const p of ['/', '/dsn/P26V01/', '/dsn/P26V01/S21.G00.40.007/', '/dsn/P26V01/controles/', '/dsn/diff/P26V01...P27V01/']) {
      await ui.page.goto(base + p);
      const overflow = await ui.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, p).toBeLessThanOrEqual(0);
    }
    await ui.page.setViewportSize({ width: 1280, height: 900 });
  });

  test('impression d\'une rubrique : en-tête, navigation et sélecteur masqués', async () => {
    await ui.page.goto(base + '/dsn/P26V01/S21.G00.40.007/');
    await ui.page.emulateMedia({ media: 'print' });
    const hidden = await ui.page.evaluate(() =>
      ['.site-header', '.site-footer', '.switcher', '.breadcrumbs'].map((s) => getComputedStyle(document.querySelector(s)!).display),
    );
    expect(hidden).toEqual(['none', 'none', 'none', 'none']);
    expect(await ui.page.locator('h1').isVisible()).toBe(true);
    await ui.page.emulateMedia({ media: 'screen' });
    const pdf = await ui.page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
  });
});
