/** The site's URL scheme (from the core) and the labels its pages show. */
import { MONTH_NAMES, monthLabel as coreMonthLabel, shortMonthLabel } from '../core/month.ts';
import { plural as corePlural } from '../core/text/labels.ts';

export { urls } from '../core/urls.ts';

/** `2026-01` → `janvier 2026` (core `monthLabel`); `—` when there is no month. */
export function monthLabel(m: string | undefined): string {
  return m ? coreMonthLabel(m) : '—';
}

/** `2026-01` → `janv. 2026` (core `shortMonthLabel`). */
export const shortMonth = shortMonthLabel;

/** `2025-09-19` → `19 septembre 2025`. */
export function dateLabel(d: string | undefined): string {
  if (!d) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(d);
  if (!m) return d;
  return `${Number(m[3])} ${MONTH_NAMES[Number(m[2]) - 1]} ${m[1]}`;
}

export function cardinality(c: { min: number; max: number | '*' }): string {
  return `${c.min}..${c.max}`;
}

export const USAGE_LABELS: Record<string, string> = {
  O: 'obligatoire',
  C: 'conditionnelle',
  I: 'interdite',
  N: 'non utilisée',
  F: 'facultative',
};

/** `O` → `Obligatoire`: the word shown in usage tables. */
export function usageLabel(u: string): string {
  const l = USAGE_LABELS[u];
  return l ? l[0].toUpperCase() + l.slice(1) : u;
}

/** What each usage means for the declarant (legend of the usage tables). */
export const USAGE_HELP: Record<string, string> = {
  O: '(à renseigner)',
  C: '(à renseigner si la situation décrite se présente)',
  I: '(ne doit pas figurer)',
  N: '(non utilisée pour cette nature)',
  F: '(au choix du déclarant)',
};

export const NATURE_LABELS: Record<string, string> = {
  Alphanumeric: 'alphanumérique',
  Numeric: 'numérique',
  Date: 'date',
  Enumeration: 'énumération',
  ExternalReferential: 'référentiel externe',
};

export const CONTROL_FAMILY_LABELS: Record<string, string> = {
  CCH: 'cohérence',
  SIG: 'signalement',
  CSL: 'syntaxe et clés',
  CRE: 'référentiel',
  CME: 'métier (SIRENE)',
  CST: 'structure',
  CID: 'inter-déclarations',
};

/** `1 234 rubriques`: the core's `plural`, thousands separated. */
export function plural(n: number, one: string, many: string): string {
  return corePlural(n, one, many, { grouped: true });
}

/** What `activationWords` reads of a version (a SiteVersion): its code lists and the rubriques using each. */
export interface ActivationSource {
  v: { datatypes: Map<string, { values?: { code: string; label?: string }[] }> };
  index: { usedBy: Map<string, { rubrique: { name: string } }[]> };
}

/**
 * A deferred activation of version.yaml (`DSN_Declaration_Nature#10`) in the declarant's words,
 * from the code list of the version: `words` is the code and its label (`10 — Signalement
 * Déclaration préalable à l'embauche`), `list` the name of the rubrique that takes the list
 * (`Nature de la déclaration`) when one name fits; `technical` is the list's technical name, for
 * a secondary mention. An element the version does not describe stays as written.
 */
export function activationWords(sv: ActivationSource | undefined, element: string): { words: string; list?: string; technical: string } {
  const [type, code] = element.split('#');
  const label = code === undefined ? undefined : sv?.v.datatypes.get(type)?.values?.find((x) => x.code === code)?.label;
  if (!label) return { words: element, technical: type };
  const names = new Set((sv?.index.usedBy.get(type) ?? []).map((e) => e.rubrique.name));
  return { words: `${code} — ${label}`, list: names.size === 1 ? [...names][0] : undefined, technical: type };
}
