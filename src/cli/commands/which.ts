import { applicableVersion, type MonthApplicability } from '../../core/applicability.ts';
import { monthAsDeclared, monthOf, parseMonth } from '../../core/month.ts';
import { oneOf, parseArgs, UsageError } from '../args.ts';
import { findRoot, loadFor, requireClean, usageError } from '../context.ts';
import type { Command } from '../types.ts';

const usage = `Usage : npx norme which [--month <mois>] [--family dsn|pasrau] [--format text|json] [--root <dossier>]

Indique la version de norme applicable à un mois principal déclaré (rubrique S20.G00.05.005),
dit si cette applicabilité est inférée ou tirée d'un texte officiel, et liste les éléments
décrits dans la version mais pas encore utilisables ce mois-là (activations différées).
Mois : 2026-03, 03/2026, « mars 2026 » ou 01032026 (forme de S20.G00.05.005) ; par défaut le mois courant.
Codes de sortie : 0 une version trouvée pour chaque famille, 1 aucune pour au moins une, 2 mauvaise utilisation.`;

function textFor(a: MonthApplicability, familyName: string): string[] {
  const L: string[] = [];
  const v = a.version;
  if (!v) {
    L.push(`${familyName} (${a.family}) : aucune version du registre ne s'applique à ${a.month}`);
    if (a.before) L.push(`  dernière version avant : ${a.before.id} (${a.before.meta.applicability!.from} → ${a.before.meta.applicability!.to ?? '…'})`);
    if (a.after) L.push(`  prochaine version : ${a.after.id} (à partir de ${a.after.meta.applicability!.from})`);
    if (a.unknown.length) L.push(`  versions sans applicabilité connue : ${a.unknown.join(', ')}`);
    return L;
  }
  const app = v.meta.applicability!;
  L.push(`${familyName} (${a.family}) : ${v.id} — ${v.meta.name}`);
  L.push(`  applicable de ${app.from} à ${app.to ?? 'la version suivante'} (${app.source === 'texte officiel' ? 'texte officiel' : 'inférée : aucun texte officiel lu, à confirmer'})`);
  if (app.note) L.push(`  ${app.note}`);
  const last = v.meta.editions.at(-1);
  if (last) L.push(`  dernière édition du cahier technique : ${last.id} du ${last.date}`);
  if (a.beyondAnnounced) {
    L.push(`  attention : ${a.month} est au-delà des versions annoncées ; ${v.id} s'applique faute de version plus récente dans le registre (sans date de fin), la version de ${a.month.slice(0, 4)} peut différer`);
  }
  if (a.matches.length > 1) {
    L.push(`  attention : plusieurs versions couvrent ce mois (${a.matches.map((m) => m.id).join(', ')}) ; lancez npx norme validate`);
  }
  if (a.pending.length) {
    L.push(`  pas encore utilisable en ${a.month} :`);
    for (const x of a.pending) L.push(`    ${x.element} à partir de ${x.from} — ${x.note}${x.source ? ` (source : ${x.source})` : ''}`);
  }
  if (a.active.length) {
    L.push('  activations différées déjà en vigueur :');
    for (const x of a.active) L.push(`    ${x.element} depuis ${x.from}`);
  }
  return L;
}

export const command: Command = {
  name: 'which',
  summary: 'version applicable à un mois principal déclaré',
  usage,
  async run(args, io) {
    let format: 'text' | 'json';
    let root: string;
    let month: string;
    let family: string | undefined;
    try {
      const a = parseArgs(args, { string: ['month', 'family', 'format', 'root'] });
      format = oneOf('format', a.options.format, ['text', 'json'] as const, 'text');
      if (a.positionals.length) throw new UsageError(`argument inattendu « ${a.positionals[0]} »`);
      const m = typeof a.options.month === 'string' ? parseMonth(a.options.month) : monthOf(new Date());
      if (!m) throw new UsageError(`mois illisible « ${String(a.options.month)} » (attendu : 2026-03, 03/2026, « mars 2026 » ou 01032026)`);
      month = m;
      family = typeof a.options.family === 'string' ? a.options.family : undefined;
      root = findRoot(io, a.options.root);
    } catch (e) {
      if (e instanceof UsageError) return usageError(io, e.message, usage);
      throw e;
    }
    const res = loadFor(io, root, family ? { only: [family] } : {});
    if (!requireClean(io, res)) return 1;
    const fams = [...res.registry.families.values()];
    if (family && !res.registry.families.has(family)) {
      return usageError(io, `famille inconnue « ${family} » (familles : ${fams.map((f) => f.id).join(', ')})`, usage);
    }
    const answers = fams.map((f) => ({ f, a: applicableVersion(f, month) }));
    if (format === 'json') {
      io.stdout.write(
        JSON.stringify(
          {
            month,
            declared: monthAsDeclared(month),
            families: answers.map(({ a }) => ({
              family: a.family,
              version: a.version?.id ?? null,
              applicability: a.version?.meta.applicability ?? null,
              inferred: a.inferred,
              overlapping: a.matches.length > 1 ? a.matches.map((m) => m.id) : [],
              pendingActivations: a.pending,
              activeActivations: a.active,
              beyondAnnounced: a.beyondAnnounced,
              before: a.before?.id ?? null,
              after: a.after?.id ?? null,
              withoutApplicability: a.unknown,
            })),
          },
          null,
          2,
        ) + '\n',
      );
    } else {
      const L = [`Mois principal déclaré ${month} (S20.G00.05.005 = ${monthAsDeclared(month)})`];
      for (const { f, a } of answers) L.push(...textFor(a, f.meta.name));
      io.stdout.write(L.join('\n') + '\n');
    }
    return answers.every(({ a }) => a.version) ? 0 : 1;
  },
};
