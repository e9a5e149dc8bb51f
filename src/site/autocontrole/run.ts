/**
 * The check of one File in the browser, shared by the Web Worker (worker.ts) and the
 * in-page fallback (page.ts). Same core as `npx norme check` (src/core/check): encoding
 * detection, declared version, streaming check. The only network access is the `fetch` of
 * the version's check model (same origin, GET): the file's bytes never leave this code.
 */
import {
  CHECK_MODEL_FORMAT,
  compileCheckModel,
  createChecker,
  decodeChunks,
  decodeHead,
  detectEncoding,
  notFlatFile,
  resolveDeclaredVersion,
  unusableEncoding,
  compareWithNext,
  type CheckModel,
  type NextReport,
  type CheckReport,
  type CompiledModel,
  type DeclaredVersion,
  type VersionRemedy,
  type FileEncoding,
} from '../../core/check/index.ts';
import { blockOfRubrique } from '../../core/model/ids.ts';

/** One version the page can check against (read from the options of the version select). */
export interface ModelEntry {
  /** `dsn/P26V01` */
  key: string;
  family: string;
  version: string;
  /** Rubrique where the family declares its version (`S10.G00.00.006`), if any. */
  declaredIn?: string;
  /** `/dsn/P26V01/check-model.json` */
  url: string;
  /** The next version of the family (for « contrôler aussi contre la version suivante »). */
  next?: { key: string; url: string; from?: string; inferred?: boolean };
}

export interface RunRequest {
  file: Blob & { name?: string };
  models: ModelEntry[];
  /** Key of the version to use; empty: the version declared in the file. */
  choice: string;
  maxFindings: number;
  /** Also check against the next version of the family (src/core/check/next.ts). */
  next?: boolean;
}

export interface RunProgress {
  phase: 'encodage' | 'modele' | 'controle';
  /** Bytes read in this phase. */
  done: number;
  total: number;
}

export interface RunSuccess {
  ok: true;
  key: string;
  family: string;
  version: string;
  /** The version was taken from the file (not chosen in the list). */
  auto: boolean;
  declared?: DeclaredVersion;
  encoding: FileEncoding;
  report: CheckReport;
  /** What would change under the next version (when asked and the family has one). */
  next?: NextReport;
  /** Why there is no `next` although it was asked (French). */
  nextMissing?: string;
  /** Names of the rubriques and blocks the findings and unverified controls mention (present in the version). */
  rubriqueNames: Record<string, string>;
  blockNames: Record<string, string>;
  ms: { encoding: number; model: number; check: number; total: number };
}

export interface RunFailure {
  ok: false;
  /** French, for the user. */
  message: string;
}

export type RunResult = RunSuccess | RunFailure;

export class Cancelled extends Error {}

const HEAD_BYTES = 64 * 1024;

