/** scripts/build.mjs (and src/site/integration.ts): the registry is checked first, and the output is swapped in atomically. */
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { fixtureCopy } from '../helpers/fixture.ts';
import { PROJECT_ROOT, buildSite, buildVariant } from './helpers.ts';

describe('construction atomique', () => {
  test('un registre en erreur : diagnostics affichés, code 1, sortie précédente intacte', () => {
    const fx = fixtureCopy('valid', [{ file: 'norm/demo/V1/blocks/S21.G00.40.yaml', from: 'datatype: DSN_NatureContrat\n', to: 'datatype: DSN_NatureContrat2\n' }]);
    try {
      const out = path.join(fx.root, 'out');
      mkdirSync(out);
      writeFileSync(path.join(out, 'precedent.txt'), 'ancien site');
      const r = buildSite(fx.root, out);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(
        'norm/demo/V1/blocks/S21.G00.40.yaml:15:15: erreur Type de données inconnu `DSN_NatureContrat2` ; vouliez-vous dire `DSN_NatureContrat` ? [unknown-datatype]',
      );
      expect(r.stderr).toContain(`norme : 1 erreur(s) dans le registre ; site non construit, ${out}/ inchangé.`);
      expect(readFileSync(path.join(out, 'precedent.txt'), 'utf8')).toBe('ancien site');
      expect(existsSync(path.join(out, 'index.html'))).toBe(false);
    } finally {
      fx.cleanup();
    }
  });

  test('un registre valide : le nouveau site remplace entièrement l\'ancien', async () => {
    const fx = fixtureCopy('valid');
    try {
      const out = path.join(fx.root, 'out');
      mkdirSync(out);
      writeFileSync(path.join(out, 'precedent.txt'), 'ancien site');
      // Leftovers of a killed build (its process is dead): removed by the next build.
      const dead = spawnSync(process.execPath, ['-e', '0']).pid;
      const stale = [`dist-${dead}`, `pagefind-${dead}`].map((d) => path.join(PROJECT_ROOT, '.tmp', d));
      for (const d of stale) mkdirSync(d, { recursive: true });
      const r = buildSite(fx.root, out);
      expect(r.status, r.stderr).toBe(0);
      expect(existsSync(path.join(out, 'precedent.txt'))).toBe(false);
      // The output is a link to its generation, swapped atomically (scripts/swap-dist.mjs).
      expect(lstatSync(out).isSymbolicLink()).toBe(true);
      for (let i = 0; i < 100 && stale.some(existsSync); i++) await new Promise((res) => setTimeout(res, 100));
      expect(stale.filter(existsSync)).toEqual([]);
      // What the bench reads (scripts/bench/site-build.mjs): counts, and on Linux the CPU time by part.
      const statsFile = path.join(fx.root, 'stats.json');
      const v = buildVariant(fx.root, path.join(fx.root, 'mesure'), ['--stats', statsFile]);
      expect(v.status, v.stderr).toBe(0);
      const stats = JSON.parse(readFileSync(statsFile, 'utf8'));
      expect(stats.pages).toBeGreaterThan(10);
      expect(stats.searchRecords).toBeGreaterThan(0);
      if (process.platform === 'linux') {
        // Measured in clock ticks (10 ms): even this small build has some in the main thread and the workers.
        for (const part of ['main', 'worker']) expect(stats.cpu[part], part).toBeGreaterThan(0);
        // Pagefind indexes this fixture in under one tick on a fast machine (0 in a CI run of 5 December):
        // its part must be measured (a number, not null), not necessarily non-zero.
        for (const part of ['pagefind', 'v8', 'io', 'bundler', 'other']) {
          expect(typeof stats.cpu[part], part).toBe('number');
          expect(stats.cpu[part], part).toBeGreaterThanOrEqual(0);
        }
      }
      const rubrique = readFileSync(path.join(out, 'demo/V1/S21.G00.40.007/index.html'), 'utf8');
      expect(rubrique).toContain('<html lang="fr">');
      expect(rubrique).toContain('Nature du contrat');
      expect(rubrique).toContain('S21.G00.40.007/CCH-11');
      // Written by the worker into the shell: its own canonical link, not the template's (Base.astro).
      expect(rubrique).toContain('<link rel="canonical" href="https://norme.example/demo/V1/S21.G00.40.007/">');
      expect(readFileSync(path.join(out, 'demo/index.html'), 'utf8')).toContain('<link rel="canonical" href="https://norme.example/demo/">');
      expect(readFileSync(path.join(out, '404.html'), 'utf8')).not.toContain('rel="canonical"');
      const releases = JSON.parse(readFileSync(path.join(out, 'releases.json'), 'utf8'));
      expect(releases.month).toBe('2026-03');
      expect(releases.families[0]).toMatchObject({ id: 'demo', current: 'V1' });
      expect(releases.releases.map((x: { version: string }) => x.version)).toEqual(['V1']);
      // No leftover temporary directory of this build.
      expect(r.stdout).toMatch(/site construit dans .*out\/ — \d+ pages HTML/);
    } finally {
      fx.cleanup();
    }
  });

  test("--no-search (mesures du bench) : un site sans index, jamais dans dist/", () => {
    // The registry has an error: even if the guard failed, nothing would be written to dist/.
    const broken = fixtureCopy('valid', [{ file: 'norm/demo/V1/blocks/S21.G00.40.yaml', from: 'datatype: DSN_NatureContrat\n', to: 'datatype: DSN_NatureContrat2\n' }]);
    const fx = fixtureCopy('valid');
    try {
      const refused = buildVariant(broken.root, path.join(PROJECT_ROOT, 'dist'), ['--no-search']);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toBe(
        "norme : cette construction ne sert qu'aux mesures : indiquez un autre dossier de sortie que dist/ avec --out <dossier> ; dist/ inchangé.\n",
      );
      const out = path.join(fx.root, 'out');
      const statsFile = path.join(fx.root, 'stats.json');
      const r = buildVariant(fx.root, out, ['--no-search', '--stats', statsFile], { NORME_BUILD_QUIET: '' });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain("norme : index de recherche non construit (mesures) : la recherche de ce site ne répondra pas.\n");
      expect(existsSync(path.join(out, 'demo/V1/S21.G00.40.007/index.html'))).toBe(true);
      expect(existsSync(path.join(out, 'pagefind'))).toBe(false);
      const stats = JSON.parse(readFileSync(statsFile, 'utf8'));
      expect(stats.searchOff).toBe(true);
      expect(stats.searchRecords).toBeUndefined();
      if (process.platform === 'linux') {
        expect(stats.cpu.worker).toBeGreaterThan(0);
        expect(stats.cpu.pagefind).toBeNull();
      }
    } finally {
      broken.cleanup();
      fx.cleanup();
    }
  });
});
