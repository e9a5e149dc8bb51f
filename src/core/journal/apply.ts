/**
 * Maintenance journal (JMN): structured operations amending a published version.
 * The journal stage runs after resolve: it applies the entries in order (edition, date, id) to
 * the **raw** data of the version — its block and datatype files as the load stage read them —,
 * then the amended files take the same path as files read from disk: the schema of their kind
 * (`load/schemas.ts`), the resolve stage (`resolveVersion`) and the validate stage
 * (`validateVersion`). An operation only checks what is its own: its target exists (or does not
 * yet, for an addition), its stated previous value matches, its field can be set on its element.
 * Whatever the amended version breaks fails the entry: a schema violation (`patch-invalid-value`)
 * or an error of the validate stage that the version did not have before (its own rule id).
 * A failure is a diagnostic at its position in the entry, and the entry is then not applied at
 * all (entries are atomic).
 */
import { diag, didYouMean, type Diagnostic, type ValidationRuleId } from '../diagnostics/diagnostic.ts';
import type { Block, Datatype, JournalEntry, JournalOperation, JournalRecord, Registry, ResolvedVersion } from '../model/types.ts';
import { at, unparsed, type PathSegment } from '../load/yaml-file.ts';
import type { RawFile, RawRegistry, RawVersion } from '../load/registry.ts';
import type { ErrorObject } from 'ajv';
import { getValidator, schemaDiagnostics } from '../load/schemas.ts';
import { resolveVersion, type VersionSource } from '../resolve/registry.ts';
import { blockOf, controlTarget } from '../validate/invariants.ts';
import { validateVersion } from '../validate/cross.ts';
import { collapseSpaces } from '../text/spaces.ts';

const FIELDS: Record<string, RegExp> = {
  block: /^(name|description|parent|cardinality\.min|cardinality\.max)$/,
  rubrique: /^(name|description|technicalName|datatype|usage\.[0-9]{2})$/,
  datatype: /^(name|description|nature|regexp|minLength|maxLength|referential)$/,
  control: /^(rule|message)$/,
};

/** Required properties of each operation (beyond `op`). */
const REQUIRED: Record<JournalOperation['op'], Array<keyof JournalOperation>> = {
  set: ['element', 'id', 'field', 'to'],
  'add-code': ['datatype', 'code', 'label'],
  'remove-code': ['datatype', 'code'],
  'relabel-code': ['datatype', 'code', 'to'],
  'add-control': ['control'],
  'remove-control': ['id'],
  'add-rubrique': ['rubrique'],
  'remove-rubrique': ['id'],
};

const same = (a: unknown, b: unknown) => {
  const n = (x: unknown) => (x === undefined || x === null ? null : typeof x === 'string' ? collapseSpaces(x) : String(x));
  return n(a) === n(b);
};

const show = (x: unknown) => (x === undefined || x === null ? '(absente)' : `\`${String(x)}\``);

export interface OperationFailure {
  /** Path inside the entry file, e.g. `['operations', 2, 'from']`. */
  path: PathSegment[];
  rule: ValidationRuleId;
  message: string;
  hint?: string;
}

/**
 * The element files of a version being amended: each file is copied the first time an
 * operation writes it (the files it was given are never changed), and `version` is their
 * resolved form — what the operations look their targets up in. It is resolved again only when
 * it is out of date: a file was copied, or an operation changed ids, positions or the tree
 * (writing a field of a file already copied changes the very objects `version` holds).
 */
export class Draft {
  readonly source: VersionSource;
  readonly blocks: RawFile<Block>[];
  readonly datatypes: RawFile<Datatype>[];
  /** Written files (index in `blocks` / `datatypes`) → the operations that wrote them. */
  readonly written = { blocks: new Map<number, number[]>(), datatypes: new Map<number, number[]>() };
  private resolved: ResolvedVersion;
  private stale = false;

  /**
   * `version` is the resolved form of `source` when the caller has it. `copyAll` copies every
   * file at once (one resolve, instead of one per file written: for replaying many entries).
   */
  constructor(source: VersionSource, version?: ResolvedVersion, opts: { copyAll?: boolean } = {}) {
    this.source = source;
    const copy = <T>(files: RawFile<T>[], written: Map<number, number[]>) =>
      files.map((f, i) => (written.set(i, []), { value: structuredClone(f.value), parsed: f.parsed }));
    this.blocks = opts.copyAll ? copy(source.blocks, this.written.blocks) : [...source.blocks];
    this.datatypes = opts.copyAll ? copy(source.datatypes, this.written.datatypes) : [...source.datatypes];
    this.resolved = version && !opts.copyAll ? version : resolveVersion(this.files()).version;
  }

