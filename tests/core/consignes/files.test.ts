/** A fiche the process may not read (EACCES: not reproducible with chmod when tests run as root). */
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it, vi } from 'vitest';

vi.mock('node:fs', async (orig) => {
  const fs = await orig<typeof import('node:fs')>();
  const readFileSync = ((p: unknown, ...rest: unknown[]) => {
    if (String(p).endsWith('illisible.mdx')) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    return (fs.readFileSync as (...a: unknown[]) => unknown)(p, ...rest);
  }) as typeof fs.readFileSync;
  return { ...fs, readFileSync, default: { ...fs, readFileSync } };
});

it('fichier illisible : un diagnostic en français nommant le chemin, sans message système', async () => {
  const { readFicheText } = await import('../../../src/core/consignes/files.ts');
  const { formatDiagnostic } = await import('../../../src/core/index.ts');
  const dir = mkdtempSync(path.join(tmpdir(), 'norme-illisible-'));
  try {
    writeFileSync(path.join(dir, 'illisible.mdx'), 'x');
    const r = readFicheText(path.join(dir, 'illisible.mdx'), 'consignes/3/illisible.mdx');
    expect('diagnostic' in r && formatDiagnostic(r.diagnostic)).toBe('consignes/3/illisible.mdx: erreur Fichier illisible `consignes/3/illisible.mdx` : accès refusé [file-unreadable]');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
