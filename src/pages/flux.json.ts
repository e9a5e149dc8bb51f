/**
 * `/flux.json`: the same announcements as `/flux.xml` (src/site/feed.ts) as a JSON Feed 1.1
 * (schema: feed.schema.json) — new versions, editions of the cahier technique, journal entries,
 * fiche revisions — for tools that watch for a new release.
 */
import type { APIRoute } from 'astro';
import type { Feed } from '../core/model/schema-types.ts';
import { feedItems } from '../site/feed.ts';
import { urls } from '../site/urls.ts';

export const GET: APIRoute = async ({ site }) => {
  const abs = (p: string) => (site ? new URL(p, site).href : p);
  const doc: Feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: 'norme — nouveautés des normes DSN et PASRAU',
    home_page_url: abs(urls.home()),
    feed_url: abs('/flux.json'),
    description: 'Nouvelles versions, éditions du cahier technique, entrées du journal de maintenance et révisions des fiches consignes, de la plus récente à la plus ancienne.',
    language: 'fr-FR',
    items: (await feedItems()).map((i) => {
      const norme: Feed['items'][number]['_norme'] = { kind: i.kind, example: i.example };
      if (i.family) norme.family = i.family;
      if (i.version) norme.version = i.version;
      if (i.edition) norme.edition = i.edition;
      if (i.fiche) norme.fiche = i.fiche;
      if (i.family && i.version && (i.kind === 'version' || i.kind === 'edition')) norme.exports = abs(urls.versionJson(i.family, i.version));
      return { id: i.id, url: abs(i.link), title: i.title, content_text: i.description, date_published: `${i.date}T00:00:00Z`, tags: i.categories, _norme: norme };
    }),
  };
  return new Response(JSON.stringify(doc, null, 2) + '\n', { headers: { 'Content-Type': 'application/feed+json; charset=utf-8' } });
};
