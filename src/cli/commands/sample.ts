import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { generateSample, SampleError } from '../../core/sample/index.ts';
import { parseArgs, UsageError } from '../args.ts';
import { findRoot, usageError } from '../context.ts';
import type { Command } from '../types.ts';
import { listFamilies, loadCheckModel, resolveKey } from './check.ts';

const usage = `Usage : npx norme sample <famille>/<version> [--salaries N] [--seed S] [--nature 01]
                          [--output fichier] [--crlf]

Écrit un envoi DSN/PASRAU synthétique (format plat, une rubrique par ligne) qui respecte
les données de la norme : structure et cardinalités, types de données, listes de codes,
usages de la nature choisie, clés SIREN/SIRET/NIC/IBAN, totaux. Les valeurs sont
aléatoires (reproductibles avec --seed), en ASCII (donc valides en UTF-8 comme en
ISO-8859-1), et ne désignent personne ; les contrôles rédigés en texte (CCH, SIG…) ne
sont pas pris en compte.

  --salaries  nombre d'individus (par défaut 3)
  --seed      graine du tirage (par défaut 1)
  --nature    nature de déclaration (par défaut 01 si la version la connaît)
  --output    fichier à écrire (par défaut : sortie standard)
  --crlf      fins de ligne CRLF au lieu de LF

Exemple : npx norme sample dsn/P26V01 --salaries 50 --seed 42 --output essai.dsn`;

export const command: Command = {
  name: 'sample',
  summary: 'écrire un fichier DSN/PASRAU synthétique conforme au registre',
  usage,
  async run(args, io) {
    let ref: string, salaries: number, seed: string, nature: string | undefined, output: string | undefined, root: string;
    let eol: string;
    try {
      const a = parseArgs(args, { string: ['salaries', 'seed', 'nature', 'output', 'root'], boolean: ['crlf'] });
      if (a.positionals.length !== 1) throw new UsageError('il faut une version, ex. dsn/P26V01');
      ref = a.positionals[0];
      salaries = a.options.salaries === undefined ? 3 : Number(a.options.salaries);
      if (!Number.isInteger(salaries) || salaries < 0) throw new UsageError('--salaries attend un entier positif ou nul');
      seed = typeof a.options.seed === 'string' ? a.options.seed : '1';
      nature = typeof a.options.nature === 'string' ? a.options.nature : undefined;
      output = typeof a.options.output === 'string' ? a.options.output : undefined;
      eol = a.options.crlf ? '\r\n' : '\n';
      root = findRoot(io, a.options.root);
    } catch (e) {
      if (e instanceof UsageError) return usageError(io, e.message, usage);
      throw e;
    }
    const r = resolveKey(listFamilies(root), ref);
    if (!r.ok) return usageError(io, r.message, usage);
    const { model, errors } = loadCheckModel(root, r.key);
    if (!model) {
      for (const e of errors) io.stderr.write(e + '\n');
      io.stderr.write(`norme sample : les données de la norme ${r.key} sont inutilisables (npx norme validate).\n`);
      return 1;
    }
    const out = output ? createWriteStream(path.resolve(io.cwd, output)) : undefined;
    const write = async (s: string) => {
      if (!out) {
        io.stdout.write(s);
        return;
      }
      if (!out.write(s)) await new Promise<void>((res) => out.once('drain', () => res()));
    };
    let lines = 0;
    try {
      let buf = '';
      for (const line of generateSample(model, { salaries, seed, nature })) {
        buf += line + eol;
        lines++;
        if (buf.length > 1 << 16) {
          await write(buf);
          buf = '';
        }
      }
      if (buf) await write(buf);
    } catch (e) {
      if (out) out.destroy();
      if (e instanceof SampleError) {
        io.stderr.write(`norme sample : ${e.message}\n`);
        return 2;
      }
      throw e;
    }
    if (out) {
      await new Promise<void>((res, rej) => out.end((err?: Error | null) => (err ? rej(err) : res())));
      io.stderr.write(`${output} : ${lines} lignes (${r.key}, ${salaries} individu(s), graine ${seed}).\n`);
    }
    return 0;
  },
};
