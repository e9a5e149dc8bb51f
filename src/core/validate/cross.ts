import { diag, didYouMean, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { Block, Datatype, ResolvedFamily, ResolvedVersion } from '../model/types.ts';
import { at, lazyAt, type ParsedYaml } from '../load/yaml-file.ts';
import type { SourceSet } from '../load/registry.ts';
import { compileFullMatch } from './regexp.ts';
import { datatypeFileName } from '../model/file-names.ts';
import { blockOfRubrique as BLOCK_OF } from '../model/ids.ts';
import { nextMonth, prevMonth } from '../month.ts';

/**
 * Resolve one version from its parsed block and datatype files, and check what a
 * schema cannot: identities, references, cycles, duplicates, regexps.
 * Fills `v.blocks`, `v.rubriques`, `v.datatypes`, `v.controls`.
 */
export function crossCheckVersion(
  v: ResolvedVersion,
  blocksRaw: Array<{ block: Block; parsed: ParsedYaml }>,
  typesRaw: Array<{ datatype: Datatype; parsed: ParsedYaml }>,
  versionParsed?: ParsedYaml,
  /** Ids of elements whose file failed to parse or validate: no cascading reference errors. */
  brokenIds: ReadonlySet<string> = new Set(),
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const blockParsed = new Map<string, ParsedYaml>();

  // Datatypes: identity, duplicates, codes, regexps, lengths.
  for (const { datatype: t, parsed } of typesRaw) {
    const expected = fileStem(parsed.file);
    // The id itself, or its encoded form when it is no safe file name (the one the importer writes).
    if (expected !== t.id && expected !== datatypeFileName(t.id)) {
      out.push(diag('error', 'file-name-mismatch', `Le type \`${t.id}\` est dans le fichier \`${expected}.yaml\``, at(parsed, ['id']), `renommez le fichier en \`${datatypeFileName(t.id)}.yaml\` ou corrigez l'identifiant.`));
    }
    if (v.datatypes.has(t.id)) {
      out.push(diag('error', 'duplicate-datatype', `Type de données \`${t.id}\` défini deux fois (déjà dans \`${v.files.datatypes.get(t.id)}\`)`, at(parsed, ['id']), 'gardez une seule définition.'));
      continue;
    }
    v.datatypes.set(t.id, t);
    v.files.datatypes.set(t.id, parsed.file);
    const codes = new Map<string, number>();
    (t.values ?? []).forEach((val, i) => {
      if (codes.has(val.code)) {
        out.push(diag('error', 'duplicate-code', `Code \`${val.code}\` en double dans la liste de \`${t.id}\` (déjà en position ${codes.get(val.code)! + 1})`, at(parsed, ['values', i, 'code']), 'chaque code d\'une nomenclature doit être unique.'));
      } else codes.set(val.code, i);
    });
    if (t.regexp !== undefined) {
      const r = compileFullMatch(t.regexp);
      if (!r.ok) {
        out.push(diag('error', 'invalid-regexp', `Expression régulière invalide pour \`${t.id}\` : ${r.error}`, at(parsed, ['regexp']), 'corrigez l\'expression (elle est appliquée à la valeur entière).'));
      }
    }
    if (t.minLength !== undefined && t.maxLength !== undefined && t.minLength > t.maxLength) {
      out.push(diag('error', 'length-range', `Longueur minimale ${t.minLength} supérieure à la longueur maximale ${t.maxLength} pour \`${t.id}\``, at(parsed, ['minLength']), 'inversez ou corrigez les longueurs.'));
    }
    if (t.nature === 'Enumeration' && !(t.values && t.values.length) ) {
      out.push(diag('warning', 'empty-enumeration', `La nomenclature \`${t.id}\` n'a aucune valeur`, at(parsed, ['nature']), 'ajoutez ses valeurs ou changez sa nature.'));
    }
  }

  // Blocks: identity and duplicates.
  const natures = new Set((v.meta.usages?.natures ?? []).map((n) => n.code));
  for (const { block: b, parsed } of blocksRaw) {
    const expected = fileStem(parsed.file);
    if (expected !== b.id) {
      out.push(diag('error', 'file-name-mismatch', `Le bloc \`${b.id}\` est dans le fichier \`${expected}.yaml\``, at(parsed, ['id']), `renommez le fichier en \`${b.id}.yaml\` ou corrigez l'identifiant.`));
    }
    if (v.blocks.has(b.id)) {
      out.push(diag('error', 'duplicate-block', `Bloc \`${b.id}\` défini deux fois (déjà dans \`${v.files.blocks.get(b.id)}\`)`, at(parsed, ['id']), 'gardez une seule définition.'));
      continue;
    }
    v.blocks.set(b.id, b);
    v.files.blocks.set(b.id, parsed.file);
    blockParsed.set(b.id, parsed);
    if (b.cardinality.max !== '*' && b.cardinality.min > b.cardinality.max) {
      out.push(diag('error', 'cardinality-range', `Cardinalité ${b.cardinality.min}..${b.cardinality.max} impossible pour \`${b.id}\``, at(parsed, ['cardinality']), 'le minimum doit être inférieur ou égal au maximum.'));
    }
    b.rubriques.forEach((r, i) => {
      if (BLOCK_OF(r.id) !== b.id) {
        out.push(diag('error', 'rubrique-block-mismatch', `La rubrique \`${r.id}\` n'appartient pas au bloc \`${b.id}\``, at(parsed, ['rubriques', i, 'id']), `une rubrique du bloc \`${b.id}\` s'écrit \`${b.id}.NNN\`.`));
      }
      const prev = v.rubriques.get(r.id);
      if (prev) {
        out.push(diag('error', 'duplicate-rubrique', `Rubrique \`${r.id}\` définie deux fois (déjà dans le bloc \`${prev.block.id}\`, position ${prev.index + 1})`, at(parsed, ['rubriques', i, 'id']), 'supprimez le doublon ou changez son numéro (les numéros ne sont jamais réutilisés).'));
        return;
      }
      v.rubriques.set(r.id, { rubrique: r, block: b, index: i });
      if (i > 0 && b.rubriques[i - 1].id >= r.id && BLOCK_OF(b.rubriques[i - 1].id) === b.id) {
        out.push(diag('warning', 'rubrique-order', `La rubrique \`${r.id}\` suit \`${b.rubriques[i - 1].id}\` : les rubriques d'un bloc sont rangées par numéro croissant`, at(parsed, ['rubriques', i, 'id']), 'déplacez-la à sa place.'));
      }
      (r.controls ?? []).forEach((c, j) => {
        const slash = c.id.indexOf('/');
        const target = c.id.slice(0, slash);
        const fam = c.id.slice(slash + 1).split('-')[0];
        if (target !== r.id) {
          out.push(diag('error', 'control-rubrique-mismatch', `Le contrôle \`${c.id}\` ne porte pas sur la rubrique \`${r.id}\` qui le contient`, at(parsed, ['rubriques', i, 'controls', j, 'id']), `un contrôle de cette rubrique s'écrit \`${r.id}/${c.family}-NN\`.`));
        }
        if (fam !== c.family) {
          out.push(diag('error', 'control-family-mismatch', `La famille \`${c.family}\` ne correspond pas à l'identifiant \`${c.id}\``, at(parsed, ['rubriques', i, 'controls', j, 'family']), `mettez \`family: ${fam}\`.`));
        }
        if (v.controls.has(c.id)) {
          out.push(diag('error', 'duplicate-control', `Contrôle \`${c.id}\` défini deux fois`, at(parsed, ['rubriques', i, 'controls', j, 'id']), 'gardez une seule définition.'));
        } else v.controls.set(c.id, { control: c, rubrique: r, block: b });
      });
      if (r.usage && versionParsed) {
        if (v.meta.usages?.status === 'non publié') {
          out.push(diag('error', 'usage-unpublished', `La rubrique \`${r.id}\` a des usages alors que le tableau des usages de la version est « non publié »`, at(parsed, ['rubriques', i, 'usage']), 'renseignez `usages` dans version.yaml ou retirez ces usages.'));
        } else if (natures.size) {
          for (const n of Object.keys(r.usage)) {
            if (!natures.has(n)) {
              out.push(diag('error', 'unknown-nature', `Nature de déclaration \`${n}\` inconnue pour l'usage de \`${r.id}\``, at(parsed, ['rubriques', i, 'usage'], n), `natures de la version : ${[...natures].join(', ')}.`));
            }
          }
        }
      }
    });
  }

  // References: datatypes, parents, cycles.
  const typeIds = [...v.datatypes.keys()];
  for (const [bid, b] of v.blocks) {
    const parsed = blockParsed.get(bid)!;
    b.rubriques.forEach((r, i) => {
      if (!v.datatypes.has(r.datatype) && !brokenIds.has(r.datatype)) {
        const dym = didYouMean(r.datatype, typeIds);
        out.push(diag('error', 'unknown-datatype', `Type de données inconnu \`${r.datatype}\`${dym ? ` ; ${dym}` : ''}`, at(parsed, ['rubriques', i, 'datatype']), `définissez-le dans \`${v.dir}/datatypes/${r.datatype}.yaml\` ou corrigez le nom.`));
      }
    });
    if (b.parent !== undefined && b.parent !== null && !v.blocks.has(b.parent) && !brokenIds.has(b.parent)) {
      const dym = didYouMean(b.parent, v.blocks.keys());
      out.push(diag('error', 'unknown-parent', `Bloc parent inconnu \`${b.parent}\`${dym ? ` ; ${dym}` : ''}`, at(parsed, ['parent']), 'le parent doit être un bloc de la même version.'));
    }
  }
  const reported = new Set<string>();
  for (const [bid] of v.blocks) {
    const seen: string[] = [];
    let cur: string | null | undefined = bid;
    while (cur && v.blocks.has(cur)) {
      if (seen.includes(cur)) {
        const cycle = seen.slice(seen.indexOf(cur));
        const key = [...cycle].sort().join(',');
        if (!reported.has(key)) {
          reported.add(key);
          const first = [...cycle].sort()[0];
          out.push(diag('error', 'block-cycle', `Cycle dans la hiérarchie des blocs : ${[...cycle.slice(cycle.indexOf(first)), ...cycle.slice(0, cycle.indexOf(first)), first].map((x) => `\`${x}\``).join(' → ')}`, at(blockParsed.get(first)!, ['parent']), 'un bloc ne peut pas être son propre ancêtre.'));
        }
        break;
      }
      seen.push(cur);
      cur = v.blocks.get(cur)!.parent;
    }
  }
  v.blocks = treeOrder(v.blocks);
  if (versionParsed) {
    const ids = new Set<string>();
    (v.meta.editions ?? []).forEach((e, i) => {
      if (ids.has(e.id)) out.push(diag('error', 'duplicate-edition', `Édition \`${e.id}\` déclarée deux fois`, at(versionParsed, ['editions', i, 'id'])));
      ids.add(e.id);
      if (i > 0 && v.meta.editions[i - 1].date > e.date) {
        out.push(diag('error', 'edition-order', `L'édition \`${e.id}\` (${e.date}) est antérieure à la précédente (${v.meta.editions[i - 1].date})`, at(versionParsed, ['editions', i, 'date']), 'rangez les éditions par date croissante.'));
      }
    });
    const app = v.meta.applicability;
    if (app?.to && app.to < app.from) {
      out.push(diag('error', 'applicability-range', `Applicabilité de ${app.from} à ${app.to} : la fin précède le début`, at(versionParsed, ['applicability', 'to'])));
    }
  }
  return out;
}

