/**
 * Stage 3 of loading the registry, **validate**: what a schema cannot check, on the versions the
 * resolve stage built (`src/core/resolve/registry.ts`) — identities, references, cycles, codes,
 * regexps, lengths, editions, the `previous` chain, applicability overlaps and gaps. It reads the
 * resolved data and the positions kept by the load stage, and changes nothing: it only returns
 * diagnostics. A version is checked as its files describe it (`base` when it has a journal).
 */
import { didYouMean, diag, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { Registry, ResolvedFamily, ResolvedVersion } from '../model/types.ts';
import { at, lazyAt, type PathSegment } from '../load/yaml-file.ts';
import type { BrokenIds, RawFamily, RawRegistry, SourceSet } from '../load/registry.ts';
import { compileFullMatch } from './regexp.ts';
import { blockOf, cardinalityInverted, controlTarget, lengthInverted } from './invariants.ts';
import { nextMonth, prevMonth } from '../month.ts';

/** Cross-file checks of every version and family of a resolved registry. */
export function validateRegistry(registry: Registry, raw: RawRegistry): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rf of raw.families) {
    const fam = registry.families.get(rf.id);
    if (!fam) continue;
    for (const rv of rf.versions) {
      const v = fam.versions.get(rv.id);
      if (v) out.push(...validateVersion(v.base ?? v, { sources: raw.sources, broken: rv.broken, metaRead: rv.meta !== undefined }));
    }
    out.push(...validateFamily(fam, rf, raw.sources));
  }
  return out;
}

export interface VersionContext {
  /** Parsed files, for positions. */
  sources: SourceSet;
  /** Ids of elements whose file failed to parse or validate: no cascading reference errors. */
  broken: BrokenIds;
  /** False when `version.yaml` could not be read: the checks against it are skipped. */
  metaRead: boolean;
  /** Where a problem is reported (default: its position in the parsed file, from `sources`). */
  where?: Where;
}

/** The position of `path` in `file` (a registry file relative to the root). */
export type Where = (file: string, path: readonly PathSegment[], key?: string) => { file?: string; line?: number; column?: number };

