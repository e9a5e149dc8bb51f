/**
 * MCP server of norme (`norme mcp`, stdio): the registry for AI assistants, through the official
 * TypeScript SDK. Tools: look up an element, search, versions applicable to a month, diff two
 * versions (filtered), check a DSN snippet (values of personal data masked), read a fiche.
 * Resources: the export of each version (`norme://dsn/P26V01/export.json`, as the site's
 * /dsn/P26V01/export.json). Every answer is computed by the core; this file only adapts it.
 */
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod';
import { checkDsn } from '../core/api.ts';
import { findingJson } from '../core/check/format.ts';
import { applicableVersion } from '../core/applicability.ts';
import { parseMonth } from '../core/month.ts';
import { loadConsignes, revisionPlainText } from '../core/consignes/index.ts';
import { diffDocument, diffVersions, ELEMENTS, filterDiff, SEVERITIES, type ChangeElement, type Severity } from '../core/diff/index.ts';
import { elementDocument, versionDocument } from '../core/export.ts';
import { loadRegistry } from '../core/registry.ts';
import type { Registry } from '../core/model/types.ts';
import { findElement, resolveVersionRef } from '../core/query.ts';
import { searchElements } from '../core/search.ts';

export interface NormeServerOptions {
  /** Folder holding `norm/` and `consignes/`. */
  root: string;
  /** Version of norme (server info). */
  version: string;
}

type ToolResult = { content: { type: 'text'; text: string }[]; isError?: boolean };
const json = (value: unknown): ToolResult => ({ content: [{ type: 'text', text: JSON.stringify(value, null, 2) }] });
const fail = (message: string): ToolResult => ({ content: [{ type: 'text', text: message }], isError: true });

