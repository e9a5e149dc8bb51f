import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatDiagnostic, type Diagnostic } from '../../core/diagnostics/diagnostic.ts';
import { checkOnly, importRegistry, parseManifest, type VersionReport } from '../../core/import/index.ts';
import { verifyImported } from '../../core/import/verify.ts';
import { parseArgs, UsageError } from '../args.ts';
import type { Command, Io } from '../types.ts';

/** Project root (the directory holding package.json), from this file's location. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const USAGE = `Usage : npx norme import [options]

Importe les tables officielles DSN/PASRAU (xlsx/CSV) dans le registre YAML,
d'après le manifeste seeds/import-manifest.yaml.

Options :
  --from <dossier>     dossier des tables officielles (défaut : ../shared/reference depuis la racine du projet)
  --out <dossier>      registre à écrire (défaut : norm à la racine du projet)
  --only <f>[/<v>]     n'importer qu'une famille ou une version, ex. dsn/P26V01
  --manifest <fichier> manifeste d'import (défaut : seeds/import-manifest.yaml)
  --check              ne rien écrire : comparer au registre existant, code 1 en cas d'écart

Le registre est d'abord écrit dans un dossier temporaire (copie du registre où seuls
family.yaml, version.yaml, blocks/ et datatypes/ des versions importées sont remplacés ;
journal/ et les autres fichiers sont conservés), puis chargé et validé comme par
\`norme validate\` : s'il contient des erreurs, elles sont affichées et le registre
n'est pas modifié ; sinon le dossier temporaire prend sa place par renommage (jamais de
registre à moitié écrit) et l'ancien est supprimé.

Codes de sortie : 0 succès ; 1 erreurs dans les tables, registre importé invalide ou écart (--check) ; 2 usage ou sources illisibles.
`;

function fmtVersion(r: VersionReport): string {
  const usages = r.usages
    ? `usages${r.usages.inferredFrom ? ` inférés de ${r.usages.inferredFrom.join(' et ')}` : ''} : ${r.usages.rubriques} rubriques × natures ${r.usages.natures.join(', ')}${r.usages.inferredFrom ? ` (${r.rubriques - r.usages.rubriques} sans usage inférable)` : ''}`
    : 'usages : non publiés';
  return (
    `  ${`${r.family}/${r.version}`.padEnd(15)} édition ${r.edition} : ${r.blocks} blocs (+${r.headerBlocks} d'en-tête), ` +
    `${r.rubriques} rubriques, ${r.datatypes} types (${r.values} valeurs), ${r.controls} contrôles ; ${usages}`
  );
}

function printDiagnostics(io: Io, ds: Diagnostic[]) {
  for (const d of ds) {
    io.stderr.write(formatDiagnostic(d) + '\n');
    if (d.hint) io.stderr.write(`  aide : ${d.hint}\n`);
  }
}

function shown(io: Io, p: string): string {
  const rel = path.relative(io.cwd, p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}

async function listFiles(dir: string, prefix: string): Promise<string[]> {
  const out: string[] = [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const rel = `${prefix}/${e.name}`;
    if (e.isDirectory()) out.push(...(await listFiles(path.join(dir, e.name), rel)));
    else out.push(rel);
  }
  return out;
}

/** Files currently on disk for the owned entries (registry-relative). */
async function ownedOnDisk(out: string, owned: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const entry of owned) {
    const abs = path.join(out, entry);
    let st;
    try {
      st = await stat(abs);
    } catch {
      continue;
    }
    if (st.isDirectory()) files.push(...(await listFiles(abs, entry)));
    else files.push(entry);
  }
  return files.sort();
}

export interface CheckResult {
  changed: string[];
  missing: string[];
  extra: string[];
}

export async function compareWithDisk(out: string, files: Map<string, string>, owned: string[]): Promise<CheckResult> {
  const res: CheckResult = { changed: [], missing: [], extra: [] };
  const onDisk = new Set(await ownedOnDisk(out, owned));
  for (const [rel, content] of files) {
    if (!onDisk.has(rel)) {
      res.missing.push(rel);
      continue;
    }
    const current = await readFile(path.join(out, rel), 'utf8');
    if (current !== content) res.changed.push(rel);
  }
  for (const rel of onDisk) if (!files.has(rel)) res.extra.push(rel);
  res.extra.sort();
  return res;
}

/**
 * Builds the new registry next to `out` (a copy of it where the owned entries are replaced by the
 * imported files), validates it with the loader of `norme validate`, then swaps it into place:
 * `out` is renamed away, the staged copy renamed to `out`, the old one removed. When the staged
 * registry has errors, `out` is left untouched and the errors are returned.
 */
