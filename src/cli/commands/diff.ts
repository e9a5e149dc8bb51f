import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  changeSeverityLabel,
  diffDocument,
  diffVersions,
  ELEMENTS,
  filterDiff,
  formatDiff,
  parseSeverity,
  parseSeverityOverrides,
  RULES_BY_ID,
  SEVERITIES,
  severityNames,
  severityRank,
  type ChangeElement,
  type DiffResult,
  type Severity,
  type SeverityOverrides,
} from '../../core/diff/index.ts';
import { attributeJournal, resolveStateRef } from '../../core/journal/index.ts';
import { closest } from '../../core/diagnostics/diagnostic.ts';
import type { LoadResult } from '../../core/registry.ts';
import type { Registry, ResolvedVersion } from '../../core/model/types.ts';
import { diffAnnotations } from '../../core/github.ts';
import { oneOf, parseArgs, UsageError } from '../args.ts';
import { GitError, snapshotAtRef } from '../git.ts';
import { findRoot, requireClean, usageError } from '../context.ts';
import type { Command } from '../types.ts';
import { cacheDir, loadVersions } from '../version-cache.ts';

export { cacheDir, loadVersions };

const usage = `Usage : npx norme diff <de> <à> [options]
        npx norme diff --base <réf-git> [<version> [<version>]] [options]

Compare deux versions, ou deux éditions d'une version, et classe chaque changement :
  cassant       une déclaration valide devient invalide, ou le logiciel doit changer
  à examiner    l'éditeur doit regarder (nouveau code, nouveau contrôle, libellé de code…)
  info          ajout ou assouplissement
  rédactionnel  formulation seulement

Opérandes : dsn/P26V01 (dernière édition), dsn/P26V01@2026.1.1 (une édition), P26V01.
Avec --base <réf-git> : le registre à cette référence (ex. origin/main) contre l'arbre de
travail ; sans version, toutes les versions présentes des deux côtés.

Options :
  --format text|md|json|csv|github
                                 sortie (défaut text ; md = note différentielle, csv pour Excel,
                                 github = annotations d'un job GitHub Actions)
  --fail-on breaking|warning|info|editorial
                                 code de sortie 1 si un changement a au moins cette gravité
                                 (noms français acceptés : cassant, à examiner, info, rédactionnel)
  --element <liste>              ${ELEMENTS.join(', ')}
  --severity <liste>             ${SEVERITIES.join(', ')}
  --block <liste>                blocs (ex. S21.G00.40) ; garde aussi les types qu'ils utilisent
  --rule <liste>                 règles du catalogue (ex. code-value-removed)
  --severity-override <r=g,…>    change la gravité d'une règle (ex. code-value-relabelled=editorial)
  --no-cache                     relit tous les fichiers YAML (sinon : instantanés des versions
                                 déjà chargées sans erreur, invalidés au moindre changement)
  --root <dossier>               racine du projet

Exemples : npx norme diff dsn/P26V01 dsn/P27V01 --format md > note-P27.md
           npx norme diff dsn/P26V01@2026.1.0.5 dsn/P26V01 --fail-on breaking
           npx norme diff --base origin/main --format md`;

const list = (v: string | boolean | undefined) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : []);

/** Extract `norm/` of a git ref into a temp dir (an empty registry if the ref has none). */
export function registryAtRef(root: string, ref: string, normDir = 'norm'): { dir: string; cleanup: () => void } {
  try {
    const snap = snapshotAtRef(root, ref, [normDir]);
    mkdirSync(path.join(snap.dir, normDir), { recursive: true });
    return snap;
  } catch (e) {
    if (e instanceof GitError) throw new UsageError(e.message + (e.hint ? `\n${e.hint}` : ''));
    throw e;
  }
}

function onlyFor(refs: string[]): string[] | undefined {
  if (!refs.length || refs.some((r) => !r.includes('/'))) return undefined;
  return [...new Set(refs.map((r) => r.split('@')[0]))];
}

function state(reg: Registry, ref: string): ResolvedVersion {
  const r = resolveStateRef(reg, ref);
  if (!r.ok) throw new UsageError(r.error + (r.hint ? `\n${r.hint}` : ''));
  return r.value;
}