  /** The resolved form of the files as they are now. */
  get version(): ResolvedVersion {
    if (this.stale) {
      this.resolved = resolveVersion(this.files()).version;
      this.stale = false;
    }
    return this.resolved;
  }

  /** The amended files, as the resolve stage reads them. */
  files(): VersionSource {
    return { ...this.source, blocks: this.blocks, datatypes: this.datatypes };
  }

  /** The file of resolved block `id`, copied for operation `op` to write. */
  block(id: string, op: number): Block {
    return this.writable(this.blocks, this.written.blocks, this.version.blocks.get(id)!, op);
  }

  /** The file of resolved datatype `id`, copied for operation `op` to write. */
  datatype(id: string, op: number): Datatype {
    return this.writable(this.datatypes, this.written.datatypes, this.version.datatypes.get(id)!, op);
  }

  /** An operation added or removed an element, or moved a block in the tree. */
  restructured(): void {
    this.stale = true;
  }

  private writable<T>(files: RawFile<T>[], written: Map<number, number[]>, value: T, op: number): T {
    const i = files.findIndex((f) => f.value === value);
    if (!written.has(i)) {
      files[i] = { value: structuredClone(value), parsed: files[i].parsed };
      written.set(i, []);
      this.stale = true;
    }
    written.get(i)!.push(op);
    return files[i].value;
  }
}

/** Set `key` of `target` to `to`, or remove it when `to` is null. */
function put(target: object, key: string, to: unknown): void {
  const t = target as Record<string, unknown>;
  if (to === null) delete t[key];
  else t[key] = to;
}

/**
 * Apply operation `i` of an entry to the files of `d`. Returns a failure when the operation does
 * not fit the version (missing target, existing addition, wrong previous value, field that its
 * element does not have); then it has written nothing.
 */
