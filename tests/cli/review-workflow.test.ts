/**
 * The pull-request workflow cannot run here: check that every `run:` step invokes an existing
 * npm script or a norme command with valid options, by running the norme commands for real
 * in a temporary Git repository.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { COMMANDS } from '../../src/cli/main.ts';
import { PROJECT_ROOT } from '../helpers/fixture.ts';
import { run, tempProject, type TempProject } from '../core/review/helpers.ts';

const WORKFLOW = path.join(PROJECT_ROOT, '.github/workflows/pull-request.yml');
const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; engines: { node: string } };

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { env?: Record<string, string>; steps: Step[] }>;
}

const wf = parse(readFileSync(WORKFLOW, 'utf8')) as Workflow;
const job = Object.values(wf.jobs)[0];
const steps = job.steps;

/** `${{ github.xxx }}` for a pull request towards `main`. */
const GITHUB_CONTEXT: Record<string, string> = { 'github.base_ref': 'main', 'github.event_name': 'pull_request' };
function evalExpressions(s: string): string {
  return s.replace(/\$\{\{\s*([\w.]+)\s*\}\}/g, (_m, k: string) => {
    if (!(k in GITHUB_CONTEXT)) throw new Error(`expression non prévue par le test : ${k}`);
    return GITHUB_CONTEXT[k];
  });
}

/**
 * A small POSIX-ish word splitter: quotes, `$VAR` / `${VAR}` expansion, `&&` and new lines
 * between commands, `>` / `>>` redirections (kept apart). Enough for the workflow's steps; any
 * construct it does not know (pipes, subshells, `;`) fails the test, so the workflow stays simple.
 */
function splitCommands(script: string, env: Record<string, string>): Array<{ argv: string[]; redirect?: string }> {
  const out: Array<{ argv: string[]; redirect?: string }> = [];
  let argv: string[] = [];
  let word: string | null = null;
  let redirect: string | undefined;
  let pendingRedirect = false;
  const endWord = () => {
    if (word === null) return;
    if (pendingRedirect) {
      redirect = word;
      pendingRedirect = false;
    } else argv.push(word);
    word = null;
  };
  const endCommand = () => {
    endWord();
    if (argv.length) out.push({ argv, ...(redirect ? { redirect } : {}) });
    argv = [];
    redirect = undefined;
  };
  const expand = (s: string, i: number): [string, number] => {
    const m = /^\$(?:\{(\w+)\}|(\w+))/.exec(s.slice(i));
    if (!m) throw new Error(`« $ » non pris en charge dans : ${script}`);
    const name = m[1] ?? m[2];
    if (!(name in env)) throw new Error(`variable non définie dans le workflow : ${name}`);
    return [env[name], i + m[0].length];
  };
  for (let i = 0; i < script.length; ) {
    const ch = script[i];
    if (ch === '\\' && script[i + 1] === '\n') { i += 2; continue; }
    if (ch === '\n') { endCommand(); i++; continue; }
    if (ch === ' ' || ch === '\t') { endWord(); i++; continue; }
    if (script.startsWith('&&', i)) { endCommand(); i += 2; continue; }
    if (ch === '>') {
      endWord();
      pendingRedirect = true;
      i += script.startsWith('>>', i) ? 2 : 1;
      continue;
    }
    if ('|;`()<'.includes(ch)) throw new Error(`construction shell non prise en charge « ${ch} » dans : ${script}`);
    word ??= '';
    if (ch === "'") {
      const j = script.indexOf("'", i + 1);
      word += script.slice(i + 1, j);
      i = j + 1;
    } else if (ch === '"') {
      i++;
      while (script[i] !== '"') {
        if (i >= script.length) throw new Error(`guillemet non fermé dans : ${script}`);
        if (script[i] === '$') {
          const [v, j] = expand(script, i);
          word += v;
          i = j;
        } else word += script[i++];
      }
      i++;
    } else if (ch === '$') {
      const [v, j] = expand(script, i);
      word += v;
      i = j;
    } else {
      word += ch;
      i++;
    }
  }
  endCommand();
  return out;
}

let repo: TempProject;
beforeAll(() => {
  repo = tempProject({ git: true });
  // What actions/checkout with fetch-depth: 0 provides: the base branch as origin/<base>.
  repo.git('update-ref', 'refs/remotes/origin/main', 'HEAD');
});
afterAll(() => repo?.cleanup());

