/**
 * The pure parts of the search: identifier variants indexed with each page, query rewriting
 * (shared by the header box and the search page), and which versions of an element are indexed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadRegistry } from '../../src/core/index.ts';
import { lexiconMatch, loadLexicon } from '../../src/site/search/lexicon.ts';
import { correction, typoDistance } from '../../src/site/search/words.ts';
import { PROJECT_ROOT } from './helpers.ts';
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

describe('questions, lexique et fautes de frappe', () => {
  test('les mots d\'une question sont écartés quand il reste d\'autres mots', () => {
    const cases: [string, string][] = [
      ['comment déclarer un arrêt maladie', 'arrêt maladie'],
      ['où déclarer le numéro de sécurité sociale du salarié', 'numéro sécurité sociale'],
      ["faut-il déclarer l'effectif ?", 'effectif'],
      ["qu'est-ce que le MNS", 'MNS'],
      ['taux PAS', 'taux PAS'],
      ['comment', 'comment'],
    ];
    expect(cases.map(([q]) => [q, searchTerms(q)])).toEqual(cases);
  });

  test('distance de frappe : une inversion de deux lettres compte pour une', () => {
    expect(typoDistance('contart', 'contrat', 2)).toBe(1);
    expect(typoDistance('naisance', 'naissance', 2)).toBe(1);
    expect(typoDistance('travial', 'travail', 2)).toBe(1);
    expect(typoDistance('contrat', 'cotisation', 2)).toBe(3);
  });

  test('correction : le mot le plus proche du vocabulaire, pas pour un mot en cours de frappe ni un mot court', () => {
    const vocab = { words: { contrat: 120, contrats: 3, nature: 40, naisance: 1, naissance: 60, travail: 90 } };
    expect(correction('contart', vocab)).toBe('contrat');
    expect(correction('travial', vocab)).toBe('travail');
    // A word of the official tables themselves, much rarer than its correct spelling.
    expect(correction('naisance', vocab)).toBe('naissance');
    expect(correction('natur', vocab)).toBeUndefined();
    expect(correction('contrat', vocab)).toBeUndefined();
    expect(correction('cdi', vocab)).toBeUndefined();
    expect(correction('zzzzzzz', vocab)).toBeUndefined();
  });

  test('lexique : un sigle trouve l\'élément dont un libellé ou une valeur donne son sens', () => {
    const lex = loadLexicon();
    const nature = lexiconMatch(lex, ['Nature du contrat', 'Contrat.Nature', 'Contrat de travail à durée indéterminée de droit privé', 'Contrat de mission (contrat de travail temporaire)'], 'S21.G00.40.007');
    expect(nature.words.split(' | ').map((g) => g.split(' ; ')[0])).toEqual(['CDI', 'CDD', 'CTT']);
    expect(nature.designates).toEqual(['CDI', 'CDD', 'CTT']);
    expect(lexiconMatch(lex, ["Numéro d'inscription au répertoire"]).designates).toEqual(['NIR']);
    expect(lexiconMatch(lex, ['Montant soumis au PAS']).words).toContain('prélèvement à la source');
    // A sigle is matched in capitals only: « pas » in a sentence is not the PAS.
    expect(lexiconMatch(lex, ['Ne pas déclarer']).words).toBe('');
  });

  test('lexique : chaque entrée a une source, et les éléments qu\'elle désigne existent dans la norme', () => {
    const lex = loadLexicon();
    expect(lex.entries.length).toBeGreaterThanOrEqual(30);
    const { registry } = loadRegistry(PROJECT_ROOT);
    const dsn = [...registry.families.get('dsn')!.versions.values()];
    const missing = lex.entries.flatMap((e) => (e.elements ?? []).filter((id) => !dsn.some((v) => v.rubriques.has(id) || v.blocks.has(id))).map((id) => `${e.terme} : ${id}`));
    expect(missing).toEqual([]);
    expect(lex.entries.filter((e) => e.source.length < 10)).toEqual([]);
  });

  test('lexique invalide : diagnostic positionné (schéma lexique.schema.json)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lexique-'));
    try {
      const file = path.join(dir, 'lexique.yaml');
      writeFileSync(file, 'entrees:\n  - terme: CDI\n    sens: contrat à durée indéterminée\n');
      expect(() => loadLexicon(file)).toThrow(`${file}:2:5`);
      expect(() => loadLexicon(file)).toThrow('Propriété obligatoire `source` manquante');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
