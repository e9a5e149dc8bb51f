// Configuration Astro du site statique de norme (issue #4).
// Le registre est chargé une seule fois par construction (src/site/data.ts) ; la sortie
// est écrite de façon atomique par scripts/build.mjs (dossier temporaire puis renommage) ;
// le reste de la construction est l'intégration src/site/integration.ts.
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import norme from './src/site/integration.ts';
import { SITE_CONFIG } from './src/site/config.ts';

export default defineConfig({
  // One definition of the public address (src/site/config.ts): canonical links, sitemap.xml, robots.txt.
  site: SITE_CONFIG.url,
  output: 'static',
  trailingSlash: 'always',
  outDir: process.env.NORME_OUT_DIR ?? './dist',
  // The site build: registry loaded once, element pages, search index (src/site/integration.ts).
  integrations: [mdx(), norme()],
  build: {
    format: 'directory',
    // One shared stylesheet file instead of inlining it in ~10 000 pages.
    inlineStylesheets: 'never',
    // Pages rendered 4 at a time: rendering overlaps the writes of the ~6 000 files
    // (measured: about a third faster than 1 on the 2-core machine; see scripts/bench/site-build.mjs).
    concurrency: Number(process.env.NORME_BUILD_CONCURRENCY ?? 4),
  },
  devToolbar: { enabled: false },
  // `astro dev` must not watch build outputs (temporary builds land in .tmp/).
  vite: { server: { watch: { ignored: ['**/.tmp/**', '**/dist/**', '**/bench-results/**'] } } },
});
