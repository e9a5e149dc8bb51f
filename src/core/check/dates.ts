/** Calendar checks for `JJMMAAAA` values (the only date layout of the DSN/PASRAU norms). */

export function daysInMonth(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export type CalendarVerdict = 'ok' | 'invalid' | 'not-a-date';

/**
 * Is `JJMMAAAA` a real calendar date? `exceptions` lists day/month values tolerated as
 * "unknown" (e.g. `['00', '99']` for birth dates, as the CSL control texts say).
 * Values that are not 8 digits are `not-a-date` (the datatype checks report them).
 */
export function calendarCheck(value: string, exceptions: readonly string[] = []): CalendarVerdict {
  return calendarCheckAt(value, 0, value.length, exceptions);
}

/** `calendarCheck` of the value `text[s, e)`, read on the line (no substring unless `exceptions`). */
export function calendarCheckAt(text: string, s: number, e: number, exceptions: readonly string[] = []): CalendarVerdict {
  if (e - s !== 8) return 'not-a-date';
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return 'not-a-date';
  }
  // Digits checked above: the numbers from the character codes, no substring (48 is « 0 »).
  const d = text.charCodeAt(s) * 10 + text.charCodeAt(s + 1) - 528;
  const m = text.charCodeAt(s + 2) * 10 + text.charCodeAt(s + 3) - 528;
  const y = text.charCodeAt(s + 4) * 1000 + text.charCodeAt(s + 5) * 100 + text.charCodeAt(s + 6) * 10 + text.charCodeAt(s + 7) - 53328;
  if (exceptions.length) {
    const dUnknown = exceptions.includes(text.slice(s, s + 2));
    const mUnknown = exceptions.includes(text.slice(s + 2, s + 4));
    if (mUnknown) return dUnknown || (d >= 1 && d <= 31) ? 'ok' : 'invalid';
    if (m < 1 || m > 12) return 'invalid';
    if (dUnknown) return 'ok';
    return d >= 1 && d <= daysInMonth(m, y) ? 'ok' : 'invalid';
  }
  if (m < 1 || m > 12 || d < 1) return 'invalid';
  return d <= daysInMonth(m, y) ? 'ok' : 'invalid';
}

/**
 * Is `YYYY-MM-DD` a real calendar date (the registry's dates: editions, journal entries, fiches)?
 * Same calendar as `calendarCheck`; it is the JSON Schema format `date` of the registry's schemas.
 */
export function isIsoDate(value: string): boolean {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(value);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(month, Number(m[1]));
}

