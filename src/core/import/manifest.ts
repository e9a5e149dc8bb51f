/**
 * The import manifest (seeds/import-manifest.yaml): which source files make which family/version.
 * Read through the same pipeline as the registry files (YAML parser, validator precompiled from
 * manifest.schema.json, positioned French diagnostics); its types are generated from that schema.
 */
import { diag, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { parseRegistryYaml } from '../load/registry.ts';
import { at } from '../load/yaml-file.ts';
import type { ImportManifest, ManifestActivation, ManifestFamily, ManifestSource, ManifestVersion } from '../model/schema-types.ts';

export type { ManifestActivation, ManifestFamily, ManifestSource, ManifestVersion };
export type Manifest = ImportManifest;
export type SourceFormat = ManifestSource['format'];
export type SheetKey = keyof NonNullable<ManifestSource['files']>;

/** Parses and checks a manifest. `file` is the name used in diagnostics. */
export function parseManifest(text: string, file: string): { manifest?: Manifest; diagnostics: Diagnostic[] } {
  const res = parseRegistryYaml<Manifest>(file, text, 'manifest');
  if (!res.value || !res.parsed) return { diagnostics: res.diagnostics };
  const manifest = res.value;
  const p = res.parsed;
  const diagnostics: Diagnostic[] = [];
  // Cross checks: unique ids, previous versions known, edition of a coog source.
  const famIds = new Set<string>();
  manifest.families.forEach((f, fi) => {
    if (famIds.has(f.id)) {
      diagnostics.push(diag('error', 'manifest-duplicate', `Famille \`${f.id}\` déclarée deux fois`, at(p, ['families', fi, 'id']), 'supprimez ou renommez l\'une des deux.'));
    }
    famIds.add(f.id);
    const vIds = new Set<string>();
    f.versions.forEach((v, vi) => {
      if (vIds.has(v.id)) {
        diagnostics.push(diag('error', 'manifest-duplicate', `Version \`${f.id}/${v.id}\` déclarée deux fois`, at(p, ['families', fi, 'versions', vi, 'id']), 'supprimez ou renommez l\'une des deux.'));
      }
      vIds.add(v.id);
      if (v.datatypes.format === 'coog' && !v.edition) {
        diagnostics.push(
          diag('error', 'manifest-edition', `Version \`${f.id}/${v.id}\` : une source coog n'a pas de feuille Standard, l'édition doit être donnée (edition)`, at(p, ['families', fi, 'versions', vi], 'datatypes'), 'ajoutez `edition: { id: …, date: AAAA-MM-JJ }` à la version.'),
        );
      }
    });
    f.versions.forEach((v, vi) => {
      if (v.previous !== null && !vIds.has(v.previous)) {
        diagnostics.push(
          diag('warning', 'manifest-previous', `Version \`${f.id}/${v.id}\` : la version précédente \`${v.previous}\` n'est pas dans le manifeste`, at(p, ['families', fi, 'versions', vi, 'previous']), `déclarez \`${v.previous}\` dans la famille \`${f.id}\` ou écrivez \`previous: null\`.`),
        );
      }
    });
  });
  return { manifest, diagnostics };
}
