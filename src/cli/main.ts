import { readFileSync } from 'node:fs';
import { closest } from '../core/diagnostics/diagnostic.ts';
import type { Command, Io } from './types.ts';

/** `norme 0.1.0`: the version of package.json. */
function versionText(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return `norme ${pkg.version}\n`;
}

/**
 * Registered commands, in help order. Each command module is imported only when it runs,
 * so that `norme diff` does not pay for the importer (exceljs) or the fiches (remark).
 * The summary here must equal the module's own `summary` (checked by a test).
 */
export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<Command>;
}

export const COMMANDS: CommandEntry[] = [
  { name: 'validate', summary: 'vérifier le registre (YAML, schémas, références)', load: async () => (await import('./commands/validate.ts')).command },
  { name: 'list', summary: 'lister familles, versions et éditions', load: async () => (await import('./commands/list.ts')).command },
  { name: 'show', summary: 'afficher un bloc, une rubrique, un type ou un contrôle', load: async () => (await import('./commands/show.ts')).command },
  { name: 'export', summary: 'exporter une version en JSON ou CSV', load: async () => (await import('./commands/export.ts')).command },
  { name: 'import', summary: 'importer les tables officielles (xlsx/CSV) dans le registre norm/', load: async () => (await import('./commands/import.ts')).command },
  { name: 'version', summary: 'créer une version en projet (version new)', load: async () => (await import('./commands/version.ts')).command },
  { name: 'review', summary: "rapport d'impact d'une modification (pull request)", load: async () => (await import('./commands/review.ts')).command },
  { name: 'diff', summary: 'comparer deux versions ou éditions (note différentielle)', load: async () => (await import('./commands/diff.ts')).command },
  { name: 'journal', summary: 'journal de maintenance : entrées, brouillons', load: async () => (await import('./commands/journal.ts')).command },
  { name: 'unused', summary: 'éléments inutilisés d’une version et anomalies des tables officielles', load: async () => (await import('./commands/unused.ts')).command },
  { name: 'which', summary: 'version applicable à un mois principal déclaré', load: async () => (await import('./commands/which.ts')).command },
  { name: 'rules', summary: 'lister les règles de validation, de comparaison et d’auto-contrôle', load: async () => (await import('./commands/rules.ts')).command },
  { name: 'check', summary: "auto-contrôle d'un fichier DSN/PASRAU (structure, types, usages, clés, totaux)", load: async () => (await import('./commands/check.ts')).command },
  { name: 'usages', summary: "rapport sur les usages d'une version (officiels, inférés, inconnus)", load: async () => (await import('./commands/usages.ts')).command },
  { name: 'sample', summary: 'écrire un fichier DSN/PASRAU synthétique conforme au registre', load: async () => (await import('./commands/sample.ts')).command },
  { name: 'mcp', summary: 'serveur MCP (stdio) pour les assistants : éléments, recherche, diff, auto-contrôle', load: async () => (await import('./commands/mcp.ts')).command },
];

function help(): string {
  const lines = [
    'norme — registre des normes DSN et PASRAU',
    '',
    'Usage : npx norme <commande> [options]',
    '',
    'Commandes :',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`),
    '',
    'Aide d\'une commande : npx norme <commande> --help ; version de norme : npx norme --version',
  ];
  return lines.join('\n') + '\n';
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(help());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-V') {
    io.stdout.write(versionText());
    return 0;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    const near = closest(name, COMMANDS.map((c) => c.name));
    io.stderr.write(`norme : commande inconnue « ${name} »${near ? ` ; vouliez-vous dire « ${near} » ?` : '.'}\n\n` + help());
    return 2;
  }
  const cmd = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(cmd.usage.endsWith('\n') ? cmd.usage : cmd.usage + '\n');
    return 0;
  }
  try {
    return await cmd.run(rest, io);
  } catch (err) {
    // Content problems are diagnostics; reaching here is a bug in norme itself.
    const e = err as Error;
    io.stderr.write(`norme : erreur interne dans « ${name} » : ${e.message}\n${e.stack ?? ''}\n`);
    io.stderr.write('Merci de signaler ce problème avec la commande utilisée.\n');
    return 70;
  }
}
