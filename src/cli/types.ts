import type { Writable } from 'node:stream';

export interface Io {
  stdout: Pick<Writable, 'write'>;
  stderr: Pick<Writable, 'write'>;
  cwd: string;
  env: Record<string, string | undefined>;
}

export interface Command {
  name: string;
  /** One-line French summary for `norme --help`. */
  summary: string;
  /** French usage text shown by `norme <cmd> --help`. */
  usage: string;
  run(args: string[], io: Io): Promise<number>;
}
