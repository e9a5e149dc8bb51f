export * from './diagnostics/diagnostic.ts';
export * from './model/types.ts';
export { loadRegistry } from './registry.ts';
export type { LoadOptions, LoadResult } from './registry.ts';
export { loadRawRegistry } from './load/registry.ts';
export type { SourceSet, RawRegistry, RawFamily, RawVersion, RawFile } from './load/registry.ts';
export { resolveRegistry } from './resolve/registry.ts';
export type { VersionSource } from './resolve/registry.ts';
export { validateRegistry } from './validate/cross.ts';
export { parseYaml, locate, at } from './load/yaml-file.ts';
export type { ParsedYaml } from './load/yaml-file.ts';
export { getValidator, validateAgainst, schemaPath, publishedSchemas } from './load/schemas.ts';
export type { PublishedSchema } from './load/schemas.ts';
export { compileFullMatch } from './validate/regexp.ts';
export { nextMonth, prevMonth, monthOf, parseMonth, monthAsDeclared } from './month.ts';
export { VALIDATION_RULES, VALIDATION_RULES_BY_ID, VALIDATION_STAGES, validationRule } from './validate/catalogue.ts';
export type { ValidationRule, ValidationStage } from './validate/catalogue.ts';
export { ruleSections, formatRulesText, formatRulesMarkdown } from './rules.ts';
export type { RuleEntry, RuleKind, RuleSection } from './rules.ts';
export * from './query.ts';
export * from './export.ts';
export * from './site-model.ts';
export * from './consignes/index.ts';
export * from './diff/index.ts';
export * from './journal/index.ts';
export { applicableVersion, covers } from './applicability.ts';
export type { MonthApplicability, Activation } from './applicability.ts';
// File checker (auto-contrôle): browser-safe; `RULES`/`Severity` renamed to avoid the diff module's.
export {
  buildCheckModel,
  CHECK_MODEL_FORMAT,
  compileCheckModel,
  createChecker,
  checkText,
  checkLines,
  controlFamily,
  RULES as CHECK_RULES,
  SEVERITY_RANK as CHECK_SEVERITY_RANK,
  formatText as formatCheckText,
  formatJson as formatCheckJson,
  formatHtml as formatCheckHtml,
  formatFinding,
  sniffDeclaredVersion,
  nextVersionOf,
  compareWithNext,
  checkTextWithNext,
  formatNextText,
  nextDocument,
} from './check/index.ts';
export type {
  CheckModel,
  CompiledModel,
  Checker,
  CheckOptions,
  CheckReport,
  Finding,
  RuleId as CheckRuleId,
  Severity as CheckSeverity,
  DeclaredVersion,
  NextChangeKind,
  NextFinding,
  NextReport,
  NextTarget,
} from './check/index.ts';
export { generateSample, SampleError, createRng } from './sample/index.ts';
export { unusedReport, codeMentions, formatUnused, sinceLabel, UNUSED_FORMATS, UNUSED_KIND_LABELS, UNUSED_REASONS, ANOMALY_TEXTS } from './unused/index.ts';
export type { UnusedReport, UnusedItem, UnusedKind, UnusedFormat, Anomaly as UnusedAnomaly, LinkTarget as UnusedLinkTarget } from './unused/index.ts';
export type { SampleOptions, Rng } from './sample/index.ts';
export { usageGaps, versionUsageGaps, inferUsages, INFERENCE_RULE_ONE, INFERENCE_RULE_TWO } from './import/infer-usages.ts';
export type { UsageGap, UsageNeighbour } from './import/infer-usages.ts';
export { registryRoot, loadBundledRegistry, checkDsn } from './api.ts';
export type { CheckDsnOptions, CheckDsnResult } from './api.ts';
export { searchElements } from './search.ts';
export type { SearchHit } from './search.ts';
