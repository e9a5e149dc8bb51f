/** Inferred usages (P26V01, P24V01) are shown as such on the built site. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, test } from 'vitest';

const page = (p: string) => readFileSync(path.join(inject('distDir'), p, 'index.html'), 'utf8');
const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&#39;/g, "'").replace(/\s+/g, ' ');

describe('usages inférés sur le site', () => {
  test('page de rubrique P26V01 : usages marqués inférés, avec les tableaux voisins ; P25V01 : rien', () => {
    const p26 = text(page('dsn/P26V01/S21.G00.30.002'));
    expect(p26).toContain('Usages inférés : pas de tableau officiel des usages pour P26V01 ; ces usages sont ceux des tableaux de P25V01 et P27V01, la rubrique y étant inchangée (même bloc, même libellé, même type de données) et de même usage dans les deux.');
    expect(p26).toContain('Obligatoire (à renseigner) (inféré)');
    expect(text(page('dsn/P24V01/S21.G00.30.002'))).toContain("ces usages sont ceux du tableau de P25V01, la rubrique y étant inchangée (même bloc, même libellé, même type de données). Un seul tableau voisin : l'auto-contrôle en fait des constats non bloquants.");
    expect(text(page('dsn/P25V01/S21.G00.30.002'))).not.toContain('inféré');
    // New in P26V01 (absent from P25V01): no inferable usage.
    expect(text(page('dsn/P26V01/S21.G00.11.025'))).toContain('aucun usage inférable des tableaux de P25V01 et P27V01');
  });

  test('page de version P26V01 : natures et mention des usages inférés', () => {
    expect(text(page('dsn/P26V01'))).toContain('usages inférés des tableaux de P25V01 et P27V01 (pas de tableau officiel pour cette version ; 11 rubrique(s) sans usage inférable)');
  });
});
