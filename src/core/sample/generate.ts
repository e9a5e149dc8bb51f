/**
 * Synthetic flat file generator: a DSN/PASRAU envoi that satisfies the registry as the checker
 * reads it (structure and cardinalities, datatypes, code lists, usages of the chosen nature,
 * key controls, totals). Pure and streaming: yields lines, never holds the file.
 *
 * The values are random but deterministic for a seed; they mean nothing (no real person, no
 * real company) and the prose controls (CCH, SIG…) are not taken into account.
 */
import { compileCheckModel, type CompiledModel, type RtBlock, type RtRubrique } from '../check/compile.ts';
import type { CheckModel } from '../check/model.ts';
import { valueProblem } from '../check/value.ts';
import { keyVerdict, luhnDigit, makeIban, ribKey } from '../check/keys.ts';
import { calendarCheck, daysInMonth } from '../check/dates.ts';
import { createRng, type Rng } from './rng.ts';
import { generate, parseRegexp, type RegexpNode } from './regex-gen.ts';

export interface SampleOptions {
  /** Number of individuals (block of role `individualBlock`). Default 3. */
  salaries?: number;
  seed?: string | number;
  /** Declaration nature (code of the nature rubrique's list). Default `01`. */
  nature?: string;
  /** Probability of emitting an optional block / a conditional rubrique (default 0.3 / 0.5). */
  optionalBlocks?: number;
  conditionalRubriques?: number;
}

export class SampleError extends Error {}

const POOL = 24;
const TRIES = 400;

/**
 * Generate a sample envoi. Throws SampleError (French message) when the options do not fit
 * the version (unknown nature…) or a datatype cannot be satisfied.
 */
export function* generateSample(model: CheckModel | CompiledModel, opts: SampleOptions = {}): Generator<string> {
  const cm = 'root' in model ? model : compileCheckModel(model);
  const g = new SampleGenerator(cm, opts);
  yield* g.run();
}

/** `01` (DSN mensuelle) when the version has it, else the first code of the nature list. */
export function defaultNature(cm: CompiledModel): string {
  const r = cm.model.roles.nature ? cm.rubriques.get(cm.model.roles.nature) : undefined;
  const codes = r?.dt.codeList;
  return !codes || codes.includes('01') ? '01' : codes[0];
}

class SampleGenerator {
  private cm: CompiledModel;
  private rng: Rng;
  private nature: string;
  private salaries: number;
  private pOptional: number;
  private pConditional: number;
  private subsets = new Map<RtBlock, RtRubrique[]>();
  private pools = new Map<RtRubrique, string[]>();
  private asts = new Map<string, RegexpNode>();
  /** Latest value of rubriques needed by key checks (SIREN of a NIC). */
  private values = new Map<string, string>();
  private emitted = 0;
  /** Blocks above the individual block: always emitted so that individuals can be. */
  private ancestors = new Set<RtBlock>();
  private declarations = 0;

  constructor(cm: CompiledModel, opts: SampleOptions) {
    this.cm = cm;
    this.rng = createRng(opts.seed ?? 1);
    this.nature = opts.nature ?? defaultNature(cm);
    this.salaries = opts.salaries ?? 3;
    this.pOptional = opts.optionalBlocks ?? 0.3;
    this.pConditional = opts.conditionalRubriques ?? 0.5;
    const roles = cm.model.roles;
    if (roles.nature) {
      const r = cm.rubriques.get(roles.nature)!;
      if (r.dt.codes && !r.dt.codes.has(this.nature)) {
        throw new SampleError(`nature « ${this.nature} » absente de la liste ${r.dt.id} de ${cm.model.key} (valeurs : ${r.dt.codeList!.join(', ')})`);
      }
    }
    const ind = roles.individualBlock ? cm.blocks.get(roles.individualBlock) : undefined;
    for (let b = ind?.parent; b; b = b.parent) this.ancestors.add(b);
    if (!Number.isInteger(this.salaries) || this.salaries < 0) throw new SampleError(`nombre de salariés invalide : ${this.salaries}`);
  }

  *run(): Generator<string> {
    for (const B of this.cm.root.children) yield* this.blockInstances(B);
  }

