/**
 * The "check model": a compact, JSON-serialisable view of one norm version holding only what
 * the file checker needs. Built by a pure function from a ResolvedVersion (no file access), so
 * the site can emit it as `/{family}/{version}/check-model.json` and the browser can load it.
 *
 * Nothing here names a rubrique of the DSN except the small ROLE table below (used only when
 * the family file does not say where the version / nature are declared).
 */
import type { Block, Datatype, Family, ResolvedVersion, Rubrique, UsageCode } from '../model/types.ts';
import { compileFullMatch } from '../validate/regexp.ts';
import { rubriqueNumber } from '../model/ids.ts';

export const CHECK_MODEL_FORMAT = 'norme-check-model/1';

export type KeyKind = 'siren' | 'siret' | 'nic' | 'siren-of-siret' | 'iban' | 'bban';

/** A CSL control whose rule is a key computation, linked to the rubrique it applies to. */
export interface KeyCheck {
  kind: KeyKind;
  /** Control id of the norm, e.g. `S21.G00.06.001/CSL-11`. */
  control: string;
  /** Message of the norm for the declarant (absent when the norm only has a placeholder). */
  message?: string;
  /** For `nic`: the rubrique holding the SIREN that the NIC completes into a SIRET. */
  companion?: string;
}

/** A CSL control "[(respect des contraintes calendaires)]". */
export interface CalendarCheck {
  control: string;
  /** Day/month values tolerated as unknown ("aux exceptions près … 00 ou 99"), read from the rule. */
  exceptions: string[];
  message?: string;
}

export interface CheckRubrique {
  id: string;
  name: string;
  /** Number within the block (`007` → 7): drives instance detection. */
  num: number;
  datatype: string;
  /** Usage per declaration nature (only when the version's usage table is published or inferred). */
  usage?: Record<string, UsageCode>;
  /** The usage is inferred from the tables of these versions (no official table for this version). */
  usageFrom?: string[];
  /** Personal data: the value never appears in a report. */
  masked?: true;
  keys?: KeyCheck[];
  calendar?: CalendarCheck;
  /** Every control id of the norm attached to this rubrique. */
  controls?: string[];
}

export interface CheckBlock {
  id: string;
  name: string;
  parent: string | null;
  min: number;
  /** null = unbounded (`*`). */
  max: number | null;
  rubriques: CheckRubrique[];
}

export interface CheckDatatype {
  nature: Datatype['nature'];
  min?: number;
  max?: number;
  /** Full-match source (`^(?:…)$`, flag `u`), already checked to compile. */
  re?: string;
  /** Original regexp (for messages). */
  regexp?: string;
  /** Code list (Enumeration). */
  codes?: string[];
  /** External table, values not in the norm (not checked). */
  referential?: string;
}

export interface CheckRoles {
  /** Rubrique carrying the declared norm version (S10.G00.00.006). */
  version?: string;
  /** Rubrique carrying the declaration nature (S20.G00.05.001). */
  nature?: string;
  /** Block of a declaration (the block of the nature rubrique). */
  declarationBlock?: string;
  /** Total number of rubriques of the envoi (S90.G00.90.001). */
  totalRubriques?: string;
  /** Number of declarations of the envoi (S90.G00.90.002). */
  totalDeclarations?: string;
  /** Block of an individual (employee), repeated by the sample generator. */
  individualBlock?: string;
}

export interface CheckModel {
  format: typeof CHECK_MODEL_FORMAT;
  family: string;
  version: string;
  /** `dsn/P26V01` */
  key: string;
  label: string;
  roles: CheckRoles;
  /** `published`: usages are checked (official table, or inferred: then `inferredFrom` names the tables' versions). */
  usages: { published: boolean; natures: { code: string; label: string }[]; inferredFrom?: string[] };
  /** Tree order: parents before children. */
  blocks: CheckBlock[];
  datatypes: Record<string, CheckDatatype>;
  /** Number of controls of the version per family (CCH, SIG, …). */
  controlCounts: Record<string, number>;
}

/**
 * Where a role is found when the family file does not say: by technical name first (data),
 * then by the well-known id. Kept in one table on purpose: these are the only rubriques the
 * checker needs to recognise, and the technical names are stable across DSN and PASRAU.
 */
const ROLE_BY_TECHNICAL_NAME: Record<'version' | 'nature' | 'totalRubriques' | 'totalDeclarations', { names: RegExp; fallback: string }> = {
  version: { names: /^Envoi\.VersionNorme$/, fallback: 'S10.G00.00.006' },
  nature: { names: /^Declaration\.Nature$/, fallback: 'S20.G00.05.001' },
  totalRubriques: { names: /^TotalEnvoi\.nbTotal$/, fallback: 'S90.G00.90.001' },
  totalDeclarations: { names: /^TotalEnvoi\.nb(DSN|Dec)/, fallback: 'S90.G00.90.002' },
};

