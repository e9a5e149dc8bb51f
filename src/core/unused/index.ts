/**
 * The "unused elements" report of a version (issue #19): what the normalisation instance could
 * clean up, oldest first, and the contradictions found inside the official tables.
 *
 * Pure: takes the resolved family (and, optionally, the code values the fiches mention), returns
 * data. Links are built by the caller's `link` function (the site's URL scheme lives in src/core/urls.ts).
 */
import type { ResolvedFamily, ResolvedVersion } from '../model/types.ts';
import { DSN_VERSION_SOURCE, RUBRIQUE_ID } from '../model/ids.ts';
import { collapseSpaces } from '../text/spaces.ts';
import { namedRubriques, unsatisfiable } from './checks.ts';

export type UnusedKind = 'block' | 'rubrique' | 'control' | 'datatype' | 'code-value';

export type UnusedReasonCode =
  | 'rubrique-no-longer-expected'
  | 'rubrique-never-used'
  | 'block-never-used'
  | 'control-missing-rubrique'
  | 'datatype-unreferenced'
  | 'code-value-unmentioned';

/** Stable reason codes and their French wording. `information`: listed for information only. */
export const UNUSED_REASONS: Record<UnusedReasonCode, { text: string; information?: boolean }> = {
  'rubrique-no-longer-expected': { text: "la description officielle dit que sa déclaration « n'est plus attendue »" },
  'rubrique-never-used': { text: 'usage N (non utilisée) ou I (interdite) pour toutes les natures de déclaration' },
  'block-never-used': { text: 'toutes ses rubriques ont un usage N ou I pour toutes les natures de déclaration' },
  'control-missing-rubrique': { text: "son texte cite une rubrique qui n'existe pas dans la version" },
  'datatype-unreferenced': { text: "aucune rubrique n'utilise ce type de données" },
  'code-value-unmentioned': {
    text: "aucun contrôle, aucun usage ni aucune fiche consigne ne cite cette valeur, inchangée depuis qu'elle existe",
    information: true,
  },
};

export type AnomalyCode = 'datatype-unsatisfiable' | 'control-missing-rubrique';

export const ANOMALY_TEXTS: Record<AnomalyCode, string> = {
  'datatype-unsatisfiable': 'type de données impossible à satisfaire : son format et ses longueurs se contredisent',
  'control-missing-rubrique': "contrôle qui cite une rubrique absente de la version",
};

/** What a link points to; `version` is where the element exists (for a removed one: its last version). */
export interface LinkTarget {
  family: string;
  version: string;
  kind: UnusedKind;
  /** Element id; `Type#code` for a code value. */
  id: string;
}

export interface UnusedItem {
  kind: UnusedKind;
  id: string;
  /** Name of the element (label of a code value). */
  name?: string;
  reason: { code: UnusedReasonCode; text: string; detail?: string };
  /** True for elements listed for information only (code values). */
  information: boolean;
  /**
   * Versions, oldest first, in which the element is unused for this reason without interruption
   * up to the report's version (for a removed element: up to its last version).
   */
  sinceVersion: string[];
  /** Version the official text itself gives (« à compter de la version de norme P24V01 »), if any. */
  statedSince?: string;
  /** For an element of the previous version's report that this version removed. */
  removedIn?: string;
  link: string;
}

export interface Anomaly {
  code: AnomalyCode;
  /** Element concerned (datatype id, control id). */
  id: string;
  text: string;
  detail: string;
  /** The source cell: file, sheet, the row (by its identifying cell) and the column. */
  source: { file: string; sheet: string; row: string; column: string };
  link: string;
}

export interface UnusedReport {
  family: string;
  version: string;
  key: string;
  /** Still present in the version, oldest unused first. */
  items: UnusedItem[];
  /** Listed for the previous version and removed by this one (the clean-up done). */
  removed: UnusedItem[];
  anomalies: Anomaly[];
  /** What could not be checked (no usage table…), in French. */
  notes: string[];
}

export interface UnusedOptions {
  link: (target: LinkTarget) => string;
  /** Code values the fiches consignes cite, as `Type#code` (see codeMentions); `examples`: example fiches left out. */
  fiches?: { codes: ReadonlySet<string>; examples: number };
}

