/**
 * Fuzzing of the registry loader (issue #22): thousands of mutations of real registry files go
 * through what `norme validate` does to one file (strict UTF-8 decoding, YAML parsing, schema
 * validation). Whatever the input: no exception, every diagnostic positioned inside its file,
 * every message in French. Fixed seed: a failure is reproducible; its counterexample is printed.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parseRegistryYaml } from '../../src/core/load/registry.ts';
import { decodeUtf8 } from '../../src/core/load/files.ts';
import type { SchemaName } from '../../src/core/load/schemas.ts';
import type { Diagnostic } from '../../src/core/index.ts';
import { PROJECT_ROOT } from '../helpers/fixture.ts';

/** Small real files of every kind (the journal entry is the example of the journal fixture). */
const FILES: Array<[string, SchemaName]> = [
  ['norm/dsn/family.yaml', 'family'],
  ['norm/dsn/P26V01/version.yaml', 'version'],
  ['norm/pasrau/201710/version.yaml', 'version'],
  ['norm/dsn/P27V01/blocks/S21.G00.45.yaml', 'block'],
  ['norm/dsn/P26V01/blocks/S21.G00.66.yaml', 'block'],
  ['norm/pasrau/201710/blocks/S10.G00.01.yaml', 'block'],
  ['norm/dsn/P26V01/datatypes/AncienCodeRegime.yaml', 'datatype'],
  ['norm/dsn/P26V01/datatypes/Annee_2000.yaml', 'datatype'],
  ['tests/fixtures/journal/valid/norm/demo/V1/journal/JMN-2026-001.yaml', 'journal-entry'],
];
const SOURCES = FILES.map(([f, schema]) => ({ file: f, schema, bytes: readFileSync(path.join(PROJECT_ROOT, f)) }));

/** What YAML, the schemas and encodings care about. */
const SPECIAL = ['[', ']', '{', '}', ':', ': ', '- ', '-', ',', '#', ' #', '"', "'", '|', '>', '&a ', '*a', '!', '!!str ', '%', '@', '`', '?', '\t', '\n', '\r', ' ', '  ', '---\n', '...\n', '\\', '\u0000', '\u0007', '\u00a0', '\ufeff', 'é', '😀', '~', 'null', 'true', '0x1F', '1e3', '2026-02-30', '"01"', '<<: '];
const BAD_BYTES = [[0xff], [0xc3], [0xe9], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xc0, 0xaf], [0xe2, 0x82]];

type Mutation =
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'bytes'; at: number; bytes: number[] }
  | { op: 'line-dup' | 'line-delete' | 'line-indent' | 'line-dedent' | 'line-swap'; line: number }
  | { op: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...SPECIAL), fc.string({ maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 3 })) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ op: fc.constant('bytes' as const), at: fc.nat(), bytes: fc.constantFrom(...BAD_BYTES) }),
  fc.record({ op: fc.constantFrom('line-dup' as const, 'line-delete' as const, 'line-indent' as const, 'line-dedent' as const, 'line-swap' as const), line: fc.nat() }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);

function apply(bytes: Buffer, muts: Mutation[]): Buffer {
  let b = bytes;
  for (const m of muts) {
    if (m.op === 'insert' || m.op === 'bytes') {
      const at = m.at % (b.length + 1);
      b = Buffer.concat([b.subarray(0, at), m.op === 'insert' ? Buffer.from(m.text) : Buffer.from(m.bytes), b.subarray(at)]);
    } else if (m.op === 'delete') {
      const at = m.at % (b.length + 1);
      b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.length)]);
    } else if (m.op === 'truncate') {
      b = b.subarray(0, m.at % (b.length + 1));
    } else {
      const lines = b.toString('latin1').split('\n');
      const i = m.line % lines.length;
      if (m.op === 'line-dup') lines.splice(i, 0, lines[i]);
      else if (m.op === 'line-delete') lines.splice(i, 1);
      else if (m.op === 'line-indent') lines[i] = ' ' + lines[i];
      else if (m.op === 'line-dedent') lines[i] = lines[i].replace(/^ {1,2}/, '');
      else if (i + 1 < lines.length) [lines[i], lines[i + 1]] = [lines[i + 1], lines[i]];
      b = Buffer.from(lines.join('\n'), 'latin1');
    }
  }
  return b;
}

/** What `norme validate` does to one file's bytes (reading aside). */
function check(file: string, bytes: Buffer, schema: SchemaName): { text: string; diagnostics: Diagnostic[] } {
  const decoded = decodeUtf8(file, bytes);
  // Positions of an encoding problem are checked against the text as an editor shows it.
  if ('diagnostic' in decoded) return { text: bytes.toString('utf8'), diagnostics: [decoded.diagnostic] };
  const text = decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;
  return { text, diagnostics: parseRegistryYaml(file, text, schema).diagnostics };
}

/** English a message must never contain (outside `code spans`, which quote the file's own content). */
const ENGLISH = /\b(must|should|the|is not|are not|expected|unexpected|missing|invalid|cannot|not allowed|unresolved|allowed|found|error|items|property|properties|indicator|implicit|token|stream|byte|character|scalar|mapping|sequence|quote|escape|reason)\b|\([A-Z][A-Z_]{3,}\)|\b[A-Z]+_[A-Z]+(_[A-Z]+)*\b/i;

function problems(text: string, diagnostics: Diagnostic[], file: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const out: string[] = [];
  for (const d of diagnostics) {
    const where = `${d.line}:${d.column} ${d.message} [${d.rule}]`;
    if (d.file !== file) out.push(`fichier ${d.file} ≠ ${file} : ${where}`);
    if (d.line === undefined || d.column === undefined) out.push(`sans position : ${where}`);
    else if (d.line < 1 || d.line > lines.length) out.push(`ligne hors du fichier (${lines.length} lignes) : ${where}`);
    else if (d.column < 1 || d.column > lines[d.line - 1].length + 1) out.push(`colonne hors de la ligne (${lines[d.line - 1].length} caractères) : ${where}`);
    for (const t of [d.message, d.hint ?? '']) {
      const prose = t.replace(/`[^`]*`/g, '');
      const m = ENGLISH.exec(prose);
      if (m) out.push(`anglais (« ${m[0]} ») : ${t} [${d.rule}]`);
    }
  }
  return out;
}

describe('fuzzing du chargeur de registre (mutations de fichiers réels)', () => {
  it('les fichiers de départ sont valides', () => {
    for (const s of SOURCES) expect(check(s.file, s.bytes, s.schema).diagnostics, s.file).toEqual([]);
  });

  it('2 000 mutations : aucune exception, positions dans le fichier, messages en français', () => {
    let withDiagnostics = 0;
    fc.assert(
      fc.property(fc.nat(SOURCES.length - 1), fc.array(mutation, { minLength: 1, maxLength: 3 }), (k, muts) => {
        const s = SOURCES[k];
        const { text, diagnostics } = check(s.file, apply(s.bytes, muts), s.schema);
        if (diagnostics.length) withDiagnostics++;
        expect(problems(text, diagnostics, s.file)).toEqual([]);
      }),
      { seed: 22, numRuns: 2000 },
    );
    // The mutations do break files (a fuzz run that only produces valid files proves nothing).
    expect(withDiagnostics).toBeGreaterThan(1000);
  });
});