/** Personal identifiers by label / datatype (names, NIR, NTT, birth date, contact details). */
const PERSONAL_LABEL = /num[ée]ro d'inscription au r[ée]pertoire|\bNIR\b|nom de famille|nom d'usage|pr[ée]noms?\b|date de naissance|lieu de naissance|num[ée]ro technique temporaire|matricule|nom et pr[ée]nom|nom du b[ée]n[ée]ficiaire|adresse m[ée]l|m[ée]l\b|courriel|t[ée]l[ée]phone|fax/i;
const PERSONAL_DATATYPE = /nir|ddn|identite/i;
/** A block holding one of these describes a person: all its free values are masked. */
const PERSON_MARKER = /num[ée]ro d'inscription au r[ée]pertoire|\bNIR\b|date de naissance/i;

const KEY_RULE = /v[ée]rification de la cl[ée]/i;
const CALENDAR_RULE = /contraintes calendaires/i;
const PLACEHOLDER = /^\s*\[\(/;

function cleanMessage(m: string | undefined): string | undefined {
  if (!m || PLACEHOLDER.test(m)) return undefined;
  return m.trim();
}

/** `… aux exceptions près acceptées sur le mois ou le jour à 00 ou 99` → `['00', '99']`. */
function calendarExceptions(rule: string): string[] {
  const i = rule.search(/exception/i);
  if (i < 0) return [];
  return [...new Set(rule.slice(i).match(/\b\d{2}\b/g) ?? [])];
}

/** Key kind of a key control, read from its rule text, then its message, then the value length. */
function keyKind(rule: string, message: string, maxLength: number | undefined): KeyKind | undefined {
  if (/IBAN/i.test(rule)) return 'iban';
  if (/BBAN|RIB/i.test(rule)) return 'bban';
  const text = `${rule} ${message}`;
  const siret = /cl[ée] SIRET/i.test(text);
  const siren = /cl[ée] SIREN/i.test(text);
  const nic = /cl[ée] NIC/i.test(text);
  if (maxLength === 14) return siren && !siret ? 'siren-of-siret' : 'siret';
  if (maxLength === 9) return 'siren';
  if (maxLength === 5) return 'nic';
  if (siret) return 'siret';
  if (nic) return 'nic';
  if (siren) return 'siren';
  return undefined;
}

/**
 * Build the check model of a version. Pure: no I/O; the result is plain JSON.
 * `family` (optional) gives where the version and the nature are declared.
 */
export function buildCheckModel(v: ResolvedVersion, family?: Family): CheckModel {
  const datatypes: Record<string, CheckDatatype> = {};
  for (const [id, t] of v.datatypes) datatypes[id] = checkDatatype(t);

  const published = v.meta.usages?.status === 'publié' || v.meta.usages?.status === 'inféré';
  const natures = published ? (v.meta.usages.natures ?? []).map((n) => ({ code: n.code, label: n.label })) : [];
  const usages: CheckModel['usages'] = { published, natures };
  if (v.meta.usages?.status === 'inféré') usages.inferredFrom = (v.meta.usages.inferredFrom ?? []).map((x) => x.version);

  const personBlocks = new Set<string>();
  for (const b of v.blocks.values()) {
    if (b.rubriques.some((r) => PERSON_MARKER.test(r.name) || /nir|ddn/i.test(r.datatype))) personBlocks.add(b.id);
  }

  const blocks: CheckBlock[] = [];
  const byId = new Map<string, CheckRubrique>();
  for (const b of v.blocks.values()) {
    const cb: CheckBlock = {
      id: b.id,
      name: b.name,
      parent: b.parent ?? null,
      min: b.cardinality.min,
      max: b.cardinality.max === '*' ? null : b.cardinality.max,
      rubriques: [],
    };
    for (const r of b.rubriques) {
      const cr = checkRubrique(r, b, datatypes[r.datatype], personBlocks.has(b.id), published);
      cb.rubriques.push(cr);
      byId.set(cr.id, cr);
    }
    blocks.push(cb);
  }

  // NIC keys: the SIREN is the nearest SIREN-keyed rubrique in the block or its ancestors.
  const blockOf = new Map<string, Block>([...v.blocks.values()].map((b) => [b.id, b]));
  for (const cb of blocks) {
    for (const cr of cb.rubriques) {
      if (!cr.keys) continue;
      cr.keys = cr.keys.filter((k) => {
        if (k.kind !== 'nic') return true;
        const companion = findSirenCompanion(cb.id, blocks, blockOf);
        if (!companion) return false;
        k.companion = companion;
        return true;
      });
      if (!cr.keys.length) delete cr.keys;
    }
  }

  const controlCounts: Record<string, number> = {};
  for (const c of v.controls.values()) controlCounts[c.control.family] = (controlCounts[c.control.family] ?? 0) + 1;

  return {
    format: CHECK_MODEL_FORMAT,
    family: v.family,
    version: v.id,
    key: v.key,
    label: v.meta.name,
    roles: findRoles(v, byId, family),
    usages,
    blocks,
    datatypes,
    controlCounts,
  };
}

/** Check form of a datatype (what the checker's value check needs). */
export function checkDatatype(t: Datatype): CheckDatatype {
  const d: CheckDatatype = { nature: t.nature };
  if (t.minLength !== undefined) d.min = t.minLength;
  if (t.maxLength !== undefined) d.max = t.maxLength;
  if (t.regexp) {
    const c = compileFullMatch(t.regexp);
    if (c.ok) {
      d.re = c.re.source;
      d.regexp = t.regexp;
    }
  }
  if (t.nature === 'Enumeration' && t.values?.length) d.codes = t.values.map((x) => x.code);
  if (t.nature === 'ExternalReferential') d.referential = t.description ?? t.name ?? t.referential ?? 'référentiel externe';
  return d;
}

/** Check form of a rubrique: usage, masking, key and calendar controls read from its CSL controls. */
export function checkRubrique(r: Rubrique, b: Block, t: CheckDatatype | undefined, personBlock: boolean, published: boolean): CheckRubrique {
  const cr: CheckRubrique = { id: r.id, name: r.name, num: rubriqueNumber(r.id), datatype: r.datatype };
  if (published && r.usage && Object.keys(r.usage).length) {
    cr.usage = { ...r.usage };
    if (r.usageProvenance) cr.usageFrom = [...r.usageProvenance.from];
  }
  const personal = PERSONAL_LABEL.test(r.name) || PERSONAL_DATATYPE.test(r.datatype) || (personBlock && t?.nature !== 'Enumeration');
  if (personal) cr.masked = true;
  const controls = r.controls ?? [];
  if (controls.length) cr.controls = controls.map((c) => c.id);
  for (const c of controls) {
    if (c.family !== 'CSL') continue;
    if (KEY_RULE.test(c.rule)) {
      const kind = keyKind(c.rule, c.message, t?.max);
      if (!kind) continue;
      const k: KeyCheck = { kind, control: c.id };
      const m = cleanMessage(c.message);
      if (m) k.message = m;
      (cr.keys ??= []).push(k);
    } else if (CALENDAR_RULE.test(c.rule) && !cr.calendar) {
      cr.calendar = { control: c.id, exceptions: calendarExceptions(c.rule) };
      const m = cleanMessage(c.message);
      if (m) cr.calendar.message = m;
    }
  }
  void b;
  return cr;
}

function findSirenCompanion(blockId: string, blocks: CheckBlock[], blockOf: Map<string, Block>): string | undefined {
  const cbOf = new Map(blocks.map((b) => [b.id, b]));
  let cur: string | null | undefined = blockId;
  while (cur) {
    const cb = cbOf.get(cur);
    const hit = cb?.rubriques.find((r) => r.keys?.some((k) => k.kind === 'siren'));
    if (hit) return hit.id;
    cur = blockOf.get(cur)?.parent;
  }
  return undefined;
}

function findRoles(v: ResolvedVersion, byId: Map<string, CheckRubrique>, family?: Family): CheckRoles {
  const roles: CheckRoles = {};
  const byTech = (re: RegExp) => [...v.rubriques.values()].find((e) => e.rubrique.technicalName && re.test(e.rubrique.technicalName))?.rubrique.id;
  const pick = (declared: string | undefined, role: keyof typeof ROLE_BY_TECHNICAL_NAME) => {
    if (declared && byId.has(declared)) return declared;
    const t = byTech(ROLE_BY_TECHNICAL_NAME[role].names);
    if (t) return t;
    return byId.has(ROLE_BY_TECHNICAL_NAME[role].fallback) ? ROLE_BY_TECHNICAL_NAME[role].fallback : undefined;
  };
  const version = pick(family?.versionDeclaredIn, 'version');
  if (version) roles.version = version;
  const nature = pick(family?.natureDeclaredIn, 'nature');
  if (nature) {
    roles.nature = nature;
    roles.declarationBlock = v.rubriques.get(nature)!.block.id;
  }
  const tr = pick(undefined, 'totalRubriques');
  if (tr) roles.totalRubriques = tr;
  const td = pick(undefined, 'totalDeclarations');
  if (td) roles.totalDeclarations = td;
  const ind = [...v.blocks.values()].find((b) => b.rubriques.some((r) => r.technicalName?.startsWith('Individu.')));
  if (ind) roles.individualBlock = ind.id;
  return roles;
}
