/**
 * "Will my file pass the next version of the norm?" (`norme check --next`, checkbox of
 * /autocontrole/). Browser-safe: only check models, no loader.
 *
 * The file is checked against its version and against the next version of the family (two
 * ordinary checks). A finding of the next check that the current check does not have (same
 * line, rule and rubrique) is what would change; it is classified by comparing the two check
 * models (rubrique added or removed, usage now mandatory, code removed from the list, new
 * control…) and labelled with the next version and the month it applies from.
 */
import { checkText, type CheckReport, type Finding } from './checker.ts';
import { compileCheckModel, type CompiledModel, type RtRubrique } from './compile.ts';
import type { CheckModel } from './model.ts';
import type { Severity } from './rules.ts';
import { findingJson } from './format.ts';
import { monthLabel } from '../month.ts';

/** Minimal version metadata to find the next version of a family (a `Version` fits). */
export interface VersionInfo {
  id: string;
  previous?: string | null;
  status?: string;
  applicability?: { from: string; to?: string; source?: string };
}

/** First month of a version and whether it is inferred (not from an official text). */
export function startOf(v: VersionInfo | undefined): { from?: string; inferred: boolean } {
  const a = v?.applicability;
  return a ? { from: a.from, inferred: a.source !== 'texte officiel' } : { inferred: false };
}

/**
 * The next version of `id` in a family: the one whose `previous` is `id` (the earliest to
 * apply when several are), else the first one applying after `id` starts. Undefined if none.
 */
export function nextVersionOf<T extends VersionInfo>(versions: readonly T[], id: string): T | undefined {
  const start = (v: VersionInfo) => v.applicability?.from ?? '9999-99';
  const byStart = (a: T, b: T) => start(a).localeCompare(start(b)) || a.id.localeCompare(b.id);
  const successors = versions.filter((v) => v.previous === id && v.id !== id).sort(byStart);
  if (successors.length) return successors[0];
  const cur = versions.find((v) => v.id === id);
  if (!cur?.applicability) return undefined;
  return versions.filter((v) => v.id !== id && v.applicability && v.applicability.from > cur.applicability!.from).sort(byStart)[0];
}

/** Why a finding appears under the next version. */
export type NextChangeKind =
  | 'rubrique-added-mandatory'
  | 'usage-now-mandatory'
  | 'usage-now-forbidden'
  | 'usage-unknown-before'
  | 'rubrique-removed'
  | 'code-removed'
  | 'datatype-changed'
  | 'control-added'
  | 'structure-changed'
  | 'other';

export const NEXT_CHANGE_LABELS: Record<NextChangeKind, string> = {
  'rubrique-added-mandatory': 'nouvelle rubrique obligatoire',
  'usage-now-mandatory': 'rubrique devenue obligatoire pour la nature',
  'usage-now-forbidden': 'rubrique devenue interdite ou non utilisée pour la nature',
  'usage-unknown-before': 'usage non comparable (tableau des usages actuel non publié)',
  'rubrique-removed': 'rubrique supprimée',
  'code-removed': 'code retiré de la liste',
  'datatype-changed': 'type de données modifié (longueur, format ou liste)',
  'control-added': 'nouveau contrôle vérifiable',
  'structure-changed': 'structure des blocs modifiée',
  other: 'autre différence entre les versions',
};

export interface NextFinding extends Finding {
  /** `dsn/P27V01` */
  version: string;
  /** First month (YYYY-MM) the version applies to, when known. */
  from?: string;
  change: NextChangeKind;
}

export interface NextTarget {
  model: CheckModel | CompiledModel;
  /** `applicability.from` of the next version (YYYY-MM), when known. */
  from?: string;
  /** Applicability not from an official text (inferred). */
  inferred?: boolean;
}

export interface NextReport {
  /** `dsn/P27V01` */
  version: string;
  versionLabel: string;
  from?: string;
  inferred?: boolean;
  /** From the current version, e.g. `dsn/P26V01`. */
  current: string;
  /** Findings the file would get under the next version and does not get today. */
  findings: NextFinding[];
  counts: { bloquant: number; 'non bloquant': number; byChange: Partial<Record<NextChangeKind, number>> };
  /** Findings of today that the next version would no longer raise. */
  resolved: number;
  /** Findings of the next check not kept (its limit was reached). */
  omittedFindings: number;
  /** The whole check against the next version. */
  report: CheckReport;
}

const compiled = (m: CheckModel | CompiledModel): CompiledModel => ('root' in m ? m : compileCheckModel(m));
const key = (f: Finding) => `${f.line}|${f.rule}|${f.rubrique ?? ''}`;

/** Natures of the finding's declaration: the report knows only the file's natures. */
function classify(f: Finding, cur: CompiledModel, nxt: CompiledModel, natures: string[]): NextChangeKind {
  const id = f.rubrique;
  const before: RtRubrique | undefined = id ? cur.rubriques.get(id) : undefined;
  const after: RtRubrique | undefined = id ? nxt.rubriques.get(id) : undefined;
  const usagesBefore = cur.natures.length > 0;
  switch (f.rule) {
    case 'unknown-rubrique':
      return before ? 'rubrique-removed' : 'other';
    case 'usage-mandatory':
      if (!before) return 'rubrique-added-mandatory';
      if (!usagesBefore) return 'usage-unknown-before';
      return natures.some((n) => before.usage?.[n] !== 'O') ? 'usage-now-mandatory' : 'other';
    case 'usage-forbidden':
    case 'usage-unused':
      if (!before || !usagesBefore) return 'usage-unknown-before';
      return 'usage-now-forbidden';
    case 'value-code': {
      const b = before?.dt.codeList ?? [];
      const a = after?.dt.codes;
      return a && b.some((c) => !a.has(c)) ? 'code-removed' : 'datatype-changed';
    }
    case 'value-length':
    case 'value-format':
    case 'value-date':
      return 'datatype-changed';
    case 'key-siren':
    case 'key-siret':
    case 'key-nic':
    case 'key-iban':
    case 'key-bban':
    case 'calendar':
      return f.control && !before?.verified.has(f.control) ? 'control-added' : 'other';
    case 'block-min':
    case 'block-max':
    case 'block-parent':
    case 'rubrique-order':
      return 'structure-changed';
    default:
      return 'other';
  }
}

