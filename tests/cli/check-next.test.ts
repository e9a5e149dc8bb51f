import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runNorme } from '../helpers/fixture.ts';

// Expectations from the official tables: S21.G00.40.084 (« Application de la proratisation du
// PSS… ») is new in the CT 2027 datatypes and has usage O for nature 01 in the usage table
// CT2027.1; S21.G00.06.003 (Code APEN) is in CT 2026 and not in CT 2027.
let dir: string;
let base: string[];
const run = (args: string[]) => runNorme(args, PROJECT_ROOT);

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'norme-next-'));
  const f = path.join(dir, 'base.dsn');
  const r = await run(['sample', 'dsn/P26V01', '--salaries', '2', '--seed', '21', '--output', f]);
  expect(r.code).toBe(0);
  base = readFileSync(f, 'utf8').trimEnd().split('\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('norme check --next', () => {
  it('échantillon P26V01 : les ajouts obligatoires de P27V01, avec la version et le mois', async () => {
    // Code APEN (removed in P27V01) right after the NIC-less SIREN rubrique of the entreprise block.
    const at = base.findIndex((l) => l.startsWith('S21.G00.06.002,')) + 1;
    const lines = [...base.slice(0, at), "S21.G00.06.003,'6201Z'", ...base.slice(at)];
    const total = lines.findIndex((l) => l.startsWith('S90.G00.90.001,'));
    lines[total] = `S90.G00.90.001,'${lines.length}'`;
    const f = path.join(dir, 'apen.dsn');
    writeFileSync(f, lines.join('\n') + '\n');

    const today = await run(['check', f]);
    expect(today.out).toContain('Bilan : Aucun constat');
    expect(today.code).toBe(0);

    const r = await run(['check', f, '--next']);
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    expect(r.out).toContain('Version suivante : dsn/P27V01 (Année 2027 Version 1), applicable à partir de janvier 2027 (mois principal déclaré, date déduite)');
    const contracts = lines.map((l, i) => (l.startsWith('S21.G00.40.001,') ? i + 1 : 0)).filter(Boolean);
    expect(contracts.length).toBeGreaterThan(0);
    for (const n of contracts) {
      expect(r.out).toContain(
        `${f}:${n}: bloquant S21.G00.40.084 [dsn/P27V01 dès 2027-01 : nouvelle rubrique obligatoire] Rubrique S21.G00.40.084 (Application de la proratisation du Plafond de Sécurité Sociale à hauteur de la quotité de travail) absente du bloc S21.G00.40 commencé ligne ${n} : elle est obligatoire (usage O) pour la nature 01. [usage-mandatory]`,
      );
    }
    expect(r.out).toContain(`${f}:${at + 1}: bloquant S21.G00.06.003 [dsn/P27V01 dès 2027-01 : rubrique supprimée] Rubrique inconnue dans la norme dsn/P27V01 : le bloc S21.G00.06 (Entreprise) n'a pas de rubrique 003. [unknown-rubrique]`);
    // The declared version itself is not a finding (the file would declare P27V01).
    expect(r.out).not.toMatch(/S10\.G00\.00\.006 \[dsn\/P27V01/);
    // P26V01's usages are inferred from P25V01 and P27V01 (norm/dsn/P26V01/version.yaml, usages.status
    // inféré): today's usage findings exist, so P27V01's usage findings are compared, none listed apart.
    expect(r.out).not.toContain('non comparables');

    const js = JSON.parse((await run(['check', f, '--next', '--format', 'json'])).out);
    expect(js.version).toBe('dsn/P26V01');
    expect(js.next).toMatchObject({ version: 'dsn/P27V01', current: 'dsn/P26V01', from: '2027-01', inferred: true });
    expect(js.next.findings).toContainEqual({
      line: contracts[0],
      rubrique: 'S21.G00.40.084',
      rule: 'usage-mandatory',
      severity: 'bloquant',
      level: 'error',
      message: `Rubrique S21.G00.40.084 (Application de la proratisation du Plafond de Sécurité Sociale à hauteur de la quotité de travail) absente du bloc S21.G00.40 commencé ligne ${contracts[0]} : elle est obligatoire (usage O) pour la nature 01.`,
      version: 'dsn/P27V01',
      from: '2027-01',
      change: 'rubrique-added-mandatory',
    });
    expect(js.next.counts.byChange['rubrique-added-mandatory']).toBe(contracts.length);
    expect(js.next.counts.byChange['rubrique-removed']).toBe(1);
  });

  it('dernière version de la famille : rien à comparer, code 2', async () => {
    const f = path.join(dir, 'base.dsn');
    const r = await run(['check', f, '--version', 'dsn/P27V01', '--next']);
    expect(r.code).toBe(2);
    expect(r.err).toBe("norme check : aucune version de dsn après P27V01 dans le registre : --next n'a rien à comparer.\n");
  });
});
