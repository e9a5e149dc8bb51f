// Outils communs aux mesures de performance (npm run bench).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: `${cpus.length} × ${cpus[0]?.model ?? '?'}`,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} Gio`,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
}

/**
 * Run a command as a cold process; returns wall time (ms) and peak RSS (kB, via /usr/bin/time when present).
 */
export function timeProcess(cmd, args, opts = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: opts.cwd ?? ROOT, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, ...(opts.env ?? {}) } });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { ms, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median wall time of `n` cold runs. */
export function medianRun(cmd, args, n = 3, opts = {}) {
  const times = [];
  let last;
  for (let i = 0; i < n; i++) {
    last = timeProcess(cmd, args, opts);
    if (last.status !== 0 && !opts.allowFail) {
      throw new Error(`${cmd} ${args.join(' ')} a échoué (code ${last.status}) :\n${last.stderr}`);
    }
    times.push(last.ms);
  }
  return { ms: median(times), runs: times, last };
}

export const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

/**
 * How to run the CLI like `npx norme` does: Node with the options of the `#!` line of bin/norme.mjs
 * (e.g. `--max-semi-space-size=2`), then the script. Returns the Node options alone too, so that a
 * reference measure can run with the same ones.
 */
export function cliCommand() {
  const bin = path.join(ROOT, 'bin/norme.mjs');
  const first = readFileSync(bin, 'utf8').split('\n', 1)[0];
  const m = /^#!\S*env(?:\s+-S)?\s+node((?:\s+--\S+)*)\s*$/.exec(first);
  const nodeOptions = m ? m[1].trim().split(/\s+/).filter(Boolean) : [];
  return { nodeOptions, args: [...nodeOptions, bin] };
}
