import { formatDiagnostic, loadRegistry } from '../../src/core/index.ts';
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
