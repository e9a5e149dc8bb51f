/**
 * French words of the interface defined once: the label of a version status, the mark of an
 * example fiche and the plural of a count. Used by the core (review, reports), the CLI and the site (pages, search, browser
 * scripts). Browser-safe.
 */
import type { Version } from '../model/types.ts';

/** The French label of each status of a version. */
export const VERSION_STATUS_LABELS: Readonly<Record<Version['status'], string>> = { draft: 'en projet', published: 'publiée', retired: 'retirée' };

/** Status label in French (the status itself when unknown). */
export function statusLabel(s: Version['status'] | string): string {
  return VERSION_STATUS_LABELS[s as Version['status']] ?? s;
}

/** The mark of an example fiche wherever it appears (fiche, list, search result, feed): never taken for an official consigne. */
export const EXAMPLE_FICHE_LABEL = 'Exemple — ne constitue pas une consigne officielle';

/**
 * `3 fichiers`, `1 fichier`, `0 fichier`: the French rule (plural above one). With
 * `{ grouped: true }` the count has its thousands separated (`1 234`), as the site shows it.
 */
export function plural(n: number, one: string, many: string, opts?: { grouped?: boolean }): string {
  return `${opts?.grouped ? n.toLocaleString('fr-FR') : n} ${n > 1 ? many : one}`;
}
