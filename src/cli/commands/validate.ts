import { existsSync } from 'node:fs';
import path from 'node:path';
import { formatDiagnostic, type Diagnostic } from '../../core/diagnostics/diagnostic.ts';
import { githubAnnotation } from '../../core/github.ts';
import { oneOf, parseArgs, UsageError } from '../args.ts';
import { findRoot, loadFor, usageError } from '../context.ts';
import type { Command } from '../types.ts';

const usage = `Usage : npx norme validate [--format text|json|github] [--root <dossier>] [--only dsn/P26V01]

Vérifie tout le registre : syntaxe YAML, schémas, références entre fichiers ;
puis les fiches consignes (consignes/) : en-tête, MDX restreint, références à la norme.
Avec --only, les fiches ne sont pas vérifiées (elles visent des versions non chargées).
Codes de sortie : 0 aucune erreur, 1 erreurs trouvées, 2 mauvaise utilisation.`;

/** Where the JSON output's schema is published (src/core/schemas/validate-output.schema.json). */
export const VALIDATE_OUTPUT_SCHEMA_ID = 'https://norme.example/schemas/validate-output.schema.json';

function githubLine(d: Diagnostic): string {
  const level = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
  return githubAnnotation(level, d.message + (d.hint ? ` — ${d.hint}` : ''), { file: d.file || undefined, line: d.line || undefined, col: d.column || undefined, title: d.rule });
}

export const command: Command = {
  name: 'validate',
  summary: 'vérifier le registre (YAML, schémas, références)',
  usage,
  async run(args, io) {
    let format: 'text' | 'json' | 'github';
    let root: string;
    let only: string[] | undefined;
    try {
      const a = parseArgs(args, { string: ['format', 'root', 'only'] });
      format = oneOf('format', a.options.format, ['text', 'json', 'github'] as const, 'text');
      if (a.positionals.length) throw new UsageError(`argument inattendu « ${a.positionals[0]} »`);
      root = findRoot(io, a.options.root);
      only = typeof a.options.only === 'string' ? a.options.only.split(',') : undefined;
    } catch (e) {
      if (e instanceof UsageError) return usageError(io, e.message, usage);
      throw e;
    }
    const res = loadFor(io, root, { only });
    // Fiches consignes: checked against the whole registry, so not with --only.
    const withConsignes = !only && existsSync(path.join(root, 'consignes'));
    // Fiches need remark (MDX): loaded only when there are fiches to check.
    const fiches = withConsignes ? (await import('../../core/consignes/load.ts')).loadConsignes(root, res.registry) : undefined;
    const ds = fiches ? [...res.diagnostics, ...fiches.diagnostics] : res.diagnostics;
    const counts = { error: 0, warning: 0, info: 0 };
    for (const d of ds) counts[d.severity]++;
    const { error: errors, warning: warnings } = counts;
    if (format === 'json') {
      io.stdout.write(JSON.stringify({ $schema: VALIDATE_OUTPUT_SCHEMA_ID, errors, warnings, counts, diagnostics: ds }, null, 2) + '\n');
    } else if (format === 'github') {
      for (const d of ds) io.stdout.write(githubLine(d) + '\n');
    } else {
      for (const d of ds) {
        io.stdout.write(formatDiagnostic(d) + '\n');
        if (d.hint) io.stdout.write(`  → ${d.hint}\n`);
      }
      const versions = [...res.registry.families.values()].reduce((n, f) => n + f.versions.size, 0);
      const files = res.sources.files.size;
      io.stdout.write(
        `${errors === 0 ? '✓' : '✗'} ${files} fichier(s), ${res.registry.families.size} famille(s), ${versions} version(s)${fiches ? `, ${fiches.consignes.length} fiche(s)` : ''} : ${errors} erreur(s), ${warnings} avertissement(s).\n`,
      );
    }
    return errors > 0 ? 1 : 0;
  },
};
