/**
 * Loading the registry, the stages in order: **load** (`load/registry.ts`: parse every file and
 * check it against its schema → raw files), **resolve** (`resolve/registry.ts`: raw files →
 * versions and families), **journal** (`journal/apply.ts`: each version with maintenance entries
 * amended on its raw files, resolved and validated again, its files' version kept in `base`),
 * **validate** (`validate/cross.ts`: diagnostics on the resolved data, which it does not change).
 * The stages import each other without a cycle (tests/boundaries/imports.test.ts): load imports
 * none of the others, resolve and validate only load; the journal uses all three
 * (it resolves and validates the versions it amends), and none of them imports it.
 */
import path from 'node:path';
import { sortDiagnostics, type Diagnostic } from './diagnostics/diagnostic.ts';
import type { Registry, ResolvedVersion } from './model/types.ts';
import { loadRawRegistry, type RawLoadOptions, type SourceSet } from './load/registry.ts';
import { resolveRegistry } from './resolve/registry.ts';
import { validateRegistry } from './validate/cross.ts';
import { applyJournals } from './journal/apply.ts';

export interface LoadOptions extends RawLoadOptions {
  /** Hook for later passes, run on each resolved version; its diagnostics join the others. */
  afterVersionLoad?: (v: ResolvedVersion, ctx: VersionLoadContext) => Diagnostic[];
}

export interface VersionLoadContext {
  sources: SourceSet;
  root: string;
  rel: (abs: string) => string;
}

export interface LoadResult {
  registry: Registry;
  diagnostics: Diagnostic[];
  sources: SourceSet;
}

/**
 * Load a registry from `root/norm`: read and check every file, resolve the versions, apply their
 * journals, then run the cross-file checks. Never throws on content problems.
 */
export function loadRegistry(root: string, opts: LoadOptions = {}): LoadResult {
  const raw = loadRawRegistry(root, opts);
  const { registry, diagnostics } = resolveRegistry(raw);
  diagnostics.push(...raw.diagnostics, ...applyJournals(registry, raw), ...validateRegistry(registry, raw));
  if (opts.afterVersionLoad) {
    const ctx: VersionLoadContext = { sources: raw.sources, root, rel: (abs) => path.relative(root, abs).split(path.sep).join('/') };
    for (const fam of registry.families.values()) for (const v of fam.versions.values()) diagnostics.push(...opts.afterVersionLoad(v, ctx));
  }
  return { registry, diagnostics: sortDiagnostics(diagnostics), sources: raw.sources };
}
