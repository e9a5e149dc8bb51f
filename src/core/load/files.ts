/**
 * What the loader reads from disk, and only that: ordinary files and folders inside the registry.
 * A contribution is untrusted input: a symbolic link (which could point outside the repository),
 * a folder where a file is expected (or the reverse), a named pipe (reading it would block), a
 * huge file or bytes that are not UTF-8 become diagnostics naming the path; nothing here throws.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readFileSync, readSync, type Dirent } from 'node:fs';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.ts';

/** Largest registry YAML file read (bytes). The largest real file (a block) is ≈ 145 KB. */
export const MAX_YAML_BYTES = 2 * 1024 * 1024;

export type EntryKind = 'missing' | 'file' | 'directory' | 'symlink' | 'other';

/** What is at `abs`, without following a symbolic link. */
export function entryKind(abs: string): EntryKind {
  try {
    return kindOf(lstatSync(abs));
  } catch {
    return 'missing';
  }
}

/** Kind of a `Dirent` or of `lstat` results. */
export function kindOf(d: { isSymbolicLink(): boolean; isFile(): boolean; isDirectory(): boolean }): EntryKind {
  return d.isSymbolicLink() ? 'symlink' : d.isFile() ? 'file' : d.isDirectory() ? 'directory' : 'other';
}

export const symlinkDiagnostic = (file: string): Diagnostic =>
  diag('error', 'symlink', 'Lien symbolique refusé : le registre ne lit que des fichiers et dossiers ordinaires', { file }, 'remplacez le lien par le fichier ou le dossier lui-même.');

/** The diagnostic for something at `file` that is not the file expected there (undefined when it is one). */
export function notAFile(kind: EntryKind, file: string): Diagnostic | undefined {
  if (kind === 'symlink') return symlinkDiagnostic(file);
  if (kind === 'directory') return diag('error', 'not-a-file', `\`${file}\` est un dossier : un fichier YAML est attendu`, { file }, 'renommez ou supprimez ce dossier.');
  if (kind === 'other') return diag('error', 'not-a-file', `\`${file}\` n'est pas un fichier ordinaire : un fichier YAML est attendu`, { file }, 'remplacez-le par un fichier YAML.');
  return undefined;
}

/** Folder contents, or why the folder cannot be listed. */
export interface Listing {
  /** `.yaml` / `.yml` ordinary files, sorted. */
  files: string[];
  /** Sub-folders (not hidden), sorted. */
  dirs: string[];
  diagnostics: Diagnostic[];
}

/**
 * The entries of the folder `abs` (shown as `rel`), not hidden, sorted by name, with their kind (a
 * symbolic link is never followed). A missing folder has none; a path that is a symbolic link, not
 * a folder, or unreadable has none and a diagnostic (`opts.symlink` words the link's refusal, for
 * the registry or the fiches). Shared by the registry loader and the fiches loader.
 */
export function readFolder(
  abs: string,
  rel: string,
  opts: { symlink: (file: string) => Diagnostic; unreadable?: (file: string, err: unknown) => Diagnostic },
): { entries: Array<{ name: string; kind: EntryKind }>; diagnostics: Diagnostic[] } {
  const none = (d?: Diagnostic) => ({ entries: [], diagnostics: d ? [d] : [] });
  const kind = entryKind(abs);
  if (kind === 'missing') return none();
  if (kind === 'symlink') return none(opts.symlink(rel));
  if (kind !== 'directory') {
    return none(diag('error', 'not-a-directory', `\`${rel}\` est un fichier : un dossier est attendu`, { file: rel }, 'supprimez ou renommez ce fichier ; ce chemin est réservé à un dossier.'));
  }
  let entries: Dirent[];
  try {
    entries = readdirSync(abs, { withFileTypes: true });
  } catch (err) {
    return none(opts.unreadable ? opts.unreadable(rel, err) : diag('error', 'file-unreadable', `Dossier illisible : ${ioReason(err)}`, { file: rel }, 'vérifiez les droits du dossier.'));
  }
  return {
    entries: entries
      .filter((e) => !e.name.startsWith('.'))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((e) => ({ name: e.name, kind: kindOf(e) })),
    diagnostics: [],
  };
}

/**
 * List the folder `abs` (shown as `rel`). A missing folder is empty; a path that is not a folder,
 * a symbolic link, a YAML name in the wrong case or a YAML name that is not an ordinary file is a
 * diagnostic. With `yaml: false`, only sub-folders are wanted (files are ignored, links are not).
 * Hidden entries (`.name`) are skipped.
 */
