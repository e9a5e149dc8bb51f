/**
 * The pages rendered thousands of times (blocks, rubriques, datatypes, permalinks) as HTML
 * strings: much cheaper to build than nested Astro components, and their repeated parts
 * are cached (src/site/html.ts). Presentation only: every fact comes from the core
 * through src/site/data.ts.
 */
import type { Block, Datatype, RubriqueEntry } from '../../core/index.ts';
import type { SiteFamily, SiteVersion } from '../data.ts';
import { exampleValue } from '../../core/text/example.ts';
import { glossaryLink } from './markup.ts';
import { Html, esc, historyHtml, html, linkifyIds, raw, valuesTableHtml } from '../html.ts';
import { CONTROL_FAMILY_LABELS, NATURE_LABELS, USAGE_HELP, USAGE_LABELS, cardinality, urls, usageLabel } from '../urls.ts';
import { statusLabel } from '../../core/text/labels.ts';

type Level = 2 | 3 | 4;
const h = (level: Level, id: string | undefined, content: Html | string) =>
  raw(`<h${level}${id ? ` id="${esc(id)}"` : ''}>${content instanceof Html ? content.value : esc(content)}</h${level}>`);

export function statusBadge(status: 'draft' | 'published' | 'retired', example?: boolean, current?: boolean): Html {
  return html`<span class="badge ${status}">${statusLabel(status)}</span>${current ? raw(' <span class="badge current">applicable</span>') : ''}${
    example ? raw(' <span class="badge example" title="Donnée illustrative, pas une donnée officielle">Exemple</span>') : ''
  }`;
}

const inferredBadge = raw(`<a class="badge inferred" href="${esc(urls.glossary('inferee'))}">inférée</a>`);

/** Links to the same element in every version of the family (kept across versions). */
export function versionSwitcher(sv: SiteVersion, kind: 'block' | 'rubrique' | 'datatype', id: string, label: string): Html {
  const fam = sv.family;
  const present = new Set(fam.presence[kind].get(id)?.versions ?? []);
  const href = (v: string) => (kind === 'datatype' ? urls.datatype(fam.id, v, id) : urls.element(fam.id, v, id));
  const permalink = kind === 'rubrique' ? urls.rubriquePermalink(fam.id, id) : kind === 'block' ? urls.blockPermalink(fam.id, id) : undefined;
  const items = fam.versions.map((v) =>
    v.id === sv.id
      ? html`<li><span aria-current="page">${v.id}</span></li>`
      : present.has(v.id)
        ? html`<li><a href="${href(v.id)}" data-version="${v.id}">${v.id}</a></li>`
        : html`<li><span class="absent" title="${`Absente de ${v.id}`}">${v.id}<span class="visually-hidden"> (absente)</span></span></li>`,
  );
  return html`<nav class="switcher" aria-label="${`${label} dans les autres versions`}"><span class="small muted">Dans les versions :</span><ul>${items}${
    permalink ? html`<li><a href="${permalink}">Lien permanent</a></li>` : ''
  }</ul></nav>`;
}

/** An accepted value shown before a raw format (core exampleValue), or nothing when none is found. */
function exampleHtml(t: Datatype): Html | string {
  const ex = exampleValue(t);
  return ex === undefined ? '' : html`par exemple <code class="example-value">${ex}</code><br />`;
}

const lengthText = (t: Datatype) =>
  t.minLength === undefined && t.maxLength === undefined
    ? raw('<span class="muted">non précisée</span>')
    : t.minLength === t.maxLength
      ? `${t.maxLength} caractère${t.maxLength === 1 ? '' : 's'}`
      : `de ${t.minLength ?? 0} à ${t.maxLength ?? '…'} caractères`;

