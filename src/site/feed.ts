/**
 * What the news feeds (`/flux.xml`, `/flux.json`) announce, newest first: each new version (on
 * the date of its first edition), each revision of a fiche consigne, each edition of the cahier
 * technique of each version, each journal (JMN) entry. Dated events
 * read from the core's data (fiches, version metadata, journal); nothing computed here.
 * Illustrative data (example fiches and entries) is marked in the title and the text.
 */
import { getConsignes, getSite } from './data.ts';
import { consigneUrls, dayLabel } from './consignes.ts';
import { journalEntries } from './journal.ts';
import { urls } from './urls.ts';
import { frenchSpacing } from '../core/text/typography.ts';
import { EXAMPLE_FICHE_LABEL } from '../core/text/labels.ts';

export interface FeedItem {
  /** Stable id of the announcement (`version:dsn/P27V01`, `edition:dsn/P26V01@2026.1.0.5`…). */
  id: string;
  kind: 'version' | 'edition' | 'journal' | 'fiche';
  family?: string;
  version?: string;
  edition?: string;
  fiche?: number;
  example: boolean;
  title: string;
  /** Root-relative address. */
  link: string;
  /** `AAAA-MM-JJ` */
  date: string;
  description: string;
  categories: string[];
}

const EXAMPLE = `${EXAMPLE_FICHE_LABEL}.`;

export async function feedItems(): Promise<FeedItem[]> {
  const site = await getSite();
  const { consignes } = await getConsignes();
  const items: FeedItem[] = [];
  for (const c of consignes) {
    const ex = c.meta.example === true;
    for (const r of c.revisions) {
      items.push({
        id: `fiche:${c.id}/${r.revision}`,
        kind: 'fiche',
        family: c.family,
        fiche: c.id,
        example: ex,
        title: `${ex ? '[Exemple] ' : ''}Fiche n° ${c.id}${r.revision > 1 ? `, révision ${r.revision}` : ''} : ${r.title}`,
        link: consigneUrls.revision(c.id, r.revision),
        date: r.published,
        description: `${r.changes} Applicable à partir du ${dayLabel(r.applies)}.${ex ? ` ${EXAMPLE}` : ''}`,
        categories: ['fiche consigne', ...c.meta.themes],
      });
    }
  }
  for (const f of site.families) {
    const name = f.fam.meta.name;
    for (const sv of f.versions) {
      const ex = sv.v.meta.example === true;
      const first = sv.v.meta.editions[0];
      if (first) {
        const app = sv.v.meta.applicability;
        items.push({
          id: `version:${f.id}/${sv.id}`,
          kind: 'version',
          family: f.id,
          version: sv.id,
          example: ex,
          title: `${ex ? '[Exemple] ' : ''}${name} ${sv.id} : nouvelle version de la norme (${sv.v.meta.name})`,
          link: urls.version(f.id, sv.id),
          date: first.date,
          description: `${sv.v.meta.name}, première édition ${first.id} du ${dayLabel(first.date)}.${app ? ` Applicable aux mois principaux déclarés à partir de ${app.from}${app.source === 'texte officiel' ? '' : ' (date déduite)'}.` : ''}${ex ? ` ${EXAMPLE}` : ''}`,
          categories: ['version', name],
        });
      }
      for (const e of sv.v.meta.editions) {
        items.push({
          id: `edition:${f.id}/${sv.id}@${e.id}`,
          kind: 'edition',
          family: f.id,
          version: sv.id,
          edition: e.id,
          example: ex,
          title: `${ex ? '[Exemple] ' : ''}${name} ${sv.id} : édition ${e.id} du cahier technique`,
          link: urls.version(f.id, sv.id),
          date: e.date,
          description: `${sv.v.meta.name}, édition ${e.id} du ${dayLabel(e.date)}.${e.note ? ` ${e.note}` : ''}`,
          categories: ['cahier technique', name],
        });
      }
      for (const j of await journalEntries(sv)) {
        items.push({
          id: `journal:${f.id}/${sv.id}#${j.id}`,
          kind: 'journal',
          family: f.id,
          version: sv.id,
          edition: j.entry.edition,
          example: j.example,
          title: `${j.example ? '[Exemple] ' : ''}${name} ${sv.id} : ${j.entry.title}`,
          link: `${urls.journal(f.id, sv.id)}#${j.id}`,
          date: j.entry.date,
          description: `Journal de maintenance, édition ${j.entry.edition} (${j.entry.kind}).${j.example ? ' Entrée illustrative, pas une donnée officielle.' : ''}`,
          categories: ['journal de maintenance', name],
        });
      }
    }
  }
  // French spacing (non-breaking spaces before « : ; ? ! », inside « ») as on the pages.
  for (const it of items) {
    it.title = frenchSpacing(it.title);
    it.description = frenchSpacing(it.description);
  }
  return items.sort((a, b) => b.date.localeCompare(a.date) || a.title.localeCompare(b.title, 'fr'));
}
