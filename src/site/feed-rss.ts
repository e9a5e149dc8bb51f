/**
 * Feed items as @astrojs/rss items. RSS 2.0 defines `<description>` as entity-encoded HTML: a
 * reader decodes the XML text, then renders it as HTML. Our descriptions are plain text written by
 * contributors (a fiche's `changes`, an edition's note), so they are HTML-escaped first (the core's
 * escapeHtml), then XML-escaped by the library: `<img onerror>` reaches the reader as text.
 */
import type { RSSFeedItem } from '@astrojs/rss';
import type { Core } from './data.ts';
import type { FeedItem } from './feed.ts';

export function rssItems(items: FeedItem[], core: Pick<Core, 'escapeHtml'>): RSSFeedItem[] {
  return items.map((i) => ({
    title: i.title,
    link: i.link,
    pubDate: new Date(`${i.date}T00:00:00Z`),
    description: core.escapeHtml(i.description),
    categories: i.categories,
  }));
}
