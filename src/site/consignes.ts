/**
 * Fiches consignes for the site: URLs, statuses, filter facets and the link resolver given to
 * the core's renderer. Everything comes from the core (loadConsignes, consigneHistory,
 * renderConsigneHtml) through src/site/data.ts; nothing is parsed or compiled here.
 */
import type { ConsigneRevision, LinkTarget, LoadedConsigne, ResolvedRef, RevisionDiff } from '../core/index.ts';
import { getConsignes, getSite, type SiteVersion } from './data.ts';
import { shared } from './build/context.ts';
import { dateLabel, urls } from './urls.ts';
import { esc } from './render/markup.ts';
import { EXAMPLE_FICHE_LABEL } from '../core/text/labels.ts';

const enc = (s: string) => encodeURIComponent(s).replace(/%40/g, '@');

/** `évolutions de la norme` → `evolutions-de-la-norme`. */
export function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export const consigneUrls = {
  list: () => '/consignes/',
  fiche: (id: number) => `/consignes/${id}/`,
  revision: (id: number, n: number) => `/consignes/${id}/revisions/${n}/`,
  theme: (theme: string) => `/consignes/themes/${slug(theme)}/`,
  version: (f: string, v: string) => `/consignes/versions/${enc(f)}/${enc(v)}/`,
  status: (s: StatusKey) => `/consignes/statuts/${slug(s)}/`,
  rubrique: (f: string, id: string) => `/consignes/rubriques/${enc(f)}/${enc(id)}/`,
};

/** Page of a norm element, in the version the reference resolved to. */
export function elementHref(ref: ResolvedRef): string {
  switch (ref.kind) {
    case 'rubrique':
    case 'block':
      return urls.element(ref.family, ref.version, ref.id);
    case 'datatype':
      return urls.datatype(ref.family, ref.version, ref.id) + (ref.code !== undefined ? '#valeurs' : '');
    case 'control': {
      // `S21.G00.40.007/CCH-11`: a row of the rubrique's controls table.
      const rubrique = ref.id.slice(0, ref.id.indexOf('/'));
      return urls.element(ref.family, ref.version, rubrique) + '#' + encodeURIComponent(ref.id).replace(/%2F/gi, '/');
    }
  }
}

/** The `href` option of renderConsigneHtml. */
export function linkTarget(t: LinkTarget): string {
  return t.type === 'consigne' ? consigneUrls.fiche(t.id) : elementHref(t.ref);
}

export type StatusKey = 'en vigueur' | 'remplacée' | 'abrogée';
export const STATUSES: StatusKey[] = ['en vigueur', 'remplacée', 'abrogée'];

export interface StatusView {
  key: StatusKey;
  /** `en vigueur`, `remplacée par n° 9026`, `abrogée`. */
  label: string;
  replacedBy?: { id: number; title?: string; href: string };
}

export const KIND_LABELS: Record<string, string> = { rubrique: 'Rubrique', block: 'Bloc', control: 'Contrôle', datatype: 'Type de données' };

export interface FicheSummary {
  c: LoadedConsigne;
  status: StatusView;
  famName: string;
  /** Rubriques cited by the current revision (directly), by id. */
  rubriques: { id: string; name?: string }[];
}

export interface Facet {
  key: string;
  label: string;
  href: string;
  ids: number[];
}

export interface ConsignesView {
  fiches: FicheSummary[];
  byId: Map<number, FicheSummary>;
  themes: Facet[];
  /** `dsn/P26V01` keys, family then version order. */
  versions: (Facet & { family: string; version: string })[];
  statuses: (Facet & { status: StatusKey })[];
  /** `dsn/S21.G00.40.007` keys. */
  rubriques: (Facet & { family: string; id: string; name?: string })[];
}

export function statusOf(c: LoadedConsigne, byId: Map<number, LoadedConsigne>): StatusView {
  const key = c.meta.status as StatusKey;
  if (key === 'remplacée' && c.meta.replacedBy !== undefined) {
    const id = c.meta.replacedBy;
    return { key, label: `remplacée par n° ${id}`, replacedBy: { id, title: byId.get(id)?.meta.title, href: consigneUrls.fiche(id) } };
  }
  return { key, label: key };
}

/** Fiches with their status and facets, computed once per build. */
export function consignesView(): Promise<ConsignesView> {
  return shared('consignes-view', build);
}

