/**
 * Checks an imported registry before it replaces the current one: the same loader and validators
 * as `norme validate` (YAML, schemas, cross-file references), run on the staged copy.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { loadRegistry } from '../registry.ts';

export interface VerifyOptions {
  /** Folder holding the staged registry folder. */
  root: string;
  /** Name of the staged registry folder inside `root`. */
  stagedDir: string;
  /** How the registry is named in diagnostics (its final place, e.g. `norm`). */
  label: string;
  /** Restrict the check to `family` or `family/version`, as the import did. */
  only?: string;
  /** The importer's own diagnostics, positioned in the source tables: they give the source cell when known. */
  importDiagnostics?: Diagnostic[];
}

/** First backquoted code of a message (the element a diagnostic is about). */
const firstCode = (message: string) => /`([^`]+)`/.exec(message)?.[1];

/**
 * Loads and validates the staged registry; returns its errors, with file paths named after the
 * registry's final place, and the source table row when an importer diagnostic of the same rule
 * names the same element.
 */
export function verifyImported(opts: VerifyOptions): Diagnostic[] {
  const res = loadRegistry(opts.root, { normDir: opts.stagedDir, only: opts.only ? [opts.only] : undefined });
  const prefix = opts.stagedDir + '/';
  const sources = (opts.importDiagnostics ?? []).filter((d) => d.file && d.line !== undefined);
  return res.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => {
      // The staged folder's name never shows: every path is the one the file will have.
      const rename = (t: string) => t.replaceAll(prefix, `${opts.label}/`);
      const out: Diagnostic = { ...d, message: rename(d.message) };
      if (d.file) out.file = rename(d.file);
      if (d.hint) out.hint = rename(d.hint);
      const code = firstCode(d.message);
      const src = code && sources.find((s) => s.rule === d.rule && s.message.includes(`\`${code}\``));
      if (src) out.hint = `${out.hint ? `${out.hint} ` : ''}Ligne de la table source : ${src.file}:${src.line}.`;
      return out;
    });
}
