import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { diffVersions, RULES, RULES_BY_ID, type Change } from '../../../src/core/index.ts';
import { usageRule } from '../../../src/core/diff/classify.ts';
import { DIFF_FIXTURES, diffFixtureNames, expectedLines, loadSide } from './fixtures.ts';

const line = (c: Change) => `[${c.severity}] ${c.rule} ${c.id} — ${c.message}`;

/** What diff(b, a) must contain for each change of diff(a, b): mirror rule, swapped values. */
const RENAMES = new Set(['block-renamed', 'rubrique-renamed', 'datatype-renamed']);
/** Changes on a renamed element carry its new id: in the reverse diff, that is the old id. */
function mirrorKeys(changes: Change[]): string[] {
  const oldId = new Map(changes.filter((c) => RENAMES.has(c.rule)).map((c) => [String(c.to), String(c.from)]));
  const back = (id: string) => {
    const [head, ...rest] = id.split('#');
    return [oldId.get(head) ?? head, ...rest].join('#');
  };
  return changes.map((c) => `${RULES_BY_ID.get(c.rule)!.mirror} ${back(c.id)} ${c.to ?? '∅'} → ${c.from ?? '∅'}`).sort();
}
const key = (c: Change) => `${c.rule} ${c.id} ${c.from ?? '∅'} → ${c.to ?? '∅'}`;

describe('catalogue des règles', () => {
  it('chaque règle a sa paire de fixtures (base/revision) qui la déclenche', () => {
    const missing = RULES.filter((r) => !existsSync(path.join(DIFF_FIXTURES, r.id, 'expected.txt')) || !expectedLines(r.id).some((l) => l.split(' ')[1] === r.id));
    expect(missing.map((r) => r.id)).toEqual([]);
  });

  it('chaque dossier de fixture porte le nom d\'une règle ou d\'un scénario', () => {
    expect(diffFixtureNames().filter((n) => !RULES_BY_ID.has(n) && !n.startsWith('scenario-'))).toEqual([]);
  });

  it('chaque règle déclare un miroir qui la déclare en retour, sur les mêmes éléments', () => {
    const bad = RULES.filter((r) => {
      const m = RULES_BY_ID.get(r.mirror);
      return !m || m.mirror !== r.id || m.element.join() !== r.element.join();
    });
    expect(bad.map((r) => `${r.id} ↔ ${r.mirror}`)).toEqual([]);
  });

  it('identifiants uniques, messages en français avec paramètres nommés', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const r of RULES) expect(r.message).toMatch(/\{[a-zA-Z]+\}/);
  });
});

describe.each(diffFixtureNames())('fixture %s', (name) => {
  const base = loadSide(name, 'base');
  const rev = loadSide(name, 'revision');

  it('les deux côtés sont valides', () => {
    expect([...base.diagnostics, ...rev.diagnostics]).toEqual([]);
  });

  it('diff(base, revision) donne exactement les changements attendus', () => {
    expect(diffVersions(base.version, rev.version).changes.map(line)).toEqual(expectedLines(name));
  });

  it('diff(a, a) est vide', () => {
    expect(diffVersions(base.version, base.version).changes).toEqual([]);
    expect(diffVersions(rev.version, rev.version).changes).toEqual([]);
  });

  it('diff(revision, base) est le miroir de diff(base, revision)', () => {
    const forward = diffVersions(base.version, rev.version).changes;
    const backward = diffVersions(rev.version, base.version).changes;
    expect(backward.map(key).sort()).toEqual(mirrorKeys(forward));
  });
});

describe('usages : comparaison des déclarations acceptées', () => {
  const cases: Array<[string, string, string]> = [
    ['C', 'O', 'usage-tightened'],
    ['F', 'I', 'usage-tightened'],
    ['C', 'N', 'usage-tightened'],
    ['O', 'C', 'usage-loosened'],
    ['I', 'F', 'usage-loosened'],
    ['O', 'I', 'usage-inverted'],
    ['N', 'O', 'usage-inverted'],
    ['C', 'F', 'usage-requalified'],
    ['I', 'N', 'usage-requalified'],
  ];
  it.each(cases)('%s → %s : %s', (from, to, rule) => {
    expect(usageRule(from, to)).toBe(rule);
  });
});

describe('surcharge des gravités', () => {
  it('une configuration change la gravité d\'une règle sans toucher au reste', () => {
    const a = loadSide('code-value-relabelled', 'base').version;
    const b = loadSide('code-value-relabelled', 'revision').version;
    const [c] = diffVersions(a, b, { overrides: { 'code-value-relabelled': 'editorial' } }).changes;
    expect([c.rule, c.severity]).toEqual(['code-value-relabelled', 'editorial']);
    expect(diffVersions(a, b).summary.bySeverity).toEqual({ breaking: 0, warning: 1, info: 0, editorial: 0 });
  });
});
