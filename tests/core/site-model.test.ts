import { describe, expect, test } from 'vitest';
import type { Block, ResolvedFamily, ResolvedVersion, Version } from '../../src/core/index.ts';
import { calendarMonths, familyApplicability, familyCalendar, familyPresence, indexVersion, monthRange, statusLabel } from '../../src/core/index.ts';

function block(id: string, parent: string | null, rubriques: string[] = [], datatype = 'T'): Block {
  return {
    id,
    name: `Bloc ${id}`,
    parent,
    cardinality: { min: 0, max: '*' },
    rubriques: rubriques.map((r) => ({ id: `${id}.${r}`, name: `Rubrique ${r}`, datatype, controls: [] })),
  };
}

function version(family: string, id: string, blocks: Block[], app?: Version['applicability'], status: Version['status'] = 'published'): ResolvedVersion {
  const v: ResolvedVersion = {
    family,
    id,
    key: `${family}/${id}`,
    meta: { id, family, name: id, status, editions: [], applicability: app, usages: { status: 'non publié' }, provenance: { sources: [] } },
    dir: `norm/${family}/${id}`,
    blocks: new Map(blocks.map((b) => [b.id, b])),
    rubriques: new Map(),
    datatypes: new Map([['T', { id: 'T', nature: 'Enumeration', values: [{ code: '01', label: 'un' }, { code: '02', label: 'deux' }] }]]),
    controls: new Map(),
    files: { blocks: new Map(), datatypes: new Map() },
    journal: [],
  };
  for (const b of blocks) b.rubriques.forEach((r, index) => v.rubriques.set(r.id, { rubrique: r, block: b, index }));
  return v;
}

function family(versions: ResolvedVersion[]): ResolvedFamily {
  return { id: 'dsn', meta: { id: 'dsn', name: 'DSN', message: 'DSN' }, file: 'norm/dsn/family.yaml', versions: new Map(versions.map((v) => [v.id, v])) };
}

const P1 = version('dsn', 'P1', [block('S21.G00.40', 'S21.G00.30', ['001', '007']), block('S10.G00.00', null, ['001']), block('S21.G00.30', 'S10.G00.00', ['001']), block('S21.G00.06', 'S10.G00.00', ['003'])], { from: '2025-01', source: 'inférée' });
const P2 = version('dsn', 'P2', [block('S10.G00.00', null, ['001']), block('S21.G00.30', 'S10.G00.00', ['001']), block('S21.G00.40', 'S21.G00.30', ['001', '007', '008'])], { from: '2026-01', to: '2026-12', source: 'inférée' });
const P3 = version('dsn', 'P3', [block('S10.G00.00', null, ['001']), block('S21.G00.30', 'S10.G00.00', ['001']), block('S21.G00.06', 'S10.G00.00', ['003'])], { from: '2027-01', source: 'inférée' }, 'draft');
const FAM = family([P1, P2, P3]);

describe('indexVersion', () => {
  test('arborescence en profondeur, enfants par identifiant, usages des types, effectifs', () => {
    const ix = indexVersion(P1);
    expect(ix.tree.map((n) => `${n.depth}:${n.block.id}`)).toEqual(['0:S10.G00.00', '1:S21.G00.06', '1:S21.G00.30', '2:S21.G00.40']);
    expect(ix.children.get('S10.G00.00')!.map((b) => b.id)).toEqual(['S21.G00.06', 'S21.G00.30']);
    expect(ix.usedBy.get('T')!.map((e) => e.rubrique.id)).toEqual(['S21.G00.40.001', 'S21.G00.40.007', 'S10.G00.00.001', 'S21.G00.30.001', 'S21.G00.06.003']);
    expect(ix.counts).toEqual({ blocks: 4, rubriques: 5, datatypes: 1, values: 2, controls: 0, controlsByFamily: {} });
  });

  test('un bloc dont le parent est absent est rangé à la racine', () => {
    const v = version('dsn', 'X', [block('S21.G00.99', 'S21.G00.98')]);
    expect(indexVersion(v).tree.map((n) => `${n.depth}:${n.block.id}`)).toEqual(['0:S21.G00.99']);
  });
});

describe('applicabilité', () => {
  test('une fin absente est déduite du début de la version suivante', () => {
    const a = familyApplicability(FAM);
    expect(a.get('P1')).toEqual({ from: '2025-01', to: '2025-12', toDerived: true, source: 'inférée', note: undefined });
    expect(a.get('P2')).toMatchObject({ from: '2026-01', to: '2026-12', toDerived: false });
    expect(a.get('P3')).toMatchObject({ from: '2027-01', to: undefined, toDerived: false });
  });

  test('version applicable au mois donné et versions à venir, dans l\'ordre', () => {
    const c = familyCalendar(FAM, '2025-06');
    expect(c.current?.id).toBe('P1');
    expect(c.upcoming.map((v) => v.id)).toEqual(['P2', 'P3']);
    expect(familyCalendar(FAM, '2026-12').current?.id).toBe('P2');
    expect(familyCalendar(FAM, '2030-01').current?.id).toBe('P3');
    expect(familyCalendar(FAM, '2024-12').current).toBeUndefined();
  });

  test('calendarMonths : du premier mois applicable à douze mois après le dernier mois connu (ou le mois courant)', () => {
    // Known months: 2025-01 (P1), 2025-12 (end of P1, derived), 2026-01…2026-12 (P2), 2027-01 (P3, open).
    const m = calendarMonths(FAM, '2026-03');
    expect([m[0], m.at(-1), m.length]).toEqual(['2025-01', '2028-01', 37]);
    // A current month after every known one extends the calendar.
    expect(calendarMonths(FAM, '2029-06').at(-1)).toBe('2030-06');
    // No dated version: nothing to answer for.
    expect(calendarMonths(family([version('dsn', 'X', [])]), '2026-03')).toEqual([]);
  });

  test('monthRange', () => {
    expect(monthRange('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthRange('2026-02', '2026-01')).toEqual([]);
  });
});

describe('présence dans les versions', () => {
  test('introduite, dernière version, supprimée dans la suivante, absences intermédiaires', () => {
    const p = familyPresence(FAM);
    expect(p.order).toEqual(['P1', 'P2', 'P3']);
    expect(p.rubrique.get('S21.G00.40.007')).toEqual({ id: 'S21.G00.40.007', kind: 'rubrique', versions: ['P1', 'P2'], introducedIn: 'P1', lastIn: 'P2', removedIn: 'P3', gaps: [] });
    expect(p.rubrique.get('S21.G00.40.008')).toMatchObject({ introducedIn: 'P2', lastIn: 'P2', removedIn: 'P3' });
    expect(p.block.get('S21.G00.06')).toMatchObject({ versions: ['P1', 'P3'], lastIn: 'P3', removedIn: undefined, gaps: ['P2'] });
    expect(p.rubrique.get('S10.G00.00.001')).toMatchObject({ introducedIn: 'P1', lastIn: 'P3', removedIn: undefined });
  });

  test('libellés de statut', () => {
    expect([statusLabel('draft'), statusLabel('published'), statusLabel('retired')]).toEqual(['en projet', 'publiée', 'retirée']);
  });
});