/** Parents before children, siblings by id; orphans/cycles last. */
function treeOrder(blocks: Map<string, Block>): Map<string, Block> {
  const children = new Map<string | null, string[]>();
  for (const [id, b] of blocks) {
    const p = b.parent && blocks.has(b.parent) ? b.parent : null;
    if (!children.has(p)) children.set(p, []);
    children.get(p)!.push(id);
  }
  for (const list of children.values()) list.sort(blockSort);
  const out = new Map<string, Block>();
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

/** Footer blocks (S90) after everything else at the root; otherwise by id. */
function blockSort(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function fileStem(file: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1);
  return base.replace(/\.ya?ml$/, '');
}

/** Family-level checks: previous chain, version order, applicability overlaps and gaps. */
export function crossCheckFamily(fam: ResolvedFamily, sources: SourceSet, brokenIds: ReadonlySet<string> = new Set()): Diagnostic[] {
  const out: Diagnostic[] = [];
  const vFile = (v: ResolvedVersion) => sources.files.get(`${v.dir}/version.yaml`);
  for (const v of fam.versions.values()) {
    const prev = v.meta.previous;
    if (prev && !fam.versions.has(prev) && !brokenIds.has(prev)) {
      const p = vFile(v);
      const dym = didYouMean(prev, [...fam.versions.keys()].filter((k) => k !== v.id));
      out.push(diag('error', 'unknown-previous-version', `Version précédente inconnue \`${prev}\` dans la famille \`${fam.id}\`${dym ? ` ; ${dym}` : ''}`, p ? at(p, ['previous']) : { file: `${v.dir}/version.yaml` }, `versions connues : ${[...fam.versions.keys()].join(', ')}.`));
    }
  }
  // `previous` chains: no version is its own predecessor, even indirectly.
  const inCycle = new Set<string>();
  for (const v of fam.versions.values()) {
    if (inCycle.has(v.id) || !v.meta.previous) continue;
    const p = vFile(v);
    // Positions cost a precise parse of the file: computed only when reported.
    const loc = p ? lazyAt(p, ['previous']) : { file: `${v.dir}/version.yaml` };
    if (v.meta.previous === v.id) {
      inCycle.add(v.id);
      out.push(diag('error', 'previous-cycle', `La version \`${v.id}\` se désigne elle-même comme version précédente`, loc, 'indiquez la version qui la précède dans la famille, ou `previous: null` pour la première.'));
      continue;
    }
    const chain = [v.id];
    let cur: string | null | undefined = v.meta.previous;
    while (cur && fam.versions.has(cur) && !chain.includes(cur)) {
      chain.push(cur);
      cur = fam.versions.get(cur)!.meta.previous;
    }
    // Report a cycle once, from its first version in id order (the walk starts there).
    if (cur === v.id && chain.every((id) => id >= v.id)) {
      for (const id of chain) inCycle.add(id);
      out.push(diag('error', 'previous-cycle', `Cycle de versions précédentes : ${[...chain, v.id].map((x) => `\`${x}\``).join(' → ')}`, loc, 'la chaîne des versions précédentes doit remonter à une première version (`previous: null`).'));
    }
  }
  // Order versions along the previous chain (oldest first), falling back to id order.
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
  fam.versions = new Map(ordered.map((v) => [v.id, v]));

  // Applicability: overlaps are errors, gaps warnings.
  const withApp = ordered.filter((v) => v.meta.applicability).sort((a, b) => a.meta.applicability!.from.localeCompare(b.meta.applicability!.from));
  for (let i = 1; i < withApp.length; i++) {
    const a = withApp[i - 1], b = withApp[i];
    const aTo = a.meta.applicability!.to;
    const bFrom = b.meta.applicability!.from;
    const p = vFile(b);
    // Positions cost a precise parse of the file: computed only when reported.
    const loc = p ? lazyAt(p, ['applicability', 'from']) : { file: `${b.dir}/version.yaml` };
    if (!aTo || aTo >= bFrom) {
      out.push(diag('error', 'applicability-overlap', `L'applicabilité de \`${b.id}\` (à partir de ${bFrom}) chevauche celle de \`${a.id}\` (${a.meta.applicability!.from} → ${aTo ?? 'sans fin'})`, loc, `fixez \`applicability.to\` de \`${a.id}\` au mois précédant ${bFrom}.`));
    } else if (nextMonth(aTo) !== bFrom && !b.meta.applicability!.gapBefore) {
      out.push(diag('warning', 'applicability-gap', `Aucune version de \`${fam.id}\` ne s'applique de ${nextMonth(aTo)} à ${prevMonth(bFrom)} (entre \`${a.id}\` et \`${b.id}\`)`, loc, 'ajoutez les versions manquantes au registre ou ajustez les mois d\'applicabilité.'));
    }
  }
  return out;
}
