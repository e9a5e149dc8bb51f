/**
 * The worker thread of the site build (started by src/site/integration.ts): it loads and checks
 * the registry while Astro starts, then writes the 5 900 element pages into the shell Astro
 * renders (src/site/write-pages.ts) and builds the search index, while Astro renders its own
 * pages in the main thread. The HTML of the pages it needs from Astro (the shell, the fiches
 * consignes) comes by message, as Astro renders them (src/site/build/middleware.ts).
 */
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import * as core from '../../core/index.ts';
import { processCpuMs } from '../../../scripts/bench/cpu-usage.mjs';
import { buildContext } from './context.ts';
import type { FromWorker, ToWorker, WorkerInput } from './protocol.ts';

const input = workerData as WorkerInput;
const port = parentPort!;
const send = (m: FromWorker) => port.postMessage(m);

// The pages Astro renders, by file, as the main thread sends them.
const pages = new Map<string, string>();
const waiting = new Map<string, ((html: string | undefined) => void)[]>();
let rendered = false;
port.on('message', (m: ToWorker) => {
  if (m.type === 'page') {
    pages.set(m.file, m.html);
    for (const w of waiting.get(m.file) ?? []) w(m.html);
    waiting.delete(m.file);
  } else {
    rendered = true;
    for (const ws of waiting.values()) for (const w of ws) w(undefined);
    waiting.clear();
  }
});

/** The HTML of a page Astro renders (path in the output); undefined if Astro renders no such page. */
function pageHtml(file: string): Promise<string | undefined> {
  if (pages.has(file) || rendered) return Promise.resolve(pages.get(file));
  return new Promise((resolve) => waiting.set(file, [...(waiting.get(file) ?? []), resolve]));
}

const { registry, diagnostics } = core.loadRegistry(input.root);
send({ type: 'registry', registry, diagnostics, errors: diagnostics.filter((d) => d.severity === 'error').map(core.formatDiagnostic) });
const month = process.env.NORME_TODAY ?? core.monthOf(new Date());
if (!core.hasErrors(diagnostics)) {
  const consignes = core.loadConsignes(input.root, registry);
  send({ type: 'consignes', consignes });
  // src/site/data.ts builds the site model of this thread from them, not from a second load.
  buildContext().preloaded = { root: input.root, registry: Promise.resolve({ registry, diagnostics }), consignes: Promise.resolve(consignes) };
  const { indexedElements } = await import('../search/indexer.ts');
  // The norm elements the search index holds (computed once: the pages it reads are written first).
  const elements = input.options.search ? indexedElements(registry, month, core) : null;
  const mains = input.options.externalPages && elements ? pageMains() : null;
  const pagesDone = input.options.externalPages ? writePages(mains, elements) : Promise.resolve();
  if (!elements) {
    await pagesDone;
    send({ type: 'search', stats: { off: true, workerCpuMs: threadCpu() } });
  } else await buildIndex(elements, consignes.consignes, pagesDone, mains);
  await pagesDone;
}
// Nothing more to receive: let the thread end.
port.removeAllListeners('message');
port.unref();

function threadCpu(): number {
  const own = process.threadCpuUsage();
  return Math.round((own.user + own.system) / 1000);
}

/** What the search index reads of the pages this thread writes (their <main>), by file. */
function pageMains() {
  const waitingMain = new Map<string, { promise: Promise<string>; resolve: (m: string) => void }>();
  let listed!: () => void;
  const list = new Promise<void>((r) => (listed = r));
  return {
    onList(files: string[]) {
      for (const f of files) {
        let resolve!: (m: string) => void;
        const promise = new Promise<string>((r) => (resolve = r));
        waitingMain.set(f, { promise, resolve });
      }
      listed();
    },
    onPage(file: string, main: string) {
      waitingMain.get(file)?.resolve(main);
    },
    async get(file: string): Promise<string | undefined> {
      await list;
      const w = waitingMain.get(file);
      if (!w) return undefined;
      const main = await w.promise;
      waitingMain.delete(file);
      return main;
    },
  };
}
type Mains = ReturnType<typeof pageMains>;
type Elements = ReturnType<typeof import('../search/indexer.ts').indexedElements>;

/** The element pages, written into the shell; the pages the index reads come first. */
async function writePages(mains: Mains | null, elements: Elements | null): Promise<void> {
  try {
    const { writeBuildPages } = await import('../write-pages.ts');
    const { pageFile } = await import('../render/pages.ts');
    const { recordPage } = await import('../render/kinds.ts');
    let first: ((p: Parameters<typeof pageFile>[0]) => number | undefined) | undefined;
    if (elements) {
      // The pages of the records, in index order (src/site/render/kinds.ts: a control has none, it is on its rubrique's page).
      const files = new Map<string, number>();
      for (const s of elements) {
        const file = recordPage(s)?.file;
        if (file !== undefined && !files.has(file)) files.set(file, files.size);
      }
      first = (p) => files.get(pageFile(p));
    }
    const stats = await writeBuildPages({
      outDir: input.outDir,
      pageHtml,
      first,
      // Only the pages the index reads are kept for it.
      onList: mains && ((list) => mains.onList((first ? list.filter((p) => first(p) !== undefined) : list).map(pageFile))),
      onPage: mains && ((p, main) => mains.onPage(pageFile(p), main)),
    });
    send({ type: 'pages', stats });
  } catch (err) {
    const e = err as Error;
    send({ type: 'failed', step: 'pages', message: String(e?.message ?? err), stack: e?.stack });
  }
}

/** The search index, built while Astro renders its pages; the bundle goes to `input.searchOut`. */
async function buildIndex(elements: Elements, consignes: Parameters<typeof import('../search/indexer.ts').buildSearchIndex>[0]['consignes'], pagesDone: Promise<void>, mains: Mains | null): Promise<void> {
  // Lowest priority for this thread and the Pagefind process it starts (Linux: per thread), but
  // not while this thread also writes the element pages, which the build waits for.
  if (process.platform === 'linux' && input.options.nice && !input.options.externalPages) {
    try {
      os.setPriority(19);
    } catch {}
  }
  try {
    const { buildSearchIndex } = await import('../search/indexer.ts');
    const { recordPage, renderIndexMain } = await import('../render/kinds.ts');
    // The pages this thread writes: what the index reads of them, as written; without them (Astro
    // writes them: `--astro-pages`), rendered by the same functions.
    const render = mains ? async (s: Elements[number]) => (await mains.get(recordPage(s)!.file)) ?? renderIndexMain(s) : renderIndexMain;
    let pagefindCpuMs: number | null = null;
    const stats = await buildSearchIndex({
      outDir: input.outDir,
      registry,
      root: input.root,
      month: month,
      core,
      outputPath: input.searchOut,
      render,
      pageHtml,
      consignes,
      elements,
      oneProcessor: input.options.pin,
      beforeClose: (pid) => (pagefindCpuMs = processCpuMs(pid)),
    });
    await pagesDone;
    send({ type: 'search', stats: { ...stats, workerCpuMs: threadCpu(), pagefindCpuMs } });
  } catch (err) {
    const e = err as Error;
    send({ type: 'failed', step: 'search', message: String(e?.message ?? err), stack: e?.stack });
  }
}
