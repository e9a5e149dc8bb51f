/**
 * A content problem, as a value. Never thrown: collected and returned by the core.
 * Canonical line: `file:line:col: erreur message [rule]`.
 */
import type { ValidationRuleId } from '../validate/rule-ids.generated.ts';

export type { ValidationRuleId };
export type DiagnosticSeverity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  severity: DiagnosticSeverity;
  /** Stable rule id, e.g. `unknown-datatype`. */
  rule: string;
  /** French, plain text, codes in backticks. */
  message: string;
  /** Path relative to the registry/project root, with forward slashes. */
  file?: string;
  line?: number;
  column?: number;
  /** What to do about it (French). */
  hint?: string;
}

const SEVERITY_FR: Record<DiagnosticSeverity, string> = {
  error: 'erreur',
  warning: 'avertissement',
  info: 'info',
};

export function severityLabel(s: DiagnosticSeverity): string {
  return SEVERITY_FR[s];
}

/** The one canonical line for a diagnostic (no hint, no colour). */
export function formatDiagnostic(d: Diagnostic): string {
  let where = '';
  if (d.file) {
    where = d.file;
    if (d.line !== undefined) {
      where += `:${d.line}`;
      if (d.column !== undefined) where += `:${d.column}`;
    }
    where += ': ';
  }
  return `${where}${SEVERITY_FR[d.severity]} ${d.message} [${d.rule}]`;
}

/** A diagnostic of rule `rule`, an id of the catalogue src/core/validate/rules.json (checked by the type). */
export function diag(
  severity: DiagnosticSeverity,
  rule: ValidationRuleId,
  message: string,
  at: { file?: string; line?: number; column?: number } = {},
  hint?: string,
): Diagnostic {
  const d: Diagnostic = { severity, rule, message };
  if (at.file !== undefined) d.file = at.file;
  if (at.line !== undefined) d.line = at.line;
  if (at.column !== undefined) d.column = at.column;
  if (hint !== undefined) d.hint = hint;
  return d;
}

export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}

/** Stable order: file, line, column, rule, message. */
export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return ds.sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.rule.localeCompare(b.rule) ||
      a.message.localeCompare(b.message),
  );
}

/** Damerau-free Levenshtein distance, small and dependency-free. */
export function editDistance(a: string, b: string): number {
  const m = a.length, n = b.length;
  if (m === 0) return n;
  if (n === 0) return m;
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[n];
}

/**
 * Closest candidate for a "vouliez-vous dire …" hint, or undefined when none is close: at most a
 * third of the target's characters changed (2 for short targets), and never all of them (`Z` is
 * not a typo of `C`).
 */
export function closest(target: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const max = Math.max(2, Math.floor(target.length / 3));
  for (const c of candidates) {
    const d = editDistance(target.toLowerCase(), c.toLowerCase());
    if (d < bestD || (d === bestD && best !== undefined && c < best)) {
      bestD = d;
      best = c;
    }
  }
  return bestD <= max && bestD < target.length ? best : undefined;
}

export function didYouMean(target: string, candidates: Iterable<string>): string | undefined {
  const c = closest(target, candidates);
  return c === undefined ? undefined : `vouliez-vous dire \`${c}\` ?`;
}
