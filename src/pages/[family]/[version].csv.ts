/** `/{family}/{version}.csv`: one line per rubrique (`;`, UTF-8 with BOM, for spreadsheets). */
import type { APIRoute } from 'astro';
import { allVersions, getSite, type SiteVersion } from '../../site/data.ts';

export async function getStaticPaths() {
  return (await allVersions()).map((sv) => ({ params: { family: sv.family.id, version: sv.id }, props: { sv } }));
}

export const GET: APIRoute = async ({ props }) => {
  const { sv } = props as { sv: SiteVersion };
  const site = await getSite();
  return new Response(site.core.rubriquesCsv(sv.v), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
