import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runNorme } from '../helpers/fixture.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'norme-sample-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[]) => runNorme(args, PROJECT_ROOT);

describe('norme sample', () => {
  it('écrit le même envoi sur la sortie standard et dans un fichier ; il se contrôle sans constat', async () => {
    const f = path.join(dir, 'a.dsn');
    const w = await run(['sample', 'dsn/P27V01', '--salaries', '4', '--seed', '8', '--nature', '07', '--output', f]);
    expect(w.code).toBe(0);
    const text = readFileSync(f, 'utf8');
    const n = text.trimEnd().split('\n').length;
    expect(w.err).toBe(`${f} : ${n} lignes (dsn/P27V01, 4 individu(s), graine 8).\n`);
    const s = await run(['sample', 'P27V01', '--salaries', '4', '--seed', '8', '--nature', '07']);
    expect(s.out).toBe(text);
    const c = await run(['check', f]);
    expect(c.code).toBe(0);
    expect(c.out.split('\n')[1]).toBe(`${n} lignes, 1 déclaration (nature 07), encodage UTF-8`);
  });

  it('--crlf', async () => {
    const s = await run(['sample', 'dsn/P25V01', '--salaries', '1', '--crlf']);
    expect(s.out.endsWith("'\r\n")).toBe(true);
    expect(s.out.split('\r\n').slice(0, -1).every((l) => !l.includes('\n'))).toBe(true);
  });

  it('erreurs : nature inconnue (2), version inconnue, arguments', async () => {
    const bad = await run(['sample', 'dsn/P26V01', '--nature', '99']);
    expect(bad.code).toBe(2);
    expect(bad.err).toBe('norme sample : nature « 99 » absente de la liste DSN_Declaration_Nature de dsn/P26V01 (valeurs : 01, 04, 05, 07, 08, 09, 10)\n');
    const v = await run(['sample', 'dsn/P20V01']);
    expect(v.code).toBe(2);
    expect(v.err).toMatch(/^norme : version « dsn\/P20V01 » absente du registre/);
    expect((await run(['sample', 'dsn/P26V01', '--salaries', '-1'])).code).toBe(2);
    expect((await run(['sample'])).code).toBe(2);
  });
});
