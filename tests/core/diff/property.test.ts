/**
 * Properties of the diff engine on random amendments of the demo version, expressed as
 * journal operations: diff(a, a) is empty, diff(b, a) mirrors diff(a, b), and the journal
 * drafted from diff(a, b) turns a back into b.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { amendVersion, diffVersions, draftJournal, RULES_BY_ID, type Change, type JournalEntry, type JournalOperation } from '../../../src/core/index.ts';
import { loadSide } from './fixtures.ts';

const base = loadSide('block-name-changed', 'base').version; // the plain _common version

const text = fc.constantFrom('Libellé A', 'Libellé B', 'Texte modifié', 'Autre texte');
const usage = fc.constantFrom('O', 'C', 'I', 'N', 'F', null);
const rubrique = fc.constantFrom('S21.G00.40.001', 'S21.G00.40.007', 'S10.G00.00.001');

const op: fc.Arbitrary<JournalOperation> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), element: fc.constant('rubrique' as const), id: rubrique, field: fc.constantFrom('name', 'description', 'technicalName'), to: text }),
  fc.record({ op: fc.constant('set' as const), element: fc.constant('rubrique' as const), id: rubrique, field: fc.constantFrom('usage.01', 'usage.04'), to: usage }),
  fc.record({ op: fc.constant('set' as const), element: fc.constant('block' as const), id: fc.constantFrom('S21.G00.40', 'S10.G00.00'), field: fc.constantFrom('name', 'description'), to: text }),
  fc.record({ op: fc.constant('set' as const), element: fc.constant('block' as const), id: fc.constant('S21.G00.40'), field: fc.constant('cardinality.min'), to: fc.constantFrom(0, 1, 2) }),
  fc.record({ op: fc.constant('set' as const), element: fc.constant('block' as const), id: fc.constant('S21.G00.40'), field: fc.constant('cardinality.max'), to: fc.constantFrom(2, 5, '*') }),
  fc.record({ op: fc.constant('set' as const), element: fc.constant('datatype' as const), id: fc.constantFrom('Type_Alphanumeric_1-20', 'DSN_NatureContrat'), field: fc.constantFrom('minLength', 'maxLength'), to: fc.constantFrom(1, 2, 10, 30, null) }),
  fc.record({ op: fc.constant('set' as const), element: fc.constant('datatype' as const), id: fc.constant('Type_Alphanumeric_1-20'), field: fc.constant('regexp'), to: fc.constantFrom('[A-Z]*', '[0-9A-Z ]*', null) }),
  fc.record({ op: fc.constant('set' as const), element: fc.constant('control' as const), id: fc.constant('S21.G00.40.007/CCH-11'), field: fc.constantFrom('rule', 'message'), to: text }),
  fc.record({ op: fc.constant('add-code' as const), datatype: fc.constant('DSN_NatureContrat'), code: fc.constantFrom('03', '07', '08'), label: text }),
  fc.record({ op: fc.constant('remove-code' as const), datatype: fc.constant('DSN_NatureContrat'), code: fc.constantFrom('01', '02') }),
  fc.record({ op: fc.constant('relabel-code' as const), datatype: fc.constant('DSN_NatureContrat'), code: fc.constantFrom('01', '02'), to: text }),
  fc.record({ op: fc.constant('add-control' as const), control: fc.record({ id: fc.constant('S21.G00.40.001/SIG-11'), family: fc.constant('SIG' as const), rule: text, message: text }) }),
  fc.record({ op: fc.constant('remove-control' as const), id: fc.constant('S21.G00.40.007/CCH-11') }),
  fc.record({ op: fc.constant('add-rubrique' as const), rubrique: fc.record({ id: fc.constantFrom('S21.G00.40.009', 'S21.G00.40.010'), name: text, datatype: fc.constant('Type_Alphanumeric_1-20'), usage: fc.constant({ '01': 'O' as const }) }) }),
  fc.record({ op: fc.constant('remove-rubrique' as const), id: rubrique }),
);

const ENTRY: Omit<JournalEntry, 'operations'> = { id: 'JMN-PROP-001', date: '2026-07-01', kind: 'évolution', title: 'Amendement aléatoire', explanation: 'Exemple inventé.', edition: '2026.1.1' };

/** Apply what applies (an operation the journal refuses, e.g. one leaving a length range inverted, is skipped). */
function amend(ops: JournalOperation[]) {
  return amendVersion(base, ops.map((o) => ({ ...ENTRY, operations: [o] }))).version;
}

const key = (c: Change) => `${c.rule} ${c.id} ${c.from ?? '∅'} → ${c.to ?? '∅'}`;
const mirrorKey = (c: Change) => `${RULES_BY_ID.get(c.rule)!.mirror} ${c.id} ${c.to ?? '∅'} → ${c.from ?? '∅'}`;

let seen = 0;
describe('propriétés du diff (amendements aléatoires)', () => {
  it('diff(a, a) vide, miroir, et aller-retour par le journal', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 8 }), (ops) => {
        const b = amend(ops);
        expect(diffVersions(b, b).changes).toEqual([]);
        const fwd = diffVersions(base, b).changes;
        seen += fwd.length;
        const back = diffVersions(b, base).changes;
        expect(back.map(key).sort()).toEqual(fwd.map(mirrorKey).sort());
        const draft = draftJournal(base, b, { date: '2026-07-01', edition: '2026.1.1' });
        expect(draft.skipped).toEqual([]);
        const s = amendVersion(base, draft.entries);
        expect(s.failures).toEqual(draft.entries.map(() => []));
        expect(diffVersions(s.version, b).changes).toEqual([]);
      }),
      { numRuns: 150, seed: 20260701 },
    );
    // The generator really amends the version (the properties are not checked on empty diffs only).
    expect(seen).toBeGreaterThan(300);
  });
});