export function applyOperation(d: Draft, op: JournalOperation, i: number): OperationFailure | undefined {
  const v = d.version;
  const P = (...rest: PathSegment[]): PathSegment[] => ['operations', i, ...rest];
  const fail = (rule: ValidationRuleId, path: PathSegment[], message: string, hint?: string): OperationFailure => ({ rule, path, message, hint });
  const missing = REQUIRED[op.op].filter((k) => op[k] === undefined);
  if (missing.length) {
    return fail('journal-operation-incomplete', P(), `Opération \`${op.op}\` incomplète : ${missing.map((m) => `\`${m}\``).join(', ')} manquant(s)`, `une opération \`${op.op}\` demande : ${REQUIRED[op.op].join(', ')}.`);
  }
  const targetMissing = (what: string, id: string, candidates: Iterable<string>, path: PathSegment[]) => {
    const dym = didYouMean(id, candidates);
    return fail('patch-target-missing', path, `${what} \`${id}\` introuvable dans ${v.key}${dym ? ` ; ${dym}` : ''}`, 'l\'opération vise un élément absent de la version à cette édition.');
  };
  const mismatch = (path: PathSegment[], what: string, stated: unknown, actual: unknown) =>
    fail('patch-previous-mismatch', path, `Valeur précédente annoncée ${show(stated)} pour ${what}, mais la version contient ${show(actual)}`, 'corrigez `from` (ou l\'ordre des entrées) : l\'entrée doit partir de l\'état réel de la norme.');
  const checkFrom = (what: string, prev: unknown, stated: unknown = op.from, path = P('from')) =>
    stated !== undefined && !same(stated, prev) ? mismatch(path, what, stated, prev) : undefined;

  switch (op.op) {
    case 'set': {
      const { element: el, field, id, to } = op as Required<Pick<JournalOperation, 'element' | 'field' | 'id' | 'to'>>;
      if (!FIELDS[el].test(field)) {
        return fail('journal-unknown-field', P('field'), `Attribut \`${field}\` non modifiable pour un élément \`${el}\``, `attributs possibles : ${FIELDS[el].source.replace(/[\^$()\\]/g, '').replace(/\[0-9\]\{2\}/, 'NN').split('|').join(', ')}.`);
      }
      if (el === 'block') {
        const b = v.blocks.get(id);
        if (!b) return targetMissing('Bloc', id, v.blocks.keys(), P('id'));
        const card = field.startsWith('cardinality.') ? field.slice('cardinality.'.length) : undefined;
        const prev = card ? (b.cardinality as unknown as Record<string, unknown>)[card] : (b as unknown as Record<string, unknown>)[field];
        const f = checkFrom(`\`${field}\` du bloc \`${id}\``, prev);
        if (f) return f;
        const w = d.block(id, i);
        if (card) put(w.cardinality, card, to);
        else put(w, field, to);
        if (field === 'parent') d.restructured();
      } else if (el === 'rubrique') {
        const e = v.rubriques.get(id);
        if (!e) return targetMissing('Rubrique', id, v.rubriques.keys(), P('id'));
        const nature = field.startsWith('usage.') ? field.slice('usage.'.length) : undefined;
        const prev = nature ? e.rubrique.usage?.[nature] : (e.rubrique as unknown as Record<string, unknown>)[field];
        const f = checkFrom(`\`${field}\` de la rubrique \`${id}\``, prev);
        if (f) return f;
        const w = d.block(e.block.id, i).rubriques[e.index];
        if (nature) put((w.usage ??= {}), nature, to);
        else put(w, field, to);
      } else if (el === 'datatype') {
        const t = v.datatypes.get(id);
        if (!t) return targetMissing('Type de données', id, v.datatypes.keys(), P('id'));
        const f = checkFrom(`\`${field}\` du type \`${id}\``, (t as unknown as Record<string, unknown>)[field]);
        if (f) return f;
        put(d.datatype(id, i), field, to);
      } else {
        const c = v.controls.get(id);
        if (!c) return targetMissing('Contrôle', id, v.controls.keys(), P('id'));
        const f = checkFrom(`\`${field}\` du contrôle \`${id}\``, (c.control as unknown as Record<string, unknown>)[field]);
        if (f) return f;
        const j = c.rubrique.controls!.indexOf(c.control);
        put(d.block(c.block.id, i).rubriques[v.rubriques.get(c.rubrique.id)!.index].controls![j], field, to);
      }
      return undefined;
    }
    case 'add-code':
    case 'remove-code':
    case 'relabel-code': {
      const t = v.datatypes.get(op.datatype!);
      if (!t) return targetMissing('Type de données', op.datatype!, v.datatypes.keys(), P('datatype'));
      const idx = (t.values ?? []).findIndex((x) => x.code === op.code);
      if (op.op === 'add-code') {
        if (idx >= 0) return fail('patch-target-exists', P('code'), `Le code \`${op.code}\` existe déjà dans \`${t.id}\` (« ${t.values![idx].label} »)`, 'pour changer son libellé, utilisez `relabel-code`.');
        (d.datatype(t.id, i).values ??= []).push({ code: op.code!, label: op.label! });
        return undefined;
      }
      if (idx < 0) return targetMissing(`Code \`${op.code}\` de`, t.id, [], P('code'));
      const what = `le libellé du code \`${op.code}\` de \`${t.id}\``;
      const f = op.op === 'remove-code' ? checkFrom(what, t.values![idx].label, op.label, P('label')) : checkFrom(what, t.values![idx].label);
      if (f) return f;
      const values = d.datatype(t.id, i).values!;
      if (op.op === 'remove-code') values.splice(idx, 1);
      else values[idx].label = String(op.to);
      return undefined;
    }
    case 'add-control': {
      const control = structuredClone(op.control!);
      const rid = controlTarget(control.id).rubrique;
      const e = v.rubriques.get(rid);
      if (!e) return targetMissing('Rubrique', rid, v.rubriques.keys(), P('control', 'id'));
      if (v.controls.has(control.id)) return fail('patch-target-exists', P('control', 'id'), `Le contrôle \`${control.id}\` existe déjà dans ${v.key}`, 'pour modifier son texte, utilisez `set` (element: control).');
      (d.block(e.block.id, i).rubriques[e.index].controls ??= []).push(control);
      d.restructured();
      return undefined;
    }
    case 'remove-control': {
      const c = v.controls.get(op.id!);
      if (!c) return targetMissing('Contrôle', op.id!, v.controls.keys(), P('id'));
      const j = c.rubrique.controls!.indexOf(c.control);
      d.block(c.block.id, i).rubriques[v.rubriques.get(c.rubrique.id)!.index].controls!.splice(j, 1);
      d.restructured();
      return undefined;
    }
    case 'add-rubrique': {
      const r = structuredClone(op.rubrique!);
      const b = v.blocks.get(blockOf(r.id));
      if (!b) return targetMissing('Bloc', blockOf(r.id), v.blocks.keys(), P('rubrique', 'id'));
      if (v.rubriques.has(r.id)) return fail('patch-target-exists', P('rubrique', 'id'), `La rubrique \`${r.id}\` existe déjà dans ${v.key}`, 'les numéros de rubrique ne sont jamais réutilisés ; pour la modifier, utilisez `set`.');
      for (const [j, c] of (r.controls ?? []).entries()) {
        if (v.controls.has(c.id)) return fail('patch-target-exists', P('rubrique', 'controls', j, 'id'), `Le contrôle \`${c.id}\` existe déjà dans ${v.key}`);
      }
      // In number order, where a person adding it to the file would write it.
      const w = d.block(b.id, i);
      const pos = w.rubriques.findIndex((x) => x.id > r.id);
      w.rubriques.splice(pos < 0 ? w.rubriques.length : pos, 0, r);
      d.restructured();
      return undefined;
    }
    case 'remove-rubrique': {
      const e = v.rubriques.get(op.id!);
      if (!e) return targetMissing('Rubrique', op.id!, v.rubriques.keys(), P('id'));
      d.block(e.block.id, i).rubriques.splice(e.index, 1);
      d.restructured();
      return undefined;
    }
  }
}

