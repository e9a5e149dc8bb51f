import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

  it('dsn/P26V01 --salaries 5 : les rubriques obligatoires (usages inférés) sont là ; en retirer une donne le constat au début de son bloc', async () => {
    const f = path.join(dir, 'p26.dsn');
    expect((await run(['sample', 'dsn/P26V01', '--salaries', '5', '--output', f])).code).toBe(0);
    const lines = readFileSync(f, 'utf8').trimEnd().split('\n');
    // CT2025.1 et CT2027.1, ligne S21.G00.30.002 « Nom de famille » : O pour la nature 01.
    // (S90.G00.90.001, avant-dernière ligne, compte aussi la ligne retirée : constat total-rubriques.)
    const at = lines.findIndex((l) => l.startsWith('S21.G00.30.002,'));
    expect(at).toBeGreaterThan(0);
    expect(lines.filter((l) => l.startsWith('S21.G00.30.002,'))).toHaveLength(5);
    expect((await run(['check', f])).code).toBe(0);
    const cut = path.join(dir, 'p26-cut.dsn');
    writeFileSync(cut, lines.filter((_, i) => i !== at).join('\n') + '\n');
    const c = await run(['check', cut, '--format', 'json']);
    expect(c.code).toBe(1);
    const start = lines.findIndex((l) => l.startsWith('S21.G00.30.')) + 1;
    const findings = JSON.parse(c.out).findings.map((x: { line: number; rule: string; rubrique?: string; severity: string }) => `${x.line} ${x.rule} ${x.rubrique} ${x.severity}`);
    expect(findings).toEqual([`${start} usage-mandatory S21.G00.30.002 bloquant`, `${lines.length - 2} total-rubriques S90.G00.90.001 bloquant`]);
    expect(JSON.parse(c.out).findings[0].message).toBe(
      `Rubrique S21.G00.30.002 (Nom de famille) absente du bloc S21.G00.30 commencé ligne ${start} : elle est obligatoire (usage O) pour la nature 01 (usage inféré des tableaux des usages de P25V01 et P27V01, pas de tableau officiel pour P26V01).`,
    );
  });

  it.each(['01', '04', '05', '07', '08', '09', '10'])('--nature %s : P24V01, P26V01 et P27V01 échantillons propres (10 inconnue de P24V01)', async (nature) => {
    for (const v of ['dsn/P24V01', 'dsn/P26V01', 'dsn/P27V01']) {
      const f = path.join(dir, `n${nature}.dsn`);
      const w = await run(['sample', v, '--nature', nature, '--salaries', '2', '--seed', '3', '--output', f]);
      if (v === 'dsn/P24V01' && nature === '10') {
        expect(w.code).toBe(2);
        continue;
      }
      expect(w.code, `${v} ${nature}`).toBe(0);
      const c = await run(['check', f]);
      expect(c.out, `${v} ${nature}`).toContain('Bilan : Aucun constat');
    }
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
