/**
 * Global setup of the `site` vitest project: build the site into dist/ when it is missing
 * or older than its sources (or always with NORME_SITE_REBUILD=1), then serve dist/ on
 * 127.0.0.1 with a free port. Tests read the URL with `inject('siteUrl')`.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { DIST, PROJECT_ROOT, runChild, serveStatic } from './helpers.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
    distDir: string;
  }
}

const SOURCES = ['src', 'norm', 'public', 'consignes', 'astro.config.mjs', 'scripts/build.mjs'];

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const e of readdirSync(p)) max = Math.max(max, newestMtime(path.join(p, e)));
  return max;
}

export function siteIsStale(): boolean {
  const stamp = path.join(DIST, 'index.html');
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(PROJECT_ROOT, s)) > built);
}

export default async function setup(project: TestProject) {
  if (process.env.NORME_SITE_REBUILD === '1' || siteIsStale()) {
    const t0 = Date.now();
    const r = runChild(process.execPath, [path.join(PROJECT_ROOT, 'scripts/build.mjs')], { NORME_BUILD_QUIET: '1' });
    if (r.status !== 0) throw new Error(`La construction du site a échoué (code ${r.status}) :\n${r.stderr}\n${r.stdout}`);
    process.stderr.write(`[site] site construit en ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  }
  const srv = await serveStatic(DIST);
  project.provide('siteUrl', srv.url);
  project.provide('distDir', DIST);
  return async () => {
    await srv.close();
  };
}
