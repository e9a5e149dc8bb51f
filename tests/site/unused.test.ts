/** The unused-elements page of each version (/{famille}/{version}/inutilises/), in real Chromium. */
import { describe, expect, inject, test } from 'vitest';
import { axeViolations, usePage } from './helpers.ts';

const base = inject('siteUrl');
const ui = usePage();

async function search(q: string): Promise<string[]> {
  await ui.page.goto(`${base}/recherche/?q=${encodeURIComponent(q)}&portee=toutes`);
  await ui.page.waitForSelector('#recherche[data-state="done"], #recherche[data-state="error"]', { timeout: 30_000 });
  return ui.page.$$eval('#search-results > li', (lis) => lis.map((li) => li.getAttribute('data-url')!));
}

describe('page des éléments inutilisés', () => {
  test('dsn/P26V01 : liée depuis la page de la version ; S21.G00.06.009 (supprimée par P26V01) mène à sa dernière définition', async () => {
    await ui.page.goto(base + '/dsn/P26V01/');
    await ui.page.getByRole('link', { name: 'Éléments inutilisés de P26V01 et anomalies des tables officielles' }).click();
    expect(new URL(ui.page.url()).pathname).toBe('/dsn/P26V01/inutilises/');
    expect(await ui.page.locator('h1').innerText()).toBe('Éléments inutilisés de DSN P26V01');
    const removed = ui.page.locator('#supprimes + p + .table-wrap tr', { hasText: 'S21.G00.06.009' });
    expect(await removed.innerText()).toMatch(/S21\.G00\.06\.009\s+Effectif moyen de l'entreprise au 31 décembre\s+rubrique\s+la description officielle dit que sa déclaration «\u00a0n'est plus attendue\u00a0»\s+P25V01 \(le texte dit\u00a0: à compter de P24V01\), supprimé en P26V01/);
    await removed.getByRole('link', { name: 'S21.G00.06.009' }).click();
    expect(new URL(ui.page.url()).pathname).toBe('/dsn/P25V01/S21.G00.06.009/');
    expect(await ui.page.locator('h1').innerText()).toContain('S21.G00.06.009');
  });

  test('dsn/P26V01 : types sans rubrique, anomalie S89.G00.32.017/CCH-11 avec sa cellule source, note sur les usages', async () => {
    await ui.page.goto(base + '/dsn/P26V01/inutilises/');
    const row = ui.page.locator('#a-nettoyer + .table-wrap tr', { hasText: 'DSN_CodeCategorieJuridique' });
    expect(await row.getByRole('link').getAttribute('href')).toBe('/dsn/P26V01/types/DSN_CodeCategorieJuridique/');
    expect(await ui.page.locator('#anomalies + .table-wrap').innerText()).toContain('dsn-datatypes-CT2026.xlsx, feuille «\u00a0Messages\u00a0», ligne Name = S89.G00.32.017/CCH-11, colonne Message');
    expect(await ui.page.locator('.notice').first().innerText()).toMatch(/^Tableau des usages non publié pour dsn\/P26V01/);
    expect(await axeViolations(ui.page)).toEqual([]);
  });

  test('dans l\'index de recherche', async () => {
    expect(await search('éléments inutilisés P26V01')).toContain('/dsn/P26V01/inutilises/');
  });
});
