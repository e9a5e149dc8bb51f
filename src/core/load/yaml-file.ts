import { createRequire } from 'node:module';
import type { Document, LineCounter, Node } from 'yaml';
import jsyaml from 'js-yaml';
import { diag, type Diagnostic, type ValidationRuleId } from '../diagnostics/diagnostic.ts';

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

/**
 * A file known by its value only, without its text (a resolved version read back into files by
 * the journal): it has no positions, `at` gives the start of the file.
 */
export function unparsed(file: string, value: unknown): ParsedYaml {
  return lazyParsed(file, '', value);
}

export type PathSegment = string | number;

type YamlErrorCode = import('yaml').ErrorCode;

interface YamlMessage {
  rule: ValidationRuleId;
  /** French message; `m` is the parser's English message, used only to choose the wording. */
  message: (m: string) => string;
  hint?: string | ((m: string) => string | undefined);
}

const INDENT_HINT = 'alignez cette ligne sur les autres clés du même niveau (espaces, jamais de tabulations).';
const FLOW_NAME = (m: string) => (/flow map/i.test(m) ? 'l\'objet entre accolades' : 'la liste entre crochets');
/** The parser's text for a `[` or `{` never closed (reported where it gave up). */
const FLOW_UNCLOSED = /end with a [\]}]/;
const flowUnclosed = (m: string) => (/\}$/.test(m) ? 'Accolade `{` ouverte ici et jamais fermée (`}` manquant)' : 'Crochet `[` ouvert ici et jamais fermé (`]` manquant)');
const FLOW_HINT = 'fermez la liste ou l\'objet sur sa ligne, ou écrivez ses éléments un par ligne sans crochets ; une valeur qui contient [ ou { se met entre guillemets.';

/**
 * Every error code of the `yaml` parser, in French (a test checks the list against the parser's
 * own `ErrorCode` type). The parser's English text never reaches the user.
 */
