/**
 * The rule catalogue (data in rules.json) and the change record type.
 * Rules are data: id, severity, element kinds, mirror rule and a French message
 * template with named parameters. The code that decides which rule a structural
 * delta triggers lives in classify.ts.
 */
import catalogue from './rules.json' with { type: 'json' };
import { rubriqueOfControl } from '../model/ids.ts';

export type Severity = 'breaking' | 'warning' | 'info' | 'editorial';
export type ChangeElement = 'block' | 'rubrique' | 'datatype' | 'code-value' | 'control' | 'usage';
export type ParamValue = string | number | null;

export const SEVERITIES: readonly Severity[] = ['breaking', 'warning', 'info', 'editorial'];
export const ELEMENTS: readonly ChangeElement[] = ['block', 'rubrique', 'datatype', 'code-value', 'control', 'usage'];

export interface Change {
  /** Stable rule id from the catalogue, e.g. `rubrique-removed`. */
  rule: string;
  severity: Severity;
  element: ChangeElement;
  /**
   * Stable id of the changed element: `S21.G00.40.007`, `S21.G00.40`, `DSN_NatureContrat`,
   * `DSN_Ref_Code_Cotis#105` (code value), `S21.G00.40.007/CCH-11` (control),
   * `S21.G00.40.007@01` (usage for a declaration nature). For a rename, the new id.
   */
  id: string;
  /** Block the element belongs to (blocks, rubriques, controls, usages). */
  block?: string;
  /** Rubriques using the datatype (datatype and code-value changes). */
  usedBy?: string[];
  from?: ParamValue;
  to?: ParamValue;
  /** Named parameters of the message (includes `id`, `from`, `to`). */
  params: Record<string, ParamValue>;
  /** The catalogue message rendered with `params` (French). */
  message: string;
  /** Why: the element's `rationale` (draft versions) or the journal entry that made the change. */
  rationale?: string;
  /** Journal entry that produced the change (diffs between editions). */
  journal?: string;
}

export interface Rule {
  id: string;
  element: ChangeElement[];
  severity: Severity;
  mirror: string;
  message: string;
}

export interface SeverityInfo {
  label: string;
  rank: number;
  meaning: string;
}

export const RULES: readonly Rule[] = (catalogue.rules as Rule[]).map((r) => Object.freeze({ ...r }));
export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));
export const SEVERITY_INFO: Readonly<Record<Severity, SeverityInfo>> = catalogue.severities as Record<Severity, SeverityInfo>;

/**
 * The element a change is about: the rubrique of a control (`S21.G00.40.007/CCH-11`) or of a
 * usage (`S21.G00.40.007@01`), the datatype of a code value (`DSN_NatureContrat#01`), else the
 * changed element itself. For linking, grouping and histories.
 */
export function changeSubject(c: Pick<Change, 'element' | 'id'>): string {
  switch (c.element) {
    case 'control':
      return rubriqueOfControl(c.id);
    case 'usage':
      return c.id.split('@')[0];
    case 'code-value':
      return c.id.split('#')[0];
    default:
      return c.id;
  }
}

/** The badge of a severity in text and Markdown reports (`norme diff`, `norme review`). */
export const SEVERITY_BADGE: Readonly<Record<Severity, string>> = { breaking: '🔴', warning: '🟠', info: '🔵', editorial: '⚪' };

export function changeSeverityLabel(s: Severity): string {
  return SEVERITY_INFO[s].label;
}

/**
 * A severity as a user writes it: its id (`breaking`) or its French label (`cassant`,
 * `à examiner`, `a-examiner`, `rédactionnel`), case and accents optional. Undefined if unknown.
 */
export function parseSeverity(input: string): Severity | undefined {
  const fold = (x: string) => x.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[-_\s]+/g, ' ').trim();
  const w = fold(input);
  return (Object.keys(SEVERITY_INFO) as Severity[]).find((s) => fold(s) === w || fold(SEVERITY_INFO[s].label) === w);
}

/** `breaking (cassant)`, … : the accepted severity names, for messages. */
export function severityNames(): string {
  return (Object.keys(SEVERITY_INFO) as Severity[]).map((s) => (SEVERITY_INFO[s].label === s ? s : `${s} (${SEVERITY_INFO[s].label})`)).join(', ');
}

export function severityRank(s: Severity): number {
  return SEVERITY_INFO[s].rank;
}

export function getRule(id: string): Rule {
  const r = RULES_BY_ID.get(id);
  if (!r) throw new Error(`règle de comparaison inconnue : ${id}`);
  return r;
}

/** Replace `{name}` placeholders; missing parameters render as `—`. */
export function renderMessage(template: string, params: Record<string, ParamValue | undefined>): string {
  return template.replace(/\{([A-Za-z]+)\}/g, (_m, k: string) => {
    const v = params[k];
    return v === undefined || v === null || v === '' ? '—' : String(v);
  });
}

/** Severity overrides, e.g. from configuration: `{ 'code-value-relabelled': 'editorial' }`. */
export type SeverityOverrides = Readonly<Record<string, Severity>>;

/** Parse `rule=severity,rule=severity` (CLI); throws on unknown rules or severities. */
export function parseSeverityOverrides(spec: string): Record<string, Severity> {
  const out: Record<string, Severity> = {};
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [rule, sev] = part.split('=').map((s) => s.trim());
    if (!RULES_BY_ID.has(rule)) throw new Error(`règle inconnue « ${rule} »`);
    if (!SEVERITIES.includes(sev as Severity)) throw new Error(`gravité inconnue « ${sev} » (attendu : ${SEVERITIES.join(', ')})`);
    out[rule] = sev as Severity;
  }
  return out;
}
