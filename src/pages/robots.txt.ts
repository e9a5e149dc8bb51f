/** `/robots.txt`: everything may be indexed; where the sitemap is (src/site/sitemap.ts). */
import type { APIRoute } from 'astro';
import { SITE_CONFIG } from '../site/config.ts';

export const GET: APIRoute = () => new Response(`User-agent: *\nAllow: /\n\nSitemap: ${SITE_CONFIG.url}/sitemap.xml\n`, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
