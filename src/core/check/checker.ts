/**
 * Streaming checker of a flat DSN/PASRAU file (`S21.G00.30.001,'valeur'`, one rubrique a line).
 *
 * Push API: `push(line)` or `pushText(chunk)`, then `end()` → report. Memory is bounded: only
 * the stack of open block instances (with per-child counters), a few totals, the set of
 * rubriques seen and at most `maxFindings` findings are kept, whatever the file size.
 *
 * Block instances are rebuilt from rubrique order: a rubrique whose number is not greater than
 * the previous one of the same block starts a new instance; a block attaches to the latest
 * open instance of its parent.
 */
import { valueProblem } from './value.ts';
import { keyVerdict } from './keys.ts';
import { calendarCheckAt } from './dates.ts';
import { dfaAccepts } from './dfa.ts';
import { blockKey, codeKey, compileCheckModel, dfaOf, ID_LENGTH, numKey, QUICK_CODES, QUICK_NONE, ROLE_NATURE, ROLE_TOTAL_DECLARATIONS, ROLE_TOTAL_RUBRIQUES, ROLE_VERSION, type CompiledModel, type RtBlock, type RtDatatype, type RtRubrique } from './compile.ts';
import type { CheckModel, KeyCheck } from './model.ts';
import { RULES, type RuleId, type Severity } from './rules.ts';
import { showValue } from './mask.ts';
import { windows1252Byte, WINDOWS_1252_REPLACEMENTS } from './encoding.ts';
// Rubriques of the lot envelope (S05 en-tête de lot, S06 compte rendu, S95/S96 fin de lot) wrap
// several envois deposited in one file; they are not part of the norm's tables.
import { LOT_ENVELOPE_ID as LOT_ENVELOPE, RUBRIQUE_ID } from '../model/ids.ts';

export interface Finding {
  /** 1-based line of the file. */
  line: number;
  rubrique?: string;
  rule: RuleId;
  severity: Severity;
  /** French, personal values masked. */
  message: string;
  /** Related control of the norm, e.g. `S21.G00.06.001/CSL-11`. */
  control?: string;
}

export interface UnverifiedRubrique {
  rubrique: string;
  name: string;
  /** Control ids of the norm attached to the rubrique and not verified automatically. */
  controls: string[];
}

export interface CheckReport {
  /** `dsn/P26V01` */
  version: string;
  versionLabel: string;
  /** Value of the version rubrique in the file (absent if missing). */
  declaredVersion?: string;
  /** Physical lines read (including empty ones). */
  lines: number;
  /** Non-empty lines (what S90.G00.90.001 counts). */
  rubriques: number;
  declarations: number;
  /** Envois in the file (repeated S10…S90 sequences, e.g. inside a lot envelope). */
  envois: number;
  /** Lines of the lot envelope (S05, S06, S95, S96) around the envois: not checked. */
  envelopeLines: number;
  /** Declared natures, in order of appearance (distinct). */
  natures: string[];
  findings: Finding[];
  /** Findings not kept because of `maxFindings` (still counted below). */
  omittedFindings: number;
  counts: { bloquant: number; 'non bloquant': number; byRule: Partial<Record<RuleId, number>> };
  verified: {
    /** Controls of the norm this checker applies, among the rubriques present. */
    controls: string[];
  };
  unverified: {
    /** Controls written only as prose, among the rubriques present, per family. */
    byFamily: Record<string, number>;
    total: number;
    byRubrique: UnverifiedRubrique[];
    /** Other checks not made (usage table not published, external referentials…). */
    notes: string[];
  };
}

export interface CheckOptions {
  /** Findings kept in the report (the others are only counted). Default 1000. */
  maxFindings?: number;
  /** Encoding the text was decoded from: with ISO-8859-1, Windows-1252 characters are reported. */
  encoding?: 'UTF-8' | 'ISO-8859-1';
}

interface Instance {
  block: RtBlock;
  /** Parent instance, or null for an orphan (block found outside its parent). */
  parent: Instance | null;
  startLine: number;
  lastNum: number;
  childCounts: number[];
  present: number[];
  /** Values of rubriques other key checks need (SIREN for a NIC). */
  values?: Map<string, string>;
}

/** Small plain arrays are cheaper to allocate than typed arrays (one per block instance). */
function zeros(n: number): number[] {
  const a = new Array<number>(n);
  for (let i = 0; i < n; i++) a[i] = 0;
  return a;
}

const NOT_LATIN1 = /[^\u0000-\u00ff]/;
const PENDING_CAP = 10_000;
/** Longest line kept while waiting for its end (a DSN line is well under 1 000 characters). */
const MAX_LINE = 64 * 1024;

