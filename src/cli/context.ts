import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// Narrow imports (not core/index.ts): every command pays for what this file imports.
import { formatDiagnostic, hasErrors, type Diagnostic } from '../core/diagnostics/diagnostic.ts';
import { loadRegistry, type LoadOptions, type LoadResult } from '../core/registry.ts';
import { resolveVersionRef } from '../core/query.ts';
import type { Registry, ResolvedVersion } from '../core/model/types.ts';
import { oneOf, parseArgs, UsageError } from './args.ts';
import type { Io } from './types.ts';

/** Project root: the nearest folder above `cwd` that holds `norm/`, else the package root. */
export function findRoot(io: Io, explicit?: string | boolean): string {
  if (typeof explicit === 'string') return path.resolve(io.cwd, explicit);
  let dir = path.resolve(io.cwd);
  for (;;) {
    if (existsSync(path.join(dir, 'norm'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
}

export function loadFor(io: Io, root: string, opts: LoadOptions = {}): LoadResult {
  return loadRegistry(root, opts);
}

export function printDiagnostics(io: Io, ds: Diagnostic[], withHints = true): void {
  for (const d of ds) {
    io.stderr.write(formatDiagnostic(d) + '\n');
    if (withHints && d.hint) io.stderr.write(`  → ${d.hint}\n`);
  }
}

/** Print blocking diagnostics and tell whether the command can go on. */
export function requireClean(io: Io, res: LoadResult): boolean {
  if (!hasErrors(res.diagnostics)) return true;
  const errors = res.diagnostics.filter((d) => d.severity === 'error');
  printDiagnostics(io, errors);
  io.stderr.write(`norme : le registre contient ${errors.length} erreur(s) ; corrigez-les (npx norme validate).\n`);
  return false;
}

export function usageError(io: Io, message: string, usage: string): number {
  io.stderr.write(`norme : ${message}\n\n${usage.endsWith('\n') ? usage : usage + '\n'}`);
  return 2;
}

/**
 * The clean registry and the version `ref` names (`dsn/P26V01`), for the commands that work on one
 * version; else the exit code, once the reason is printed (registry errors: 1; unknown version: 2).
 */
export function loadVersion(io: Io, root: string, ref: string, usage: string): { registry: Registry; version: ResolvedVersion } | number {
  const res = loadFor(io, root);
  if (!requireClean(io, res)) return 1;
  const v = resolveVersionRef(res.registry, ref);
  if (!v.ok) return usageError(io, v.error + (v.hint ? `\n${v.hint}` : ''), usage);
  return { registry: res.registry, version: v.value };
}

/**
 * The front door of the commands that work on one version with a `--format` (export, unused,
 * usages): parses `--format` and `--root`, takes the version from the positionals (`pickRef` throws
 * a `UsageError` when they are wrong), then loads it as `loadVersion` does; else the exit code.
 */
export function versionCommand<F extends string>(
  io: Io,
  args: string[],
  usage: string,
  formats: readonly F[],
  dflt: F,
  pickRef: (positionals: string[]) => string,
): { format: F; root: string; registry: Registry; version: ResolvedVersion } | number {
  let format: F;
  let root: string;
  let ref: string;
  try {
    const a = parseArgs(args, { string: ['format', 'root'] });
    format = oneOf('format', a.options.format, formats, dflt);
    ref = pickRef(a.positionals);
    root = findRoot(io, a.options.root);
  } catch (e) {
    if (e instanceof UsageError) return usageError(io, e.message, usage);
    throw e;
  }
  const loaded = loadVersion(io, root, ref, usage);
  return typeof loaded === 'number' ? loaded : { format, root, ...loaded };
}

/** `pickRef` for a command whose only positional is the version. */
export const onlyVersion = (example: string) => (positionals: string[]): string => {
  if (positionals.length !== 1) throw new UsageError(`il faut une version, ${example}`);
  return positionals[0];
};
