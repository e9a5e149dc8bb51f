/**
 * The boundaries of the code, tested rather than commented: what runs in the browser imports no
 * Node module, the core imports nothing from the site or the CLI, and the CLI's commands do not
 * load the whole core (src/core/index.ts) for a few functions. Imports are read from the sources
 * (type-only imports are erased: they do not count).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const rel = (abs: string) => path.relative(ROOT, abs);

/** Run-time imports of a module (static, dynamic, re-exports), as written. */
function importsOf(file: string): string[] {
  let src = readFileSync(file, 'utf8');
  if (file.endsWith('.astro')) src = [...src.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
  src = src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const out: string[] = [];
  for (const m of src.matchAll(/^\s*(import|export)\s+(type\s+)?([^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) if (!m[2]) out.push(m[4]);
  for (const m of src.matchAll(/\bimport\(\s*(?:\/\*[^*]*\*\/\s*)?['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]);
  for (const m of src.matchAll(/new URL\(\s*['"](\.[^'"]+\.ts)['"]\s*,\s*import\.meta\.url\s*\)/g)) out.push(m[1]);
  return out;
}

/** Every import of a module, type-only ones included (a type-only cycle is still a cycle of stages). */
function allImportsOf(file: string): string[] {
  const src = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return [...src.matchAll(/^\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm)].map((m) => m[1]);
}

/** Every module reachable from `entries` through relative imports, with what each imports. */
function graph(entries: string[]): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const todo = [...entries];
  while (todo.length) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    const specs = importsOf(f);
    seen.set(f, specs);
    for (const s of specs) if (s.startsWith('.')) todo.push(path.resolve(path.dirname(f), s));
  }
  return seen;
}

function filesUnder(dir: string, ext: RegExp): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && ext.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

describe('frontières du code', () => {
  test("le code exécuté dans le navigateur n'importe aucun module de Node", () => {
    // The client scripts of the pages (<script> of .astro files) and the workers they start.
    const entries = filesUnder('src', /\.astro$/).filter((f) => /<script(?![^>]*is:inline)[^>]*>/.test(readFileSync(f, 'utf8')));
    expect(entries.length).toBeGreaterThan(3);
    const g = graph(entries);
    expect([...g.keys()].map(rel)).toContain('src/site/compare/page.ts');
    expect([...g.keys()].map(rel)).toContain('src/site/autocontrole/worker.ts');
    const node = [...g].flatMap(([f, specs]) => specs.filter((s) => s.startsWith('node:') || /^(fs|path|url|os|child_process|worker_threads)$/.test(s)).map((s) => `${rel(f)} → ${s}`));
    expect(node).toEqual([]);
  });

  test("src/core n'importe rien de src/site ni de src/cli", () => {
    const wrong = filesUnder('src/core', /\.ts$/).flatMap((f) =>
      importsOf(f)
        .filter((s) => s.startsWith('.') && /^src\/(site|cli)\//.test(rel(path.resolve(path.dirname(f), s))))
        .map((s) => `${rel(f)} → ${s}`),
    );
    expect(wrong).toEqual([]);
  });

  test("src/cli n'importe rien de src/site (le schéma d'URL est dans le cœur : src/core/urls.ts)", () => {
    const files = filesUnder('src/cli', /\.ts$/);
    expect(files.length).toBeGreaterThan(10);
    const wrong = files.flatMap((f) =>
      importsOf(f)
        .filter((s) => s.startsWith('.') && /^src\/(site|pages)\//.test(rel(path.resolve(path.dirname(f), s))))
        .map((s) => `${rel(f)} → ${s}`),
    );
    expect(wrong).toEqual([]);
  });

  test('les étapes du chargement du registre ne forment aucun cycle ; load n\'importe pas les suivantes', () => {
    // load (files → raw) → resolve (raw → versions) → journal (amended raw → resolve → validate) ; validate (diagnostics).
    const STAGES = ['load', 'resolve', 'validate', 'journal'];
    const stageOf = (abs: string) => {
      const m = /^src\/core\/([^/]+)\//.exec(rel(abs));
      return m && STAGES.includes(m[1]) ? m[1] : undefined;
    };
    const edges = new Map<string, Set<string>>(STAGES.map((s) => [s, new Set()]));
    const via = new Map<string, string>();
    for (const stage of STAGES) {
      for (const f of filesUnder(`src/core/${stage}`, /\.ts$/)) {
        for (const spec of allImportsOf(f)) {
          if (!spec.startsWith('.')) continue;
          const to = stageOf(path.resolve(path.dirname(f), spec));
          if (!to || to === stage) continue;
          edges.get(stage)!.add(to);
          if (!via.has(`${stage}→${to}`)) via.set(`${stage}→${to}`, `${rel(f)} → ${spec}`);
        }
      }
    }
    expect([...edges.get('load')!].map((to) => via.get(`load→${to}`))).toEqual([]);
    // Depth-first search: a stage met again on the current path closes a cycle.
    const cycles: string[] = [];
    const walk = (s: string, stack: string[]) => {
      if (stack.includes(s)) {
        const c = [...stack.slice(stack.indexOf(s)), s];
        cycles.push(c.slice(1).map((to, i) => via.get(`${c[i]}→${to}`)).join(' ; '));
        return;
      }
      for (const to of edges.get(s)!) walk(to, [...stack, s]);
    };
    for (const s of STAGES) walk(s, []);
    expect(cycles).toEqual([]);
    // The pipeline really is read: resolve uses load, validate reads what load kept.
    expect([...edges.get('resolve')!].sort()).toContain('load');
    expect([...edges.get('validate')!].sort()).toContain('load');
  });

  test('les commandes de la CLI ne chargent pas tout le cœur (src/core/index.ts)', () => {
    const barrel = path.join(ROOT, 'src/core/index.ts');
    const importing = filesUnder('src/cli', /\.ts$/)
      .filter((f) => importsOf(f).some((s) => s.startsWith('.') && path.resolve(path.dirname(f), s) === barrel))
      .map(rel)
      .sort();
    // Commands that still do (to narrow to the modules they use, as src/cli/context.ts does):
    // the list may only shrink; a command that no longer imports the barrel must leave it.
    const STILL = ['src/cli/commands/check.ts', 'src/cli/commands/export.ts', 'src/cli/commands/journal.ts', 'src/cli/commands/review.ts', 'src/cli/commands/version.ts'];
    expect(importing).toEqual(STILL);
  });
});
