/** Runtime form of a CheckModel: maps, sets and compiled regexps (built once per check). */
import type { CalendarCheck, CheckDatatype, CheckModel, KeyCheck } from './model.ts';
import type { UsageCode } from '../model/types.ts';
import { compileAsciiDfa, type AsciiDfa } from './dfa.ts';

export interface RtDatatype {
  id: string;
  nature: CheckDatatype['nature'];
  min: number;
  max: number;
  /** nature === 'Date' (a calendar date, JJMMAAAA). */
  isDate: boolean;
  re?: RegExp;
  regexp?: string;
  codes?: Set<string>;
  /** codeKey of the codes that have one (a value whose codeKey is here is one of the codes). */
  codeKeys?: Set<number>;
  codeList?: string[];
  referential?: string;
  /**
   * Table of `regexp` over ASCII characters (see dfa.ts), compiled on first use by `dfaOf`;
   * null when the regexp is outside the compiled subset (the regexp itself is then used).
   */
  dfa?: AsciiDfa | null;
}

export interface RtRubrique {
  id: string;
  name: string;
  num: number;
  /** Index in the block's rubriques. */
  index: number;
  /** Global tree order (for sorting reports). */
  order: number;
  block: RtBlock;
  dt: RtDatatype;
  usage?: Record<string, UsageCode>;
  /**
   * Usage I or N somewhere in `usage` (else the usage can never give a finding), and per nature
   * of CompiledModel.natures (by index): 1 for I, 2 for N, 0 otherwise. Undefined without I/N.
   */
  forbiddenFor?: Uint8Array;
  /** Inferred usage: from which versions' tables, and whether a finding on it is « non bloquant » (one table only). */
  inferred?: { from: string[]; weak: boolean };
  masked: boolean;
  keys?: KeyCheck[];
  calendar?: CalendarCheck;
  controls: string[];
  /** Controls verified by this checker (keys, calendar). */
  verified: ReadonlySet<string>;
  /** Another rubrique's key check needs this value. */
  companion: boolean;
  /** Role of the rubrique (see ROLE_*), 0 for none: avoids string compares per line. */
  role: number;
  /**
   * How the checker may accept the value on the line itself, without taking it out as a string,
   * when nothing but its datatype looks at it (no role, key, calendar, companion): QUICK_*.
   */
  quick: number;
}

/** The value is not accepted on the line: it is taken out and checked by valueProblem. */
export const QUICK_NONE = 0;
/** dt.codeKeys holds the codeKey of every code of the list that has one: a value whose codeKey is there is valid. */
export const QUICK_CODES = 1;
/** No code list: length, then the regexp's table (dt.dfa), then the calendar for a date. */
export const QUICK_VALUE = 2;

export const ROLE_NATURE = 1;
export const ROLE_VERSION = 2;
export const ROLE_TOTAL_RUBRIQUES = 3;
export const ROLE_TOTAL_DECLARATIONS = 4;

export interface RtBlock {
  id: string;
  name: string;
  parent: RtBlock | null;
  min: number;
  max: number;
  /** Position among the parent's children. */
  childIndex: number;
  /** 0 for the virtual root, then 1, 2… in tree order (the checker's per-block arrays). */
  ordinal: number;
  children: RtBlock[];
  rubriques: RtRubrique[];
  /** Per nature: is the block used (some rubrique O/C/F, or usage unknown)? */
  usedFor: Map<string, boolean>;
  /** Per nature, by index in CompiledModel.natures: rubriques with usage O. */
  mandatoryFor: RtRubrique[][];
  /** Rubriques with usage O for every nature of the table (checked when the nature is absent). */
  mandatoryAll: RtRubrique[];
}

export interface CompiledModel {
  model: CheckModel;
  /** Virtual root: its children are the blocks without parent. */
  root: RtBlock;
  blocks: Map<string, RtBlock>;
  rubriques: Map<string, RtRubrique>;
  /** The same rubriques by rubriqueKey of their id. */
  byKey: Map<number, RtRubrique>;
  /**
   * The checker's lookup, no string per line: by blockKey of the id, the rubriques by number
   * (the last 3 digits). Consecutive lines mostly share their block: one Map lookup per block.
   */
  byBlockKey: Map<number, Array<RtRubrique | undefined>>;
  /** The rubriques in tree order (RtRubrique.order). */
  byOrder: RtRubrique[];
  natures: string[];
  /** Top block of an envoi (the block of the version rubrique, S10.G00.00): a new instance starts a new envoi. */
  envoiBlock?: RtBlock;
}

const UNBOUNDED = Number.POSITIVE_INFINITY;
const NONE_VERIFIED: ReadonlySet<string> = new Set();

/** `S21.G00.30.001` */
export const ID_LENGTH = 14;

/**
 * Numeric key of the rubrique id at `text[s, s + 14)` when it has the form S99.G99.99.999 (its nine
 * digits, a small integer), else -1. Same ids as RUBRIQUE_ID, without a string or a regexp.
 */