export interface Checker {
  /** One line, without its end-of-line (a trailing CR is removed). */
  push(line: string): void;
  /** Any chunk of text: split into lines, the last partial line is kept for the next chunk. */
  pushText(chunk: string): void;
  end(): CheckReport;
}

export function createChecker(model: CheckModel | CompiledModel, opts: CheckOptions = {}): Checker {
  const cm = 'root' in model ? model : compileCheckModel(model);
  return new FileChecker(cm, opts);
}

/** Check a whole text (tests, small files). */
export function checkText(model: CheckModel | CompiledModel, text: string, opts: CheckOptions = {}): CheckReport {
  const c = createChecker(model, opts);
  c.pushText(text);
  return c.end();
}

/** Check lines from any (async) iterable. */
export async function checkLines(model: CheckModel | CompiledModel, lines: Iterable<string> | AsyncIterable<string>, opts: CheckOptions = {}): Promise<CheckReport> {
  const c = createChecker(model, opts);
  for await (const l of lines) c.push(l);
  return c.end();
}

class FileChecker implements Checker {
  private cm: CompiledModel;
  private maxFindings: number;
  private findings: Finding[] = [];
  private omitted = 0;
  private counts = { bloquant: 0, 'non bloquant': 0, byRule: {} as Partial<Record<RuleId, number>> };
  private lineNo = 0;
  private nonEmpty = 0;
  /** Envoi being read (1-based), its first line, its rubriques and declarations (what S90 counts). */
  private envoi = 1;
  private envoiStart = 1;
  private envoiLast = 0;
  private envoiRubriques = 0;
  private envoiDeclarations = 0;
  /** The file holds several envois (known as soon as the second one starts). */
  private multiEnvoi = false;
  /** Lines of the lot envelope (S05, S06, S95, S96), outside the norm. */
  private envelope = 0;
  private rest = '';
  private stack: Instance[];
  /** Rubriques met, by RtRubrique.order. */
  private seen: Uint8Array;
  private byOrder: RtRubrique[];
  private natures: string[] = [];
  private nature: string | undefined;
  /** Index of `nature` in CompiledModel.natures (meaningful when `nature` is defined). */
  private natureIndex = -1;
  /** The current declaration has declared its nature (possibly one without usages). */
  private natureSeen = false;
  private declarations = 0;
  private declaredVersion?: string;
  private declaredTotal?: { line: number; value: string };
  private declaredDecls?: { line: number; value: string };
  private pendingCloses: Instance[] = [];
  /** Closed instances, by RtBlock.ordinal, reused by newInstance (no allocation per block instance). */
  private free: Instance[][] = [];
  private pendingForbidden: Array<{ line: number; r: RtRubrique }> = [];
  private pendingDropped = false;
  private referentialValues = 0;
  private referentials = new Set<string>();
  private ended = false;
  private overlong = false;
  /** The line being pushed is the head of an over-long line (value of several MB…). */
  private truncated = false;
  private latin1: boolean;
  /** Last block key looked up, and its rubriques by number (consecutive lines share their block). */
  private lastBlockKey = -1;
  private lastBlockRow: Array<RtRubrique | undefined> | undefined;

  constructor(cm: CompiledModel, opts: CheckOptions) {
    this.cm = cm;
    this.maxFindings = opts.maxFindings ?? 1000;
    this.latin1 = opts.encoding === 'ISO-8859-1';
    this.byOrder = cm.byOrder;
    this.seen = new Uint8Array(this.byOrder.length);
    this.stack = [this.newInstance(cm.root, null, 0)];
  }

  pushText(chunk: string): void {
    let start = 0;
    if (this.overlong) {
      // Drop the rest of an over-long line (already reported) up to its end.
      const nl = chunk.indexOf('\n');
      if (nl < 0) return;
      start = nl + 1;
      this.overlong = false;
    }
    if (this.rest.length) {
      // The line begun in the previous chunk: joined alone, so that `chunk` is scanned as is
      // (a flat string: no concatenated chunk to read through on every line).
      const nl = chunk.indexOf('\n', start);
      if (nl < 0) {
        this.rest += start ? chunk.slice(start) : chunk;
        this.capRest();
        return;
      }
      const line = this.rest + chunk.slice(start, nl);
      this.rest = '';
      this.pushRange(line, 0, line.length);
      start = nl + 1;
    }
    start = this.lines(chunk, start);
    this.rest = start ? chunk.slice(start) : chunk;
    this.capRest();
  }