const NO_LONGER_EXPECTED = /n['’]est plus attendue?/i;
const STATED_SINCE = new RegExp(`à compter de la (?:version de )?norme (${DSN_VERSION_SOURCE})`, 'i');
const KIND_ORDER: UnusedKind[] = ['block', 'rubrique', 'control', 'datatype', 'code-value'];

interface Finding {
  kind: UnusedKind;
  id: string;
  name?: string;
  code: UnusedReasonCode;
  detail?: string;
  statedSince?: string;
}

const keyOf = (f: { kind: UnusedKind; id: string; code: UnusedReasonCode }) => `${f.kind} ${f.id} ${f.code}`;
const norm = (s: string) => collapseSpaces(s);

/** Rubrique ids a control's rule or message names that the version does not have. */
function missingRubriques(v: ResolvedVersion, text: string): string[] {
  return namedRubriques(text).filter((id) => !v.rubriques.has(id));
}

const ALNUM = /^[0-9A-Za-z]+$/;

/** A token-level mention of `code` in one of `texts` (codes are short: `01` must not match `010`). */
function mentionedIn(texts: { text: string; tokens: Set<string> }[], code: string): boolean {
  if (ALNUM.test(code)) return texts.some((t) => t.tokens.has(code));
  const esc = code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`(^|[^0-9A-Za-z])${esc}($|[^0-9A-Za-z])`);
  return texts.some((t) => re.test(t.text));
}

function usagePublished(v: ResolvedVersion): boolean {
  return v.meta.usages?.status === 'publié' && (v.meta.usages.natures?.length ?? 0) > 0;
}

/** A code value no control text mentions: a finding unless a fiche cites it or it changed (see findingsOf). */
interface CodeCandidate {
  finding: Finding;
  /** A code of the declaration natures of the usage table (the nature type): never listed. */
  nature: boolean;
}

/**
 * What `findingsOf` reads of one version that depends on nothing else (computed once per
 * version: the site renders one report per version, each over all the versions before it).
 */
const ownFindings = new WeakMap<ResolvedVersion, (Finding | CodeCandidate)[]>();

/** Every finding of one version (no history). `changedCodes`: code values that changed at least once. */
function findingsOf(v: ResolvedVersion, ctx: { ficheCodes: ReadonlySet<string>; changedCodes: ReadonlySet<string> }): Finding[] {
  let own = ownFindings.get(v);
  if (!own) ownFindings.set(v, (own = versionFindings(v)));
  const out: Finding[] = [];
  for (const f of own) {
    if (!('finding' in f)) out.push(f);
    else if (!f.nature && !ctx.ficheCodes.has(f.finding.id) && !ctx.changedCodes.has(f.finding.id)) out.push(f.finding);
  }
  return out;
}

function versionFindings(v: ResolvedVersion): (Finding | CodeCandidate)[] {
  const out: (Finding | CodeCandidate)[] = [];
  // Rubriques described as no longer expected.
  for (const { rubrique: r } of v.rubriques.values()) {
    const d = r.description ?? '';
    if (NO_LONGER_EXPECTED.test(d)) out.push({ kind: 'rubrique', id: r.id, name: r.name, code: 'rubrique-no-longer-expected', detail: norm(d), statedSince: STATED_SINCE.exec(d)?.[1] });
  }
  // Usage N or I everywhere (only with a usage table).
  if (usagePublished(v)) {
    const natures = v.meta.usages!.natures!.map((n) => n.code);
    const never = (u: Record<string, string> | undefined) => !!u && natures.every((n) => u[n] === 'N' || u[n] === 'I');
    for (const b of v.blocks.values()) {
      const dead = b.rubriques.filter((r) => never(r.usage));
      for (const r of dead) {
        out.push({ kind: 'rubrique', id: r.id, name: r.name, code: 'rubrique-never-used', detail: natures.map((n) => `${n}:${r.usage![n]}`).join(' ') });
      }
      if (b.rubriques.length && dead.length === b.rubriques.length) out.push({ kind: 'block', id: b.id, name: b.name, code: 'block-never-used' });
    }
  }
  // Controls naming rubriques that do not exist.
  for (const { control: c } of v.controls.values()) {
    const missing = missingRubriques(v, `${c.rule}\n${c.message}`);
    if (missing.length) out.push({ kind: 'control', id: c.id, code: 'control-missing-rubrique', detail: `rubrique(s) absente(s) : ${missing.join(', ')}` });
  }
  // Datatypes no rubrique uses; code values nothing mentions.
  const users = new Map<string, string[]>();
  for (const { rubrique: r } of v.rubriques.values()) users.set(r.datatype, [...(users.get(r.datatype) ?? []), r.id]);
  const natureCodes = new Set(usagePublished(v) ? v.meta.usages!.natures!.map((n) => n.code) : []);
  const natureType = [...v.datatypes.values()].find((t) => /_Declaration_Nature$/.test(t.id));
  // The control texts, each with the rubrique ids it names (read once, not once per datatype).
  const controls = [...v.controls.values()].map(({ control: c, rubrique }) => {
    const text = `${c.rule}\n${c.message}`;
    return { text, rubrique: rubrique.id, named: new Set(namedRubriques(text)), tokens: undefined as Set<string> | undefined };
  });
  // Rubrique id → the controls on it or naming it (positions in `controls`).
  const controlsOf = new Map<string, number[]>();
  const relate = (id: string, i: number) => {
    const list = controlsOf.get(id);
    if (!list) controlsOf.set(id, [i]);
    else if (list.at(-1) !== i) list.push(i);
  };
  controls.forEach((c, i) => {
    relate(c.rubrique, i);
    for (const id of c.named) relate(id, i);
  });
  for (const t of v.datatypes.values()) {
    const rubs = users.get(t.id);
    if (!rubs) {
      out.push({ kind: 'datatype', id: t.id, name: t.name !== t.id ? t.name : undefined, code: 'datatype-unreferenced' });
      continue;
    }
    if (!t.values?.length) continue;
    // Texts that could mention a value: controls of the rubriques using the type, and controls naming them.
    const texts: { text: string; tokens: Set<string> }[] = [];
    const related = new Set<number>();
    for (const id of rubs) {
      for (const i of controlsOf.get(id) ?? []) related.add(i);
      // An id outside the grammar namedRubriques reads: looked for as it is in every text.
      if (!RUBRIQUE_ID.test(id)) controls.forEach((c, i) => c.text.includes(id) && related.add(i));
    }
    for (const i of [...related].sort((a, b) => a - b)) {
      const c = controls[i];
      c.tokens ??= new Set(c.text.split(/[^0-9A-Za-z]+/));
      texts.push({ text: c.text, tokens: c.tokens });
    }
    for (const x of t.values) {
      const vk = `${t.id}#${x.code}`;
      if (mentionedIn(texts, x.code)) continue;
      out.push({ finding: { kind: 'code-value', id: vk, name: norm(x.label), code: 'code-value-unmentioned' }, nature: t === natureType && natureCodes.has(x.code) });
    }
  }
  return out;
}