async function build(): Promise<ConsignesView> {
  const site = await getSite();
  const { consignes, index } = await getConsignes();
  const fiches: FicheSummary[] = consignes.map((c) => {
    const rubriques = new Map<string, string | undefined>();
    for (const r of c.cites) if (r.kind === 'rubrique' && r.family === c.family && !rubriques.has(r.id)) rubriques.set(r.id, r.label);
    return {
      c,
      status: statusOf(c, index.byId),
      famName: site.family.get(c.family)?.fam.meta.name ?? c.family,
      rubriques: [...rubriques].map(([id, name]) => ({ id, name })).sort((a, b) => a.id.localeCompare(b.id)),
    };
  });
  const byId = new Map(fiches.map((f) => [f.c.id, f]));

  const themes = new Map<string, number[]>();
  for (const f of fiches) for (const t of f.c.meta.themes) themes.set(t, [...(themes.get(t) ?? []), f.c.id]);

  const versions: ConsignesView['versions'] = [];
  for (const fam of site.families) {
    for (const sv of fam.versions) {
      const ids = fiches.filter((f) => f.c.family === fam.id && f.c.current.versions.includes(sv.id)).map((f) => f.c.id);
      if (ids.length) versions.push({ key: `${fam.id}/${sv.id}`, label: `${fam.fam.meta.name} ${sv.id}`, href: consigneUrls.version(fam.id, sv.id), ids, family: fam.id, version: sv.id });
    }
  }

  const rubriques = new Map<string, ConsignesView['rubriques'][number]>();
  for (const f of fiches) {
    for (const r of f.rubriques) {
      const key = `${f.c.family}/${r.id}`;
      let facet = rubriques.get(key);
      if (!facet) rubriques.set(key, (facet = { key, label: `${r.id}${r.name ? ` ${r.name}` : ''}`, href: consigneUrls.rubrique(f.c.family, r.id), ids: [], family: f.c.family, id: r.id, name: r.name }));
      facet.ids.push(f.c.id);
    }
  }

  return {
    fiches,
    byId,
    themes: [...themes]
      .map(([t, ids]) => ({ key: slug(t), label: t, href: consigneUrls.theme(t), ids }))
      .sort((a, b) => a.label.localeCompare(b.label, 'fr')),
    versions,
    statuses: STATUSES.map((s) => ({ key: slug(s), label: s, href: consigneUrls.status(s), ids: fiches.filter((f) => f.status.key === s).map((f) => f.c.id), status: s })),
    rubriques: [...rubriques.values()].sort((a, b) => a.family.localeCompare(b.family) || a.id.localeCompare(b.id)),
  };
}

/** HTML of a revision's text (the core's allowlist renderer; links to the right version's pages). */
export async function revisionHtml(rev: ConsigneRevision): Promise<string> {
  const { core } = await getSite();
  return core.renderConsigneHtml(rev, { href: linkTarget });
}

/** Word diffs between consecutive revisions (`from` → `to`), oldest first. */
export async function revisionDiffs(c: LoadedConsigne): Promise<RevisionDiff[]> {
  const { core } = await getSite();
  return core.consigneHistory(c);
}

/** Site versions a revision targets (those present in the registry), oldest first. */
export async function revisionVersions(c: LoadedConsigne, rev: ConsigneRevision): Promise<SiteVersion[]> {
  const site = await getSite();
  const fam = site.family.get(c.family);
  if (!fam) return [];
  return rev.versions.map((v) => fam.byId.get(v)).filter((x): x is SiteVersion => x !== undefined);
}

/** Natures of declaration with their label (from the newest targeted version that lists them). */
export function natureLabels(codes: string[], versions: SiteVersion[]): { code: string; label?: string }[] {
  return codes.map((code) => {
    for (let i = versions.length - 1; i >= 0; i--) {
      const n = versions[i].natures.find((x) => x.code === code);
      if (n) return { code, label: n.label };
    }
    return { code };
  });
}

/** `2025-01-01` → `1er janvier 2025`. */
export function dayLabel(d: string): string {
  return dateLabel(d).replace(/^1 /, '1er ');
}

/** The status of a fiche, as HTML (ConsigneStatus.astro): en vigueur / remplacée par n° X (linked) / abrogée. */
export function consigneStatusHtml(status: StatusView): string {
  const inner =
    status.key === 'en vigueur'
      ? '<span class="badge current">en vigueur</span>'
      : status.key === 'abrogée'
        ? '<span class="badge retired">abrogée</span>'
        : '<span class="badge warning">remplacée</span>' +
          (status.replacedBy
            ? ` par <a href="${esc(status.replacedBy.href)}"${status.replacedBy.title ? ` title="${esc(status.replacedBy.title)}"` : ''}>n° ${esc(status.replacedBy.id)}</a>`
            : '');
  return `<span class="consigne-status">${inner}</span>`;
}

/** The compact mark of an example fiche in a list (ConsigneExampleBanner.astro, `list`). */
export const EXAMPLE_FICHE_BADGE = `<span class="badge example consigne-example-badge">${EXAMPLE_FICHE_LABEL}</span>`;

/**
 * The fiches consignes that cite an element (core: consignesCiting on the current revisions),
 * as HTML; empty when none does (CitingFiches.astro). `version`: only the fiches that apply to it.
 */
export async function citingFichesHtml(family: string, elementId: string, version?: string, level: 2 | 3 = 2): Promise<string> {
  const { core } = await getSite();
  const { index } = await getConsignes();
  const cited = core.consignesCiting(index, family, elementId, version);
  if (!cited.length) return '';
  const view = await consignesView();
  const h = `h${level}`;
  let items = '';
  for (const c of cited) {
    items += `<li><a href="${esc(consigneUrls.fiche(c.id))}">n° ${esc(c.id)} — ${esc(c.meta.title)}</a> ${consigneStatusHtml(view.byId.get(c.id)!.status)}${c.meta.example ? ` ${EXAMPLE_FICHE_BADGE}` : ''}</li>`;
  }
  return (
    `<section class="citing-fiches" aria-labelledby="fiches-consignes"><${h} id="fiches-consignes">Fiches consignes (${cited.length})</${h}>` +
    `<p class="muted small">Fiches qui citent <code>${esc(elementId)}</code>${version ? esc(` et s'appliquent à ${version}`) : ''}.</p>` +
    `<ul class="plain">${items}</ul></section>`
  );
}
