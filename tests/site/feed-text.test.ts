/**
 * RSS descriptions carry text, not markup (issue #22): a reader decodes `<description>` once and
 * renders it as HTML, so a contributor's `changes` text must reach it as text.
 */
import { getRssString } from '@astrojs/rss';
import { XMLParser } from 'fast-xml-parser';
import { expect, test } from 'vitest';
import { escapeHtml } from '../../src/core/index.ts';
import { rssItems } from '../../src/site/feed-rss.ts';

test('une description hostile arrive au lecteur de flux comme du texte', async () => {
  const text = 'Correction <img src=x onerror="alert(1)"> & <script>alert(2)</script> « texte ».';
  const xml = await getRssString({
    title: 't',
    description: 'd',
    site: 'https://norme.example',
    items: rssItems([{ id: 'fiche:1', kind: 'fiche', example: false, title: 'Fiche n° 1 : <b>titre</b> ?', link: '/consignes/1/', date: '2026-01-02', description: text, categories: [] }], { escapeHtml }),
  });
  // What a reader gets after XML decoding: the HTML it renders.
  const item = new XMLParser({ processEntities: true }).parse(xml).rss.channel.item;
  const html: string = item.description;
  expect(html).not.toMatch(/</);
  expect(html).toBe('Correction &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &lt;script&gt;alert(2)&lt;/script&gt; « texte ».');
  // Rendered as HTML, it is the original text again.
  expect(new XMLParser({ processEntities: true, htmlEntities: true }).parse(`<r>${html}</r>`).r).toBe(text);
});
