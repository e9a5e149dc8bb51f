// `npm start` serves dist/ with src/site/serve.ts (scripts/serve.mjs): files like a static host,
// the `_headers` rules applied (the search index compressed), nothing outside the folder.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { hostHeaders, resolveStatic } from '../../src/site/serve.ts';
import { PROJECT_ROOT } from '../site/helpers.ts';

const tmp = mkdtempSync(path.join(tmpdir(), 'norme-serve-'));
const site = path.join(tmp, 'dist');
mkdirSync(path.join(site, 'recherche'), { recursive: true });
mkdirSync(path.join(site, 'pagefind', 'index'), { recursive: true });
mkdirSync(path.join(tmp, 'dist-autre'));
writeFileSync(path.join(site, 'index.html'), '<!DOCTYPE html><title>Accueil</title>');
writeFileSync(path.join(site, '404.html'), '<!DOCTYPE html><title>Page introuvable</title>');
writeFileSync(path.join(site, 'recherche', 'index.html'), '<!DOCTYPE html><title>Recherche</title>');
writeFileSync(path.join(site, 'pagefind', 'index', 'fr_1.pf_index'), gzipSync('pagefind_dcd morceau'));
writeFileSync(path.join(tmp, 'dist-autre', 'secret.txt'), 'hors du site');
writeFileSync(path.join(site, '_headers'), '/pagefind/index/*\n  Content-Encoding: gzip\n  Content-Type: application/octet-stream\n');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('resolveStatic', () => {
  it('maps folders to index.html and asks for the final slash', () => {
    expect(resolveStatic(site, '/')).toEqual({ file: path.join(site, 'index.html') });
    expect(resolveStatic(site, '/recherche/?q=CDI')).toEqual({ file: path.join(site, 'recherche', 'index.html') });
    expect(resolveStatic(site, '/recherche')).toEqual({ redirect: '/recherche/' });
    expect(resolveStatic(site, '/absente/')).toEqual({});
  });

  it('never leaves the folder, not even for a sibling whose name starts the same', () => {
    expect(resolveStatic(site, '/../dist-autre/secret.txt')).toEqual({});
    expect(resolveStatic(site, '/%2e%2e/dist-autre/secret.txt')).toEqual({});
    expect(resolveStatic(site, '/%E0%A4%A')).toEqual({});
  });
});

describe('hostHeaders', () => {
  it('applies the rules of _headers whose path matches', () => {
    const of = hostHeaders(site);
    expect(of('/pagefind/index/fr_1.pf_index')).toEqual({ 'Content-Encoding': 'gzip', 'Content-Type': 'application/octet-stream' });
    expect(of('/pagefind/pagefind.js')).toEqual({});
  });
});

describe('npm start (scripts/serve.mjs)', () => {
  it('serves the site with its _headers, and says where in French', async () => {
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'scripts/serve.mjs'), '--dir', site, '--port', '0'], { cwd: tmp });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d) => {
          out += d;
          if (out.includes('\n')) resolve(out);
        });
        child.stderr.on('data', (d) => reject(new Error(String(d))));
        child.once('exit', (code) => reject(new Error(`serve.mjs s'est arrêté (code ${code})`)));
      });
      const url = /Site servi sur (http:\/\/127\.0\.0\.1:\d+)\//.exec(line)?.[1];
      expect(line).toContain('en-têtes de');
      expect(url).toBeTruthy();
      const chunk = await fetch(`${url}/pagefind/index/fr_1.pf_index`);
      expect(chunk.headers.get('content-encoding')).toBe('gzip');
      // fetch inflates it, as the browser does: Pagefind then reads the bytes without gzip.
      expect(await chunk.text()).toBe('pagefind_dcd morceau');
      const missing = await fetch(`${url}/absente/`);
      expect(missing.status).toBe(404);
      expect(await missing.text()).toContain('Page introuvable');
    } finally {
      child.kill();
    }
  });

  it('refuses a folder without a built site, in French', async () => {
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'scripts/serve.mjs'), '--dir', path.join(tmp, 'dist-autre')], { cwd: tmp });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).toBe(1);
    expect(err).toContain("lancez d'abord « npm run build »");
  });
});