/** A note différentielle compares two states of one family: DSN against PASRAU is refused. */
function sameFamily(a: ResolvedVersion, b: ResolvedVersion): void {
  if (a.family !== b.family) throw new UsageError(`${a.key} et ${b.key} sont de deux familles différentes (${a.family}, ${b.family}) : comparez deux versions d'une même famille`);
}

/** `--fail-on` / `--severity`: an id or a French label (`cassant`, `à examiner`…). */
function severityArg(option: string, value: string | boolean): Severity {
  const s = typeof value === 'string' ? parseSeverity(value) : undefined;
  if (!s) throw new UsageError(`--${option} : gravité inconnue « ${String(value)} » (attendu : ${severityNames()})`);
  return s;
}

function compare(a: ResolvedVersion, b: ResolvedVersion, latestOfSame: ResolvedVersion | undefined, overrides: SeverityOverrides, labels: { from?: string; to?: string }): DiffResult {
  const r = diffVersions(a, b, { overrides, fromLabel: labels.from, toLabel: labels.to });
  return latestOfSame ? attributeJournal(r, latestOfSame) : r;
}

export const command: Command = {
  name: 'diff',
  summary: 'comparer deux versions ou éditions (note différentielle)',
  usage,
  async run(args, io) {
    let format: 'text' | 'md' | 'json' | 'csv' | 'github';
    let root: string;
    let failOn: Severity | undefined;
    let base: string | undefined;
    let refs: string[];
    let overrides: SeverityOverrides = {};
    let useCache = true;
    const filter: { elements: ChangeElement[]; severities: Severity[]; blocks: string[]; rules: string[] } = { elements: [], severities: [], blocks: [], rules: [] };
    try {
      const a = parseArgs(args, { string: ['format', 'fail-on', 'element', 'severity', 'block', 'rule', 'severity-override', 'base', 'root'], boolean: ['no-cache'] });
      useCache = a.options['no-cache'] !== true && io.env.NORME_CACHE !== '0';
      format = oneOf('format', a.options.format, ['text', 'md', 'json', 'csv', 'github'] as const, 'text');
      failOn = a.options['fail-on'] === undefined ? undefined : severityArg('fail-on', a.options['fail-on']);
      for (const e of list(a.options.element)) {
        if (!ELEMENTS.includes(e as ChangeElement)) throw new UsageError(`--element : « ${e} » inconnu (attendu : ${ELEMENTS.join(', ')})`);
        filter.elements.push(e as ChangeElement);
      }
      for (const s of list(a.options.severity)) filter.severities.push(severityArg('severity', s));
      filter.blocks = list(a.options.block);
      for (const r of list(a.options.rule)) {
        if (!RULES_BY_ID.has(r)) {
          const near = closest(r, RULES_BY_ID.keys());
          throw new UsageError(`--rule : règle inconnue « ${r} »${near ? ` ; vouliez-vous dire « ${near} » ?` : ''}`);
        }
        filter.rules.push(r);
      }
      if (typeof a.options['severity-override'] === 'string') {
        try {
          overrides = parseSeverityOverrides(a.options['severity-override']);
        } catch (e) {
          throw new UsageError(`--severity-override : ${(e as Error).message}`);
        }
      }
      base = typeof a.options.base === 'string' ? a.options.base : undefined;
      refs = a.positionals;
      if (base === undefined && refs.length !== 2) throw new UsageError('il faut deux opérandes, ex. dsn/P26V01 dsn/P27V01');
      if (base !== undefined && refs.length > 2) throw new UsageError('avec --base : au plus deux versions');
      root = findRoot(io, a.options.root);
    } catch (e) {
      if (e instanceof UsageError) return usageError(io, e.message, usage);
      throw e;
    }

    const results: DiffResult[] = [];
    const blocksSeen = new Set<string>();
    const knownBlocks = (...vs: ResolvedVersion[]) => {
      for (const v of vs) for (const id of v.blocks.keys()) blocksSeen.add(id);
    };
    const remarks: string[] = [];
    let cleanup: (() => void) | undefined;
    try {
      const only = onlyFor(refs);
      const headRegistry = loadVersions(io, root, only, useCache && base === undefined);
      if (!headRegistry) return 1;
      const head = { registry: headRegistry };
      if (base === undefined) {
        const from = state(head.registry, refs[0]);
        const to = state(head.registry, refs[1]);
        sameFamily(from, to);
        knownBlocks(from, to);
        const same = from.key === to.key ? head.registry.families.get(to.family)!.versions.get(to.id) : undefined;
        results.push(compare(from, to, same, overrides, {}));
      } else {
        const at = registryAtRef(root, base);
        cleanup = at.cleanup;
        const { loadRegistry } = await import('../../core/registry.ts');
        const old: LoadResult = loadRegistry(at.dir, only ? { only } : {});
        if (!requireClean(io, old)) {
          io.stderr.write(`norme : (erreurs du registre à la référence ${base})\n`);
          return 1;
        }
        const label = { from: `${base}:`, to: 'arbre de travail :' };
        if (refs.length) {
          const from = state(old.registry, refs[0]);
          const to = state(head.registry, refs[1] ?? refs[0]);
          sameFamily(from, to);
          knownBlocks(from, to);
          results.push(compare(from, to, undefined, overrides, label));
        } else {
          const keys = (reg: Registry) => [...reg.families.values()].flatMap((f) => [...f.versions.values()].map((v) => v.key));
          const oldKeys = new Set(keys(old.registry));
          const newKeys = keys(head.registry);
          for (const k of newKeys) {
            if (!oldKeys.has(k)) {
              remarks.push(`Nouvelle version ${k} (comparez-la à sa précédente : npx norme diff <précédente> ${k}).`);
              continue;
            }
            const [a, b] = [state(old.registry, k), state(head.registry, k)];
            knownBlocks(a, b);
            const r = compare(a, b, undefined, overrides, label);
            if (r.changes.length) results.push(r);
          }
          for (const k of oldKeys) if (!newKeys.includes(k)) remarks.push(`Version ${k} supprimée de l'arbre de travail.`);
          if (!results.length && !remarks.length) remarks.push(`Aucun changement du registre depuis ${base}.`);
        }
      }
    } catch (e) {
      if (e instanceof UsageError) return usageError(io, e.message, usage);
      throw e;
    } finally {
      cleanup?.();
    }

    const unknown = filter.blocks.filter((b) => !blocksSeen.has(b));
    if (unknown.length && blocksSeen.size) {
      const near = closest(unknown[0], blocksSeen);
      return usageError(io, `--block : bloc inconnu « ${unknown.join(', ')} » dans les versions comparées${near ? ` ; vouliez-vous dire « ${near} » ?` : ''}`, usage);
    }
    const filtered = results.map((r) => filterDiff(r, filter));
    const multi = base !== undefined && !refs.length;
    if (format === 'github') {
      io.stdout.write(diffAnnotations(filtered));
    } else if (format === 'json') {
      const docs = filtered.map((r) => diffDocument(r));
      io.stdout.write(JSON.stringify(multi ? docs : docs[0], null, 2) + '\n');
    } else if (format === 'csv' && multi) {
      // One table for all versions: the header once.
      const parts = filtered.map((r, i) => {
        const csv = formatDiff(r, 'csv');
        return i === 0 ? csv : csv.replace(/^\ufeff[^\n]*\n/, '');
      });
      io.stdout.write(parts.join('') || formatDiff([], 'csv'));
    } else {
      io.stdout.write(filtered.map((r) => formatDiff(r, format)).join(format === 'md' ? '\n---\n\n' : '\n'));
    }
    if (remarks.length) {
      if (format === 'text') io.stdout.write(remarks.join('\n') + '\n');
      else if (format === 'md') io.stdout.write('\n' + remarks.map((r) => `- ${r}`).join('\n') + '\n');
      else for (const r of remarks) io.stderr.write(`norme : ${r}\n`);
    }
    if (failOn) {
      const n = filtered.reduce((acc, r) => acc + r.changes.filter((c) => severityRank(c.severity) >= severityRank(failOn!)).length, 0);
      if (n > 0) {
        io.stderr.write(`norme : ${n} changement(s) de gravité « ${changeSeverityLabel(failOn)} » ou plus (--fail-on ${failOn}).\n`);
        return 1;
      }
    }
    return 0;
  },
};

