/** `/flux.xml`: the news feed (RSS 2.0, @astrojs/rss) — fiche revisions, editions of the cahier technique, journal entries. */
import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { getSite } from '../site/data.ts';
import { feedItems } from '../site/feed.ts';
import { rssItems } from '../site/feed-rss.ts';

export const GET: APIRoute = async (context) =>
  rss({
    title: 'norme — nouveautés des normes DSN et PASRAU',
    description: 'Révisions des fiches consignes, éditions du cahier technique et entrées du journal de maintenance, de la plus récente à la plus ancienne.',
    site: context.site ?? 'https://norme.example',
    customData: '<language>fr-FR</language>',
    items: rssItems(await feedItems(), (await getSite()).core),
  });
