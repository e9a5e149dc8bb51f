/**
 * The file name (without `.yaml`) of a datatype in the registry: its id when that is a safe file
 * name on every system, else percent-encoded (`a b` → `a%20b`). Written by the importer
 * (src/core/import/index.ts), checked by the load stage (src/core/load/registry.ts): a datatype
 * whose id needs encoding round-trips.
 */
const SAFE_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

export function datatypeFileName(id: string): string {
  if (SAFE_FILE.test(id) && !RESERVED.test(id) && id.length <= 200) return id;
  let out = '';
  for (const ch of id) {
    if (/[A-Za-z0-9_-]/.test(ch) || (ch === '.' && out !== '')) out += ch;
    else for (const b of new TextEncoder().encode(ch)) out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  if (RESERVED.test(out)) out = '%' + out.charCodeAt(0).toString(16).toUpperCase() + out.slice(1);
  return out.slice(0, 200);
}

