/** collapseSpaces: the fast path (nothing to change) gives what the plain collapse gives. */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { collapseSpaces } from '../../../src/core/text/spaces.ts';

const plain = (s: string) => s.replace(/\s+/g, ' ').trim();

test('exemples : blancs multiples, tabulations, espaces insécables, bords', () => {
  expect(collapseSpaces('Nature du contrat')).toBe('Nature du contrat');
  expect(collapseSpaces('  Nature\tdu\u00a0\u00a0contrat \n')).toBe('Nature du contrat');
  expect(collapseSpaces('a\u2028b')).toBe('a b');
  expect(collapseSpaces(' ')).toBe('');
});

test('propriété : identique au remplacement complet, sur des textes riches en blancs', () => {
  const blanks = fc.constantFrom(' ', '  ', '\t', '\n', '\u00a0', '\u202f', '\u2028', '\r\n');
  const text = fc.array(fc.oneof(fc.string({ maxLength: 4 }), blanks), { maxLength: 12 }).map((p) => p.join(''));
  fc.assert(fc.property(text, (s) => collapseSpaces(s) === plain(s)), { numRuns: 2000 });
});
