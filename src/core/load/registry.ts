import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { diag, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { Block, Datatype, Family, Registry, ResolvedFamily, ResolvedVersion, Version } from '../model/types.ts';
import { locate, parseYaml, type ParsedYaml } from './yaml-file.ts';
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

function listYaml(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort();
}

function listDirs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
    .map((d) => d.name)
    .sort();
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
    let text: string;
    try {
      text = readFileSync(abs, 'utf8');
    } catch (err) {
      diagnostics.push(diag('error', 'file-unreadable', `Fichier illisible : ${(err as Error).message}`, { file }));
      return {};
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const { parsed, diagnostics: syn } = parseYaml(file, text);
    sources.files.set(file, parsed);
    if (syn.length) {
      diagnostics.push(...syn);
      return { parsed };
    }
    if (parsed.value === null || parsed.value === undefined) {
      diagnostics.push(diag('error', 'empty-file', 'Fichier YAML vide', { file, line: 1, column: 1 }, 'supprimez le fichier ou complétez-le.'));
      return { parsed };
    }
    const sch = validateAgainst(parsed, schema);
    if (sch.length) {
      diagnostics.push(...sch);
      // Remember the id of an invalid file so that references to it don't cascade.
      const id = (parsed.value as { id?: unknown })?.id;
      if (typeof id === 'string') brokenIds.add(id);
      return { parsed };
    }
    return { value: parsed.value as T, parsed };
  };

  const normAbs = path.join(root, normDir);
  if (!existsSync(normAbs)) {
    diagnostics.push(diag('error', 'registry-missing', `Dossier du registre introuvable : \`${normDir}/\``, {}, 'lancez la commande depuis la racine du projet.'));
    return { registry, diagnostics, sources };
  }

  for (const famId of listDirs(normAbs)) {
    if (!wantFamily(famId)) continue;
    const famDir = path.join(normAbs, famId);
    const famFile = path.join(famDir, 'family.yaml');
    if (!existsSync(famFile)) {
      if (famId === 'schemas') continue;
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
    for (const verId of listDirs(famDir)) {
      if (!wantVersion(famId, verId)) {
        skipped.add(verId);
        continue;
      }
      const vDir = path.join(famDir, verId);
      const vFile = path.join(vDir, 'version.yaml');
      if (!existsSync(vFile)) {
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
      for (const f of listYaml(path.join(vDir, 'blocks'))) {
        const { value, parsed } = read<Block>(path.join(vDir, 'blocks', f), 'block');
        if (value && parsed) blocksRaw.push({ block: value, parsed });
      }
      const typesRaw: Array<{ datatype: Datatype; parsed: ParsedYaml }> = [];
      for (const f of listYaml(path.join(vDir, 'datatypes'))) {
        const { value, parsed } = read<Datatype>(path.join(vDir, 'datatypes', f), 'datatype');
        if (value && parsed) typesRaw.push({ datatype: value, parsed });
      }
      diagnostics.push(...crossCheckVersion(v, blocksRaw, typesRaw, meta ? vParsed : undefined, brokenIds));
      // Maintenance journal: entries amend the version in order (issue #3).
      const journalRaw: Array<{ entry: JournalEntry; parsed: ParsedYaml }> = [];
      for (const f of listYaml(path.join(vDir, 'journal'))) {
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