/** A datatype / nomenclature: nature, lengths, format, values (`level`: heading of the values). */
export function datatypeView(t: Datatype, level: Level = 2, collapseOver?: number): Html {
  return html`<dl class="facts"><dt>Identifiant</dt><dd><code>${t.id}</code>${t.name && t.name !== t.id ? ` — ${t.name}` : ''}</dd><dt>Nature</dt><dd>${
    NATURE_LABELS[t.nature] ?? t.nature
  }</dd><dt>Longueur</dt><dd>${lengthText(t)}</dd><dt>Format</dt><dd>${
    t.regexp
      ? html`${exampleHtml(t)}<code class="regexp">${t.regexp}</code> <span class="small muted">(${glossaryLink('expression-reguliere', 'expression régulière')} appliquée à la valeur entière)</span>`
      : raw('<span class="muted">aucun</span>')
  }</dd>${t.referential ? html`<dt>Référentiel externe</dt><dd>${t.referential} <span class="small muted">(valeurs publiées hors de la norme)</span></dd>` : ''}${
    t.description ? html`<dt>Description</dt><dd class="rule-text">${t.description}</dd>` : ''
  }${t.renamedFrom ? html`<dt>Ancien identifiant</dt><dd><code>${t.renamedFrom}</code></dd>` : ''}</dl>${raw(valuesTableHtml(t, level as 2 | 3 | 4, collapseOver))}`;
}

/** The usage of a rubrique for one nature, in words (never a lone letter: `O` reads like zero). */
const usageWord = (u: string) => html`<span class="usage-word usage-${u}">${usageLabel(u)}</span>`;
const usageCell = (u: string | undefined) => (u ? usageWord(u) : raw('<span class="muted">–</span>'));

/** Usages of the version deduced from the neighbouring versions (`source: inférée`), not published with its tables. */
function usagesInferred(sv: SiteVersion): boolean {
  const u = sv.v.meta.usages as { status?: string; source?: string } | undefined;
  return u?.source === 'inférée' || u?.status === 'inféré' || u?.status === 'inférée';
}
const INFERRED_USAGES_NOTE = raw(
  '<p class="notice usage-inferred" role="note"><span class="badge inferred">déduits</span> Usages déduits des versions voisines : le tableau des usages de cette version n\'est pas publié. À vérifier dans le cahier technique.</p>',
);

/**
 * Legend of a usages table (the same on every block page of a version: rendered once): the words and the declaration natures by name — visible text,
 * readable on touch and keyboard (no tooltip). Class `usage`: left out of the search index.
 */
const legends = new WeakMap<SiteVersion, Html>();
function usageLegend(sv: SiteVersion): Html {
  let legend = legends.get(sv);
  if (!legend) legends.set(sv, (legend = usageLegendOf(sv)));
  return legend;
}
function usageLegendOf(sv: SiteVersion): Html {
  return html`<div class="usage usage-legend"><p class="small"><strong>${glossaryLink('nature', 'Natures de déclaration')}</strong> (colonnes du tableau) :</p><dl class="legend">${sv.natures.map(
    (n) => html`<dt><code>${n.code}</code></dt><dd>${n.label}</dd>`,
  )}</dl><p class="small"><strong>${glossaryLink('usage', 'Usages')}</strong> : ${raw(
    Object.keys(USAGE_LABELS)
      .map((u) => `${usageWord(u).value} ${esc(USAGE_HELP[u])}`)
      .join('\u202f; '),
  )}. <span class="muted">Libellés déduits des tables, non publiés avec elles.</span></p>${usagesInferred(sv) ? INFERRED_USAGES_NOTE : ''}</div>`;
}

/** Format column of a rubriques table: an example value, never a raw expression alone (the expression is on the type's page). */
function formatCell(t: Datatype): Html | string {
  if (!t.regexp) return '';
  const ex = t.values?.length ? undefined : exampleValue(t);
  return ex === undefined ? html`<span class="small muted">voir le type</span>` : html`<span class="small">ex. <code>${ex}</code></span>`;
}

