import { applyJournals, formatDiagnostic, loadRawRegistry, loadRegistry, resolveRegistry, sortDiagnostics, validateRegistry } from '../../src/core/index.ts';
import { fixtureCopy, type Edit } from './fixture.ts';

/**
 * Load a copy of a registry fixture (`valid` by default) after `edits` and `setup(root)`, and
 * return its diagnostics as the canonical lines `norme validate` prints.
 */
export function registryLines(edits: Edit[] = [], opts: { fixture?: string; setup?: (root: string) => void } = {}): string[] {
  const f = fixtureCopy(opts.fixture ?? 'valid', edits);
  try {
    opts.setup?.(f.root);
    return loadRegistry(f.root).diagnostics.map(formatDiagnostic);
  } finally {
    f.cleanup();
  }
}

/**
 * Freeze a value and everything it holds, Maps and Sets included (their `set`, `add`, `delete`
 * and `clear` throw): whatever then writes to it fails.
 */
export function deepFreeze<T>(x: T, seen = new Set<unknown>()): T {
  if (x === null || typeof x !== 'object' || seen.has(x)) return x;
  seen.add(x);
  const refuse = () => {
    throw new TypeError('écriture dans une valeur figée');
  };
  if (x instanceof Map || x instanceof Set) {
    for (const e of x instanceof Map ? x : [...x].map((v) => [v, v])) for (const y of e) deepFreeze(y, seen);
    for (const m of ['set', 'add', 'delete', 'clear']) Object.defineProperty(x, m, { value: refuse });
  } else {
    for (const y of Object.values(x)) deepFreeze(y, seen);
  }
  return Object.freeze(x);
}

/**
 * The stages one by one on a copy of a fixture (load, resolve, journal), the resolved registry
 * frozen before the validate stage: its diagnostics as canonical lines (what `loadRegistry`
 * gives, if validate writes nothing).
 */
export function frozenStageLines(edits: Edit[] = [], opts: { fixture?: string } = {}): string[] {
  const f = fixtureCopy(opts.fixture ?? 'valid', edits);
  try {
    const raw = loadRawRegistry(f.root);
    const { registry, diagnostics } = resolveRegistry(raw);
    diagnostics.push(...applyJournals(registry, raw));
    const validated = validateRegistry(deepFreeze(registry), raw);
    return sortDiagnostics([...raw.diagnostics, ...diagnostics, ...validated]).map(formatDiagnostic);
  } finally {
    f.cleanup();
  }
}
