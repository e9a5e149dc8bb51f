/**
 * `sitemap.xml`: every HTML page of the built site (written after the pages, by walking the
 * output: Astro's pages and the element pages the build writes itself), except the 404 page.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SITE_CONFIG } from './config.ts';
// XML text: the HTML escaper of the core (`&`, `<`, `>`, `"`).
import { escapeHtml as xmlEsc } from '../core/text/html.ts';

/** Page addresses of the output directory (`/`, `/dsn/`, …), sorted. */
export function sitePages(outDir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(outDir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !e.name.endsWith('.html')) continue;
    const rel = path.relative(outDir, path.join(e.parentPath, e.name)).split(path.sep).join('/');
    if (rel === '404.html') continue;
    out.push('/' + (rel.endsWith('index.html') ? rel.slice(0, -'index.html'.length) : rel));
  }
  return out.sort();
}

export function sitemapXml(pages: string[], base: string = SITE_CONFIG.url): string {
  const enc = (p: string) => p.split('/').map((s) => encodeURIComponent(s).replace(/%40/g, '@')).join('/');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${pages.map((p) => `<url><loc>${xmlEsc(base + enc(p))}</loc></url>`).join('\n')}\n</urlset>\n`;
}

/** Write `sitemap.xml` into `outDir`; returns the number of pages listed. */
export function writeSitemap(outDir: string): number {
  const pages = sitePages(outDir);
  writeFileSync(path.join(outDir, 'sitemap.xml'), sitemapXml(pages));
  return pages.length;
}
