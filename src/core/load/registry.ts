/**
 * Stage 1 of loading the registry, **load**: walk `norm/`, parse every YAML file and validate it
 * against its schema. What it gives is raw: the files' values as written, in file order, with their
 * positions (`sources`) — no version is built here (that is `src/core/resolve/`), nothing is
 * cross-checked (that is `src/core/validate/`). The checks of this stage are the ones one file
 * (or one folder) can answer alone: readable, well-formed, conforming, named after its id.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { Block, Datatype, Family, JournalEntry, Version } from '../model/types.ts';
import { datatypeFileName } from '../model/file-names.ts';
import { at, locate, parseYaml, type ParsedYaml } from './yaml-file.ts';
import { entryKind, listFolder, notAFile, readRegistryText } from './files.ts';
import { validateAgainst, type SchemaName } from './schemas.ts';

/** Everything parsed from disk, kept so later passes can point at positions. */
export interface SourceSet {
  files: Map<string, ParsedYaml>;
}

/** What to load: `norm/` or another folder, all of it or some families / versions. */
export interface RawLoadOptions {
  /** Registry folder relative to root (default `norm`). */
  normDir?: string;
  /** Only load these families / versions (`dsn`, `dsn/P26V01`). */
  only?: string[];
}

/** Ids of elements whose file failed to parse or validate: references to them do not cascade. */
export interface BrokenIds {
  has(id: string): boolean;
}

/** One element file as read: its value (schema-valid) and its parse, in file order. */
export interface RawFile<T> {
  value: T;
  parsed: ParsedYaml;
}

/** A version folder as read from disk. */
export interface RawVersion {
  family: string;
  id: string;
  /** `dsn/P26V01` */
  key: string;
  /** Directory relative to the project root, e.g. `norm/dsn/P26V01`. */
  dir: string;
  /** `version.yaml`, when it parsed and conformed to its schema. */
  meta?: Version;
  blocks: RawFile<Block>[];
  datatypes: RawFile<Datatype>[];
  journal: RawFile<JournalEntry>[];
  /** Broken files met up to this version's blocks and datatypes. */
  broken: BrokenIds;
}

/** A family folder as read from disk (only families whose `family.yaml` is valid). */
export interface RawFamily {
  id: string;
  meta: Family;
  /** `family.yaml`, relative to the project root. */
  file: string;
  versions: RawVersion[];
  /** Broken files met up to the end of the family, and versions left out by `only` (they exist). */
  broken: BrokenIds;
}

export interface RawRegistry {
  /** Project root (absolute). */
  root: string;
  families: RawFamily[];
  /** Diagnostics of this stage (sorted by the caller). */
  diagnostics: Diagnostic[];
  sources: SourceSet;
}

/**
 * Read a registry from `root/norm`: parse every YAML file, validate it against its schema, check
 * that each file is named after its id. Never throws on content problems.
 */