/** Byte chunks of a Blob (File), counted for the progress bar. */
async function* blobChunks(blob: Blob, onBytes?: (n: number) => void, signal?: { cancelled: boolean }): AsyncGenerator<Uint8Array> {
  const reader = blob.stream().getReader();
  let n = 0;
  try {
    for (;;) {
      if (signal?.cancelled) throw new Cancelled();
      const { done, value } = await reader.read();
      if (done) return;
      n += value.byteLength;
      onBytes?.(n);
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

const models = new Map<string, Promise<CompiledModel>>();

/** The compiled check model of a version, fetched once per page (or worker) and kept. */
export function loadModel(url: string): Promise<CompiledModel> {
  let p = models.get(url);
  if (!p) {
    p = (async () => {
      // GET of a static file of the site; nothing about the file is in the request.
      const res = await fetch(url, { method: 'GET', credentials: 'same-origin' });
      if (!res.ok) throw new Error(`données de contrôle introuvables (${url}, HTTP ${res.status})`);
      const model = (await res.json()) as CheckModel;
      if (model.format !== CHECK_MODEL_FORMAT) throw new Error(`format de données de contrôle inattendu (${String(model.format)})`);
      return compileCheckModel(model);
    })();
    p.catch(() => models.delete(url));
    models.set(url, p);
  }
  return p;
}

/** Which version to check against: the one chosen, else the one declared at the head of the file. */
export function resolveVersion(req: Pick<RunRequest, 'models' | 'choice'>, head: string): { entry: ModelEntry; declared?: DeclaredVersion } | { message: string } {
  const r = resolveDeclaredVersion(req.models, head, VERSION_REMEDY);
  if (req.choice) {
    const entry = req.models.find((m) => m.key === req.choice);
    return entry ? { entry, declared: r.declared } : { message: `version ${req.choice} inconnue.` };
  }
  return r.ok ? { entry: r.entry, declared: r.declared } : { message: r.message };
}

/** What the page tells to do when the file declares no usable version. */
const VERSION_REMEDY: VersionRemedy = {
  none: '. Choisissez la version dans la liste « Version de la norme ».',
  ambiguous: '. Choisissez la version dans la liste « Version de la norme ».',
  unknown: ". Choisissez la version dans la liste « Version de la norme » pour contrôler contre l'une d'elles.",
};

export async function runCheck(req: RunRequest, onProgress?: (p: RunProgress) => void, signal?: { cancelled: boolean }): Promise<RunResult> {
  const t0 = performance.now();
  const size = req.file.size;
  if (size === 0) return { ok: false, message: 'le fichier est vide.' };
  const progress = (phase: RunProgress['phase']) => (done: number) => onProgress?.({ phase, done, total: size });

  const badEncoding = unusableEncoding(new Uint8Array(await req.file.slice(0, 64).arrayBuffer()));
  if (badEncoding) return { ok: false, message: `le fichier ${badEncoding}` };
  const encoding = await detectEncoding(blobChunks(req.file, progress('encodage'), signal));
  const t1 = performance.now();
  const head = decodeHead(new Uint8Array(await req.file.slice(0, HEAD_BYTES).arrayBuffer()), encoding);
  const which = resolveVersion(req, head);
  if ('message' in which) return { ok: false, message: which.message };
  const { entry, declared } = which;
  onProgress?.({ phase: 'modele', done: 0, total: size });
  let cm: CompiledModel;
  try {
    cm = await loadModel(entry.url);
  } catch (err) {
    return { ok: false, message: `les données de la norme ${entry.key} n'ont pas pu être chargées : ${(err as Error).message}.` };
  }
  const t2 = performance.now();

  const checker = createChecker(cm, { maxFindings: req.maxFindings, encoding });
  for await (const text of decodeChunks(blobChunks(req.file, progress('controle'), signal), encoding)) checker.pushText(text);
  const report = checker.end();
  const t3 = performance.now();

  const notFlat = notFlatFile(report);
  if (notFlat) return { ok: false, message: `ce ${notFlat}` };

  let next: NextReport | undefined;
  let nextMissing: string | undefined;
  if (req.next) {
    if (!entry.next) nextMissing = `aucune version après ${entry.version} dans le registre : rien à comparer.`;
    else {
      try {
        const nm = await loadModel(entry.next.url);
        const nc = createChecker(nm, { maxFindings: req.maxFindings });
        for await (const text of decodeChunks(blobChunks(req.file, undefined, signal), encoding)) nc.pushText(text);
        next = compareWithNext(report, cm, nc.end(), { model: nm, from: entry.next.from, inferred: entry.next.inferred });
      } catch (err) {
        if (err instanceof Cancelled) throw err;
        nextMissing = `les données de la norme ${entry.next.key} n'ont pas pu être chargées : ${(err as Error).message}.`;
      }
    }
  }

  const rubriqueNames: Record<string, string> = {};
  const blockNames: Record<string, string> = {};
  const name = (id: string | undefined) => {
    if (!id || id in rubriqueNames) return;
    const r = cm.rubriques.get(id);
    if (r) rubriqueNames[id] = r.name;
    const b = r?.block ?? cm.blocks.get(blockOfRubrique(id));
    if (b) blockNames[b.id] = b.name;
  };
  for (const f of report.findings) name(f.rubrique);
  for (const u of report.unverified.byRubrique) name(u.rubrique);
  return {
    ok: true,
    key: entry.key,
    family: entry.family,
    version: entry.version,
    auto: !req.choice,
    declared,
    encoding,
    report,
    ...(next ? { next } : {}),
    ...(nextMissing ? { nextMissing } : {}),
    rubriqueNames,
    blockNames,
    ms: { encoding: t1 - t0, model: t2 - t1, check: t3 - t2, total: t3 - t0 },
  };
}
