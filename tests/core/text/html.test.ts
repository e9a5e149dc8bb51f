import { describe, expect, test } from 'vitest';
import { escapeHtml, escapeText } from '../../../src/core/text/html.ts';

describe("l'échappement HTML (le seul du projet)", () => {
  test('texte et attribut entre guillemets doubles : & < > "', () => {
    expect(escapeHtml(`<a href="x">l'a & b</a>`)).toBe(`&lt;a href=&quot;x&quot;&gt;l'a &amp; b&lt;/a&gt;`);
  });
  test("avec l'apostrophe, pour un attribut entre apostrophes", () => {
    expect(escapeHtml(`l'a "b"`, { apostrophe: true })).toBe('l&#39;a &quot;b&quot;');
  });
  test('le texte du site : toute valeur, espaces insécables de la typographie française', () => {
    expect(escapeText(undefined)).toBe('');
    expect(escapeText(12)).toBe('12');
    expect(escapeText(`Nature : « CDI » <b>`)).toBe('Nature\u00a0: «\u00a0CDI\u00a0» &lt;b&gt;');
  });
});