/** Code values whose label differs between two versions where they exist, or that appeared after their type. */
function changedCodeValues(versions: ResolvedVersion[]): Set<string> {
  const out = new Set<string>();
  const seen = new Map<string, string>();
  const typeSeen = new Set<string>();
  for (const v of versions) {
    for (const t of v.datatypes.values()) {
      const had = typeSeen.has(t.id);
      typeSeen.add(t.id);
      for (const x of t.values ?? []) {
        const k = `${t.id}#${x.code}`;
        const label = norm(x.label);
        const prev = seen.get(k);
        if (prev === undefined && had) out.add(k); // added to an existing type
        else if (prev !== undefined && prev !== label) out.add(k);
        seen.set(k, label);
      }
    }
  }
  return out;
}

function sourceFile(v: ResolvedVersion): string {
  const sources = v.meta.provenance.sources.filter((s) => s.kind === 'datatypes');
  return (sources.find((s) => /datatypes|Data_Types/i.test(s.file)) ?? sources[0])?.file ?? '(source inconnue)';
}

function anomaliesOf(v: ResolvedVersion, link: UnusedOptions['link']): Anomaly[] {
  const out: Anomaly[] = [];
  const file = sourceFile(v);
  const messagesFile = v.meta.provenance.sources.find((s) => s.kind === 'datatypes')?.file ?? file;
  for (const t of v.datatypes.values()) {
    const why = unsatisfiable(t);
    if (!why) continue;
    out.push({
      code: 'datatype-unsatisfiable',
      id: t.id,
      text: ANOMALY_TEXTS['datatype-unsatisfiable'],
      detail: why,
      source: { file, sheet: 'Data Types', row: `Id = ${t.id}`, column: 'Regexp, Lg Min, Lg Max' },
      link: link({ family: v.family, version: v.id, kind: 'datatype', id: t.id }),
    });
  }
  for (const { control: c } of v.controls.values()) {
    const inRule = missingRubriques(v, c.rule);
    const inMessage = missingRubriques(v, c.message);
    const missing = [...new Set([...inRule, ...inMessage])].sort();
    if (!missing.length) continue;
    out.push({
      code: 'control-missing-rubrique',
      id: c.id,
      text: ANOMALY_TEXTS['control-missing-rubrique'],
      detail: `cite ${missing.join(', ')}, absente(s) de ${v.id}`,
      source: { file: messagesFile, sheet: 'Messages', row: `Name = ${c.rawId ?? c.id}`, column: [inRule.length ? 'Description' : '', inMessage.length ? 'Message' : ''].filter(Boolean).join(', ') },
      link: link({ family: v.family, version: v.id, kind: 'control', id: c.id }),
    });
  }
  return out.sort((a, b) => a.code.localeCompare(b.code) || a.id.localeCompare(b.id));
}

