/**
 * The published shape: `npm pack` (which builds lib/ through `prepare`), install the tarball in
 * a scratch project, import `norme` and `norme/check` there, and reproduce what the CLI of this
 * checkout prints for `norme diff dsn/P26V01 dsn/P27V01 --format json` and `norme check`.
 * The installed `norme` bin runs the compiled JavaScript (no src/ in the package).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runNorme } from '../helpers/fixture.ts';

let dir: string;
let project: string;
let sample: string;
const NODE_DIR = path.dirname(process.execPath);
// npm and the installed bin's `#!/usr/bin/env node` must find this Node (≥ 22), not the machine's.
const env = { ...process.env, PATH: `${NODE_DIR}${path.delimiter}${process.env.PATH}`, npm_config_loglevel: 'error', npm_config_update_notifier: 'false' };

function sh(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} → ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'norme-pack-'));
  sh('npm', ['pack', '--pack-destination', dir, '--silent'], PROJECT_ROOT);
  const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
  project = path.join(dir, 'projet');
  sh('mkdir', ['-p', project], dir);
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'essai-editeur', private: true, type: 'module' }));
  sh('npm', ['install', path.join(dir, tgz), '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'], project);
  sample = path.join(dir, 'essai.dsn');
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('paquet publié (npm pack)', () => {
  it('contient le JavaScript compilé, les types et le registre, pas les sources TypeScript', () => {
    const pkg = path.join(project, 'node_modules/norme');
    expect(existsSync(path.join(pkg, 'lib/core/index.js'))).toBe(true);
    expect(readFileSync(path.join(pkg, 'lib/core/index.d.ts'), 'utf8')).toContain("export { registryRoot, loadBundledRegistry, checkDsn } from './api.js';");
    expect(readFileSync(path.join(pkg, 'lib/core/api.d.ts'), 'utf8')).toContain('export declare function checkDsn(registry: Registry, text: string, opts?: CheckDsnOptions): CheckDsnResult;');
    expect(existsSync(path.join(pkg, 'norm/dsn/P27V01/version.yaml'))).toBe(true);
    expect(existsSync(path.join(pkg, 'src'))).toBe(false);
    expect(existsSync(path.join(pkg, 'tests'))).toBe(false);
  });

  it('diffVersions et checkDsn importés depuis « norme » reproduisent norme diff et norme check', async () => {
    const gen = await runNorme(['sample', 'dsn/P26V01', '--salaries', '2', '--seed', '5', '--output', sample], PROJECT_ROOT);
    expect(gen.code).toBe(0);
    writeFileSync(
      path.join(project, 'essai.mjs'),
      `import { readFileSync } from 'node:fs';
import { loadBundledRegistry, diffVersions, diffDocument, checkDsn, hasErrors } from 'norme';
import { checkText, CHECK_MODEL_FORMAT } from 'norme/check';
const { registry, diagnostics } = loadBundledRegistry({ only: ['dsn/P26V01', 'dsn/P27V01'] });
const dsn = registry.families.get('dsn');
const diff = diffDocument(diffVersions(dsn.versions.get('P26V01'), dsn.versions.get('P27V01')));
const checked = checkDsn(registry, readFileSync(process.argv[2], 'utf8'), { next: true });
process.stdout.write(JSON.stringify({ errors: hasErrors(diagnostics.filter((d) => d.rule !== 'unknown-previous-version')), diff, report: checked.report, next: checked.next, subpath: typeof checkText === 'function' && CHECK_MODEL_FORMAT }));
`,
    );
    const lib = JSON.parse(sh(process.execPath, ['essai.mjs', sample], project));
    expect(lib.errors).toBe(false);
    expect(lib.subpath).toBe('norme-check-model/1');

    const cliDiff = await runNorme(['diff', 'dsn/P26V01', 'dsn/P27V01', '--format', 'json'], PROJECT_ROOT);
    expect(lib.diff).toEqual(JSON.parse(cliDiff.out));
    expect(lib.diff.summary.byRule['rubrique-added-mandatory']).toBe(1);

    const cliCheck = JSON.parse((await runNorme(['check', sample, '--format', 'json', '--next'], PROJECT_ROOT)).out);
    // The JSON output adds its $schema and, on each finding, `level` (the severity in the words of validate).
    type JsonFinding = { severity: string; level: string };
    const withoutLevel = (fs: JsonFinding[]) => fs.map(({ level, ...f }) => (expect(level).toBe(f.severity === 'bloquant' ? 'error' : 'warning'), f));
    const { file: _f, encoding: _e, rules: _r, $schema: _s, next: cliNext, ...cliReport } = cliCheck;
    expect(lib.report).toEqual({ ...cliReport, findings: withoutLevel(cliReport.findings) });
    const { report: _nr, ...libNext } = lib.next;
    expect(libNext).toEqual({ ...cliNext, findings: withoutLevel(cliNext.findings) });
    expect(libNext.findings.some((f: { rubrique: string; change: string; from: string }) => f.rubrique === 'S21.G00.40.084' && f.change === 'rubrique-added-mandatory' && f.from === '2027-01')).toBe(true);
  });

  it('les types (.d.ts) suffisent à un projet TypeScript strict', () => {
    writeFileSync(
      path.join(project, 'types.ts'),
      `import { checkDsn, loadBundledRegistry, type CheckDsnResult } from 'norme';
import { createChecker, type CheckReport } from 'norme/check';
const r: CheckDsnResult = checkDsn(loadBundledRegistry().registry, '');
const n: number = r.ok ? r.report.counts.bloquant : 0;
// @ts-expect-error a report has no such field
const bad: string = ({} as CheckReport).nope;
export { n, bad, createChecker };
`,
    );
    writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ['types.ts'] }));
    const tsc = path.join(PROJECT_ROOT, 'node_modules/typescript/bin/tsc');
    const r = spawnSync(process.execPath, [tsc, '-p', project], { cwd: project, env, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('le bin installé (node_modules/.bin/norme) tourne sur lib/ avec le registre du paquet', () => {
    const bin = path.join(project, 'node_modules/.bin/norme');
    const out = sh(bin, ['show', 'dsn/P26V01', 'S21.G00.40.007'], project);
    expect(out.split('\n')[0]).toBe('Rubrique S21.G00.40.007 — Nature du contrat   (dsn/P26V01)');
    const diff = JSON.parse(sh(bin, ['diff', 'dsn/P26V01', 'dsn/P27V01', '--format', 'json'], project));
    expect(diff.summary.total).toBeGreaterThan(100);
    expect(diff.from.key).toBe('dsn/P26V01');
  });
});
