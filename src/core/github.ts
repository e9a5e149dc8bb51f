/**
 * GitHub Actions workflow commands (`::error file=…,line=…,title=…::message`): annotations for
 * `norme validate`, `norme check` and `norme diff` with `--format github`, used by action.yml.
 * Escaping as GitHub documents it: `%`, CR, LF in the message; also `:` and `,` in properties.
 */
import type { CheckReport } from './check/checker.ts';
import { NEXT_CHANGE_LABELS, type NextReport } from './check/next.ts';
import type { DiffResult } from './diff/engine.ts';

export type AnnotationLevel = 'error' | 'warning' | 'notice';

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export interface AnnotationProps {
  file?: string;
  line?: number;
  col?: number;
  title?: string;
}

/** One workflow command line (without the final newline). */
export function githubAnnotation(level: AnnotationLevel, message: string, props: AnnotationProps = {}): string {
  const p = (['file', 'line', 'col', 'title'] as const)
    .filter((k) => props[k] !== undefined && props[k] !== '')
    .map((k) => `${k}=${escapeProperty(String(props[k]))}`)
    .join(',');
  return `::${level}${p ? ' ' + p : ''}::${escapeData(message)}`;
}

/** Findings of a check (bloquant → error, non bloquant → warning), then those of the next version (warnings). */
export function checkAnnotations(report: CheckReport, file: string, next?: NextReport): string {
  const L = report.findings.map((f) =>
    githubAnnotation(f.severity === 'bloquant' ? 'error' : 'warning', `${f.rubrique ? `${f.rubrique} ` : ''}${f.message}`, { file, line: f.line, title: `${report.version} — ${f.rule}` }),
  );
  for (const f of next?.findings ?? []) {
    const when = f.from ? ` dès ${f.from}` : '';
    L.push(githubAnnotation(f.change === 'usage-unknown-before' ? 'notice' : 'warning', `${f.rubrique ? `${f.rubrique} ` : ''}${f.message}`, { file, line: f.line, title: `${f.version}${when} — ${NEXT_CHANGE_LABELS[f.change]}` }));
  }
  return L.length ? L.join('\n') + '\n' : '';
}

/** Changes between two versions, not tied to a file: breaking → warning, the others → notice. */
export function diffAnnotations(results: DiffResult[]): string {
  const L: string[] = [];
  for (const r of results) {
    for (const c of r.changes) {
      L.push(githubAnnotation(c.severity === 'breaking' ? 'warning' : 'notice', c.message.replace(/`/g, ''), { title: `${r.from.key} → ${r.to.key} — ${c.rule} ${c.id}` }));
    }
  }
  return L.length ? L.join('\n') + '\n' : '';
}
