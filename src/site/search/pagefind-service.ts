/**
 * Pagefind's Node API, guarded against its service process stopping.
 *
 * The API (pagefind 1.x, lib/service.js) talks to a `pagefind --service` process and answers
 * each call when the process replies. If the process ends without replying (crash, killed,
 * broken binary), it only notices when a later write to it fails; a request already written
 * then waits forever, and so would the build. Seen: the build of tests/site/search-build.test.ts
 * with a Pagefind binary that exits at once hung in CI until its 90 min limit, depending on
 * whether the request was written before the process ended.
 *
 * `openPagefindIndex` starts the service as Pagefind does, keeps a handle on its process, and
 * makes every call of the returned index fail as soon as that process is gone.
 */
import childProcess, { type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

type Pagefind = typeof import('pagefind');
type PagefindIndex = NonNullable<Awaited<ReturnType<Pagefind['createIndex']>>['index']>;
type Config = Parameters<Pagefind['createIndex']>[0];

export interface GuardedPagefind {
  /** Null when Pagefind refused the configuration (`errors` says why). */
  index: PagefindIndex | null;
  errors: string[];
  /** PID of the service process (null if it was already running before this call). */
  pid: number | null;
  /** Stop the service (always call it, in a `finally`). */
  close(): Promise<void>;
}

export interface ServiceOptions {
  /**
   * Run the service on one processor only (Linux, through util-linux's `taskset`; ignored
   * elsewhere, without `taskset` or with a single processor). Pagefind writes its bundle from
   * many threads at once; on two cores they spin on the lock of the folder they all create
   * files in (kernel `rwsem_spin_on_owner` under `open`; about 40 % of its CPU is kernel time).
   * On one processor there is nothing to spin on: the same index for 4.7 s of CPU instead of
   * 5.8 s (docs/performance.md, « Construction du site »). For a build where the index runs beside the pages.
   */
  oneProcessor?: boolean;
}

/**
 * The processor the service is pinned to, with the command that pins it: the last processor
 * this process may run on; null when that is not possible or of no use.
 */
export function pinning(platform = process.platform, status = () => readFileSync('/proc/self/status', 'utf8'), pathEnv = process.env.PATH ?? ''): { taskset: string; cpu: number } | null {
  if (platform !== 'linux') return null;
  const taskset = pathEnv
    .split(path.delimiter)
    .filter(Boolean)
    .map((d) => path.join(d, 'taskset'))
    .find((f) => existsSync(f));
  if (!taskset) return null;
  let list: string | undefined;
  try {
    list = /^Cpus_allowed_list:\s*(\S+)/m.exec(status())?.[1];
  } catch {
    return null;
  }
  if (!list) return null;
  const cpus: number[] = [];
  for (const part of list.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) return null;
    for (let c = Number(m[1]); c <= Number(m[2] ?? m[1]); c++) cpus.push(c);
  }
  return cpus.length > 1 ? { taskset, cpu: cpus[cpus.length - 1] } : null;
}

/** Pagefind's `createIndex`, with every call of the index failing if the service process ends. */
export async function openPagefindIndex(config: Config, options: ServiceOptions = {}): Promise<GuardedPagefind> {
  const pagefind = await import('pagefind');
  // The service is spawned synchronously by the first call (lib/index.js `launch`): the spawn
  // is watched for that call only, to get the process Pagefind starts.
  const spawn = childProcess.spawn;
  let backend: ChildProcess | undefined;
  const pin = options.oneProcessor ? pinning() : null;
  childProcess.spawn = ((command: string, args: readonly string[], opts: object) => {
    // `taskset` runs the command in its own process (exec): same PID, same pipes.
    const child = pin ? spawn(pin.taskset, ['-c', String(pin.cpu), command, ...args], opts) : spawn(command, args, opts);
    backend ??= child;
    return child;
  }) as typeof spawn;
  let created: ReturnType<Pagefind['createIndex']>;
  try {
    created = pagefind.createIndex(config);
  } finally {
    childProcess.spawn = spawn;
  }

  let closing = false;
  let stopped: Promise<never> = new Promise(() => {});
  if (backend) {
    const proc = backend;
    stopped = new Promise<never>((_, reject) => {
      // 'close': after the process ended and its output was read, so a reply it wrote before
      // ending is received first.
      proc.once('close', (code, signal) => {
        if (!closing) reject(new Error(`Pagefind : le processus de service s'est arrêté sans répondre (${signal ? `signal ${signal}` : `code ${code}`}).`));
      });
      proc.once('error', (err) => {
        if (!closing) reject(new Error(`Pagefind : le processus de service n'a pas pu être lancé (${err.message}).`));
      });
    });
    stopped.catch(() => {});
  }
  const guard = <T>(p: Promise<T>): Promise<T> => Promise.race([p, stopped]);
  const close = async () => {
    closing = true;
    await pagefind.close();
  };

  let res: Awaited<typeof created>;
  try {
    res = await guard(created);
  } catch (err) {
    await close();
    throw err;
  }
  const index = res.index;
  const guarded: PagefindIndex | null = index
    ? {
        ...index,
        addHTMLFile: (file) => guard(index.addHTMLFile(file)),
        addCustomRecord: (record) => guard(index.addCustomRecord(record)),
        addDirectory: (dir) => guard(index.addDirectory(dir)),
        writeFiles: (options) => guard(index.writeFiles(options)),
        getFiles: () => guard(index.getFiles()),
        deleteIndex: () => guard(index.deleteIndex()),
      }
    : null;
  return { index: guarded, errors: res.errors, pid: backend?.pid ?? null, close };
}
