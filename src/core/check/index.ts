/**
 * File checker ("auto-contrôle") for flat DSN/PASRAU files. Browser-safe: no node:* import,
 * no YAML, no loader.
 *
 * Site build:  buildCheckModel(version, family.meta) → JSON → /{family}/{version}/check-model.json
 * Browser:     const model = await (await fetch(url)).json();            // CheckModel
 *              const bytes = () => iterate(file.stream());                 // AsyncIterable<Uint8Array>
 *              const enc = await detectEncoding(bytes());
 *              sniffDeclaredVersion(decodeHead(head64k, enc), [model.roles.version!]) // which model to fetch
 *              const checker = createChecker(model, { maxFindings: 1000 });
 *              for await (const text of decodeChunks(bytes(), enc)) checker.pushText(text);
 *              const report = checker.end();                             // CheckReport (values masked)
 *              formatHtml(report, { file: file.name, encoding: enc })    // or a custom rendering
 * CLI:         src/cli/commands/check.ts does the same with node streams.
 */
export { buildCheckModel, CHECK_MODEL_FORMAT } from './model.ts';
export type { CheckModel, CheckBlock, CheckRubrique, CheckDatatype, CheckRoles, KeyCheck, KeyKind, CalendarCheck } from './model.ts';
export { compileCheckModel } from './compile.ts';
export type { CompiledModel } from './compile.ts';
export { createChecker, checkText, checkLines, controlFamily } from './checker.ts';
export type { Checker, CheckOptions, CheckReport, Finding, UnverifiedRubrique } from './checker.ts';
export { RULES, SEVERITY_CLASS, SEVERITY_RANK } from './rules.ts';
export type { RuleId, RuleInfo, Severity } from './rules.ts';
export { formatText, formatJson, formatJsonLine, formatHtml, formatFinding, formatSummary, headline } from './format.ts';
export type { ReportContext, FileOutcome } from './format.ts';
export { notFlatFile, resolveDeclaredVersion, sniffDeclaredVersion } from './version.ts';
export type { DeclaredVersion, VersionCandidate, VersionRemedy } from './version.ts';
export { showValue, maskedText } from './mask.ts';
export { calendarCheck, daysInMonth } from './dates.ts';
export { luhnValid, luhnDigit, sirenValid, siretValid, ibanValid, bbanValid, ribKey, makeIban, keyVerdict, LA_POSTE_SIREN } from './keys.ts';
export { valueProblem } from './value.ts';
export { detectEncoding, decodeChunks, decodeHead, utf16Of, unusableEncoding, windows1252Byte } from './encoding.ts';
export type { FileEncoding } from './encoding.ts';
export { nextVersionOf, startOf, compareWithNext, checkTextWithNext, formatNextText, formatNextFinding, nextHeading, nextDocument, monthLabel, NEXT_CHANGE_LABELS } from './next.ts';
export type { NextChangeKind, NextFinding, NextReport, NextTarget, VersionInfo } from './next.ts';
