/** frenchSpacing: non-breaking spaces of French typography, and nothing else changed. */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { frenchSpacing, frenchSpacingHtml } from '../../../src/core/text/typography.ts';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

test('deux-points, point-virgule, points d\'interrogation et d\'exclamation, guillemets', () => {
  expect(frenchSpacing('Nature : CDI')).toBe(`Nature${NBSP}: CDI`);
  expect(frenchSpacing('oui ; non')).toBe(`oui${NNBSP}; non`);
  expect(frenchSpacing('Quelle version ? Celle-ci !')).toBe(`Quelle version${NNBSP}? Celle-ci${NNBSP}!`);
  expect(frenchSpacing('le motif « 099 - annulation »')).toBe(`le motif «${NBSP}099 - annulation${NBSP}»`);
  expect(frenchSpacing('«annulation»')).toBe(`«${NBSP}annulation${NBSP}»`);
});

test('laissés tels quels : heures, adresses, opérateurs, texte sans ponctuation', () => {
  for (const s of ['10:30', 'https://www.net-entreprises.fr/', 'a!=b', 'S21.G00.40.007', 'Date de début du contrat', '']) expect(frenchSpacing(s)).toBe(s);
});

test('propriété : idempotent, et seuls les blancs changent', () => {
  const text = fc.array(fc.constantFrom('a', 'b', ' ', ':', ';', '?', '!', '«', '»', '\u00a0', '1'), { maxLength: 20 }).map((p) => p.join(''));
  const letters = (s: string) => s.replace(/[\s\u00a0\u202f]/g, '');
  fc.assert(
    fc.property(text, (s) => {
      const out = frenchSpacing(s);
      return frenchSpacing(out) === out && letters(out) === letters(s);
    }),
    { numRuns: 2000 },
  );
});

test('frenchSpacingHtml : le texte et les attributs lus, pas le code ni les balises', () => {
  expect(frenchSpacingHtml('<p>Par règle : <code title="Valeur : hors liste">a ? b : c</code> 1.</p>')).toBe(`<p>Par règle${NBSP}: <code title="Valeur : hors liste">a ? b : c</code> 1.</p>`);
  expect(frenchSpacingHtml('<abbr title="Contrôle : cohérence">CCH</abbr> « <strong>ZZ</strong> » ; fin !')).toBe(`<abbr title="Contrôle${NBSP}: cohérence">CCH</abbr> «${NBSP}<strong>ZZ</strong>${NBSP}»${NNBSP}; fin${NNBSP}!`);
  expect(frenchSpacingHtml('<a href="/x/?a=1&amp;b=2" data-x="a : b">x</a><pre>S21 ; x</pre>')).toBe('<a href="/x/?a=1&amp;b=2" data-x="a : b">x</a><pre>S21 ; x</pre>');
  const text = fc.array(fc.constantFrom('a', ' ', ':', '«', '»', '<b>', '</b>', '<code>', '</code>', '\u00a0'), { maxLength: 20 }).map((p) => p.join(''));
  fc.assert(fc.property(text, (s) => frenchSpacingHtml(frenchSpacingHtml(s)) === frenchSpacingHtml(s)), { numRuns: 500 });
});
