import { describe, expect, it } from 'vitest';
import { CleanupLog, cleanText } from '../../../src/core/import/clean.ts';
import { splitValues } from '../../../src/core/import/values.ts';
import { normaliseControlId } from '../../../src/core/import/build.ts';

function clean(value: string | number | null) {
  const log = new CleanupLog();
  const out = cleanText(value, 'X', log);
  return { out, kinds: log.toArray().map((c) => `${c.kind}:${c.count}`) };
}

describe('cleanText', () => {
  it('espaces sans chasse et autres invisibles supprimés', () => {
    expect(clean('de droit public\u200B » et\u2060 \uFEFFx')).toEqual({ out: 'de droit public » et x', kinds: ['caracteres-invisibles:1'] });
  });

  it('_x000D_ des CSV Coog : supprimé, le saut de ligne qui suit reste', () => {
    expect(clean('Ligne 1._x000D_\nLigne 2_x000D__x000D_\nFin')).toEqual({ out: 'Ligne 1.\nLigne 2\nFin', kinds: ['echappements-x000D:1'] });
  });

  it('CRLF → LF ; un CR isolé (CR CR LF des classeurs) est supprimé', () => {
    expect(clean('a\r\nb\r\r\nc')).toEqual({ out: 'a\nb\nc', kinds: ['fins-de-ligne:1'] });
  });

  it('espaces (y compris insécables et tabulation) en début et fin, et en fin de ligne', () => {
    expect(clean(' \u00A0texte\t ')).toEqual({ out: 'texte', kinds: ['espaces-superflus:1'] });
    expect(clean('a : \nb\u00A0\nc')).toEqual({ out: 'a :\nb\nc', kinds: ['espaces-fin-de-ligne:1'] });
    expect(clean('\t')).toEqual({ out: '', kinds: ['espaces-superflus:1'] });
  });

  it('texte propre inchangé, nombres en texte, vide pour null', () => {
    expect(clean('Déjà propre « x »\u00A0: y')).toEqual({ out: 'Déjà propre « x »\u00A0: y', kinds: [] });
    expect(clean(20250919)).toEqual({ out: '20250919', kinds: [] });
    expect(clean(null)).toEqual({ out: '', kinds: [] });
  });

  it('journal : comptes, exemples (3 au plus, sans doublon), ordre fixe des types', () => {
    const log = new CleanupLog();
    for (const w of ['a', 'b', 'b', 'c', 'd']) cleanText(' x ', w, log);
    cleanText('y\u200B', 'z', log);
    expect(log.toArray().map(({ kind, count, examples }) => ({ kind, count, examples }))).toEqual([
      { kind: 'caracteres-invisibles', count: 1, examples: ['z'] },
      { kind: 'espaces-superflus', count: 5, examples: ['a', 'b', 'c'] },
    ]);
    expect(() => log.record('inconnu')).toThrow();
  });
});

describe('splitValues', () => {
  it('code=libellé;code=libellé, dans l\'ordre de la source, codes gardés en texte', () => {
    expect(splitValues('01=DSN Mensuelle;04=Signalement;10=DPAE').values).toEqual([
      { code: '01', label: 'DSN Mensuelle' },
      { code: '04', label: 'Signalement' },
      { code: '10', label: 'DPAE' },
    ]);
  });

  it('libellés contenant « ; » ou « = » : le « ; » ne sépare que devant un code suivi de « = »', () => {
    const r = splitValues('01=Taux a=b;c;02=Suite; 03= Autre');
    expect(r.values).toEqual([
      { code: '01', label: 'Taux a=b;c' },
      { code: '02', label: 'Suite' },
      { code: ' 03', label: ' Autre' },
    ]);
    expect(r.irregular).toEqual(['01=Taux a=b;c']);
    expect(r.invalid).toEqual([]);
  });

  it('« ; » final ignoré, morceau sans « = » signalé', () => {
    expect(splitValues('P26V01=Année 2026 Version 1;').values).toEqual([{ code: 'P26V01', label: 'Année 2026 Version 1' }]);
    expect(splitValues('sans égal').invalid).toEqual(['sans égal']);
    expect(splitValues('').values).toEqual([]);
  });
});

describe('normaliseControlId', () => {
  it.each([
    ['S21.G00.30.020/CCH14', 'S21.G00.30.020/CCH-14'],
    ['S21.G00.30.025/CCH -11', 'S21.G00.30.025/CCH-11'],
    ['S21.G00.30.025/CCH 11 ', 'S21.G00.30.025/CCH-11'],
    ['S21.G00.40.007/CCH-11', 'S21.G00.40.007/CCH-11'],
    ['S10.G00.01.001 / csl-11', 'S10.G00.01.001/CSL-11'],
    ['S21.G00.30.020/CCH-\u200B14', 'S21.G00.30.020/CCH-14'],
  ])('%j → %s', (raw, id) => {
    expect(normaliseControlId(raw)?.id).toBe(id);
  });

  it('identifiant illisible : undefined', () => {
    expect(normaliseControlId('S21.G00.30/CCH-11')).toBeUndefined();
    expect(normaliseControlId('CCH-11')).toBeUndefined();
  });
});
