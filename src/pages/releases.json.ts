/** `/releases.json`: every version of every family, with status, editions, applicability and links (schema: releases.schema.json). */
import type { APIRoute } from 'astro';
import type { Releases } from '../core/model/schema-types.ts';
import { getSite } from '../site/data.ts';
import { urls } from '../site/urls.ts';

export const GET: APIRoute = async ({ site: siteUrl }) => {
  const site = await getSite();
  const abs = (p: string) => (siteUrl ? new URL(p, siteUrl).href : p);
  const doc: Releases = {
    $schema: 'https://norme.example/schemas/releases.schema.json',
    generated: site.buildDate,
    month: site.month,
    families: site.families.map((f) => ({
      id: f.id,
      name: f.fam.meta.name,
      message: f.fam.meta.message,
      current: f.calendar.current?.id ?? null,
      upcoming: f.calendar.upcoming.map((v) => v.id),
      links: { page: abs(urls.family(f.id)), months: abs(urls.monthAnswers(f.id)) },
    })),
    releases: site.families.flatMap((f) =>
      f.versions.map((sv) => ({
        family: f.id,
        version: sv.id,
        name: sv.v.meta.name,
        status: sv.v.meta.status,
        example: sv.v.meta.example ?? false,
        previous: sv.prev?.id ?? null,
        published: sv.v.meta.editions[0]?.date ?? null,
        updated: sv.v.meta.editions.at(-1)?.date ?? null,
        editions: sv.v.meta.editions,
        applicability: sv.app.from ? { from: sv.app.from, to: sv.app.to ?? null, toDerived: sv.app.toDerived, source: sv.app.source ?? null } : null,
        counts: sv.index.counts,
        links: {
          page: abs(urls.version(f.id, sv.id)),
          json: abs(urls.versionJson(f.id, sv.id)),
          csv: abs(urls.versionCsv(f.id, sv.id)),
          controls: abs(urls.controls(f.id, sv.id)),
          journal: abs(urls.journal(f.id, sv.id)),
          diffFromPrevious: sv.prev ? { page: abs(urls.diff(f.id, sv.prev.id, sv.id)), json: abs(urls.diffFile(f.id, sv.prev.id, sv.id, 'json')), csv: abs(urls.diffFile(f.id, sv.prev.id, sv.id, 'csv')), md: abs(urls.diffFile(f.id, sv.prev.id, sv.id, 'md')) } : null,
        },
        // Stable addresses: the same for every edition (the content follows the latest one).
        exports: {
          json: abs(urls.versionJson(f.id, sv.id)),
          csv: abs(urls.versionCsv(f.id, sv.id)),
          checkModel: abs(`${urls.version(f.id, sv.id)}check-model.json`),
          schema: site.core.VERSION_EXPORT_SCHEMA_ID,
        },
      })),
    ),
  };
  return new Response(JSON.stringify(doc, null, 2) + '\n', { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