function compareItems(a: UnusedItem, b: UnusedItem, order: string[]): number {
  const since = (i: UnusedItem) => Math.min(order.indexOf(i.sinceVersion[0]), i.statedSince && order.includes(i.statedSince) ? order.indexOf(i.statedSince) : Infinity);
  return since(a) - since(b) || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) || a.reason.code.localeCompare(b.reason.code);
}

/** The report for `versionId` of `family`. */
export function unusedReport(family: ResolvedFamily, versionId: string, opts: UnusedOptions): UnusedReport {
  const order = [...family.versions.keys()];
  const upto = order.slice(0, order.indexOf(versionId) + 1);
  if (!upto.length) throw new Error(`version inconnue ${family.id}/${versionId}`);
  const versions = upto.map((id) => family.versions.get(id)!);
  const ctx = { ficheCodes: opts.fiches?.codes ?? new Set<string>(), changedCodes: changedCodeValues(versions) };
  const perVersion = versions.map((v) => new Map(findingsOf(v, ctx).map((f) => [keyOf(f), f])));
  const v = versions.at(-1)!;
  const itemOf = (f: Finding, at: number, removedIn?: string): UnusedItem => {
    const since: string[] = [];
    for (let i = at; i >= 0 && perVersion[i].has(keyOf(f)); i--) since.unshift(upto[i]);
    const reason = UNUSED_REASONS[f.code];
    const item: UnusedItem = {
      kind: f.kind,
      id: f.id,
      reason: { code: f.code, text: reason.text },
      information: !!reason.information,
      sinceVersion: since,
      link: opts.link({ family: family.id, version: upto[at], kind: f.kind, id: f.id }),
    };
    if (f.name) item.name = f.name;
    if (f.detail) item.reason.detail = f.detail;
    if (f.statedSince) item.statedSince = f.statedSince;
    if (removedIn) item.removedIn = removedIn;
    return item;
  };
  const last = versions.length - 1;
  const items = [...perVersion[last].values()].map((f) => itemOf(f, last)).sort((a, b) => compareItems(a, b, order));
  const removed: UnusedItem[] = [];
  if (last > 0) {
    const exists = (f: Finding) => {
      if (f.kind === 'rubrique') return v.rubriques.has(f.id);
      if (f.kind === 'block') return v.blocks.has(f.id);
      if (f.kind === 'control') return v.controls.has(f.id);
      if (f.kind === 'datatype') return v.datatypes.has(f.id);
      const [t, code] = f.id.split('#');
      return !!v.datatypes.get(t)?.values?.some((x) => x.code === code);
    };
    for (const f of perVersion[last - 1].values()) if (!exists(f)) removed.push(itemOf(f, last - 1, v.id));
    removed.sort((a, b) => compareItems(a, b, order));
  }
  const notes: string[] = [];
  if (!usagePublished(v)) {
    notes.push(`Tableau des usages non publié pour ${v.key} : les rubriques et blocs jamais utilisés (usage N ou I pour toutes les natures) ne peuvent pas être recherchés.`);
  }
  if (!opts.fiches) notes.push("Fiches consignes non lues : les valeurs qu'elles citent ne sont pas exclues.");
  else if (opts.fiches.examples) notes.push(`${opts.fiches.examples} fiche(s) consigne(s) marquée(s) « exemple » non prise(s) en compte : une valeur qu'elles seules citent reste listée.`);
  return { family: family.id, version: v.id, key: v.key, items, removed, anomalies: anomaliesOf(v, opts.link), notes };
}

/**
 * `Type#code` of every code value cited by a fiche (any revision). Fiches marked as examples are
 * illustrations, not consignes: they do not count (`examples` tells how many were left out).
 */
export function codeMentions(
  consignes: readonly { meta: { example?: boolean }; family: string; revisions: readonly { references: readonly { resolved?: { id: string; code?: string } }[] }[] }[],
  family: string,
): { codes: Set<string>; examples: number } {
  const codes = new Set<string>();
  let examples = 0;
  for (const c of consignes) {
    if (c.family !== family) continue;
    if (c.meta.example) {
      examples++;
      continue;
    }
    for (const r of c.revisions) for (const ref of r.references) if (ref.resolved?.code !== undefined) codes.add(`${ref.resolved.id}#${ref.resolved.code}`);
  }
  return { codes, examples };
}

export { formatUnused, sinceLabel, UNUSED_FORMATS, UNUSED_KIND_LABELS, type UnusedFormat } from './format.ts';
