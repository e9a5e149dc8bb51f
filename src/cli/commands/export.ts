import { rubriquesCsv, versionDocument } from '../../core/index.ts';
import { onlyVersion, versionCommand } from '../context.ts';
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
    const cmd = versionCommand(io, args, usage, ['json', 'csv'] as const, 'json', onlyVersion('ex. dsn/P26V01'));
    if (typeof cmd === 'number') return cmd;
    const { format, version } = cmd;
    io.stdout.write(format === 'json' ? JSON.stringify(versionDocument(version), null, 2) + '\n' : rubriquesCsv(version));
    return 0;
  },
};