export const YAML_CODES: Record<YamlErrorCode, YamlMessage> = {
  ALIAS_PROPS: { rule: 'yaml-alias', message: () => 'Un alias YAML ne peut porter ni ancre ni étiquette', hint: 'les fichiers du registre n\'utilisent ni ancre ni alias : recopiez la valeur.' },
  BAD_ALIAS: { rule: 'yaml-alias', message: () => 'Ancre ou alias YAML vide ou ambigu', hint: 'les fichiers du registre n\'utilisent ni ancre ni alias : mettez la valeur entre guillemets si elle commence par & ou *.' },
  BAD_DIRECTIVE: { rule: 'yaml-syntax', message: () => 'Directive YAML (ligne commençant par %) invalide', hint: 'supprimez cette ligne : les fichiers du registre n\'ont pas de directive.' },
  BAD_DQ_ESCAPE: { rule: 'yaml-syntax', message: () => 'Séquence d\'échappement invalide dans une valeur entre guillemets doubles', hint: 'doublez la barre oblique inverse (\\\\) ou mettez la valeur entre guillemets simples.' },
  BAD_INDENT: {
    rule: 'yaml-indentation',
    message: (m) => (FLOW_UNCLOSED.test(m) ? flowUnclosed(m) : /same column/.test(m) ? 'Indentation incorrecte : les éléments d\'un même niveau commencent à la même colonne' : 'Indentation incorrecte'),
    hint: (m) => (FLOW_UNCLOSED.test(m) ? FLOW_HINT : INDENT_HINT),
  },
  BAD_PROP_ORDER: { rule: 'yaml-syntax', message: () => 'Ancre ou étiquette YAML mal placée', hint: 'mettez la valeur entre guillemets si elle commence par & ou !.' },
  BAD_SCALAR_START: { rule: 'yaml-syntax', message: () => 'Valeur mal formée', hint: 'mettez la valeur entre guillemets si elle commence par un caractère spécial (@, `, %, …).' },
  BLOCK_AS_IMPLICIT_KEY: { rule: 'yaml-indentation', message: () => 'Indentation incorrecte : cette ligne n\'est alignée sur aucune clé de l\'objet', hint: INDENT_HINT },
  BLOCK_IN_FLOW: { rule: 'yaml-syntax', message: () => 'Liste à tirets ou objet sur plusieurs lignes à l\'intérieur de crochets ou d\'accolades', hint: 'écrivez l\'élément sur une ligne ([a, b], { clé: valeur }) ou retirez les crochets.' },
  DUPLICATE_KEY: { rule: 'yaml-duplicate-key', message: () => 'Clé en double dans le même objet YAML', hint: 'supprimez ou renommez l\'une des deux clés : la seconde écraserait la première.' },
  IMPOSSIBLE: { rule: 'yaml-syntax', message: () => 'Structure YAML illisible à cet endroit', hint: 'vérifiez la ligne : texte en trop après un bloc ou un commentaire.' },
  KEY_OVER_1024_CHARS: { rule: 'yaml-syntax', message: () => 'Clé de plus de 1 024 caractères', hint: 'une clé tient sur une ligne courte ; vérifiez qu\'un « : » ne manque pas.' },
  MISSING_CHAR: {
    rule: 'yaml-syntax',
    message: (m) =>
      /closing ['"]?quote|closing "quote|closing 'quote/.test(m) ? 'Guillemet ouvert ici et jamais fermé'
      : FLOW_UNCLOSED.test(m) ? flowUnclosed(m)
      : /Missing , or :/.test(m) ? `Virgule ou « : » manquant entre les éléments de ${FLOW_NAME(m)}`
      : /Missing , between/.test(m) ? `Virgule manquante entre les éléments de ${FLOW_NAME(m)}`
      : /Missing space after :/.test(m) ? `Espace manquante après « : » dans ${FLOW_NAME(m)}`
      : /Implicit map keys need to be followed/.test(m) ? 'Clé sans « : » (ou ligne mal indentée)'
      : /Comments must be separated/.test(m) ? 'Un commentaire # doit être précédé d\'une espace'
      : /Sequence item without/.test(m) ? 'Ligne mal indentée dans une liste (ou tiret « - » manquant)'
      : /separated from the next token/.test(m) ? 'Espace manquante après une ancre ou une étiquette YAML'
      : /directives-end|doc-start/.test(m) ? 'Ligne `---` de début de document mal placée ou manquante'
      : 'Caractère manquant',
    hint: (m) =>
      /quote/.test(m) ? 'fermez le guillemet sur la même ligne (doublez une apostrophe dans une valeur entre guillemets simples : \'\').'
      : FLOW_UNCLOSED.test(m) ? FLOW_HINT
      : /Sequence item without/.test(m) ? INDENT_HINT
      : /Comments/.test(m) ? 'ajoutez une espace avant #, ou mettez la valeur entre guillemets si # en fait partie.'
      : /Implicit map keys/.test(m) ? 'ajoutez « : » après la clé, ou alignez la ligne sur les autres clés du même niveau.'
      : 'corrigez la syntaxe YAML à cet endroit.',
  },
  MULTILINE_IMPLICIT_KEY: { rule: 'yaml-indentation', message: () => 'Clé implicite sur plusieurs lignes (souvent une indentation ou un « : » oublié)', hint: 'vérifiez l\'indentation et le « : » après chaque clé.' },
  MULTIPLE_ANCHORS: { rule: 'yaml-alias', message: () => 'Plusieurs ancres YAML sur une même valeur', hint: 'les fichiers du registre n\'utilisent ni ancre ni alias.' },
  MULTIPLE_DOCS: { rule: 'yaml-syntax', message: () => 'Plusieurs documents YAML dans un même fichier (ligne `---` ou `...`)', hint: 'un fichier du registre contient un seul document : retirez la ligne `---` ou `...` et ce qui la suit, ou déplacez-le dans un autre fichier.' },
  MULTIPLE_TAGS: { rule: 'yaml-syntax', message: () => 'Plusieurs étiquettes YAML (!…) sur une même valeur', hint: 'retirez les étiquettes ; mettez la valeur entre guillemets si elle commence par !.' },
  NON_STRING_KEY: { rule: 'yaml-syntax', message: () => 'Clé qui n\'est pas un texte (liste ou objet utilisé comme clé)', hint: 'une clé est un simple mot suivi de « : ».' },
  RESOURCE_EXHAUSTION: { rule: 'yaml-too-deep', message: () => 'Imbrication YAML trop profonde : analyse interrompue', hint: 'les fichiers du registre ont quelques niveaux d\'imbrication ; vérifiez les crochets et l\'indentation.' },
  TAB_AS_INDENT: { rule: 'yaml-indentation', message: () => 'Tabulation utilisée pour indenter', hint: 'YAML n\'accepte que des espaces pour l\'indentation.' },
  TAG_RESOLVE_FAILED: { rule: 'yaml-syntax', message: () => 'Étiquette YAML (!…) inconnue', hint: 'retirez l\'étiquette, ou mettez la valeur entre guillemets si elle commence par !.' },
  UNEXPECTED_TOKEN: {
    rule: 'yaml-syntax',
    message: (m) => (/Unexpected , in/.test(m) ? 'Virgule inattendue' : /empty item/.test(m) ? 'Élément vide dans une liste ou un objet entre crochets' : /Block scalar header/.test(m) ? 'Caractères en trop après | ou >' : 'Élément YAML inattendu'),
    hint: 'corrigez la syntaxe YAML à cet endroit (une valeur qui contient « : », « # », « , » ou des crochets se met entre guillemets).',
  },
  BAD_COLLECTION_TYPE: { rule: 'yaml-syntax', message: () => 'Étiquette YAML incompatible avec la valeur', hint: 'retirez l\'étiquette (!…).' },
};

/** A position kept inside the text: line ≤ its last line, column ≤ that line's length + 1 (lines end at `\n`, like the parser's line counter). */
export function clampPosition(text: string, line: number, column: number): { line: number; column: number } {
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  let l = Math.max(1, Math.min(line, lines.length));
  let c = Math.max(1, column);
  // A position at the very end (after the last newline) goes to the end of the last non-empty line.
  if (line > lines.length) {
    while (l > 1 && lines[l - 1].trim() === '') l--;
    c = lines[l - 1].length + 1;
  }
  return { line: l, column: Math.min(c, lines[l - 1].length + 1) };
}

/** Line and column (1-based, clamped inside the text) of an offset. */
function positionAt(text: string, lineCounter: LineCounter, offset: number): { line: number; column: number } {
  const pos = lineCounter.linePos(Math.max(0, Math.min(offset, text.length)));
  return clampPosition(text, pos.line, pos.col);
}

/**
 * Where the cause of an error is, when the parser reports it further on: the opening `[`/`{` of
 * an unclosed flow collection, the opening quote of an unclosed string (the parser points at the
 * place where it gave up, often the end of the file). Found in the concrete syntax tree.
 */
function causeOffset(text: string, code: YamlErrorCode, message: string, offset: number): number {
  const wantFlow = FLOW_UNCLOSED.test(message);
  const wantQuote = code === 'MISSING_CHAR' && /quote/.test(message);
  if (!wantFlow && !wantQuote) return offset;
  let best = -1;
  const visit = (tok: unknown, depth: number): void => {
    if (!tok || typeof tok !== 'object' || depth > 200) return;
    if (Array.isArray(tok)) {
      for (const t of tok) visit(t, depth + 1);
      return;
    }
    const t = tok as { type?: string; offset?: number; start?: { offset: number; source: string }; end?: Array<{ source: string }>; source?: string };
    if (wantFlow && t.type === 'flow-collection' && t.start && t.start.offset <= offset) {
      const close = t.start.source === '[' ? ']' : '}';
      if (t.end?.[0]?.source !== close && t.start.offset > best) best = t.start.offset;
    }
    if (wantQuote && (t.type === 'double-quoted-scalar' || t.type === 'single-quoted-scalar') && typeof t.offset === 'number' && t.offset <= offset && t.offset > best) best = t.offset;
    for (const [k, v] of Object.entries(t)) if (k !== 'source' && v && typeof v === 'object') visit(v, depth + 1);
  };
  try {
    const { Parser } = yaml();
    for (const tok of new Parser().parse(text)) visit(tok, 0);
  } catch {
    return offset;
  }
  return best >= 0 ? best : offset;
}

/** A C0/C1 control character (other than tab and line breaks) or a non-character: YAML refuses them. (Lone surrogates cannot come out of strict UTF-8 decoding.) */
const NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]/;

