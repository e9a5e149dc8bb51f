import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './helpers.ts';

// `npm run dev` (astro dev) on a copy of a small registry with fiches: an edit of a YAML file of
// norm/ or of a fiche of consignes/ shows on the next request (src/site/integration.ts).
let dir: string;
let dev: ChildProcess;
let base: string;
let log = '';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function get(urlPath: string): Promise<string> {
  const r = await fetch(base + urlPath);
  expect(r.status, log).toBe(200);
  return r.text();
}

/** The page once it contains `text` (the watcher sees the edit after a few milliseconds). */
async function until(urlPath: string, text: string): Promise<string> {
  const t0 = Date.now();
  for (;;) {
    const html = await get(urlPath);
    if (html.includes(text) || Date.now() - t0 > 10_000) return html;
    await new Promise((r) => setTimeout(r, 200));
  }
}

function edit(rel: string, from: string, to: string) {
  const f = path.join(dir, rel);
  const text = readFileSync(f, 'utf8');
  expect(text).toContain(from);
  writeFileSync(f, text.replace(from, to));
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'norme-dev-'));
  cpSync(path.join(PROJECT_ROOT, 'tests/fixtures/consignes/valid'), dir, { recursive: true });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  dev = spawn(process.execPath, [path.join(PROJECT_ROOT, 'node_modules/astro/bin/astro.mjs'), 'dev', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: PROJECT_ROOT,
    // Not the environment of vitest (NODE_ENV=test, VITEST…), which Vite would read as its own.
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NORME_ROOT: dir, NORME_TODAY: '2026-03' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  dev.stdout!.on('data', (b) => (log += b));
  dev.stderr!.on('data', (b) => (log += b));
  const t0 = Date.now();
  while (!/ready in/.test(log)) {
    if (dev.exitCode !== null || Date.now() - t0 > 60_000) throw new Error(`astro dev n'a pas démarré :\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
});
afterAll(() => {
  dev?.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run dev', () => {
  it('une modification du YAML ou d’une fiche MDX se voit à la requête suivante', async () => {
    expect(await get('/demo/V1/')).toContain('<code>S21.G00.40</code> Contrat</a>');
    edit('norm/demo/V1/blocks/S21.G00.40.yaml', '\nname: Contrat\n', '\nname: Contrat de travail\n');
    expect(await until('/demo/V1/', 'Contrat de travail')).toContain('<code>S21.G00.40</code> Contrat de travail</a>');

    // The title as the site writes it: a narrow no-break space before `?` (core frenchSpacing).
    expect(await get('/consignes/3/')).toContain('<h1>Où déclarer le code APEN\u202f?</h1>');
    edit('consignes/3/fiche.mdx', 'title: Où déclarer le code APEN ?', 'title: Où déclarer le code APE ?');
    expect(await until('/consignes/3/', '<h1>Où déclarer le code APE\u202f?</h1>')).toContain('<h1>Où déclarer le code APE\u202f?</h1>');
    expect(log).toContain('[norme] consignes/3/fiche.mdx modifié : registre rechargé');
  });
});
