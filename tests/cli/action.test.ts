/**
 * The GitHub Action (action.yml, composite): its `run:` steps are run for real with bash, with
 * the inputs and GitHub's variables set as a runner would, from a project folder outside this
 * repository (so the CLI uses the registry shipped with the action). Only the `uses:` step
 * (setup-node) and `npm ci` are not run: their text is checked instead.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runNorme } from '../helpers/fixture.ts';

interface Step {
  name: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  'working-directory'?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
const action = parse(readFileSync(path.join(PROJECT_ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string; required?: boolean }>;
  runs: { using: string; steps: Step[] };
};
const steps = action.runs.steps;
const step = (name: string) => steps.find((s) => s.name === name)!;

let dir: string;
let lines: string[];
let badLine: number;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'norme-action-'));
  const f = path.join(dir, 'propre.dsn');
  expect((await runNorme(['sample', 'dsn/P26V01', '--salaries', '2', '--seed', '21', '--output', f], PROJECT_ROOT)).code).toBe(0);
  lines = readFileSync(f, 'utf8').trimEnd().split('\n');
  badLine = lines.findIndex((l) => l.startsWith('S21.G00.40.007,')) + 1;
  expect(badLine).toBeGreaterThan(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `${{ inputs.x }}` and `${{ github.action_path }}` as the runner substitutes them. */
function expand(v: string, inputs: Record<string, string>): string {
  return v.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_m, k: string) => {
    if (k === 'github.action_path') return PROJECT_ROOT;
    if (k.startsWith('inputs.')) return inputs[k.slice(7)] ?? action.inputs[k.slice(7)]?.default ?? '';
    throw new Error(`expression non prévue : ${k}`);
  });
}

/** Run one `run:` step with bash, as the runner would; returns its exit code, stdout and job summary. */
function runStep(s: Step, inputs: Record<string, string>) {
  const summary = path.join(dir, `summary-${Math.random().toString(36).slice(2)}.md`);
  writeFileSync(summary, '');
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`,
    GITHUB_STEP_SUMMARY: summary,
    RUNNER_TEMP: dir,
  };
  for (const [k, v] of Object.entries(s.env ?? {})) env[k] = expand(v, inputs);
  expect(s.shell).toBe('bash');
  const r = spawnSync('bash', ['-e', '-c', s.run!], { cwd: dir, env, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr, summary: readFileSync(summary, 'utf8') };
}

describe('action GitHub (action.yml)', () => {
  it('composite, avec les entrées demandées ; Node 24 et installation sans dépendances de développement', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(['from', 'to', 'fail-on', 'files', 'next']);
    expect(step('Installer Node').uses).toMatch(/^actions\/setup-node@v\d+$/);
    expect(step('Installer Node').with?.['node-version']).toBe(24);
    const install = step('Installer norme (dépendances d\'exécution seulement)');
    expect(install.run?.trim()).toBe('npm ci --omit=dev --ignore-scripts --no-audit --no-fund');
    expect(install['working-directory']).toBe('${{ github.action_path }}');
    // No input is pasted into a script: everything goes through environment variables.
    for (const s of steps) expect(s.run ?? '').not.toContain('${{');
  });

  it('npm ci --omit=dev suffit : chaque paquet importé par src/core et src/cli est une dépendance d\'exécution', () => {
    const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const imported = new Set<string>();
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.ts')) {
          for (const m of readFileSync(p, 'utf8').matchAll(/^(?:import|export) (?!type )[^;]*?from '([^.'][^']*)'|import\('([^.'][^']*)'\)/gm)) {
            const spec = m[1] ?? m[2];
            if (spec.startsWith('node:')) continue;
            imported.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
          }
        }
      }
    };
    walk(path.join(PROJECT_ROOT, 'src/core'));
    walk(path.join(PROJECT_ROOT, 'src/cli'));
    // exceljs: only `norme import` (maintainers), loaded on demand.
    const missing = [...imported].filter((n) => !(n in pkg.dependencies) && n !== 'exceljs');
    expect(missing).toEqual([]);
  });

  it('note différentielle : la note Markdown dans le résumé, les changements en annotations, échec sur breaking', () => {
    const s = step('Note différentielle');
    expect(s.if).toBe("${{ inputs.from != '' && inputs.to != '' }}");
    const r = runStep(s, { from: 'dsn/P26V01', to: 'dsn/P27V01' });
    expect(r.summary.split('\n')[0]).toBe('# Note différentielle : dsn/P26V01 → dsn/P27V01');
    // From the official tables: S21.G00.40.084 is new in CT 2027, mandatory for nature 01.
    expect(r.out).toContain('::warning title=dsn/P26V01 → dsn/P27V01 — rubrique-added-mandatory S21.G00.40.084::Rubrique S21.G00.40.084 ajoutée dans un bloc existant, obligatoire pour la nature 01');
    expect(r.out).toContain('::warning title=dsn/P26V01 → dsn/P27V01 — rubrique-removed S21.G00.06.003::Rubrique S21.G00.06.003 supprimée : « Code APEN »');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/changement\(s\) de gravité « cassant » ou plus \(--fail-on breaking\)/);

    expect(runStep(s, { from: 'dsn/P26V01', to: 'dsn/P27V01', 'fail-on': 'none' }).code).toBe(0);
    const wrong = runStep(s, { from: 'dsn/P26V01', to: 'dsn/P27V01', 'fail-on': 'cassant' });
    expect(wrong.code).toBe(2);
    expect(wrong.out).toContain('::error title=norme::fail-on : valeur inconnue « cassant »');
  });

  it('auto-contrôle : annotation sur la ligne fautive, rapport dans le résumé ; version suivante en plus', () => {
    const s = step('Auto-contrôle des fichiers');
    expect(s.if).toBe("${{ inputs.files != '' }}");
    const bad = lines.map((l, i) => (i + 1 === badLine ? "S21.G00.40.007,'ZZ'" : l));
    writeFileSync(path.join(dir, 'faux.dsn'), bad.join('\n') + '\n');

    const ok = runStep(s, { files: 'propre.dsn' });
    expect(ok.out).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.summary).toContain('### Auto-contrôle de `propre.dsn`\n\n```text\nAuto-contrôle de propre.dsn : norme dsn/P26V01');

    const r = runStep(s, { files: '*.dsn' });
    expect(r.out).toBe(`::error file=faux.dsn,line=${badLine},title=dsn/P26V01 — value-code::S21.G00.40.007 Valeur « ZZ » absente de la liste DSN_NatureContrat.\n`);
    expect(r.code).toBe(1);
    expect(r.summary).toContain('### Auto-contrôle de `faux.dsn`');
    expect(r.summary).toContain('### Auto-contrôle de `propre.dsn`');

    const n = runStep(s, { files: 'propre.dsn', next: 'true', 'fail-on': 'none' });
    expect(n.code).toBe(0);
    const contract = lines.findIndex((l) => l.startsWith('S21.G00.40.001,')) + 1;
    expect(n.out).toContain(`::warning file=propre.dsn,line=${contract},title=dsn/P27V01 dès 2027-01 — nouvelle rubrique obligatoire::S21.G00.40.084 Rubrique S21.G00.40.084`);
    expect(n.summary).toContain('Version suivante : dsn/P27V01 (Année 2027 Version 1), applicable à partir de janvier 2027');

    const none = runStep(s, { files: 'absent/*.dsn' });
    expect(none.code).toBe(2);
    expect(none.out).toContain('::error title=norme::aucun fichier ne correspond à « absent/*.dsn »');
  });
});
