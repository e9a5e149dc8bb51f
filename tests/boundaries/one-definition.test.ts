/**
 * One definition per fact: the id grammar, month arithmetic, HTML escaping… are defined once in
 * the core and imported everywhere (CLI, site, browser scripts). These tests read the sources
 * and fail when a second definition appears; the JSON schemas, which cannot import, are checked
 * to agree with the core's definition.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { BLOCK_ID, CONTROL_FAMILIES, CONTROL_ID, ELEMENT_ID_SOURCE, RUBRIQUE_ID } from '../../src/core/model/ids.ts';
import { DATATYPE_NATURES, USAGE_CODES } from '../../src/core/model/vocabulary.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const rel = (abs: string) => path.relative(ROOT, abs);

/** Source files of the project (code only: comments removed), generated files left out. */
function sources(): { file: string; code: string }[] {
  return ['src', 'scripts', 'bin']
    .flatMap((dir) => readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && /\.(ts|mjs|js|astro)$/.test(e.name) && !/\.generated\./.test(e.name)).map((e) => path.join(e.parentPath, e.name)))
    .map((f) => ({ file: rel(f), code: readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '') }));
}

/** Files (but `allowed`) whose code matches `re`, with the first match. */
function offenders(re: RegExp, allowed: string[]): string[] {
  return sources()
    .filter((s) => !allowed.includes(s.file))
    .flatMap((s) => {
      const m = re.exec(s.code);
      return m ? [`${s.file}: ${m[0]}`] : [];
    });
}

