/**
 * `norme check --next`: the next version of the family of the checked version, and the
 * comparison of the two checks (src/core/check/next.ts). Kept apart from check.ts on purpose.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYamlText } from 'yaml';
import { compareWithNext, createChecker, formatNextText, nextDocument, nextVersionOf, startOf, type CheckModel, type CompiledModel, type CheckReport, type NextReport, type VersionInfo } from '../../core/check/index.ts';

/** Metadata (`version.yaml`) of every version of a family, read cheaply (no full load). */
export function familyVersions(root: string, family: string): VersionInfo[] {
  const dir = path.join(root, 'norm', family);
  if (!existsSync(dir)) return [];
  const out: VersionInfo[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, e.name, 'version.yaml');
    if (!e.isDirectory() || !existsSync(file)) continue;
    try {
      const v = (parseYamlText(readFileSync(file, 'utf8')) ?? {}) as Partial<VersionInfo>;
      out.push({ id: e.name, previous: v.previous, status: v.status, applicability: v.applicability });
    } catch {
      /* the full load reports it */
    }
  }
  return out;
}

export type NextResolution = { ok: true; key: string; from?: string; inferred: boolean } | { ok: false; message: string };

/** `dsn/P26V01` → its successor `dsn/P27V01` in the registry. */
export function nextKey(root: string, key: string): NextResolution {
  const [family, id] = key.split('/');
  const versions = familyVersions(root, family);
  const next = nextVersionOf(versions, id);
  if (!next) return { ok: false, message: `aucune version de ${family} après ${id} dans le registre : --next n'a rien à comparer.` };
  return { ok: true, key: `${family}/${next.id}`, ...startOf(next) };
}

/** Second pass over the file against the next model, compared with the current report. */
export async function checkNext(chunks: AsyncIterable<string>, current: CheckReport, cur: CheckModel | CompiledModel, next: CheckModel | CompiledModel, n: { from?: string; inferred: boolean }, max: number): Promise<NextReport> {
  const checker = createChecker(next, { maxFindings: max });
  for await (const c of chunks) checker.pushText(c);
  return compareWithNext(current, cur, checker.end(), { model: next, from: n.from, inferred: n.inferred });
}

export { formatNextText, nextDocument };
