import type { ErrorObject, ValidateFunction } from 'ajv';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
// Validators compiled ahead of time from the JSON Schemas (`npm run types`; drift checked by a test).
import * as precompiled from '../schemas/validators.generated.js';
import { diag, didYouMean, type Diagnostic, type ValidationRuleId } from '../diagnostics/diagnostic.ts';
import { at, type ParsedYaml, type PathSegment } from './yaml-file.ts';

/** `manifest`: the import manifest (src/core/import/manifest.schema.json), not a registry file. */
export type SchemaName = 'family' | 'version' | 'block' | 'datatype' | 'journal-entry' | 'consigne' | 'manifest';

const schemaDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../schemas');

export function schemaPath(name: SchemaName): string {
  return name === 'manifest' ? path.join(schemaDir, '../import/manifest.schema.json') : path.join(schemaDir, `${name}.schema.json`);
}

export interface PublishedSchema {
  /** File name, also the last segment of its `$id` (`version-export.schema.json`). */
  file: string;
  /** The schema as written in src/core/schemas/. */
  text: string;
}

/**
 * Every JSON Schema of norme, to publish where their `$id` points: the formats of the registry's
 * files and of the documents norme writes (version export, note différentielle, releases.json).
 */
export function publishedSchemas(): PublishedSchema[] {
  return readdirSync(schemaDir)
    .filter((f) => f.endsWith('.schema.json'))
    .sort()
    .map((file) => ({ file, text: readFileSync(path.join(schemaDir, file), 'utf8') }));
}

const EXPORT_NAME: Record<SchemaName, keyof typeof precompiled> = {
  family: 'family',
  version: 'version',
  block: 'block',
  datatype: 'datatype',
  'journal-entry': 'journalEntry',
  consigne: 'consigne',
  manifest: 'manifest',
};

export function getValidator(name: SchemaName): ValidateFunction {
  return precompiled[EXPORT_NAME[name]] as unknown as ValidateFunction;
}

function pointerToPath(pointer: string): PathSegment[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    // An array index never has a leading zero: `01` (a usage's nature) stays a key.
    .map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}

const TYPE_FR: Record<string, string> = {
  string: 'une chaîne',
  integer: 'un entier',
  number: 'un nombre',
  boolean: 'un booléen (true/false)',
  object: 'un objet',
  array: 'une liste',
  null: 'null',
};

function show(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 60 ? s.slice(0, 57) + '…' : s;
}

