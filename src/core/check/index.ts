/**
 * File checker ("auto-contrôle") for flat DSN/PASRAU files. Browser-safe: no node:* import,
 * no YAML. Entry points: buildCheckModel (from a loaded version) → createChecker / checkText /
 * checkLines → report → formatText / formatJson / formatHtml.
 */
export { buildCheckModel, CHECK_MODEL_FORMAT } from './model.ts';
export type { CheckModel, CheckBlock, CheckRubrique, CheckDatatype, CheckRoles, KeyCheck, KeyKind, CalendarCheck } from './model.ts';
export { compileCheckModel } from './compile.ts';
export type { CompiledModel } from './compile.ts';
export { createChecker, checkText, checkLines, controlFamily } from './checker.ts';
export type { Checker, CheckOptions, CheckReport, Finding, UnverifiedRubrique } from './checker.ts';
export { RULES, SEVERITY_RANK } from './rules.ts';
export type { RuleId, RuleInfo, Severity } from './rules.ts';
export { formatText, formatJson, formatHtml, formatFinding, headline } from './format.ts';
export type { ReportContext } from './format.ts';
export { sniffDeclaredVersion } from './version.ts';
export type { DeclaredVersion } from './version.ts';
export { showValue, maskedText } from './mask.ts';
export { calendarCheck, daysInMonth } from './dates.ts';
export { luhnValid, luhnDigit, sirenValid, siretValid, ibanValid, bbanValid, ribKey, makeIban, keyVerdict, LA_POSTE_SIREN } from './keys.ts';
export { valueProblem } from './value.ts';
export { detectEncoding, decodeChunks, decodeHead } from './encoding.ts';
export type { FileEncoding } from './encoding.ts';
