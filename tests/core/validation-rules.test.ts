/**
 * The validation-rule catalogue (src/core/validate/rules.json) against the code and the tests:
 * every rule id the core emits is catalogued, every catalogued id is emitted somewhere, with the
 * severities it declares, and every id is named by a test (a canonical line `… [id]` or the id
 * quoted) — a rule no test triggers is either tested or removed. `diag()` takes a
 * `ValidationRuleId` (generated from the catalogue), so a literal id outside it also fails
 * `npm run typecheck`; the source scan below covers the ids passed through variables too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { VALIDATION_RULES, VALIDATION_RULES_BY_ID } from '../../src/core/index.ts';
import schema from '../../src/core/validate/rules.schema.json' with { type: 'json' };
import catalogue from '../../src/core/validate/rules.json' with { type: 'json' };

const ROOT = path.resolve(import.meta.dirname, '../..');

function filesUnder(dir: string, ext: RegExp): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && ext.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

/** The diff and check rules have their own catalogues (diff/rules.json, check/rules.ts). */
const SOURCES = filesUnder('src/core', /\.ts$/).filter((f) => !/[\\/]src[\\/]core[\\/](diff|check)[\\/]/.test(f));

/** Rule ids as the core writes them: `diag(sev, 'id', …)`, `report(ctx, sev, 'id', …)`, `fail('id', …)`, `rule: 'id'`, `rule = 'id'` (typed or not). */
const EMIT = [
  /\bdiag\(\s*(?:'(error|warning|info)'|[^,'()]+)\s*,\s*'([a-z0-9-]+)'/g,
  /\breport\(\s*ctx\s*,\s*(?:'(error|warning|info)'|[^,'()]+)\s*,\s*'([a-z0-9-]+)'/g,
  /\bfail\(()\s*'([a-z0-9-]+)'/g,
  /\brule:\s*()'([a-z0-9-]+)'/g,
  /\brule(?::\s*\w+)?\s*=\s*()'([a-z0-9-]+)'/g,
];

function emitted(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const f of SOURCES) {
    const src = readFileSync(f, 'utf8');
    for (const re of EMIT) {
      for (const m of src.matchAll(re)) {
        const sevs = out.get(m[2]) ?? new Set<string>();
        if (m[1]) sevs.add(m[1]);
        out.set(m[2], sevs);
      }
    }
  }
  return out;
}

describe('catalogue des règles de validation', () => {
  it('est conforme à son schéma, identifiants uniques', () => {
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
    expect(validate(catalogue), JSON.stringify(validate.errors)).toBe(true);
    expect(VALIDATION_RULES_BY_ID.size).toBe(VALIDATION_RULES.length);
  });

  it('src/core/validate/rule-ids.generated.ts (type des identifiants qu\'accepte diag) est à jour (sinon : npm run types)', async () => {
    // @ts-ignore plain JS module
    const { generateRuleIds, outFile } = await import('../../scripts/gen-rule-ids.mjs');
    expect(readFileSync(outFile, 'utf8')).toBe(await generateRuleIds());
  });

  it('le cœur n\'émet aucune règle absente du catalogue', () => {
    const ids = emitted();
    expect(ids.size).toBeGreaterThan(100);
    expect([...ids.keys()].filter((id) => !VALIDATION_RULES_BY_ID.has(id)).sort()).toEqual([]);
  });

  it('chaque règle du catalogue est émise, avec les gravités qu\'il annonce', () => {
    const ids = emitted();
    expect(VALIDATION_RULES.filter((r) => !ids.has(r.id)).map((r) => r.id)).toEqual([]);
    const wrong = VALIDATION_RULES.filter((r) => [...(ids.get(r.id) ?? [])].some((s) => !r.severities.includes(s as never)));
    expect(wrong.map((r) => `${r.id} ${[...ids.get(r.id)!].join(',')}`)).toEqual([]);
  });

  it('chaque règle est nommée par un test', () => {
    const self = path.join(ROOT, 'tests/core/validation-rules.test.ts');
    // The test of `norme rules` (which lists every id) does not count.
    const lists = [self, path.join(ROOT, 'tests/cli/rules.test.ts')];
    const tests = filesUnder('tests', /\.ts$/).filter((f) => !lists.includes(f)).map((f) => readFileSync(f, 'utf8')).join('\n');
    const named = (id: string) => new RegExp(`(?<![\\w.-])${id}(?![\\w.-])`).test(tests);
    expect(VALIDATION_RULES.filter((r) => !named(r.id)).map((r) => r.id)).toEqual([]);
  });
});