  /**
   * The complete lines of `chunk` from `start`; returns where the partial last line begins. A
   * function of its own: the loop is compiled on the fly (on-stack replacement) and nothing after
   * it lacks type feedback, which otherwise threw the optimised code away at the end of every chunk.
   */
  private lines(chunk: string, start: number): number {
    for (;;) {
      const nl = chunk.indexOf('\n', start);
      if (nl < 0) return start;
      this.pushRange(chunk, start, nl);
      start = nl + 1;
    }
  }

  /** A line longer than MAX_LINE while waiting for its end: reported, the rest of it dropped. */
  private capRest(): void {
    if (this.rest.length > MAX_LINE) {
      // A value of several MB, a binary file, missing line breaks: report it, keep memory bounded.
      this.truncated = true;
      this.push(this.rest.slice(0, 100) + "'");
      this.truncated = false;
      this.rest = '';
      this.overlong = true;
    }
  }

  push(raw: string): void {
    this.pushRange(raw, 0, raw.length);
  }

  /**
   * The line `text[s, e)`. Hot path, no string but the value allocated: a well-formed line of a
   * known rubrique (`S21.G00.30.001,'…'`) is recognised from its characters and looked up by a
   * numeric key; anything else takes the general path below, which reports what is wrong.
   */
  private pushRange(text: string, s: number, e: number): void {
    const n = ++this.lineNo;
    if (n === 1 && s < e && text.charCodeAt(s) === 0xfeff) s++;
    if (e > s && text.charCodeAt(e - 1) === 13) e--;
    if (e === s) {
      this.add(n, 'empty-line', 'Ligne vide : chaque ligne doit porter une rubrique.');
      return;
    }
    this.nonEmpty++;
    if (e - s >= ID_LENGTH + 3 && text.charCodeAt(s + ID_LENGTH) === 44 && text.charCodeAt(s + ID_LENGTH + 1) === 39 && text.charCodeAt(e - 1) === 39 && !this.truncated) {
      const r = this.lookup(text, s);
      if (r !== undefined) {
        if (++this.envoiRubriques === 1) this.envoiStart = n;
        const vs = s + ID_LENGTH + 2;
        // A value accepted from its characters: valid, no value string needed.
        if (r.quick !== QUICK_NONE && this.quickValid(r, text, vs, e - 1)) {
          const st = this.stack;
          const top = st[st.length - 1];
          if (top.block === r.block && r.num > top.lastNum && st.length > 1) {
            // The next rubrique of the open instance (place's first case), a valid value and no role
            // (QUICK_*): what knownRubrique would do, without its general cases.
            top.lastNum = r.num;
            top.present[r.index] = 1;
            this.seen[r.order] = 1;
            this.validValue(r.dt);
            if (r.forbiddenFor !== undefined) this.checkUsage(r, n);
          } else this.knownRubrique(r, n, undefined);
        } else this.knownRubrique(r, n, text.slice(vs, e - 1));
        this.envoiLast = n;
        return;
      }
    }
    this.otherLine(n, s === 0 && e === text.length ? text : text.slice(s, e));
  }

  /** The rubrique of the well-formed id at `text[s, s + 14)` (rubriqueKey), if the model has it. */
  private lookup(text: string, s: number): RtRubrique | undefined {
    const b = blockKey(text, s);
    if (b < 0) return undefined;
    const num = numKey(text, s);
    if (num < 0) return undefined;
    if (b !== this.lastBlockKey) {
      this.lastBlockKey = b;
      this.lastBlockRow = this.cm.byBlockKey.get(b);
    }
    const row = this.lastBlockRow;
    return row === undefined ? undefined : row[num];
  }

  /**
   * Is the value `text[s, e)` of `r` valid, read on the line (r.quick)? False when it is not, or
   * when this cannot be told from the characters: valueProblem then decides, and explains.
   */
  private quickValid(r: RtRubrique, text: string, s: number, e: number): boolean {
    const t = r.dt;
    if (r.quick === QUICK_CODES) return t.codeKeys!.has(codeKey(text, s, e));
    const len = e - s;
    if (len < t.min || len > t.max) return false;
    if (t.re !== undefined) {
      // The table accepts ASCII characters only: nothing for the ISO-8859-1 check to report.
      const d = t.dfa === undefined ? dfaOf(t) : t.dfa;
      if (d === null || !dfaAccepts(d, text, s, e)) return false;
    } else if (this.latin1) return false;
    return !t.isDate || calendarCheckAt(text, s, e) !== 'invalid';
  }

  /** General path of a non-empty line (end-of-line and BOM already removed). */
  private otherLine(n: number, line: string): void {
    const comma = line.indexOf(',');
    const id = comma > 0 ? line.slice(0, comma) : '';
    const c1 = id.charCodeAt(1);
    if ((c1 === 48 || c1 === 57) && LOT_ENVELOPE.test(id) && !this.cm.rubriques.has(id)) {
      // Lot envelope around the envois (deposit of several envois in one file): not an envoi's rubrique.
      this.envelope++;
      return;
    }
    if (++this.envoiRubriques === 1) this.envoiStart = n;
    this.rubriqueLine(n, line, id, comma);
    // After placing it: a line that starts a new envoi first closes the previous one at its last line.
    this.envoiLast = n;
  }

