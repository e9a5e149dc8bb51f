// Temps CPU d'un processus de construction, par sorte de thread (Linux, /proc ; ailleurs : null).
// Sert au bench de construction (scripts/bench/site-build.mjs) : sur une machine à 2 cœurs, la
// durée d'une construction ne peut pas descendre sous son temps CPU total divisé par le nombre
// de cœurs, quelle que soit la façon dont le travail est réparti.
import { readFileSync, readdirSync } from 'node:fs';

/** Thread name (as Linux shows it, `comm`) → group of the report (null: not counted here). */
const GROUPS = [
  [/^WorkerThread$/, null],
  [/^MainThread$|^node$/, 'main'],
  [/^V8Worker$|^DelayedTaskSche/, 'v8'],
  [/^libuv-worker$/, 'io'],
  [/^rolldown|^tokio|^napi/, 'bundler'],
];

/** CPU ms of /proc/<stat line> (user + system). */
function statCpuMs(stat) {
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
  return (Number(f[11]) + Number(f[12])) * 10;
}

/**
 * This process's CPU ms per group of threads, read now: `main` (the JS main thread), `v8`
 * (V8's helper threads: concurrent garbage collection and compilation), `io` (libuv's thread
 * pool: file writes), `bundler` (Rolldown's threads), `other`. Worker threads are left out,
 * running or ended: each reports its own (process.threadCpuUsage() in the worker).
 */
export function threadCpuMs() {
  if (process.platform !== 'linux') return null;
  const out = { main: 0, v8: 0, io: 0, bundler: 0, other: 0 };
  try {
    for (const t of readdirSync('/proc/self/task')) {
      let stat;
      try {
        stat = readFileSync(`/proc/self/task/${t}/stat`, 'utf8');
      } catch {
        continue;
      }
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/\d+$/, '');
      const found = GROUPS.find(([re]) => re.test(comm));
      if (found && found[1] === null) continue;
      out[found?.[1] ?? 'other'] += statCpuMs(stat);
    }
  } catch {
    return null;
  }
  return out;
}

/** CPU ms of the running process `pid` (e.g. Pagefind's service); null if unknown. */
export function processCpuMs(pid) {
  if (process.platform !== 'linux' || !pid) return null;
  try {
    return statCpuMs(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
}
