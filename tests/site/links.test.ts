/** No broken internal link: every href/src of every built page resolves to a file of dist/ (and its #anchor exists). */
import { describe, expect, inject, test } from 'vitest';
import { brokenLinks } from './helpers.ts';

describe('liens internes', () => {
  test('chaque lien interne du site construit mène à un fichier existant, et chaque ancre à un id', () => {
    const r = brokenLinks(inject('distDir'));
    expect(r.pages).toBeGreaterThan(1000);
    expect(r.checked).toBeGreaterThan(r.pages * 10);
    expect(r.broken.slice(0, 30)).toEqual([]);
  });
});
