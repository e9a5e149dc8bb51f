import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs, UsageError } from '../args.ts';
import { findRoot, usageError } from '../context.ts';
import type { Command } from '../types.ts';

const usage = `Usage : npx norme mcp [--root <dossier>]

Serveur MCP (Model Context Protocol) sur l'entrée et la sortie standard, pour un assistant
(Claude Desktop, Claude Code, Cursor, VS Code…). Outils : element, search, versions_for_month,
diff, check (valeurs personnelles masquées), fiche ; ressources : norme://dsn/P26V01/export.json.
Le serveur lit le registre local (dossier norm/ du projet, sinon celui du paquet) ; il n'accède
pas au réseau. Configuration : voir le README, section « Serveur MCP ».`;

export const command: Command = {
  name: 'mcp',
  summary: 'serveur MCP (stdio) pour les assistants : éléments, recherche, diff, auto-contrôle',
  usage,
  async run(args, io) {
    let root: string;
    try {
      const a = parseArgs(args, { string: ['root'] });
      if (a.positionals.length) throw new UsageError(`argument inattendu « ${a.positionals[0]} »`);
      root = findRoot(io, a.options.root);
    } catch (e) {
      if (e instanceof UsageError) return usageError(io, e.message, usage);
      throw e;
    }
    const [{ StdioServerTransport }, { createNormeServer }] = await Promise.all([import('@modelcontextprotocol/sdk/server/stdio.js'), import('../mcp-server.ts')]);
    const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../package.json'), 'utf8')) as { version: string };
    const server = createNormeServer({ root, version: pkg.version });
    const transport = new StdioServerTransport();
    const closed = new Promise<void>((resolve) => {
      transport.onclose = () => resolve();
      process.stdin.once('end', () => resolve());
    });
    await server.connect(transport);
    io.stderr.write(`norme mcp : serveur prêt (registre ${root}).\n`);
    await closed;
    await server.close();
    return 0;
  },
};