  private rubriqueLine(n: number, line: string, id: string, comma: number): void {
    const last = line.charCodeAt(line.length - 1);
    if ((last === 32 || last === 9) && !this.truncated) {
      const trimmed = line.trimEnd();
      if (trimmed.charCodeAt(trimmed.length - 1) === 39 && trimmed.length > comma + 2) {
        const known = RUBRIQUE_ID.test(id) ? id : undefined;
        this.add(n, 'line-trailing-space', `${line.length - trimmed.length} espace(s) après l'apostrophe fermante${known ? ` (rubrique ${id})` : ''} : supprimez-les, la ligne doit se terminer par l'apostrophe (forme S21.G00.30.001,'valeur').`, known);
        line = trimmed;
      }
    }
    if (this.truncated && !(RUBRIQUE_ID.test(id) && line.charCodeAt(comma + 1) === 39)) {
      this.add(n, 'line-syntax', `Ligne de plus de ${MAX_LINE / 1024} Kio sans fin de ligne : ce n'est pas une ligne S21.G00.30.001,'valeur' (fichier binaire, ou sauts de ligne absents ?).`);
      return;
    }
    if (comma < 0 || line.charCodeAt(comma + 1) !== 39 || line.charCodeAt(line.length - 1) !== 39 || line.length < comma + 3) {
      const known = RUBRIQUE_ID.test(id) ? ` (rubrique ${id})` : '';
      this.add(n, 'line-syntax', `Ligne mal formée${known} : la forme attendue est S21.G00.30.001,'valeur' (valeur entre apostrophes).`, RUBRIQUE_ID.test(id) ? id : undefined);
      return;
    }
    const value = line.slice(comma + 2, line.length - 1);
    const r = this.cm.rubriques.get(id);
    if (!r) {
      if (!RUBRIQUE_ID.test(id)) {
        this.add(n, 'line-syntax', `Identifiant de rubrique mal formé : la forme attendue est S21.G00.30.001.`);
        return;
      }
      const blockId = id.slice(0, 10);
      const b = this.cm.blocks.get(blockId);
      const why = b ? `le bloc ${blockId} (${b.name}) n'a pas de rubrique ${id.slice(11)}` : `le bloc ${blockId} n'existe pas`;
      this.add(n, 'unknown-rubrique', `Rubrique inconnue dans la norme ${this.cm.model.key} : ${why}.`, id);
      return;
    }
    this.knownRubrique(r, n, value);
  }

  /**
   * A line of rubrique `r` with its value, well formed. `value` undefined: accepted by quickValid
   * (valid, and nothing else looks at the value).
   */
  private knownRubrique(r: RtRubrique, n: number, value: string | undefined): void {
    this.seen[r.order] = 1;
    const inst = this.place(r, n);
    inst.present[r.index] = 1;
    if (this.truncated) {
      const t = r.dt;
      const bounds = t.max === Number.POSITIVE_INFINITY ? '' : ` : le type ${t.id} attend au plus ${t.max} caractère(s)`;
      this.add(n, 'value-length', `Valeur de plus de ${MAX_LINE / 1024} Kio (lecture de la ligne arrêtée)${bounds}.`, r.id);
      return;
    }
    if (value === undefined) this.validValue(r.dt);
    else {
      if (r.companion) (inst.values ??= new Map()).set(r.id, value);
      this.checkValue(r, value, n);
    }
    if (r.forbiddenFor) this.checkUsage(r, n);
    if (r.role !== 0 && value !== undefined) {
      if (r.role === ROLE_NATURE) this.setNature(value);
      else if (r.role === ROLE_VERSION) this.declaredVersion ??= value;
      else if (r.role === ROLE_TOTAL_RUBRIQUES) this.declaredTotal ??= { line: n, value };
      else if (r.role === ROLE_TOTAL_DECLARATIONS) this.declaredDecls ??= { line: n, value };
    }
  }

  end(): CheckReport {
    if (this.ended) throw new Error('check already ended');
    this.ended = true;
    if (this.rest.length) {
      const last = this.rest;
      this.rest = '';
      this.push(last);
    }
    this.endEnvoi();
    this.findings.sort((a, b) => a.line - b.line);
    return this.report();
  }

  // ---- structure -------------------------------------------------------------------------

