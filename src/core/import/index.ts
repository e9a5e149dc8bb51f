/**
 * Importer of the official DSN/PASRAU tables into the YAML registry.
 * Pure: reads the source files, returns the files to write (relative to the registry root),
 * a report and diagnostics. Writing is the CLI's job.
 */
import { readFile } from 'node:fs/promises';
import { diag, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { Family } from '../model/schema-types.ts';
import { buildVersion, type BuiltVersion, type VersionReport } from './build.ts';
import { inferUsages, type UsageNeighbour } from './infer-usages.ts';
import { toYaml } from './emit.ts';
import { parseManifest, type Manifest, type ManifestFamily, type ManifestVersion } from './manifest.ts';
import { readNormTables, readUsageTables } from './sources.ts';
import type { ReadProblem } from './sheet.ts';

export { parseCsv } from './csv.ts';
export { splitValues } from './values.ts';
export { cleanText, CleanupLog, CLEANUP_KINDS } from './clean.ts';
export { parseManifest } from './manifest.ts';
export type { Manifest, ManifestFamily, ManifestVersion, ManifestSource } from './manifest.ts';
export type { VersionReport } from './build.ts';

export interface ImportOptions {
  /** Directory holding the official tables (absolute, or relative to the process cwd). */
  sourceDir: string;
  manifest: Manifest;
  /** Restrict to `family` or `family/version`. */
  only?: string;
  /** Where the JSON Schemas sit, relative to the registry root (for the `$schema` comment line). */
  schemaBase?: string;
  /** Name of the manifest file in diagnostics about manifest-level facts (editions, activations, counts). */
  manifestFile?: string;
}

export interface ImportReport {
  versions: VersionReport[];
  /** Datatype ids written under another file name. */
  encodedFileNames: { family: string; version: string; id: string; file: string }[];
}

export interface ImportResult {
  /** Registry-relative path → file content, sorted by path. */
  files: Map<string, string>;
  report: ImportReport;
  diagnostics: Diagnostic[];
  /**
   * Registry-relative paths the importer owns and fully replaces (files and directories):
   * `<family>/family.yaml`, `<family>/<version>/version.yaml`, `…/blocks`, `…/datatypes`.
   * Anything else (e.g. `journal/`) is left alone.
   */
  owned: string[];
}

export const DEFAULT_SCHEMA_BASE = '../src/core/schemas';

// One definition of the file name of a datatype, for the importer that writes it and the validator that checks it.
export { datatypeFileName } from '../model/file-names.ts';
import { datatypeFileName } from '../model/file-names.ts';

/** Parses the `--only` filter. */
export function matchOnly(only: string | undefined, family: string, version?: string): boolean {
  if (!only) return true;
  const [f, v] = only.split('/');
  if (f !== family) return false;
  return v === undefined || v === '' || version === undefined || v === version;
}

/** Checks that `only` designates something in the manifest; returns an error message otherwise. */
export function checkOnly(manifest: Manifest, only: string): string | undefined {
  const [f, v] = only.split('/');
  const fam = manifest.families.find((x) => x.id === f);
  if (!fam) return `famille inconnue « ${f} » (connues : ${manifest.families.map((x) => x.id).join(', ')})`;
  if (v && !fam.versions.some((x) => x.id === v)) return `version inconnue « ${f}/${v} » (connues : ${fam.versions.map((x) => x.id).join(', ')})`;
  return undefined;
}

function familyObject(f: ManifestFamily): Family {
  const out: Family = { id: f.id, name: f.name, message: f.message };
  if (f.description) out.description = f.description;
  if (f.versionDeclaredIn) out.versionDeclaredIn = f.versionDeclaredIn;
  if (f.monthDeclaredIn) out.monthDeclaredIn = f.monthDeclaredIn;
  if (f.natureDeclaredIn) out.natureDeclaredIn = f.natureDeclaredIn;
  return out;
}

function problemDiag(p: ReadProblem): Diagnostic {
  return diag('error', 'source-unreadable', p.message, { file: p.file, line: p.line });
}

export async function importRegistry(opts: ImportOptions): Promise<ImportResult> {
  const schemaBase = opts.schemaBase ?? DEFAULT_SCHEMA_BASE;
  const files = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  const report: ImportReport = { versions: [], encodedFileNames: [] };
  const owned: string[] = [];

  for (const fam of opts.manifest.families) {
    if (!matchOnly(opts.only, fam.id)) continue;
    const famFile = `${fam.id}/family.yaml`;
    files.set(famFile, toYaml(familyObject(fam), 'family', famFile, schemaBase));
    owned.push(famFile);
    // Every version is built before any is written: a version without a usage table takes its
    // usages from its neighbours' tables (inferUsages), even when `only` leaves them out.
    const built = new Map<string, BuiltVersion | null>();
    const build = async (mv: ManifestVersion): Promise<BuiltVersion | null> => {
      if (built.has(mv.id)) return built.get(mv.id)!;
      const norm = await readNormTables(mv.datatypes, opts.sourceDir);
      const problems = norm.problems.map(problemDiag);
      let usage;
      if (mv.usages) {
        usage = await readUsageTables(mv.usages, opts.sourceDir);
        problems.push(...usage.problems.map(problemDiag));
      }
      const b = norm.problems.length && !norm.tables.fields ? null : buildVersion(fam, mv, norm.tables, usage?.tables, opts.manifestFile);
      if (b) b.diagnostics.unshift(...problems);
      else diagnostics.push(...problems);
      built.set(mv.id, b);
      return b;
    };
    for (const mv of fam.versions) {
      if (!matchOnly(opts.only, fam.id, mv.id)) continue;
      const base = `${fam.id}/${mv.id}`;
      owned.push(`${base}/version.yaml`, `${base}/blocks`, `${base}/datatypes`);
      const b = await build(mv);
      if (!b) continue;
      if (!mv.usages) {
        const around = [fam.versions.find((x) => x.id === mv.previous), fam.versions.find((x) => x.previous === mv.id)];
        const neighbours: UsageNeighbour[] = [];
        for (const x of around) {
          const nb = x && (await build(x));
          if (nb) neighbours.push({ id: x!.id, version: nb.version, blocks: nb.blocks });
        }
        const inf = inferUsages(b, neighbours);
        if (inf) b.report.usages = { natures: (b.version.usages.natures ?? []).map((n) => n.code), rubriques: inf.inferred, inferredFrom: neighbours.filter((n) => n.version.usages.status === 'publié').map((n) => n.id) };
      }
      diagnostics.push(...b.diagnostics);
      report.versions.push(b.report);

      const vFile = `${base}/version.yaml`;
      files.set(vFile, toYaml(b.version, 'version', vFile, schemaBase));
      for (const blk of b.blocks) {
        const f = `${base}/blocks/${blk.id}.yaml`;
        files.set(f, toYaml(blk, 'block', f, schemaBase));
      }
      const taken = new Map<string, string>();
      for (const dt of b.datatypes) {
        let name = datatypeFileName(dt.id);
        while (taken.has(name.toLowerCase())) name += '~2';
        taken.set(name.toLowerCase(), dt.id);
        if (name !== dt.id) {
          report.encodedFileNames.push({ family: fam.id, version: mv.id, id: dt.id, file: `${name}.yaml` });
          diagnostics.push(
            diag('warning', 'datatype-file-name', `Type de données \`${dt.id}\` : identifiant inutilisable tel quel comme nom de fichier, écrit dans \`${name}.yaml\``, {
              file: `${base}/datatypes/${name}.yaml`,
            }),
          );
        }
        const f = `${base}/datatypes/${name}.yaml`;
        files.set(f, toYaml(dt, 'datatype', f, schemaBase));
      }
    }
  }
  const sorted = new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { files: sorted, report, diagnostics: sortDiagnostics(diagnostics), owned: owned.sort() };
}

/** Reads and parses a manifest file, then imports. `manifestLabel` names it in diagnostics. */
export async function importFromManifestFile(
  manifestPath: string,
  manifestLabel: string,
  opts: Omit<ImportOptions, 'manifest'>,
): Promise<ImportResult & { manifest?: Manifest }> {
  const text = await readFile(manifestPath, 'utf8');
  const parsed = parseManifest(text, manifestLabel);
  if (!parsed.manifest) return { files: new Map(), report: { versions: [], encodedFileNames: [] }, diagnostics: parsed.diagnostics, owned: [] };
  const result = await importRegistry({ manifestFile: manifestLabel, ...opts, manifest: parsed.manifest });
  return { ...result, diagnostics: [...parsed.diagnostics, ...result.diagnostics], manifest: parsed.manifest };
}
