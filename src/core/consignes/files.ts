/**
 * What the fiches loader reads from disk, and only that: ordinary files and folders under
 * `consignes/`. A pull request is untrusted input: a symbolic link (it could point outside the
 * repository: its target is never read nor shown), a folder where a file is expected (or the
 * reverse), a named pipe (reading it would block), an unreadable or oversized file become
 * diagnostics naming the path. Nothing here throws. Rule ids are those of the registry loader.
 */
import { lstatSync, readFileSync, type Stats } from 'node:fs';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { decodeUtf8, ioReason, kindOf, readFolder } from '../load/files.ts';

/** Largest fiche text read (bytes): ≈ 18 times the largest real fiche (3.5 Ko). Checked before reading. */
export const MAX_FICHE_BYTES = 64 * 1024;

export type Read = { text: string } | { diagnostic: Diagnostic } | { missing: true };

export const unreadable = (file: string, err: unknown, what = 'Fichier'): Diagnostic =>
  diag('error', 'file-unreadable', `${what} illisible \`${file}\` : ${ioReason(err)}`, { file }, 'vérifiez les droits d\'accès.');

export const symlinkRefused = (file: string): Diagnostic =>
  diag('error', 'symlink', `Lien symbolique \`${file}\` refusé : les fiches ne sont lues que dans des fichiers et dossiers ordinaires du dépôt`, { file },
    'remplacez le lien par le fichier ou le dossier lui-même.');

/** `consignes/<id>/fiche.mdx` or a revision: the text, a diagnostic, or nothing there. */
export function readFicheText(abs: string, file: string): Read {
  let st: Stats;
  try {
    st = lstatSync(abs);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return { missing: true };
    return { diagnostic: unreadable(file, err) };
  }
  const kind = kindOf(st);
  if (kind === 'symlink') return { diagnostic: symlinkRefused(file) };
  if (kind === 'directory') {
    return { diagnostic: diag('error', 'not-a-file', `\`${file}\` est un dossier : un fichier de texte MDX est attendu`, { file }, 'renommez ou supprimez ce dossier.') };
  }
  if (kind === 'other') {
    return { diagnostic: diag('error', 'not-a-file', `\`${file}\` n'est pas un fichier ordinaire : un fichier de texte MDX est attendu`, { file }, 'remplacez-le par un fichier.') };
  }
  if (st.size > MAX_FICHE_BYTES) {
    return {
      diagnostic: diag('error', 'fiche-too-large', `Fiche trop volumineuse (${Math.ceil(st.size / 1024).toLocaleString('fr-FR')} Ko) : une fiche fait au plus ${MAX_FICHE_BYTES / 1024} Ko`, { file },
        'une fiche répond à une seule question : découpez-la en plusieurs fiches liées par `<Fiche id="…"/>`.'),
    };
  }
  try {
    // Strict UTF-8, as for the registry's files (src/core/load/files.ts): an invalid byte is a
    // diagnostic at its line, never a silent U+FFFD.
    const r = decodeUtf8(file, readFileSync(abs));
    if ('diagnostic' in r) return r;
    const t = r.text;
    return { text: t.charCodeAt(0) === 0xfeff ? t.slice(1) : t };
  } catch (err) {
    return { diagnostic: unreadable(file, err) };
  }
}

export interface FolderListing {
  /** Entries that are ordinary folders (hidden ones skipped), sorted. */
  dirs: string[];
  /** Entries that are ordinary files, sorted. */
  files: string[];
  diagnostics: Diagnostic[];
}

/**
 * Entries of the folder `abs` (shown as `rel`). Missing: empty. Not a folder, a symbolic link, or
 * unreadable: a diagnostic. Symbolic links inside are reported, never followed.
 */
export function listFicheFolder(abs: string, rel: string): FolderListing {
  const read = readFolder(abs, rel, { symlink: symlinkRefused, unreadable: (file, err) => unreadable(file, err, 'Dossier') });
  const out: FolderListing = { dirs: [], files: [], diagnostics: read.diagnostics };
  for (const e of read.entries) {
    if (e.kind === 'symlink') out.diagnostics.push(symlinkRefused(`${rel}/${e.name}`));
    else if (e.kind === 'directory') out.dirs.push(e.name);
    else out.files.push(e.name);
  }
  return out;
}
