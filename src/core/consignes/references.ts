/**
 * Resolve what a fiche cites (components, frontmatter `elements`, ```dsn lines) against the
 * registry, in the fiche's applicable versions (or one pinned version).
 */
import { diag, didYouMean, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { kindOfId } from '../model/ids.ts';
import type { Loc, ResolvedFamily, ResolvedVersion } from '../model/types.ts';
import type { ElementKind } from '../query.ts';
import type { ResolvedRef } from './types.ts';

export interface RefContext {
  family: ResolvedFamily;
  /** Applicable versions that exist in the registry, oldest first. */
  versions: ResolvedVersion[];
}

export const KIND_COMPONENT: Record<ElementKind, string> = { rubrique: 'Rubrique', block: 'Bloc', control: 'Controle', datatype: 'Type' };
const KIND_THE: Record<ElementKind, string> = { rubrique: 'La rubrique', block: 'Le bloc', control: 'Le contrôle', datatype: 'Le type de données' };
const KIND_UNKNOWN: Record<ElementKind, string> = { rubrique: 'Rubrique inconnue', block: 'Bloc inconnu', control: 'Contrôle inconnu', datatype: 'Type de données inconnu' };
const KIND_OF: Record<ElementKind, string> = { rubrique: 'de rubrique', block: 'de bloc', control: 'de contrôle', datatype: 'de type de données' };

function has(v: ResolvedVersion, kind: ElementKind, id: string): boolean {
  switch (kind) {
    case 'rubrique': return v.rubriques.has(id);
    case 'block': return v.blocks.has(id);
    case 'control': return v.controls.has(id);
    case 'datatype': return v.datatypes.has(id);
  }
}

function idsOf(v: ResolvedVersion, kind: ElementKind): Iterable<string> {
  switch (kind) {
    case 'rubrique': return v.rubriques.keys();
    case 'block': return v.blocks.keys();
    case 'control': return v.controls.keys();
    case 'datatype': return v.datatypes.keys();
  }
}

function labelOf(v: ResolvedVersion, kind: ElementKind, id: string): { label?: string; block?: string } {
  switch (kind) {
    case 'rubrique': {
      const e = v.rubriques.get(id)!;
      return { label: e.rubrique.name, block: e.block.id };
    }
    case 'block': return { label: v.blocks.get(id)!.name };
    case 'control': {
      const e = v.controls.get(id)!;
      return { label: e.control.message, block: e.block.id };
    }
    case 'datatype': return { label: v.datatypes.get(id)!.name };
  }
}

const list = (vs: readonly ResolvedVersion[] | readonly string[]) =>
  vs.map((v) => `\`${typeof v === 'string' ? v : v.id}\``).join(', ');

export interface ResolveInput {
  /** Kind implied by the component; undefined: guess from the id (frontmatter `elements`). */
  kind?: ElementKind;
  id: string;
  pinned?: string;
  loc: Loc;
  /** Where the pinned version attribute is, for its diagnostic. */
  pinnedLoc?: Loc;
  /** How to write the reference in a hint, e.g. `<Rubrique id="X" version="P26V01"/>`. */
  how: (id: string, version?: string) => string;
}

export interface ResolveOutput {
  resolved?: ResolvedRef;
  /** Versions (checked) holding the element. */
  present: ResolvedVersion[];
  diagnostics: Diagnostic[];
}

/** Versions a reference is checked in: the pinned one, or the fiche's. */
function checkedVersions(ctx: RefContext, input: ResolveInput, out: Diagnostic[]): ResolvedVersion[] | undefined {
  if (input.pinned === undefined) return ctx.versions;
  const v = ctx.family.versions.get(input.pinned);
  if (!v) {
    const dym = didYouMean(input.pinned, ctx.family.versions.keys());
    out.push(diag('error', 'consigne-unknown-version', `Version \`${input.pinned}\` inconnue dans la famille \`${ctx.family.id}\`${dym ? ` ; ${dym}` : ''}`, input.pinnedLoc ?? input.loc,
      `versions : ${[...ctx.family.versions.keys()].join(', ')}.`));
    return undefined;
  }
  return [v];
}

export function resolveElement(ctx: RefContext, input: ResolveInput): ResolveOutput {
  const out: Diagnostic[] = [];
  const { id, loc } = input;
  const shape = kindOfId(id);
  const kind = input.kind ?? shape;
  if (kind !== shape && shape !== 'datatype') {
    out.push(diag('error', 'consigne-reference-kind', `\`${id}\` est un identifiant ${KIND_OF[shape]}, pas ${KIND_OF[kind]}`, loc,
      `écrivez \`<${KIND_COMPONENT[shape]} id="${id}"/>\`.`));
    return { present: [], diagnostics: out };
  }
  const checked = checkedVersions(ctx, input, out);
  if (!checked) return { present: [], diagnostics: out };
  if (checked.length === 0) return { present: [], diagnostics: out }; // no known version: reported on the frontmatter
  const present = checked.filter((v) => has(v, kind, id));
  if (present.length === 0) {
    const elsewhere = [...ctx.family.versions.values()].filter((v) => !checked.includes(v) && has(v, kind, id));
    if (elsewhere.length) {
      const last = elsewhere[elsewhere.length - 1].id;
      out.push(diag('error', 'consigne-reference-not-in-version',
        `${KIND_THE[kind]} \`${id}\` n'existe dans aucune des versions visées (${list(checked)}) ; ${kind === 'rubrique' ? 'elle' : 'il'} existe dans ${list(elsewhere)}`, loc,
        `pour parler d'une version antérieure, épinglez-la : \`${input.how(id, last)}\` ; sinon corrigez \`versions\`.`));
    } else {
      const candidates = new Set<string>();
      for (const v of checked) for (const c of idsOf(v, kind)) candidates.add(c);
      const dym = didYouMean(id, candidates);
      out.push(diag('error', 'consigne-unknown-reference', `${KIND_UNKNOWN[kind]} \`${id}\` dans ${list(checked)}${dym ? ` ; ${dym}` : ''}`, loc,
        dym ? undefined : 'vérifiez l\'identifiant dans le registre (npx norme show).'));
    }
    return { present, diagnostics: out };
  }
  if (present.length < checked.length) {
    const missing = checked.filter((v) => !present.includes(v));
    const absent = kind === 'rubrique' ? 'absente' : 'absent';
    out.push(diag('error', 'consigne-reference-not-in-version',
      `${KIND_THE[kind]} \`${id}\` est ${absent} de ${list(missing)}, ${missing.length > 1 ? 'versions visées' : 'version visée'} par la fiche`, loc,
      `retirez ${missing.length > 1 ? 'ces versions' : 'cette version'} de \`versions\`, ou épinglez la référence : \`${input.how(id, present[present.length - 1].id)}\`.`));
  }
  const target = present[present.length - 1];
  const resolved: ResolvedRef = { family: ctx.family.id, version: target.id, kind, id, versions: present.map((v) => v.id), ...labelOf(target, kind, id) };
  return { resolved, present, diagnostics: out };
}

/** `<Valeur type="…" code="…"/>`: the datatype, then the code in each version holding it. */
export function resolveCode(ctx: RefContext, input: ResolveInput & { code: string; codeLoc: Loc }): ResolveOutput {
  const r = resolveElement(ctx, { ...input, kind: 'datatype' });
  if (!r.resolved) return r;
  const out = r.diagnostics;
  const withValues = r.present.filter((v) => (v.datatypes.get(input.id)!.values ?? []).length > 0);
  if (withValues.length === 0) {
    out.push(diag('error', 'consigne-reference-kind', `Le type de données \`${input.id}\` n'est pas une nomenclature : \`<Valeur>\` ne s'applique qu'aux listes de codes`, input.loc,
      `citez le type avec \`<Type id="${input.id}"/>\`.`));
    return { present: [], diagnostics: out };
  }
  const holding = withValues.filter((v) => v.datatypes.get(input.id)!.values!.some((x) => x.code === input.code));
  if (holding.length === 0) {
    const codes = new Set<string>();
    for (const v of withValues) for (const x of v.datatypes.get(input.id)!.values!) codes.add(x.code);
    const dym = didYouMean(input.code, codes);
    out.push(diag('error', 'consigne-unknown-code', `Code \`${input.code}\` absent de la nomenclature \`${input.id}\` (${list(withValues)})${dym ? ` ; ${dym}` : ''}`, input.codeLoc,
      `codes possibles : ${[...codes].slice(0, 30).join(', ')}${codes.size > 30 ? ', …' : ''}.`));
    return { present: [], diagnostics: out };
  }
  if (holding.length < withValues.length) {
    const missing = withValues.filter((v) => !holding.includes(v));
    out.push(diag('error', 'consigne-code-not-in-version', `Code \`${input.code}\` de \`${input.id}\` absent de ${list(missing)}, ${missing.length > 1 ? 'versions visées' : 'version visée'} par la fiche`, input.codeLoc,
      `retirez ${missing.length > 1 ? 'ces versions' : 'cette version'} de \`versions\`, ou épinglez la référence : \`version="${holding[holding.length - 1].id}"\`.`));
  }
  const target = holding[holding.length - 1];
  const label = target.datatypes.get(input.id)!.values!.find((x) => x.code === input.code)!.label;
  const resolved: ResolvedRef = { ...r.resolved, version: target.id, code: input.code, label, versions: holding.map((v) => v.id) };
  return { resolved, present: holding, diagnostics: out };
}

