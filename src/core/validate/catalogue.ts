/**
 * The validation-rule catalogue (data in rules.json, shape in rules.schema.json): every rule id
 * the core emits as a `Diagnostic` while loading, validating or importing the registry, applying
 * the journal, reading fiches consignes or reviewing a change. tests/core/validation-rules.test.ts
 * keeps it in step with the emitting code and with the tests; `diag()` takes a `ValidationRuleId`
 * (rule-ids.generated.ts, `npm run types`), so an id outside the catalogue fails the typecheck.
 */
import catalogue from './rules.json' with { type: 'json' };
import type { DiagnosticSeverity } from '../diagnostics/diagnostic.ts';
import type { ValidationRuleId } from './rule-ids.generated.ts';

export type ValidationStage = 'load' | 'validate' | 'journal' | 'consignes' | 'import' | 'review';

export type { ValidationRuleId } from './rule-ids.generated.ts';

export interface ValidationRule {
  id: ValidationRuleId;
  /** Stage that emits it (the first one when several do). */
  stage: ValidationStage;
  /** Severities its diagnostics can have, most severe first. */
  severities: DiagnosticSeverity[];
  /** One French sentence. */
  description: string;
}

/** French names of the stages, in pipeline order. */
export const VALIDATION_STAGES: Readonly<Record<ValidationStage, string>> = {
  load: 'lecture des fichiers',
  validate: 'validation du registre',
  journal: 'journal des éditions',
  consignes: 'fiches consignes',
  import: 'import des tables officielles',
  review: 'revue des demandes de fusion',
};

export const VALIDATION_RULES: readonly ValidationRule[] = (catalogue.rules as ValidationRule[]).map((r) => Object.freeze({ ...r }));
export const VALIDATION_RULES_BY_ID: ReadonlyMap<string, ValidationRule> = new Map(VALIDATION_RULES.map((r) => [r.id, r]));

export function validationRule(id: string): ValidationRule {
  const r = VALIDATION_RULES_BY_ID.get(id);
  if (!r) throw new Error(`règle de validation inconnue : ${id}`);
  return r;
}