/** A block as defined in one version: description, parent, children, rubriques table. */
export function blockView(sv: SiteVersion, block: Block, level: 2 | 3 = 2): Html {
  const f = sv.family.id;
  const v = sv.v;
  const parent = block.parent ? v.blocks.get(block.parent) : undefined;
  const children = sv.index.children.get(block.id) ?? [];
  const natures = sv.natures;
  const len = (min?: number, max?: number) => (min === undefined && max === undefined ? '' : min === max ? String(max) : `${min ?? 0} à ${max ?? '…'}`);
  const rows = block.rubriques.map((r) => {
    const t = v.datatypes.get(r.datatype);
    return html`<tr id="${r.id}"><th scope="row"><a href="${urls.element(f, v.id, r.id)}"><code>${r.id}</code></a></th><td>${r.name}</td><td><a href="${urls.datatype(
      f,
      v.id,
      r.datatype,
    )}"><code>${r.datatype}</code></a>${
      t ? html`<br /><span class="small muted">${NATURE_LABELS[t.nature] ?? t.nature}${t.values?.length ? `, ${t.values.length} valeurs` : ''}</span>` : ''
    }</td><td class="num">${len(t?.minLength, t?.maxLength)}</td><td>${t ? formatCell(t) : ''}</td>${natures.map(
      (n) => html`<td class="usage">${usageCell(r.usage?.[n.code])}</td>`,
    )}</tr>`;
  });
  return html`${block.description ? html`<p class="rule-text">${raw(linkifyIds(block.description, sv, block.id))}</p>` : ''}<dl class="facts"><dt>${glossaryLink('cardinalite', 'Cardinalité')}</dt><dd>${cardinality(
    block.cardinality,
  )}${block.cardinality.source === 'inférée' ? html` ${inferredBadge}` : ''} <span class="muted">(occurrences du bloc dans son parent)</span></dd><dt>Parent</dt><dd>${
    parent
      ? html`<a href="${urls.element(f, v.id, parent.id)}"><code>${parent.id}</code> ${parent.name}</a>`
      : block.parent
        ? html`<code>${block.parent}</code>`
        : raw('<span class="muted">aucun (racine du message)</span>')
  }</dd><dt>Enfants</dt><dd>${
    children.length
      ? html`<ul class="plain">${children.map((c) => html`<li><a href="${urls.element(f, v.id, c.id)}"><code>${c.id}</code> ${c.name}</a> <span class="muted">${cardinality(c.cardinality)}</span></li>`)}</ul>`
      : raw('<span class="muted">aucun</span>')
  }</dd>${block.header ? raw("<dt>En-tête</dt><dd>bloc d'en-tête ou de pied du message</dd>") : ''}${
    block.renamedFrom ? html`<dt>Ancien identifiant</dt><dd><code>${block.renamedFrom}</code></dd>` : ''
  }${block.rationale ? html`<dt>Motif</dt><dd>${block.rationale}</dd>` : ''}</dl>${h(level, 'rubriques', `Rubriques (${block.rubriques.length})`)}${
    block.rubriques.length === 0
      ? raw('<p class="empty">Ce bloc ne contient pas de rubrique.</p>')
      : html`${natures.length ? usageLegend(sv) : ''}<div class="table-wrap tall" tabindex="0" role="region" aria-label="${`Rubriques du bloc ${block.id}`}"><table class="rubriques"><caption>${`Rubriques du bloc ${block.id} en ${v.id}${natures.length && v.meta.usages.status === 'publié' ? ' ; usage par nature de déclaration' : ''}`}${
          // Inferred usages: said on the page, in a `.usage` span the search index leaves out (as before inference).
          natures.length && v.meta.usages.status === 'inféré'
            ? html`<span class="usage"> ; usage par nature de déclaration (inféré des tableaux de ${inferredFrom(v)})</span>`
            : ''
        }</caption><thead><tr><th scope="col">Code</th><th scope="col">Libellé</th><th scope="col">Type</th><th scope="col">Longueur</th><th scope="col">Format</th>${natures.map(
          (n) => html`<th scope="col" class="usage"><span aria-hidden="true">${n.code}</span><span class="visually-hidden">${`Nature ${n.code} : ${n.label}`}</span></th>`,
        )}</tr></thead><tbody>${rows}</tbody></table></div>`
  }`;
}

/** `P25V01 et P27V01`: versions whose tables gave the inferred usages of `v`. */
const inferredFrom = (v: SiteVersion['v']) => (v.meta.usages.inferredFrom ?? []).map((x) => x.version).join(' et ');

