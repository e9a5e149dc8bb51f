/**
 * The MCP server (`norme mcp`) answered through the official SDK client: in process (linked
 * in-memory transports) for every tool and resource, and once over stdio as an assistant runs it.
 * Expectations on real data come from the official tables (CT 2026 / CT 2027).
 */
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNormeServer } from '../../src/cli/mcp-server.ts';
import { generateSample, buildCheckModel, loadRegistry } from '../../src/core/index.ts';
import { PROJECT_ROOT } from '../helpers/fixture.ts';

let client: Client;
beforeAll(async () => {
  const server = createNormeServer({ root: PROJECT_ROOT, version: '0.0.0-test' });
  const [a, b] = InMemoryTransport.createLinkedPair();
  await server.connect(a);
  client = new Client({ name: 'essai', version: '1.0.0' });
  await client.connect(b);
});
afterAll(async () => {
  await client?.close();
});

type TextResult = { content: { type: string; text: string }[]; isError?: boolean };
async function call(name: string, args: Record<string, unknown>): Promise<TextResult> {
  return (await client.callTool({ name, arguments: args })) as TextResult;
}
const body = (r: TextResult) => JSON.parse(r.content[0].text);

describe('serveur MCP (SDK officiel, client en mémoire)', () => {
  it('annonce ses outils', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['check', 'diff', 'element', 'fiche', 'search', 'versions_for_month']);
    expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
  });

  it('element : la rubrique Nature du contrat de P26V01, et une erreur lisible pour un id inconnu', async () => {
    const r = body(await call('element', { version: 'dsn/P26V01', id: 'S21.G00.40.007' }));
    expect(r).toMatchObject({ kind: 'rubrique', version: 'dsn/P26V01', id: 'S21.G00.40.007', name: 'Nature du contrat', datatype: 'DSN_NatureContrat', block: { id: 'S21.G00.40' } });
    expect(r.datatypeDefinition.values.find((v: { code: string }) => v.code === '01').label).toBe('Contrat de travail à durée indéterminée de droit privé');
    const bad = await call('element', { version: 'dsn/P26V01', id: 'S21.G00.40.999' });
    expect(bad.isError).toBe(true);
    expect(bad.content[0].text).toMatch(/^élément « S21\.G00\.40\.999 » introuvable dans dsn\/P26V01/);
  });

  it('search : par mots du libellé, sans accents', async () => {
    const r = body(await call('search', { version: 'P27V01', query: 'proratisation plafond', limit: 5 }));
    expect(r.version).toBe('dsn/P27V01');
    expect(r.hits.map((h: { id: string }) => h.id)).toContain('S21.G00.40.084');
    const byId = body(await call('search', { version: 'dsn/P26V01', query: 's21.g00.40.007' }));
    expect(byId.hits[0]).toEqual({ kind: 'rubrique', id: 'S21.G00.40.007', name: 'Nature du contrat', block: 'S21.G00.40' });
  });

  it('versions_for_month : P27V01 pour janvier 2027 (date déduite)', async () => {
    const r = body(await call('versions_for_month', { month: '01/2027' }));
    expect(r.find((x: { family: string }) => x.family === 'dsn')).toMatchObject({ family: 'dsn', month: '2027-01', version: 'dsn/P27V01', inferred: true });
    expect((await call('versions_for_month', { month: 'bientôt' })).isError).toBe(true);
  });

  it('diff filtré : la rubrique obligatoire ajoutée et les rubriques supprimées de P27V01', async () => {
    const r = body(await call('diff', { from: 'dsn/P26V01', to: 'dsn/P27V01', rule: ['rubrique-added-mandatory', 'rubrique-removed'] }));
    expect(r.changes.map((c: { rule: string; id: string }) => `${c.rule} ${c.id}`).sort()).toEqual([
      'rubrique-added-mandatory S21.G00.40.084',
      'rubrique-removed S21.G00.06.003',
      'rubrique-removed S21.G00.11.002',
    ]);
    expect(r.summary.total).toBe(3);
  });

  it('check : un extrait avec une nature de contrat fausse ; valeurs personnelles masquées ; version suivante', async () => {
    const { registry } = loadRegistry(PROJECT_ROOT, { only: ['dsn/P26V01'] });
    const fam = registry.families.get('dsn')!;
    const lines = [...generateSample(buildCheckModel(fam.versions.get('P26V01')!, fam.meta), { salaries: 1, seed: 21 })];
    const i = lines.findIndex((l) => l.startsWith('S21.G00.40.007,'));
    expect(i).toBeGreaterThan(0);
    lines[i] = "S21.G00.40.007,'ZZ'";
    const nir = lines.find((l) => l.startsWith('S21.G00.30.001,'))!;
    const nirLine = lines.indexOf(nir);
    lines[nirLine] = "S21.G00.30.001,'1234'"; // wrong length: the value must not be echoed
    const r = body(await call('check', { text: lines.join('\n') + '\n', next: true }));
    expect(r.version).toBe('dsn/P26V01');
    expect(r.findings.find((f: { rule: string }) => f.rule === 'value-code')).toMatchObject({ line: i + 1, rubrique: 'S21.G00.40.007', message: 'Valeur « ZZ » absente de la liste DSN_NatureContrat.', severity: 'bloquant', level: 'error' });
    const nirFinding = r.findings.find((f: { rubrique: string }) => f.rubrique === 'S21.G00.30.001');
    expect(nirFinding.rule).toBe('value-length');
    expect(JSON.stringify(r)).not.toContain("'1234'");
    expect(JSON.stringify(r)).not.toContain('« 1234 »');
    expect(r.next.version).toBe('dsn/P27V01');
    expect(r.next.findings.some((f: { rubrique: string; change: string; from: string }) => f.rubrique === 'S21.G00.40.084' && f.change === 'rubrique-added-mandatory' && f.from === '2027-01')).toBe(true);
  });

  it('fiche : la liste, puis le texte d’une fiche', async () => {
    const list = body(await call('fiche', {}));
    expect(list.length).toBeGreaterThan(0);
    const first = list[0];
    const f = body(await call('fiche', { id: first.id }));
    expect(f).toMatchObject({ id: first.id, title: first.title });
    expect(f.text.length).toBeGreaterThan(50);
    expect((await call('fiche', { id: 1 })).isError).toBe(true);
  });

  it('ressources : l’export de chaque version', async () => {
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toContain('norme://dsn/P27V01/export.json');
    const r = await client.readResource({ uri: 'norme://dsn/P26V01/export.json' });
    const doc = JSON.parse((r.contents[0] as { text: string }).text);
    expect(doc.version.id ?? doc.id).toBe('P26V01');
  });
});

describe('norme mcp sur stdio', () => {
  it('un client SDK lance la commande et appelle un outil', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [path.join(PROJECT_ROOT, 'bin/norme.mjs'), 'mcp'],
      cwd: PROJECT_ROOT,
      stderr: 'pipe',
    });
    const c = new Client({ name: 'essai-stdio', version: '1.0.0' });
    await c.connect(transport);
    try {
      const r = JSON.parse(((await c.callTool({ name: 'element', arguments: { version: 'dsn/P27V01', id: 'S21.G00.40.084' } })) as TextResult).content[0].text);
      expect(r).toMatchObject({ kind: 'rubrique', id: 'S21.G00.40.084', usage: { '01': 'O' } });
    } finally {
      await c.close();
    }
  });
});