  private newInstance(block: RtBlock, parent: Instance | null, line: number): Instance {
    const reused = this.free[block.ordinal]?.pop();
    if (reused !== undefined) {
      reused.parent = parent;
      reused.startLine = line;
      reused.lastNum = -1;
      const cc = reused.childCounts;
      for (let i = 0; i < cc.length; i++) cc[i] = 0;
      const pr = reused.present;
      for (let i = 0; i < pr.length; i++) pr[i] = 0;
      reused.values = undefined;
      return reused;
    }
    return {
      block,
      parent,
      startLine: line,
      lastNum: -1,
      childCounts: zeros(block.children.length),
      present: zeros(block.rubriques.length),
      values: undefined,
    };
  }

  /** A closed instance nothing refers to any more: reused for the next instance of its block. */
  private release(inst: Instance): void {
    (this.free[inst.block.ordinal] ??= []).push(inst);
  }

  /** Find (or open) the instance a rubrique belongs to. */
  private place(r: RtRubrique, line: number): Instance {
    const B = r.block;
    const st = this.stack;
    let d = st.length - 1;
    while (d > 0 && st[d].block !== B) d--;
    if (d > 0) {
      const inst = st[d];
      if (r.num > inst.lastNum) {
        if (d < st.length - 1) {
          const child = st[d + 1].block;
          this.add(line, 'rubrique-order', `Rubrique placée après le bloc enfant ${child.id} (${child.name}) de son bloc ${B.id} : les rubriques d'un bloc précèdent ses blocs enfants.`, r.id);
          this.closeAbove(d, line);
        }
        inst.lastNum = r.num;
        return inst;
      }
      // Number not greater than the previous one: a new instance of B, under the same parent.
      this.closeAbove(d - 1, line);
      return this.open(B, st[d - 1], line, r);
    }
    // B is not open: attach it to the latest open instance of its parent.
    const P = B.parent ?? this.cm.root;
    let p = st.length - 1;
    while (p >= 0 && st[p].block !== P) p--;
    if (p >= 0) {
      this.closeAbove(p, line);
      return this.open(B, st[p], line, r);
    }
    const top = st[st.length - 1].block;
    const here = top === this.cm.root ? 'en début de fichier' : `après le bloc ${top.id} (${top.name})`;
    this.add(line, 'block-parent', `Le bloc ${B.id} (${B.name}) doit se trouver dans un bloc ${P.id} (${P.name}) ; il apparaît ${here}.`, r.id);
    const inst = this.newInstance(B, null, line);
    inst.lastNum = r.num;
    st.push(inst);
    return inst;
  }

  private open(B: RtBlock, parent: Instance, line: number, r: RtRubrique): Instance {
    if (B === this.cm.envoiBlock && parent === this.stack[0] && parent.childCounts[B.childIndex] > 0) {
      // A second envoi (repeated S10…S90 sequence): the previous one is checked as a whole.
      this.multiEnvoi = true;
      this.envoiRubriques--;
      this.endEnvoi();
      this.envoi++;
      this.envoiStart = line;
      this.envoiRubriques = 1;
      this.envoiLast = line;
      parent = this.stack[0];
    }
    const c = ++parent.childCounts[B.childIndex];
    if (c > B.max) {
      const where = parent.block === this.cm.root ? this.inFile() : `dans le bloc ${parent.block.id} (${parent.block.name}) commencé ligne ${parent.startLine}`;
      this.add(line, 'block-max', `Bloc ${B.id} (${B.name}) répété ${c} fois ${where} : au plus ${B.max} autorisé(s).`, r.id);
    }
    if (B.id === this.cm.model.roles.declarationBlock) {
      // The previous declaration ended without a nature: what waited for it is checked now.
      if (this.declarations > 0 && !this.natureSeen) this.flushPending(undefined, true);
      this.declarations++;
      this.envoiDeclarations++;
      this.nature = undefined;
      this.natureSeen = false;
    }
    const inst = this.newInstance(B, parent, line);
    inst.lastNum = r.num;
    this.stack.push(inst);
    return inst;
  }

  /** Close every instance above stack depth `d` (d = -1 closes the root too). */
  private closeAbove(d: number, line: number): void {
    const st = this.stack;
    while (st.length - 1 > d) this.close(st.pop()!, line);
  }

