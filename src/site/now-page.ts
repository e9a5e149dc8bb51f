/**
 * Script of the pages that say which version applies "now" (home page, search page, month
 * grid): when the reader's month is not the build month, the texts marked `data-now-*` are
 * rewritten with the answer for the reader's month (src/site/now.ts). Without JavaScript,
 * or in the build month, the build-time text stays (it says its build date).
 */
import { loadCalendar, readerCalendar } from './now.ts';
import { monthLabel, urls } from './urls.ts';

function el(tag: string, attrs: Record<string, string>, ...children: (Node | string)[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

// Not awaited at the top level: a module waiting here would hold back the scripts bundled with it
// (the search page's query).
loadCalendar().then((cal) => {
  const rc = cal && readerCalendar(cal);
  if (cal && rc && rc.month !== cal.month) {
    const month = monthLabel(rc.month);
    for (const n of document.querySelectorAll<HTMLElement>('[data-now-note]')) n.textContent = `Réponse pour ${month}, d'après la date de votre appareil.`;
    for (const f of rc.families) {
      const id = f.family.id;
      // Home page: the applicable version of each family, the versions still to come.
      for (const n of document.querySelectorAll<HTMLElement>(`[data-now-label="${id}"]`)) n.textContent = `Applicable en ${month}`;
      for (const n of document.querySelectorAll<HTMLElement>(`[data-now-answer="${id}"]`)) {
        const a = f.applicable;
        n.replaceChildren(
          ...(a
            ? [
                el('a', { href: urls.version(id, a.id) }, a.id),
                ' ',
                el('span', { class: 'muted' }, `depuis ${monthLabel(a.from)}${a.until ?? a.to ? `, jusqu'à ${monthLabel(a.until ?? a.to)}` : ''}`),
              ]
            : [el('span', { class: 'muted' }, 'aucune version du registre ne couvre ce mois')]),
        );
      }
      for (const li of document.querySelectorAll<HTMLElement>(`[data-now-upcoming="${id}"] [data-from]`)) li.hidden = li.dataset.from! <= rc.month;
      // Search page: the versions searched by default.
      const ref = f.reference;
      for (const n of document.querySelectorAll<HTMLElement>(`[data-now-ref="${id}"]`)) {
        if (!ref) continue;
        const why = ref.reason === 'applicable' ? `applicable en ${month}` : ref.reason === 'précédente' ? 'dernière version applicable' : 'version la plus récente du registre';
        n.replaceChildren(el('a', { href: urls.version(id, ref.version) }, `${f.family.name} ${ref.version}`), ' ', el('span', { class: 'muted' }, `(${why})`));
      }
      // Month grid: the reader's month framed.
      const grid = document.querySelector<HTMLElement>(`[data-now-grid="${id}"]`);
      if (grid) {
        grid.querySelector('.month-current')?.classList.remove('month-current');
        grid.querySelector(`a[href="${urls.monthAnswer(id, rc.month)}"]`)?.closest('td')?.classList.add('month-current');
      }
    }
    for (const n of document.querySelectorAll<HTMLElement>('[data-now-month]')) n.textContent = month;
    for (const n of document.querySelectorAll<HTMLElement>('[data-now-source]')) n.textContent = "(d'après la date de votre appareil)";
    for (const n of document.querySelectorAll<HTMLInputElement>('input[data-now-value]')) if (n.value === cal.month) n.value = rc.month;
  }
});