  private used(B: RtBlock): boolean {
    return !this.cm.natures.length || B.usedFor.get(this.nature) !== false;
  }

  private count(B: RtBlock): number {
    if (B.id === this.cm.model.roles.individualBlock) return Math.min(this.salaries, B.max);
    if (B.id === this.cm.model.roles.declarationBlock) return Math.max(1, B.min);
    if (this.salaries > 0 && this.ancestors.has(B)) return Math.max(1, B.min);
    if (B.min >= 1) return B.max > B.min && this.rng.chance(0.15) ? B.min + 1 : B.min;
    return B.max >= 1 && this.rng.chance(this.pOptional) ? 1 : 0;
  }

  private *blockInstances(B: RtBlock): Generator<string> {
    if (!this.used(B)) return;
    const n = this.count(B);
    for (let i = 0; i < n; i++) yield* this.instance(B);
  }

  private *instance(B: RtBlock): Generator<string> {
    if (B.id === this.cm.model.roles.declarationBlock) this.declarations++;
    const subset = this.subset(B);
    const roles = this.cm.model.roles;
    for (const r of subset) {
      let value: string;
      if (r.id === roles.version) value = this.cm.model.version;
      else if (r.id === roles.nature) value = this.nature;
      else if (r.id === roles.totalRubriques) value = String(this.emitted + subset.length);
      else if (r.id === roles.totalDeclarations) value = String(this.declarations);
      else value = this.value(r);
      if (r.companion) this.values.set(r.id, value);
      this.emitted++;
      yield `${r.id},'${value}'`;
    }
    for (const C of B.children) yield* this.blockInstances(C);
  }

  /**
   * Rubriques emitted for every instance of a block (fixed per sample, so that consecutive
   * instances are told apart: the first number is never greater than the last one).
   */
  private subset(B: RtBlock): RtRubrique[] {
    let s = this.subsets.get(B);
    if (s) return s;
    const roles = this.cm.model.roles;
    const forced = new Set([roles.version, roles.nature, roles.totalRubriques, roles.totalDeclarations]);
    const withUsage = this.cm.natures.length > 0;
    const candidates: RtRubrique[] = [];
    s = [];
    for (const r of B.rubriques) {
      const u = withUsage ? r.usage?.[this.nature] : undefined;
      if (u === 'I' || u === 'N') continue;
      // Without a usage table, keep the first rubrique of each block (the identifying one:
      // SIREN, NIR, start date…) and those with a key or calendar control, so that the
      // sample stays realistic and exercises the checks.
      const keep = !withUsage && (r.index === 0 || r.keys !== undefined || r.calendar !== undefined);
      const required = u === 'O' || forced.has(r.id);
      // A datatype nothing can satisfy (e.g. Nombre_1_3 of the earlier Coog P19V01 copy: format needs 4 characters, length
      // at most 3) is a defect of the norm data: optional rubriques using it are left out.
      if (!required && !this.producible(r)) continue;
      if (required || keep) s.push(r);
      else {
        candidates.push(r);
        if (this.rng.chance(this.pConditional)) s.push(r);
      }
    }
    if (!s.length && candidates.length) s.push(this.rng.pick(candidates));
    // A NIC needs its SIREN: keep the companion when the keyed rubrique is emitted.
    for (const r of [...s]) {
      for (const k of r.keys ?? []) {
        const c = k.companion ? this.cm.rubriques.get(k.companion) : undefined;
        if (c && c.block === B && !s.includes(c)) s.push(c);
      }
    }
    s.sort((a, b) => a.index - b.index);
    this.subsets.set(B, s);
    return s;
  }

  // ---- values ----------------------------------------------------------------------------

  private value(r: RtRubrique): string {
    if (r.keys?.length) {
      for (let i = 0; i < TRIES; i++) {
        const v = this.keyed(r);
        if (this.acceptable(r, v)) return v;
      }
      throw new SampleError(`impossible de produire une valeur valide pour ${r.id} (${r.dt.id}, clé)`);
    }
    let pool = this.pools.get(r);
    if (!pool) {
      pool = this.makePool(r);
      this.pools.set(r, pool);
    }
    return this.rng.pick(pool);
  }

