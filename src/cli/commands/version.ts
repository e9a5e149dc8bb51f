import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatDiagnostic } from '../../core/index.ts';
import { planNewVersion } from '../../core/version-new.ts';
import { parseArgs, UsageError } from '../args.ts';
import { findRoot, loadFor, printDiagnostics, usageError } from '../context.ts';
import type { Command, Io } from '../types.ts';

const usage = `Usage : npx norme version new <famille>/<version> --from <version précédente> [--name <libellé>] [--root <dossier>]

Crée une version en projet (statut draft) en copiant le contenu de la version précédente :
blocs et types de données (avec les corrections de son journal de maintenance), sans journal
ni édition. La nouvelle version pointe vers la précédente (previous) et se valide telle quelle.

  --from <version>   version copiée, ex. P27V01 ou dsn/P27V01 (même famille)
  --name <libellé>   libellé de la version (défaut : « Projet <version> (à partir de <précédente>) »)

Applicabilité : le mois qui suit la fin de la version précédente, si elle en a une et que cela
ne chevauche aucune autre version ; sinon aucune (renseignez-la quand les mois sont connus).
Une version existante n'est jamais écrasée. L'écriture est atomique (dossier temporaire puis renommage).
Codes de sortie : 0 version créée, 1 version précédente en erreur, 2 mauvaise utilisation ou version existante.`;

function today(io: Io): string {
  // NORME_TODAY (YYYY-MM-DD) makes outputs reproducible in tests and examples.
  const fixed = io.env.NORME_TODAY;
  if (fixed && /^\d{4}-\d{2}-\d{2}$/.test(fixed)) return fixed;
  return new Date().toISOString().slice(0, 10);
}

/** Write `files` (paths relative to root, all under `dir`) into a temp folder, then move it into place. */
function writeAtomically(root: string, dir: string, files: Record<string, string>): void {
  const finalAbs = path.join(root, dir);
  const parent = path.dirname(finalAbs);
  mkdirSync(parent, { recursive: true });
  // Hidden name: the loader skips dot folders, so a crash leaves no half version behind.
  const tmp = mkdtempSync(path.join(parent, `.${path.basename(finalAbs)}.tmp-`));
  try {
    for (const [rel, content] of Object.entries(files)) {
      const abs = path.join(tmp, path.relative(dir, rel));
      mkdirSync(path.dirname(abs), { recursive: true });
      writeFileSync(abs, content);
    }
    if (existsSync(finalAbs)) throw new Error(`${dir} est apparu pendant l'écriture`);
    renameSync(tmp, finalAbs);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

async function runNew(args: string[], io: Io): Promise<number> {
  let root: string;
  let family: string;
  let id: string;
  let from: string;
  let name: string | undefined;
  try {
    const a = parseArgs(args, { string: ['from', 'name', 'root'] });
    if (a.positionals.length !== 1) throw new UsageError(a.positionals.length ? `argument inattendu « ${a.positionals[1]} »` : 'indiquez la version à créer, ex. dsn/P28V01');
    const m = /^([^/]+)\/([^/]+)$/.exec(a.positionals[0]);
    if (!m) throw new UsageError(`« ${a.positionals[0]} » : écrivez la nouvelle version avec sa famille, ex. dsn/P28V01`);
    [, family, id] = m;
    if (typeof a.options.from !== 'string') throw new UsageError('indiquez la version à copier avec --from, ex. --from P27V01');
    from = a.options.from;
    name = typeof a.options.name === 'string' ? a.options.name : undefined;
    root = findRoot(io, a.options.root);
  } catch (e) {
    if (e instanceof UsageError) return usageError(io, e.message, usage);
    throw e;
  }
  const dir = `norm/${family}/${id}`;
  if (existsSync(path.join(root, dir))) {
    io.stderr.write(`norme : ${dir}/ existe déjà : la version n'est pas écrasée.\n  → choisissez un autre identifiant, ou supprimez ce dossier s'il est le reste d'un essai.\n`);
    return 2;
  }
  const res = loadFor(io, root, { only: [family] });
  const plan = planNewVersion(res, { family, id, from, name, date: today(io) });
  if (!plan.ok) {
    if (plan.diagnostics?.length) {
      printDiagnostics(io, plan.diagnostics);
      io.stderr.write(`norme : ${plan.error}.\n${plan.hint ? `  → ${plan.hint}\n` : ''}`);
      return 1;
    }
    io.stderr.write(`norme : ${plan.error}.\n${plan.hint ? `  → ${plan.hint}\n` : ''}`);
    return 2;
  }
  const p = plan.value;
  writeAtomically(root, p.dir, p.files);

  // The new version must validate as written.
  const after = loadFor(io, root, { only: [family] });
  const mine = after.diagnostics.filter((d) => d.file === p.dir || d.file?.startsWith(p.dir + '/'));
  const errors = mine.filter((d) => d.severity === 'error');
  io.stdout.write(
    `✓ Version ${p.key} créée en projet (draft) à partir de ${p.previous.key} : ${p.dir}/ — ${p.counts.blocks} bloc(s), ${p.counts.datatypes} type(s) de données, ${Object.keys(p.files).length} fichier(s).\n`,
  );
  for (const n of p.notes) io.stdout.write(`  - ${n}\n`);
  for (const d of mine) {
    io.stdout.write(formatDiagnostic(d) + '\n');
    if (d.hint) io.stdout.write(`  → ${d.hint}\n`);
  }
  io.stdout.write(`Validation de ${p.key} : ${errors.length} erreur(s), ${mine.length - errors.length} avertissement(s).\n`);
  io.stdout.write(`Ensuite : modifiez les fichiers de ${p.dir}/, puis \`npx norme review --base main\` pour voir l'impact.\n`);
  return errors.length ? 1 : 0;
}

export const command: Command = {
  name: 'version',
  summary: 'créer une version en projet (version new)',
  usage,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'new') return runNew(rest, io);
    return usageError(io, sub ? `sous-commande inconnue « ${sub} » (attendu : new)` : 'indiquez une sous-commande : new', usage);
  },
};
