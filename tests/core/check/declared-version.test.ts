/** The version a file declares, resolved once for `norme check`, `checkDsn` and /autocontrole/. */
import { describe, expect, test } from 'vitest';
import { notFlatFile, resolveDeclaredVersion } from '../../../src/core/check/version.ts';

const candidates = [
  { key: 'dsn/P26V01', version: 'P26V01', declaredIn: 'S10.G00.00.006' },
  { key: 'dsn/P27V01', version: 'P27V01', declaredIn: 'S10.G00.00.006' },
  { key: 'autre/P26V01', version: 'P26V01', declaredIn: 'S10.G00.00.009' },
];
const remedy = { none: ' [rien]', ambiguous: ' [deux]', unknown: ' [inconnue]' };
const head = (v: string) => `S10.G00.00.001,'x'\nS10.G00.00.006,'${v}'\n`;

describe('version déclarée en tête du fichier', () => {
  test('une seule version la porte : elle est choisie', () => {
    const r = resolveDeclaredVersion(candidates, head('P27V01'), remedy);
    expect(r).toEqual({ ok: true, entry: candidates[1], declared: { value: 'P27V01', line: 2, rubrique: 'S10.G00.00.006' } });
  });
  test('aucune version déclarée', () => {
    expect(resolveDeclaredVersion(candidates, "S21.G00.30.001,'x'\n", remedy, 'f.dsn')).toEqual({
      ok: false,
      message: 'aucune version de norme déclarée (rubrique S10.G00.00.006 ou S10.G00.00.009) en tête du fichier f.dsn [rien]',
    });
  });
  test('version inconnue, puis ambiguë', () => {
    const r = resolveDeclaredVersion(candidates, head('P99V01'), remedy);
    expect(r.ok || r.message).toBe('version déclarée « P99V01 » (S10.G00.00.006, ligne 2) inconnue du registre ; versions connues : dsn/P26V01, dsn/P27V01, autre/P26V01 [inconnue]');
    const twice = [...candidates, { key: 'copie/P26V01', version: 'P26V01', declaredIn: 'S10.G00.00.006' }];
    const a = resolveDeclaredVersion(twice, head('P26V01'), remedy);
    expect(a.ok || a.message).toBe('version déclarée « P26V01 » (ligne 2) ambiguë : dsn/P26V01, copie/P26V01 [deux]');
  });
});

describe("« ce n'est pas un fichier au format plat »", () => {
  test('aucune rubrique, ou aucune bien formée', () => {
    const reason = "n'est pas un fichier DSN/PASRAU au format plat : aucune ligne de la forme S21.G00.30.001,'valeur'.";
    expect(notFlatFile({ rubriques: 0, counts: { byRule: {} } })).toBe(reason);
    expect(notFlatFile({ rubriques: 3, counts: { byRule: { 'line-syntax': 3 } } })).toBe(reason);
    expect(notFlatFile({ rubriques: 3, counts: { byRule: { 'line-syntax': 2 } } })).toBeUndefined();
  });
});
