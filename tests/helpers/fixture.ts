import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = path.join(PROJECT_ROOT, 'tests/fixtures');

export interface Edit {
  /** File relative to the fixture root. */
  file: string;
  /** Exact text to replace (must occur), or undefined to write `to` as the whole file. */
  from?: string;
  to: string;
}

/** Copy a fixture registry to a temp dir, apply edits, return its root and a cleanup. */
export function fixtureCopy(name: string, edits: Edit[] = []): { root: string; cleanup: () => void } {
  const root = mkdtempSync(path.join(tmpdir(), `norme-${name}-`));
  cpSync(path.join(FIXTURES, 'registries', name), root, { recursive: true });
  for (const e of edits) {
    const abs = path.join(root, e.file);
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

/** In-memory Io for CLI tests. */
export function memoryIo(cwd: string) {
  let out = '';
  let err = '';
  return {
    io: {
      stdout: { write: (s: string) => ((out += s), true) },
      stderr: { write: (s: string) => ((err += s), true) },
      cwd,
      env: {},
    },
    out: () => out,
    err: () => err,
  };
}
