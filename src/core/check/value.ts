/** Checks of one value against its rubrique (datatype, code list, calendar). Keys are separate. */
import type { RtRubrique } from './compile.ts';
import { calendarCheck } from './dates.ts';
import { EXAMPLE_DATE, exampleValue } from '../text/example.ts';
import { showValue } from './mask.ts';
import type { RuleId } from './rules.ts';

export interface ValueProblem {
  rule: RuleId;
  message: string;
  control?: string;
}

/**
 * First problem of `value` for rubrique `r`, or undefined when the value is acceptable. The one
 * value check of the project: the checker, the sample generator and the ```dsn examples of the
 * fiches (`rubriqueValueProblem`) all call it.
 */
export function valueProblem(r: Pick<RtRubrique, 'dt' | 'masked' | 'calendar'>, value: string): ValueProblem | undefined {
  const t = r.dt;
  if (t.codes) {
    if (t.codes.has(value)) return undefined;
    const list = t.codeList!.length <= 12 ? ` (valeurs admises : ${t.codeList!.join(', ')})` : '';
    return { rule: 'value-code', message: `Valeur ${showValue(value, r.masked)} absente de la liste ${t.id}${list}.` };
  }
  const len = value.length;
  if (len < t.min || len > t.max) {
    const bounds = t.min === t.max ? `${t.min} caractère(s)` : `${t.min} à ${t.max === Number.POSITIVE_INFINITY ? '…' : t.max} caractères`;
    return { rule: 'value-length', message: `Valeur ${showValue(value, r.masked)} de longueur ${len} : le type ${t.id} attend ${bounds}.` };
  }
  if (t.re && !t.re.test(value)) {
    const example = exampleValue({ nature: t.nature, regexp: t.regexp, minLength: t.min, maxLength: t.max === Number.POSITIVE_INFINITY ? undefined : t.max });
    return {
      rule: 'value-format',
      message: `Valeur ${showValue(value, r.masked)} non conforme au format du type ${t.id} (${t.regexp})${example === undefined ? '' : `, par exemple « ${example} »`}.`,
    };
  }
  if (t.isDate && calendarCheck(value) === 'invalid') {
    return { rule: 'value-date', message: `Date ${showValue(value, r.masked)} inexistante dans le calendrier (format JJMMAAAA, par exemple ${EXAMPLE_DATE}).` };
  }
  if (r.calendar && calendarCheck(value, r.calendar.exceptions) === 'invalid') {
    const msg = r.calendar.message ? `${r.calendar.message} Valeur : ${showValue(value, r.masked)}.` : `Date ${showValue(value, r.masked)} hors calendrier.`;
    return { rule: 'calendar', message: msg, control: r.calendar.control };
  }
  return undefined;
}
