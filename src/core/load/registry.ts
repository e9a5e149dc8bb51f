import { statSync } from 'node:fs';
import path from 'node:path';
import { diag, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { Block, Datatype, Family, Registry, ResolvedFamily, ResolvedVersion, Version } from '../model/types.ts';
import { locate, parseYaml, type ParsedYaml } from './yaml-file.ts';
import { entryKind, listFolder, notAFile, readRegistryText } from './files.ts';
import { validateAgainst, type SchemaName } from './schemas.ts';
import { crossCheckVersion, crossCheckFamily } from '../validate/cross.ts';
import { applyJournal } from '../journal/apply.ts';
import type { JournalEntry } from '../model/types.ts';

/** Everything parsed from disk, kept so later passes can point at positions. */
export interface SourceSet {
  files: Map<string, ParsedYaml>;
}

export interface LoadOptions {
  /** Registry folder relative to root (default `norm`). */
  normDir?: string;
  /** Only load these families / versions (`dsn`, `dsn/P26V01`). */
  only?: string[];
  /** Hook for later passes (journal application, …) run per version before cross checks. */
  afterVersionLoad?: (v: ResolvedVersion, ctx: VersionLoadContext) => Diagnostic[];
}

export interface VersionLoadContext {
  sources: SourceSet;
  root: string;
  rel: (abs: string) => string;
}

export interface LoadResult {
  registry: Registry;
  diagnostics: Diagnostic[];
  sources: SourceSet;
}

/**
 * Load a registry from `root/norm`: parse every YAML file, validate it against its schema,
 * resolve versions, then run cross-file checks. Never throws on content problems.
 */
export function loadRegistry(root: string, opts: LoadOptions = {}): LoadResult {
  const normDir = opts.normDir ?? 'norm';
  // Every path below starts with `root`: slicing is much cheaper than path.relative on ~2 000 files.
  const rootPrefix = path.resolve(root) + path.sep;
  const rel = (abs: string) =>
    (abs.startsWith(rootPrefix) ? abs.slice(rootPrefix.length) : path.relative(root, abs)).split(path.sep).join('/');
  const diagnostics: Diagnostic[] = [];
  const sources: SourceSet = { files: new Map() };
  const registry: Registry = { root, families: new Map() };
  const brokenIds = new Set<string>();
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
      brokenIds.add(r.brokenId ?? path.basename(abs).replace(/\.ya?ml$/, ''));
    }
    return { value: r.value, parsed: r.parsed };
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
    return { registry, diagnostics, sources };
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
    const fam: ResolvedFamily = { id: famId, meta: famMeta, file: rel(famFile), versions: new Map() };
    if (famMeta.id !== famId) {
      diagnostics.push(diag('error', 'family-folder-mismatch', `L'identifiant de famille \`${famMeta.id}\` ne correspond pas au dossier \`${famId}\``, { file: fam.file, ...locPos(famParsed, ['id']) }, `renommez le dossier ou mettez \`id: ${famId}\`.`));
    }
    registry.families.set(famId, fam);

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
      const v: ResolvedVersion = {
        family: famId,
        id: verId,
        key: `${famId}/${verId}`,
        meta: meta ?? ({ id: verId, family: famId, name: verId, status: 'draft', editions: [], provenance: { sources: [] }, usages: { status: 'non publié' } } as Version),
        dir: rel(vDir),
        blocks: new Map(),
        rubriques: new Map(),
        datatypes: new Map(),
        controls: new Map(),
        files: { blocks: new Map(), datatypes: new Map() },
        journal: [],
      };
      if (meta && vParsed) {
        if (meta.id !== verId) {
          diagnostics.push(diag('error', 'version-folder-mismatch', `L'identifiant de version \`${meta.id}\` ne correspond pas au dossier \`${verId}\``, { file: rel(vFile), ...locPos(vParsed, ['id']) }, `renommez le dossier ou mettez \`id: ${verId}\`.`));
        }
        if (meta.family !== famId) {
          diagnostics.push(diag('error', 'version-folder-mismatch', `La famille \`${meta.family}\` de la version ne correspond pas au dossier \`${famId}\``, { file: rel(vFile), ...locPos(vParsed, ['family']) }, `mettez \`family: ${famId}\`.`));
        }
      }
      const blocksRaw: Array<{ block: Block; parsed: ParsedYaml }> = [];
      for (const f of list(path.join(vDir, 'blocks'), true)) {
        const { value, parsed } = read<Block>(path.join(vDir, 'blocks', f), 'block');
        if (value && parsed) blocksRaw.push({ block: value, parsed });
      }
      const typesRaw: Array<{ datatype: Datatype; parsed: ParsedYaml }> = [];
      for (const f of list(path.join(vDir, 'datatypes'), true)) {
        const { value, parsed } = read<Datatype>(path.join(vDir, 'datatypes', f), 'datatype');
        if (value && parsed) typesRaw.push({ datatype: value, parsed });
      }
      diagnostics.push(...crossCheckVersion(v, blocksRaw, typesRaw, meta ? vParsed : undefined, brokenIds));
      // Maintenance journal: entries amend the version in order (issue #3).
      const journalRaw: Array<{ entry: JournalEntry; parsed: ParsedYaml }> = [];
      for (const f of list(path.join(vDir, 'journal'), true)) {
        const { value, parsed } = read<JournalEntry>(path.join(vDir, 'journal', f), 'journal-entry');
        if (value && parsed) journalRaw.push({ entry: value, parsed });
      }
      diagnostics.push(...applyJournal(v, journalRaw));
      if (opts.afterVersionLoad) diagnostics.push(...opts.afterVersionLoad(v, { sources, root, rel }));
      fam.versions.set(verId, v);
    }
    // Versions left out by `only` exist: a `previous` pointing at one is not an error.
    diagnostics.push(...crossCheckFamily(fam, sources, skipped.size ? new Set([...brokenIds, ...skipped]) : brokenIds));
  }
  return { registry, diagnostics: sortDiagnostics(diagnostics), sources };
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

function locPos(p: ParsedYaml, pathSegs: (string | number)[]) {
  return locate(p, pathSegs);
}

export function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
