import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/core/import/csv.ts';

const cells = (text: string, sep = ',') => parseCsv(text, sep).records.map((r) => r.cells);

describe('parseCsv (RFC 4180)', () => {
  it('champs simples, CRLF, LF et CR comme fins d\'enregistrement', () => {
    expect(cells('a,b\r\nc,d\ne,f\rg,h')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
      ['g', 'h'],
    ]);
  });

  it('guillemets : séparateur, guillemet doublé et sauts de ligne dans un champ', () => {
    const r = parseCsv('id,texte\r\n1,"a, ""b""\r\nligne 2"\r\n2,x\r\n');
    expect(r.records.map((x) => x.cells)).toEqual([
      ['id', 'texte'],
      ['1', 'a, "b"\r\nligne 2'],
      ['2', 'x'],
    ]);
    // Line numbers: the second data record starts on line 4.
    expect(r.records.map((x) => x.line)).toEqual([1, 2, 4]);
    expect(r.errors).toEqual([]);
  });

  it('séparateur configurable et BOM ignoré (CSV Coog)', () => {
    expect(cells('\uFEFF"Id";"Name";;"x;y"\n"01";2;;\n', ';')).toEqual([
      ['Id', 'Name', '', 'x;y'],
      ['01', '2', '', ''],
    ]);
  });

  it('champs vides en fin de ligne et dernière ligne sans saut de ligne', () => {
    expect(cells('a,,\n,b')).toEqual([
      ['a', '', ''],
      ['', 'b'],
    ]);
    expect(cells('""')).toEqual([['']]);
    expect(cells('')).toEqual([]);
  });

  it('guillemet dans un champ non protégé : gardé tel quel', () => {
    expect(cells('a"b,c')).toEqual([['a"b', 'c']]);
  });

  it('guillemet non refermé : erreur signalée, pas d\'exception', () => {
    const r = parseCsv('a,b\n1,"ouvert\n2,3\n');
    expect(r.errors).toEqual([{ line: 2, message: 'guillemet ouvrant sans guillemet fermant' }]);
  });

  it('séparateur invalide refusé', () => {
    expect(() => parseCsv('a', '"')).toThrow(/séparateur/);
  });
});
