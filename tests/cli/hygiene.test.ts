/** CLI hygiene: --version, did-you-mean for commands and options, refused cross-family diff, unknown --block/--rule, French severity names. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSeverity } from '../../src/core/diff/catalogue.ts';
import { PROJECT_ROOT, runNorme } from '../helpers/fixture.ts';

const run = (args: string[]) => runNorme(args, PROJECT_ROOT);

describe('norme : hygiène de la ligne de commande', () => {
  it('--version : la version du paquet', async () => {
    const { version } = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));
    for (const flag of ['--version', '-V']) {
      const r = await run([flag]);
      expect([r.code, r.out]).toEqual([0, `norme ${version}\n`]);
    }
  });

  it('commande ou option mal tapée : une suggestion, code 2', async () => {
    const cmd = await run(['dif', 'dsn/P26V01', 'dsn/P27V01']);
    expect(cmd.code).toBe(2);
    expect(cmd.err.split('\n')[0]).toBe('norme : commande inconnue « dif » ; vouliez-vous dire « diff » ?');
    const opt = await run(['diff', 'dsn/P26V01', 'dsn/P27V01', '--blok', 'S21.G00.40']);
    expect(opt.code).toBe(2);
    expect(opt.err.split('\n')[0]).toBe('norme : option inconnue --blok ; vouliez-vous dire --block ?');
  });

  it('note différentielle entre deux familles : refusée', async () => {
    const r = await run(['diff', 'dsn/P26V01', 'pasrau/201710']);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe("norme : dsn/P26V01 et pasrau/201710 sont de deux familles différentes (dsn, pasrau) : comparez deux versions d'une même famille");
  });

  it('--block ou --rule inconnu : une erreur, pas un résultat vide', async () => {
    const block = await run(['diff', 'dsn/P26V01', 'dsn/P27V01', '--block', 'S21.G00.99']);
    expect(block.code).toBe(2);
    expect(block.err.split('\n')[0]).toBe('norme : --block : bloc inconnu « S21.G00.99 » dans les versions comparées ; vouliez-vous dire « S21.G00.59 » ?');
    const rule = await run(['diff', 'dsn/P26V01', 'dsn/P27V01', '--rule', 'rubrique-remove']);
    expect(rule.code).toBe(2);
    expect(rule.err.split('\n')[0]).toBe('norme : --rule : règle inconnue « rubrique-remove » ; vouliez-vous dire « rubrique-removed » ?');
  });

  it('gravités en français : --fail-on cassant vaut --fail-on breaking', async () => {
    expect([parseSeverity('cassant'), parseSeverity('à examiner'), parseSeverity('a-examiner'), parseSeverity('Rédactionnel'), parseSeverity('warning'), parseSeverity('grave')]).toEqual([
      'breaking',
      'warning',
      'warning',
      'editorial',
      'warning',
      undefined,
    ]);
    const fr = await run(['diff', 'dsn/P26V01', 'dsn/P27V01', '--fail-on', 'cassant', '--severity', 'cassant', '--format', 'json']);
    const en = await run(['diff', 'dsn/P26V01', 'dsn/P27V01', '--fail-on', 'breaking', '--severity', 'breaking', '--format', 'json']);
    expect(fr.code).toBe(1);
    expect([fr.code, fr.out]).toEqual([en.code, en.out]);
    const bad = await run(['diff', 'dsn/P26V01', 'dsn/P27V01', '--fail-on', 'grave']);
    expect(bad.code).toBe(2);
    expect(bad.err.split('\n')[0]).toBe('norme : --fail-on : gravité inconnue « grave » (attendu : breaking (cassant), warning (à examiner), info, editorial (rédactionnel))');
  });
});
