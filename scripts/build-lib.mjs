// npm run build:lib (and npm's `prepare`, so `npm install` on a clean clone and `npm pack` build it):
// compiles src/core and src/cli to JavaScript + .d.ts in lib/ (gitignored), then copies the data
// files the code reads at run time (JSON Schemas, rule catalogue). The published package runs
// lib/ (Node does not strip TypeScript types under node_modules); a checkout runs src/ directly.
//
// A type error does not stop the build (tsc still emits JavaScript): `npm run typecheck` is
// where types are enforced; a failed `npm install` because of one would help nobody.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LIB = path.join(ROOT, 'lib');
const quiet = process.argv.includes('--quiet');

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  // Installed as a dependency without devDependencies: lib/ comes from the package itself.
  if (existsSync(path.join(LIB, 'core/index.js'))) process.exit(0);
  console.error('norme : TypeScript absent, lib/ ne peut pas être construit (npm install).');
  process.exit(1);
}

rmSync(LIB, { recursive: true, force: true });
const t0 = performance.now();
const r = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.lib.json')], { cwd: ROOT, encoding: 'utf8' });
if (r.status !== 0) {
  process.stderr.write(r.stdout + r.stderr);
  if (!existsSync(path.join(LIB, 'core/index.js'))) {
    console.error('norme : la compilation de lib/ a échoué.');
    process.exit(1);
  }
  console.error('norme : lib/ construit malgré des erreurs de type (voir ci-dessus ; npm run typecheck).');
}

/** tsc rewrites `./x.ts` to `./x.js` in the JavaScript only: do the same in the .d.ts files. */
function rewriteDeclarations(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) rewriteDeclarations(p);
    else if (e.name.endsWith('.d.ts')) {
      const text = readFileSync(p, 'utf8');
      const fixed = text.replace(/((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]+)\.ts(['"])/g, '$1$2.js$3');
      if (fixed !== text) writeFileSync(p, fixed);
    }
  }
}
rewriteDeclarations(LIB);

/** Data files next to the code (schemas, catalogues): everything that is not TypeScript. */
function copyAssets(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const src = path.join(dir, e.name);
    if (e.isDirectory()) copyAssets(src);
    else if (!/\.(ts|tsx|js|mjs)$/.test(e.name)) {
      const dest = path.join(LIB, path.relative(path.join(ROOT, 'src'), src));
      if (!existsSync(dest) || statSync(dest).mtimeMs < statSync(src).mtimeMs) cpSync(src, dest);
    }
  }
}
copyAssets(path.join(ROOT, 'src/core'));
copyAssets(path.join(ROOT, 'src/cli'));
if (!quiet) console.log(`lib/ construit en ${((performance.now() - t0) / 1000).toFixed(1)} s (tsc -p tsconfig.lib.json).`);
