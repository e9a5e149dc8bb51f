import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatDiagnostic, loadConsignes, loadRegistry } from '../../../src/core/index.ts';
import { FIXTURES } from '../../helpers/fixture.ts';

export interface FileEdit {
  /** File relative to the fixture root. */
  file: string;
  /** Exact text to replace (must occur); absent: `to` is the whole file. */
  from?: string;
  /** New text; `null` deletes the file. */
  to: string | null;
}

/** Copy tests/fixtures/consignes/<name> (a registry + consignes/) to a temp dir and apply edits. */
export function consignesFixture(name: string, edits: FileEdit[] = []): { root: string; cleanup: () => void } {
  const root = mkdtempSync(path.join(tmpdir(), `norme-consignes-${name}-`));
  cpSync(path.join(FIXTURES, 'consignes', name), root, { recursive: true });
  for (const e of edits) {
    const abs = path.join(root, e.file);
    if (e.to === null) {
      if (!existsSync(abs)) throw new Error(`fixture edit: ${e.file} absent`);
      rmSync(abs, { recursive: true });
      continue;
    }
    if (e.from === undefined) {
      mkdirSync(path.dirname(abs), { recursive: true });
      writeFileSync(abs, e.to);
      continue;
    }
    const text = readFileSync(abs, 'utf8');
    if (!text.includes(e.from)) throw new Error(`fixture edit: « ${e.from} » absent de ${e.file}`);
    writeFileSync(abs, text.replace(e.from, e.to));
  }
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
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