export async function writeRegistry(
  out: string,
  files: Map<string, string>,
  owned: string[],
  check: { label: string; only?: string; importDiagnostics?: Diagnostic[] } = { label: path.basename(out) },
): Promise<Diagnostic[]> {
  const parent = path.dirname(out);
  await mkdir(parent, { recursive: true });
  const stamp = `${process.pid}-${Date.now()}`;
  const stageName = `.${path.basename(out)}.import-${stamp}`;
  const stage = path.join(parent, stageName);
  const trash = path.join(parent, `.${path.basename(out)}.old-${stamp}`);
  const replaced = new Set(owned.map((e) => path.join(out, e)));
  try {
    if (existsSync(out)) await cp(out, stage, { recursive: true, verbatimSymlinks: true, filter: (src) => !replaced.has(src) });
    for (const [rel, content] of files) {
      const abs = path.join(stage, rel);
      await mkdir(path.dirname(abs), { recursive: true });
      await writeFile(abs, content);
    }
    await mkdir(stage, { recursive: true });
    const errors = verifyImported({ root: parent, stagedDir: stageName, ...check });
    if (errors.length) return errors;
    const hadOut = existsSync(out);
    if (hadOut) await rename(out, trash);
    try {
      await rename(stage, out);
    } catch (e) {
      // Put the old registry back before the trash is removed below.
      if (hadOut) await rename(trash, out);
      throw e;
    }
    return [];
  } finally {
    await rm(stage, { recursive: true, force: true });
    await rm(trash, { recursive: true, force: true });
  }
}

async function run(args: string[], io: Io): Promise<number> {
  let opts;
  try {
    opts = parseArgs(args, { string: ['from', 'out', 'only', 'manifest'], boolean: ['check'] }).options;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`norme import : ${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  const resolveOpt = (v: unknown, dflt: string) => (typeof v === 'string' ? path.resolve(io.cwd, v) : path.resolve(PROJECT_ROOT, dflt));
  const from = resolveOpt(opts.from, '../shared/reference');
  const out = resolveOpt(opts.out, 'norm');
  const manifestPath = resolveOpt(opts.manifest, 'seeds/import-manifest.yaml');
  const only = typeof opts.only === 'string' ? opts.only.replace(/\/+$/, '') : undefined;
  const check = opts.check === true;

  if (!existsSync(from) || !(await stat(from)).isDirectory()) {
    io.stderr.write(`norme import : dossier des sources introuvable : ${shown(io, from)}\n` + 'Indiquez-le avec --from <dossier> (tables officielles, voir SOURCES.md).\n');
    return 2;
  }
  let manifestText: string;
  try {
    manifestText = await readFile(manifestPath, 'utf8');
  } catch {
    io.stderr.write(`norme import : manifeste illisible : ${shown(io, manifestPath)}\n`);
    return 2;
  }
  const manifestLabel = shown(io, manifestPath).split(path.sep).join('/');
  const parsed = parseManifest(manifestText, manifestLabel);
  if (!parsed.manifest) {
    printDiagnostics(io, parsed.diagnostics);
    io.stderr.write('norme import : manifeste invalide, rien n\'a été importé.\n');
    return 2;
  }
  if (only) {
    const problem = checkOnly(parsed.manifest, only);
    if (problem) {
      io.stderr.write(`norme import : --only : ${problem}\n`);
      return 2;
    }
  }

  // Schemas sit in <root>/src/core/schemas; the `$schema` line is relative to the written registry.
  const schemaBase = path.relative(out, path.join(PROJECT_ROOT, 'src/core/schemas')).split(path.sep).join('/');
  const result = await importRegistry({ sourceDir: from, manifest: parsed.manifest, only, schemaBase, manifestFile: manifestLabel });
  const diagnostics = [...parsed.diagnostics, ...result.diagnostics];
  printDiagnostics(io, diagnostics);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const unreadable = errors.some((d) => d.rule === 'source-unreadable');
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;

  io.stdout.write(`Sources : ${shown(io, from)}\n`);
  for (const r of result.report.versions) io.stdout.write(fmtVersion(r) + '\n');
  if (errors.length) {
    io.stderr.write(`norme import : ${errors.length} erreur(s) ; rien n'a été ${check ? 'comparé' : 'écrit'}.\n`);
    return unreadable ? 2 : 1;
  }
  const outShown = shown(io, out);
  if (check) {
    const diff = await compareWithDisk(out, result.files, result.owned);
    const n = diff.changed.length + diff.missing.length + diff.extra.length;
    if (n === 0) {
      io.stdout.write(`Le registre ${outShown}/ est à jour : ${result.files.size} fichiers identiques à l'import.\n`);
      return 0;
    }
    io.stdout.write(`Le registre ${outShown}/ diffère de l'import (${n} fichier(s)) :\n`);
    for (const f of diff.changed) io.stdout.write(`  modifié   ${f}\n`);
    for (const f of diff.missing) io.stdout.write(`  manquant  ${f}\n`);
    for (const f of diff.extra) io.stdout.write(`  en trop   ${f}\n`);
    io.stdout.write('Relancez `npx norme import` pour régénérer le registre.\n');
    return 1;
  }
  const invalid = await writeRegistry(out, result.files, result.owned, { label: outShown.split(path.sep).join('/'), only, importDiagnostics: diagnostics });
  if (invalid.length) {
    printDiagnostics(io, invalid);
    io.stderr.write(`norme import : le registre importé ne passe pas la validation (${invalid.length} erreur(s)) ; ${outShown}/ n'a pas été modifié.\n`);
    return 1;
  }
  io.stdout.write(`${result.files.size} fichiers écrits dans ${outShown}/${warnings ? ` (${warnings} avertissement(s))` : ''}.\n`);
  return 0;
}

export const command: Command = {
  name: 'import',
  summary: 'importer les tables officielles (xlsx/CSV) dans le registre norm/',
  usage: USAGE,
  run,
};
