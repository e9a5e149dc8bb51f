/**
 * "Applicable now", answered where it is read. The pages are built once (the home page, the
 * search and the month grid say which version applies in the build month); each page carries
 * read the applicability spans of every version (`/calendrier.json`, written by `calendarJson`
 * at build time), and in the reader's browser `readerCalendar` answers
 * for the reader's own month with the core's rule (`applicableSpan`) and the search's rule of
 * the reference version (`referenceOf`). Without JavaScript the build-time text stays, saying
 * its build date.
 */
import { applicableSpan, type Span } from '../core/applicability.ts';
import { monthOf } from '../core/month.ts';
import { urls } from './urls.ts';
import { ANY_READER, coverKey, referenceOf, type FamilyReference } from './search/scope.ts';

export interface CalendarFamily {
  id: string;
  name: string;
  /** Newest version (not an example): the reference when no version ever applied. */
  newest?: string;
  /** Applicability of each version as in the registry; `until`: its end as shown (derived from the next version). */
  spans: (Span & { until?: string })[];
  /** Reference version of the build month. */
  built?: string;
  /** Every version id, oldest first (the 404 page corrects their case). */
  versions: string[];
}

export interface CalendarData {
  /** Build month (`YYYY-MM`) and date (`YYYY-MM-DD`). */
  month: string;
  date: string;
  families: CalendarFamily[];
}

/** The data of every page, as the build knows it (see data.ts `calendar`). */
export function calendarJson(c: CalendarData): string {
  return JSON.stringify(c);
}

/** `YYYY-MM` of the reader's clock (local time). */
export const readerMonth = (now: Date = new Date()): string => monthOf(now);

export interface ReaderFamily {
  family: CalendarFamily;
  /** Span applicable to the reader's month, if any. */
  applicable?: CalendarFamily['spans'][number];
  /** Reference version of the search for the reader's month. */
  reference?: FamilyReference;
}

export interface ReaderCalendar {
  month: string;
  /** False when the reader's month is the build month (nothing to update). */
  changed: boolean;
  families: ReaderFamily[];
}

let loaded: Promise<CalendarData | undefined> | undefined;
/** The site's calendar (`/calendrier.json`, fetched once per page; undefined if unavailable). */
export function loadCalendar(): Promise<CalendarData | undefined> {
  return (loaded ??= fetch(urls.calendar())
    .then((r) => (r.ok ? (r.json() as Promise<CalendarData>) : undefined))
    .catch(() => undefined));
}

/** The answers for the reader's month. */
export function readerCalendar(cal: CalendarData, month: string = readerMonth()): ReaderCalendar {
  const families = cal.families.map((family) => {
    const app = applicableSpan(family.spans, month);
    return { family, applicable: app.version, reference: referenceOf(family.id, app, family.newest) };
  });
  const changed = month !== cal.month && families.some((f) => f.reference?.version !== f.family.built);
  return { month, changed, families };
}

/**
 * Pagefind filters of the default scope for the reader: undefined when the reader's month gives
 * the build's references (the index's `portee: actuelle` is then that scope), else the records
 * covering the reader's reference versions (index filter `couvre`, src/site/search/indexer.ts).
 */
export function readerScopeFilter(rc: ReaderCalendar): Record<string, unknown> | undefined {
  if (!rc.changed) return undefined;
  const any = rc.families.flatMap((f) => (f.reference ? [coverKey(f.family.id, f.reference.version)] : []));
  return { couvre: { any: [...any, ANY_READER] } };
}

/**
 * A search result seen from the reader's month: the same definition in the reader's reference
 * version is shown as that version's page (`/dsn/P26V01/X/` → `/dsn/P27V01/X/` when X did not
 * change), and counts as the applicable one.
 */
export function readerHit<H extends { url: string; version: string; portee?: string; couvre?: string }>(h: H, rc: ReaderCalendar): H {
  if (!rc.changed) return h;
  const family = h.url.split('/')[1];
  const ref = rc.families.find((f) => f.family.id === family)?.reference?.version;
  // No `couvre` meta: the record covers its own versions (`version`, `P25V01, P26V01` for a fiche).
  const covers = (h.couvre ?? h.version).split(/[ ,]+/).filter(Boolean);
  if (!covers.length) return h;
  if (!ref) return h;
  if (!covers.includes(ref)) return covers.includes(ANY_READER) ? h : { ...h, portee: 'autre' };
  const prefix = `/${family}/${h.version}/`;
  const url = h.version !== ref && h.url.startsWith(prefix) ? `/${family}/${ref}/${h.url.slice(prefix.length)}` : h.url;
  return { ...h, url, version: h.url.startsWith(prefix) ? ref : h.version, portee: 'actuelle' };
}
