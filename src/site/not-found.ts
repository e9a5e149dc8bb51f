/**
 * Script of the 404 page: a guess from the address. A version or an identifier in the wrong
 * case (`/dsn/p26v01/`, `/dsn/P26V01/s21.g00.40.007/`) goes to the right page at once (static
 * hosts are case-sensitive); an element id anywhere in the address suggests its permanent
 * link; the search box is filled with the last part of the address.
 */
import { loadCalendar, type CalendarData } from './now.ts';
import { urls } from './urls.ts';
import { ELEMENT_ID_SOURCE } from '../core/model/ids.ts';

export interface Guess {
  /** The same page with the case corrected, when it exists for sure. */
  redirect?: string;
  suggestions: { href: string; label: string }[];
  query: string;
}

const ELEMENT_ID = new RegExp(`^${ELEMENT_ID_SOURCE}$`, 'i');

export function guessFromPath(pathname: string, cal: CalendarData): Guess {
  let segs: string[];
  try {
    segs = decodeURIComponent(pathname).split('/').filter(Boolean);
  } catch {
    segs = pathname.split('/').filter(Boolean);
  }
  const suggestions: Guess['suggestions'] = [];
  const fam = cal.families.find((f) => f.id === segs[0]?.toLowerCase());
  const last = segs.at(-1) ?? '';
  const query = last.replace(/\.html?$/i, '').replace(/[-_]+/g, ' ');
  if (!fam) return { suggestions, query };
  const version = segs[1] && fam.versions.find((v) => v.toLowerCase() === segs[1].toLowerCase());
  const ids = segs.filter((s) => ELEMENT_ID.test(s));
  const fixed = segs.map((s, i) => (i === 0 ? fam.id : i === 1 && version ? version : ELEMENT_ID.test(s) ? s.toUpperCase() : s));
  const redirect = fixed.join('/') !== segs.join('/') && (version || segs.length === 1 || ['rubriques', 'blocs'].includes(segs[1])) ? `/${fixed.join('/')}/` : undefined;
  for (const id of ids) {
    const up = id.toUpperCase();
    suggestions.push(up.split('.').length === 4 ? { href: urls.rubriquePermalink(fam.id, up), label: `Rubrique ${up}, toutes versions` } : { href: urls.blockPermalink(fam.id, up), label: `Bloc ${up}, toutes versions` });
  }
  if (version) suggestions.push({ href: urls.version(fam.id, version), label: `${fam.name} ${version}` });
  suggestions.push({ href: urls.family(fam.id), label: `Toutes les versions ${fam.name}` });
  return { redirect, suggestions, query: ids[0]?.toUpperCase() ?? query };
}

if (typeof document !== 'undefined') {
  const cal = await loadCalendar();
  if (cal) {
    const g = guessFromPath(location.pathname, cal);
    if (g.redirect && g.redirect !== location.pathname) location.replace(g.redirect + location.search + location.hash);
    else {
      const input = document.querySelector<HTMLInputElement>('#introuvable-q');
      if (input && g.query) input.value = g.query;
      const list = document.querySelector<HTMLElement>('#introuvable-pistes');
      if (list && g.suggestions.length) {
        list.replaceChildren(
          ...g.suggestions.map((s) => {
            const li = document.createElement('li');
            const a = document.createElement('a');
            a.href = s.href;
            a.textContent = s.label;
            li.append(a);
            return li;
          }),
        );
        list.closest<HTMLElement>('[hidden]')?.removeAttribute('hidden');
      }
    }
  }
}
