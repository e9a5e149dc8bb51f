// `norme diff` entre deux versions réelles, en processus à froid (cible < 1 s).
// Mesure trois cas : sans instantané (--no-cache : relecture des YAML), avec instantané
// (cas courant : versions déjà chargées sans erreur), et via npx.
import path from 'node:path';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { ROOT, cliCommand, fmtMs, median, medianRun } from './common.mjs';

/** CPU time (user + system, ms) of a child process, via /usr/bin/time; undefined without it. */
function cpuRun(cmd, args, n = 5) {
  if (!existsSync('/usr/bin/time')) return undefined;
  const xs = [];
  for (let i = 0; i < n; i++) {
    const r = spawnSync('/usr/bin/time', ['-f', '%U %S', cmd, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30 });
    const [u, s] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
    xs.push((u + s) * 1000);
  }
  return median(xs);
}

export async function bench(from = 'dsn/P26V01', to = 'dsn/P27V01') {
  const node = process.execPath;
  // The CLI as `npx norme` runs it: with the Node options of its #! line.
  const bin = cliCommand().args;
  if (!existsSync(path.join(ROOT, 'norm', from, 'version.yaml')) || !existsSync(path.join(ROOT, 'norm', to, 'version.yaml'))) {
    return { name: `norme diff ${from} ${to}`, command: '', lines: ['registre réel absent : lancez npx norme import'], metrics: {}, ok: false };
  }
  const args = ['diff', from, to, '--format', 'json'];
  const noCache = medianRun(node, [...bin, ...args, '--no-cache'], 5);
  medianRun(node, [...bin, ...args], 1); // writes the snapshots
  const cached = medianRun(node, [...bin, ...args], 5);
  const npx = medianRun('npx', ['norme', ...args], 3);
  const cpuCached = cpuRun(node, [...bin, ...args]);
  const cpuNoCache = cpuRun(node, [...bin, ...args, '--no-cache']);
  const changes = JSON.parse(cached.last.stdout).summary.total;
  return {
    name: `norme diff ${from} ${to} (processus à froid)`,
    command: `npx norme diff ${from} ${to} --format json`,
    lines: [
      `${changes} changements`,
      `sans instantané (--no-cache, relecture des YAML) : ${fmtMs(noCache.ms)} (médiane de 5)`,
      `avec instantané des versions : ${fmtMs(cached.ms)} (médiane de 5, cible < 1 s)`,
      `via npx, avec instantané : ${fmtMs(npx.ms)} (médiane de 3)`,
      ...(cpuCached === undefined ? [] : [`temps CPU (utilisateur + système) : ${fmtMs(cpuCached)} avec instantané, ${fmtMs(cpuNoCache)} sans (utile quand la machine est chargée)`]),
    ],
    metrics: { changes, noCacheMs: noCache.ms, cachedMs: cached.ms, npxMs: npx.ms, cpuCachedMs: cpuCached, cpuNoCacheMs: cpuNoCache },
    ok: cached.ms < 1000,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await bench(process.argv[2], process.argv[3]);
  console.log(r.lines.join('\n'));
}
