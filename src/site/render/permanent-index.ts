/** The indexes of the permanent links (`/{family}/rubriques/`, `/{family}/blocs/`): every element the family ever had. */
import type { SiteFamily } from '../data.ts';
import { urls } from '../urls.ts';
import { html } from './markup.ts';

export function permanentIndexHtml(family: SiteFamily, kind: 'block' | 'rubrique'): string {
  const f = family.id;
  const entries = [...family.presence[kind].values()].sort((a, b) => a.id.localeCompare(b.id));
  const nameOf = (id: string, lastIn: string) => {
    const v = family.byId.get(lastIn)!.v;
    return kind === 'block' ? v.blocks.get(id)?.name : v.rubriques.get(id)?.rubrique.name;
  };
  const status = (p: (typeof entries)[number]) =>
    p.removedIn ? html` <span class="badge retired">supprimé${kind === 'rubrique' ? 'e' : ''} en ${p.removedIn}</span>` : p.introducedIn !== family.versions[0]?.id ? html` <span class="small muted">depuis ${p.introducedIn}</span>` : '';
  const item = (p: (typeof entries)[number]) =>
    html`<li><a href="${kind === 'rubrique' ? urls.rubriquePermalink(f, p.id) : urls.blockPermalink(f, p.id)}"><code>${p.id}</code> ${nameOf(p.id, p.lastIn) ?? ''}</a>${status(p)}</li>`;
  const intro = html`<p class="lead">${entries.length} ${kind === 'rubrique' ? 'rubriques' : 'blocs'} ; chaque lien mène à la dernière définition et à l'historique dans toutes les versions (y compris ${
    kind === 'rubrique' ? 'les rubriques supprimées' : 'les blocs supprimés'
  }). Voir aussi les ${kind === 'rubrique' ? html`<a href="${urls.blocks(f)}">blocs</a>` : html`<a href="${urls.rubriques(f)}">rubriques</a>`}.</p>`;
  if (kind === 'block') return html`${intro}<ul class="columns plain">${entries.map(item)}</ul>`.value;
  // Rubriques by block (the block part of their id).
  const groups = new Map<string, typeof entries>();
  for (const p of entries) {
    const b = p.id.split('.').slice(0, 3).join('.');
    if (!groups.has(b)) groups.set(b, []);
    groups.get(b)!.push(p);
  }
  const blockName = (b: string) => {
    const bp = family.presence.block.get(b);
    return bp ? nameOf(b, bp.lastIn) : undefined;
  };
  return html`${intro}${[...groups].map(
    ([b, ps]) => html`<h2 id="${b}"><code>${b}</code> ${blockName(b) ?? ''}</h2><ul class="plain">${ps.map(item)}</ul>`,
  )}`.value;
}
