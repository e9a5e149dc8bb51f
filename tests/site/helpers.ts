/**
 * Shared by every browser test of the site (site, search, autocontrôle…):
 * the site's static server over dist/ (src/site/serve.ts) and a headless Chromium with a fresh profile.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * `npm run build` (scripts/build.mjs) of the registry at `registry` into `out`, quiet, for the month
 * 2026-03 unless `env` says otherwise.
 */
export function buildSite(registry: string, out: string, env: Record<string, string> = {}) {
  return runChild(process.execPath, [path.join(PROJECT_ROOT, 'scripts/build.mjs'), '--registry', registry, '--out', out], {
    NORME_BUILD_QUIET: '1',
    NORME_TODAY: '2026-03',
    ...env,
  });
}

/**
 * The same build for measures and comparisons (scripts/bench/build-variant.mjs, `flags` such as
 * `--no-search`, `--astro-pages`, `--stats <file>`), of the registry at `registry` into `out`.
 */
export function buildVariant(registry: string, out: string, flags: string[] = [], env: Record<string, string> = {}) {
  return runChild(process.execPath, [path.join(PROJECT_ROOT, 'scripts/bench/build-variant.mjs'), '--registry', registry, '--out', out, ...flags], {
    NORME_BUILD_QUIET: '1',
    NORME_TODAY: '2026-03',
    ...env,
  });
}

/**
 * A child process of a test (a build, an indexer), run synchronously from PROJECT_ROOT and stopped
 * after `CHILD_TIMEOUT_MS`: a synchronous child blocks the test's own timeout, so without this a
 * hung child would hang the whole test run (it did, in CI). Throws if stopped.
 */
export const CHILD_TIMEOUT_MS = 10 * 60_000;
export function runChild(cmd: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(cmd, args, { cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 28, timeout: CHILD_TIMEOUT_MS, killSignal: 'SIGKILL' });
  if (r.error) {
    const what = `${path.relative(PROJECT_ROOT, args[0] ?? cmd)}`;
    throw new Error(
      (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT'
        ? `${what} n'a pas fini en ${CHILD_TIMEOUT_MS / 60_000} min ; arrêté.\n${r.stderr}`
        : `${what} : ${r.error.message}\n${r.stderr}`,
    );
  }
  return r;
}
export const DIST = path.join(PROJECT_ROOT, 'dist');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// The static server (the one `npm start` runs): src/site/serve.ts.
import { hostHeaders, resolveStatic, serveStatic as serveDir, type StaticServer } from '../../src/site/serve.ts';
export { hostHeaders, resolveStatic, type StaticServer };
/** Serve `root` (dist/ by default) on 127.0.0.1 with a free port, with the headers of its `_headers` file. */
export const serveStatic = (root: string = DIST): Promise<StaticServer> => serveDir(root);

export interface Browser {
  context: BrowserContext;
  close: () => Promise<void>;
}

/**
 * Chromium's switches for the tests and the benchmark. `--disable-features=…`: Chromium 156
 * (Debian) headless preloads its own "top chrome" WebUI (the omnibox popup, chrome://omnibox-popup.top-chrome)
 * in a renderer of its own, which used 1.85 s of CPU during a 1.6 s cold load of /recherche/ on
 * two cores (Chrome trace, 2026-12-04); without it the same page is painted 630–814 ms after the
 * navigation instead of 1,029–1,300 ms (alternated runs, docs/performance.md). Browser overhead
 * that no reader pays in a browser they already opened, not the site's.
 */
const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup,PreloadTopChromeWebUI',
];

/** Headless Chromium (Debian package) with a throwaway profile (`javaScriptEnabled: false` to test without JS). */
export async function launchBrowser(opts: { javaScriptEnabled?: boolean } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium introuvable (${CHROMIUM}) : installez-le avec « apt-get install -y chromium » ou définissez CHROMIUM_PATH.`);
  }
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(path.join(tmpdir(), 'norme-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    args: [...CHROMIUM_ARGS],
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Every file under `dir` (relative paths with `/`). */
export function listFiles(dir: string, base = dir, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) listFiles(p, base, out);
    else out.push(path.relative(base, p).split(path.sep).join('/'));
  }
  return out;
}

/** Inject axe-core and return the violations of the given impacts. */
export async function axeViolations(page: import('playwright-core').Page, impacts: string[] = ['serious', 'critical']) {
  await page.addScriptTag({ path: path.join(PROJECT_ROOT, 'node_modules/axe-core/axe.min.js') });
  const result = await page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v: { id: string; impact: string; help: string; nodes: { target: string[] }[] }) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
  return result.filter((v: { impact: string }) => impacts.includes(v.impact));
}

function decodeEntities(s: string): string {
  return s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

/**
 * Walk every built page of `dir` and return the internal links (href/src) that do not
 * resolve to a file, or whose #anchor is not an id of the target page.
 */
export function brokenLinks(dir: string): { pages: number; checked: number; broken: string[] } {
  const pages = listFiles(dir).filter((f) => f.endsWith('.html'));
  const idCache = new Map<string, Set<string>>();
  const idsOf = (file: string) => {
    let s = idCache.get(file);
    if (!s) {
      s = new Set<string>();
      for (const m of readFileSync(file, 'utf8').matchAll(/\sid="([^"]*)"/g)) s.add(decodeEntities(m[1]));
      idCache.set(file, s);
    }
    return s;
  };
  const broken: string[] = [];
  let checked = 0;
  for (const rel of pages) {
    const abs = path.join(dir, rel);
    const html = readFileSync(abs, 'utf8');
    const pageUrl = '/' + rel.replace(/index\.html$/, '');
    for (const m of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
      const raw = decodeEntities(m[1]);
      if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(raw)) continue; // external, mailto:, data:
      checked++;
      const u = new URL(raw, 'http://site' + pageUrl);
      let target: string | undefined;
      if (raw.startsWith('#')) target = abs;
      else {
        let r = resolveStatic(dir, u.pathname);
        if (r.redirect) r = resolveStatic(dir, r.redirect);
        target = r.file;
      }
      if (!target) {
        broken.push(`${pageUrl} → ${raw}`);
        continue;
      }
      const frag = u.hash ? decodeURIComponent(u.hash.slice(1)) : '';
      if (frag && target.endsWith('.html') && !idsOf(target).has(frag)) broken.push(`${pageUrl} → ${raw} (ancre absente)`);
    }
  }
  return { pages: pages.length, checked, broken };
}

/**
 * One Chromium and one page for a test file: launched before its tests, closed after them.
 * `ui.page` and `ui.browser` are set once the `beforeAll` has run.
 */
export function usePage(): { page: import('playwright-core').Page; browser: Browser } {
  const ui = {} as { page: import('playwright-core').Page; browser: Browser };
  beforeAll(async () => {
    ui.browser = await launchBrowser();
    ui.page = await ui.browser.context.newPage();
  });
  afterAll(async () => {
    await ui.browser?.close();
  });
  return ui;
}
