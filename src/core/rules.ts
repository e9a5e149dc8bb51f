/**
 * Every rule of the project in one list, for `norme rules` and the site's /regles/ page:
 * comparison rules (diff/rules.json), validation rules (validate/rules.json) and the file
 * checker's rules (check/rules.ts). Data only, plus plain-text and Markdown renderings.
 */
import { RULES as DIFF_RULES, changeSeverityLabel } from './diff/catalogue.ts';
import { VALIDATION_RULES, VALIDATION_STAGES } from './validate/catalogue.ts';
import { RULES as CHECK_RULES, type RuleId as CheckRuleId } from './check/rules.ts';
import { severityLabel } from './diagnostics/diagnostic.ts';

export type RuleKind = 'validation' | 'diff' | 'check';

export interface RuleEntry {
  id: string;
  /** Severity as the user reads it (French): `erreur`, `cassant`, `bloquant`… */
  severity: string;
  /** French description (for comparison rules: the message template, parameters shown as `…`). */
  description: string;
  /** Sub-group: stage of a validation rule, element kinds of a comparison rule. */
  group?: string;
}

export interface RuleSection {
  kind: RuleKind;
  title: string;
  /** Command that applies these rules. */
  command: string;
  rules: RuleEntry[];
}

const firstUpper = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function ruleSections(): RuleSection[] {
  return [
    {
      kind: 'validation',
      title: 'Règles de validation',
      command: 'norme validate, norme import, norme journal, norme review',
      rules: VALIDATION_RULES.map((r) => ({
        id: r.id,
        severity: r.severities.map(severityLabel).join(' ou '),
        description: r.description,
        group: firstUpper(VALIDATION_STAGES[r.stage]),
      })),
    },
    {
      kind: 'diff',
      title: 'Règles de comparaison',
      command: 'norme diff',
      rules: DIFF_RULES.map((r) => ({
        id: r.id,
        severity: changeSeverityLabel(r.severity),
        description: r.message.replace(/\{[A-Za-z]+\}/g, '…'),
        group: r.element.join(', '),
      })),
    },
    {
      kind: 'check',
      title: "Règles de l'auto-contrôle",
      command: 'norme check',
      rules: (Object.keys(CHECK_RULES) as CheckRuleId[]).map((id) => ({
        id,
        severity: CHECK_RULES[id].severity,
        description: firstUpper(CHECK_RULES[id].label) + '.',
      })),
    },
  ];
}

/** `id  gravité  description`, one section after another. */
export function formatRulesText(sections: RuleSection[]): string {
  const out: string[] = [];
  for (const s of sections) {
    if (out.length) out.push('');
    out.push(`${s.title} (${s.command}) : ${s.rules.length}`);
    const w = Math.max(...s.rules.map((r) => r.id.length));
    const ws = Math.max(...s.rules.map((r) => r.severity.length));
    for (const r of s.rules) out.push(`  ${r.id.padEnd(w)}  ${r.severity.padEnd(ws)}  ${r.description}`);
  }
  return out.join('\n') + '\n';
}

const mdCell = (s: string) => s.replace(/\|/g, '\\|');

export function formatRulesMarkdown(sections: RuleSection[]): string {
  const out: string[] = [];
  for (const s of sections) {
    if (out.length) out.push('');
    out.push(`## ${s.title}`, '', `Appliquées par \`${s.command}\` (${s.rules.length} règles).`, '', '| Règle | Gravité | Description |', '| --- | --- | --- |');
    for (const r of s.rules) out.push(`| \`${r.id}\` | ${mdCell(r.severity)} | ${mdCell(r.description)} |`);
  }
  return out.join('\n') + '\n';
}
