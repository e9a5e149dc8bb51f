import { closeSync, createReadStream, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import path from 'node:path';
import { parse as parseYamlText } from 'yaml';
import { formatDiagnostic, loadRegistry, type Family, type ResolvedVersion } from '../../core/index.ts';
import {
  buildCheckModel,
  createChecker,
  formatHtml,
  formatJson,
  formatText,
  notFlatFile,
  resolveDeclaredVersion,
  detectEncoding as detectChunksEncoding,
  decodeChunks,
  decodeHead,
  unusableEncoding,
  compileCheckModel,
  formatJsonLine,
  formatSummary,
  type CompiledModel,
  type FileOutcome,
  type CheckModel,
  type FileEncoding,
  type VersionRemedy,
} from '../../core/check/index.ts';
import { oneOf, parseArgs, UsageError } from '../args.ts';
import { checkNext, formatNextText, nextDocument, nextKey } from './check-next.ts';
import type { NextReport } from '../../core/check/index.ts';
import { checkAnnotations } from '../../core/github.ts';
import { findRoot, usageError } from '../context.ts';
import type { Command, Io } from '../types.ts';

const usage = `Usage : npx norme check <fichier|dossier>... [--version dsn/P26V01]
                         [--format text|json|html|jsonl|github] [--fail-on bloquant|non-bloquant] [--max N] [--next]

Auto-contrôle de fichiers DSN ou PASRAU au format plat (une rubrique par ligne :
S21.G00.30.001,'valeur'), contre les données de la norme du registre. Plusieurs fichiers ou
dossiers (parcourus récursivement) en un appel : un rapport par fichier puis un résumé ; les
données de chaque version ne sont chargées qu'une fois.

  --version   version de norme à utiliser (par défaut : celle déclarée dans le fichier,
              rubrique S10.G00.00.006)
  --format    text (par défaut), json ou html (un seul fichier), jsonl (une ligne JSON par
              fichier, puis une ligne {"summary": …}), github (annotations d'un job GitHub
              Actions) ; écrit sur la sortie standard
  --fail-on   gravité à partir de laquelle le code de sortie vaut 1 (par défaut : bloquant)
  --max       nombre maximal de constats détaillés dans le rapport (par défaut 1000 ;
              les autres sont comptés)
  --next      contrôler aussi contre la version suivante de la famille (ex. P26V01 → P27V01) :
              nouveaux constats (rubrique obligatoire ajoutée, rubrique supprimée, code retiré,
              nouveau contrôle…), chacun avec la version et son mois d'application ; le code de
              sortie compte alors aussi ces nouveaux constats

Encodage détecté automatiquement (UTF-8 sinon ISO-8859-1), fins de ligne LF ou CRLF.
Les valeurs personnelles (NIR, noms, dates de naissance…) sont masquées dans les rapports.
Codes de sortie : 0 aucun constat au niveau --fail-on, 1 constats, 2 fichier inexploitable
(avec plusieurs fichiers : le plus grand des codes).`;

export type Encoding = FileEncoding;

const CHUNK = 1 << 20;
const bytes = (file: string) => createReadStream(file, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>;

/** UTF-8 when the whole file decodes strictly, else ISO-8859-1. Streams, never loads the file. */
export function detectEncoding(file: string): Promise<Encoding> {
  return detectChunksEncoding(reusedChunks(file), isUtf8);
}

/**
 * The file's bytes, read synchronously into one buffer reused for every chunk: for the encoding
 * detection, which looks at each chunk once and copies what it keeps (an incomplete sequence at
 * the end of a chunk). A quarter of the CPU of a read stream, which allocates every chunk.
 */
async function* reusedChunks(file: string): AsyncGenerator<Uint8Array> {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK, null);
      if (n <= 0) return;
      yield buf.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

/** Text chunks of a file in the given encoding. */
export function readTextChunks(file: string, encoding: Encoding): AsyncGenerator<string> {
  return decodeChunks(bytes(file), encoding);
}

function readBytes(file: string, size: number): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(size);
    const n = readSync(fd, buf, 0, size, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

function readHead(file: string, encoding: Encoding, size = 64 * 1024): string {
  return decodeHead(readBytes(file, size), encoding);
}

interface FamilyInfo {
  id: string;
  versionDeclaredIn?: string;
  versions: string[];
}

/** Families of the registry and their versions, read cheaply (no full load). */
export function listFamilies(root: string): FamilyInfo[] {
  const norm = path.join(root, 'norm');
  if (!existsSync(norm)) return [];
  const out: FamilyInfo[] = [];
  for (const d of readdirNames(norm)) {
    const famFile = path.join(norm, d, 'family.yaml');
    if (!existsSync(famFile)) continue;
    let meta: Partial<Family> = {};
    try {
      meta = (parseYamlText(readFileSync(famFile, 'utf8')) ?? {}) as Partial<Family>;
    } catch {
      /* the full load reports it */
    }
    const versions = readdirNames(path.join(norm, d)).filter((v) => existsSync(path.join(norm, d, v, 'version.yaml')));
    out.push({ id: d, versionDeclaredIn: meta.versionDeclaredIn, versions });
  }
  return out;
}

function readdirNames(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

export type Resolved = { ok: true; key: string } | { ok: false; message: string };

/** `dsn/P26V01` or a bare `P26V01` → family/version key, from the folders of the registry. */
export function resolveKey(families: FamilyInfo[], ref: string): Resolved {
  const all = families.flatMap((f) => f.versions.map((v) => `${f.id}/${v}`));
  if (ref.includes('/')) {
    if (all.includes(ref)) return { ok: true, key: ref };
    return { ok: false, message: `version « ${ref} » absente du registre ; versions connues : ${all.join(', ')}` };
  }
  const hits = all.filter((k) => k.endsWith('/' + ref));
  if (hits.length === 1) return { ok: true, key: hits[0] };
  if (hits.length > 1) return { ok: false, message: `version « ${ref} » ambiguë : ${hits.join(', ')} ; précisez la famille` };
  return { ok: false, message: `version « ${ref} » absente du registre ; versions connues : ${all.join(', ')}` };
}

/** Load one version and build its check model; errors of that version make it unusable. */
export function loadCheckModel(root: string, key: string): { model?: CheckModel; version?: ResolvedVersion; errors: string[] } {
  const [fam, ver] = key.split('/');
  const res = loadRegistry(root, { only: [key] });
  // Loading a single version cannot resolve `previous`: that diagnostic is an artefact here.
  const errors = res.diagnostics.filter((d) => d.severity === 'error' && d.rule !== 'unknown-previous-version').map(formatDiagnostic);
  const family = res.registry.families.get(fam);
  const v = family?.versions.get(ver);
  if (!v || errors.length) return { errors: errors.length ? errors : [`version ${key} introuvable`] };
  return { model: buildCheckModel(v, family!.meta), version: v, errors: [] };
}

export const command: Command = {
  name: 'check',
  summary: "auto-contrôle d'un fichier DSN/PASRAU (structure, types, usages, clés, totaux)",
  usage,
  async run(args, io) {
    let files: string[], format: Format, failOn: 'bloquant' | 'non-bloquant', root: string, max: number;
    let versionRef: string | undefined;
    let next = false;
    try {
      const a = parseArgs(args, { string: ['version', 'format', 'fail-on', 'max', 'root'], boolean: ['next'] });
      next = a.options.next === true;
      if (a.positionals.length < 1) throw new UsageError('il faut au moins un fichier (ou un dossier) à contrôler');
      files = a.positionals;
      format = oneOf('format', a.options.format, ['text', 'json', 'html', 'jsonl', 'github'] as const, 'text');
      failOn = oneOf('fail-on', a.options['fail-on'], ['bloquant', 'non-bloquant'] as const, 'bloquant');
      versionRef = typeof a.options.version === 'string' ? a.options.version : undefined;
      max = a.options.max === undefined ? 1000 : Number(a.options.max);
      if (!Number.isInteger(max) || max < 0) throw new UsageError('--max attend un entier positif');
      root = findRoot(io, a.options.root);
    } catch (e) {
      if (e instanceof UsageError) return usageError(io, e.message, usage);
      throw e;
    }
    const expanded = expandInputs(io.cwd, files);
    const multi = expanded.length > 1 || files.some((f) => isDir(path.resolve(io.cwd, f)));
    if (multi && (format === 'json' || format === 'html')) {
      return usageError(io, `--format ${format} : un seul fichier ; pour plusieurs fichiers, --format text (un rapport par fichier et un résumé) ou --format jsonl (une ligne JSON par fichier)`, usage);
    }
    if (!expanded.length) return usageError(io, `aucun fichier à contrôler dans ${files.join(', ')}`, usage);
    const session = new CheckSession(root);
    const outcomes: FileOutcome[] = [];
    let code = 0;
    for (const file of expanded) {
      if (multi && format === 'text' && outcomes.length) io.stdout.write('\n');
      const o = await runCheck(io, { file, format, failOn, root, max, versionRef, next }, session);
      outcomes.push(o.outcome);
      code = Math.max(code, o.code);
    }
    if (multi && format === 'text') io.stdout.write('\n' + formatSummary(outcomes));
    if (multi && format === 'jsonl') io.stdout.write(JSON.stringify({ summary: outcomes }) + '\n');
    return code;
  },
};

type Format = 'text' | 'json' | 'html' | 'jsonl' | 'github';

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Files given, and the files of the folders given (recursively, sorted, hidden ones left out). */
export function expandInputs(cwd: string, inputs: string[]): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    const entries = readdirSync(path.resolve(cwd, rel), { withFileTypes: true }).filter((e) => !e.name.startsWith('.')).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const child = path.join(rel, e.name);
      if (e.isDirectory()) walk(child);
      else if (e.isFile()) out.push(child);
    }
  };
  for (const f of inputs) {
    if (isDir(path.resolve(cwd, f))) walk(f);
    else out.push(f);
  }
  return out;
}

/** What `norme check` tells to do when the file declares no usable version. */
const VERSION_REMEDY: VersionRemedy = {
  none: ' ; précisez --version, ex. --version dsn/P26V01.',
  ambiguous: ' ; précisez --version.',
  unknown: ". Précisez --version pour contrôler contre l'une d'elles.",
};

/** What several files checked in one call share: the registry's families and the models already built. */
export class CheckSession {
  readonly families: FamilyInfo[];
  private models = new Map<string, { model?: CompiledModel; errors: string[] }>();
  readonly root: string;
  constructor(root: string) {
    this.root = root;
    this.families = listFamilies(root);
  }
  model(key: string): { model?: CompiledModel; errors: string[] } {
    let m = this.models.get(key);
    if (!m) {
      const loaded = loadCheckModel(this.root, key);
      m = { model: loaded.model ? compileCheckModel(loaded.model) : undefined, errors: loaded.errors };
      this.models.set(key, m);
    }
    return m;
  }
}

export async function runCheck(
  io: Io,
  o: { file: string; format: Format; failOn: 'bloquant' | 'non-bloquant'; root: string; max: number; versionRef?: string; next?: boolean },
  session = new CheckSession(o.root),
): Promise<{ code: number; outcome: FileOutcome }> {
  const abs = path.resolve(io.cwd, o.file);
  let version: string | undefined;
  const unusable = (msg: string) => {
    io.stderr.write(`norme check : ${msg}\n`);
    if (o.format === 'jsonl') io.stdout.write(JSON.stringify({ file: o.file, unusable: msg }) + '\n');
    return { code: 2, outcome: { file: o.file, version, status: 'inexploitable' as const, bloquant: 0, nonBloquant: 0, message: msg } };
  };
  let size: number;
  try {
    const st = statSync(abs);
    if (!st.isFile()) return unusable(`« ${o.file} » n'est pas un fichier.`);
    size = st.size;
  } catch {
    return unusable(`fichier introuvable : ${o.file}`);
  }
  if (size === 0) return unusable(`le fichier ${o.file} est vide.`);

  const badEncoding = unusableEncoding(readBytes(abs, 64));
  if (badEncoding) return unusable(`${o.file} ${badEncoding}`);
  const encoding = await detectEncoding(abs);
  const families = session.families;
  let key: string;
  if (o.versionRef) {
    const r = resolveKey(families, o.versionRef);
    if (!r.ok) return unusable(r.message);
    key = r.key;
  } else {
    const candidates = families.flatMap((f) => f.versions.map((v) => ({ key: `${f.id}/${v}`, version: v, declaredIn: f.versionDeclaredIn })));
    const r = resolveDeclaredVersion(candidates, readHead(abs, encoding), VERSION_REMEDY, o.file);
    if (!r.ok) return unusable(r.message);
    key = r.entry.key;
  }
  version = key;

  const { model, errors } = session.model(key);
  if (!model) {
    for (const e of errors) io.stderr.write(e + '\n');
    return unusable(`les données de la norme ${key} sont inutilisables (voir ci-dessus ; npx norme validate).`);
  }

  const checker = createChecker(model, { maxFindings: o.max, encoding });
  for await (const chunk of readTextChunks(abs, encoding)) checker.pushText(chunk);
  const report = checker.end();

  const notFlat = notFlatFile(report);
  if (notFlat) return unusable(`${o.file} ${notFlat}`);

  const ctx = { file: o.file, encoding };
  let nextReport: NextReport | undefined;
  if (o.next) {
    const n = nextKey(o.root, key);
    if (!n.ok) return unusable(n.message);
    const loaded = session.model(n.key);
    if (!loaded.model) {
      for (const e of loaded.errors) io.stderr.write(e + '\n');
      return unusable(`les données de la norme ${n.key} sont inutilisables (voir ci-dessus ; npx norme validate).`);
    }
    nextReport = await checkNext(readTextChunks(abs, encoding), report, model, loaded.model, n, o.max);
  }
  let out =
    o.format === 'json'
      ? formatJson(report, ctx)
      : o.format === 'jsonl'
        ? formatJsonLine(report, ctx)
        : o.format === 'html'
          ? formatHtml(report, ctx)
          : o.format === 'github'
            ? checkAnnotations(report, o.file, nextReport)
            : formatText(report, ctx);
  if (nextReport && o.format === 'json') out = JSON.stringify({ ...JSON.parse(out), next: nextDocument(nextReport) }, null, 2) + '\n';
  else if (nextReport && o.format === 'jsonl') out = JSON.stringify({ ...JSON.parse(out), next: nextDocument(nextReport) }) + '\n';
  else if (nextReport && o.format === 'text') out += formatNextText(nextReport, o.file);
  io.stdout.write(out);
  const count = (c: { bloquant: number; 'non bloquant': number }) => (o.failOn === 'bloquant' ? c.bloquant : c.bloquant + c['non bloquant']);
  const failing = count(report.counts) + (nextReport ? count(nextReport.counts) : 0);
  const b = report.counts.bloquant;
  const nb = report.counts['non bloquant'];
  return { code: failing > 0 ? 1 : 0, outcome: { file: o.file, version: key, status: b + nb ? 'constats' : 'sans constat', bloquant: b, nonBloquant: nb } };
}