  private close(inst: Instance, _line: number): void {
    const B = inst.block;
    const nature = this.nature;
    for (const C of B.children) {
      if (C.min === 0) continue;
      const count = inst.childCounts[C.childIndex];
      if (count >= C.min) continue;
      if (nature !== undefined && C.usedFor.get(nature) === false) continue;
      const line = B === this.cm.root ? Math.max(1, this.envoiLast) : inst.startLine;
      const where = B === this.cm.root ? this.inFile() : `dans le bloc ${B.id} (${B.name}) commencé ligne ${inst.startLine}`;
      const what = count === 0 ? 'absent' : `présent ${count} fois`;
      this.add(line, 'block-min', `Bloc ${C.id} (${C.name}) ${what} ${where} : au moins ${C.min} attendu(s).`, B === this.cm.root ? undefined : B.rubriques.find((r) => inst.present[r.index])?.id);
    }
    if (B !== this.cm.root && this.cm.natures.length) {
      if (nature !== undefined) this.checkMandatory(inst, nature);
      else if (!this.natureSeen) {
        // Checked when the nature is known (flushPending), released then.
        if (this.pendingCloses.length < PENDING_CAP) return void this.pendingCloses.push(inst);
        this.pendingDropped = true;
      }
    }
    this.release(inst);
  }

  /** `nature` undefined: the declaration has no nature; rubriques mandatory for every nature are still due. */
  private checkMandatory(inst: Instance, nature: string | undefined): void {
    // A defined `nature` is always the current one (this.natureIndex).
    const mandatory = nature === undefined ? inst.block.mandatoryAll : inst.block.mandatoryFor[this.natureIndex];
    if (!mandatory) return;
    const forWhat = nature === undefined ? 'pour toutes les natures de déclaration (nature absente du fichier)' : `pour la nature ${nature}`;
    for (const r of mandatory) {
      if (inst.present[r.index]) continue;
      const inf = this.inferredNote(r);
      this.add(inst.startLine, 'usage-mandatory', `Rubrique ${r.id} (${r.name}) absente du bloc ${inst.block.id} commencé ligne ${inst.startLine} : elle est obligatoire (usage O) ${forWhat}${inf.note}.`, r.id, undefined, inf.severity);
    }
  }

  // ---- usages ----------------------------------------------------------------------------

  private setNature(value: string): void {
    this.natureSeen = true;
    this.natureIndex = this.cm.natures.indexOf(value);
    this.nature = this.natureIndex >= 0 ? value : undefined;
    if (!this.natures.includes(value)) this.natures.push(value);
    this.flushPending(this.nature);
  }

  /**
   * Checks what waited for the nature. `nature` undefined: a nature absent from the usage table
   * (nothing checked) or, with `absent`, a declaration (or file) that ended without a nature
   * (rubriques mandatory for every nature checked).
   */
  private flushPending(nature: string | undefined, absent = false): void {
    if (nature !== undefined) for (const p of this.pendingForbidden) this.forbidden(p.r, p.line, nature);
    if (nature !== undefined || absent) for (const inst of this.pendingCloses) this.checkMandatory(inst, nature);
    for (const inst of this.pendingCloses) this.release(inst);
    this.pendingForbidden = [];
    this.pendingCloses = [];
  }

  /** `r` has usage I or N for some nature (r.forbiddenFor). */
  private checkUsage(r: RtRubrique, line: number): void {
    if (this.nature === undefined) {
      if (this.natureSeen) return;
      if (this.pendingForbidden.length < PENDING_CAP) this.pendingForbidden.push({ line, r });
      else this.pendingDropped = true;
      return;
    }
    if (r.forbiddenFor![this.natureIndex]) this.forbidden(r, line, this.nature);
  }

  private forbidden(r: RtRubrique, line: number, nature: string): void {
    const u = r.usage?.[nature];
    if (u !== 'I' && u !== 'N') return;
    const inf = this.inferredNote(r);
    if (u === 'I') this.add(line, 'usage-forbidden', `Rubrique ${r.id} (${r.name}) interdite (usage I) pour la nature ${nature}${inf.note}.`, r.id, undefined, inf.severity);
    else this.add(line, 'usage-unused', `Rubrique ${r.id} (${r.name}) non utilisée (usage N) pour la nature ${nature}${inf.note} : elle ne devrait pas être transmise.`, r.id);
  }

  /**
   * A finding resting on an inferred usage says so; it is « non bloquant » when one table only
   * gave the usage (with two, both neighbours agree: the usage is the same before and after).
   */
  private inferredNote(r: RtRubrique): { note: string; severity?: Severity } {
    if (!r.inferred) return { note: '' };
    const from = r.inferred.from.join(' et ');
    const note = ` (usage inféré ${r.inferred.from.length > 1 ? 'des tableaux' : 'du tableau'} des usages de ${from}, pas de tableau officiel pour ${this.cm.model.version}${r.inferred.weak ? ' : constat non bloquant' : ''})`;
    return r.inferred.weak ? { note, severity: 'non bloquant' } : { note };
  }

  // ---- values ----------------------------------------------------------------------------

