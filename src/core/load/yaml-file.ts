import { createRequire } from 'node:module';
import type { Document, LineCounter, Node } from 'yaml';
import jsyaml from 'js-yaml';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.ts';

/**
 * The `yaml` package, loaded on first use: a clean registry never needs it (js-yaml parses, and
 * positions are computed only for diagnostics), and importing it costs ~60 ms per command.
 */
let yamlLib: typeof import('yaml') | undefined;
const require = createRequire(import.meta.url);
function yaml(): typeof import('yaml') {
  return (yamlLib ??= require('yaml') as typeof import('yaml'));
}

/** A parsed YAML file that can locate any path inside it. */
export interface ParsedYaml {
  file: string;
  /** The source text (kept so that positions can be computed on demand). */
  text: string;
  /**
   * The YAML document and its line counter. Parsed lazily and cached: a clean registry never
   * needs positions, and keeping thousands of documents alive costs more in GC than re-parsing
   * the few files that have diagnostics.
   */
  readonly doc: Document.Parsed;
  readonly lineCounter: LineCounter;
  /** Plain JS value, or undefined when the file has syntax errors. */
  value: unknown;
}

function lazyParsed(file: string, text: string, value: unknown, first?: { doc: Document.Parsed; lineCounter: LineCounter }): ParsedYaml {
  let cache = first;
  const get = () => {
    if (!cache) {
      const { LineCounter, parseDocument } = yaml();
      const lineCounter = new LineCounter();
      cache = { doc: parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false }), lineCounter };
    }
    return cache;
  };
  return {
    file,
    text,
    value,
    get doc() {
      return get().doc;
    },
    get lineCounter() {
      return get().lineCounter;
    },
  };
}

export type PathSegment = string | number;

const YAML_CODES: Record<string, { rule: string; message: (m: string) => string; hint?: string }> = {
  DUPLICATE_KEY: {
    rule: 'yaml-duplicate-key',
    message: () => 'Clé en double dans le même objet YAML',
    hint: 'supprimez ou renommez l\'une des deux clés : la seconde écraserait la première.',
  },
  BAD_INDENT: {
    rule: 'yaml-indentation',
    message: () => 'Indentation incorrecte',
    hint: 'alignez cette ligne sur les autres clés du même niveau (espaces, jamais de tabulations).',
  },
  TAB_AS_INDENT: {
    rule: 'yaml-indentation',
    message: () => 'Tabulation utilisée pour indenter',
    hint: 'YAML n\'accepte que des espaces pour l\'indentation.',
  },
  MISSING_CHAR: { rule: 'yaml-syntax', message: () => 'Caractère manquant' },
  MULTILINE_IMPLICIT_KEY: {
    rule: 'yaml-indentation',
    message: () => 'Clé implicite sur plusieurs lignes (souvent une indentation ou un « : » oublié)',
    hint: 'vérifiez l\'indentation et le « : » après chaque clé.',
  },
  BAD_SCALAR_START: {
    rule: 'yaml-syntax',
    message: () => 'Valeur mal formée',
    hint: 'mettez la valeur entre guillemets si elle commence par un caractère spécial (@, `, %, …).',
  },
  UNEXPECTED_TOKEN: { rule: 'yaml-syntax', message: () => 'Élément YAML inattendu' },
  BLOCK_AS_IMPLICIT_KEY: {
    rule: 'yaml-indentation',
    message: () => 'Indentation incorrecte : cette ligne n\'est alignée sur aucune clé de l\'objet',
    hint: 'alignez cette ligne sur les autres clés du même niveau (espaces, jamais de tabulations).',
  },
  MISSING_ANCHOR: { rule: 'yaml-syntax', message: () => 'Ancre YAML inconnue' },
};

/**
 * Parse YAML text, collecting syntax errors as diagnostics (never throws).
 *
 * Two parsers: js-yaml (YAML 1.2 core schema, duplicate keys rejected) is 5–20× faster and gives
 * the same values on the whole registry (checked by a test); the `yaml` package keeps positions
 * and precise error codes, so it is used only when js-yaml rejects a file, and lazily (via
 * `ParsedYaml.doc`) when a later check needs a position.
 */
export function parseYaml(file: string, text: string): { parsed: ParsedYaml; diagnostics: Diagnostic[] } {
  // Anchors and aliases are refused (see `refuseAliases`): text that may hold one goes to the
  // precise parser, which never expands them. The real registry has none.
  if (MAY_HOLD_ALIAS.test(text)) return parseYamlPrecise(file, text);
  let fastError: jsyaml.YAMLException | undefined;
  try {
    const value = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA, filename: file });
    return { parsed: lazyParsed(file, text, value), diagnostics: [] };
  } catch (err) {
    fastError = err as jsyaml.YAMLException;
  }
  const res = parseYamlPrecise(file, text);
  if (res.diagnostics.length === 0 && fastError) {
    // Only js-yaml objects (rare): report its reason at its position rather than accept the file.
    const mark = fastError.mark;
    res.diagnostics.push(
      diag('error', 'yaml-syntax', `Erreur de syntaxe YAML : ${fastError.reason}`, { file, line: (mark?.line ?? 0) + 1, column: (mark?.column ?? 0) + 1 }, 'corrigez la syntaxe YAML à cet endroit.'),
    );
    res.parsed.value = undefined;
  }
  return res;
}

