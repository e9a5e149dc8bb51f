/**
 * Maintenance journal (issue #3): editions as data. The norm at edition E is the version's
 * base plus the journal entries up to E, so diffs between editions and the journal pages
 * come from the same data.
 */
import { stringify } from 'yaml';
import { didYouMean } from '../diagnostics/diagnostic.ts';
import type { JournalEntry, JournalOperation, JournalRecord, Registry, ResolvedVersion } from '../model/types.ts';
import { resolveVersionRef, type Lookup } from '../query.ts';
import { changeSubject, type Change } from '../diff/catalogue.ts';
import { diffVersions, summarize, type DiffResult } from '../diff/engine.ts';
import { applyEntry, replayEntries, versionSource, type VersionState } from './apply.ts';

export { amendVersion, applyJournal, applyJournals, applyEntry, applyOperation, Draft, replayEntries, sortEntries, versionSource } from './apply.ts';
export type { ApplyOptions, OperationFailure, VersionState } from './apply.ts';

/** A resolved version as the journal amends it (its files read back). */
const filesOf = (v: ResolvedVersion): VersionState => ({ source: versionSource(v), version: v });

function editionRank(v: ResolvedVersion): Map<string, number> {
  return new Map((v.meta.editions ?? []).map((e, i) => [e.id, i]));
}

/**
 * The version as of CT edition `edition`: its base plus the applied journal entries whose
 * edition comes no later. The last edition is `v` itself.
 */
export function versionAtEdition(v: ResolvedVersion, edition: string): Lookup<ResolvedVersion> {
  const eds = v.meta.editions ?? [];
  const idx = eds.findIndex((e) => e.id === edition);
  if (idx < 0) {
    const dym = didYouMean(edition, eds.map((e) => e.id));
    return { ok: false, error: `édition inconnue « ${edition} » pour ${v.key}${dym ? ` ; ${dym}` : ''}`, hint: `éditions de ${v.key} : ${eds.map((e) => e.id).join(', ') || 'aucune'}` };
  }
  if (idx === eds.length - 1) return { ok: true, value: v };
  const rank = editionRank(v);
  const upTo = (r: JournalRecord) => (rank.get(r.entry.edition) ?? Infinity) <= idx;
  const entries = v.journal.filter((r) => r.applied && upTo(r));
  let s: ResolvedVersion;
  if (v.base) {
    s = { ...replayEntries(filesOf(v.base), entries.map((r) => r.entry)).version };
  } else {
    s = { ...v };
  }
  s.meta = { ...v.meta, editions: eds.slice(0, idx + 1) };
  s.journal = v.journal.filter(upTo);
  return { ok: true, value: s };
}

/** Resolve `dsn/P26V01`, `P26V01` or `dsn/P26V01@2026.1.1` (a version at an edition). */
export function resolveStateRef(registry: Registry, ref: string): Lookup<ResolvedVersion> {
  const at = ref.indexOf('@');
  const v = resolveVersionRef(registry, at < 0 ? ref : ref.slice(0, at));
  if (!v.ok || at < 0) return v;
  return versionAtEdition(v.value, ref.slice(at + 1));
}

export interface JournalStep {
  record: JournalRecord;
  /** What the entry changed, as diff change records (empty when it was not applied). */
  changes: Change[];
}

/** Each journal entry of `v`, in order, with the changes it makes (diff before/after the entry). */
export function journalChanges(v: ResolvedVersion): JournalStep[] {
  if (!v.journal.length) return [];
  let cur = filesOf(v.base ?? v);
  const out: JournalStep[] = [];
  for (const record of v.journal) {
    if (!record.applied) {
      out.push({ record, changes: [] });
      continue;
    }
    const next = applyEntry(cur, record.entry, { validate: false }).state;
    const changes = diffVersions(cur.version, next.version).changes.map((c) => ({ ...c, journal: record.entry.id, rationale: c.rationale ?? record.entry.title }));
    out.push({ record, changes });
    cur = next;
  }
  return out;
}

/**
 * When `from` and `to` are two editions of the same version, tell which journal entry made
 * each change (`journal`, and `rationale` = the entry title).
 */
export function attributeJournal(r: DiffResult, v: ResolvedVersion): DiffResult {
  const rank = editionRank(v);
  const lo = r.from.edition ? rank.get(r.from.edition) ?? -1 : -1;
  const hi = r.to.edition ? rank.get(r.to.edition) ?? Infinity : Infinity;
  const [min, max] = lo <= hi ? [lo, hi] : [hi, lo];
  const byId = new Map<string, JournalEntry>();
  for (const step of journalChanges(v)) {
    const er = rank.get(step.record.entry.edition) ?? Infinity;
    if (er <= min || er > max) continue;
    for (const c of step.changes) byId.set(`${c.element} ${c.id}`, step.record.entry);
  }
  if (!byId.size) return r;
  const changes = r.changes.map((c) => {
    const e = byId.get(`${c.element} ${c.id}`);
    return e ? { ...c, journal: e.id, rationale: c.rationale ?? e.title } : c;
  });
  return { ...r, changes, summary: summarize(changes) };
}

