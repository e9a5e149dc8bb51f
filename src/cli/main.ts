import type { Command, Io } from './types.ts';
import { command as validate } from './commands/validate.ts';
import { command as list } from './commands/list.ts';
import { command as show } from './commands/show.ts';
import { command as exportCmd } from './commands/export.ts';
import { command as importCmd } from './commands/import.ts';
import { command as version } from './commands/version.ts';
import { command as review } from './commands/review.ts';
import { command as diff } from './commands/diff.ts';
import { command as journal } from './commands/journal.ts';
import { command as which } from './commands/which.ts';
import { command as check } from './commands/check.ts';
import { command as sample } from './commands/sample.ts';

/** Registered commands, in help order. Add one line per command. */
export const COMMANDS: Command[] = [
  validate,
  list,
  show,
  exportCmd,
  importCmd,
  version,
  review,
  diff,
  journal,
  which,
  check,
  sample,
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
    'Aide d\'une commande : npx norme <commande> --help',
  ];
  return lines.join('\n') + '\n';
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(help());
    return name ? 0 : 2;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    io.stderr.write(`norme : commande inconnue « ${name} ».\n\n` + help());
    return 2;
  }
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