/** Turn ajv errors into positioned French diagnostics (all of them, deduplicated). */
export function schemaDiagnostics(p: ParsedYaml, errors: ErrorObject[], schemaLabel: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  // When a oneOf fails, ajv also reports each branch's failure: keep only the oneOf.
  const oneOfPaths = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  // A malformed date fails its pattern and its format: the pattern says enough.
  const patternPaths = new Set(errors.filter((e) => e.keyword === 'pattern').map((e) => e.instancePath));
  for (const e of errors) {
    if (e.keyword !== 'oneOf' && [...oneOfPaths].some((op) => e.instancePath === op && e.schemaPath.includes('/oneOf/'))) continue;
    if (e.keyword === 'format' && patternPaths.has(e.instancePath)) continue;
    // The failure of a property name is reported by its `propertyNames` error.
    if (e.propertyName !== undefined && e.keyword !== 'propertyNames') continue;
    const path = pointerToPath(e.instancePath);
    const field = path.length ? path.join('.') : '(racine)';
    let message: string;
    let hint: string | undefined;
    let rule: ValidationRuleId = 'schema';
    let loc = at(p, path);
    switch (e.keyword) {
      case 'required': {
        const prop = (e.params as { missingProperty: string }).missingProperty;
        message = `Propriété obligatoire \`${prop}\` manquante dans ${path.length ? `\`${field}\`` : 'le fichier'}`;
        hint = `ajoutez \`${prop}:\` (voir le schéma ${schemaLabel}).`;
        break;
      }
      case 'additionalProperties': {
        const prop = (e.params as { additionalProperty: string }).additionalProperty;
        loc = at(p, path, prop);
        const allowed = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {});
        message = `Propriété inconnue \`${prop}\`${path.length ? ` dans \`${field}\`` : ''}`;
        const dym = didYouMean(prop, allowed);
        if (dym) message += ` ; ${dym}`;
        hint = allowed.length ? `propriétés possibles : ${allowed.join(', ')}.` : undefined;
        break;
      }
      case 'enum': {
        const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
        message = `Valeur \`${show(e.data)}\` non autorisée pour \`${field}\``;
        const dym = didYouMean(String(e.data), allowed.map(String));
        if (dym) message += ` ; ${dym}`;
        hint = `valeurs possibles : ${allowed.map((a) => String(a)).join(', ')}.`;
        break;
      }
      case 'const':
        message = `Valeur \`${show(e.data)}\` non autorisée pour \`${field}\` (attendu \`${show((e.params as { allowedValue: unknown }).allowedValue)}\`)`;
        break;
      case 'type': {
        const t = String((e.params as { type: string | string[] }).type).split(',');
        message = `\`${field}\` doit être ${t.map((x) => TYPE_FR[x] ?? x).join(' ou ')} (reçu \`${show(e.data)}\`)`;
        if (t.includes('string') && (typeof e.data === 'number' || typeof e.data === 'boolean')) {
          hint = 'mettez la valeur entre guillemets (ex. "01") pour garder les zéros et éviter la conversion en nombre.';
        }
        break;
      }
      case 'pattern': {
        // A pattern whose schema says what it is (`"description": "un mois AAAA-MM (01 à 12)"`) is named, not shown.
        const what = (e.parentSchema as { description?: string } | undefined)?.description;
        message = what && /^une? /.test(what)
          ? `\`${field}\` : la valeur \`${show(e.data)}\` n'est pas ${what}`
          : `\`${field}\` : la valeur \`${show(e.data)}\` ne respecte pas le format attendu \`${(e.params as { pattern: string }).pattern}\``;
        break;
      }
      case 'minLength':
        message = `\`${field}\` ne doit pas être vide`;
        break;
      case 'minimum':
        message = `\`${field}\` doit être ≥ ${(e.params as { limit: number }).limit} (reçu \`${show(e.data)}\`)`;
        break;
      case 'format':
        // `date` is the only format of the schemas (schemas/formats.ts).
        rule = 'invalid-date';
        message = `Date impossible \`${show(e.data)}\` pour \`${field}\` : attendu une date du calendrier AAAA-MM-JJ`;
        hint = 'vérifiez le mois (01 à 12) et le jour (jusqu\'au 28, 29, 30 ou 31 selon le mois).';
        break;
      case 'oneOf':
        message = `\`${field}\` : valeur \`${show(e.data)}\` invalide`;
        if (String(e.schemaPath).includes('cardinality')) hint = 'utilisez un entier ≥ 1 ou "*" pour une cardinalité illimitée.';
        break;
      case 'minItems': {
        const n = (e.params as { limit: number }).limit;
        message = `\`${field}\` doit contenir au moins ${n} élément${n > 1 ? 's' : ''}`;
        break;
      }
      case 'uniqueItems': {
        const { i, j } = e.params as { i: number; j: number };
        message = `\`${field}\` : les éléments n° ${j + 1} et n° ${i + 1} sont identiques`;
        hint = 'supprimez le doublon.';
        break;
      }
      case 'propertyNames':
        loc = at(p, path, (e.params as { propertyName: string }).propertyName);
        message = `Nom de propriété \`${show((e.params as { propertyName: string }).propertyName)}\` invalide${path.length ? ` dans \`${field}\`` : ''}`;
        break;
      default:
        // Keywords our schemas do not use (a test lists those they use): still French, never ajv's English.
        message = `\`${field}\` : valeur \`${show(e.data)}\` non conforme au schéma ${schemaLabel}`;
    }
    const d = diag('error', rule, message, loc, hint);
    const k = `${d.line}:${d.column}:${d.message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(d);
  }
  return out;
}

/** Validate a parsed YAML file against a schema; returns diagnostics (empty when valid). */
export function validateAgainst(p: ParsedYaml, name: SchemaName): Diagnostic[] {
  const validate = getValidator(name);
  if (validate(p.value)) return [];
  return schemaDiagnostics(p, validate.errors ?? [], `${name}.schema.json`);
}
