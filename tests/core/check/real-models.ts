/** Check models of the real registry versions (loaded once per test file). */
import { loadRegistry } from '../../../src/core/index.ts';
import { buildCheckModel, compileCheckModel, type CheckModel, type CompiledModel } from '../../../src/core/check/index.ts';
import type { ResolvedVersion } from '../../../src/core/model/types.ts';
import { PROJECT_ROOT } from '../../helpers/fixture.ts';

const cache = new Map<string, { model: CheckModel; compiled: CompiledModel; version: ResolvedVersion }>();

export const REAL_DSN = ['dsn/P24V01', 'dsn/P25V01', 'dsn/P26V01', 'dsn/P27V01'];

export function realModel(key: string): { model: CheckModel; compiled: CompiledModel; version: ResolvedVersion } {
  let m = cache.get(key);
  if (!m) {
    const [fam, ver] = key.split('/');
    const res = loadRegistry(PROJECT_ROOT, { only: [key] });
    const f = res.registry.families.get(fam);
    const v = f?.versions.get(ver);
    if (!f || !v) throw new Error(`version ${key} absente du registre`);
    const model = buildCheckModel(v, f.meta);
    m = { model, compiled: compileCheckModel(model), version: v };
    cache.set(key, m);
  }
  return m;
}

/** Natures to sample: those of the usage table, else the default. */
export function naturesOf(model: CheckModel): (string | undefined)[] {
  return model.usages.published ? model.usages.natures.map((n) => n.code) : [undefined];
}