describe('une définition par fait', () => {
  test("la grammaire des identifiants n'est écrite que dans src/core/model/ids.ts", () => {
    // `G\d{2}`, `G[0-9]{2}` (group of an id), `\d{2}\.\d{3}` (block and rubrique numbers), the list of control families.
    const shape = /G\\d\{2\}|G\[0-9\]\{2\}|\\d\{2\}\\\\?\.\\d\{3\}|CCH\|SIG|'CCH', 'SIG'/i;
    expect(offenders(shape, ['src/core/model/ids.ts'])).toEqual([]);
    // The guard sees what it must: the ids module itself matches.
    expect(shape.test(readFileSync(path.join(ROOT, 'src/core/model/ids.ts'), 'utf8'))).toBe(true);
  });

  test("l'échappement HTML n'est défini que dans src/core/text/html.ts", () => {
    // A table or a chain of `.replace` writing `&amp;`, or a function named like an escaper.
    const escaper = /&amp;|function\s+(esc|escHtml|escapeHtml|xmlEsc)\s*\(|(const|let)\s+(esc|escHtml|escapeHtml|xmlEsc)\s*=\s*\(/;
    expect(offenders(escaper, ['src/core/text/html.ts'])).toEqual([]);
    expect(escaper.test(readFileSync(path.join(ROOT, 'src/core/text/html.ts'), 'utf8'))).toBe(true);
  });

  test("les mois (lecture, calcul, noms) ne sont définis que dans src/core/month.ts", () => {
    const months = /'janvier', 'février'|'janv\.', 'févr\.'|function\s+(nextMonth|prevMonth|parseMonth|monthOf|monthIndex|monthAsDeclared)\b|const\s+(nextMonth|prevMonth|monthIndex)\s*=|DateTimeFormat\([^)]*month/;
    expect(offenders(months, ['src/core/month.ts'])).toEqual([]);
    expect(months.test(readFileSync(path.join(ROOT, 'src/core/month.ts'), 'utf8'))).toBe(true);
  });

  test("libellés des statuts, règle du pluriel et badges de gravité n'ont qu'une définition", () => {
    expect(offenders(/'en projet'|\? 'publiée'/, ['src/core/text/labels.ts'])).toEqual([]);
    expect(offenders(/> 1 \? many : one/, ['src/core/text/labels.ts'])).toEqual([]);
    expect(offenders(/'🔴'/, ['src/core/diff/catalogue.ts'])).toEqual([]);
    expect(offenders(/=== 'bloquant' \? 'b'/, [])).toEqual([]);
  });

  test("la version déclarée d'un fichier et « pas un fichier DSN » : une règle pour la CLI, la bibliothèque et le navigateur", () => {
    expect(offenders(/aucune version de norme déclarée|aucune ligne de la forme|sniffDeclaredVersion\(/, ['src/core/check/version.ts'])).toEqual([]);
  });

  test("la mention d'une fiche d'exemple n'est écrite que dans src/core/text/labels.ts", () => {
    const phrase = /ne constitue pas une consigne officielle/;
    expect(offenders(phrase, ['src/core/text/labels.ts', 'src/core/model/schema-types.ts'])).toEqual([]);
    expect(phrase.test(readFileSync(path.join(ROOT, 'src/core/text/labels.ts'), 'utf8'))).toBe(true);
  });

  test('le site ne redéclare pas les types du cœur et ne force pas de type (`as unknown as`) pour les atteindre', () => {
    const shadow = /^(export )?(interface|type) (Change|DiffResult|Severity|SeverityInfo|Finding|CheckReport|Diagnostic|ResolvedVersion|Datatype|Rubrique|Block|Version)\b/m;
    const files = sources().filter((s) => /^src\/(site|cli|pages)\//.test(s.file));
    expect(files.flatMap((s) => (shadow.test(s.code) ? [`${s.file}: ${shadow.exec(s.code)![0]}`] : []))).toEqual([]);
    expect(files.filter((s) => /\.core as unknown as/.test(s.code)).map((s) => s.file)).toEqual([]);
  });

  test('les schémas JSON du registre ont la même grammaire des identifiants que le cœur', () => {
    const schema = (name: string) => JSON.parse(readFileSync(path.join(ROOT, 'src/core/schemas', name), 'utf8'));
    const block = schema('block.schema.json');
    const journal = schema('journal-entry.schema.json');
    const patterns: [string, string, RegExp][] = [
      ['block.schema.json id', block.properties.id.pattern, BLOCK_ID],
      ['block.schema.json rubrique', block.definitions.rubrique.properties.id.pattern, RUBRIQUE_ID],
      ['block.schema.json contrôle', block.definitions.control.properties.id.pattern, CONTROL_ID],
      ['journal-entry.schema.json rubrique', journal.definitions.rubrique.properties.id.pattern, RUBRIQUE_ID],
      ['journal-entry.schema.json contrôle', journal.definitions.control.properties.id.pattern, CONTROL_ID],
    ];
    const samples = ['S21.G00.40', 'S21.G00.40.007', 'S21.G00.40.007/CCH-11', 'S21.G00.40.007/CSL-101', 'S21.G00.40.007/XYZ-11', 'S21.G00.40.007/CCH-1',
      'S21.G00.40.007/CCH11', 's21.g00.40.007', 'S21.G00.4', 'S21.G00.40.07', 'S21.G00.40.0071', 'S21.G00.40.007 ', 'P21.G00.40.007', 'DSN_NatureContrat'];
    for (const [where, p, re] of patterns) {
      const disagree = samples.filter((s) => new RegExp(p).test(s) !== re.test(s));
      expect(disagree, where).toEqual([]);
    }
    expect(block.definitions.control.properties.family.enum).toEqual([...CONTROL_FAMILIES]);
    expect(block.definitions.usageCode.enum).toEqual([...USAGE_CODES]);
    expect(schema('datatype.schema.json').properties.nature.enum).toEqual([...DATATYPE_NATURES]);
    // The lexicon of the search names blocks and rubriques.
    const lexicon = JSON.parse(readFileSync(path.join(ROOT, 'src/site/search/lexique.schema.json'), 'utf8'));
    const lexiconId: string = lexicon.properties.entrees.items.properties.elements.items.pattern;
    const element = new RegExp(`^${ELEMENT_ID_SOURCE}$`);
    expect(samples.filter((s) => new RegExp(lexiconId).test(s) !== element.test(s)), 'lexique.schema.json').toEqual([]);
    expect(journal.definitions.control.properties.family.enum).toEqual([...CONTROL_FAMILIES]);
  });
});