/** Check one resolved version, as its files describe it. Never changes it. */
export function validateVersion(v: ResolvedVersion, ctx: VersionContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const where: Where = ctx.where ?? ((file, path, key) => at(ctx.sources.files.get(file)!, path, key));

  // Datatypes: codes, regexps, lengths.
  for (const [id, t] of v.datatypes) {
    const file = v.files.datatypes.get(id)!;
    const codes = new Map<string, number>();
    (t.values ?? []).forEach((val, i) => {
      if (codes.has(val.code)) {
        out.push(diag('error', 'duplicate-code', `Code \`${val.code}\` en double dans la liste de \`${t.id}\` (déjà en position ${codes.get(val.code)! + 1})`, where(file, ['values', i, 'code']), 'chaque code d\'une nomenclature doit être unique.'));
      } else codes.set(val.code, i);
    });
    if (t.regexp !== undefined) {
      const r = compileFullMatch(t.regexp);
      if (!r.ok) {
        out.push(diag('error', 'invalid-regexp', `Expression régulière invalide pour \`${t.id}\` : ${r.error}`, where(file, ['regexp']), 'corrigez l\'expression (elle est appliquée à la valeur entière).'));
      }
    }
    if (lengthInverted(t.minLength, t.maxLength)) {
      out.push(diag('error', 'length-range', `Longueur minimale ${t.minLength} supérieure à la longueur maximale ${t.maxLength} pour \`${t.id}\``, where(file, ['minLength']), 'inversez ou corrigez les longueurs.'));
    }
    if (t.nature === 'Enumeration' && !(t.values && t.values.length) ) {
      out.push(diag('warning', 'empty-enumeration', `La nomenclature \`${t.id}\` n'a aucune valeur`, where(file, ['nature']), 'ajoutez ses valeurs ou changez sa nature.'));
    }
  }

  // Blocks: cardinalities, their rubriques and controls, references to datatypes and parents.
  const natures = new Set((v.meta.usages?.natures ?? []).map((n) => n.code));
  const typeIds = [...v.datatypes.keys()];
  for (const [bid, b] of v.blocks) {
    const file = v.files.blocks.get(bid)!;
    if (cardinalityInverted(b.cardinality)) {
      out.push(diag('error', 'cardinality-range', `Cardinalité ${b.cardinality.min}..${b.cardinality.max} impossible pour \`${b.id}\``, where(file, ['cardinality']), 'le minimum doit être inférieur ou égal au maximum.'));
    }
    b.rubriques.forEach((r, i) => {
      if (blockOf(r.id) !== b.id) {
        out.push(diag('error', 'rubrique-block-mismatch', `La rubrique \`${r.id}\` n'appartient pas au bloc \`${b.id}\``, where(file, ['rubriques', i, 'id']), `une rubrique du bloc \`${b.id}\` s'écrit \`${b.id}.NNN\`.`));
      }
      if (!v.datatypes.has(r.datatype) && !ctx.broken.has(r.datatype)) {
        const dym = didYouMean(r.datatype, typeIds);
        out.push(diag('error', 'unknown-datatype', `Type de données inconnu \`${r.datatype}\`${dym ? ` ; ${dym}` : ''}`, where(file, ['rubriques', i, 'datatype']), `définissez-le dans \`${v.dir}/datatypes/${r.datatype}.yaml\` ou corrigez le nom.`));
      }
      // A rubrique defined twice is reported by the resolve stage; only its first definition counts.
      if (v.rubriques.get(r.id)?.rubrique !== r) return;
      if (i > 0 && b.rubriques[i - 1].id >= r.id && blockOf(b.rubriques[i - 1].id) === b.id) {
        out.push(diag('warning', 'rubrique-order', `La rubrique \`${r.id}\` suit \`${b.rubriques[i - 1].id}\` : les rubriques d'un bloc sont rangées par numéro croissant`, where(file, ['rubriques', i, 'id']), 'déplacez-la à sa place.'));
      }
      (r.controls ?? []).forEach((c, j) => {
        const { rubrique: target, family: fam } = controlTarget(c.id);
        if (target !== r.id) {
          out.push(diag('error', 'control-rubrique-mismatch', `Le contrôle \`${c.id}\` ne porte pas sur la rubrique \`${r.id}\` qui le contient`, where(file, ['rubriques', i, 'controls', j, 'id']), `un contrôle de cette rubrique s'écrit \`${r.id}/${c.family}-NN\`.`));
        }
        if (fam !== c.family) {
          out.push(diag('error', 'control-family-mismatch', `La famille \`${c.family}\` ne correspond pas à l'identifiant \`${c.id}\``, where(file, ['rubriques', i, 'controls', j, 'family']), `mettez \`family: ${fam}\`.`));
        }
      });
      if (r.usage && ctx.metaRead) {
        if (v.meta.usages?.status === 'non publié') {
          out.push(diag('error', 'usage-unpublished', `La rubrique \`${r.id}\` a des usages alors que le tableau des usages de la version est « non publié »`, where(file, ['rubriques', i, 'usage']), 'renseignez `usages` dans version.yaml ou retirez ces usages.'));
        } else if (natures.size) {
          for (const n of Object.keys(r.usage)) {
            if (!natures.has(n)) {
              out.push(diag('error', 'unknown-nature', `Nature de déclaration \`${n}\` inconnue pour l'usage de \`${r.id}\``, where(file, ['rubriques', i, 'usage'], n), `natures de la version : ${[...natures].join(', ')}.`));
            }
          }
        }
      }
    });
    if (b.parent !== undefined && b.parent !== null && !v.blocks.has(b.parent) && !ctx.broken.has(b.parent)) {
      const dym = didYouMean(b.parent, v.blocks.keys());
      out.push(diag('error', 'unknown-parent', `Bloc parent inconnu \`${b.parent}\`${dym ? ` ; ${dym}` : ''}`, where(file, ['parent']), 'le parent doit être un bloc de la même version.'));
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
          out.push(diag('error', 'block-cycle', `Cycle dans la hiérarchie des blocs : ${[...cycle.slice(cycle.indexOf(first)), ...cycle.slice(0, cycle.indexOf(first)), first].map((x) => `\`${x}\``).join(' → ')}`, where(v.files.blocks.get(first)!, ['parent']), 'un bloc ne peut pas être son propre ancêtre.'));
        }
        break;
      }
      seen.push(cur);
      cur = v.blocks.get(cur)!.parent;
    }
  }
  if (ctx.metaRead) {
    const versionFile = `${v.dir}/version.yaml`;
    const ids = new Set<string>();
    (v.meta.editions ?? []).forEach((e, i) => {
      if (ids.has(e.id)) out.push(diag('error', 'duplicate-edition', `Édition \`${e.id}\` déclarée deux fois`, where(versionFile, ['editions', i, 'id'])));
      ids.add(e.id);
      if (i > 0 && v.meta.editions[i - 1].date > e.date) {
        out.push(diag('error', 'edition-order', `L'édition \`${e.id}\` (${e.date}) est antérieure à la précédente (${v.meta.editions[i - 1].date})`, where(versionFile, ['editions', i, 'date']), 'rangez les éditions par date croissante.'));
      }
    });
    const app = v.meta.applicability;
    if (app?.to && app.to < app.from) {
      out.push(diag('error', 'applicability-range', `Applicabilité de ${app.from} à ${app.to} : la fin précède le début`, where(versionFile, ['applicability', 'to'])));
    }
  }
  return out;
}

/**
 * Family-level checks: previous chain, applicability overlaps and gaps. `raw` gives the versions
 * in the order they were read and the ids of broken files.
 */
export function validateFamily(fam: ResolvedFamily, raw: RawFamily, sources: SourceSet): Diagnostic[] {
  const out: Diagnostic[] = [];
  const vFile = (v: ResolvedVersion) => sources.files.get(`${v.dir}/version.yaml`);
  const read = raw.versions.map((rv) => fam.versions.get(rv.id)!).filter(Boolean);
  const readIds = read.map((v) => v.id);
  for (const v of read) {
    const prev = v.meta.previous;
    if (prev && !fam.versions.has(prev) && !raw.broken.has(prev)) {
      const p = vFile(v);
      const dym = didYouMean(prev, readIds.filter((k) => k !== v.id));
      out.push(diag('error', 'unknown-previous-version', `Version précédente inconnue \`${prev}\` dans la famille \`${fam.id}\`${dym ? ` ; ${dym}` : ''}`, p ? at(p, ['previous']) : { file: `${v.dir}/version.yaml` }, `versions connues : ${readIds.join(', ')}.`));
    }
  }
  // `previous` chains: no version is its own predecessor, even indirectly.
  const inCycle = new Set<string>();
  for (const v of read) {
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

  // Applicability: overlaps are errors, gaps warnings (versions in resolved order, then by start).
  const withApp = [...fam.versions.values()].filter((v) => v.meta.applicability).sort((a, b) => a.meta.applicability!.from.localeCompare(b.meta.applicability!.from));
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
