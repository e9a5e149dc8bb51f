/**
 * Usages of a version without an official usage table, inferred from the tables of its
 * neighbouring versions (applied by the importer, after every version of the family is built).
 *
 * Rule (README, « Usages inférés ») — for a version V without a table:
 * - its neighbours are the version just before it (`previous`) and the version just after it
 *   (the one whose `previous` is V), kept only when their own table is published; never further;
 * - a rubrique is « unchanged » when it exists in V and in the neighbour(s) with the same block,
 *   the same label and the same datatype identifier;
 * - two neighbours: for each nature of both tables (and of V's nature datatype), an unchanged
 *   rubrique gets the usage both tables give when they give the same one; otherwise none;
 * - one neighbour only (e.g. P24V01, whose previous P19V01 has no table): an unchanged rubrique
 *   gets that neighbour's usage for each of its natures; a finding resting on it is « non
 *   bloquant » (one table cannot confirm that the usage did not change);
 * - a rubrique that gets no usage stays without one (usage unknown, nothing checked).
 * Every rubrique that got a usage carries `usageProvenance: {source: inférée, from: [...]}` and the
 * version's `usages` says `status: inféré`, the tables used and the rule.
 */
import type { Block, Datatype, Rubrique, UsageCode, Version } from '../model/schema-types.ts';
import type { ResolvedFamily, ResolvedVersion } from '../model/types.ts';

export interface UsageNeighbour {
  id: string;
  version: Version;
  blocks: Block[];
}

export interface InferTarget {
  version: Version;
  blocks: Block[];
  datatypes: Datatype[];
}

export const INFERENCE_RULE_TWO =
  'usage inféré quand la rubrique est inchangée (même bloc, même libellé, même type de données) dans la version et ses deux voisines, et que leurs deux tableaux officiels lui donnent le même usage pour la nature ; sinon inconnu';
export const INFERENCE_RULE_ONE =
  'usage inféré du seul tableau officiel voisin quand la rubrique est inchangée (même bloc, même libellé, même type de données) entre les deux versions ; constats « non bloquant » (un seul tableau ne confirme pas l\'usage) ; sinon inconnu';

interface Located {
  block: string;
  r: Rubrique;
}

function index(blocks: Block[]): Map<string, Located> {
  const m = new Map<string, Located>();
  for (const b of blocks) for (const r of b.rubriques) m.set(r.id, { block: b.id, r });
  return m;
}

const same = (a: Located, b: Located | undefined) => !!b && a.block === b.block && a.r.name === b.r.name && a.r.datatype === b.r.datatype;

/** Infers the usages of `target` in place. Returns the number of rubriques that got a usage, and of those that did not. */
export function inferUsages(target: InferTarget, neighbours: UsageNeighbour[]): { inferred: number; undetermined: number } | undefined {
  const ns = neighbours.filter((n) => n.version.usages.status === 'publié');
  if (!ns.length) return undefined;
  const natureDt = target.datatypes.find((d) => /_Declaration_Nature$/.test(d.id) && d.values?.length);
  const own = natureDt ? new Set(natureDt.values!.map((v) => v.code)) : undefined;
  const natures = (ns[0].version.usages.natures ?? []).filter((n) => ns.every((x) => x.version.usages.natures?.some((y) => y.code === n.code)) && (!own || own.has(n.code)));
  const tables = ns.map((n) => index(n.blocks));
  const from = ns.map((n) => n.id);
  let inferred = 0;
  let undetermined = 0;
  for (const b of target.blocks) {
    for (const r of b.rubriques) {
      const here: Located = { block: b.id, r };
      const there = tables.map((t) => t.get(r.id));
      const usage: Record<string, UsageCode> = {};
      if (there.every((t) => same(here, t))) {
        for (const n of natures) {
          const codes = there.map((t) => t!.r.usage?.[n.code]);
          if (codes[0] !== undefined && codes.every((c) => c === codes[0])) usage[n.code] = codes[0];
        }
      }
      if (Object.keys(usage).length) {
        r.usage = usage;
        r.usageProvenance = { source: 'inférée', from: [from[0], ...from.slice(1)] };
        inferred++;
      } else {
        delete r.usage;
        undetermined++;
      }
    }
  }
  target.version.usages = {
    status: 'inféré',
    natures: natures.map((n) => ({ code: n.code, label: natureDt?.values?.find((v) => v.code === n.code)?.label ?? n.label })),
    inferredFrom: ns.map((n) => ({ version: n.id, source: n.version.usages.source ?? n.id })),
    rule: ns.length > 1 ? INFERENCE_RULE_TWO : INFERENCE_RULE_ONE,
    inferred,
    undetermined,
  };
  return { inferred, undetermined };
}

export interface UsageGap {
  rubrique: string;
  name: string;
  block: string;
  /** Natures of the version's usages left without a usage for this rubrique. */
  natures: string[];
  /** Why, in French (e.g. « absente de P25V01 », « 01 : I dans P25V01, C dans P27V01 »). */
  reasons: string[];
}

/**
 * Rubriques of a version with inferred usages that got no usage for some nature, and why
 * (the same rule as inferUsages). `neighbours`: the versions named by `usages.inferredFrom`.
 */
export function usageGaps(target: { version: Version; blocks: Iterable<Block> }, neighbours: UsageNeighbour[]): UsageGap[] {
  const natures = (target.version.usages.natures ?? []).map((n) => n.code);
  const tables = neighbours.map((n) => ({ id: n.id, t: index(n.blocks) }));
  const out: UsageGap[] = [];
  for (const b of target.blocks) {
    for (const r of b.rubriques) {
      const missing = natures.filter((n) => r.usage?.[n] === undefined);
      if (!missing.length) continue;
      const reasons: string[] = [];
      for (const { id, t } of tables) {
        const there = t.get(r.id);
        if (!there) reasons.push(`absente de ${id}`);
        else if (there.block !== b.id) reasons.push(`rangée sous le bloc ${there.block} dans ${id}`);
        else if (there.r.datatype !== r.datatype) reasons.push(`type ${there.r.datatype} dans ${id} (${r.datatype} ici)`);
        else if (there.r.name !== r.name) reasons.push(`libellé « ${there.r.name} » dans ${id}`);
      }
      if (!reasons.length) {
        for (const n of missing) {
          const codes = tables.map(({ id, t }) => `${t.get(r.id)!.r.usage?.[n] ?? 'absent'} dans ${id}`);
          reasons.push(`${n} : ${codes.join(', ')}`);
        }
      }
      out.push({ rubrique: r.id, name: r.name, block: b.id, natures: missing, reasons });
    }
  }
  return out.sort((a, b) => a.rubrique.localeCompare(b.rubrique));
}

/**
 * The usage gaps of a resolved version whose usages are inferred (`norme usages report`): its
 * rubriques left without a usage, checked against the neighbours its `version.yaml` names. None
 * when its usages are published or absent.
 */
export function versionUsageGaps(family: ResolvedFamily, v: ResolvedVersion): UsageGap[] {
  const u = v.meta.usages;
  if (u.status !== 'inféré') return [];
  const neighbours = (u.inferredFrom ?? [])
    .map((x) => family.versions.get(x.version))
    .filter((x): x is ResolvedVersion => !!x)
    .map((n): UsageNeighbour => ({ id: n.id, version: n.meta, blocks: [...n.blocks.values()] }));
  return usageGaps({ version: v.meta, blocks: v.blocks.values() }, neighbours);
}