describe('workflow de pull request (.github/workflows/pull-request.yml)', () => {
  it('se déclenche sur les pull requests, récupère tout l\'historique et un Node assez récent', () => {
    expect(Object.keys(wf.on)).toContain('pull_request');
    const checkout = steps.find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.['fetch-depth']).toBe(0);
    const setup = steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    const wanted = Number(/(\d+)/.exec(pkg.engines.node)![1]);
    expect(Number(setup?.with?.['node-version'])).toBeGreaterThanOrEqual(wanted);
    expect(existsSync(path.join(PROJECT_ROOT, 'package-lock.json'))).toBe(true); // npm ci
  });

  it('contient les étapes demandées, dans l\'ordre', () => {
    const runs = steps.filter((s) => s.run).map((s) => s.run!.trim());
    expect(runs).toEqual([
      'npm ci',
      'npx norme validate --format github',
      'npm test',
      'npm run build',
      'npx norme review --base "origin/$BASE_REF" >> "$GITHUB_STEP_SUMMARY"',
    ]);
    const review = steps.find((s) => s.run?.includes('norme review'))!;
    // The report is written even when validation or the tests failed, for pull requests only.
    expect(review.if).toMatch(/!cancelled\(\)/);
    expect(review.if).toMatch(/github\.event_name == 'pull_request'/);
    // The base ref goes through an environment variable, never pasted into the script.
    expect(review.run).not.toContain('${{');
  });

  for (const step of steps.filter((s) => s.run)) {
    it(`étape « ${step.name} » : chaque commande existe et ses options sont valides`, async () => {
      const env: Record<string, string> = { GITHUB_STEP_SUMMARY: path.join(repo.root, '.summary.md') };
      for (const [k, v] of Object.entries({ ...job.env, ...step.env })) env[k] = evalExpressions(String(v));
      const commands = splitCommands(step.run!, env);
      expect(commands.length).toBeGreaterThan(0);
      for (const { argv, redirect } of commands) {
        const [bin, ...args] = argv;
        if (bin === 'npm') {
          const [sub, script] = args;
          if (sub === 'ci' || sub === 'install') expect(args).toHaveLength(1);
          else if (sub === 'test') expect(pkg.scripts.test).toBeDefined();
          else if (sub === 'run') expect(pkg.scripts[script], `script npm « ${script} »`).toBeDefined();
          else throw new Error(`commande npm inattendue : ${argv.join(' ')}`);
        } else if (bin === 'npx' && args[0] === 'norme') {
          const [name, ...rest] = args.slice(1);
          expect(COMMANDS.map((c) => c.name)).toContain(name);
          const r = await run([name, ...rest], repo.root);
          expect(r.err, `${argv.join(' ')}`).not.toMatch(/option inconnue|doit valoir|attend une valeur|argument inattendu|Usage :/);
          expect(r.code, `${argv.join(' ')}\n${r.err}`).toBe(0); // the fixture is clean
          if (redirect) expect(redirect).toBe(env.GITHUB_STEP_SUMMARY);
        } else {
          throw new Error(`commande inattendue dans le workflow : ${argv.join(' ')}`);
        }
      }
    });
  }

  it('validate --format github annote la ligne fautive ; le rapport dit pourquoi il échoue', async () => {
    const p = tempProject({ git: true });
    try {
      p.git('update-ref', 'refs/remotes/origin/main', 'HEAD');
      p.edit('norm/demo/V1/blocks/S21.G00.40.yaml', 'datatype: DSN_NatureContrat', 'datatype: DSN_NatureContrat2');
      const v = await run(['validate', '--format', 'github'], p.root);
      expect(v.code).toBe(1);
      expect(v.out).toMatch(/^::error file=norm\/demo\/V1\/blocks\/S21\.G00\.40\.yaml,line=15,col=15,title=unknown-datatype::Type de données inconnu/);
      const r = await run(['review', '--base', 'origin/main'], p.root);
      expect(r.code).toBe(1);
      expect(r.out).toContain('norm/demo/V1/blocks/S21.G00.40.yaml:15:15: erreur Type de données inconnu `DSN_NatureContrat2`');
    } finally {
      p.cleanup();
    }
  });

  it('le découpage des commandes refuse ce qu\'il ne sait pas lire', () => {
    expect(splitCommands('a "b $X" c >> "$Y"\nnpm ci && npm test', { X: '1', Y: 'f' })).toEqual([
      { argv: ['a', 'b 1', 'c'], redirect: 'f' },
      { argv: ['npm', 'ci'] },
      { argv: ['npm', 'test'] },
    ]);
    expect(() => splitCommands('a | b', {})).toThrow(/non prise en charge/);
    expect(() => splitCommands('echo $NOPE', {})).toThrow(/non définie/);
  });
});
