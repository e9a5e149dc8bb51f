import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, PROJECT_ROOT, fixtureCopy, runNorme } from '../helpers/fixture.ts';

// The JSON outputs of check, validate and list, validated against the schemas published under
// /schemas/ (src/core/schemas), with the severity vocabulary each one uses.
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
function schema(name: string): ValidateFunction {
  return ajv.compile(JSON.parse(readFileSync(path.join(PROJECT_ROOT, `src/core/schemas/${name}.schema.json`), 'utf8')));
}
function expectValid(validate: ValidateFunction, doc: unknown) {
  expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
}

let dir: string;
let sample: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'norme-schemas-'));
  const f = path.join(dir, 'base.dsn');
  const r = await runNorme(['sample', 'dsn/P26V01', '--salaries', '1', '--seed', '3', '--output', f], PROJECT_ROOT);
  expect(r.code).toBe(0);
  sample = readFileSync(f, 'utf8');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('schémas des sorties JSON', () => {
  it('check --format json (et --next) : conforme à check-output, bloquant/non bloquant doublé de level error/warning', async () => {
    const validate = schema('check-output');
    // A wrong SIREN key (bloquant) and an empty line (non bloquant).
    const lines = sample.trimEnd().split('\n').map((l) => (l.startsWith('S21.G00.06.001,') ? "S21.G00.06.001,'123456789'" : l));
    lines.splice(3, 0, '');
    const f = path.join(dir, 'faults.dsn');
    writeFileSync(f, lines.join('\n') + '\n');
    for (const args of [[], ['--next']]) {
      const r = await runNorme(['check', f, '--format', 'json', ...args], PROJECT_ROOT);
      expect(r.code).toBe(1);
      const doc = JSON.parse(r.out);
      expect(doc.$schema).toBe('https://norme.example/schemas/check-output.schema.json');
      expectValid(validate, doc);
      expect(doc.findings.map((x: { rule: string; severity: string; level: string }) => [x.rule, x.severity, x.level])).toEqual(
        expect.arrayContaining([
          ['key-siren', 'bloquant', 'error'],
          ['empty-line', 'non bloquant', 'warning'],
        ]),
      );
      if (args.length) expect(doc.next.findings.every((x: { severity: string; level: string }) => x.level === (x.severity === 'bloquant' ? 'error' : 'warning'))).toBe(true);
    }
  });

  it('validate --format json : conforme à validate-output, error/warning/info et leurs comptes', async () => {
    const validate = schema('validate-output');
    const ok = JSON.parse((await runNorme(['validate', '--format', 'json'], path.join(FIXTURES, 'registries/valid'))).out);
    expectValid(validate, ok);
    expect(ok).toMatchObject({ $schema: 'https://norme.example/schemas/validate-output.schema.json', errors: 0, counts: { error: 0 } });
    const f = fixtureCopy('valid', [{ file: 'norm/demo/V1/blocks/S21.G00.40.yaml', from: 'datatype: DSN_NatureContrat', to: 'datatype: DSN_NatureContrat2' }]);
    try {
      const r = await runNorme(['validate', '--format', 'json'], f.root);
      expect(r.code).toBe(1);
      const doc = JSON.parse(r.out);
      expectValid(validate, doc);
      expect(doc.counts).toEqual({ error: 1, warning: 0, info: 0 });
      expect(doc.diagnostics[0]).toEqual({
        severity: 'error',
        rule: 'unknown-datatype',
        message: 'Type de données inconnu `DSN_NatureContrat2` ; vouliez-vous dire `DSN_NatureContrat` ?',
        file: 'norm/demo/V1/blocks/S21.G00.40.yaml',
        line: 15,
        column: 15,
        hint: 'définissez-le dans `norm/demo/V1/datatypes/DSN_NatureContrat2.yaml` ou corrigez le nom.',
      });
    } finally {
      f.cleanup();
    }
  });

  it('list --format json sur le registre réel : conforme à list-output', async () => {
    const r = await runNorme(['list', '--format', 'json'], PROJECT_ROOT);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expectValid(schema('list-output'), doc);
    expect(doc.$schema).toBe('https://norme.example/schemas/list-output.schema.json');
    expect(doc.families.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining(['dsn', 'pasrau']));
  });

  it('chaque schéma de sortie dit son vocabulaire de gravité', () => {
    const description = (n: string) => JSON.parse(readFileSync(path.join(PROJECT_ROOT, `src/core/schemas/${n}.schema.json`), 'utf8')).description as string;
    expect(description('check-output')).toMatch(/`bloquant` \/ `non bloquant`.*`level`/);
    expect(description('validate-output')).toMatch(/`error`.*`warning`.*`info`/);
    expect(description('diff-output')).toMatch(/`breaking`.*`warning`.*`info`.*`editorial`/);
  });
});