/** The `yaml` package's parse, with positioned diagnostics. */
export function parseYamlPrecise(file: string, text: string): { parsed: ParsedYaml; diagnostics: Diagnostic[] } {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, keepSourceTokens: false });
  const diagnostics: Diagnostic[] = [];
  const seenPos = new Set<number>();
  for (const e of doc.errors) {
    // One problem often yields several parser errors at the same place: report the first.
    if (seenPos.has(e.pos[0])) continue;
    seenPos.add(e.pos[0]);
    const known = YAML_CODES[e.code];
    const pos = lineCounter.linePos(e.pos[0]);
    const firstLine = e.message.split('\n')[0];
    diagnostics.push(
      diag(
        'error',
        known?.rule ?? 'yaml-syntax',
        known ? known.message(firstLine) : `Erreur de syntaxe YAML (${e.code})`,
        { file, line: pos.line, column: pos.col },
        known?.hint ?? 'corrigez la syntaxe YAML à cet endroit.',
      ),
    );
  }
  let value: unknown;
  if (doc.errors.length === 0) {
    const alias = refuseAliases(file, text, doc, lineCounter);
    if (alias) diagnostics.push(alias);
    else value = doc.toJS({ maxAliasCount: 0 });
  }
  // Keep the document only when it has problems (positions will be needed right away).
  const parsed = lazyParsed(file, text, value, diagnostics.length ? { doc, lineCounter } : undefined);
  return { parsed, diagnostics };
}

/** A `&name` or `*name` at the start of a node (a cheap over-approximation: also matches inside quotes). */
const MAY_HOLD_ALIAS = /(?:^|[\s[{,])[&*][^\s,[\]{}]/m;

/**
 * The first anchor or alias of the document, as a diagnostic. The registry's files never use
 * them, and an alias is how a 14-line file expands into billions of values ("billion laughs"):
 * refusing them bounds the work on any input. The document itself is parsed without expanding.
 */
function refuseAliases(file: string, text: string, doc: Document.Parsed, lineCounter: LineCounter): Diagnostic | undefined {
  const { visit, isAlias } = yaml();
  let found: { offset: number; label: string; what: string } | undefined;
  visit(doc, (_key, node) => {
    if (isAlias(node)) {
      const offset = node.range?.[0] ?? 0;
      if (!found || offset < found.offset) found = { offset, label: `*${node.source}`, what: 'Alias YAML `*' + node.source + '` refusé' };
    } else if (node && typeof node === 'object' && 'anchor' in node && typeof node.anchor === 'string' && node.anchor) {
      const start = (node as Node).range?.[0] ?? 0;
      const offset = Math.max(0, text.lastIndexOf('&' + node.anchor, start));
      if (!found || offset < found.offset) found = { offset, label: `&${node.anchor}`, what: 'Ancre YAML `&' + node.anchor + '` refusée' };
    }
  });
  if (!found) return undefined;
  const pos = lineCounter.linePos(found.offset);
  return diag('error', 'yaml-alias', `${found.what} : les fichiers du registre n'utilisent ni ancre ni alias`, { file, line: pos.line, column: pos.col },
    `recopiez la valeur à chaque endroit où elle sert (et retirez \`${found.label}\`).`);
}

function nodeOffset(node: Node | null | undefined): number | undefined {
  return node && node.range ? node.range[0] : undefined;
}

/**
 * Position of the node at `path`. With `key`, the position of that key inside the map at `path`.
 * Falls back to the nearest existing ancestor.
 */
export function locate(p: ParsedYaml, path: readonly PathSegment[], key?: string): { line: number; column: number } {
  const { isMap, isPair, isScalar, isSeq } = yaml();
  let node: unknown = p.doc.contents;
  let offset = nodeOffset(node as Node) ?? 0;
  for (const seg of path) {
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === String(seg));
      if (pair) {
        next = pair.value;
        const o = nodeOffset(pair.value as Node) ?? nodeOffset(pair.key as Node);
        if (o !== undefined) offset = o;
      }
    } else if (isSeq(node) && typeof seg === 'number') {
      next = node.items[seg];
      const o = nodeOffset(next as Node);
      if (o !== undefined) offset = o;
    }
    if (next === undefined) break;
    node = next;
  }
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === key);
    const o = pair ? nodeOffset(pair.key as Node) : undefined;
    if (o !== undefined) offset = o;
  }
  const pos = p.lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/** Location helper bound to a file: `at(['rubriques', 3, 'datatype'])`. */
export function at(p: ParsedYaml, path: readonly PathSegment[], key?: string): { file: string; line: number; column: number } {
  return { file: p.file, ...locate(p, path, key) };
}

/**
 * Like `at`, but computes the position only when one of its fields is read: for references that
 * are stored for later and rarely reported (parsing a document for positions has a cost).
 */
export function lazyAt(p: ParsedYaml, path: readonly PathSegment[], key?: string): { file: string; line: number; column: number } {
  let pos: { line: number; column: number } | undefined;
  const get = () => (pos ??= locate(p, path, key));
  return {
    file: p.file,
    get line() {
      return get().line;
    },
    get column() {
      return get().column;
    },
  };
}
