/** Browser journeys on the real registry (headless Chromium). */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, inject, test } from 'vitest';
import type { Page } from 'playwright-core';
import { CHECK_RULES, RULES as DIFF_RULES, VALIDATION_RULES, diffVersions, loadRegistry } from '../../src/core/index.ts';
import { PROJECT_ROOT, launchBrowser, usePage } from './helpers.ts';

const base = inject('siteUrl');
const dist = inject('distDir');
const ui = usePage();

async function go(path: string) {
  const res = await ui.page.goto(base + path);
  return res!;
}

describe('parcours', () => {
  test('accueil → version → bloc → rubrique → historique → note différentielle', async () => {
    await go('/');
    expect(await ui.page.locator('html').getAttribute('lang')).toBe('fr');
    await ui.page.getByRole('link', { name: 'P26V01', exact: true }).first().click();
    await ui.page.waitForURL(/\/dsn\/P26V01\/$/);
    expect(await ui.page.locator('h1').innerText()).toContain('DSN P26V01');

    await ui.page.locator('nav.tree').getByRole('link', { name: /S21\.G00\.40 Contrat/ }).click();
    await ui.page.waitForURL(/\/dsn\/P26V01\/S21\.G00\.40\/$/);
    // Rubriques table with an anchor per rubrique.
    expect(await ui.page.locator('tr#S21\\.G00\\.40\\.007').count()).toBe(1);

    await ui.page.locator('tr#S21\\.G00\\.40\\.007 a').first().click();
    await ui.page.waitForURL(/\/dsn\/P26V01\/S21\.G00\.40\.007\/$/);
    expect(await ui.page.locator('h1').innerText()).toContain('Nature du contrat');
    // Codes of the datatype and controls of the rubrique.
    const values = await ui.page.locator('table.values').innerText();
    expect(values).toContain('01');
    expect(values).toContain('Contrat de travail à durée indéterminée de droit privé');
    expect(await ui.page.locator('table.controls tbody tr').count()).toBeGreaterThan(0);
    expect(await ui.page.locator('table.controls').innerText()).toMatch(/S21\.G00\.40\.007\/C[A-Z]{2}-\d+/);

    // History: from the history section to the note différentielle.
    const history = ui.page.locator('ol.history');
    expect(await history.innerText()).toContain('P27V01');
    await history.getByRole('link', { name: 'note différentielle' }).last().click();
    await ui.page.waitForURL(/\/dsn\/diff\/P\d\dV01\.\.\.P\d\dV01\/#S21\.G00\.40\.007$/);
    expect(await ui.page.locator('h1').innerText()).toMatch(/Note différentielle DSN P\d\dV01 → P\d\dV01/);
    expect(await ui.page.locator('[id="S21.G00.40.007"]').count()).toBe(1);
  });

  test('quelle version pour quel mois : de la famille au tableau des mois, du champ au mois, le trou P20V01–P23V01', async () => {
    await go('/dsn/');
    await ui.page.getByRole('link', { name: 'Quelle version pour quel mois ?' }).click();
    await ui.page.waitForURL(/\/dsn\/mois\/$/);
    // The table: one link per month, named by the month and its version.
    const june2025 = ui.page.getByRole('link', { name: 'juin 2025 : P25V01' });
    expect(await june2025.getAttribute('href')).toBe('/dsn/mois/2025-06/');
    expect(await ui.page.getByRole('link', { name: 'mai 2021 : aucune version' }).count()).toBe(1);

    // The month field (JavaScript) reads the forms of `norme which`; what it cannot read, or a month
    // outside the calendar, gets a message and no navigation.
    await ui.page.fill('#mois-valeur', 'mars');
    await ui.page.getByRole('button', { name: 'Voir la version' }).click();
    expect(await ui.page.getByRole('alert').innerText()).toBe('Mois illisible «\u00a0mars\u00a0»\u00a0: écrivez par exemple mars 2026, 03/2026, 2026-03 ou 01032026.');
    await ui.page.fill('#mois-valeur', '05/2040');
    await ui.page.getByRole('button', { name: 'Voir la version' }).click();
    expect(await ui.page.getByRole('alert').innerText()).toMatch(/^mai 2040 est au-delà des versions annoncées\u00a0: le calendrier s'arrête en .*\.$/);
    expect(ui.page.url()).toMatch(/\/dsn\/mois\/$/);
    // The value of S20.G00.05.005 as declared: 01MMAAAA.
    await ui.page.fill('#mois-valeur', '01032025');
    await ui.page.getByRole('button', { name: 'Voir la version' }).click();
    await ui.page.waitForURL(/\/dsn\/mois\/2025-03\/$/);
    expect(await ui.page.locator('.month-answer').innerText()).toMatch(/^Version applicable\u00a0: P25V01/);

    // In words, as in the page's own title; a month past the last known version says so.
    await go('/dsn/mois/');
    await ui.page.fill('#mois-valeur', 'mars 2027');
    await ui.page.getByRole('button', { name: 'Voir la version' }).click();
    await ui.page.waitForURL(/\/dsn\/mois\/2027-03\/$/);
    expect(await ui.page.locator('.month-answer').innerText()).toMatch(/^Version applicable\u00a0: P27V01/);
    expect(await ui.page.locator('.notice', { hasText: 'au-delà des versions annoncées' }).count()).toBe(0);
    await go('/dsn/mois/2028-01/');
    expect(await ui.page.locator('.notice', { hasText: 'janvier 2028 est au-delà des versions annoncées' }).count()).toBe(1);

    // P26V01 in November 2026, DPAE (nature 10) not yet usable.
    await go('/dsn/mois/');
    await ui.page.fill('#mois-valeur', '11/2026');
    await ui.page.getByRole('button', { name: 'Voir la version' }).click();
    await ui.page.waitForURL(/\/dsn\/mois\/2026-11\/$/);
    expect(await ui.page.locator('.month-answer').innerText()).toMatch(/^Version applicable\u00a0: P26V01 \(Année 2026 Version 1\)/);
    const facts = await ui.page.locator('dl.facts').innerText();
    // In words, from the code list DSN_Declaration_Nature of P26V01 (Data_Types.csv of CT2026:
    // `10=Signalement Déclaration préalable à l'embauche`), its technical name only as detail.
    expect(facts).toContain("10 — Signalement Déclaration préalable à l'embauche (Nature de la déclaration, DSN_Declaration_Nature) à partir de janvier 2027");
    expect(facts).not.toContain('DSN_Declaration_Nature#10');
    expect(facts).toContain('inférée');
    expect(await ui.page.locator('dl.facts').getByRole('link', { name: /^\d+ fiches pour P26V01$/ }).getAttribute('href')).toBe('/consignes/versions/dsn/P26V01/');
    expect(await ui.page.locator('main').innerText()).toContain('01112026');

    // A month of the gap P20V01–P23V01 (absent from the registry): the versions around it, and why.
    await go('/dsn/mois/2021-05/');
    expect(await ui.page.locator('.month-answer').innerText()).toBe("Aucune version du registre ne s'applique à ce mois.");
    const around = await ui.page.locator('dl.facts').innerText();
    expect(around).toMatch(/Dernière version avant\s+P19V01/);
    expect(around).toMatch(/Version suivante\s+P24V01/);
    expect(await ui.page.locator('.notice').innerText()).toContain('P20V01 à P23V01');
    await ui.page.getByRole('link', { name: 'juin 2021 →' }).click();
    await ui.page.waitForURL(/\/dsn\/mois\/2021-06\/$/);
  });

  test('le sélecteur de version garde la rubrique', async () => {
    await go('/dsn/P26V01/S21.G00.40.007/');
    await ui.page.locator('nav.switcher').getByRole('link', { name: 'P27V01', exact: true }).click();
    await ui.page.waitForURL(/\/dsn\/P27V01\/S21\.G00\.40\.007\/$/);
    expect(await ui.page.locator('h1').innerText()).toContain('S21.G00.40.007');
    expect(await ui.page.locator('nav.switcher [aria-current="page"]').innerText()).toBe('P27V01');
    // A removed rubrique: versions without it are not links.
    await go('/dsn/P26V01/S21.G00.06.003/');
    expect(await ui.page.locator('nav.switcher').getByRole('link', { name: 'P27V01', exact: true }).count()).toBe(0);
    expect(await ui.page.locator('nav.switcher').innerText()).toContain('P27V01');
  });

  test('pierre tombale d\'une rubrique supprimée', async () => {
    const res = await go('/dsn/rubriques/S21.G00.06.003/');
    expect(res.status()).toBe(200);
    const notice = await ui.page.locator('.tombstone').innerText();
    expect(notice).toContain('supprimée en P27V01');
    expect(notice).toContain('dernière définition en P26V01');
    expect(await ui.page.locator('h1').innerText()).toContain('Code APEN');
    // A rubrique still present: no tombstone.
    await go('/dsn/rubriques/S21.G00.40.007/');
    expect(await ui.page.locator('.tombstone').count()).toBe(0);
  });

  test('la note différentielle P26V01 → P27V01 liste les blocs ajoutés S21.G00.59 et S21.G00.75', async () => {
    await go('/dsn/diff/P26V01...P27V01/');
    for (const id of ['S21.G00.59', 'S21.G00.75']) {
      const li = ui.page.locator(`li[data-rule="block-added"][id="${id}"]`);
      expect(await li.count()).toBe(1);
      expect(await li.innerText()).toContain('ajouté');
    }
    expect(await ui.page.locator('li[data-rule="rubrique-removed"][id="S21.G00.06.003"]').count()).toBe(1);
  });

  test('comparer deux versions au choix : P24V01 → P27V01 calculé dans le navigateur, mêmes changements que la CLI', async () => {
    // Expected: the core on the registry, as `npx norme diff dsn/P24V01 dsn/P27V01` computes it.
    const { registry } = loadRegistry(PROJECT_ROOT, { only: ['dsn'] });
    const dsn = registry.families.get('dsn')!;
    const expected = diffVersions(dsn.versions.get('P24V01')!, dsn.versions.get('P27V01')!);
    expect(expected.summary.total).toBeGreaterThan(100);

    await go('/dsn/diff/');
    await ui.page.getByRole('link', { name: 'comparer deux versions au choix' }).click();
    await ui.page.waitForURL(/\/dsn\/diff\/comparer\/$/);
    await ui.page.selectOption('#cmp-de', 'P24V01');
    await ui.page.selectOption('#cmp-a', 'P27V01');
    await ui.page.getByRole('button', { name: 'Comparer' }).click();
    const title = ui.page.locator('#cmp-titre');
    await title.waitFor();
    expect(ui.page.url()).toMatch(/\/dsn\/diff\/comparer\/\?de=P24V01&a=P27V01$/);
    expect(await title.innerText()).toBe(`P24V01 → P27V01 : ${expected.summary.total} changements`);
    expect(await ui.page.locator('.cmp-result ul.counts').innerText()).toContain(`cassant ${expected.summary.bySeverity.breaking}`);
    expect(await ui.page.locator('.cmp-result li[data-rule]').count()).toBe(expected.summary.total);
    // S21.G00.06.003, removed in P27V01, and the blocks added by P27V01.
    expect(await ui.page.locator('.cmp-result li[data-rule="rubrique-removed"][id="S21.G00.06.003"]').count()).toBe(1);
    expect(await ui.page.locator('.cmp-result li[data-rule="block-added"]').evaluateAll((els) => els.map((e) => e.id))).toEqual(
      expected.changes.filter((c) => c.rule === 'block-added').map((c) => c.id),
    );
    // The messages link to the elements.
    expect(await ui.page.locator('.cmp-result li[data-rule="rubrique-removed"][id="S21.G00.06.003"] a').getAttribute('href')).toBe('/dsn/P24V01/S21.G00.06.003/');

    // Downloads, generated in the page: the records of the CLI.
    const blob = async (format: string) => {
      const a = ui.page.locator(`.cmp-result a[data-format="${format}"]`);
      expect(await a.getAttribute('download')).toBe(`dsn-P24V01...P27V01.${format}`);
      return ui.page.evaluate(async (href) => (await fetch(href!)).text(), await a.getAttribute('href'));
    };
    const doc = JSON.parse(await blob('json'));
    expect(doc.changes).toEqual(JSON.parse(JSON.stringify(expected.changes)));
    expect(doc.summary).toEqual(expected.summary);
    const csv = (await blob('csv')).replace(/^\ufeff/, '');
    expect(csv.split('\r\n')[0].startsWith('Gravité;Règle;')).toBe(true);
    expect(await blob('md')).toMatch(/^# Note différentielle/);

    // Only the breaking changes: in the address, in the count, in the files.
    for (const s of ['warning', 'info', 'editorial']) await ui.page.locator(`input[name="gravite"][value="${s}"]`).uncheck();
    await ui.page.getByRole('button', { name: 'Comparer' }).click();
    await ui.page.waitForFunction((n) => document.querySelectorAll('.cmp-result li[data-rule]').length === n, expected.summary.bySeverity.breaking);
    expect(ui.page.url()).toMatch(/\?de=P24V01&a=P27V01&gravite=breaking$/);
    expect(await ui.page.locator('.cmp-result li[data-severity]:not([data-severity="breaking"])').count()).toBe(0);
    expect(JSON.parse(await blob('json')).summary.total).toBe(expected.summary.bySeverity.breaking);

    // The address alone gives the same comparison (bookmark, shared link); a consecutive pair
    // points to its published note; the same version twice is explained.
    await go('/dsn/diff/comparer/?de=P26V01&a=P27V01');
    await title.waitFor();
    expect(await ui.page.getByRole('link', { name: 'note différentielle publiée' }).getAttribute('href')).toBe('/dsn/diff/P26V01...P27V01/');
    expect(await ui.page.locator('.cmp-result li[data-rule]').count()).toBe(diffVersions(dsn.versions.get('P26V01')!, dsn.versions.get('P27V01')!).summary.total);
    await ui.page.selectOption('#cmp-a', 'P26V01');
    await ui.page.getByRole('button', { name: 'Comparer' }).click();
    expect(await ui.page.getByRole('alert').innerText()).toBe('Choisissez deux versions différentes (P26V01 des deux côtés).');

    // From a version's page: that version preselected as the arrival, from the oldest one; nothing computed yet.
    await go('/dsn/P26V01/');
    await ui.page.getByRole('link', { name: 'comparer P26V01 avec une version au choix' }).click();
    await ui.page.waitForURL(/\/dsn\/diff\/comparer\/\?a=P26V01$/);
    await ui.page.locator('#cmp-form').waitFor();
    expect([await ui.page.locator('#cmp-de').inputValue(), await ui.page.locator('#cmp-a').inputValue()]).toEqual(['P19V01', 'P26V01']);
    expect(await ui.page.locator('#cmp-titre').count()).toBe(0);
  });

  test('les téléchargements se lisent', async () => {
    const json = async (p: string) => {
      const r = await ui.page.request.get(base + p);
      expect(r.status(), p).toBe(200);
      return JSON.parse(await r.text());
    };
    const version = await json('/dsn/P26V01.json');
    expect(version.family).toBe('dsn');
    expect(version.version.id).toBe('P26V01');
    expect(version.blocks.length).toBeGreaterThan(50);

    const csv = await (await ui.page.request.get(base + '/dsn/P26V01.csv')).text();
    const lines = csv.replace(/^\ufeff/, '').split('\r\n');
    expect(lines[0].split(';').slice(0, 3)).toEqual(['Bloc', 'Libellé du bloc', 'Rubrique']);
    expect(lines.some((l) => l.includes('S21.G00.40.007'))).toBe(true);

    const releases = await json('/releases.json');
    const p27 = releases.releases.find((r: { family: string; version: string }) => r.family === 'dsn' && r.version === 'P27V01');
    expect(p27).toMatchObject({ status: 'published', previous: 'P26V01' });
    expect(p27.applicability.from).toBe('2027-01');
    expect(p27.editions[0].id).toBe('2027.1.0.0');

    const diff = await json('/dsn/diff/P26V01...P27V01.json');
    const rules = new Set(diff.changes.map((c: { rule: string; id: string }) => `${c.rule} ${c.id}`));
    expect(rules.has('block-added S21.G00.59')).toBe(true);
    expect(rules.has('block-added S21.G00.75')).toBe(true);
    const diffCsv = await (await ui.page.request.get(base + '/dsn/diff/P26V01...P27V01.csv')).text();
    expect(diffCsv.replace(/^\ufeff/, '').split('\r\n')[0].startsWith('Gravité;Règle;')).toBe(true);
    const md = await (await ui.page.request.get(base + '/dsn/diff/P26V01...P27V01.md')).text();
    expect(md).toMatch(/^# Note différentielle/);
  });

  test('chaque téléchargement JSON nomme un schéma que le site publie, et le respecte', async () => {
    const get = async (p: string) => {
      const r = await ui.page.request.get(base + p);
      expect(r.status(), p).toBe(200);
      return JSON.parse(await r.text());
    };
    // The schemas as the site serves them (not read from src/): what a vendor's tool would fetch.
    const files = readdirSync(path.join(dist, 'schemas')).sort();
    expect(files).toEqual(expect.arrayContaining(['version-export.schema.json', 'diff-output.schema.json', 'releases.schema.json', 'block.schema.json']));
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    // The schemas use the standard format `date` (a real calendar day), as a vendor's validator knows it.
    addFormats(ajv);
    for (const f of files) {
      const schema = await get(`/schemas/${f}`);
      expect(new URL(schema.$id).pathname, f).toBe(`/schemas/${f}`);
      ajv.addSchema(schema);
    }
    const downloads = [
      '/releases.json',
      ...readdirSync(path.join(dist, 'dsn')).filter((f) => f.endsWith('.json')).map((f) => `/dsn/${f}`),
      ...readdirSync(path.join(dist, 'pasrau')).filter((f) => f.endsWith('.json')).map((f) => `/pasrau/${f}`),
      ...readdirSync(path.join(dist, 'dsn/diff')).filter((f) => f.endsWith('.json')).map((f) => `/dsn/diff/${f}`),
    ];
    expect(downloads.length).toBeGreaterThanOrEqual(11);
    const problems: string[] = [];
    for (const d of downloads) {
      const doc = await get(d);
      const validate = ajv.getSchema(doc.$schema);
      if (!validate) problems.push(`${d} : schéma non publié ${doc.$schema}`);
      else if (!validate(doc)) problems.push(`${d} : ${ajv.errorsText(validate.errors)}`);
    }
    expect(problems).toEqual([]);
  });

  test('flux RSS des nouveautés : révisions des fiches (exemples signalés), éditions du cahier technique, du plus récent au plus ancien', async () => {
    await go('/');
    // Announced on every page, and linked from the home ui.page.
    expect(await ui.page.locator('link[rel="alternate"][type="application/rss+xml"]').getAttribute('href')).toBe('/flux.xml');
    const res = await ui.page.request.get(base + (await ui.page.getByRole('link', { name: 'Suivre les nouveautés (flux RSS)' }).getAttribute('href')));
    expect(res.status()).toBe(200);
    const xml = await res.text();
    const feed = await ui.page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      if (doc.querySelector('parsererror')) return null;
      const items = [...doc.querySelectorAll('channel > item')].map((i) => ({
        title: i.querySelector('title')!.textContent!,
        link: new URL(i.querySelector('link')!.textContent!).pathname + new URL(i.querySelector('link')!.textContent!).hash,
        date: new Date(i.querySelector('pubDate')!.textContent!).toISOString().slice(0, 10),
        description: i.querySelector('description')!.textContent!,
      }));
      return { language: doc.querySelector('channel > language')?.textContent, items };
    }, xml);
    expect(feed).not.toBeNull();
    expect(feed!.language).toBe('fr-FR');
    const byLink = (l: string) => feed!.items.find((i) => i.link === l);
    // Every revision of a fiche, at its own address, dated by its publication.
    expect(byLink('/consignes/9001/revisions/3/')).toMatchObject({ title: '[Exemple] Fiche n° 9001, révision 3\u00a0: Comment renseigner la nature du contrat\u202f?', date: '2026-02-02' });
    expect(byLink('/consignes/9001/revisions/1/')?.date).toBe('2024-11-18');
    expect(byLink('/consignes/9001/revisions/3/')!.description).toContain('Exemple — ne constitue pas une consigne officielle.');
    // The editions of the cahier technique (real data: no example mark).
    const p27 = feed!.items.find((i) => i.title === 'DSN P27V01\u00a0: édition 2027.1.0.0 du cahier technique');
    expect(p27).toMatchObject({ link: '/dsn/P27V01/', date: '2025-12-22' });
    // Newest first; every link leads to a page of the site.
    const dates = feed!.items.map((i) => i.date);
    expect(dates).toEqual([...dates].sort().reverse());
    const missing = feed!.items.filter((i) => !existsSync(path.join(dist, i.link.replace(/#.*$/, ''), 'index.html'))).map((i) => i.link);
    expect(missing).toEqual([]);
  });

  test('une adresse inconnue sert la page 404, qui mène aux liens permanents', async () => {
    const res = await go('/dsn/P26V01/S99.G00.99.999/');
    expect(res.status()).toBe(404);
    expect(await ui.page.locator('h1').innerText()).toBe('Page introuvable');
    expect(await ui.page.locator('main').innerText()).toContain('/dsn/rubriques/');
  });

  test('sans JavaScript : filtre des contrôles, rubrique, pierre tombale et note différentielle', async () => {
    const noJs = await launchBrowser({ javaScriptEnabled: false });
    try {
      const p = await noJs.context.newPage();
      await p.goto(base + '/dsn/P26V01/controles/');
      const visible = () => p.locator('table.controls tbody tr:visible').count();
      const all = await visible();
      expect(all).toBe(653);
      await p.getByRole('radio', { name: /SIG/ }).check();
      const sig = await visible();
      expect(sig).toBe(59);
      expect(await p.locator('table.controls tbody tr:visible td:nth-child(2)').allInnerTexts()).toEqual(Array(sig).fill('SIG signalement'));
      await p.getByRole('radio', { name: /^Toutes/ }).check();
      expect(await visible()).toBe(all);

      await p.goto(base + '/dsn/P26V01/S21.G00.40.007/');
      expect(await p.locator('table.values').innerText()).toContain('Contrat de travail à durée indéterminée de droit privé');
      expect(await p.locator('ol.history > li').count()).toBe(5);
      await p.goto(base + '/dsn/rubriques/S21.G00.06.003/');
      expect(await p.locator('.tombstone').innerText()).toContain('supprimée en P27V01');
      await p.goto(base + '/dsn/diff/P26V01...P27V01/');
      expect(await p.locator('li[data-rule="block-added"]').count()).toBe(2);
      // Comparing any two versions needs JavaScript: the page says so and names the alternatives.
      await p.goto(base + '/dsn/diff/comparer/?de=P24V01&a=P27V01');
      expect(await p.locator('#cmp-form').isVisible()).toBe(false);
      expect(await p.locator('main').innerText()).toContain('npx norme diff dsn/P19V01 dsn/P27V01');
      expect(await p.getByRole('link', { name: 'notes différentielles entre versions consécutives' }).getAttribute('href')).toBe('/dsn/diff/');

      // Version by month: the field needs JavaScript and stays hidden; the table leads to each month.
      await p.goto(base + '/dsn/mois/');
      expect(await p.locator('#mois-form').isVisible()).toBe(false);
      await p.getByRole('link', { name: 'juin 2025 : P25V01' }).click();
      await p.waitForURL(/\/dsn\/mois\/2025-06\/$/);
      expect(await p.locator('.month-answer').innerText()).toMatch(/^Version applicable\u00a0: P25V01/);
    } finally {
      await noJs.close();
    }
  });
});

/** `/regles/` publishes every rule of the three catalogues (src/core/rules.ts), reached from the glossary. */
describe('règles', () => {
  test('glossaire → règles : les trois catalogues, une ligne par règle, gravité en français', async () => {
    await ui.page.goto(base + '/glossaire/');
    await ui.page.getByRole('link', { name: 'Règles', exact: true }).click();
    await ui.page.waitForURL(/\/regles\/$/);
    expect(await ui.page.locator('h1').innerText()).toBe('Règles');
    expect(await ui.page.locator('h2').allInnerTexts()).toEqual(['Règles de validation', 'Règles de comparaison', "Règles de l'auto-contrôle"]);
    expect(await ui.page.locator('#validation tbody tr').count()).toBe(VALIDATION_RULES.length);
    expect(await ui.page.locator('#diff tbody tr').count()).toBe(DIFF_RULES.length);
    expect(await ui.page.locator('#check tbody tr').count()).toBe(Object.keys(CHECK_RULES).length);
    expect((await ui.page.locator('tr#validation-empty-file').innerText()).split('\t')).toEqual(['empty-file', 'erreur', 'Fichier YAML vide.']);
    expect((await ui.page.locator('tr#diff-rubrique-removed td').first().innerText())).toBe('cassant');
    expect(await ui.page.locator('tr#validation-registry-missing code').allInnerTexts()).toEqual(['registry-missing', 'norm/']);
  });
});