  private checkValue(r: RtRubrique, value: string, line: number): void {
    if (this.latin1 && NOT_LATIN1.test(value)) {
      const ch = [...value].find((c) => c.charCodeAt(0) > 0xff)!;
      const b = windows1252Byte(ch);
      const fix = WINDOWS_1252_REPLACEMENTS[ch];
      const shown = r.masked ? '' : `« ${ch} » `;
      const what = b !== undefined ? `${shown}(octet 0x${b.toString(16).toUpperCase()}) propre à Windows-1252, absent d'ISO-8859-1` : `${shown}absent d'ISO-8859-1`;
      this.add(line, 'value-charset', `Caractère ${what} : le fichier doit être en ISO-8859-1 (ou UTF-8)${fix && !r.masked ? ` ; remplacez-le par « ${fix} »` : ''}.`, r.id);
      return;
    }
    const p = valueProblem(r, value);
    if (p) {
      this.add(line, p.rule, p.message, r.id, p.control);
      return;
    }
    this.validValue(r.dt);
    if (r.keys) for (const k of r.keys) this.checkKey(r, k, value, line);
  }

  /** A value accepted by its datatype: counted when its list is an external referential. */
  private validValue(t: RtDatatype): void {
    if (t.referential) {
      this.referentialValues++;
      if (this.referentials.size < 50) this.referentials.add(t.id);
    }
  }

  private checkKey(r: RtRubrique, k: KeyCheck, value: string, line: number): void {
    const siren = k.kind === 'nic' ? this.companionValue(k.companion!) : undefined;
    if (keyVerdict(k.kind, value, siren) !== false) return;
    const v = showValue(value, r.masked);
    const fallback: Record<KeyCheck['kind'], string> = {
      siren: `SIREN ${v} : la clé (formule de Luhn) est fausse.`,
      'siren-of-siret': `SIRET ${v} : la clé du SIREN (9 premiers chiffres, formule de Luhn) est fausse.`,
      siret: `SIRET ${v} : la clé (formule de Luhn) est fausse.`,
      nic: `NIC ${v} : avec le SIREN de ${k.companion}, il ne forme pas un SIRET valide (formule de Luhn).`,
      iban: `IBAN ${v} : la clé (modulo 97) est fausse.`,
      bban: `IBAN ${v} : la clé RIB du compte français est fausse.`,
    };
    const rule: RuleId = k.kind === 'siren-of-siret' ? 'key-siren' : `key-${k.kind}`;
    this.add(line, rule, k.message ? `${k.message} Valeur : ${v}.` : fallback[k.kind], r.id, k.control);
  }

