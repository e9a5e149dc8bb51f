import { formatRulesMarkdown, formatRulesText, ruleSections, type RuleKind } from '../../core/rules.ts';
import { oneOf, parseArgs, UsageError } from '../args.ts';
import { usageError } from '../context.ts';
import type { Command } from '../types.ts';

const usage = `Usage : npx norme rules [--kind validation|diff|check] [--format text|json|md]

Liste les règles du projet avec leur identifiant, leur gravité et leur description :
règles de validation du registre et des fiches (norme validate, norme import, norme journal),
règles de comparaison (norme diff) et règles de l'auto-contrôle (norme check).
--kind limite la liste à une famille de règles ; --format md écrit des tableaux Markdown.
Codes de sortie : 0 liste écrite, 2 mauvaise utilisation.`;

export const command: Command = {
  name: 'rules',
  summary: 'lister les règles de validation, de comparaison et d’auto-contrôle',
  usage,
  async run(args, io) {
    let format: 'text' | 'json' | 'md';
    let kind: RuleKind | undefined;
    try {
      const a = parseArgs(args, { string: ['format', 'kind'] });
      format = oneOf('format', a.options.format, ['text', 'json', 'md'] as const, 'text');
      kind = a.options.kind === undefined ? undefined : oneOf('kind', a.options.kind, ['validation', 'diff', 'check'] as const, 'validation');
      if (a.positionals.length) throw new UsageError(`argument inattendu « ${a.positionals[0]} »`);
    } catch (e) {
      if (e instanceof UsageError) return usageError(io, e.message, usage);
      throw e;
    }
    const sections = ruleSections().filter((s) => !kind || s.kind === kind);
    if (format === 'json') io.stdout.write(JSON.stringify({ sections }, null, 2) + '\n');
    else io.stdout.write(format === 'md' ? formatRulesMarkdown(sections) : formatRulesText(sections));
    return 0;
  },
};
