/**
 * The French lexicon of the domain (src/site/search/lexique.yaml, schema lexique.schema.json):
 * sigles and synonyms of the declarants' wording, applied at index time. A record whose own
 * texts (name, technical name, code-list values, fiche title and keywords) hold a form of an
 * entry, or that the entry names in `elements`, gets every form of the entry as weighted
 * search words (meta `lexique`, RANKING in ui.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { formatDiagnostic, parseYaml } from '../../core/index.ts';
import { schemaDiagnostics } from '../../core/load/schemas.ts';
import { fold, isSigle, sigleRegExp, unaccent } from './words.ts';

export interface LexiconEntry {
  terme: string;
  sens: string;
  formes?: string[];
  elements?: string[];
  source: string;
}

export interface Lexicon {
  entries: LexiconEntry[];
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const LEXICON_FILE = path.join(here, 'lexique.yaml');
export const LEXICON_SCHEMA = path.join(here, 'lexique.schema.json');

/** The lexicon, checked against its schema; throws with positioned French diagnostics. */
export function loadLexicon(file = LEXICON_FILE): Lexicon {
  const { parsed, diagnostics } = parseYaml(file, readFileSync(file, 'utf8'));
  const ds = [...diagnostics];
  if (!ds.length) {
    const validate = new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(LEXICON_SCHEMA, 'utf8')));
    if (!validate(parsed.value)) ds.push(...schemaDiagnostics(parsed, validate.errors ?? [], 'lexique.schema.json'));
  }
  if (ds.length) throw new Error(`lexique de la recherche invalide :\n${ds.map(formatDiagnostic).join('\n')}`);
  return { entries: (parsed.value as { entrees: LexiconEntry[] }).entrees };
}

/** Every written form of an entry: the term, its meaning, its other forms. */
export const formsOf = (e: LexiconEntry) => [e.terme, e.sens, ...(e.formes ?? [])];

interface CompiledEntry {
  entry: LexiconEntry;
  phrases: string[];
  sigles: RegExp[];
}
const compiled = new WeakMap<Lexicon, CompiledEntry[]>();

function compile(lex: Lexicon): CompiledEntry[] {
  let c = compiled.get(lex);
  if (!c) {
    c = lex.entries.map((entry) => ({
      entry,
      phrases: formsOf(entry).filter((f) => !isSigle(f)).map(fold),
      sigles: formsOf(entry).filter(isSigle).map(sigleRegExp),
    }));
    compiled.set(lex, c);
  }
  return c;
}

/** The lexicon entries a record matches, from its own texts and its id. */
export function matchingEntries(lex: Lexicon, texts: string[], id?: string): LexiconEntry[] {
  // One string for all the texts: `|` keeps a phrase from running across two of them.
  const folded = ` ${texts.map(fold).join(' | ')} `;
  const raw = texts.map(unaccent).join('\n');
  return compile(lex)
    .filter((c) => (id !== undefined && c.entry.elements?.includes(id)) || c.phrases.some((p) => p && folded.includes(` ${p} `)) || c.sigles.some((r) => r.test(raw)))
    .map((c) => c.entry);
}

/** What a record gets from the lexicon: its search words, and the entries that designate it. */
export interface LexiconMatch {
  /** Forms of the matching entries: entries separated by ` | `, forms by ` ; ` (meta `lexique`). */
  words: string;
  /**
   * Terms of the entries that designate the record (meta `designe`): the entry names it in
   * `elements`, or the record's name holds the meaning of a sigle (`NIR` → « Numéro
   * d'inscription au répertoire »). A query that is such a term (or holds one of its forms)
   * puts the record first (ui.ts).
   */
  designates: string[];
}

/** The lexicon's words for a record: `texts[0]` is its name, the others its other texts. */
export function lexiconMatch(lex: Lexicon, texts: string[], id?: string): LexiconMatch {
  const entries = matchingEntries(lex, texts, id);
  const name = ` ${fold(texts[0] ?? '')} `;
  return {
    words: entries.map((e) => formsOf(e).join(' ; ')).join(' | '),
    designates: entries.filter((e) => (id !== undefined && e.elements?.includes(id)) || (isSigle(e.terme) && name.includes(` ${fold(e.sens)} `))).map((e) => e.terme),
  };
}
