/**
 * `/schemas/{nom}.schema.json`: the JSON Schemas of norme, where their `$id` points, so that the
 * `$schema` of the downloads (`/{family}/{version}.json`, the notes différentielles in JSON)
 * resolves, and that tools can validate what they read (core `publishedSchemas`).
 */
import type { APIRoute } from 'astro';
import { getSite } from '../../site/data.ts';

export async function getStaticPaths() {
  const site = await getSite();
  return site.core.publishedSchemas().map((s) => ({ params: { file: s.file }, props: { text: s.text } }));
}

export const GET: APIRoute = ({ props }) =>
  new Response((props as { text: string }).text, { headers: { 'Content-Type': 'application/schema+json; charset=utf-8' } });
