/**
 * Every internal URL of the site, in one place (root-relative, trailing slash for pages): a fact
 * of the product shared by the site (src/site/urls.ts re-exports it) and the CLI (paths printed by
 * `norme unused`), so it lives in the core.
 */
import { rubriqueOfControl } from './model/ids.ts';

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
