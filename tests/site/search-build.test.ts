/**
 * The search index of `npm run build` is built while Astro writes the pages, from the element
 * pages the build's worker writes (what the index reads of them: src/site/render/kinds.ts) and
 * the fiches read as soon as they are written. It must be the index of the built pages: re-indexed from the built HTML alone
 * (standalone indexer), the bundle is the same, byte for byte. And a failed index publishes
 * nothing.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { consignesFixture } from '../core/consignes/helpers.ts';
import { indexDocument } from '../../src/site/search/indexer.ts';
import { PROJECT_ROOT, buildSite, listFiles, runChild } from './helpers.ts';

const node = process.execPath;

/** Re-index the built site `dist` from its HTML pages only (standalone indexer) into `bundle`. */
function reindexFromPages(dist: string, bundle: string, env: Record<string, string>) {
  const r = runChild(node, [path.join(PROJECT_ROOT, 'src/site/search/indexer.ts'), dist, bundle], env);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { pages: number; records: number; rendered: number; byType: Record<string, number> };
}

/** Files of a bundle whose content differs from the other bundle (or missing from it). */
function bundleDiff(a: string, b: string): string[] {
  const fa = listFiles(a).sort();
  const fb = listFiles(b).sort();
  const out = [...fa.filter((f) => !fb.includes(f)).map((f) => `seulement dans ${a} : ${f}`), ...fb.filter((f) => !fa.includes(f)).map((f) => `seulement dans ${b} : ${f}`)];
  for (const f of fa) if (fb.includes(f) && !readFileSync(path.join(a, f)).equals(readFileSync(path.join(b, f)))) out.push(`contenu différent : ${f}`);
  return out;
}

describe("index de recherche construit pendant les pages", () => {
  test('fixture avec fiches : même index, octet pour octet, que celui des pages construites', () => {
    const fx = consignesFixture('valid');
    try {
      const out = path.join(fx.root, 'out');
      const r = buildSite(fx.root, out);
      expect(r.status, r.stderr).toBe(0);
      const bundle = path.join(fx.root, 'reindexed');
      const s = reindexFromPages(out, bundle, { NORME_ROOT: fx.root, NORME_TODAY: '2026-03' });
      // Not a trivial index: element pages and fiches, all read from the HTML here.
      expect(s.rendered).toBe(0);
      expect(s.byType.fiche).toBeGreaterThan(0);
      expect(s.byType.rubrique).toBeGreaterThan(0);
      expect(bundleDiff(path.join(out, 'pagefind'), bundle)).toEqual([]);
    } finally {
      fx.cleanup();
    }
  });

  test('site complet : même index, octet pour octet, que celui des pages construites', () => {
    const dist = inject('distDir');
    // The month the site was built for (reference versions of the search).
    const month = JSON.parse(readFileSync(path.join(dist, 'releases.json'), 'utf8')).month as string;
    const bundle = path.join(PROJECT_ROOT, '.tmp', `reindexed-${process.pid}`);
    try {
      const s = reindexFromPages(dist, bundle, { NORME_TODAY: month });
      expect(s.pages).toBeGreaterThan(1000);
      expect(bundleDiff(path.join(dist, 'pagefind'), bundle)).toEqual([]);
    } finally {
      rmSync(bundle, { recursive: true, force: true });
    }
  });

  test('un index en échec : code 1, sortie précédente intacte, aucun dossier temporaire laissé', () => {
    const fx = consignesFixture('valid');
    try {
      const out = path.join(fx.root, 'out');
      mkdirSync(out);
      writeFileSync(path.join(out, 'precedent.txt'), 'ancien site');
      // A Pagefind binary that reads the first request, then stops without replying (Pagefind's
      // own API would wait for the reply forever: src/site/search/pagefind-service.ts).
      const fake = path.join(fx.root, 'pagefind-en-panne');
      writeFileSync(fake, '#!/bin/sh\nhead -c 1 >/dev/null\nexit 3\n');
      chmodSync(fake, 0o755);
      const r = buildSite(fx.root, out, { PAGEFIND_EXTENDED_BINARY_PATH: fake, PAGEFIND_BINARY_PATH: fake });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`norme : l'index de recherche n'a pas pu être construit ; ${out}/ inchangé.`);
      expect(r.stderr).toContain("Pagefind : le processus de service s'est arrêté sans répondre (code 3).");
      expect(readdirSync(out)).toEqual(['precedent.txt']);
      const tmp = path.join(PROJECT_ROOT, '.tmp');
      const left = existsSync(tmp) ? readdirSync(tmp).filter((f) => f.endsWith(`-${r.pid}`)) : [];
      expect(left).toEqual([]);
    } finally {
      fx.cleanup();
    }
  });

  test("une donnée d'exemple porte la méta `exemple` (l'interface en fait un badge), une donnée réelle non", () => {
    const entry = { url: '/demo/V1/S21.G00.40.007/', type: 'rubrique' as const, family: 'demo', famName: 'Démo', versions: ['V1'], scope: 'actuelle' as const, covers: ['V1'], id: 'S21.G00.40.007', title: 'S21.G00.40.007 Nature du contrat' };
    expect(indexDocument('<p>texte</p>', { ...entry, example: true })).toContain('<span data-pagefind-meta="exemple:oui"></span>');
    expect(indexDocument('<p>texte</p>', entry)).not.toContain('exemple');
  });
});