export function loadRawRegistry(root: string, opts: RawLoadOptions = {}): RawRegistry {
  const normDir = opts.normDir ?? 'norm';
  // Every path below starts with `root`: slicing is much cheaper than path.relative on ~2 000 files.
  const rootPrefix = path.resolve(root) + path.sep;
  const rel = (abs: string) =>
    (abs.startsWith(rootPrefix) ? abs.slice(rootPrefix.length) : path.relative(root, abs)).split(path.sep).join('/');
  const diagnostics: Diagnostic[] = [];
  const sources: SourceSet = { files: new Map() };
  const raw: RawRegistry = { root, families: [], diagnostics, sources };
  // A broken id counts for what is read after it (the order files are read in): `step` numbers
  // the versions and families as they are read, `brokenAt` the step a broken id was first met.
  const brokenAt = new Map<string, number>();
  let step = 0;
  const brokenUpTo = (s: number, also?: ReadonlySet<string>): BrokenIds => ({
    has: (id) => (brokenAt.get(id) ?? Infinity) <= s || (also?.has(id) ?? false),
  });
  const only = opts.only;
  const wantFamily = (f: string) => !only || only.some((o) => o === f || o.startsWith(f + '/'));
  const wantVersion = (f: string, v: string) => !only || only.some((o) => o === f || o === `${f}/${v}`);

  const read = <T>(abs: string, schema: SchemaName): { value?: T; parsed?: ParsedYaml } => {
    const file = rel(abs);
    const src = readRegistryText(abs, file);
    const r: RegistryFileResult<T> = 'diagnostic' in src ? { diagnostics: [src.diagnostic] } : parseRegistryYaml<T>(file, src.text, schema);
    if (r.parsed) sources.files.set(file, r.parsed);
    diagnostics.push(...r.diagnostics);
    if (r.value === undefined) {
      // Remember the id of a broken file (its file name when unreadable) so references to it don't cascade.
      const id = r.brokenId ?? path.basename(abs).replace(/\.ya?ml$/, '');
      if (!brokenAt.has(id)) brokenAt.set(id, step);
    }
    return { value: r.value, parsed: r.parsed };
  };
  /** The valid element files of a folder, each checked to be named after its id. */
  const readAll = <T extends { id: string }>(dir: string, schema: SchemaName, what: (id: string) => string, fileName: (id: string) => string = (id) => id): RawFile<T>[] => {
    const out: RawFile<T>[] = [];
    for (const f of list(dir, true)) {
      const { value, parsed } = read<T>(path.join(dir, f), schema);
      if (!value || !parsed) continue;
      const stem = fileStem(parsed.file);
      // The id itself, or its encoded form when it is no safe file name (the one the importer writes).
      if (stem !== value.id && stem !== fileName(value.id)) {
        diagnostics.push(diag('error', 'file-name-mismatch', `${what(value.id)} est dans le fichier \`${stem}.yaml\``, at(parsed, ['id']), `renommez le fichier en \`${fileName(value.id)}.yaml\` ou corrigez l'identifiant.`));
      }
      out.push({ value, parsed });
    }
    return out;
  };
  /** Sub-folders (`yaml: false`) or YAML files of a folder; what cannot be listed is reported. */
  const list = (abs: string, yaml: boolean) => {
    const l = listFolder(abs, rel(abs), { yaml });
    diagnostics.push(...l.diagnostics);
    return yaml ? l.files : l.dirs;
  };
  /** Is the required file `abs` there? A link or a folder in its place is reported (`bad`). */
  const required = (abs: string): 'file' | 'missing' | 'bad' => {
    const kind = entryKind(abs);
    if (kind === 'file' || kind === 'missing') return kind;
    diagnostics.push(notAFile(kind, rel(abs))!);
    return 'bad';
  };

  const normAbs = path.join(root, normDir);
  if (entryKind(normAbs) !== 'directory') {
    diagnostics.push(diag('error', 'registry-missing', `Dossier du registre introuvable : \`${normDir}/\``, {}, 'lancez la commande depuis la racine du projet.'));
    return raw;
  }

  for (const famId of list(normAbs, false)) {
    if (!wantFamily(famId)) continue;
    const famDir = path.join(normAbs, famId);
    const famFile = path.join(famDir, 'family.yaml');
    const famKind = required(famFile);
    if (famKind !== 'file') {
      if (famKind === 'bad' || famId === 'schemas') continue;
      diagnostics.push(diag('error', 'family-missing', `Le dossier \`${rel(famDir)}/\` n'a pas de fichier \`family.yaml\``, { file: rel(famDir) }, 'ajoutez family.yaml (id, name, message).'));
      continue;
    }
    const { value: famMeta, parsed: famParsed } = read<Family>(famFile, 'family');
    if (!famMeta || !famParsed) continue;
    if (famMeta.id !== famId) {
      diagnostics.push(diag('error', 'family-folder-mismatch', `L'identifiant de famille \`${famMeta.id}\` ne correspond pas au dossier \`${famId}\``, { file: rel(famFile), ...locate(famParsed, ['id']) }, `renommez le dossier ou mettez \`id: ${famId}\`.`));
    }
    const versions: RawVersion[] = [];
    const skipped = new Set<string>();
    for (const verId of list(famDir, false)) {
      if (!wantVersion(famId, verId)) {
        skipped.add(verId);
        continue;
      }
      const vDir = path.join(famDir, verId);
      const vFile = path.join(vDir, 'version.yaml');
      const vKind = required(vFile);
      if (vKind !== 'file') {
        if (vKind === 'bad') continue;
        diagnostics.push(diag('error', 'version-missing', `Le dossier \`${rel(vDir)}/\` n'a pas de fichier \`version.yaml\``, { file: rel(vDir) }, 'ajoutez version.yaml ou créez la version avec `npx norme version new`.'));
        continue;
      }
      const { value: meta, parsed: vParsed } = read<Version>(vFile, 'version');
      if (meta && vParsed) {
        if (meta.id !== verId) {
          diagnostics.push(diag('error', 'version-folder-mismatch', `L'identifiant de version \`${meta.id}\` ne correspond pas au dossier \`${verId}\``, { file: rel(vFile), ...locate(vParsed, ['id']) }, `renommez le dossier ou mettez \`id: ${verId}\`.`));
        }
        if (meta.family !== famId) {
          diagnostics.push(diag('error', 'version-folder-mismatch', `La famille \`${meta.family}\` de la version ne correspond pas au dossier \`${famId}\``, { file: rel(vFile), ...locate(vParsed, ['family']) }, `mettez \`family: ${famId}\`.`));
        }
      }
      const blocks = readAll<Block>(path.join(vDir, 'blocks'), 'block', (id) => `Le bloc \`${id}\``);
      const datatypes = readAll<Datatype>(path.join(vDir, 'datatypes'), 'datatype', (id) => `Le type \`${id}\``, datatypeFileName);
      const broken = brokenUpTo(step++);
      // Maintenance journal: entries amending the version (issue #3), applied by the resolve stage.
      const journal = readAll<JournalEntry>(path.join(vDir, 'journal'), 'journal-entry', (id) => `L'entrée \`${id}\``);
      versions.push({ family: famId, id: verId, key: `${famId}/${verId}`, dir: rel(vDir), ...(meta ? { meta } : {}), blocks, datatypes, journal, broken });
    }
    raw.families.push({ id: famId, meta: famMeta, file: rel(famFile), versions, broken: brokenUpTo(step++, skipped.size ? skipped : undefined) });
  }
  return raw;
}

