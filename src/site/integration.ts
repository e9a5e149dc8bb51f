/**
 * The site build as an Astro integration (like Starlight's): `astro build` alone builds the
 * whole site; `npm run build` (scripts/build.mjs) builds it into a temporary folder and swaps.
 *
 * - astro:config:setup — a worker thread (src/site/build/worker.ts) loads and checks the
 *   registry while Astro bundles the pages, and hands it to the site model of this thread
 *   (src/site/build/context.ts: one load per build). A middleware hands the worker the HTML of
 *   the pages it needs as Astro renders them (src/site/build/middleware.ts): no file polling.
 * - while Astro renders its pages — the worker writes the 5 900 element pages into the shell
 *   Astro rendered first (src/site/write-pages.ts, src/site/render/pages.ts) and builds the
 *   search index (src/site/search/indexer.ts).
 * - astro:build:done — the element pages are all written (the templates are removed), the
 *   search bundle is moved into the output, sitemap.xml is written, and the report goes to the context.
 * `astro dev` does none of this (Astro renders every page, no index); its
 * astro:server:setup watches norm/ and consignes/ of the registry: on a change, the site model
 * cached for the pages is dropped and the browser reloads the page (the next request reloads
 * the registry and the fiches from the files).
 */
import { readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AstroIntegration } from 'astro';
import { buildContext, type LoadedConsignes, type LoadedRegistry } from './build/context.ts';
import { workerPageRank, type FromWorker, type SearchReport, type ToWorker, type WorkerInput } from './build/protocol.ts';
import type { WritePagesStats } from './write-pages.ts';
import { writeSitemap } from './sitemap.ts';
import { pinSearchBundle } from './search/bundle-links.ts';

/** A failed step of the build: what scripts/build.mjs says (`summary`), then the cause. */
function failed(summary: string, err: unknown): Error {
  const cause = String((err as Error)?.stack ?? err);
  buildContext().failure = { summary, cause };
  return new Error(`${summary}\n${cause}`);
}

