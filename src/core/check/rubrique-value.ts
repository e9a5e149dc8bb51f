/**
 * The checker's value check (`valueProblem`, value.ts) for one rubrique of a resolved version,
 * without compiling the whole check model: what the ```dsn examples of the fiches consignes use,
 * so that an example accepted by `norme validate` is accepted by `norme check` too.
 */
import type { ResolvedVersion } from '../model/types.ts';
import { compileDatatype, type RtRubrique } from './compile.ts';
import { checkDatatype, checkRubrique } from './model.ts';
import { valueProblem, type ValueProblem } from './value.ts';

type ValueCheck = Pick<RtRubrique, 'dt' | 'masked' | 'calendar'>;

const CHECKS = new WeakMap<ResolvedVersion, Map<string, ValueCheck | null>>();

function valueCheck(v: ResolvedVersion, rubriqueId: string): ValueCheck | null {
  let perVersion = CHECKS.get(v);
  if (!perVersion) CHECKS.set(v, (perVersion = new Map()));
  let c = perVersion.get(rubriqueId);
  if (c !== undefined) return c;
  const e = v.rubriques.get(rubriqueId);
  const t = e && v.datatypes.get(e.rubrique.datatype);
  if (!e || !t) c = null;
  else {
    const d = checkDatatype(t);
    const cr = checkRubrique(e.rubrique, e.block, d, false, false);
    // An example of a fiche is public text: its value is shown, never masked.
    c = { dt: compileDatatype(t.id, d), masked: false, ...(cr.calendar ? { calendar: cr.calendar } : {}) };
  }
  perVersion.set(rubriqueId, c);
  return c;
}

/** First problem of `value` for rubrique `rubriqueId` of `v`, as `norme check` reports it; undefined when acceptable or when the rubrique or its datatype is unknown. */
export function rubriqueValueProblem(v: ResolvedVersion, rubriqueId: string, value: string): ValueProblem | undefined {
  const c = valueCheck(v, rubriqueId);
  return c ? valueProblem(c, value) : undefined;
}