export function listFolder(abs: string, rel: string, opts: { yaml: boolean } = { yaml: true }): Listing {
  const out: Listing = { files: [], dirs: [], diagnostics: [] };
  const read = readFolder(abs, rel, { symlink: symlinkDiagnostic });
  out.diagnostics.push(...read.diagnostics);
  for (const { name, kind: k } of read.entries) {
    const file = `${rel}/${name}`;
    const isYamlName = /\.ya?ml$/.test(name);
    if (k === 'symlink') {
      out.diagnostics.push(symlinkDiagnostic(file));
      continue;
    }
    if (k === 'directory' && !isYamlName) {
      out.dirs.push(name);
      continue;
    }
    if (!opts.yaml) continue;
    if (!isYamlName) {
      const ext = /\.(ya?ml)$/i.exec(name);
      if (ext) {
        out.diagnostics.push(diag('error', 'file-extension', `Extension \`${ext[0]}\` non lue : les fichiers du registre se terminent par \`.yaml\` (en minuscules)`, { file }, `renommez le fichier en \`${name.slice(0, -ext[0].length)}.yaml\`.`));
      }
      continue;
    }
    const bad = notAFile(k, file);
    if (bad) out.diagnostics.push(bad);
    else out.files.push(name);
  }
  return out;
}

/** French reason for a failed read (no English system message, no raw code). */
export function ioReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'accès refusé';
    case 'ENOENT':
      return 'le fichier a disparu pendant la lecture';
    case 'EISDIR':
      return 'c\'est un dossier';
    case 'ELOOP':
      return 'lien symbolique en boucle';
    case 'EMFILE':
    case 'ENFILE':
      return 'trop de fichiers ouverts';
    default:
      return 'erreur du système de fichiers';
  }
}

/** Offset of the first byte that does not start a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    if (n === 0) return i;
    // Second byte ranges exclude overlong forms, surrogates and code points above U+10FFFF.
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    if (i + 1 >= b.length || b[i + 1] < lo || b[i + 1] > hi) return i;
    for (let k = 2; k <= n; k++) if (i + k >= b.length || (b[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return -1;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decode UTF-8 strictly: the text, or a diagnostic at the line and column of the first bad byte. */
export function decodeUtf8(file: string, bytes: Uint8Array): { text: string } | { diagnostic: Diagnostic } {
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    const at = firstInvalidUtf8(bytes);
    let lineStart = 0;
    let line = 1;
    for (let i = 0; i < at; i++) {
      if (bytes[i] === 0x0a) {
        line++;
        lineStart = i + 1;
      }
    }
    const column = utf8.decode(bytes.subarray(lineStart, at)).length + 1;
    const hex = bytes[at].toString(16).toUpperCase().padStart(2, '0');
    return {
      diagnostic: diag('error', 'invalid-utf8', `Octet 0x${hex} invalide en UTF-8 : enregistrez le fichier en UTF-8`, { file, line, column },
        'le fichier est sans doute en Latin-1 ou Windows-1252 : ré-enregistrez-le en UTF-8 (sans remplacer les caractères accentués).'),
    };
  }
}

/**
 * Read a registry text file: an ordinary file (not a link), at most `MAX_YAML_BYTES`, valid UTF-8
 * (a leading byte-order mark is dropped). Returns its text or one diagnostic.
 */
export function readRegistryText(abs: string, file: string): { text: string } | { diagnostic: Diagnostic } {
  // One open that refuses a link (O_NOFOLLOW) and never waits on a pipe (O_NONBLOCK), then the
  // type and size of what was opened: nothing can be swapped between the check and the read.
  let fd: number;
  try {
    fd = openSync(abs, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'EMLINK') return { diagnostic: symlinkDiagnostic(file) };
    if (code === 'EISDIR') return { diagnostic: notAFile('directory', file)! };
    return { diagnostic: diag('error', 'file-unreadable', `Fichier illisible : ${ioReason(err)}`, { file }, 'vérifiez les droits du fichier.') };
  }
  try {
    const s = fstatSync(fd);
    const bad = notAFile(kindOf(s), file);
    if (bad) return { diagnostic: bad };
    if (s.size > MAX_YAML_BYTES) {
      const mb = (s.size / (1024 * 1024)).toFixed(1).replace('.', ',');
      return { diagnostic: diag('error', 'file-too-large', `Fichier trop volumineux (${mb} Mo) : un fichier du registre fait au plus ${MAX_YAML_BYTES / (1024 * 1024)} Mo`, { file }, 'découpez le contenu ou retirez ce qui n\'appartient pas au registre.') };
    }
    // Node's own UTF-8 read is the fast path; it turns an invalid byte into U+FFFD, so a text that
    // holds one is read again as bytes and decoded strictly (which also accepts a real U+FFFD).
    let text = readFileSync(fd, 'utf8');
    if (text.includes('\uFFFD')) {
      const bytes = Buffer.alloc(s.size);
      readSync(fd, bytes, 0, s.size, 0);
      const r = decodeUtf8(file, bytes);
      if ('diagnostic' in r) return r;
      text = r.text;
    }
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (err) {
    return { diagnostic: diag('error', 'file-unreadable', `Fichier illisible : ${ioReason(err)}`, { file }, 'vérifiez les droits du fichier.') };
  } finally {
    closeSync(fd);
  }
}
