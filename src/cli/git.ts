/**
 * Git plumbing for the CLI: resolve a ref and materialise some folders of it in a temp dir
 * (`git archive <ref>:<prefix><folder> | tar -x`), without touching the working tree or the
 * repository's worktree list.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export class GitError extends Error {
  hint?: string;
  constructor(message: string, hint?: string) {
    super(message);
    this.hint = hint;
  }
}

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 }).trim();
}

/** The commit a ref points to; throws GitError when `root` is not in a repository or the ref is unknown. */
export function resolveCommit(root: string, ref: string): string {
  gitTop(root);
  try {
    return git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  } catch {
    throw new GitError(
      `référence Git inconnue « ${ref} »`,
      'vérifiez le nom de la branche (git branch -a) ; dans une CI, récupérez l\'historique (actions/checkout avec fetch-depth: 0) ou `git fetch origin main`.',
    );
  }
}

/** Top folder of the repository holding `root`. */
export function gitTop(root: string): string {
  try {
    return git(root, ['rev-parse', '--show-toplevel']);
  } catch {
    throw new GitError(`${root} n'est pas dans un dépôt Git`, 'lancez la commande depuis un clone du dépôt (git clone …).');
  }
}

export interface Snapshot {
  /** Temp folder holding the requested folders, as at the ref (same relative paths as under root). */
  dir: string;
  commit: string;
  cleanup: () => void;
}

/**
 * Extract `folders` (relative to `root`, e.g. `norm`, `consignes`) as they are at `ref` into a
 * temp dir. A folder absent at the ref is simply absent from the snapshot.
 */
export function snapshotAtRef(root: string, ref: string, folders: string[]): Snapshot {
  const commit = resolveCommit(root, ref);
  const prefix = git(root, ['rev-parse', '--show-prefix']);
  // git archive of a `<commit>:<path>` tree refuses to run from an untracked subfolder: run it from the top.
  const top = gitTop(root);
  const dir = mkdtempSync(path.join(tmpdir(), 'norme-review-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    for (const folder of folders) {
      const treeish = `${commit}:${prefix}${folder}`;
      try {
        git(top, ['cat-file', '-e', treeish]);
      } catch {
        continue; // not at that ref
      }
      const tar = execFileSync('git', ['archive', '--format=tar', treeish], { cwd: top, maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
      const target = path.join(dir, folder);
      mkdirSync(target, { recursive: true });
      execFileSync('tar', ['-x', '-C', target], { input: tar, stdio: ['pipe', 'ignore', 'pipe'] });
    }
  } catch (e) {
    cleanup();
    throw e;
  }
  return { dir, commit, cleanup };
}
