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
