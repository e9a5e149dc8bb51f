/**
 * Running the site build from a script (scripts/build.mjs, scripts/bench/build-variant.mjs):
 * `astro build` with the integration's options, what it reports, what to say when it fails.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildContext, type BuildOptions } from './context.ts';
import type { BuildReport } from './protocol.ts';

/** Rolldown's thread counts (its async runtime, its blocking pool, its parallel iterators). */
const ROLLDOWN_THREADS = ['ROLLDOWN_WORKER_THREADS', 'ROLLDOWN_MAX_BLOCKING_THREADS', 'RAYON_NUM_THREADS'];

/** `astro build` of the project at `root` into `outDir` (the integration does the rest: src/site/integration.ts). */
export async function astroBuild(root: string, outDir: string, o: { options?: Partial<BuildOptions>; verbose?: boolean } = {}): Promise<BuildReport> {
  const ctx = buildContext();
  Object.assign(ctx.options, o.options);
  // Rolldown (Astro's bundler) starts about ten threads of its own; on the 2-core machine they
  // compete with the registry worker and Pagefind (measured in docs/performance.md). Read once,
  // when Rolldown starts: set before Astro is imported.
  for (const v of ROLLDOWN_THREADS) process.env[v] ??= '1';
  const { build } = await import('astro');
  // Astro's own log lists every page written (6 000 lines, and 1 to 2 s of build time measured):
  // only its warnings and errors unless `verbose`.
  await build({ root, outDir, logLevel: o.verbose ? 'info' : 'warn' });
  if (!ctx.report) throw new Error("l'intégration norme n'a rien rapporté (absente de astro.config.mjs ?)");
  return ctx.report;
}

/** What to print when the build failed (`outLabel/` is left as it was). */
export function failureMessage(err: unknown, outLabel: string): string {
  const ctx = buildContext();
  if (ctx.registryErrors) {
    return ctx.registryErrors.join('\n') + `\n\nnorme : ${ctx.registryErrors.length} erreur(s) dans le registre ; site non construit, ${outLabel}/ inchangé.\n`;
  }
  if (ctx.failure) return `\nnorme : ${ctx.failure.summary} ; ${outLabel}/ inchangé.\n${ctx.failure.cause}\n`;
  return `\nnorme : la construction du site a échoué ; ${outLabel}/ inchangé.\n${(err as Error)?.stack ?? err}\n`;
}

/** The line about the search index. */
export function searchLine(r: BuildReport): string {
  const s = r.search;
  if (s.off) return "norme : index de recherche non construit (mesures) : la recherche de ce site ne répondra pas.\n";
  return (
    `norme : index de recherche — ${s.pages} pages et ${s.byType['contrôle'] ?? 0} contrôles ` +
    `(${s.byScope.actuelle} dans la version applicable, ${s.byScope.autre} dans d'autres versions), ` +
    `${(s.bytes / 2 ** 20).toFixed(1)} Mio, construit pendant les pages` +
    (r.searchAfterMs > 0 ? ` (terminé ${(r.searchAfterMs / 1000).toFixed(1)} s après elles).\n` : '.\n')
  );
}

/** HTML pages, files and bytes of a built output. */
export function outputStats(dir: string): { pages: number; files: number; bytes: number } {
  const st = { pages: 0, files: 0, bytes: 0 };
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        st.files++;
        st.bytes += statSync(p).size;
        if (e.name.endsWith('.html')) st.pages++;
      }
    }
  };
  walk(dir);
  return st;
}
