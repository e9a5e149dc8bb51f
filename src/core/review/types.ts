/**
 * The impact report of a change to the registry (`norme review`): what a pull request does to
 * the norm, the journal, the fiches consignes, and whether it validates.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { Change, Severity } from '../diff/catalogue.ts';
import type { DiffResult, DiffSummary } from '../diff/engine.ts';

/** `--fail-on`: the lowest change severity that makes the review fail. */
export type FailOn = 'breaking' | 'warning' | 'info';
export const FAIL_ON: readonly FailOn[] = ['breaking', 'warning', 'info'];

export type VersionChangeKind = 'added' | 'modified' | 'removed';

export interface MetaChange {
  /** `status`, `name`, `previous`, `applicability`, `editions`, `usages`, `activations`, `provenance`. */
  field: string;
  /** French description, e.g. « statut : en projet → publiée ». */
  message: string;
}

export interface VersionReview {
  /** `dsn/P26V01` */
  key: string;
  family: string;
  version: string;
  name: string;
  kind: VersionChangeKind;
  /** Status on the head side (base side for a removed version). */
  status: 'draft' | 'published' | 'retired';
  /** Key of the version the diff compares with: the same version at the base, or, for a new version, its previous version. */
  comparedWith?: string;
  /** Where `comparedWith` was read: `base` (git ref) or `head` (working tree, for a new version). */
  comparedAt?: 'base' | 'head';
  /** Classified content diff; absent when it could not be computed (see `note`). */
  diff?: DiffResult;
  /** Changes of version.yaml metadata (not part of the content diff). */
  meta: MetaChange[];
  /** Files of the version added, modified or removed (relative to the project root). */
  files: { added: string[]; modified: string[]; removed: string[] };
  /** Why there is no diff, or what to know about it (French). */
  note?: string;
}

export type JournalChangeKind = 'added' | 'modified' | 'removed';

export interface JournalReview {
  /** Version key. */
  version: string;
  id: string;
  file: string;
  kind: JournalChangeKind;
  title: string;
  /** anomalie / évolution / précision */
  entryKind: string;
  edition: string;
  date: string;
  /** False when the loader refused it (an operation failed): see the diagnostics. */
  applied: boolean;
  /** What the entry changes (empty for a removed or refused entry). */
  changes: Change[];
}

export interface CitedChange {
  /** Version whose change is cited (`dsn/P26V01`). */
  version: string;
  /** Element id the fiche cites (`S21.G00.40.007`, `DSN_NatureContrat`…). */
  cited: string;
  /** Where the fiche cites it: texte, en-tête, exemple DSN. */
  sources: string[];
  change: Pick<Change, 'rule' | 'severity' | 'element' | 'id' | 'message'>;
}

export interface ConsigneImpact {
  fiche: number;
  title: string;
  file: string;
  /** en vigueur / remplacée / … */
  status: string;
  family: string;
  /** Versions of the family the fiche applies to (its `versions`, or the pinned version of a reference). */
  versions: string[];
  /** Most severe change among the cited ones. */
  severity: Severity;
  cites: CitedChange[];
}

export interface ReviewDiagnostic extends Diagnostic {
  /** False when the same diagnostic (rule, file, message) already existed at the base. */
  new: boolean;
}

export interface ReviewSummary {
  versions: { added: number; modified: number; removed: number; unchanged: number };
  changes: DiffSummary;
  journal: { added: number; modified: number; removed: number };
  fiches: number;
  errors: number;
  warnings: number;
}

export interface Review {
  base: { label: string; commit?: string };
  head: { label: string };
  failOn: FailOn | null;
  /** True when the CLI must exit non-zero: validation errors, or a change at or above `failOn`. */
  failed: boolean;
  /** Why it failed (French, one item per reason). */
  reasons: string[];
  /** One line for people: emoji, counts, what to do. */
  verdict: string;
  summary: ReviewSummary;
  versions: VersionReview[];
  journal: JournalReview[];
  consignes: ConsigneImpact[];
  /** Errors (all), and warnings / infos that are new at the head; sorted. */
  diagnostics: ReviewDiagnostic[];
  /** Warnings and infos already present at the base, not listed. */
  preexisting: number;
}
