/** Test helpers for `norme review` / `norme version`: temp projects and temp Git repositories. */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConsignes, loadRegistry } from '../../../src/core/index.ts';
import type { ReviewSideInput } from '../../../src/core/review/index.ts';
import { main } from '../../../src/cli/main.ts';
import { FIXTURES, memoryIo } from '../../helpers/fixture.ts';

/** norm/ (demo V1, published 2026-01 → 2026-12) + consignes/ (fiches 101, 102, 103). */
export const PROJECT = path.join(FIXTURES, 'review/project');

export const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Test norme',
  GIT_AUTHOR_EMAIL: 'test@norme.invalid',
  GIT_COMMITTER_NAME: 'Test norme',
  GIT_COMMITTER_EMAIL: 'test@norme.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

export interface TempProject {
  root: string;
  read(file: string): string;
  write(file: string, text: string): void;
  /** Replace exactly one occurrence of `from` in `file`. */
  edit(file: string, from: string, to: string): void;
  remove(file: string): void;
  git(...args: string[]): string;
  cleanup(): void;
}

/** Copy the review fixture project to a temp dir (optionally a Git repo with one commit on `main`). */
export function tempProject(opts: { git?: boolean } = {}): TempProject {
  const root = mkdtempSync(path.join(tmpdir(), 'norme-review-test-'));
  cpSync(PROJECT, root, { recursive: true });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, ...GIT_ENV }, stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  const p: TempProject = {
    root,
    read: (f) => readFileSync(path.join(root, f), 'utf8'),
    write: (f, t) => {
      mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
      writeFileSync(path.join(root, f), t);
    },
    edit: (f, from, to) => {
      const t = p.read(f);
      const n = t.split(from).length - 1;
      if (n !== 1) throw new Error(`edit: « ${from} » trouvé ${n} fois dans ${f}`);
      p.write(f, t.replace(from, to));
    },
    remove: (f) => rmSync(path.join(root, f), { recursive: true, force: true }),
    git,
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
  if (opts.git) {
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'Registre de départ');
  }
  return p;
}

/** Load a project folder as one side of a review. */
export function side(root: string, label: string): ReviewSideInput {
  const load = loadRegistry(root);
  return { label, load, consignes: loadConsignes(root, load.registry) };
}

/** Run the CLI in `cwd` with an in-memory Io. */
export async function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  const m = memoryIo(cwd);
  m.io.env = { ...env };
  const code = await main(args, m.io);
  return { code, out: m.out(), err: m.err() };
}

/** The rubrique S21.G00.40.007 (with its control) as written in the fixture's block file. */
export const RUBRIQUE_007 = `  - id: S21.G00.40.007
    name: Nature du contrat
    technicalName: Contrat.Nature
    datatype: DSN_NatureContrat
    usage:
      "01": O
    controls:
      - id: S21.G00.40.007/CCH-11
        family: CCH
        rule: Règle de test.
        message: Ceci n'est pas admis.
`;
