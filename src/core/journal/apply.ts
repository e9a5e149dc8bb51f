/**
 * Maintenance journal (JMN): structured operations amending a published version.
 * The loader applies the entries in order (edition, date, id); an operation whose target
 * is missing or whose stated previous value does not match is a diagnostic at its position,
 * and its entry is then not applied at all (entries are atomic).
 */
import { diag, didYouMean, type Diagnostic, type ValidationRuleId } from '../diagnostics/diagnostic.ts';
import type { Block, Control, Datatype, JournalEntry, JournalOperation, JournalRecord, ResolvedVersion, Rubrique, UsageCode } from '../model/types.ts';
import { at, type ParsedYaml, type PathSegment } from '../load/yaml-file.ts';
import { compileFullMatch } from '../validate/regexp.ts';
import { collapseSpaces } from '../text/spaces.ts';
import { indexBlock } from '../model/index-block.ts';
import { blockOfRubrique as blockOf, CONTROL_ID } from '../model/ids.ts';
import { DATATYPE_NATURES, USAGE_CODES as USAGE_CODE_LIST } from '../model/vocabulary.ts';

const USAGE_CODES = new Set<string>(USAGE_CODE_LIST);
const NATURES = new Set<string>(DATATYPE_NATURES);

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

/** Deep copy of a resolved version (blocks, datatypes and their indexes); meta is shared. */
export function cloneVersion(v: ResolvedVersion): ResolvedVersion {
  const blocks = new Map<string, Block>();
  for (const [id, b] of v.blocks) blocks.set(id, structuredClone(b));
  const datatypes = new Map<string, Datatype>();
  for (const [id, t] of v.datatypes) datatypes.set(id, structuredClone(t));
  const c: ResolvedVersion = {
    ...v,
    blocks,
    datatypes,
    rubriques: new Map(),
    controls: new Map(),
    files: { blocks: new Map(v.files.blocks), datatypes: new Map(v.files.datatypes) },
    journal: v.journal,
  };
  delete c.base;
  for (const b of blocks.values()) indexBlock(c, b);
  return c;
}

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

type Undo = () => void;

/**
 * Apply one operation to `v` in place. Returns an undo function, or a failure (and then
 * leaves `v` untouched).
 */