export function rubriqueKey(text: string, s: number): number {
  const b = blockKey(text, s);
  const n = b < 0 ? -1 : numKey(text, s);
  return n < 0 ? -1 : b * 1000 + n;
}

/** Key of the block part `S99.G99.99.` of the id at `text[s…]` (its six digits, and the dot after), else -1. */
export function blockKey(text: string, s: number): number {
  if (text.length < s + ID_LENGTH) return -1;
  if (text.charCodeAt(s) !== 83 || text.charCodeAt(s + 3) !== 46 || text.charCodeAt(s + 4) !== 71 || text.charCodeAt(s + 7) !== 46 || text.charCodeAt(s + 10) !== 46) return -1;
  const d1 = text.charCodeAt(s + 1) - 48;
  const d2 = text.charCodeAt(s + 2) - 48;
  const d5 = text.charCodeAt(s + 5) - 48;
  const d6 = text.charCodeAt(s + 6) - 48;
  const d8 = text.charCodeAt(s + 8) - 48;
  const d9 = text.charCodeAt(s + 9) - 48;
  // Each is a digit (0..9): one unsigned comparison each, written out (no call per digit while the
  // code is still interpreted); the length checked above, no NaN.
  if (d1 >>> 0 > 9 || d2 >>> 0 > 9 || d5 >>> 0 > 9 || d6 >>> 0 > 9 || d8 >>> 0 > 9 || d9 >>> 0 > 9) return -1;
  return ((((d1 * 10 + d2) * 10 + d5) * 10 + d6) * 10 + d8) * 10 + d9;
}

/** The rubrique number `999` of the id at `text[s…]` (characters 11 to 13), else -1. */
export function numKey(text: string, s: number): number {
  if (text.length < s + ID_LENGTH) return -1;
  const d11 = text.charCodeAt(s + 11) - 48;
  const d12 = text.charCodeAt(s + 12) - 48;
  const d13 = text.charCodeAt(s + 13) - 48;
  if (d11 >>> 0 > 9 || d12 >>> 0 > 9 || d13 >>> 0 > 9) return -1;
  return (d11 * 10 + d12) * 10 + d13;
}


/**
 * Numeric key of a short ASCII value `text[s, e)` (1 to 4 characters, codes 1–127; base 128,
 * so distinct values have distinct keys), else -1. Code lists are mostly such values.
 */
export function codeKey(text: string, s: number, e: number): number {
  if (e - s < 1 || e - s > 4) return -1;
  let k = 0;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (!(c >= 1 && c <= 127)) return -1;
    k = k * 128 + c;
  }
  return k;
}

/** A datatype with every field present (one object shape, see compileCheckModel). */
function datatype(id: string, nature: RtDatatype['nature'], min: number, max: number): RtDatatype {
  return { id, nature, min, max, isDate: nature === 'Date', re: undefined, regexp: undefined, codes: undefined, codeKeys: undefined, codeList: undefined, referential: undefined, dfa: undefined };
}

/** Runtime form of one datatype of a check model. */
export function compileDatatype(id: string, d: CheckDatatype): RtDatatype {
  const rt = datatype(id, d.nature, d.min ?? 0, d.max ?? UNBOUNDED);
  if (d.re) {
    rt.re = new RegExp(d.re, 'u');
    rt.regexp = d.regexp;
  }
  if (d.codes) {
    rt.codes = new Set(d.codes);
    rt.codeKeys = new Set(d.codes.map((code) => codeKey(code, 0, code.length)).filter((k) => k >= 0));
    rt.codeList = d.codes;
  }
  if (d.referential) rt.referential = d.referential;
  return rt;
}

