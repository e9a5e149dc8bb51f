/**
 * Diff fixtures: tests/fixtures/diff/_common holds a small registry (family `demo`, version V1);
 * tests/fixtures/diff/<rule>/{base,revision}/ hold files (relative to the version folder)
 * laid over it. Each side is loaded as a registry of its own.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatDiagnostic, loadRegistry, type ResolvedVersion } from '../../../src/core/index.ts';
import { FIXTURES } from '../../helpers/fixture.ts';

export const DIFF_FIXTURES = path.join(FIXTURES, 'diff');

export function diffFixtureNames(): string[] {
  return readdirSync(DIFF_FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
    .map((d) => d.name)
    .sort();
}

export interface LoadedSide {
  version: ResolvedVersion;
  diagnostics: string[];
}

/** Load `_common` + the overlay of one side of a fixture (`base` or `revision`). */
export function loadSide(name: string, side: 'base' | 'revision'): LoadedSide {
  const root = mkdtempSync(path.join(tmpdir(), `norme-diff-${name}-${side}-`));
  try {
    cpSync(path.join(DIFF_FIXTURES, '_common'), root, { recursive: true });
    const overlay = path.join(DIFF_FIXTURES, name, side);
    if (existsSync(overlay)) {
      cpSync(overlay, path.join(root, 'norm/demo/V1'), { recursive: true, filter: (src) => !src.endsWith('.gitkeep') });
    }
    const res = loadRegistry(root);
    return { version: res.registry.families.get('demo')!.versions.get('V1')!, diagnostics: res.diagnostics.map(formatDiagnostic) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Expected change lines of a fixture (`expected.txt`, one `[severity] rule id — message` per line). */
export function expectedLines(name: string): string[] {
  const f = path.join(DIFF_FIXTURES, name, 'expected.txt');
  return existsSync(f) ? readFileSync(f, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#')) : [];
}