  private companionValue(id: string): string | undefined {
    for (let d = this.stack.length - 1; d > 0; d--) {
      const v = this.stack[d].values?.get(id);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  // ---- envois ----------------------------------------------------------------------------

  /** `dans le fichier`, or `dans l'envoi 2 (commencé ligne 169)` when the file holds several envois. */
  private inFile(): string {
    return this.multiEnvoi ? `dans l'envoi ${this.envoi} (commencé ligne ${this.envoiStart})` : 'dans le fichier';
  }

  /** End of an envoi: its blocks closed, cardinalities of the top blocks, usages waiting for a nature, totals. */
  private endEnvoi(): void {
    this.closeAbove(-1, this.lineNo);
    this.flushPending(undefined, !this.natureSeen);
    this.checkTotals();
    this.stack = [this.newInstance(this.cm.root, null, 0)];
    this.declaredTotal = undefined;
    this.declaredDecls = undefined;
    this.envoiDeclarations = 0;
    this.nature = undefined;
    this.natureSeen = false;
  }

  // ---- totals ----------------------------------------------------------------------------

  private checkTotals(): void {
    const num = (s: string) => (/^[0-9]+$/.test(s) ? Number(s) : undefined);
    if (this.declaredTotal) {
      const v = num(this.declaredTotal.value);
      if (v !== undefined && v !== this.envoiRubriques) {
        const what = this.multiEnvoi ? `l'envoi ${this.envoi} (lignes ${this.envoiStart} à ${this.envoiLast}) en contient` : 'le fichier en contient';
        this.add(this.declaredTotal.line, 'total-rubriques', `Nombre total de rubriques déclaré : ${v} ; ${what} ${this.envoiRubriques}.`, this.cm.model.roles.totalRubriques);
      }
    }
    if (this.declaredDecls) {
      const v = num(this.declaredDecls.value);
      if (v !== undefined && v !== this.envoiDeclarations) {
        const b = this.cm.model.roles.declarationBlock;
        const what = this.multiEnvoi ? `l'envoi ${this.envoi} (commencé ligne ${this.envoiStart}) contient` : 'le fichier contient';
        this.add(this.declaredDecls.line, 'total-declarations', `Nombre de déclarations déclaré : ${v} ; ${what} ${this.envoiDeclarations} bloc(s) ${b}.`, this.cm.model.roles.totalDeclarations);
      }
    }
  }

  // ---- findings and report ----------------------------------------------------------------

  private add(line: number, rule: RuleId, message: string, rubrique?: string, control?: string, severityOverride?: Severity): void {
    const severity = severityOverride ?? RULES[rule].severity;
    this.counts[severity]++;
    this.counts.byRule[rule] = (this.counts.byRule[rule] ?? 0) + 1;
    if (this.findings.length >= this.maxFindings) {
      this.omitted++;
      return;
    }
    const f: Finding = { line, rule, severity, message };
    if (rubrique) f.rubrique = rubrique;
    if (control) f.control = control;
    this.findings.push(f);
  }

  private report(): CheckReport {
    const seen = this.byOrder.filter((r) => this.seen[r.order]);
    const byFamily: Record<string, number> = {};
    const byRubrique: UnverifiedRubrique[] = [];
    const verified: string[] = [];
    let total = 0;
    for (const r of seen) {
      const controls = r.controls.filter((c) => !r.verified.has(c));
      verified.push(...r.controls.filter((c) => r.verified.has(c)));
      if (!controls.length) continue;
      for (const c of controls) {
        const fam = controlFamily(c);
        byFamily[fam] = (byFamily[fam] ?? 0) + 1;
        total++;
      }
      byRubrique.push({ rubrique: r.id, name: r.name, controls });
    }
    const notes: string[] = [];
    const m = this.cm.model;
    if (!Object.keys(m.controlCounts).length) notes.push(`Les données de ${m.key} ne décrivent aucun contrôle (pas de feuille Messages) : seuls la structure, les types de données et les totaux sont vérifiés.`);
    if (!m.usages.published) notes.push(`Tableau des usages non publié pour ${m.key} : rubriques obligatoires ou interdites selon la nature de déclaration non vérifiées.`);
    else if (m.usages.inferredFrom) {
      const unknown = seen.filter((r) => !r.usage).length;
      notes.push(
        `Pas de tableau officiel des usages pour ${m.key} : usages inférés de ${m.usages.inferredFrom.join(' et ')} (rubrique inchangée, même usage${m.usages.inferredFrom.length < 2 ? ' ; constats non bloquants' : ''})${unknown ? ` ; ${unknown} rubrique(s) présente(s) sans usage inférable, non vérifiée(s) (npx norme usages report ${m.key})` : ''}.`,
      );
    }
    else if (!this.natures.length) notes.push('Nature de déclaration absente : usages par nature non vérifiés.');
    else if (this.natures.some((n) => !this.cm.natures.includes(n))) notes.push(`Nature ${this.natures.filter((n) => !this.cm.natures.includes(n)).join(', ')} absente du tableau des usages : usages non vérifiés pour cette nature.`);
    if (this.pendingDropped) notes.push('Trop de rubriques avant la nature de déclaration : une partie des usages n\'a pas été vérifiée.');
    if (this.referentialValues) {
      notes.push(`${this.referentialValues} valeur(s) issues de référentiels externes (${[...this.referentials].slice(0, 6).join(', ')}${this.referentials.size > 6 ? '…' : ''}) : tables hors de la norme, valeurs non vérifiées (seuls longueur et format le sont).`);
    }
    if (this.envelope) notes.push(`${this.envelope} ligne(s) d'enveloppe de lot (S05, S06, S95, S96) autour des envois : hors des tables de la norme, non contrôlées ; chaque envoi est contrôlé séparément (totaux S90, cardinalités).`);
    notes.push("Ordre des blocs frères et contrôles inter-déclarations non vérifiés.");
    const rep: CheckReport = {
      version: m.key,
      versionLabel: m.label,
      lines: this.lineNo,
      rubriques: this.nonEmpty,
      declarations: this.declarations,
      envois: this.envoi,
      envelopeLines: this.envelope,
      natures: this.natures,
      findings: this.findings,
      omittedFindings: this.omitted,
      counts: this.counts,
      verified: { controls: verified },
      unverified: { byFamily, total, byRubrique, notes },
    };
    if (this.declaredVersion !== undefined) rep.declaredVersion = this.declaredVersion;
    return rep;
  }
}

/** `S21.G00.40.007/CCH-11` → `CCH` (also `CCH14`). */
export function controlFamily(id: string): string {
  const s = id.slice(id.indexOf('/') + 1);
  const m = /^[A-Z]+/.exec(s);
  return m ? m[0] : s;
}

