/**
 * The release signal of the built site: /releases.json (publication dates, stable export
 * addresses) and /flux.json (JSON Feed 1.1) validate against the schemas published under
 * /schemas/, and announce the real versions. Dates from the official editions (version.yaml,
 * taken from the cahier technique): P27V01 first edition 2027.1.0.0 of 2025-12-22.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, inject, it } from 'vitest';

const dist = inject('distDir');
const read = (f: string) => JSON.parse(readFileSync(path.join(dist, f), 'utf8'));

function validate(schemaFile: string, doc: unknown): string[] {
  // The schema as the site publishes it (where its $id points).
  const schema = read(`schemas/${schemaFile}`);
  const v = new Ajv({ allErrors: true, strict: false }).compile(schema);
  return v(doc) ? [] : (v.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

describe('signal de publication', () => {
  it('/releases.json : valide, date de publication de chaque version et de chaque édition, exports stables', () => {
    const doc = read('releases.json');
    expect(validate('releases.schema.json', doc)).toEqual([]);
    const p27 = doc.releases.find((r: { family: string; version: string }) => r.family === 'dsn' && r.version === 'P27V01');
    expect(p27.published).toBe('2025-12-22');
    expect(p27.editions[0]).toEqual({ id: '2027.1.0.0', date: '2025-12-22' });
    expect(p27.exports).toEqual({
      json: expect.stringMatching(/\/dsn\/P27V01\.json$/),
      csv: expect.stringMatching(/\/dsn\/P27V01\.csv$/),
      checkModel: expect.stringMatching(/\/dsn\/P27V01\/check-model\.json$/),
      schema: 'https://norme.example/schemas/version-export.schema.json',
    });
    for (const r of doc.releases) {
      expect(r.updated).toBe(r.editions.at(-1)?.date ?? null);
      // Every export address is a file of the built site.
      for (const k of ['json', 'csv', 'checkModel'] as const) {
        const rel = new URL(r.exports[k], 'https://x.invalid').pathname;
        expect(() => readFileSync(path.join(dist, rel)), rel).not.toThrow();
      }
    }
  });

  it('/flux.json : JSON Feed 1.1 valide, qui annonce versions, éditions et entrées du journal', () => {
    const feed = read('flux.json');
    expect(validate('feed.schema.json', feed)).toEqual([]);
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    const ids = feed.items.map((i: { id: string }) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    const v = feed.items.find((i: { id: string }) => i.id === 'version:dsn/P27V01');
    expect(v).toMatchObject({ date_published: '2025-12-22T00:00:00Z', _norme: { kind: 'version', family: 'dsn', version: 'P27V01', example: false } });
    // French spacing as on the pages: a non-breaking space before « : ».
    expect(v.title).toBe('DSN P27V01\u00a0: nouvelle version de la norme (Année 2027 Version 1)');
    expect(v._norme.exports).toMatch(/\/dsn\/P27V01\.json$/);
    expect(v.content_text).toContain('Applicable aux mois principaux déclarés à partir de 2027-01 (date déduite).');
    expect(ids).toContain('edition:dsn/P27V01@2027.1.0.0');
    const kinds = new Set(feed.items.map((i: { _norme: { kind: string } }) => i._norme.kind));
    // The real registry has no journal entry yet: journal items appear when one is written.
    expect([...kinds].sort()).toEqual(['edition', 'fiche', 'version']);
    // Newest first.
    const dates = feed.items.map((i: { date_published: string }) => i.date_published);
    expect(dates).toEqual([...dates].sort().reverse());
    // The RSS feed announces the same items.
    const rss = readFileSync(path.join(dist, 'flux.xml'), 'utf8');
    expect(rss).toContain(`<title>${v.title.replace(/&/g, '&amp;')}</title>`);
    expect((rss.match(/<item>/g) ?? []).length).toBe(feed.items.length);
  });
});
