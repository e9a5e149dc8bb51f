/** Finding the declared norm version at the head of a flat file, before choosing the model. */

export interface DeclaredVersion {
  value: string;
  line: number;
  rubrique: string;
}

/**
 * Scan the first lines of a file for one of `rubriques` (the families' `versionDeclaredIn`,
 * usually `S10.G00.00.006`). Stops after `maxLines` lines. Works on the raw text head.
 */
export function sniffDeclaredVersion(head: string, rubriques: string[], maxLines = 500): DeclaredVersion | undefined {
  let start = 0;
  if (head.charCodeAt(0) === 0xfeff) start = 1;
  for (let n = 1; n <= maxLines && start < head.length; n++) {
    let end = head.indexOf('\n', start);
    if (end < 0) end = head.length;
    let line = head.slice(start, end);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    start = end + 1;
    const comma = line.indexOf(',');
    if (comma < 0) continue;
    const id = line.slice(0, comma);
    if (!rubriques.includes(id)) continue;
    const m = /^'(.*)'\s*$/.exec(line.slice(comma + 1));
    if (m) return { value: m[1], line: n, rubrique: id };
  }
  return undefined;
}

/** A version a file may be checked against: `key` (`dsn/P26V01`), its id, and where its family declares the version. */
export interface VersionCandidate {
  key: string;
  version: string;
  declaredIn?: string;
}

/** What to tell the user to do when no version is found, per case (each with its leading punctuation). */
export interface VersionRemedy {
  none: string;
  ambiguous: string;
  unknown: string;
}

/**
 * The version a file is checked against when none is chosen: the one declared at its head
 * (`sniffDeclaredVersion`) that exactly one candidate holds. Shared by `norme check`, the
 * library's `checkDsn` and the /autocontrole/ page; only the remedy (`--version`, the list of
 * the page) differs. `file` is named in the message when given.
 */
export function resolveDeclaredVersion<T extends VersionCandidate>(
  candidates: T[],
  head: string,
  remedy: VersionRemedy,
  file?: string,
): { ok: true; entry: T; declared: DeclaredVersion } | { ok: false; message: string; declared?: DeclaredVersion } {
  const rubriques = [...new Set(candidates.map((c) => c.declaredIn).filter((x): x is string => !!x))];
  const declared = rubriques.length ? sniffDeclaredVersion(head, rubriques) : undefined;
  if (!declared) {
    return { ok: false, message: `aucune version de norme déclarée (rubrique ${rubriques.join(' ou ') || 'S10.G00.00.006'}) en tête du fichier${file ? ` ${file}` : ''}${remedy.none}` };
  }
  const owners = candidates.filter((c) => c.declaredIn === declared.rubrique && c.version === declared.value);
  if (owners.length === 1) return { ok: true, entry: owners[0], declared };
  if (owners.length > 1) {
    return { ok: false, declared, message: `version déclarée « ${declared.value} » (ligne ${declared.line}) ambiguë : ${owners.map((c) => c.key).join(', ')}${remedy.ambiguous}` };
  }
  return {
    ok: false,
    declared,
    message: `version déclarée « ${declared.value} » (${declared.rubrique}, ligne ${declared.line}) inconnue du registre ; versions connues : ${candidates.map((c) => c.key).join(', ')}${remedy.unknown}`,
  };
}

/**
 * The rule of "not a flat DSN/PASRAU file", once the file is read: no rubrique line, or none
 * well formed. The reason, to follow the file's name (CLI) or « ce » (page); undefined when the
 * file is one.
 */
export function notFlatFile(report: { rubriques: number; counts: { byRule: Partial<Record<string, number>> } }): string | undefined {
  const syntax = report.counts.byRule['line-syntax'] ?? 0;
  return report.rubriques === 0 || syntax === report.rubriques ? "n'est pas un fichier DSN/PASRAU au format plat : aucune ligne de la forme S21.G00.30.001,'valeur'." : undefined;
}
