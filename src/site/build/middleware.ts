/**
 * Middleware of the site build (added by src/site/integration.ts): hands the HTML of the pages
 * the build's worker needs (the templates of the element pages, the fiches consignes for the
 * search index) to the integration as Astro renders them. Every other response passes as is.
 */
import type { MiddlewareHandler } from 'astro';
import { buildContext } from './context.ts';
import { pageForWorker } from './protocol.ts';

export const onRequest: MiddlewareHandler = async (context, next) => {
  const res = await next();
  const onPageHtml = buildContext().onPageHtml;
  if (!onPageHtml || !pageForWorker(context.url.pathname)) return res;
  const html = await res.text();
  onPageHtml(context.url.pathname, html);
  return new Response(html, res);
};
