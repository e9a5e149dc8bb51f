/** No broken internal link: every href/src of every built page resolves to a file of dist/ (and its #anchor exists). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { listFiles, resolveStatic } from './helpers.ts';

const dist = inject('distDir');

function ids(html: string): Set<string> {
  const out = new Set<string>();
  for (const m of html.matchAll(/\sid="([^"]*)"/g)) out.add(decodeEntities(m[1]));
  return out;
}

function decodeEntities(s: string): string {
  return s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

describe('liens internes', () => {
  test('chaque lien interne mène à un fichier existant, et chaque ancre à un id', () => {
    const files = listFiles(dist);
    const pages = files.filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(10);
    const idCache = new Map<string, Set<string>>();
    const idsOf = (file: string) => {
      let s = idCache.get(file);
      if (!s) idCache.set(file, (s = ids(readFileSync(file, 'utf8'))));
      return s;
    };
    const broken: string[] = [];
    let checked = 0;
    for (const rel of pages) {
      const abs = path.join(dist, rel);
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
          let r = resolveStatic(dist, u.pathname);
          if (r.redirect) r = resolveStatic(dist, r.redirect);
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
    expect(checked).toBeGreaterThan(pages.length);
    expect(broken.slice(0, 30)).toEqual([]);
  });
});
