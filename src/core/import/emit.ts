/**
 * Deterministic YAML serialisation of registry files: keys in the order of the JSON Schema
 * properties, fixed `yaml` options, first line pointing at the schema for editors.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';

export type SchemaName = 'family' | 'version' | 'block' | 'datatype';

interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  additionalProperties?: boolean | SchemaNode;
  definitions?: Record<string, SchemaNode>;
}

const schemaCache = new Map<SchemaName, SchemaNode>();

export function loadSchema(name: SchemaName): SchemaNode {
  let s = schemaCache.get(name);
  if (!s) {
    s = JSON.parse(readFileSync(new URL(`../schemas/${name}.schema.json`, import.meta.url), 'utf8')) as SchemaNode;
    schemaCache.set(name, s);
  }
  return s;
}

function resolve(node: SchemaNode | undefined, root: SchemaNode): SchemaNode | undefined {
  let n = node;
  while (n?.$ref) {
    const m = /^#\/definitions\/(.+)$/.exec(n.$ref);
    n = m ? root.definitions?.[m[1]] : undefined;
  }
  return n;
}

/**
 * Returns a copy of `value` whose object keys follow the schema property order; keys the schema
 * does not list (e.g. usage nature codes) come after, sorted. Objects become Maps, because a JS
 * object always puts integer-like keys (`"10"`) before the others.
 */
export function orderBySchema(value: unknown, node: SchemaNode | undefined, root: SchemaNode): unknown {
  const n = resolve(node, root);
  if (Array.isArray(value)) return value.map((v) => orderBySchema(v, n?.items, root));
  if (value === null || typeof value !== 'object') return value;
  const entries: [string, unknown][] = value instanceof Map ? [...value.entries()] : Object.entries(value);
  const obj = new Map(entries.filter(([, v]) => v !== undefined));
  const out = new Map<string, unknown>();
  const known = n?.properties ? Object.keys(n.properties) : [];
  for (const k of known) {
    if (obj.has(k)) out.set(k, orderBySchema(obj.get(k), n!.properties![k], root));
  }
  const extra = [...obj.keys()].filter((k) => !known.includes(k)).sort();
  const addl = n && typeof n.additionalProperties === 'object' ? n.additionalProperties : undefined;
  for (const k of extra) out.set(k, orderBySchema(obj.get(k), addl, root));
  return out;
}

/** Relative path (POSIX) from a registry file to a schema, given where the schemas sit relative to the registry root. */
export function schemaPathFor(file: string, schemaBase: string, name: SchemaName): string {
  // A virtual root deep enough that the `..` of schemaBase never reach `/` (where they would be clamped).
  const depth = schemaBase.split('/').filter((s) => s === '..').length + 1;
  const root = '/' + Array.from({ length: depth }, (_, i) => `r${i}`).join('/');
  const from = path.posix.join(root, path.posix.dirname(file));
  const to = path.posix.join(root, schemaBase, `${name}.schema.json`);
  return path.posix.relative(from, to);
}

export const YAML_OPTIONS = {
  version: '1.2',
  indent: 2,
  indentSeq: true,
  lineWidth: 0,
  minContentWidth: 0,
  blockQuote: 'literal',
  defaultStringType: 'PLAIN',
  defaultKeyType: 'PLAIN',
  doubleQuotedAsJSON: false,
  singleQuote: true,
  nullStr: 'null',
  trueStr: 'true',
  falseStr: 'false',
} as const;

/** Serialises one registry file. `file` is its path relative to the registry root. */
export function toYaml(value: unknown, name: SchemaName, file: string, schemaBase: string): string {
  const root = loadSchema(name);
  const ordered = orderBySchema(value, root, root);
  const body = stringify(ordered, YAML_OPTIONS);
  return `# yaml-language-server: $schema=${schemaPathFor(file, schemaBase, name)}\n${body}`;
}
