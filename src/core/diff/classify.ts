/**
 * From neutral deltas to change records: pick the catalogue rule for each delta,
 * build its named parameters and render its French message.
 */
import { getRule, renderMessage, type Change, type ParamValue, type SeverityOverrides } from './catalogue.ts';
import type { Delta } from './structural.ts';

const USAGE_LABEL: Record<string, string> = {
  O: 'O (obligatoire)',
  C: 'C (conditionnelle)',
  F: 'F (facultative)',
  I: 'I (interdite)',
  N: 'N (non utilisée)',
};

/** Declarations accepted by a usage: may the rubrique be present / absent? */
const ACCEPTS: Record<string, { present: boolean; absent: boolean }> = {
  O: { present: true, absent: false },
  C: { present: true, absent: true },
  F: { present: true, absent: true },
  I: { present: false, absent: true },
  N: { present: false, absent: true },
};

/** Rule for a usage change, comparing the sets of declarations each usage accepts. */
export function usageRule(from: string, to: string): string {
  const a = ACCEPTS[from] ?? { present: true, absent: true };
  const b = ACCEPTS[to] ?? { present: true, absent: true };
  const aInB = (!a.present || b.present) && (!a.absent || b.absent);
  const bInA = (!b.present || a.present) && (!b.absent || a.absent);
  if (aInB && bInA) return 'usage-requalified';
  if (bInA) return 'usage-tightened';
  if (aInB) return 'usage-loosened';
  return 'usage-inverted';
}

const show = (x: unknown): ParamValue => (x === undefined || x === null ? null : typeof x === 'number' ? x : String(x));
const len = (x: unknown): ParamValue => (x === undefined || x === null ? 'aucune' : (x as number));

function subject(d: Delta): string {
  if (d.element === 'rubrique') return `Rubrique \`${d.id}\` (type \`${String(d.facts.fromType)}\` → \`${String(d.facts.datatype)}\`)`;
  return `Type \`${d.id}\``;
}

/** Which rule a delta triggers. */
function ruleOf(d: Delta): string {
  const { element, op, field } = d;
  if (element === 'block') {
    if (op === 'added') return d.facts.mandatory ? 'block-added-mandatory' : 'block-added';
    if (op === 'removed') return d.facts.mandatory ? 'block-removed-mandatory' : 'block-removed';
    if (op === 'renamed') return 'block-renamed';
    switch (field) {
      case 'name': return 'block-name-changed';
      case 'description': return 'block-description-changed';
      case 'parent': return 'block-parent-changed';
      case 'cardinality.min': return (d.to as number) > (d.from as number) ? 'block-cardinality-min-increased' : 'block-cardinality-min-decreased';
      case 'cardinality.max': {
        const n = (x: unknown) => (x === '*' ? Infinity : (x as number));
        return n(d.to) > n(d.from) ? 'block-cardinality-max-increased' : 'block-cardinality-max-decreased';
      }
    }
  }
  if (element === 'rubrique' || element === 'datatype') {
    if (op === 'added') return element === 'rubrique' ? ((d.facts.mandatoryNatures as string[]).length ? 'rubrique-added-mandatory' : 'rubrique-added') : 'datatype-added';
    if (op === 'removed') return element === 'rubrique' ? ((d.facts.mandatoryNatures as string[]).length ? 'rubrique-removed-mandatory' : 'rubrique-removed') : 'datatype-removed';
    if (op === 'renamed') return `${element}-renamed`;
    switch (field) {
      case 'name': return `${element}-name-changed`;
      case 'description': return `${element}-description-changed`;
      case 'technicalName': return 'rubrique-technical-name-changed';
      case 'datatype': return 'rubrique-datatype-changed';
      case 'nature': return 'nature-changed';
      case 'referential': return 'referential-changed';
      case 'regexp': return d.from === undefined ? 'regexp-added' : d.to === undefined ? 'regexp-removed' : 'regexp-changed';
      case 'minLength': return ((d.to as number | undefined) ?? 0) > ((d.from as number | undefined) ?? 0) ? 'length-min-increased' : 'length-min-decreased';
      case 'maxLength': return ((d.to as number | undefined) ?? Infinity) > ((d.from as number | undefined) ?? Infinity) ? 'length-max-increased' : 'length-max-decreased';
    }
  }
  if (element === 'code-value') return op === 'added' ? 'code-value-added' : op === 'removed' ? 'code-value-removed' : 'code-value-relabelled';
  if (element === 'control') {
    if (op === 'added') return 'control-added';
    if (op === 'removed') return 'control-removed';
    return field === 'rule' ? 'control-rule-changed' : 'control-message-changed';
  }
  if (element === 'usage') {
    if (op === 'added') return 'usage-added';
    if (op === 'removed') return 'usage-removed';
    return usageRule(String(d.from), String(d.to));
  }
  throw new Error(`delta non classé : ${element} ${op} ${field ?? ''}`);
}

const EFFECT: Record<string, string> = {
  renamed: 'type renommé',
  same: 'contraintes identiques',
  changed: 'contraintes modifiées, voir ci-dessous',
  unknown: 'type introuvable',
};

function paramsOf(d: Delta, rule: string): Record<string, ParamValue> {
  const p: Record<string, ParamValue> = { id: d.id, from: show(d.from), to: show(d.to) };
  const f = d.facts;
  for (const k of ['name', 'cardinality', 'parent', 'datatype', 'nature', 'code', 'rubrique', 'message'] as const) {
    if (f[k] !== undefined) p[k] = show(f[k]);
  }
  if (d.block) p.block = d.block;
  if (Array.isArray(f.mandatoryNatures) && f.mandatoryNatures.length) p.natures = (f.mandatoryNatures as string[]).join(', ');
  if (f.effect !== undefined) p.effect = EFFECT[String(f.effect)] ?? String(f.effect);
  if (rule.startsWith('length-')) {
    p.from = len(d.from);
    p.to = len(d.to);
  }
  if (['nature-changed', 'regexp-added', 'regexp-removed', 'regexp-changed', 'length-min-increased', 'length-min-decreased', 'length-max-increased', 'length-max-decreased', 'referential-changed'].includes(rule)) {
    p.subject = subject(d);
  }
  if (d.element === 'usage') {
    p.fromLabel = d.from === undefined ? null : USAGE_LABEL[String(d.from)] ?? String(d.from);
    p.toLabel = d.to === undefined ? null : USAGE_LABEL[String(d.to)] ?? String(d.to);
  }
  return p;
}

export function classify(d: Delta, overrides: SeverityOverrides = {}): Change {
  const ruleId = ruleOf(d);
  const rule = getRule(ruleId);
  const params = paramsOf(d, ruleId);
  const c: Change = {
    rule: ruleId,
    severity: overrides[ruleId] ?? rule.severity,
    element: d.element,
    id: d.id,
    params,
    message: renderMessage(rule.message, params),
  };
  if (d.block) c.block = d.block;
  if (Array.isArray(d.facts.usedBy) && (d.element === 'datatype' || d.element === 'code-value')) c.usedBy = d.facts.usedBy as string[];
  if (d.from !== undefined) c.from = show(d.from);
  if (d.to !== undefined) c.to = show(d.to);
  return c;
}
