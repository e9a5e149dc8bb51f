import { describe, expect, it } from 'vitest';
import { closest, didYouMean } from '../../src/core/diagnostics/diagnostic.ts';

describe('« vouliez-vous dire » (closest)', () => {
  it('propose le candidat le plus proche pour une faute de frappe', () => {
    expect(didYouMean('P26V10', ['P26V01', 'P27V01'])).toBe('vouliez-vous dire `P26V01` ?');
    expect(closest('--formt', ['--format', '--family'])).toBe('--format');
    expect(closest('AB', ['AC', 'XY'])).toBe('AC');
  });
  it('ne propose rien quand il faudrait changer tous les caractères', () => {
    expect(closest('Z', ['C', 'A'])).toBeUndefined();
    expect(closest('XY', ['AB'])).toBeUndefined();
    expect(didYouMean('Z', ['C'])).toBeUndefined();
  });
  it('ne propose rien quand le candidat est trop loin', () => {
    expect(closest('S21.G00.40', ['P26V01', 'P27V01'])).toBeUndefined();
    expect(closest('dsn', ['pasrau'])).toBeUndefined();
  });
});
