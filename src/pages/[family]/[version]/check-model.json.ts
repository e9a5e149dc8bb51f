/**
 * `/{family}/{version}/check-model.json`: what the file checker needs of one version
 * (src/core/check/model.ts, format `norme-check-model/1`). Loaded by the page /autocontrole/,
 * which checks the file in the browser; same model as `npx norme check`.
 */
import type { APIRoute } from 'astro';
import { allVersions, getSite, type SiteVersion } from '../../../site/data.ts';

export async function getStaticPaths() {
  return (await allVersions()).map((sv) => ({ params: { family: sv.family.id, version: sv.id }, props: { sv } }));
}

export const GET: APIRoute = async ({ props }) => {
  const { sv } = props as { sv: SiteVersion };
  const site = await getSite();
  // Compact on purpose (≈ 140 Ko for a DSN version): fetched by every check in the browser.
  return new Response(JSON.stringify(site.core.buildCheckModel(sv.v, sv.family.fam.meta)) + '\n', {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