function controlCharacter(file: string, text: string): Diagnostic | undefined {
  const m = NON_PRINTABLE.exec(text);
  if (!m) return undefined;
  const before = text.slice(0, m.index);
  const line = before.split('\n').length;
  const column = m.index - (before.lastIndexOf('\n') + 1) + 1;
  const code = m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return diag('error', 'control-character', `Caractère de contrôle U+${code} interdit dans un fichier YAML`, { file, line, column }, 'supprimez ce caractère invisible (souvent collé depuis un autre logiciel).');
}

/** Most `[` / `{` (or compact `- `) open at once (the registry's files nest one or two). */
export const MAX_FLOW_DEPTH = 64;

const COMPACT = new RegExp(`[ ]*(?:[-?:][ ]+){${MAX_FLOW_DEPTH}}`, 'y');

/**
 * Brackets (or compact `- - -` items) nested deeper than `MAX_FLOW_DEPTH`, found by a linear scan before parsing: both
 * parsers recurse on nesting, and a 2 MB file of `[` costs them seconds before they give up.
 * Brackets in comments are skipped; in quotes they count (an over-estimate no real file reaches).
 */
function tooDeep(file: string, text: string): Diagnostic | undefined {
  let depth = 0;
  let comment = false;
  const report = (i: number) => {
    const before = text.slice(0, i);
    return diag('error', 'yaml-too-deep', `Imbrication YAML trop profonde : plus de ${MAX_FLOW_DEPTH} niveaux ouverts à la fois (crochets, accolades ou tirets)`, { file, line: before.split('\n').length, column: i - before.lastIndexOf('\n') },
      'les fichiers du registre ont quelques niveaux d\'imbrication ; vérifiez les crochets et les tirets.');
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (i === 0 || text.charCodeAt(i - 1) === 10) {
      // Compact nesting on one line: `- - - x`, `? ? x`.
      COMPACT.lastIndex = i;
      const m = COMPACT.exec(text);
      if (m) return report(i + m[0].length);
    }
    if (c === 10) comment = false;
    else if (comment) continue;
    else if (c === 35 /* # */ && (i === 0 || text.charCodeAt(i - 1) <= 32)) comment = true;
    else if (c === 91 || c === 123) {
      if (++depth > MAX_FLOW_DEPTH) return report(i);
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return undefined;
}

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
  const mayHoldAlias = MAY_HOLD_ALIAS.test(text);
  let fastError: jsyaml.YAMLException | undefined;
  if (!mayHoldAlias) {
    try {
      const value = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA, filename: file });
      return { parsed: lazyParsed(file, text, value), diagnostics: [] };
    } catch (err) {
      fastError = err as jsyaml.YAMLException;
    }
  }
  // Checked only when js-yaml (which refuses control characters itself, and stops at 100 levels)
  // did not accept the file: a control character gets its own message, and the precise parser,
  // which recurses without a depth limit, gets bounded input.
  const early = controlCharacter(file, text) ?? tooDeep(file, text);
  if (early) return { parsed: lazyParsed(file, text, undefined), diagnostics: [early] };
  const res = parseYamlPrecise(file, text);
  if (mayHoldAlias) return res;
  if (res.diagnostics.length === 0) {
    // js-yaml alone refuses the file (rare): the `yaml` parser's warning says why, else a generic message at js-yaml's position.
    const warning = res.parsed.doc.warnings[0];
    if (warning) res.diagnostics.push(yamlDiagnostic(file, text, res.parsed.lineCounter, warning));
    else {
      const mark = fastError?.mark;
      const pos = clampPosition(text, (mark?.line ?? 0) + 1, (mark?.column ?? 0) + 1);
      res.diagnostics.push(diag('error', 'yaml-syntax', 'Construction YAML non prise en charge par le registre', { file, ...pos }, 'écrivez une valeur simple, une liste ou un objet ; mettez entre guillemets une valeur qui commence par un caractère spécial.'));
    }
    res.parsed.value = undefined;
  }
  return res;
}