/** Errors the validate stage finds in a version, counted by rule and message (positions left out). */
type ErrorCounts = Map<string, { d: Diagnostic; n: number }>;

function validationErrors(v: ResolvedVersion): ErrorCounts {
  const out: ErrorCounts = new Map();
  const ds = validateVersion(v, { sources: { files: new Map() }, broken: { has: () => false }, metaRead: true, where: () => ({}) });
  for (const d of ds) {
    if (d.severity !== 'error') continue;
    const k = `${d.rule}\u0000${d.message}`;
    const e = out.get(k);
    if (e) e.n++;
    else out.set(k, { d, n: 1 });
  }
  return out;
}

/**
 * Which operation of an entry brought a problem the validate stage found: the last one whose
 * element (or new value) the message names, else none (the problem is then reported at
 * `operations`).
 */
function operationOf(ops: readonly JournalOperation[], message: string): number | undefined {
  for (let i = ops.length - 1; i >= 0; i--) {
    const op = ops[i];
    const named = [op.id, op.datatype, op.control?.id, op.rubrique?.id, op.rubrique?.datatype, typeof op.to === 'string' ? op.to : undefined];
    if (named.some((id) => id && message.includes(`\`${id}\``))) return i;
  }
  return undefined;
}

/** Where a problem an operation brings is reported: its new value, else the operation. */
function operationPath(op: JournalOperation, i: number): PathSegment[] {
  const inOp = op.op === 'set' ? 'to' : op.op === 'add-control' ? 'control' : op.op === 'add-rubrique' ? 'rubrique' : undefined;
  return inOp ? ['operations', i, inOp] : ['operations', i];
}

/**
 * The element an amended file's schema problem is in (rubrique, control, else the block or
 * datatype itself) and the problem's JSON pointer inside that element.
 */
function elementAt(file: Block | Datatype, schema: 'block' | 'datatype', pointer: string): { label: string; pointer: string } {
  const m = schema === 'block' ? /^\/rubriques\/([0-9]+)(?:\/controls\/([0-9]+))?(\/.*)?$/.exec(pointer) : null;
  const r = m ? (file as Block).rubriques[Number(m[1])] : undefined;
  if (!m || !r) return { label: schema === 'block' ? `Le bloc \`${file.id}\`` : `Le type \`${file.id}\``, pointer };
  const c = m[2] === undefined ? undefined : r.controls?.[Number(m[2])];
  if (m[2] !== undefined && c) return { label: `Le contrôle \`${c.id}\``, pointer: m[3] ?? '' };
  return { label: `La rubrique \`${r.id}\``, pointer: pointer.slice(`/rubriques/${m[1]}`.length) };
}

/**
 * The amended files the schema of their kind refuses, as a file read from disk would be: each
 * problem named in the element it is in, at the last operation that wrote the file.
 */
