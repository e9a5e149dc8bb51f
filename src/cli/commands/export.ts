import { rubriquesCsv, versionDocument } from '../../core/index.ts';
import { oneOf, parseArgs, UsageError } from '../args.ts';
import { findRoot, loadVersion, usageError } from '../context.ts';
import type { Command } from '../types.ts';

const usage = `Usage : npx norme export <famille>/<version> --format json|csv [--root <dossier>]

json : la version entière résolue en un seul document (blocs, rubriques, contrôles, usages, types).
csv  : une ligne par rubrique, pour Excel en français (séparateur « ; », UTF-8 avec BOM).
La sortie va sur la sortie standard : npx norme export dsn/P26V01 --format csv > P26V01.csv`;

export const command: Command = {
  name: 'export',
  summary: 'exporter une version en JSON ou CSV',
  usage,
  async run(args, io) {
    let format: 'json' | 'csv';
    let root: string;
    let ref: string;
    try {
      const a = parseArgs(args, { string: ['format', 'root'] });
      format = oneOf('format', a.options.format, ['json', 'csv'] as const, 'json');
      if (a.positionals.length !== 1) throw new UsageError('il faut une version, ex. dsn/P26V01');
      ref = a.positionals[0];
      root = findRoot(io, a.options.root);
    } catch (e) {
      if (e instanceof UsageError) return usageError(io, e.message, usage);
      throw e;
    }
    const loaded = loadVersion(io, root, ref, usage);
    if (typeof loaded === 'number') return loaded;
    const res = loaded;
    io.stdout.write(format === 'json' ? JSON.stringify(versionDocument(res.version), null, 2) + '\n' : rubriquesCsv(res.version));
    return 0;
  },
};