function yamlDiagnostic(file: string, text: string, lineCounter: LineCounter, e: import('yaml').YAMLError): Diagnostic {
  const known = YAML_CODES[e.code] ?? YAML_CODES.UNEXPECTED_TOKEN;
  let offset = causeOffset(text, e.code, e.message, e.pos[0]);
  // An indentation problem reported at the start of a line: point at its first character.
  if (offset === e.pos[0] && (offset === 0 || text[offset - 1] === '\n')) while (text[offset] === ' ') offset++;
  const pos = positionAt(text, lineCounter, offset);
  const hint = typeof known.hint === 'function' ? known.hint(e.message) : known.hint;
  const rule = FLOW_UNCLOSED.test(e.message) ? 'yaml-syntax' : /Sequence item without/.test(e.message) ? 'yaml-indentation' : known.rule;
  return diag('error', rule, known.message(e.message), { file, ...pos }, hint ?? 'corrigez la syntaxe YAML à cet endroit.');
}

/** The `yaml` package's parse, with positioned diagnostics. */
export function parseYamlPrecise(file: string, text: string): { parsed: ParsedYaml; diagnostics: Diagnostic[] } {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, keepSourceTokens: false });
  const diagnostics: Diagnostic[] = [];
  // After the first syntax error the parser's further errors are mostly its consequences: report
  // the first one, and every duplicate key (each is a problem of its own).
  const errors = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0]);
  const first = errors.find((e) => e.code !== 'DUPLICATE_KEY');
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.code !== 'DUPLICATE_KEY' && e !== first) continue;
    const d = yamlDiagnostic(file, text, lineCounter, e);
    const k = `${d.line}:${d.column}:${d.rule}`;
    if (seen.has(k)) continue;
    seen.add(k);
    diagnostics.push(d);
  }
  let value: unknown;
  if (doc.errors.length === 0) {
    const alias = refuseAliases(file, text, doc, lineCounter);
    if (alias) diagnostics.push(alias);
    else {
      try {
        value = doc.toJS({ maxAliasCount: 0 });
      } catch {
        // Only a stack overflow on absurdly deep nesting gets here.
        diagnostics.push(diag('error', YAML_CODES.RESOURCE_EXHAUSTION.rule, YAML_CODES.RESOURCE_EXHAUSTION.message(''), { file, line: 1, column: 1 }, YAML_CODES.RESOURCE_EXHAUSTION.hint as string));
      }
    }
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
  return diag('error', 'yaml-alias', `${found.what} : les fichiers du registre n'utilisent ni ancre ni alias`, { file, ...positionAt(text, lineCounter, found.offset) },
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
  return positionAt(p.text, p.lineCounter, offset);
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
