/** Tiny argument parser: `--flag value`, `--flag=value`, boolean flags, positionals. */
import { closest } from '../core/diagnostics/diagnostic.ts';

export interface ParsedArgs {
  positionals: string[];
  options: Record<string, string | boolean>;
}

export class UsageError extends Error {}

export function parseArgs(args: string[], spec: { string?: string[]; boolean?: string[] }): ParsedArgs {
  const str = new Set(spec.string ?? []);
  const bool = new Set(spec.boolean ?? []);
  const out: ParsedArgs = { positionals: [], options: {} };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      out.positionals.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const key = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      if (bool.has(key)) {
        out.options[key] = eq >= 0 ? a.slice(eq + 1) !== 'false' : true;
      } else if (str.has(key)) {
        const v = eq >= 0 ? a.slice(eq + 1) : args[++i];
        if (v === undefined) throw new UsageError(`l'option --${key} attend une valeur`);
        out.options[key] = v;
      } else {
        const near = closest(key, [...str, ...bool, 'help']);
        throw new UsageError(`option inconnue --${key}${near ? ` ; vouliez-vous dire --${near} ?` : ''}`);
      }
    } else {
      out.positionals.push(a);
    }
  }
  return out;
}

export function oneOf<T extends string>(name: string, value: string | boolean | undefined, allowed: readonly T[], dflt: T): T {
  if (value === undefined) return dflt;
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw new UsageError(`--${name} doit valoir ${allowed.join(', ')} (reçu « ${String(value)} »)`);
  }
  return value as T;
}