// ---------------------------------------------------------------- drafts

export interface DraftOptions {
  /** Date of the entries (YYYY-MM-DD); the CLI passes today. */
  date: string;
  /** Edition the entries will produce (placeholder when unknown). */
  edition?: string;
  /** Id prefix; entries are numbered `<prefix>-001`, `-002`… */
  idPrefix?: string;
}

export interface JournalDraft {
  entries: JournalEntry[];
  /** Changes that journal operations cannot express (new block, new datatype, renames…). */
  skipped: Change[];
}

const CONSTRAINT_RULES = new Set(['nature-changed', 'regexp-added', 'regexp-removed', 'regexp-changed', 'length-min-increased', 'length-min-decreased', 'length-max-increased', 'length-max-decreased', 'referential-changed']);
const FIELD_OF_RULE: Record<string, string> = {
  'block-name-changed': 'name',
  'block-description-changed': 'description',
  'block-parent-changed': 'parent',
  'rubrique-name-changed': 'name',
  'rubrique-description-changed': 'description',
  'rubrique-technical-name-changed': 'technicalName',
  'rubrique-datatype-changed': 'datatype',
  'datatype-name-changed': 'name',
  'datatype-description-changed': 'description',
  'nature-changed': 'nature',
  'regexp-added': 'regexp',
  'regexp-removed': 'regexp',
  'regexp-changed': 'regexp',
  'length-min-increased': 'minLength',
  'length-min-decreased': 'minLength',
  'length-max-increased': 'maxLength',
  'length-max-decreased': 'maxLength',
  'referential-changed': 'referential',
  'control-rule-changed': 'rule',
  'control-message-changed': 'message',
};

const raw = (x: unknown): string | number | null => (x === undefined || x === null ? null : typeof x === 'number' ? x : String(x));

/**
 * Draft journal entries that turn `a` into `b`: one entry per amended element (block,
 * rubrique or datatype), with structured operations and placeholders for a person to
 * complete (kind, title, explanation, edition).
 */