/**
 * Compare the check of a file against its version (`current`) with the check of the same
 * file against the next version (`nextReport`), both made by the ordinary checker.
 */
export function compareWithNext(current: CheckReport, cur: CheckModel | CompiledModel, nextReport: CheckReport, target: NextTarget): NextReport {
  const c = compiled(cur);
  const n = compiled(target.model);
  const today = new Set(current.findings.map(key));
  const versionRubrique = n.model.roles.version;
  const findings: NextFinding[] = [];
  const counts: NextReport['counts'] = { bloquant: 0, 'non bloquant': 0, byChange: {} };
  for (const f of nextReport.findings) {
    if (today.has(key(f))) continue;
    // The file declares its own version: under the next one it would declare that one.
    if (f.rubrique && f.rubrique === versionRubrique && f.rule === 'value-code') continue;
    const change = classify(f, c, n, current.natures);
    const nf: NextFinding = { ...f, version: n.model.key, change };
    if (target.from) nf.from = target.from;
    findings.push(nf);
    counts[f.severity as Severity]++;
    counts.byChange[change] = (counts.byChange[change] ?? 0) + 1;
  }
  const later = new Set(nextReport.findings.map(key));
  const out: NextReport = {
    version: n.model.key,
    versionLabel: n.model.label,
    current: c.model.key,
    findings,
    counts,
    resolved: current.findings.filter((f) => !later.has(key(f))).length,
    omittedFindings: nextReport.omittedFindings,
    report: nextReport,
  };
  if (target.from) out.from = target.from;
  if (target.inferred) out.inferred = true;
  return out;
}

/** Check a whole text against its version and the next one (tests, small files, the library). */
export function checkTextWithNext(cur: CheckModel | CompiledModel, target: NextTarget, text: string, opts: { maxFindings?: number } = {}): { report: CheckReport; next: NextReport } {
  const report = checkText(cur, text, opts);
  const nextReport = checkText(target.model, text, opts);
  return { report, next: compareWithNext(report, cur, nextReport, target) };
}

/** `2027-01` → `janvier 2027`. */
export { monthLabel };

/** `dsn/P27V01, applicable à partir de janvier 2027 (mois principal déclaré, date déduite)` */
export function nextHeading(n: Pick<NextReport, 'version' | 'versionLabel' | 'from' | 'inferred'>): string {
  const when = n.from ? `, applicable à partir de ${monthLabel(n.from)} (mois principal déclaré${n.inferred ? ', date déduite' : ''})` : ', date d\'application inconnue';
  return `${n.version} (${n.versionLabel})${when}`;
}

/** One canonical line: `f.dsn:64: bloquant S21.G00.40.084 [dsn/P27V01 dès 2027-01 : nouvelle rubrique obligatoire] message [rule]`. */
export function formatNextFinding(f: NextFinding, file: string): string {
  const label = `[${f.version}${f.from ? ` dès ${f.from}` : ''} : ${NEXT_CHANGE_LABELS[f.change]}]`;
  return `${file}:${f.line}: ${f.severity}${f.rubrique ? ` ${f.rubrique}` : ''} ${label} ${f.message} [${f.rule}]${f.control ? ` (${f.control})` : ''}`;
}

/** Text section appended to the ordinary report: changes of the norm first, then usages not comparable. */
export function formatNextText(n: NextReport, file: string): string {
  const L: string[] = ['', `Version suivante : ${nextHeading(n)}`];
  if (!n.findings.length) {
    L.push(`Aucun nouveau constat : le fichier passerait les contrôles vérifiés automatiquement de ${n.version} comme ceux de ${n.current}.`);
  } else {
    const changes = n.findings.filter((f) => f.change !== 'usage-unknown-before');
    const usages = n.findings.filter((f) => f.change === 'usage-unknown-before');
    L.push(changes.length ? `Changements de la norme qui toucheraient ce fichier (${changes.length}) :` : 'Aucun changement de la norme ne toucherait ce fichier.');
    for (const f of changes) L.push(formatNextFinding(f, file));
    if (usages.length) {
      L.push(`Usages de ${n.version} non comparables (tableau des usages de ${n.current} non publié ; peut-être déjà exigés aujourd'hui) (${usages.length}) :`);
      for (const f of usages) L.push(formatNextFinding(f, file));
    }
    if (n.omittedFindings) L.push(`… constats de ${n.version} au-delà de la limite non comparés (${n.omittedFindings}).`);
    const by = Object.entries(n.counts.byChange)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${NEXT_CHANGE_LABELS[k as NextChangeKind]} ${v}`)
      .join(', ');
    L.push(`Bilan ${n.version} : ${n.counts.bloquant} nouveau(x) constat(s) bloquant(s), ${n.counts['non bloquant']} non bloquant(s) — ${by}.`);
  }
  if (n.resolved) L.push(`${n.resolved} constat(s) de ${n.current} disparaîtrai(en)t sous ${n.version}.`);
  return L.join('\n') + '\n';
}

/** JSON form (the whole next report is not repeated: only what changes). */
export function nextDocument(n: NextReport): Omit<NextReport, 'report'> {
  const { report: _r, ...rest } = n;
  return { ...rest, findings: rest.findings.map(findingJson) };
}
