import { formatDiagnostic, loadConsignes, loadRegistry } from '../../../src/core/index.ts';
import { fixtureCopy, type Edit } from '../../helpers/fixture.ts';

export type FileEdit = Edit;

/** Copy tests/fixtures/consignes/<name> (a registry + consignes/) to a temp dir and apply edits. */
export function consignesFixture(name: string, edits: FileEdit[] = []): { root: string; cleanup: () => void } {
  return fixtureCopy(`consignes/${name}`, edits);
}

/** Load registry + consignes of an edited fixture. */
export function withFixture<T>(edits: FileEdit[], fn: (r: ReturnType<typeof loadConsignes>, root: string) => T): T {
  const f = consignesFixture('valid', edits);
  try {
    const reg = loadRegistry(f.root);
    if (reg.diagnostics.length) throw new Error('registre de la fixture invalide : ' + reg.diagnostics.map(formatDiagnostic).join('\n'));
    return fn(loadConsignes(f.root, reg.registry), f.root);
  } finally {
    f.cleanup();
  }
}

/** Canonical diagnostic lines of the consignes of an edited fixture. */
export function consigneLines(edits: FileEdit[]): string[] {
  return withFixture(edits, (r) => r.diagnostics.map(formatDiagnostic));
}
