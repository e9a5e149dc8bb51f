/**
 * The pure parts of the search: identifier variants indexed with each page, query rewriting
 * (shared by the header box and the search page), and which versions of an element are indexed.
 */
import { describe, expect, test } from 'vitest';
import { exactId, idVariants, normalizeQuery, searchTerms, settledTerms } from '../../src/site/search/ids.ts';
import { pickVersions } from '../../src/site/search/scope.ts';
import { rankExact, type Hit } from '../../src/site/search/ui.ts';

describe('identifiants', () => {
  test('formes supplémentaires indexées avec un identifiant', () => {
    expect(idVariants('S21.G00.40.007')).toEqual(['40.007']);
    expect(idVariants('S21.G00.40')).toEqual([]);
    expect(idVariants('S21.G00.40.007/CCH-11')).toEqual(['S21.G00.40.007', 'CCH-11', '40.007']);
    expect(idVariants('DSN_NatureContrat')).toEqual([]);
  });

  test('réécriture des requêtes', () => {
    const cases: [string, string, string][] = [
      ['S21.G00.40.007/CCH-11', 'S21.G00.40.007 CCH-11', 'S21.G00.40.007 CCH-11'],
      ['s21 g00 40 007', 'S21.G00.40.007', 'S21.G00.40.007'],
      ['s21g0040007', 'S21.G00.40.007', 'S21.G00.40.007'],
      ['S21-G00-40', 'S21.G00.40', 'S21.G00.40'],
      ['cch11', 'CCH-11', 'CCH-11'],
      ['  nature   du contrat ', 'nature du contrat', 'nature contrat'],
      ["NIC de l'émetteur", "NIC de l'émetteur", 'NIC émetteur'],
      ['de la', 'de la', 'de la'],
      ['40.007', '40.007', '40.007'],
    ];
    expect(cases.map(([q]) => [q, normalizeQuery(q), searchTerms(q)])).toEqual(cases);
  });

  test('requête assez tapée pour chercher sans attendre (chaque mot a 3 lettres ou chiffres)', () => {
    const cases: [string, string | null][] = [
      ['c', null],
      ['co', null],
      ['cot', 'cot'],
      ['nature du c', null],
      ['nature du con', 'nature con'],
      ['de la', null],
      // An identifier being typed waits for a pause: each prefix matches other records.
      ['S21', null],
      ['S21.G00.4', null],
      ['S21.G00.40', 'S21.G00.40'],
      ['S21.G00.40.00', null],
      ['S21.G00.40.007', 'S21.G00.40.007'],
      ['40.0', null],
      ['40.007', '40.007'],
      ['', null],
    ];
    expect(cases.map(([q]) => [q, settledTerms(q)])).toEqual(cases);
  });

  test('requête qui est exactement un identifiant', () => {
    expect(exactId('s21.g00.40.007')).toEqual({ kind: 'rubrique', id: 'S21.G00.40.007' });
    expect(exactId('S21.G00.40')).toEqual({ kind: 'block', id: 'S21.G00.40' });
    expect(exactId('S21.G00.40.007/cch-11')).toEqual({ kind: 'control', id: 'S21.G00.40.007/CCH-11' });
    expect(exactId('40.007')).toEqual({ kind: 'short', id: '40.007' });
    expect(exactId('nature du contrat')).toBeUndefined();
  });

  test('les correspondances exactes passent devant ; les versions d\'un élément côte à côte, la version de référence d\'abord', () => {
    const hit = (url: string, id: string, type: string, nom?: string, portee = 'actuelle'): Hit => ({ url, title: id, type, famille: 'DSN', version: 'P26V01', id, nom, portee, excerpt: '' });
    const hits = [
      hit('/a/', 'S21.G00.41.004', 'rubrique', 'Ancienne nature du contrat'),
      hit('/old/', 'S21.G00.40.007', 'rubrique', 'Nature du contrat', 'autre'),
      hit('/b/', 'S21.G00.40.007', 'rubrique', 'Nature du contrat'),
      hit('/c/', 'S21.G00.40', 'bloc', 'Contrat'),
    ];
    expect(rankExact(hits, 'nature du contrat').map((h) => h.url)).toEqual(['/b/', '/old/', '/a/', '/c/']);
    expect(rankExact(hits, '40.007').map((h) => h.url)).toEqual(['/b/', '/old/', '/a/', '/c/']);
    // Otherwise Pagefind's order, the versions of one element side by side, the reference one first.
    expect(rankExact(hits, 'S21.G00.40').map((h) => h.url)).toEqual(['/c/', '/a/', '/b/', '/old/']);
    expect(rankExact(hits, 'contrat').map((h) => h.url)).toEqual(['/c/', '/a/', '/b/', '/old/']);
    expect(rankExact(hits, 'travail').map((h) => h.url)).toEqual(['/a/', '/b/', '/old/', '/c/']);
  });
});

describe('versions indexées d\'un élément', () => {
  const order = ['V1', 'V2', 'V3', 'V4', 'V5'];
  test('copies identiques à la version de référence écartées ; une version par définition distincte, la plus proche', () => {
    const sig = new Map([['V1', 'A'], ['V2', 'B'], ['V3', 'B'], ['V4', 'C'], ['V5', 'D']]);
    expect(pickVersions(order, 'V4', sig)).toEqual([
      { version: 'V4', scope: 'actuelle' },
      { version: 'V1', scope: 'autre' },
      { version: 'V3', scope: 'autre' },
      { version: 'V5', scope: 'autre' },
    ]);
    const same = new Map(order.map((v) => [v, 'A']));
    expect(pickVersions(order, 'V4', same)).toEqual([{ version: 'V4', scope: 'actuelle' }]);
  });
  test('élément absent de la version de référence (supprimé ou à venir)', () => {
    expect(pickVersions(order, 'V4', new Map([['V1', 'A'], ['V2', 'A'], ['V3', 'A']]))).toEqual([{ version: 'V3', scope: 'autre' }]);
    expect(pickVersions(order, 'V4', new Map([['V5', 'A']]))).toEqual([{ version: 'V5', scope: 'autre' }]);
  });
});
