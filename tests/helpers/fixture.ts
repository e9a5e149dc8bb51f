import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
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
  /** New text; `null` deletes the file. */
  to: string | null;
}

/**
 * Copy a fixture tree to a temp dir, apply edits, return its root and a cleanup.
 * `name` is a folder of tests/fixtures/registries/, or a path relative to tests/fixtures/ (`consignes/valid`).
 */
export function fixtureCopy(name: string, edits: Edit[] = []): { root: string; cleanup: () => void } {
  const src = name.includes('/') ? path.join(FIXTURES, name) : path.join(FIXTURES, 'registries', name);
  const root = mkdtempSync(path.join(tmpdir(), `norme-${name.replace(/\//g, '-')}-`));
  cpSync(src, root, { recursive: true });
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

/** Run `norme <args>` in memory (through the CLI's `main`), from `cwd`. */
export async function runNorme(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const { main } = await import('../../src/cli/main.ts');
  const m = memoryIo(cwd);
  const code = await main(args, m.io);
  return { code, out: m.out(), err: m.err() };
}
