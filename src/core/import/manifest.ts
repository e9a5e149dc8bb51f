/** The import manifest (seeds/import-manifest.yaml): which source files make which family/version. */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { LineCounter, parseDocument } from 'yaml';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.ts';

export type SourceFormat = 'xlsx' | 'csv' | 'coog';
export type SheetKey = 'standard' | 'header' | 'datatypes' | 'blocks' | 'fields' | 'messages' | 'usages';

export interface ManifestSource {
  format: SourceFormat;
  path: string;
  files?: Partial<Record<SheetKey, string>>;
  separator?: string;
  origin: string;
  edition?: string;
}

export interface ManifestActivation {
  element: string;
  from: string;
  note: string;
  source?: string;
}

export interface ManifestVersion {
  id: string;
  status: 'draft' | 'published' | 'retired';
  previous: string | null;
  datatypes: ManifestSource;
  usages?: ManifestSource;
  edition?: { id: string; date: string; note?: string };
  applicability?: { from: string; to?: string; source: 'texte officiel' | 'inférée'; note?: string; gapBefore?: string };
  activations?: ManifestActivation[];
  provenanceNote?: string;
  expect?: Partial<Record<'blocks' | 'headerBlocks' | 'rubriques' | 'datatypes' | 'values' | 'controls', number>>;
}

export interface ManifestFamily {
  id: string;
  name: string;
  message: string;
  description?: string;
  versionDeclaredIn?: string;
  monthDeclaredIn?: string;
  natureDeclaredIn?: string;
  versionDatatype: string;
  versions: ManifestVersion[];
}

export interface Manifest {
  families: ManifestFamily[];
}

let validator: ReturnType<Ajv['compile']> | undefined;

function getValidator() {
  if (!validator) {
    const schema = JSON.parse(readFileSync(new URL('./manifest.schema.json', import.meta.url), 'utf8'));
    validator = new Ajv({ allErrors: true, strict: false }).compile(schema);
  }
  return validator;
}

/** Parses and checks a manifest. `file` is the name used in diagnostics. */
export function parseManifest(text: string, file: string): { manifest?: Manifest; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const diagnostics: Diagnostic[] = [];
  if (doc.errors.length) {
    for (const e of doc.errors) {
      const pos = lineCounter.linePos(e.pos[0]);
      diagnostics.push(diag('error', 'manifest-yaml', `YAML invalide : ${e.message.split('\n')[0]}`, { file, line: pos.line, column: pos.col }));
    }
    return { diagnostics };
  }
  const data = doc.toJS() as unknown;
  const validate = getValidator();
  if (!validate(data)) {
    for (const e of validate.errors ?? []) {
      const segs = e.instancePath.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
      const node = doc.getIn(segs, true) as { range?: [number, number, number] } | undefined;
      const at = node?.range ? lineCounter.linePos(node.range[0]) : undefined;
      diagnostics.push(
        diag('error', 'manifest-schema', `Manifeste non conforme : ${e.instancePath || '/'} ${e.message ?? ''}`.trim(), {
          file,
          line: at?.line,
          column: at?.col,
        }),
      );
    }
    return { diagnostics };
  }
  const manifest = data as Manifest;
  // Cross checks: unique ids, previous versions known.
  const famIds = new Set<string>();
  for (const f of manifest.families) {
    if (famIds.has(f.id)) diagnostics.push(diag('error', 'manifest-duplicate', `Famille \`${f.id}\` déclarée deux fois`, { file }));
    famIds.add(f.id);
    const vIds = new Set<string>();
    for (const v of f.versions) {
      if (vIds.has(v.id)) diagnostics.push(diag('error', 'manifest-duplicate', `Version \`${f.id}/${v.id}\` déclarée deux fois`, { file }));
      vIds.add(v.id);
      if ((v.datatypes.format === 'coog') && !v.edition) {
        diagnostics.push(diag('error', 'manifest-edition', `Version \`${f.id}/${v.id}\` : une source coog n'a pas de feuille Standard, l'édition doit être donnée (edition)`, { file }));
      }
    }
    for (const v of f.versions) {
      if (v.previous !== null && !vIds.has(v.previous)) {
        diagnostics.push(diag('warning', 'manifest-previous', `Version \`${f.id}/${v.id}\` : la version précédente \`${v.previous}\` n'est pas dans le manifeste`, { file }));
      }
    }
  }
  return { manifest, diagnostics };
}