/** A rubrique as defined in one version: attributes, datatype with its values, controls, usages. */
export function rubriqueView(sv: SiteVersion, entry: RubriqueEntry, level: 2 | 3 = 2): Html {
  const { rubrique: r, block } = entry;
  const f = sv.family.id;
  const v = sv.v;
  const t = v.datatypes.get(r.datatype);
  const controls = r.controls ?? [];
  const sub = (level + 1) as Level;
  return html`<dl class="facts"><dt>Identifiant</dt><dd><code>${r.id}</code></dd><dt>Libellé</dt><dd>${r.name}</dd>${
    r.technicalName ? html`<dt>Nom technique</dt><dd><code>${r.technicalName}</code></dd>` : ''
  }<dt>Bloc</dt><dd><a href="${urls.element(f, v.id, block.id)}"><code>${block.id}</code> ${block.name}</a> <span class="muted">(rubrique ${entry.index + 1} sur ${
    block.rubriques.length
  })</span></dd><dt>Type de données</dt><dd><a href="${urls.datatype(f, v.id, r.datatype)}"><code>${r.datatype}</code></a></dd>${
    r.renamedFrom ? html`<dt>Ancien identifiant</dt><dd><code>${r.renamedFrom}</code></dd>` : ''
  }${r.rationale ? html`<dt>Motif de la modification</dt><dd>${r.rationale}</dd>` : ''}</dl>${
    r.description ? html`${h(level, 'description', 'Description')}<p class="rule-text">${raw(linkifyIds(r.description, sv, r.id))}</p>` : ''
  }${h(level, 'type', html`Type de données <code>${r.datatype}</code>`)}${
    t ? datatypeView(t, sub, 60) : html`<p class="empty">Type <code>${r.datatype}</code> absent de la version.</p>`
  }${h(level, 'controles', `Contrôles (${controls.length})`)}${
    !controls.length
      ? raw('<p class="muted">Aucun contrôle publié sur cette rubrique.</p>')
      : html`<div class="table-wrap" tabindex="0" role="region" aria-label="${`Contrôles de ${r.id}`}"><table class="controls"><thead><tr><th scope="col">Contrôle</th><th scope="col">Famille</th><th scope="col">Règle</th><th scope="col">Message</th></tr></thead><tbody>${controls.map(
          (c) =>
            html`<tr id="${c.id}"><th scope="row"><code>${c.id}</code>${
              c.rawId && c.rawId !== c.id ? html`<br /><span class="small muted">à l'origine <code>${c.rawId}</code></span>` : ''
            }</th><td data-label="Famille">${c.family} <span class="small muted">${CONTROL_FAMILY_LABELS[c.family] ?? ''}</span></td><td data-label="Règle" class="rule-text">${raw(linkifyIds(c.rule, sv, r.id))}</td><td data-label="Message">${c.message}</td></tr>`,
        )}</tbody></table></div>`
  }${h(level, 'usages', 'Usages par nature de déclaration')}${
    !sv.natures.length
      ? html`<p class="muted usages-missing">Le tableau des usages n'est pas publié pour ${v.id}.</p>`
      : html`${
          r.usageProvenance
            ? html`<p class="notice usage-inferred" role="note"><span class="badge inferred">déduits</span> <strong>Usages inférés</strong> : pas de tableau officiel des usages pour ${v.id} ; ces usages sont ceux ${
                r.usageProvenance.from.length > 1 ? 'des tableaux' : 'du tableau'
              } de ${r.usageProvenance.from.join(' et ')}, la rubrique y étant inchangée (même bloc, même libellé, même type de données)${
                r.usageProvenance.from.length > 1 ? ' et de même usage dans les deux' : ''
              }.${
                r.usageProvenance.from.length < 2 ? ' Un seul tableau voisin : l\'auto-contrôle en fait des constats non bloquants.' : ''
              } À vérifier dans le cahier technique.</p>`
            : v.meta.usages.status === 'inféré'
            ? html`<p class="notice usage-inferred" role="note">Pas de tableau officiel des usages pour ${v.id}, et aucun usage inférable des tableaux de ${inferredFrom(v)} (rubrique absente ou modifiée) : usages inconnus.</p>`
            : ''
        }<div class="table-wrap" tabindex="0" role="region" aria-label="${`Usages de ${r.id}`}"><table class="usages"><thead><tr><th scope="col">Nature</th><th scope="col">Usage</th></tr></thead><tbody>${sv.natures.map((n) => {
          const u = r.usage?.[n.code];
          return html`<tr><th scope="row"><code>${n.code}</code> ${n.label}</th><td>${
            u
              ? html`${usageWord(u)} <span class="small muted">${USAGE_HELP[u] ?? ''}</span>${r.usageProvenance ? raw(' <span class="small muted">(inféré)</span>') : ''}`
              : raw(v.meta.usages.status === 'inféré' ? '<span class="muted">inconnu (non inférable)</span>' : '<span class="muted">non renseigné</span>')
          }</td></tr>`;
        })}</tbody></table></div>`
  }`;
}

/**
 * Main content of `/{family}/{version}/{blockId}/` and `/{family}/{version}/{rubriqueId}/`:
 * the definition, then the history (pages may insert sections between the two).
 */
export async function elementPage(sv: SiteVersion, kind: 'block' | 'rubrique', id: string): Promise<{ main: string; history: string }> {
  const f = sv.family.id;
  const block = kind === 'block' ? sv.v.blocks.get(id)! : sv.v.rubriques.get(id)!.block;
  const entry = kind === 'rubrique' ? sv.v.rubriques.get(id)! : undefined;
  const name = kind === 'block' ? block.name : entry!.rubrique.name;
  const main = html`<h1><span class="muted small">${kind === 'block' ? 'Bloc' : 'Rubrique'}</span><br /><code>${id}</code> ${name}</h1><p class="muted">${
    sv.family.fam.meta.name
  } <a href="${urls.version(f, sv.id)}">${sv.id}</a> ${statusBadge(sv.v.meta.status, sv.v.meta.example)}</p>${
    versionSwitcher(sv, kind, id, kind === 'block' ? `Le bloc ${id}` : `La rubrique ${id}`)
  }${kind === 'block' ? blockView(sv, block, 2) : rubriqueView(sv, entry!, 2)}`.value;
  return { main, history: await historyHtml(sv.family, kind, id, 2) };
}

/** Main content of a version-independent permalink (latest definition or tombstone, then history). */
export async function permalinkPage(family: SiteFamily, kind: 'block' | 'rubrique', id: string): Promise<{ main: string; history: string }> {
  const p = family.presence[kind].get(id)!;
  const sv = family.byId.get(p.lastIn)!;
  const label = kind === 'block' ? 'Bloc' : 'Rubrique';
  const fem = kind === 'rubrique';
  const name = kind === 'block' ? sv.v.blocks.get(id)!.name : sv.v.rubriques.get(id)!.rubrique.name;
  const notice = p.removedIn
    ? html`<div class="notice tombstone" role="note"><p><strong>${label} ${fem ? 'supprimée' : 'supprimé'} en ${p.removedIn}</strong> — dernière définition en <a href="${urls.element(
        family.id,
        p.lastIn,
        id,
      )}">${p.lastIn}</a>.</p><p class="small">Les identifiants ne sont jamais réutilisés : cette adresse reste valable. La définition ci-dessous est celle de ${p.lastIn}.</p></div>`
    : html`<p class="notice">Définition actuelle : version <a href="${urls.version(family.id, sv.id)}">${sv.id}</a>, la plus récente du registre. ${fem ? 'Présente' : 'Présent'} depuis ${
        p.introducedIn
      }.</p>`;
  const main = html`<h1><span class="muted small">${label} ${family.fam.meta.name}, toutes versions</span><br /><code>${id}</code> ${name}</h1>${notice}<h2>Définition en ${sv.id}</h2>${
    kind === 'block' ? blockView(sv, sv.v.blocks.get(id)!, 3) : rubriqueView(sv, sv.v.rubriques.get(id)!, 3)
  }`.value;
  return { main, history: await historyHtml(family, kind, id, 2) };
}

/** Main content of `/{family}/{version}/types/{datatypeId}/`. */
export function datatypePage(sv: SiteVersion, id: string): string {
  const f = sv.family.id;
  const t = sv.v.datatypes.get(id)!;
  const usedBy = sv.index.usedBy.get(id) ?? [];
  return html`<h1><span class="muted small">Type de données</span><br /><code>${id}</code>${t.name && t.name !== id ? ` ${t.name}` : ''}</h1>${
    versionSwitcher(sv, 'datatype', id, `Le type ${id}`)
  }${datatypeView(t, 2)}<h2 id="rubriques">Rubriques utilisant ce type (${usedBy.length})</h2>${
    usedBy.length
      ? html`<ul>${usedBy.map((e) => html`<li><a href="${urls.element(f, sv.id, e.rubrique.id)}"><code>${e.rubrique.id}</code> ${e.rubrique.name}</a></li>`)}</ul>`
      : html`<p class="muted">Aucune rubrique de ${sv.id} n'utilise ce type.</p>`
  }`.value;
}
