/** `/{family}/{version}.json`: the whole version, same document as `npx norme export`. */
import type { APIRoute } from 'astro';
import { allVersions, getSite, type SiteVersion } from '../../site/data.ts';

export async function getStaticPaths() {
  return (await allVersions()).map((sv) => ({ params: { family: sv.family.id, version: sv.id }, props: { sv } }));
}

export const GET: APIRoute = async ({ props }) => {
  const { sv } = props as { sv: SiteVersion };
  const site = await getSite();
  return new Response(JSON.stringify(site.core.versionDocument(sv.v), null, 2) + '\n', {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
