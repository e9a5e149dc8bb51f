/**
 * Entry points for programs that use norme as a library (payroll software, CI scripts, the MCP
 * server): the registry shipped in the package, and `checkDsn`, the same check as
 * `npx norme check [--next]` on a text already in memory. The rest of the core (diffVersions,
 * diffDocument, findElement, applicableVersion…) is exported as is from `norme`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCheckModel } from './check/model.ts';
import { checkText, type CheckOptions, type CheckReport } from './check/checker.ts';
import { compareWithNext, nextVersionOf, startOf, type NextReport } from './check/next.ts';
import { resolveDeclaredVersion, type VersionRemedy } from './check/version.ts';
import { loadRegistry, type LoadOptions, type LoadResult } from './registry.ts';
import type { Registry, ResolvedVersion } from './model/types.ts';
import { resolveVersionRef } from './query.ts';

/** Folder holding `norm/` and `consignes/` of this package (the repository root in a checkout). */
export const registryRoot: string = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The registry shipped with the package (`loadRegistry(registryRoot, opts)`). */
export function loadBundledRegistry(opts: LoadOptions = {}): LoadResult {
  return loadRegistry(registryRoot, opts);
}

export interface CheckDsnOptions extends CheckOptions {
  /** `dsn/P26V01` or `P26V01`; default: the version declared in the text (S10.G00.00.006). */
  version?: string;
  /** Also check against the next version of the family (as `norme check --next`). */
  next?: boolean;
}

export type CheckDsnResult =
  | { ok: true; version: ResolvedVersion; report: CheckReport; next?: NextReport; nextMissing?: string }
  | { ok: false; message: string };

/** What the library tells to do when the text declares no usable version (as `norme check`, with the option's name). */
const VERSION_REMEDY: VersionRemedy = { none: ' ; précisez la version.', ambiguous: ' ; précisez la version.', unknown: ' ; précisez la version.' };

/** The version a flat file declares, among the registry's families. */
function declaredVersion(registry: Registry, text: string): ResolvedVersion | string {
  const candidates = [...registry.families.values()].flatMap((f) => [...f.versions.values()].map((v) => ({ key: v.key, version: v.id, declaredIn: f.meta.versionDeclaredIn, v })));
  const r = resolveDeclaredVersion(candidates, text.slice(0, 64 * 1024), VERSION_REMEDY);
  return r.ok ? r.entry.v : r.message;
}

/**
 * Check a flat DSN/PASRAU text against a version of `registry` (and, with `next`, against the
 * next version of its family). Values of personal data are masked in the report.
 */
export function checkDsn(registry: Registry, text: string, opts: CheckDsnOptions = {}): CheckDsnResult {
  let v: ResolvedVersion;
  if (opts.version) {
    const r = resolveVersionRef(registry, opts.version);
    if (!r.ok) return { ok: false, message: r.error };
    v = r.value;
  } else {
    const d = declaredVersion(registry, text);
    if (typeof d === 'string') return { ok: false, message: d };
    v = d;
  }
  const fam = registry.families.get(v.family)!;
  const model = buildCheckModel(v, fam.meta);
  const report = checkText(model, text, opts);
  if (!opts.next) return { ok: true, version: v, report };
  const versions = [...fam.versions.values()];
  const nv = nextVersionOf(versions.map((x) => x.meta), v.id);
  if (!nv) return { ok: true, version: v, report, nextMissing: `aucune version de ${v.family} après ${v.id} dans le registre.` };
  const next = fam.versions.get(nv.id)!;
  const nextModel = buildCheckModel(next, fam.meta);
  return {
    ok: true,
    version: v,
    report,
    next: compareWithNext(report, model, checkText(nextModel, text, opts), { model: nextModel, ...startOf(next.meta) }),
  };
}