export function applyOperation(v: ResolvedVersion, op: JournalOperation, i: number): { undo: Undo } | { failure: OperationFailure } {
  const P = (...rest: PathSegment[]): PathSegment[] => ['operations', i, ...rest];
  const fail = (rule: ValidationRuleId, path: PathSegment[], message: string, hint?: string) => ({ failure: { rule, path, message, hint } });
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

  switch (op.op) {
    case 'set': {
      const el = op.element!;
      const field = op.field!;
      const id = op.id!;
      if (!FIELDS[el].test(field)) {
        return fail('journal-unknown-field', P('field'), `Attribut \`${field}\` non modifiable pour un élément \`${el}\``, `attributs possibles : ${FIELDS[el].source.replace(/[\^$()\\]/g, '').replace(/\[0-9\]\{2\}/, 'NN').split('|').join(', ')}.`);
      }
      const to = op.to;
      let cleanup: Undo | undefined;
      let target: Record<string, unknown>;
      let key = field;
      let what: string;
      if (el === 'block') {
        const b = v.blocks.get(id);
        if (!b) return targetMissing('Bloc', id, v.blocks.keys(), P('id'));
        what = `\`${field}\` du bloc \`${id}\``;
        if (field.startsWith('cardinality.')) {
          target = b.cardinality as unknown as Record<string, unknown>;
          key = field.slice('cardinality.'.length);
          const next = { ...b.cardinality, [key]: to };
          const okMin = Number.isInteger(next.min) && (next.min as number) >= 0;
          const okMax = next.max === '*' || (Number.isInteger(next.max) && (next.max as number) >= 1);
          if (!okMin || !okMax || (next.max !== '*' && (next.min as number) > (next.max as number))) {
            return fail('patch-invalid-value', P('to'), `Cardinalité ${next.min}..${next.max} impossible pour le bloc \`${id}\``, 'minimum entier ≥ 0, maximum entier ≥ 1 ou "*", minimum ≤ maximum.');
          }
        } else {
          target = b as unknown as Record<string, unknown>;
          if (field === 'parent' && to !== null && !v.blocks.has(String(to))) return targetMissing('Bloc parent', String(to), v.blocks.keys(), P('to'));
          if (field === 'parent' && to !== null) {
            // The new parent must not descend from the block: the hierarchy stays a tree.
            const chain = [id];
            for (let cur: string | null | undefined = String(to); cur && v.blocks.has(cur) && !chain.includes(cur); cur = v.blocks.get(cur)!.parent) chain.push(cur);
            if (chain.length > 1 && v.blocks.get(chain[chain.length - 1])!.parent === id) {
              return fail('block-cycle', P('to'), `Le bloc \`${to}\` ne peut pas devenir le parent de \`${id}\` : cycle ${[...chain, id].map((x) => `\`${x}\``).join(' → ')}`, 'un bloc ne peut pas être son propre ancêtre.');
            }
          }
        }
      } else if (el === 'rubrique') {
        const e = v.rubriques.get(id);
        if (!e) return targetMissing('Rubrique', id, v.rubriques.keys(), P('id'));
        what = `\`${field}\` de la rubrique \`${id}\``;
        if (field.startsWith('usage.')) {
          key = field.slice('usage.'.length);
          const natures = v.meta.usages?.natures?.map((n) => n.code);
          if (natures && natures.length && !natures.includes(key)) {
            return fail('patch-invalid-value', P('field'), `Nature de déclaration \`${key}\` inconnue dans ${v.key}`, `natures de la version : ${natures.join(', ')}.`);
          }
          if (to !== null && !USAGE_CODES.has(String(to))) return fail('patch-invalid-value', P('to'), `Usage \`${String(to)}\` inconnu`, 'valeurs possibles : O, C, I, N, F (null pour retirer l\'usage).');
          if (!e.rubrique.usage) {
            const r = e.rubrique;
            r.usage = {};
            cleanup = () => void delete r.usage;
          }
          target = e.rubrique.usage as Record<string, unknown>;
        } else {
          target = e.rubrique as unknown as Record<string, unknown>;
          if (field === 'datatype' && !v.datatypes.has(String(to))) return targetMissing('Type de données', String(to), v.datatypes.keys(), P('to'));
          if ((field === 'name' || field === 'datatype') && (to === null || to === '')) return fail('patch-invalid-value', P('to'), `\`${field}\` ne peut pas être vide pour la rubrique \`${id}\``);
        }
      } else if (el === 'datatype') {
        const t = v.datatypes.get(id);
        if (!t) return targetMissing('Type de données', id, v.datatypes.keys(), P('id'));
        what = `\`${field}\` du type \`${id}\``;
        target = t as unknown as Record<string, unknown>;
        if (field === 'nature' && !NATURES.has(String(to))) return fail('patch-invalid-value', P('to'), `Nature \`${String(to)}\` inconnue`, `valeurs possibles : ${[...NATURES].join(', ')}.`);
        if ((field === 'minLength' || field === 'maxLength') && to !== null && !(Number.isInteger(to) && (to as number) >= 0)) {
          return fail('patch-invalid-value', P('to'), `\`${field}\` doit être un entier ≥ 0 (reçu \`${String(to)}\`)`);
        }
        if (field === 'minLength' || field === 'maxLength') {
          const min = field === 'minLength' ? to : t.minLength;
          const max = field === 'maxLength' ? to : t.maxLength;
          if (typeof min === 'number' && typeof max === 'number' && min > max) {
            return fail('patch-invalid-value', P('to'), `Longueur minimale ${min} supérieure à la longueur maximale ${max} pour \`${id}\``);
          }
        }
        if (field === 'regexp' && to !== null) {
          const r = compileFullMatch(String(to));
          if (!r.ok) return fail('patch-invalid-value', P('to'), `Expression régulière invalide : ${r.error}`);
        }
      } else {
        const c = v.controls.get(id);
        if (!c) return targetMissing('Contrôle', id, v.controls.keys(), P('id'));
        what = `\`${field}\` du contrôle \`${id}\``;
        target = c.control as unknown as Record<string, unknown>;
        if (to === null) return fail('patch-invalid-value', P('to'), `\`${field}\` ne peut pas être vide pour le contrôle \`${id}\``);
      }
      const prev = target[key];
      if (op.from !== undefined && !same(op.from, prev)) {
        cleanup?.();
        return mismatch(P('from'), what, op.from, prev);
      }
      const had = Object.prototype.hasOwnProperty.call(target, key);
      if (to === null) delete target[key];
      else target[key] = to;
      return {
        undo: () => {
          if (had) target[key] = prev;
          else delete target[key];
          cleanup?.();
        },
      };
    }
    case 'add-code':
    case 'remove-code':
    case 'relabel-code': {
      const t = v.datatypes.get(op.datatype!);
      if (!t) return targetMissing('Type de données', op.datatype!, v.datatypes.keys(), P('datatype'));
      const values = (t.values ??= []);
      const idx = values.findIndex((x) => x.code === op.code);
      if (op.op === 'add-code') {
        if (idx >= 0) return fail('patch-target-exists', P('code'), `Le code \`${op.code}\` existe déjà dans \`${t.id}\` (« ${values[idx].label} »)`, 'pour changer son libellé, utilisez `relabel-code`.');
        const value = { code: op.code!, label: op.label! };
        values.push(value);
        return { undo: () => void values.splice(values.indexOf(value), 1) };
      }
      if (idx < 0) return targetMissing(`Code \`${op.code}\` de`, t.id, [], P('code'));
      const value = values[idx];
      if (op.op === 'remove-code') {
        if (op.label !== undefined && !same(op.label, value.label)) return mismatch(P('label'), `le libellé du code \`${op.code}\` de \`${t.id}\``, op.label, value.label);
        values.splice(idx, 1);
        return { undo: () => void values.splice(idx, 0, value) };
      }
      if (op.from !== undefined && !same(op.from, value.label)) return mismatch(P('from'), `le libellé du code \`${op.code}\` de \`${t.id}\``, op.from, value.label);
      const before = value.label;
      value.label = String(op.to);
      return { undo: () => void (value.label = before) };
    }
    case 'add-control': {
      const control = structuredClone(op.control!) as Control;
      const m = CONTROL_ID.exec(control.id);
      if (!m) return fail('patch-invalid-value', P('control', 'id'), `Identifiant de contrôle invalide \`${control.id}\``);
      if (m[2] !== control.family) return fail('patch-invalid-value', P('control', 'family'), `La famille \`${control.family}\` ne correspond pas à l'identifiant \`${control.id}\``);
      const e = v.rubriques.get(m[1]);
      if (!e) return targetMissing('Rubrique', m[1], v.rubriques.keys(), P('control', 'id'));
      if (v.controls.has(control.id)) return fail('patch-target-exists', P('control', 'id'), `Le contrôle \`${control.id}\` existe déjà dans ${v.key}`, 'pour modifier son texte, utilisez `set` (element: control).');
      const list = (e.rubrique.controls ??= []);
      list.push(control);
      v.controls.set(control.id, { control, rubrique: e.rubrique, block: e.block });
      return {
        undo: () => {
          list.splice(list.indexOf(control), 1);
          v.controls.delete(control.id);
        },
      };
    }
    case 'remove-control': {
      const c = v.controls.get(op.id!);
      if (!c) return targetMissing('Contrôle', op.id!, v.controls.keys(), P('id'));
      const list = c.rubrique.controls!;
      const idx = list.indexOf(c.control);
      list.splice(idx, 1);
      v.controls.delete(op.id!);
      return {
        undo: () => {
          list.splice(idx, 0, c.control);
          v.controls.set(op.id!, c);
        },
      };
    }
    case 'add-rubrique': {
      const r = structuredClone(op.rubrique!) as Rubrique;
      const b = v.blocks.get(blockOf(r.id));
      if (!b) return targetMissing('Bloc', blockOf(r.id), v.blocks.keys(), P('rubrique', 'id'));
      if (v.rubriques.has(r.id)) return fail('patch-target-exists', P('rubrique', 'id'), `La rubrique \`${r.id}\` existe déjà dans ${v.key}`, 'les numéros de rubrique ne sont jamais réutilisés ; pour la modifier, utilisez `set`.');
      if (!v.datatypes.has(r.datatype)) return targetMissing('Type de données', r.datatype, v.datatypes.keys(), P('rubrique', 'datatype'));
      for (const [j, c] of (r.controls ?? []).entries()) {
        const m = CONTROL_ID.exec(c.id);
        if (!m || m[1] !== r.id) return fail('patch-invalid-value', P('rubrique', 'controls', j, 'id'), `Le contrôle \`${c.id}\` ne porte pas sur la rubrique \`${r.id}\``);
        if (v.controls.has(c.id)) return fail('patch-target-exists', P('rubrique', 'controls', j, 'id'), `Le contrôle \`${c.id}\` existe déjà dans ${v.key}`);
      }
      let pos = b.rubriques.findIndex((x) => x.id > r.id);
      if (pos < 0) pos = b.rubriques.length;
      b.rubriques.splice(pos, 0, r);
      indexBlock(v, b);
      return {
        undo: () => {
          b.rubriques.splice(b.rubriques.indexOf(r), 1);
          v.rubriques.delete(r.id);
          for (const c of r.controls ?? []) v.controls.delete(c.id);
          indexBlock(v, b);
        },
      };
    }
    case 'remove-rubrique': {
      const e = v.rubriques.get(op.id!);
      if (!e) return targetMissing('Rubrique', op.id!, v.rubriques.keys(), P('id'));
      const b = e.block;
      const idx = b.rubriques.indexOf(e.rubrique);
      b.rubriques.splice(idx, 1);
      v.rubriques.delete(e.rubrique.id);
      for (const c of e.rubrique.controls ?? []) v.controls.delete(c.id);
      indexBlock(v, b);
      return {
        undo: () => {
          b.rubriques.splice(idx, 0, e.rubrique);
          indexBlock(v, b);
        },
      };
    }
  }
}

/** Apply all operations of an entry, or none: returns the failures (empty when applied). */
export function applyEntry(v: ResolvedVersion, entry: JournalEntry): OperationFailure[] {
  const undos: Undo[] = [];
  const failures: OperationFailure[] = [];
  entry.operations.forEach((op, i) => {
    const r = applyOperation(v, op, i);
    if ('failure' in r) failures.push(r.failure);
    else undos.push(r.undo);
  });
  if (failures.length) for (const u of undos.reverse()) u();
  return failures;
}

/** Application order: edition (as listed in version.yaml), then date, then id. */
export function sortEntries<T extends { entry: JournalEntry }>(v: ResolvedVersion, list: T[]): T[] {
  const rank = new Map((v.meta.editions ?? []).map((e, i) => [e.id, i]));
  const r = (x: T) => rank.get(x.entry.edition) ?? Number.MAX_SAFE_INTEGER;
  return [...list].sort((a, b) => r(a) - r(b) || a.entry.date.localeCompare(b.entry.date) || a.entry.id.localeCompare(b.entry.id));
}

/**
 * Called by the loader once a version is resolved: check and apply its journal entries,
 * keep a copy of the unamended version in `v.base`, fill `v.journal`.
 */
export function applyJournal(v: ResolvedVersion, raw: Array<{ entry: JournalEntry; parsed: ParsedYaml }>): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (!raw.length) return out;
  v.base = cloneVersion(v);
  const editions = (v.meta.editions ?? []).map((e) => e.id);
  const seen = new Map<string, string>();
  const usable: Array<{ entry: JournalEntry; parsed: ParsedYaml }> = [];
  for (const r of raw) {
    const { entry, parsed } = r;
    const stem = parsed.file.slice(parsed.file.lastIndexOf('/') + 1).replace(/\.ya?ml$/, '');
    if (stem !== entry.id) {
      out.push(diag('error', 'file-name-mismatch', `L'entrée \`${entry.id}\` est dans le fichier \`${stem}.yaml\``, at(parsed, ['id']), `renommez le fichier en \`${entry.id}.yaml\` ou corrigez l'identifiant.`));
    }
    if (seen.has(entry.id)) {
      out.push(diag('error', 'duplicate-journal-entry', `Entrée de journal \`${entry.id}\` définie deux fois (déjà dans \`${seen.get(entry.id)}\`)`, at(parsed, ['id'])));
      continue;
    }
    seen.set(entry.id, parsed.file);
    const idx = editions.indexOf(entry.edition);
    if (idx < 0) {
      const dym = didYouMean(entry.edition, editions);
      out.push(diag('error', 'journal-unknown-edition', `Édition \`${entry.edition}\` inconnue de ${v.key}${dym ? ` ; ${dym}` : ''}`, at(parsed, ['edition']), `déclarez-la dans \`${v.dir}/version.yaml\` (editions) ; éditions : ${editions.join(', ') || 'aucune'}.`));
      v.journal.push({ entry, file: parsed.file, applied: false });
      continue;
    }
    if (idx === 0) {
      out.push(diag('error', 'journal-base-edition', `L'entrée \`${entry.id}\` produit l'édition \`${entry.edition}\`, qui est l'édition de base de ${v.key}`, at(parsed, ['edition']), 'une entrée produit une édition postérieure à la première édition de la version.'));
      v.journal.push({ entry, file: parsed.file, applied: false });
      continue;
    }
    usable.push(r);
  }
  for (const { entry, parsed } of sortEntries(v, usable)) {
    const failures = applyEntry(v, entry);
    for (const f of failures) out.push(diag('error', f.rule, f.message, at(parsed, f.path), f.hint));
    v.journal.push({ entry, file: parsed.file, applied: failures.length === 0 });
  }
  v.journal = sortEntries(v, v.journal);
  return out;
}
