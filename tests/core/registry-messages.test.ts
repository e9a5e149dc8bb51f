/**
 * Every message of the YAML parser and of the schema validator reaches the user in French, at
 * the line of its cause and inside the file (issue #22, item 6).
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ErrorObject } from 'ajv';
import { formatDiagnostic, loadRegistry, parseYaml } from '../../src/core/index.ts';
import { YAML_CODES } from '../../src/core/load/yaml-file.ts';
import { schemaDiagnostics } from '../../src/core/load/schemas.ts';
import { compileFullMatch } from '../../src/core/validate/regexp.ts';
import { fixtureCopy, PROJECT_ROOT, type Edit } from '../helpers/fixture.ts';
import { registryLines } from '../helpers/registry.ts';

const H = 'norm/demo/V1/blocks/S10.G00.00.yaml';
const B = 'norm/demo/V1/blocks/S21.G00.40.yaml';

const lines = (edits: Edit[]) => registryLines(edits);

describe('messages du parseur YAML', () => {
  it('chaque code d\'erreur du paquet `yaml` a sa traduction française', () => {
    const dts = readFileSync(path.join(PROJECT_ROOT, 'node_modules/yaml/dist/errors.d.ts'), 'utf8');
    const union = /type ErrorCode = ([^;]+);/.exec(dts)![1];
    const codes = [...union.matchAll(/'([A-Z0-9_]+)'/g)].map((m) => m[1]).sort();
    expect(codes.length).toBeGreaterThan(20);
    expect(Object.keys(YAML_CODES).sort()).toEqual(codes);
  });

  // Each case: the edit, then the exact line (position of the cause, French text).
  const cases: Array<[string, Edit, string]> = [
    ['crochet jamais fermé : signalé à son ouverture', { file: H, from: 'parent: null', to: 'parent: [a, b' },
      `${H}:4:9: erreur Crochet \`[\` ouvert ici et jamais fermé (\`]\` manquant) [yaml-syntax]`],
    ['accolade jamais fermée en fin de fichier : à son ouverture, pas après la dernière ligne', { file: H, from: '      "01": O\n', to: '      "01": O\nx: { a: 1\n' },
      `${H}:15:4: erreur Accolade \`{\` ouverte ici et jamais fermée (\`}\` manquant) [yaml-syntax]`],
    ['guillemet jamais fermé : à son ouverture', { file: H, from: 'name: Envoi', to: "name: 'Envoi" },
      `${H}:3:7: erreur Guillemet ouvert ici et jamais fermé [yaml-syntax]`],
    ['clé mal indentée dans une liste : à sa ligne et à son premier caractère', { file: H, from: '    datatype: Type_Alphanumeric_1-20', to: '   datatype: Type_Alphanumeric_1-20' },
      `${H}:12:4: erreur Ligne mal indentée dans une liste (ou tiret « - » manquant) [yaml-indentation]`],
    ['tabulation : une seule erreur, à sa ligne', { file: H, from: '    datatype: Type', to: '\tdatatype: Type' },
      `${H}:12:1: erreur Tabulation utilisée pour indenter [yaml-indentation]`],
    ['deux documents : pas de code brut', { file: H, from: 'header: true\n', to: 'header: true\n---\n' },
      `${H}:6:1: erreur Plusieurs documents YAML dans un même fichier (ligne \`---\` ou \`...\`) [yaml-syntax]`],
    ['échappement invalide : pas de code brut', { file: H, from: 'name: Envoi', to: 'name: "En\\qvoi"' },
      `${H}:3:10: erreur Séquence d'échappement invalide dans une valeur entre guillemets doubles [yaml-syntax]`],
    ['étiquette inconnue : le message anglais de js-yaml ne passe pas', { file: H, from: 'name: Envoi', to: 'name: !truc Envoi' },
      `${H}:3:7: erreur Étiquette YAML (!…) inconnue [yaml-syntax]`],
    ['caractère de contrôle : à sa position', { file: H, from: 'name: Envoi', to: 'name: En\u0007voi' },
      `${H}:3:9: erreur Caractère de contrôle U+0007 interdit dans un fichier YAML [control-character]`],
  ];
  it.each(cases)('%s', (_n, edit, expected) => {
    expect(lines([edit])).toEqual([expected]);
  });
});

describe('messages du validateur de schémas (ajv)', () => {
  const schemaDir = path.join(PROJECT_ROOT, 'src/core/schemas');
  /** Keywords that never produce an error of their own. */
  const STRUCTURAL = new Set(['$id', '$ref', '$schema', 'definitions', 'description', 'properties', 'title', 'items']);

  function keywordsOf(schema: unknown, out = new Set<string>()): Set<string> {
    if (Array.isArray(schema)) schema.forEach((s) => keywordsOf(s, out));
    else if (schema && typeof schema === 'object') {
      for (const [k, v] of Object.entries(schema)) {
        out.add(k);
        if (k === 'properties' || k === 'definitions') Object.values(v as object).forEach((s) => keywordsOf(s, out));
        else if (k !== 'enum' && k !== 'const') keywordsOf(v, out);
      }
    }
    return out;
  }

  it('chaque mot-clé des schémas chargés a son message français (pas le repli générique, jamais l\'anglais d\'ajv)', () => {
    const used = new Set<string>();
    for (const n of ['family', 'version', 'block', 'datatype', 'journal-entry', 'consigne']) {
      keywordsOf(JSON.parse(readFileSync(path.join(schemaDir, `${n}.schema.json`), 'utf8')), used);
    }
    const keywords = [...used].filter((k) => !STRUCTURAL.has(k)).sort();
    expect(keywords).toEqual(['additionalProperties', 'const', 'enum', 'format', 'minItems', 'minLength', 'minimum', 'oneOf', 'pattern', 'propertyNames', 'required', 'type', 'uniqueItems']);
    const { parsed } = parseYaml('x.yaml', 'a: [1, 1]\n');
    const PARAMS: Record<string, object> = {
      additionalProperties: { additionalProperty: 'b' }, const: { allowedValue: 2 }, enum: { allowedValues: [2] }, format: { format: 'date' },
      minItems: { limit: 3 }, minLength: { limit: 1 }, minimum: { comparison: '>=', limit: 5 }, oneOf: { passingSchemas: null },
      pattern: { pattern: '^x$' }, propertyNames: { propertyName: 'a' }, required: { missingProperty: 'c' }, type: { type: 'string' }, uniqueItems: { i: 1, j: 0 },
    };
    for (const keyword of keywords) {
      const error = { keyword, instancePath: '/a', schemaPath: `#/${keyword}`, params: PARAMS[keyword], message: 'must NOT have fewer than 1 items', data: [1, 1] } as ErrorObject;
      const [d] = schemaDiagnostics(parsed, [error], 'x.schema.json');
      expect(d.message, keyword).not.toMatch(/non conforme au schéma|must|have|items/);
    }
  });

  it('liste vide là où un élément est exigé : en français', () => {
    const J = 'norm/demo/V1/journal/JMN-2026-001.yaml';
    const f = fixtureCopy('journal/valid', []);
    try {
      const file = path.join(f.root, J);
      const text = readFileSync(file, 'utf8');
      const cut = text.slice(0, text.indexOf('operations:')) + 'operations: []\n';
      writeFileSync(file, cut);
      expect(loadRegistry(f.root).diagnostics.map(formatDiagnostic)).toEqual([
        `${J}:11:13: erreur \`operations\` doit contenir au moins 1 élément [schema]`,
      ]);
    } finally {
      f.cleanup();
    }
  });

  it('nom de nature d\'usage invalide : signalé sur la clé, en français', () => {
    expect(lines([{ file: B, from: '"01": O', to: '"1": O' }]).filter((l) => l.includes('[schema]'))[0]).toMatch(
      new RegExp(`^${B.replace(/\./g, '\\.')}:\\d+:\\d+: erreur Nom de propriété \`1\` invalide dans \`rubriques\\.\\d\\.usage\` \\[schema\\]$`),
    );
  });

  it('expression régulière : jamais le message anglais du moteur', () => {
    for (const src of ['(?<a>x)(?<a>y)', '\\p{Nope}', '(?', 'x{2,1}', '[z-a]', '\\u{110000}']) {
      const r = compileFullMatch(src);
      expect(r.ok, src).toBe(false);
      if (!r.ok) expect(r.error, src).not.toMatch(/[A-Z][a-z]+ [a-z]+|invalid\b|\bgroup\b|escape/);
    }
  });
});

describe('le registre réel n\'utilise ni ancre ni alias (ils sont refusés)', () => {
  it('aucun fichier de norm/ ne contient d\'ancre ou d\'alias YAML', () => {
    const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
    const files = walk(path.join(PROJECT_ROOT, 'norm')).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(1000);
    const withAlias = files.filter((f) => parseYaml(f, readFileSync(f, 'utf8')).diagnostics.some((d) => d.rule === 'yaml-alias'));
    expect(withAlias).toEqual([]);
  });
});
