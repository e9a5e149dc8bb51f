/** Every internal URL of the site, in one place (root-relative, trailing slash for pages). */
import { MONTH_NAMES, monthLabel as coreMonthLabel, shortMonthLabel } from '../core/month.ts';
import { rubriqueOfControl } from '../core/model/ids.ts';
import { plural as corePlural } from '../core/text/labels.ts';

/** Encode a path segment, keeping `@` (edition refs such as `P26V01@2026.1.1`). */
const enc = (s: string) => encodeURIComponent(s).replace(/%40/g, '@');

export const urls = {
  home: () => '/',
  family: (f: string) => `/${enc(f)}/`,
  version: (f: string, v: string) => `/${enc(f)}/${enc(v)}/`,
  element: (f: string, v: string, id: string) => `/${enc(f)}/${enc(v)}/${enc(id)}/`,
  rubriqueInBlock: (f: string, v: string, blockId: string, rubriqueId: string) => `/${enc(f)}/${enc(v)}/${enc(blockId)}/#${enc(rubriqueId)}`,
  datatypes: (f: string, v: string) => `/${enc(f)}/${enc(v)}/types/`,
  datatype: (f: string, v: string, id: string) => `/${enc(f)}/${enc(v)}/types/${enc(id)}/`,
  controls: (f: string, v: string) => `/${enc(f)}/${enc(v)}/controles/`,
  journal: (f: string, v: string) => `/${enc(f)}/${enc(v)}/journal/`,
  unused: (f: string, v: string) => `/${enc(f)}/${enc(v)}/inutilises/`,
  /** Page of an element of any kind: a control on its rubrique's page, a code value `Type#code` on its type's page. */
  elementOfKind: (f: string, v: string, kind: 'block' | 'rubrique' | 'control' | 'datatype' | 'code-value', id: string): string => {
    if (kind === 'datatype') return urls.datatype(f, v, id);
    if (kind === 'code-value') return urls.datatype(f, v, id.split('#')[0]);
    if (kind === 'control') return urls.element(f, v, rubriqueOfControl(id)) + '#' + encodeURIComponent(id);
    return urls.element(f, v, id);
  },
  rubriquePermalink: (f: string, id: string) => `/${enc(f)}/rubriques/${enc(id)}/`,
  blockPermalink: (f: string, id: string) => `/${enc(f)}/blocs/${enc(id)}/`,
  rubriques: (f: string) => `/${enc(f)}/rubriques/`,
  blocks: (f: string) => `/${enc(f)}/blocs/`,
  diffs: (f: string) => `/${enc(f)}/diff/`,
  diff: (f: string, from: string, to: string) => `/${enc(f)}/diff/${enc(from)}...${enc(to)}/`,
  /** The comparison page; with `to` alone, that version is preselected (nothing computed until asked). */
  compare: (f: string, from?: string, to?: string) => {
    const q = [from && `de=${encodeURIComponent(from)}`, to && `a=${encodeURIComponent(to)}`].filter(Boolean).join('&');
    return `/${enc(f)}/diff/comparer/${q ? `?${q}` : ''}`;
  },
  diffFile: (f: string, from: string, to: string, ext: 'json' | 'csv' | 'md') => `/${enc(f)}/diff/${enc(from)}...${enc(to)}.${ext}`,
  versionJson: (f: string, v: string) => `/${enc(f)}/${enc(v)}.json`,
  versionCsv: (f: string, v: string) => `/${enc(f)}/${enc(v)}.csv`,
  monthAnswers: (f: string) => `/${enc(f)}/mois/`,
  monthAnswer: (f: string, month: string) => `/${enc(f)}/mois/${enc(month)}/`,
  releases: () => '/releases.json',
  calendar: () => '/calendrier.json',
  feed: () => '/flux.xml',
  schema: (file: string) => `/schemas/${enc(file)}`,
  search: () => '/recherche/',
  glossary: (term?: string) => `/glossaire/${term ? `#${enc(term)}` : ''}`,
  rules: () => '/regles/',
  about: () => '/a-propos/',
  accessibility: () => '/accessibilite/',
  legal: () => '/mentions-legales/',
};

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
