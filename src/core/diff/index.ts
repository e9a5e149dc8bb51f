/** Diff engine (issue #3): neutral structural diff, rule catalogue, renderings, element history. */
export {
  RULES,
  RULES_BY_ID,
  SEVERITIES,
  ELEMENTS,
  SEVERITY_INFO,
  changeSeverityLabel,
  severityRank,
  parseSeverity,
  severityNames,
  getRule,
  renderMessage,
  parseSeverityOverrides,
} from './catalogue.ts';
export type { Change, ChangeElement, ParamValue, Rule, Severity, SeverityInfo, SeverityOverrides } from './catalogue.ts';
export { structuralDiff } from './structural.ts';
export type { Delta, DeltaOp, StructuralDiff } from './structural.ts';
export { diffVersions, filterDiff, sideOf, sortChanges, summarize } from './engine.ts';
export type { ChangeFilter, DiffOptions, DiffResult, DiffSide, DiffSummary } from './engine.ts';
export { formatDiff, diffDocument, countsLine, describeSide, groupChanges, mdEscape, DIFF_FORMATS, DIFF_OUTPUT_SCHEMA_ID, CSV_HEADER } from './format.ts';
export type { DiffFormat, DiffInput } from './format.ts';
export { elementHistory, cachedDiff, concerns } from './history.ts';
export type { ElementHistory, HistoryEvent, HistoryElementKind } from './history.ts';
