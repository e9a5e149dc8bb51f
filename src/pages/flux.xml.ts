/** `/flux.xml`: the news feed (RSS 2.0, @astrojs/rss) — fiche revisions, editions of the cahier technique, journal entries. */
import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { feedItems } from '../site/feed.ts';

export const GET: APIRoute = async (context) =>
  rss({
    title: 'norme — nouveautés des normes DSN et PASRAU',
    description: 'Révisions des fiches consignes, éditions du cahier technique et entrées du journal de maintenance, de la plus récente à la plus ancienne.',
    site: context.site ?? 'https://norme.example',
    customData: '<language>fr-FR</language>',
    items: (await feedItems()).map((i) => ({
      title: i.title,
      link: i.link,
      pubDate: new Date(`${i.date}T00:00:00Z`),
      description: i.description,
      categories: i.categories,
    })),
  });
