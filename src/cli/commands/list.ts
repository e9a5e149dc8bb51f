import { parseArgs, oneOf, UsageError } from '../args.ts';
import { findRoot, loadFor, requireClean, usageError } from '../context.ts';
import type { Command } from '../types.ts';
import { statusLabel } from '../../core/text/labels.ts';

const usage = `Usage : npx norme list [--format text|json] [--root <dossier>]

Liste les familles, leurs versions (statut, applicabilité) et les éditions du cahier technique.`;

/** Where the JSON output's schema is published (src/core/schemas/list-output.schema.json). */
export const LIST_OUTPUT_SCHEMA_ID = 'https://norme.example/schemas/list-output.schema.json';

export const command: Command = {
  name: 'list',
  summary: 'lister familles, versions et éditions',
  usage,
  async run(args, io) {
    let format: 'text' | 'json';
    let root: string;
    try {
      const a = parseArgs(args, { string: ['format', 'root'] });
      format = oneOf('format', a.options.format, ['text', 'json'] as const, 'text');
      if (a.positionals.length) throw new UsageError(`argument inattendu « ${a.positionals[0]} »`);
      root = findRoot(io, a.options.root);
    } catch (e) {
      if (e instanceof UsageError) return usageError(io, e.message, usage);
      throw e;
    }
    const res = loadFor(io, root);
    if (!requireClean(io, res)) return 1;
    const fams = [...res.registry.families.values()];
    if (format === 'json') {
      io.stdout.write(
        JSON.stringify(
          {
            $schema: LIST_OUTPUT_SCHEMA_ID,
            families: fams.map((f) => ({
            id: f.id,
            name: f.meta.name,
            versions: [...f.versions.values()].map((v) => ({
              id: v.id,
              status: v.meta.status,
              previous: v.meta.previous ?? null,
              applicability: v.meta.applicability ?? null,
              editions: v.meta.editions,
              counts: { blocks: v.blocks.size, rubriques: v.rubriques.size, datatypes: v.datatypes.size, controls: v.controls.size },
            })),
            })),
          },
          null,
          2,
        ) + '\n',
      );
      return 0;
    }
    for (const f of fams) {
      io.stdout.write(`${f.meta.name} (${f.id})\n`);
      for (const v of f.versions.values()) {
        const app = v.meta.applicability;
        const when = app ? `mois ${app.from} → ${app.to ?? '…'}${app.source === 'inférée' ? ' (inférée)' : ''}` : 'applicabilité inconnue';
        io.stdout.write(`  ${v.id.padEnd(8)} ${statusLabel(v.meta.status).padEnd(10)} ${when}\n`);
        io.stdout.write(`           ${v.blocks.size} blocs, ${v.rubriques.size} rubriques, ${v.datatypes.size} types, ${v.controls.size} contrôles\n`);
        for (const e of v.meta.editions) io.stdout.write(`           édition ${e.id} du ${e.date}\n`);
      }
    }
    return 0;
  },
};