export function compileCheckModel(model: CheckModel): CompiledModel {
  const dts = new Map<string, RtDatatype>();
  for (const [id, d] of Object.entries(model.datatypes)) dts.set(id, compileDatatype(id, d));
  const unknownType = (id: string): RtDatatype => datatype(id, 'Alphanumeric', 0, UNBOUNDED);

  const root: RtBlock = { id: '', name: 'fichier', parent: null, min: 1, max: 1, childIndex: 0, ordinal: 0, children: [], rubriques: [], usedFor: new Map(), mandatoryFor: [], mandatoryAll: [] };
  const blocks = new Map<string, RtBlock>();
  const rubriques = new Map<string, RtRubrique>();
  const natures = model.usages.published ? model.usages.natures.map((n) => n.code) : [];
  let order = 0;
  for (const b of model.blocks) {
    const rb: RtBlock = {
      id: b.id,
      name: b.name,
      parent: null,
      min: b.min,
      max: b.max ?? UNBOUNDED,
      childIndex: 0,
      ordinal: blocks.size + 1,
      children: [],
      rubriques: [],
      usedFor: new Map(),
      mandatoryFor: [],
      mandatoryAll: [],
    };
    blocks.set(b.id, rb);
    b.rubriques.forEach((r, index) => {
      const rr: RtRubrique = {
        id: r.id,
        name: r.name,
        num: r.num,
        index,
        order: order++,
        block: rb,
        dt: dts.get(r.datatype) ?? unknownType(r.datatype),
        masked: r.masked === true,
        controls: r.controls ?? [],
        verified: r.keys || r.calendar ? new Set([...(r.keys ?? []).map((k) => k.control), ...(r.calendar ? [r.calendar.control] : [])]) : NONE_VERIFIED,
        companion: false,
        role: 0,
        quick: QUICK_NONE,
        // Every field present from the start: one object shape for all rubriques (the checker's
        // property accesses stay monomorphic).
        usage: undefined,
        forbiddenFor: undefined,
        inferred: undefined,
        keys: undefined,
        calendar: undefined,
      };
      if (r.usage) {
        rr.usage = r.usage;
        if (Object.values(r.usage).some((u) => u === 'I' || u === 'N')) rr.forbiddenFor = Uint8Array.from(natures, (n) => (r.usage![n] === 'I' ? 1 : r.usage![n] === 'N' ? 2 : 0));
      }
      if (r.usageFrom) rr.inferred = { from: r.usageFrom, weak: r.usageFrom.length < 2 };
      if (r.keys) rr.keys = r.keys;
      if (r.calendar) rr.calendar = r.calendar;
      rb.rubriques.push(rr);
      rubriques.set(r.id, rr);
    });
  }
  for (const b of model.blocks) {
    const rb = blocks.get(b.id)!;
    const parent = b.parent ? blocks.get(b.parent) : undefined;
    const p = parent ?? root;
    rb.parent = parent ?? null;
    rb.childIndex = p.children.length;
    p.children.push(rb);
  }
  for (const rr of rubriques.values()) {
    for (const k of rr.keys ?? []) {
      if (k.companion) {
        const c = rubriques.get(k.companion);
        if (c) c.companion = true;
      }
    }
  }
  const roles: Array<[string | undefined, number]> = [
    [model.roles.nature, ROLE_NATURE],
    [model.roles.version, ROLE_VERSION],
    [model.roles.totalRubriques, ROLE_TOTAL_RUBRIQUES],
    [model.roles.totalDeclarations, ROLE_TOTAL_DECLARATIONS],
  ];
  for (const [id, role] of roles) {
    const r = id ? rubriques.get(id) : undefined;
    if (r) r.role = role;
  }
  for (const rb of blocks.values()) {
    for (const n of natures) {
      const withUsage = rb.rubriques.filter((r) => r.usage?.[n] !== undefined);
      const used = withUsage.length === 0 || rb.rubriques.some((r) => {
        const u = r.usage?.[n];
        return u === undefined || u === 'O' || u === 'C' || u === 'F';
      });
      rb.usedFor.set(n, used);
      rb.mandatoryFor.push(rb.rubriques.filter((r) => r.usage?.[n] === 'O'));
    }
    if (natures.length) rb.mandatoryAll = rb.rubriques.filter((r) => natures.every((n) => r.usage?.[n] === 'O'));
  }
  const versionBlock = model.roles.version ? rubriques.get(model.roles.version)?.block : undefined;
  const envoiBlock = versionBlock && versionBlock.parent === null ? versionBlock : undefined;
  for (const rr of rubriques.values()) {
    if (rr.role !== 0 || rr.companion || rr.keys || rr.calendar) continue;
    if (rr.dt.codes) {
      if (rr.dt.codeKeys?.size) rr.quick = QUICK_CODES;
    } else rr.quick = QUICK_VALUE;
  }
  const byKey = new Map<number, RtRubrique>();
  const byBlockKey = new Map<number, Array<RtRubrique | undefined>>();
  for (const rr of rubriques.values()) {
    const k = rr.id.length === ID_LENGTH ? rubriqueKey(rr.id, 0) : -1;
    if (k < 0) continue;
    byKey.set(k, rr);
    const b = Math.floor(k / 1000);
    let row = byBlockKey.get(b);
    if (!row) byBlockKey.set(b, (row = []));
    row[k % 1000] = rr;
  }
  const byOrder = [...rubriques.values()].sort((a, b) => a.order - b.order);
  return { model, root, blocks, rubriques, byKey, byBlockKey, byOrder, natures, envoiBlock };
}

const dfas = new Map<string, AsciiDfa | null>();

/**
 * The table of a datatype's regexp (compiled once per regexp, on first use), or null when there is
 * none or it is not compiled (the value is then checked by the regexp). The table is only used
 * for the full match the checker runs (`re` is `^(?:regexp)$`, flag u).
 */
export function dfaOf(t: RtDatatype): AsciiDfa | null {
  if (t.dfa !== undefined) return t.dfa;
  let d: AsciiDfa | null = null;
  if (t.re && t.regexp !== undefined && t.re.flags === 'u' && t.re.source === new RegExp(`^(?:${t.regexp})$`, 'u').source) {
    d = dfas.get(t.regexp) ?? null;
    if (!dfas.has(t.regexp)) dfas.set(t.regexp, (d = compileAsciiDfa(t.regexp) ?? null));
  }
  t.dfa = d;
  return d;
}
