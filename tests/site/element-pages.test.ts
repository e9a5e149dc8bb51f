/**
 * The site build writes the element pages itself, into the layout Astro renders once
 * (src/site/render/pages.ts, src/site/write-pages.ts). On the real registry, the site must be
 * the same, byte for byte, as the one Astro builds alone (build-variant.mjs --astro-pages).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { breadcrumbsHtml } from '../../src/site/render/markup.ts';
import { fillShell, sameShell, shellFrom, TEMPLATE, TEMPLATE_FILES } from '../../src/site/render/pages.ts';
import { PROJECT_ROOT, buildVariant } from './helpers.ts';

const tmp = mkdtempSync(path.join(tmpdir(), 'norme-element-pages-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Every file under `dir`, relative, sorted. */
function files(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...files(dir, r));
    else out.push(r);
  }
  return out.sort();
}

describe('pages des éléments écrites par la construction', () => {
  test('registre réel : le site est le même, octet pour octet, que celui qu\'Astro construit seul', () => {
    // Same day and month for both builds (the footer dates the build).
    const env = { NORME_TODAY: '2026-03', SOURCE_DATE_EPOCH: '1772323200' };
    const byBuild = path.join(tmp, 'par-la-construction');
    const byAstro = path.join(tmp, 'par-astro');
    const a = buildVariant(PROJECT_ROOT, byBuild, ['--no-search'], env);
    expect(a.status, a.stderr).toBe(0);
    const b = buildVariant(PROJECT_ROOT, byAstro, ['--no-search', '--astro-pages'], env);
    expect(b.status, b.stderr).toBe(0);

    const list = files(byBuild);
    expect(list).toEqual(files(byAstro));
    // The pages written by the build are there (and the templates are not).
    expect(list).toContain('dsn/P26V01/S21.G00.40.007/index.html');
    expect(list).toContain('dsn/rubriques/S21.G00.06.003/index.html');
    expect(list).toContain('dsn/P26V01/types/DSN_NatureContrat/index.html');
    expect(list.filter((f) => f.startsWith('0-gabarit/'))).toEqual([]);
    const differ = list.filter((f) => !readFileSync(path.join(byBuild, f)).equals(readFileSync(path.join(byAstro, f))));
    expect(differ).toEqual([]);
    expect(list.filter((f) => f.endsWith('.html')).length).toBeGreaterThan(6000);
  });

  test('un gabarit sans l\'un de ses repères est refusé, avec le repère manquant', () => {
    const template = `<!doctype html><head><title>${TEMPLATE.title} — norme</title><meta name="description" content="${TEMPLATE.description}"><link rel="canonical" href="https://norme.example/${TEMPLATE.path}/"></head><body class="${TEMPLATE.bodyClass}">${breadcrumbsHtml([{ label: TEMPLATE.crumb }])}<main>${TEMPLATE.main}</main></body>`;
    const shell = shellFrom(template, 'gabarit.html');
    expect(fillShell(shell, { title: 'Type T (P26V01)', crumbs: [{ href: '/', label: 'Accueil' }, { label: 'T' }], path: '/dsn/P26V01/types/T/' }, '<h1>T</h1>')).toBe(
      '<!doctype html><head><title>Type T (P26V01) — norme</title><link rel="canonical" href="https://norme.example/dsn/P26V01/types/T/"></head><body><nav class="breadcrumbs" aria-label="Fil d\'Ariane"><ol><li><a href="/">Accueil</a></li><li><span aria-current="page">T</span></li></ol></nav><main><h1>T</h1></main></body>',
    );
    // The canonical path percent-encoded, as `new URL(path, site)` writes it in Base.astro.
    expect(fillShell(shell, { title: "L'élément", description: 'Rubrique « x » & "y"', crumbs: [], bodyClass: 'page-rubrique', path: '/demo/V1/types/a b/' }, '')).toBe(
      '<!doctype html><head><title>L&#39;élément — norme</title><meta name="description" content="Rubrique «\u00a0x\u00a0» &amp; &quot;y&quot;"><link rel="canonical" href="https://norme.example/demo/V1/types/a%20b/"></head><body class="page-rubrique"><main></main></body>',
    );
    expect(() => shellFrom(template.replace(TEMPLATE.main, ''), 'gabarit.html')).toThrow(`gabarit.html : le gabarit des pages doit contenir une fois « ${TEMPLATE.main} »`);
    expect(() => shellFrom(template + TEMPLATE.main, 'gabarit.html')).toThrow(`une fois « ${TEMPLATE.main} »`);
  });

  test('un gabarit qui dépend de la page (il lit Astro.url) arrête la construction, avec ce qui diffère', () => {
    // The template route rendered for two pages (TEMPLATE_FILES): a canonical link read from Astro.url.
    const render = (page: string) =>
      `<!doctype html><head><title>${TEMPLATE.title} — norme</title><meta name="description" content="${TEMPLATE.description}"><link rel="canonical" href="https://norme.example/${TEMPLATE.path}/"><link rel="alternate" href="https://norme.example/0-gabarit/elements/${page}/"></head><body class="${TEMPLATE.bodyClass}">${breadcrumbsHtml([{ label: TEMPLATE.crumb }])}<main>${TEMPLATE.main}</main></body>`;
    const [a, b] = TEMPLATE_FILES.elements;
    expect(a).not.toBe(b);
    expect(sameShell(shellFrom(render('page'), a), shellFrom(render('page'), b)).file).toBe(a);
    expect(() => sameShell(shellFrom(render('page'), a), shellFrom(render('autre-page'), b))).toThrow(
      `Base.astro dépend de la page : « <link rel="alternate" href="https://norme.example/0-gabarit/elements/page/"> » dans ${a}, ` +
        `« <link rel="alternate" href="https://norme.example/0-gabarit/elements/autre-page/"> » dans ${b}.`,
    );
  });
});