function schemaFailures(d: Draft, ops: readonly JournalOperation[]): OperationFailure[] {
  const out: OperationFailure[] = [];
  const check = <T extends Block | Datatype>(files: RawFile<T>[], written: Map<number, number[]>, schema: 'block' | 'datatype') => {
    const validate = getValidator(schema);
    for (const [idx, by] of written) {
      const f = files[idx];
      if (validate(f.value as unknown)) continue;
      const i = by[by.length - 1];
      // The errors of each element together: the schema's messages group them (a failed `oneOf`).
      const byElement = new Map<string, ErrorObject[]>();
      for (const e of validate.errors ?? []) {
        const el = elementAt(f.value, schema, e.instancePath);
        if (!byElement.has(el.label)) byElement.set(el.label, []);
        byElement.get(el.label)!.push({ ...e, instancePath: el.pointer });
      }
      for (const [label, errors] of byElement) {
        for (const s of schemaDiagnostics(unparsed(f.parsed.file, f.value), errors, `${schema}.schema.json`)) {
          // `… manquante dans le fichier`: the element is what misses it.
          const message = s.message.replace(/ dans le fichier$/, '');
          out.push({ rule: 'patch-invalid-value', path: operationPath(ops[i], i), message: `${label} n'est plus conforme au schéma : ${message.charAt(0).toLowerCase()}${message.slice(1)}`, hint: s.hint });
        }
      }
    }
  };
  check(d.blocks, d.written.blocks, 'block');
  check(d.datatypes, d.written.datatypes, 'datatype');
  return out;
}

/** A version as the journal amends it: its files, their resolved form, and the errors validate finds in it. */
export interface VersionState {
  source: VersionSource;
  version: ResolvedVersion;
  /** Computed when entries are checked (`validate`), kept for the next entry. */
  errors?: ErrorCounts;
}

export interface ApplyOptions {
  /**
   * Check the amended version as files read from disk are checked: its schemas, then the rules
   * of the validate stage (`validateVersion`), where an error that was not there before the entry
   * fails it (default true). Off when replaying entries the journal stage already checked.
   */
  validate?: boolean;
}

/**
 * Apply all operations of an entry to `state`, or none: the state after the entry (the same
 * one when it failed) and the failures (empty when applied).
 */
export function applyEntry(state: VersionState, entry: JournalEntry, opts: ApplyOptions = {}): { state: VersionState; failures: OperationFailure[] } {
  const d = new Draft(state.source, state.version);
  const failures: OperationFailure[] = [];
  entry.operations.forEach((op, i) => {
    const f = applyOperation(d, op, i);
    if (f) failures.push(f);
  });
  if (failures.length) return { state, failures };
  const next: VersionState = { source: d.files(), version: d.version };
  if (opts.validate === false) return { state: next, failures };
  failures.push(...schemaFailures(d, entry.operations));
  if (failures.length) return { state, failures };
  // The amended version obeys the same rules as a version read from its files.
  const before = state.errors ?? validationErrors(state.version);
  next.errors = validationErrors(next.version);
  for (const [k, { d: diagnostic, n }] of next.errors) {
    if (n <= (before.get(k)?.n ?? 0)) continue;
    const i = operationOf(entry.operations, diagnostic.message);
    failures.push({ rule: diagnostic.rule as ValidationRuleId, path: i === undefined ? ['operations'] : operationPath(entry.operations[i], i), message: diagnostic.message, hint: diagnostic.hint });
  }
  return failures.length ? { state: { ...state, errors: before }, failures } : { state: next, failures };
}

/**
 * Replay entries the journal stage applied (`JournalRecord.applied`): all their operations in
 * one pass, unchecked, the files resolved once at the end.
 */
export function replayEntries(state: VersionState, entries: readonly JournalEntry[]): VersionState {
  if (!entries.length) return state;
  const d = new Draft(state.source, undefined, { copyAll: true });
  for (const entry of entries) entry.operations.forEach((op, i) => applyOperation(d, op, i));
  return { source: d.files(), version: d.version };
}

/**
 * The files of a resolved version, as the resolve stage would read them back (in the order the
 * files were read, each with its path; positions unknown): what the journal amends when it
 * replays entries on a version it is given resolved.
 */
export function versionSource(v: ResolvedVersion): VersionSource {
  const file = <T>(value: T, path: string): RawFile<T> => ({ value, parsed: unparsed(path, value) });
  return {
    family: v.family,
    id: v.id,
    key: v.key,
    dir: v.dir,
    meta: v.meta,
    blocks: [...v.files.blocks].map(([id, path]) => file(v.blocks.get(id)!, path)),
    datatypes: [...v.files.datatypes].map(([id, path]) => file(v.datatypes.get(id)!, path)),
  };
}

/**
 * Apply entries in turn to a resolved version (never changed): the amended version and each
 * entry's failures (a failed entry is left out, the next ones still apply).
 */
