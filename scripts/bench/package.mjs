// Le paquet installé : `npm pack`, installation dans un projet jetable (dossier temporaire du système), puis
// `norme show` et `norme diff` lancés depuis node_modules/.bin (JavaScript compilé de lib/,
// registre du paquet). Cibles : show ≤ 150 ms, diff de deux versions ≤ 500 ms (médiane de 5,
// après un premier lancement qui écrit les instantanés des versions et le cache de compilation).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, fmtMs, median, medianRun } from './common.mjs';

export async function bench() {
  // Outside the repository: otherwise the installed CLI would find this checkout's norm/ above it.
  // A fresh directory for each run (two benches at once do not share it), removed afterwards.
  const dir = mkdtempSync(path.join(tmpdir(), 'norme-bench-paquet-'));
  try {
    return measure(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function measure(dir) {
  mkdirSync(path.join(dir, 'projet'), { recursive: true });
  const env = { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`, npm_config_loglevel: 'error' };
  const sh = (cmd, args, cwd) => {
    const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} : ${r.stderr}`);
  };
  sh('npm', ['pack', '--pack-destination', dir, '--silent'], ROOT);
  const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  const project = path.join(dir, 'projet');
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'bench-paquet', private: true, type: 'module' }));
  sh('npm', ['install', path.join(dir, tgz), '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'], project);

  const bin = path.join(project, 'node_modules/.bin/norme');
  const opts = { cwd: project, env };
  const showArgs = ['show', 'dsn/P26V01', 'S21.G00.40.007'];
  const diffArgs = ['diff', 'dsn/P26V01', 'dsn/P27V01', '--format', 'json'];
  medianRun(bin, showArgs, 1, opts); // snapshot of P26V01, compile cache
  medianRun(bin, diffArgs, 1, opts); // snapshot of P27V01
  const show = medianRun(bin, showArgs, 5, opts);
  const diff = medianRun(bin, diffArgs, 5, opts);
  const bare = medianRun(process.execPath, ['-e', '0'], 5, opts);
  const imports = medianRun(process.execPath, ['--input-type=module', '-e', "await import('norme/check'); await import('norme')"], 5, opts);
  // CPU time (user + system) is less sensitive than wall time to other processes on the machine.
  const cpu = (args) => {
    const r = spawnSync('/usr/bin/time', ['-f', '%U %S', bin, ...args], { cwd: project, env, encoding: 'utf8' });
    const [u, sy] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
    return (u + sy) * 1000;
  };
  const showCpu = existsSync('/usr/bin/time') ? median([0, 1, 2, 3, 4].map(() => cpu(showArgs))) : undefined;
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
  const ok = show.ms <= 150 && diff.ms <= 500;
  return {
    name: 'paquet installé : norme show et norme diff depuis node_modules/.bin',
    command: 'node_modules/.bin/norme show dsn/P26V01 S21.G00.40.007 ; node_modules/.bin/norme diff dsn/P26V01 dsn/P27V01 --format json',
    lines: [
      `norme show : ${fmtMs(show.ms)} (médiane de 5 ; cible ≤ 150 ms) ${show.ms <= 150 ? '✓' : '✗'}`,
      `norme diff : ${fmtMs(diff.ms)} (médiane de 5 ; cible ≤ 500 ms) ${diff.ms <= 500 ? '✓' : '✗'}`,
      ...(showCpu !== undefined ? [`norme show, temps CPU : ${fmtMs(showCpu)} (médiane de 5)`] : []),
      `charge de la machine pendant la mesure : ${load} (2 cœurs partagés : le temps mural en dépend)`,
      `dont démarrage de Node seul : ${fmtMs(bare.ms)} ; import de toute la bibliothèque (norme + norme/check) : ${fmtMs(imports.ms)}`,
      'show lit un instantané JSON de la version (clé : empreinte de ses fichiers) au lieu de ses YAML ; le reste est le démarrage de Node et le chargement des modules.',
    ],
    metrics: { showMs: show.ms, showCpuMs: showCpu, diffMs: diff.ms, nodeMs: bare.ms, importAllMs: imports.ms },
    ok,
  };
}
