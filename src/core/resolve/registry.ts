/**
 * Stage 2 of loading the registry, **resolve**: from the raw files of the load stage
 * (`src/core/load/registry.ts`), build each version as the rest of the code reads it — its
 * blocks in tree order, its rubriques, datatypes and controls indexed by id — and each family's
 * versions in `previous` order. What cannot be resolved is reported: an id defined twice (the
 * first definition wins). The maintenance journal (`src/core/journal/apply.ts`) amends the raw
 * files of a version and resolves the result here again: one way from files to a version.
 * Everything else about the content is checked by the validate stage (`src/core/validate/cross.ts`),
 * on what this builds.
 */
import { diag, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { Registry, ResolvedFamily, ResolvedVersion, Version } from '../model/types.ts';
import { at } from '../load/yaml-file.ts';
import type { RawRegistry, RawVersion } from '../load/registry.ts';

/** What a version is resolved from: its folder and its element files (raw, or amended by the journal). */
export type VersionSource = Pick<RawVersion, 'family' | 'id' | 'key' | 'dir' | 'meta' | 'blocks' | 'datatypes'>;

export interface ResolveResult {
  registry: Registry;
  diagnostics: Diagnostic[];
}

/** Resolve every version and family of a raw registry. Never throws on content problems. */
export function resolveRegistry(raw: RawRegistry): ResolveResult {
  const registry: Registry = { root: raw.root, families: new Map() };
  const diagnostics: Diagnostic[] = [];
  for (const rf of raw.families) {
    const fam: ResolvedFamily = { id: rf.id, meta: rf.meta, file: rf.file, versions: new Map() };
    for (const rv of rf.versions) {
      const r = resolveVersion(rv);
      diagnostics.push(...r.diagnostics);
      fam.versions.set(rv.id, r.version);
    }
    fam.versions = familyOrder(fam);
    registry.families.set(rf.id, fam);
  }
  return { registry, diagnostics };
}

/**
 * One version: index its datatypes, blocks, rubriques and controls (first definition wins) and
 * order its blocks. The version holds the very objects of `raw` (nothing is copied).
 */
export function resolveVersion(raw: VersionSource): { version: ResolvedVersion; diagnostics: Diagnostic[] } {
  const out: Diagnostic[] = [];
  const v: ResolvedVersion = {
    family: raw.family,
    id: raw.id,
    key: raw.key,
    meta: raw.meta ?? placeholderMeta(raw),
    dir: raw.dir,
    blocks: new Map(),
    rubriques: new Map(),
    datatypes: new Map(),
    controls: new Map(),
    files: { blocks: new Map(), datatypes: new Map() },
    journal: [],
  };
  for (const { value: t, parsed } of raw.datatypes) {
    if (v.datatypes.has(t.id)) {
      out.push(diag('error', 'duplicate-datatype', `Type de données \`${t.id}\` défini deux fois (déjà dans \`${v.files.datatypes.get(t.id)}\`)`, at(parsed, ['id']), 'gardez une seule définition.'));
      continue;
    }
    v.datatypes.set(t.id, t);
    v.files.datatypes.set(t.id, parsed.file);
  }
  for (const { value: b, parsed } of raw.blocks) {
    if (v.blocks.has(b.id)) {
      out.push(diag('error', 'duplicate-block', `Bloc \`${b.id}\` défini deux fois (déjà dans \`${v.files.blocks.get(b.id)}\`)`, at(parsed, ['id']), 'gardez une seule définition.'));
      continue;
    }
    v.blocks.set(b.id, b);
    v.files.blocks.set(b.id, parsed.file);
    b.rubriques.forEach((r, i) => {
      const prev = v.rubriques.get(r.id);
      if (prev) {
        out.push(diag('error', 'duplicate-rubrique', `Rubrique \`${r.id}\` définie deux fois (déjà dans le bloc \`${prev.block.id}\`, position ${prev.index + 1})`, at(parsed, ['rubriques', i, 'id']), 'supprimez le doublon ou changez son numéro (les numéros ne sont jamais réutilisés).'));
        return;
      }
      v.rubriques.set(r.id, { rubrique: r, block: b, index: i });
      (r.controls ?? []).forEach((c, j) => {
        if (v.controls.has(c.id)) {
          out.push(diag('error', 'duplicate-control', `Contrôle \`${c.id}\` défini deux fois`, at(parsed, ['rubriques', i, 'controls', j, 'id']), 'gardez une seule définition.'));
        } else v.controls.set(c.id, { control: c, rubrique: r, block: b });
      });
    });
  }
  v.blocks = treeOrder(v.blocks);
  return { version: v, diagnostics: out };
}

/** What stands for a `version.yaml` that could not be read (its checks are then skipped). */
function placeholderMeta(raw: VersionSource): Version {
  return { id: raw.id, family: raw.family, name: raw.id, status: 'draft', editions: [], provenance: { sources: [] }, usages: { status: 'non publié' } } as Version;
}

/** Parents before children, siblings by id; orphans/cycles last. */
function treeOrder<B extends { parent?: string | null }>(blocks: Map<string, B>): Map<string, B> {
  const children = new Map<string | null, string[]>();
  for (const [id, b] of blocks) {
    const p = b.parent && blocks.has(b.parent) ? b.parent : null;
    if (!children.has(p)) children.set(p, []);
    children.get(p)!.push(id);
  }
  for (const list of children.values()) list.sort(byId);
  const out = new Map<string, B>();
  const walk = (p: string | null) => {
    for (const id of children.get(p) ?? []) {
      if (out.has(id)) continue;
      out.set(id, blocks.get(id)!);
      walk(id);
    }
  };
  walk(null);
  for (const [id, b] of blocks) if (!out.has(id)) out.set(id, b);
  return out;
}

function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A family's versions along the `previous` chain (oldest first), falling back to id order. */
function familyOrder(fam: ResolvedFamily): Map<string, ResolvedVersion> {
  const ordered: ResolvedVersion[] = [];
  const byPrev = new Map<string | null, ResolvedVersion[]>();
  for (const v of fam.versions.values()) {
    const p = v.meta.previous && fam.versions.has(v.meta.previous) ? v.meta.previous : null;
    if (!byPrev.has(p)) byPrev.set(p, []);
    byPrev.get(p)!.push(v);
  }
  const visit = (p: string | null) => {
    for (const v of (byPrev.get(p) ?? []).sort((a, b) => a.id.localeCompare(b.id))) {
      if (ordered.includes(v)) continue;
      ordered.push(v);
      visit(v.id);
    }
  };
  visit(null);
  for (const v of fam.versions.values()) if (!ordered.includes(v)) ordered.push(v);
  return new Map(ordered.map((v) => [v.id, v]));
}