export function draftJournal(a: ResolvedVersion, b: ResolvedVersion, opts: DraftOptions): JournalDraft {
  const diff = diffVersions(a, b);
  const groups = new Map<string, { title: string; ops: JournalOperation[]; changes: Change[] }>();
  const skipped: Change[] = [];
  const addedRubriques = new Set(diff.changes.filter((c) => c.rule.startsWith('rubrique-added')).map((c) => c.id));
  const removedRubriques = new Set(diff.changes.filter((c) => c.rule.startsWith('rubrique-removed')).map((c) => c.id));
  // Renamed, added or removed blocks and datatypes cannot be expressed: skip all their changes.
  const unexpressible = new Set<string>();
  for (const c of diff.changes) {
    if (c.rule.endsWith('-renamed') || c.rule.startsWith('block-added') || c.rule.startsWith('block-removed') || c.rule === 'datatype-added' || c.rule === 'datatype-removed') {
      unexpressible.add(c.id);
      if (c.from !== undefined && c.rule.endsWith('-renamed')) unexpressible.add(String(c.from));
    }
  }
  // A rubrique moving to such a datatype: its datatype change (and what it implies) is skipped too.
  for (const c of diff.changes) if (c.rule === 'rubrique-datatype-changed' && (unexpressible.has(String(c.to)) || unexpressible.has(String(c.from)))) unexpressible.add(`${c.id}:type`);
  const ownerOf = changeSubject;
  const push = (owner: string, title: string, c: Change, op?: JournalOperation) => {
    let g = groups.get(owner);
    if (!g) groups.set(owner, (g = { title, ops: [], changes: [] }));
    g.changes.push(c);
    if (op) g.ops.push(op);
  };
  for (const c of diff.changes) {
    const owner = ownerOf(c);
    const typeChange = c.rule === 'rubrique-datatype-changed' || (c.element === 'rubrique' && CONSTRAINT_RULES.has(c.rule)) || (c.element === 'code-value' && !b.datatypes.has(owner));
    if ((typeChange && unexpressible.has(`${owner}:type`)) || unexpressible.has(owner) || (c.block && unexpressible.has(c.block)) || (c.element === 'control' && unexpressible.has(owner.slice(0, owner.lastIndexOf('.'))))) {
      skipped.push(c);
      continue;
    }
    const field = FIELD_OF_RULE[c.rule];
    switch (c.element) {
      case 'block': {
        if (field) push(c.id, `Bloc ${c.id}`, c, { op: 'set', element: 'block', id: c.id, field, from: raw(c.from), to: raw(c.to) });
        else if (c.rule.startsWith('block-cardinality-')) {
          const key = c.rule.includes('-min-') ? 'min' : 'max';
          push(c.id, `Bloc ${c.id}`, c, { op: 'set', element: 'block', id: c.id, field: `cardinality.${key}`, from: raw(a.blocks.get(c.id)!.cardinality[key]), to: raw(b.blocks.get(c.id)!.cardinality[key]) });
        } else skipped.push(c);
        break;
      }
      case 'rubrique': {
        if (c.rule === 'rubrique-added' || c.rule === 'rubrique-added-mandatory') {
          const r = structuredClone(b.rubriques.get(c.id)!.rubrique);
          delete r.rationale;
          delete r.renamedFrom;
          push(c.id, `Rubrique ${c.id}`, c, { op: 'add-rubrique', rubrique: r });
        } else if (c.rule === 'rubrique-removed' || c.rule === 'rubrique-removed-mandatory') {
          push(c.id, `Rubrique ${c.id}`, c, { op: 'remove-rubrique', id: c.id });
        } else if (CONSTRAINT_RULES.has(c.rule)) {
          push(c.id, `Rubrique ${c.id}`, c); // implied by the datatype change of the rubrique
        } else if (field) {
          push(c.id, `Rubrique ${c.id}`, c, { op: 'set', element: 'rubrique', id: c.id, field, from: raw(c.from), to: raw(c.to) });
        } else skipped.push(c);
        break;
      }
      case 'usage': {
        const [rid, nature] = c.id.split('@');
        push(rid, `Rubrique ${rid}`, c, { op: 'set', element: 'rubrique', id: rid, field: `usage.${nature}`, from: raw(c.from), to: raw(c.to) });
        break;
      }
      case 'control': {
        const rid = c.id.split('/')[0];
        if (c.rule === 'control-added') {
          if (!addedRubriques.has(rid)) push(rid, `Rubrique ${rid}`, c, { op: 'add-control', control: structuredClone(b.controls.get(c.id)!.control) });
          else push(rid, `Rubrique ${rid}`, c);
        } else if (c.rule === 'control-removed') {
          if (!removedRubriques.has(rid)) push(rid, `Rubrique ${rid}`, c, { op: 'remove-control', id: c.id });
          else push(rid, `Rubrique ${rid}`, c);
        } else push(rid, `Rubrique ${rid}`, c, { op: 'set', element: 'control', id: c.id, field, from: raw(c.from), to: raw(c.to) });
        break;
      }
      case 'datatype': {
        if (field) {
          const ta = a.datatypes.get(c.id) as unknown as Record<string, unknown>;
          const tb = b.datatypes.get(c.id) as unknown as Record<string, unknown>;
          push(c.id, `Type ${c.id}`, c, { op: 'set', element: 'datatype', id: c.id, field, from: raw(ta[field]), to: raw(tb[field]) });
        } else skipped.push(c);
        break;
      }
      case 'code-value': {
        const [owner, code] = c.id.split('#');
        if (!b.datatypes.has(owner)) {
          push(owner, `Rubrique ${owner}`, c); // implied by the datatype change of the rubrique
          break;
        }
        const op: JournalOperation =
          c.rule === 'code-value-added'
            ? { op: 'add-code', datatype: owner, code, label: String(c.to) }
            : c.rule === 'code-value-removed'
              ? { op: 'remove-code', datatype: owner, code, label: String(c.from) }
              : { op: 'relabel-code', datatype: owner, code, from: raw(c.from), to: raw(c.to) };
        push(owner, `Type ${owner}`, c, op);
        break;
      }
    }
  }
  const prefix = opts.idPrefix ?? 'JMN-A-COMPLETER';
  const entries: JournalEntry[] = [];
  let n = 0;
  for (const [, g] of groups) {
    if (!g.ops.length) continue;
    n++;
    const first = g.changes[0];
    entries.push({
      id: `${prefix}-${String(n).padStart(3, '0')}`,
      date: opts.date,
      kind: 'évolution',
      title: g.changes.length === 1 ? first.message.replace(/`/g, '') : `${g.title} : ${g.changes.length} modifications`,
      explanation: `À compléter. Changements : ${g.changes.map((c) => c.message.replace(/`/g, '')).join(' ; ')}`,
      edition: opts.edition ?? 'A-COMPLETER',
      operations: g.ops as JournalEntry['operations'],
    });
  }
  return { entries, skipped };
}

/** One drafted entry as a YAML file (with the schema line and instructions). */
export function journalEntryYaml(entry: JournalEntry, schemaPath = '../../../../src/core/schemas/journal-entry.schema.json', comments: string[] = []): string {
  const head = [
    `# yaml-language-server: $schema=${schemaPath}`,
    '# Brouillon d\'entrée du journal de maintenance : complétez kind (anomalie, évolution, précision),',
    '# title, explanation, edition (déclarée dans version.yaml) et vérifiez chaque opération.',
    ...comments.map((c) => `# ${c}`),
  ];
  return head.join('\n') + '\n' + stringify(entry, { lineWidth: 0 });
}
