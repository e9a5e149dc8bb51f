import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  changeSeverityLabel,
  countsLine,
  draftJournal,
  journalChanges,
  journalEntryYaml,
  resolveStateRef,
  resolveVersionRef,
  type Registry,
  type ResolvedVersion,
} from '../../core/index.ts';
import { oneOf, parseArgs, UsageError } from '../args.ts';
import { findRoot, loadFor, requireClean, usageError } from '../context.ts';
import type { Command } from '../types.ts';

const usage = `Usage : npx norme journal <famille>/<version> [--format text|json] [--root <dossier>]
        npx norme journal draft <de> <à> [--edition <édition>] [--date AAAA-MM-JJ] [--prefix <id>] [--out <dossier>]

Journal de maintenance de la norme (JMN) : une version publiée est figée et n'est modifiée que par
des entrées (norm/<famille>/<version>/journal/<id>.yaml), appliquées dans l'ordre des éditions.

journal <version>   liste les entrées (date, nature, édition produite, explication) et leurs changements.
journal draft       prépare des squelettes d'entrées à partir du diff entre <de> et <à> : une entrée par
                    bloc, rubrique ou type modifié, avec ses opérations ; à compléter (nature, titre,
                    explication, édition). Sans --out, les brouillons vont sur la sortie standard.

Exemples : npx norme journal dsn/P26V01
           npx norme journal dsn/P26V01 --format json
           npx norme journal draft dsn/P26V01 dsn/P26V01-corrige --edition 2026.1.1 --out norm/dsn/P26V01/journal
           (dsn/P26V01-corrige : copie de travail de la version, corrigée à la main)`;

const KIND_FR: Record<string, string> = { anomalie: 'anomalie', évolution: 'évolution', précision: 'précision' };

function list(io: Parameters<Command['run']>[1], v: ResolvedVersion, format: 'text' | 'json'): number {
  const steps = journalChanges(v);
  if (format === 'json') {
    io.stdout.write(
      JSON.stringify(
        {
          version: v.key,
          editions: v.meta.editions,
          entries: steps.map((s) => ({ ...s.record.entry, file: s.record.file, applied: s.record.applied, changes: s.changes })),
        },
        null,
        2,
      ) + '\n',
    );
    return 0;
  }
  const L: string[] = [];
  const eds = v.meta.editions.map((e, i) => `${e.id} du ${e.date}${i === 0 ? ' (base)' : ''}`).join(' · ');
  if (!steps.length) {
    L.push(`Aucune entrée au journal de maintenance de ${v.key} : la version est telle que publiée.`, `Éditions : ${eds || 'aucune'}`);
    io.stdout.write(L.join('\n') + '\n');
    return 0;
  }
  L.push(`Journal de maintenance de ${v.key} (${steps.length} entrée${steps.length > 1 ? 's' : ''})`, `Éditions : ${eds}`);
  if (v.meta.example) L.push('EXEMPLE : version inventée pour illustrer, pas une donnée officielle.');
  for (const s of steps) {
    const e = s.record.entry;
    L.push('', `${e.id} — ${e.date} — ${KIND_FR[e.kind] ?? e.kind} — édition ${e.edition}${e.example ? '   [exemple]' : ''}${s.record.applied ? '' : '   [NON APPLIQUÉE : voir npx norme validate]'}`);
    L.push(`  ${e.title}`);
    for (const line of e.explanation.split('\n')) L.push(`  ${line}`);
    if (e.source) L.push(`  source : ${e.source}`);
    if (s.changes.length) {
      L.push(`  ${countsLine(s.changes)} :`);
      for (const c of s.changes) L.push(`    ${changeSeverityLabel(c.severity).padEnd(12)} ${c.message} [${c.rule}]`);
    }
  }
  io.stdout.write(L.join('\n') + '\n');
  return 0;
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function state(reg: Registry, ref: string): ResolvedVersion {
  const r = resolveStateRef(reg, ref);
  if (!r.ok) throw new UsageError(r.error + (r.hint ? `\n${r.hint}` : ''));
  return r.value;
}

export const command: Command = {
  name: 'journal',
  summary: 'journal de maintenance : entrées, brouillons',
  usage,
  async run(args, io) {
    let root: string;
    let a: ReturnType<typeof parseArgs>;
    try {
      a = parseArgs(args, { string: ['format', 'root', 'edition', 'date', 'prefix', 'out'] });
      root = findRoot(io, a.options.root);
      if (a.positionals[0] === 'draft') {
        if (a.positionals.length !== 3) throw new UsageError('journal draft attend deux opérandes : <de> <à>');
        if (typeof a.options.date === 'string' && !/^\d{4}-\d{2}-\d{2}$/.test(a.options.date)) throw new UsageError('--date attend AAAA-MM-JJ');
      } else if (a.positionals.length !== 1) {
        throw new UsageError('il faut une version, ex. dsn/P26V01');
      }
    } catch (e) {
      if (e instanceof UsageError) return usageError(io, e.message, usage);
      throw e;
    }
    const res = loadFor(io, root);
    if (!requireClean(io, res)) return 1;
    try {
      if (a.positionals[0] !== 'draft') {
        const format = oneOf('format', a.options.format, ['text', 'json'] as const, 'text');
        const v = resolveVersionRef(res.registry, a.positionals[0]);
        if (!v.ok) throw new UsageError(v.error + (v.hint ? `\n${v.hint}` : ''));
        return list(io, v.value, format);
      }
      const from = state(res.registry, a.positionals[1]);
      const to = state(res.registry, a.positionals[2]);
      const draft = draftJournal(from, to, {
        date: typeof a.options.date === 'string' ? a.options.date : today(),
        edition: typeof a.options.edition === 'string' ? a.options.edition : undefined,
        idPrefix: typeof a.options.prefix === 'string' ? a.options.prefix : undefined,
      });
      const skippedNote = draft.skipped.length
        ? [`${draft.skipped.length} changement(s) non exprimable(s) en opérations de journal (nouvelle version nécessaire) :`, ...draft.skipped.map((c) => `  ${c.message.replace(/`/g, '')} [${c.rule}]`)]
        : [];
      if (typeof a.options.out === 'string') {
        const dir = path.resolve(io.cwd, a.options.out);
        mkdirSync(dir, { recursive: true });
        for (const e of draft.entries) writeFileSync(path.join(dir, `${e.id}.yaml`), journalEntryYaml(e));
        io.stdout.write(`${draft.entries.length} brouillon(s) d'entrée écrit(s) dans ${path.relative(io.cwd, dir) || '.'}/ (${from.key} → ${to.key}).\n`);
        for (const l of skippedNote) io.stdout.write(l + '\n');
      } else {
        io.stdout.write(draft.entries.map((e) => journalEntryYaml(e)).join('---\n'));
        for (const l of skippedNote) io.stderr.write(`# ${l}\n`);
        if (!draft.entries.length) io.stderr.write(`norme : aucune opération à proposer entre ${from.key} et ${to.key}.\n`);
      }
      return 0;
    } catch (e) {
      if (e instanceof UsageError) return usageError(io, e.message, usage);
      throw e;
    }
  },
};