function fileStem(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1).replace(/\.ya?ml$/, '');
}

/** What parsing and validating one registry file gives: its value when valid, its diagnostics. */
export interface RegistryFileResult<T> {
  value?: T;
  parsed?: ParsedYaml;
  diagnostics: Diagnostic[];
  /** The `id` of a file that failed its schema (references to it do not cascade). */
  brokenId?: string;
}

/** Parse registry YAML text and validate it against its schema. Pure; never throws. */
export function parseRegistryYaml<T>(file: string, text: string, schema: SchemaName): RegistryFileResult<T> {
  const { parsed, diagnostics: syn } = parseYaml(file, text);
  if (syn.length) return { parsed, diagnostics: syn };
  if (parsed.value === null || parsed.value === undefined) {
    return { parsed, diagnostics: [diag('error', 'empty-file', 'Fichier YAML vide', { file, line: 1, column: 1 }, 'supprimez le fichier ou complétez-le.')] };
  }
  const sch = validateAgainst(parsed, schema);
  if (sch.length) {
    const id = (parsed.value as { id?: unknown })?.id;
    return { parsed, diagnostics: sch, ...(typeof id === 'string' ? { brokenId: id } : {}) };
  }
  return { value: parsed.value as T, parsed, diagnostics: [] };
}

export function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
