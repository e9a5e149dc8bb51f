import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConsignes, loadRegistry, type LoadResult } from '../../core/index.ts';
import { buildReview, formatReview, FAIL_ON, REVIEW_FORMATS, type ReviewSideInput } from '../../core/review/index.ts';
import { parseSeverity } from '../../core/diff/index.ts';
import { oneOf, parseArgs, UsageError } from '../args.ts';
import { findRoot, usageError } from '../context.ts';
import { GitError, snapshotAtRef } from '../git.ts';
import type { Command } from '../types.ts';

const usage = `Usage : npx norme review --base <réf-git> [--format md|json] [--fail-on breaking|warning|info] [--root <dossier>]

Rapport d'impact de la copie de travail (y compris les modifications non committées) par rapport
à une référence Git, par exemple la branche visée par une pull request :
  - pour chaque version modifiée, les changements classés (cassant, à examiner, info, rédactionnel) ;
    une nouvelle version est comparée à sa version précédente ;
  - les entrées du journal de maintenance ajoutées, modifiées ou supprimées ;
  - les fiches consignes qui citent un élément modifié ou supprimé, avec les versions qu'elles visent ;
  - les diagnostics de validation (fichier:ligne:colonne) : toutes les erreurs, et les avertissements nouveaux ;
  - un verdict d'une ligne.

  --base <réf>       branche, étiquette ou commit de comparaison (ex. origin/main)
  --format md|json   Markdown (défaut, pour un résumé de CI ou un commentaire) ou JSON
  --fail-on <g>      code 1 aussi s'il y a un changement de gravité <g> ou plus

Exemples : npx norme review --base main
           npx norme review --base origin/main --fail-on breaking >> "$GITHUB_STEP_SUMMARY"
Codes de sortie : 0 rien de bloquant, 1 erreurs de validation ou seuil --fail-on atteint,
2 mauvaise utilisation (référence inconnue, dossier hors d'un dépôt Git).`;

function side(root: string, label: string, commit?: string): ReviewSideInput {
  const load: LoadResult = loadRegistry(root);
  const consignes = existsSync(path.join(root, 'consignes')) ? loadConsignes(root, load.registry) : undefined;
  return { label, ...(commit ? { commit } : {}), load, ...(consignes ? { consignes } : {}) };
}

export const command: Command = {
  name: 'review',
  summary: 'rapport d\'impact d\'une modification (pull request)',
  usage,
  async run(args, io) {
    let root: string;
    let base: string;
    let format: 'md' | 'json';
    let failOn: (typeof FAIL_ON)[number] | undefined;
    try {
      const a = parseArgs(args, { string: ['base', 'format', 'fail-on', 'root'] });
      if (a.positionals.length) throw new UsageError(`argument inattendu « ${a.positionals[0]} »`);
      if (typeof a.options.base !== 'string' || !a.options.base) throw new UsageError('indiquez la référence de comparaison avec --base, ex. --base origin/main');
      base = a.options.base;
      format = oneOf('format', a.options.format, REVIEW_FORMATS, 'md');
      if (a.options['fail-on'] !== undefined) {
        // An id or its French label (`cassant`), as for `norme diff`.
        const s = typeof a.options['fail-on'] === 'string' ? parseSeverity(a.options['fail-on']) : undefined;
        failOn = oneOf('fail-on', s ?? String(a.options['fail-on']), FAIL_ON, 'breaking');
      }
      root = findRoot(io, a.options.root);
    } catch (e) {
      if (e instanceof UsageError) return usageError(io, e.message, usage);
      throw e;
    }
    let snap;
    try {
      snap = snapshotAtRef(root, base, ['norm', 'consignes']);
    } catch (e) {
      if (e instanceof GitError) {
        io.stderr.write(`norme : ${e.message}.\n${e.hint ? `  → ${e.hint}\n` : ''}`);
        return 2;
      }
      throw e;
    }
    try {
      const baseSide = side(snap.dir, base, snap.commit);
      const headSide = side(root, 'copie de travail');
      const review = buildReview(baseSide, headSide, { failOn: failOn ?? null });
      io.stdout.write(formatReview(review, format));
      if (format !== 'json') io.stderr.write(review.verdict + '\n');
      return review.failed ? 1 : 0;
    } finally {
      snap.cleanup();
    }
  },
};