export function createNormeServer(o: NormeServerOptions): McpServer {
  let registry: Registry | undefined;
  /** Loaded on first use and kept: the server lives as long as the assistant's session. */
  const reg = (): Registry => (registry ??= loadRegistry(o.root).registry);
  const version = (ref: string) => resolveVersionRef(reg(), ref);

  const server = new McpServer({ name: 'norme', version: o.version }, { instructions: 'Registre des normes DSN et PASRAU (GIP-MDS) : rubriques, blocs, types, contrôles, différences entre versions, auto-contrôle de fichiers. Réponses en français.' });

  server.registerTool(
    'element',
    {
      title: "Élément d'une version de la norme",
      description: 'Bloc, rubrique, type de données ou contrôle d’une version (ex. version dsn/P26V01, id S21.G00.40.007, DSN_NatureContrat ou S21.G00.40.007/CCH-11), en JSON.',
      inputSchema: { version: z.string().describe('dsn/P26V01 ou P26V01'), id: z.string().describe('S21.G00.40.007, S21.G00.40, DSN_NatureContrat, S21.G00.40.007/CCH-11') },
      annotations: { readOnlyHint: true },
    },
    async ({ version: ref, id }) => {
      const v = version(ref);
      if (!v.ok) return fail(v.error);
      const el = findElement(v.value, id);
      if (!el.ok) return fail(el.error);
      return json(elementDocument(v.value, el.value.kind, el.value.id));
    },
  );

  server.registerTool(
    'search',
    {
      title: 'Chercher un élément',
      description: 'Cherche dans une version les blocs, rubriques, types et contrôles par identifiant (préfixe) ou par mots du libellé (sans accents ni casse).',
      inputSchema: { version: z.string(), query: z.string(), limit: z.number().int().min(1).max(200).optional() },
      annotations: { readOnlyHint: true },
    },
    async ({ version: ref, query, limit }) => {
      const v = version(ref);
      if (!v.ok) return fail(v.error);
      return json({ version: v.value.key, hits: searchElements(v.value, query, limit ?? 20) });
    },
  );

  server.registerTool(
    'versions_for_month',
    {
      title: 'Versions applicables à un mois',
      description: 'Pour un mois principal déclaré (2027-01, 01/2027, 01012027), la version applicable de chaque famille, et si la date est déduite ou officielle.',
      inputSchema: { month: z.string() },
      annotations: { readOnlyHint: true },
    },
    async ({ month }) => {
      const m = parseMonth(month);
      if (!m) return fail(`mois illisible « ${month} » : attendu 2027-01, 01/2027 ou 01012027.`);
      return json(
        [...reg().families.values()].map((f) => {
          const a = applicableVersion(f, m);
          return { family: f.id, month: m, version: a.version?.key ?? null, inferred: a.inferred, overlap: a.matches.length > 1 ? a.matches.map((x) => x.key) : undefined, before: a.before?.key, after: a.after?.key, pendingActivations: a.pending };
        }),
      );
    },
  );

  server.registerTool(
    'diff',
    {
      title: 'Différences entre deux versions',
      description: 'Note différentielle entre deux versions ou éditions (ex. dsn/P26V01 → dsn/P27V01), filtrée par gravité, élément, bloc ou règle ; même JSON que `norme diff --format json`.',
      inputSchema: {
        from: z.string(),
        to: z.string(),
        severity: z.array(z.enum(SEVERITIES as [Severity, ...Severity[]])).optional(),
        element: z.array(z.enum(ELEMENTS as [ChangeElement, ...ChangeElement[]])).optional(),
        block: z.array(z.string()).optional().describe('blocs, ex. S21.G00.40'),
        rule: z.array(z.string()).optional().describe('règles du catalogue, ex. code-value-removed'),
      },
      annotations: { readOnlyHint: true },
    },
    async ({ from, to, severity, element, block, rule }) => {
      const a = version(from);
      if (!a.ok) return fail(a.error);
      const b = version(to);
      if (!b.ok) return fail(b.error);
      const r = filterDiff(diffVersions(a.value, b.value), { severities: severity ?? [], elements: element ?? [], blocks: block ?? [], rules: rule ?? [] });
      return json(diffDocument(r));
    },
  );

  server.registerTool(
    'check',
    {
      title: 'Auto-contrôle d’un extrait DSN',
      description: "Contrôle un texte DSN/PASRAU au format plat (S21.G00.30.001,'valeur' par ligne) contre sa version (déclarée en S10.G00.00.006 ou donnée), et avec next la version suivante. Les valeurs personnelles sont masquées dans la réponse.",
      inputSchema: { text: z.string(), version: z.string().optional(), next: z.boolean().optional(), max: z.number().int().min(1).max(1000).optional() },
      annotations: { readOnlyHint: true },
    },
    async ({ text, version: ref, next, max }) => {
      const r = checkDsn(reg(), text, { version: ref, next, maxFindings: max ?? 200 });
      if (!r.ok) return fail(r.message);
      const { report } = r;
      const out: Record<string, unknown> = {
        version: report.version,
        declaredVersion: report.declaredVersion,
        lines: report.lines,
        natures: report.natures,
        counts: report.counts,
        findings: report.findings.map(findingJson),
        omittedFindings: report.omittedFindings,
        unverified: { total: report.unverified.total, byFamily: report.unverified.byFamily, notes: report.unverified.notes },
      };
      if (r.next) out.next = { version: r.next.version, from: r.next.from, inferred: r.next.inferred, counts: r.next.counts, findings: r.next.findings.map(findingJson), resolved: r.next.resolved };
      if (r.nextMissing) out.nextMissing = r.nextMissing;
      return json(out);
    },
  );

  server.registerTool(
    'fiche',
    {
      title: 'Fiche consigne',
      description: 'Texte (révision en vigueur) et métadonnées d’une fiche consigne par son numéro (ex. 9001), ou la liste des fiches sans numéro.',
      inputSchema: { id: z.number().int().optional() },
      annotations: { readOnlyHint: true },
    },
    async ({ id }) => {
      const { consignes } = loadConsignes(o.root, reg());
      if (id === undefined) return json(consignes.map((c) => ({ id: c.id, title: c.current.title, family: c.family, versions: c.current.versions, revision: c.current.revision })));
      const c = consignes.find((x) => x.id === id);
      if (!c) return fail(`fiche ${id} introuvable ; fiches : ${consignes.map((x) => x.id).join(', ')}`);
      const cur = c.current;
      return json({ id: c.id, family: c.family, title: cur.title, revision: cur.revision, published: cur.published, applies: cur.applies, versions: cur.versions, changes: cur.changes, cites: c.cites, text: revisionPlainText(cur) });
    },
  );

  server.registerResource(
    'export-version',
    new ResourceTemplate('norme://{family}/{version}/export.json', {
      list: async () => ({
        resources: [...reg().families.values()].flatMap((f) =>
          [...f.versions.values()].map((v) => ({ uri: `norme://${v.key}/export.json`, name: `${f.meta.name} ${v.id}`, description: `Export complet de ${v.key} (${v.meta.name})`, mimeType: 'application/json' })),
        ),
      }),
    }),
    { title: 'Export d’une version', description: 'Toute une version (blocs, rubriques, types, contrôles, usages) au format version-export.schema.json.', mimeType: 'application/json' },
    async (uri, vars) => {
      const v = version(`${String(vars.family)}/${String(vars.version)}`);
      if (!v.ok) throw new Error(v.error);
      return { contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(versionDocument(v.value)) }] };
    },
  );

  return server;
}