export default function norme(): AstroIntegration {
  let worker: Worker | undefined;
  let registryRoot = '';
  let t0 = 0;
  let tLoaded = 0;
  let tRendered = 0;
  let tSearched = 0;
  let searchOut = '';
  let pages: Promise<WritePagesStats | null> = Promise.resolve(null);
  let search: Promise<SearchReport> | undefined;

  /** The first message `type` of the worker; rejected if the worker fails that step, fails or ends before. */
  function fromWorker<T extends FromWorker['type']>(type: T, step: 'pages' | 'search' | null, stopped: string): Promise<Extract<FromWorker, { type: T }>> {
    const p = new Promise<Extract<FromWorker, { type: T }>>((resolve, reject) => {
      worker!.on('message', (m: FromWorker) => {
        if (m.type === type) resolve(m as Extract<FromWorker, { type: T }>);
        else if (m.type === 'failed' && m.step === step) reject(Object.assign(new Error(m.message), { stack: m.stack ?? m.message }));
      });
      worker!.once('error', reject);
      worker!.once('exit', (code) => reject(new Error(`${stopped} (code ${code})`)));
    });
    p.catch(() => {});
    return p;
  }

  return {
    name: 'norme',
    hooks: {
      'astro:config:setup': ({ command, config, addMiddleware, updateConfig }) => {
        // Without its trailing slash: the site model (src/site/data.ts) takes the worker's registry only for the same root.
        const root = path.resolve(fileURLToPath(config.root));
        registryRoot = process.env.NORME_ROOT ? path.resolve(process.env.NORME_ROOT) : root;
        if (command !== 'build') return;
        t0 = performance.now();
        const ctx = buildContext();
        const outDir = fileURLToPath(config.outDir);
        // The worker creates the folders of the element pages while Astro starts: the output is
        // emptied now (as Astro would, .git kept), not by Astro once the worker has begun.
        for (const f of safeList(outDir)) if (f !== '.git') rmSync(path.join(outDir, f), { recursive: true, force: true });
        updateConfig({ vite: { build: { emptyOutDir: false } } });
        addMiddleware({ entrypoint: new URL('src/site/build/middleware.ts', config.root), order: 'pre' });

        searchOut = path.join(root, '.tmp', `pagefind-${process.pid}`);
        rmSync(searchOut, { recursive: true, force: true });
        const input: WorkerInput = { root: registryRoot, outDir, searchOut, options: ctx.options };
        worker = new Worker(fileURLToPath(new URL('src/site/build/worker.ts', config.root)), { workerData: input });
        const registry = fromWorker('registry', null, 'chargement du registre interrompu').then((m): LoadedRegistry => {
          tLoaded = performance.now();
          if (m.errors.length) ctx.registryErrors = m.errors;
          return { registry: m.registry, diagnostics: m.diagnostics };
        });
        const consignes = fromWorker('consignes', null, 'chargement des fiches consignes interrompu').then((m): LoadedConsignes => m.consignes);
        // Awaited by the site's pages; a failure before then must not end the process unhandled.
        registry.catch(() => {});
        consignes.catch(() => {});
        ctx.preloaded = { root: registryRoot, registry, consignes };
        ctx.externalPages = ctx.options.externalPages;
        if (ctx.options.externalPages) pages = fromWorker('pages', 'pages', "écriture des pages d'éléments interrompue").then((m) => m.stats);
        pages.catch(() => {});
        search = fromWorker('search', 'search', "construction de l'index interrompue").then((m) => ((tSearched = performance.now()), m.stats));
        search.catch(() => {});
        ctx.onPageHtml = (pathname, html) => {
          const file = pathname.replace(/^\//, '').replace(/\/?$/, '/') + 'index.html';
          worker!.postMessage({ type: 'page', file, html } satisfies ToWorker);
        };
      },
      'astro:server:setup': ({ server, logger }) => {
        const dirs = ['norm', 'consignes'].map((d) => path.join(registryRoot, d));
        server.watcher.add(dirs);
        let timer: ReturnType<typeof setTimeout> | undefined;
        const changed = (file: string) => {
          if (!dirs.some((d) => file.startsWith(d + path.sep))) return;
          // The site model (src/site/data.ts) and every cache built from it: rebuilt on the next request.
          buildContext().cache.clear();
          clearTimeout(timer);
          // One reload for the files of one save (an editor, a git checkout).
          timer = setTimeout(() => {
            logger.info(`${path.relative(registryRoot, file)} modifié : registre rechargé`);
            // Astro keeps the getStaticPaths of each route (their props hold the old model): the
            // event its content layer sends on a change of data clears that cache (astro/dist/content).
            for (const [name, env] of Object.entries(server.environments)) if (name !== 'client') env.hot.send('astro:content-changed', {});
            server.environments.client.hot.send({ type: 'full-reload', path: '*' });
          }, 100);
        };
        server.watcher.on('change', changed).on('add', changed).on('unlink', changed);
      },
      'astro:build:start': ({ setPrerenderer }) => {
        if (!worker) return;
        // The pages the worker needs are rendered first (the shell, then the fiches and the
        // unused-elements reports the index reads): the index is complete, and Pagefind writes
        // its bundle, while Astro renders its other pages.
        setPrerenderer((astro) => ({ ...astro, getStaticPaths: async () => workerPagesFirst(await astro.getStaticPaths()) }));
      },
      'astro:build:generated': () => {
        if (!worker) return;
        tRendered = performance.now();
        worker.postMessage({ type: 'rendered' } satisfies ToWorker);
      },
      'astro:build:done': async ({ dir }) => {
        if (!worker) return;
        const ctx = buildContext();
        const outDir = fileURLToPath(dir);
        try {
          let written: WritePagesStats | null;
          try {
            written = await pages;
            if (written) rmSync(path.join(outDir, written.templateDir), { recursive: true, force: true });
          } catch (err) {
            throw failed("les pages des éléments n'ont pas pu être écrites", err);
          }
          // sitemap.xml: every page of the output, Astro's and the element pages (src/site/sitemap.ts);
          // written while Pagefind, in its process, finishes the index (its bundle holds no page).
          writeSitemap(outDir);
          let searched: SearchReport;
          try {
            searched = await search!;
            if (!searched.off) renameSync(searchOut, path.join(outDir, 'pagefind'));
          } catch (err) {
            throw failed("l'index de recherche n'a pas pu être construit", err);
          }
          // The search page's head names the files of this index (src/site/search/bundle-links.ts).
          pinSearchBundle(outDir);
          ctx.report = {
            loadMs: Math.round(tLoaded - t0),
            astroMs: Math.round(tRendered - t0),
            pages: written,
            search: searched,
            searchAfterMs: Math.max(0, Math.round(tSearched - tRendered)),
          };
        } finally {
          rmSync(searchOut, { recursive: true, force: true });
          ctx.onPageHtml = undefined;
          ctx.externalPages = false;
        }
      },
    },
  };
}

/** `paths` with the pages the worker needs first (the templates, then the others), each group in Astro's order. */
export function workerPagesFirst<P extends { pathname: string }>(paths: P[]): P[] {
  const rank = (p: P) => workerPageRank(p.pathname) ?? 2;
  return paths.map((p, i) => ({ p, i, r: rank(p) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.p);
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