  private producible(r: RtRubrique): boolean {
    if (r.keys?.length || this.cm.model.roles.version === r.id) return true;
    try {
      this.value(r);
      return true;
    } catch (e) {
      if (e instanceof SampleError) return false;
      throw e;
    }
  }

  private acceptable(r: RtRubrique, v: string): boolean {
    if (valueProblem(r, v)) return false;
    for (const k of r.keys ?? []) {
      const siren = k.kind === 'nic' ? this.values.get(k.companion!) : undefined;
      if (keyVerdict(k.kind, v, siren) === false) return false;
    }
    return true;
  }

  private keyed(r: RtRubrique): string {
    const kinds = new Set(r.keys!.map((k) => k.kind));
    const digits = (n: number) => Array.from({ length: n }, () => this.rng.int(0, 9)).join('');
    const siren = () => {
      const body = String(this.rng.int(1, 9)) + digits(7);
      return body + luhnDigit(body);
    };
    if (kinds.has('iban') || kinds.has('bban')) {
      const banque = String(this.rng.int(10000, 99999));
      const guichet = digits(5);
      const compte = digits(11);
      return makeIban('FR', banque + guichet + compte + ribKey(banque, guichet, compte));
    }
    if (kinds.has('nic')) {
      const k = r.keys!.find((x) => x.kind === 'nic')!;
      const s = this.values.get(k.companion!) ?? siren();
      const body = digits(4);
      return body + luhnDigit(s + body);
    }
    if (kinds.has('siret') || kinds.has('siren-of-siret')) {
      const body = siren() + digits(4);
      return body + luhnDigit(body);
    }
    return siren();
  }

  private makePool(r: RtRubrique): string[] {
    const t = r.dt;
    if (t.codeList) return t.codeList;
    const out = new Set<string>();
    let tries = 0;
    while (out.size < POOL && tries++ < TRIES * 4) {
      const v = this.candidate(r);
      if (v !== undefined && !valueProblem(r, v)) out.add(v);
    }
    if (!out.size) throw new SampleError(`impossible de produire une valeur valide pour ${r.id} (type ${t.id}${t.regexp ? `, format ${t.regexp}` : ''})`);
    return [...out];
  }

  private candidate(r: RtRubrique): string | undefined {
    const t = r.dt;
    const maxLen = Number.isFinite(t.max) ? t.max : 20;
    if (t.regexp) {
      let ast = this.asts.get(t.regexp);
      if (!ast) {
        try {
          ast = parseRegexp(t.regexp);
        } catch {
          return undefined;
        }
        this.asts.set(t.regexp, ast);
      }
      // Plausible dates first (2000–2026), the regexp decides.
      if ((t.nature === 'Date' || r.calendar) && this.rng.chance(0.7)) {
        const d = this.date();
        if (t.re!.test(d) && d.length >= t.min && d.length <= t.max) return d;
      }
      const v = generate(ast, this.rng, maxLen);
      if ((t.nature === 'Date' || r.calendar) && calendarCheck(v, r.calendar?.exceptions ?? []) === 'invalid') return undefined;
      return v;
    }
    const min = Math.max(1, t.min);
    const len = this.rng.int(min, Math.max(min, Math.min(maxLen, min + 12)));
    if (t.nature === 'Date') return this.date();
    if (t.nature === 'Numeric') return String(this.rng.int(1, 9)) + Array.from({ length: len - 1 }, () => this.rng.int(0, 9)).join('');
    return this.word(len);
  }

  private date(): string {
    const y = this.rng.int(2000, 2026);
    const m = this.rng.int(1, 12);
    const d = this.rng.int(1, daysInMonth(m, y));
    return String(d).padStart(2, '0') + String(m).padStart(2, '0') + String(y);
  }

  private word(len: number): string {
    const C = 'BCDFGHJKLMNPRSTVZ';
    const V = 'AEIOU';
    let s = '';
    while (s.length < len) s += s.length % 2 ? V[this.rng.int(0, V.length - 1)] : C[this.rng.int(0, C.length - 1)];
    return s;
  }
}