export function amendVersion(v: ResolvedVersion, entries: readonly JournalEntry[], opts: ApplyOptions = {}): { version: ResolvedVersion; failures: OperationFailure[][] } {
  let state: VersionState = { source: versionSource(v), version: v };
  const failures: OperationFailure[][] = [];
  for (const entry of entries) {
    const r = applyEntry(state, entry, opts);
    state = r.state;
    failures.push(r.failures);
  }
  return { version: { ...state.version, journal: v.journal }, failures };
}

/** Application order: edition (as listed in version.yaml), then date, then id. */
export function sortEntries<T extends { entry: JournalEntry }>(v: Pick<ResolvedVersion, 'meta'>, list: T[]): T[] {
  const rank = new Map((v.meta.editions ?? []).map((e, i) => [e.id, i]));
  const r = (x: T) => rank.get(x.entry.edition) ?? Number.MAX_SAFE_INTEGER;
  return [...list].sort((a, b) => r(a) - r(b) || a.entry.date.localeCompare(b.entry.date) || a.entry.id.localeCompare(b.entry.id));
}

/**
 * Check and apply the journal entries of one version to its raw files. `base` is the version as
 * the resolve stage built it from those files; the result is the version at its last edition,
 * resolved from the amended files, with `base` kept and `journal` filled.
 */
export function applyJournal(raw: RawVersion, base: ResolvedVersion): { version: ResolvedVersion; diagnostics: Diagnostic[] } {
  const out: Diagnostic[] = [];
  if (!raw.journal.length) return { version: base, diagnostics: out };
  const journal: JournalRecord[] = [];
  const editions = (base.meta.editions ?? []).map((e) => e.id);
  const seen = new Map<string, string>();
  const usable: Array<{ entry: JournalEntry; parsed: RawFile<JournalEntry>['parsed'] }> = [];
  for (const { value: entry, parsed } of raw.journal) {
    if (seen.has(entry.id)) {
      out.push(diag('error', 'duplicate-journal-entry', `Entrée de journal \`${entry.id}\` définie deux fois (déjà dans \`${seen.get(entry.id)}\`)`, at(parsed, ['id'])));
      continue;
    }
    seen.set(entry.id, parsed.file);
    const idx = editions.indexOf(entry.edition);
    if (idx < 0) {
      const dym = didYouMean(entry.edition, editions);
      out.push(diag('error', 'journal-unknown-edition', `Édition \`${entry.edition}\` inconnue de ${base.key}${dym ? ` ; ${dym}` : ''}`, at(parsed, ['edition']), `déclarez-la dans \`${base.dir}/version.yaml\` (editions) ; éditions : ${editions.join(', ') || 'aucune'}.`));
      journal.push({ entry, file: parsed.file, applied: false });
      continue;
    }
    if (idx === 0) {
      out.push(diag('error', 'journal-base-edition', `L'entrée \`${entry.id}\` produit l'édition \`${entry.edition}\`, qui est l'édition de base de ${base.key}`, at(parsed, ['edition']), 'une entrée produit une édition postérieure à la première édition de la version.'));
      journal.push({ entry, file: parsed.file, applied: false });
      continue;
    }
    usable.push({ entry, parsed });
  }
  let state: VersionState = { source: raw, version: base };
  for (const { entry, parsed } of sortEntries(base, usable)) {
    const r = applyEntry(state, entry);
    state = r.state;
    for (const f of r.failures) out.push(diag('error', f.rule, f.message, at(parsed, f.path), f.hint));
    journal.push({ entry, file: parsed.file, applied: r.failures.length === 0 });
  }
  const version: ResolvedVersion = { ...(state.version === base ? resolveVersion(raw).version : state.version), base, journal: sortEntries(base, journal) };
  return { version, diagnostics: out };
}

/**
 * The journal stage of loading the registry: each version with journal entries becomes its last
 * edition (`applyJournal`), in its place in its family. Returns the diagnostics of the entries.
 */
export function applyJournals(registry: Registry, raw: RawRegistry): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rf of raw.families) {
    const fam = registry.families.get(rf.id);
    if (!fam) continue;
    for (const rv of rf.versions) {
      const base = fam.versions.get(rv.id);
      if (!base || !rv.journal.length) continue;
      const j = applyJournal(rv, base);
      out.push(...j.diagnostics);
      fam.versions.set(rv.id, j.version);
    }
  }
  return out;
}
