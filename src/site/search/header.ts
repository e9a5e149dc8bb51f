/**
 * The search box of the header (every page). Without JavaScript it is a plain form that
 * opens /recherche/?q=…; with it, the first results appear under the box as you type, in
 * the default scope (the version applicable today), with a link to all the results.
 *
 * Keyboard: ↓ from the box goes to the results, ↑/↓ move between them, Échap closes the list
 * and returns to the box; Entrée in the box opens the search page.
 */
import { settledTerms } from './ids.ts';
import { countLabel, hitHtml, markPainted, resultsNote, runSearch, searchUrl, warm, type Query } from './ui.ts';

const SHOWN = 6;
/**
 * Delay before searching after a key. None once every word has 3 characters or more (or the
 * query is an identifier): results follow each key, a newer key discards an older search.
 * While a word has only 1–2 letters, wait for a pause in the typing: such prefixes match many
 * index chunks (bytes for nothing), and the next key usually follows within that delay.
 */
const SHORT_DELAY = 300;
const delayFor = (q: string) => (settledTerms(q) === null ? SHORT_DELAY : 0);

function setup(form: HTMLFormElement) {
  const input = form.querySelector<HTMLInputElement>('input[name="q"]')!;
  const panel = form.querySelector<HTMLElement>('.searchbox-panel')!;
  const list = panel.querySelector<HTMLUListElement>('.search-results')!;
  const all = panel.querySelector<HTMLAnchorElement>('.searchbox-all')!;
  const status = form.querySelector<HTMLElement>('.searchbox-status')!;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let seq = 0;

  const close = () => {
    panel.hidden = true;
    input.setAttribute('aria-expanded', 'false');
  };
  const open = () => {
    panel.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  };

  const run = async () => {
    const q = input.value.trim();
    const mine = ++seq;
    if (!q) {
      list.innerHTML = '';
      status.textContent = '';
      close();
      return;
    }
    const query: Query = { q, scope: 'actuelle', filters: {} };
    performance.mark('searchbox-start');
    try {
      const res = await runSearch(query, { stale: () => mine !== seq });
      if (mine !== seq) return;
      if (!res) return close();
      const hits = await res.page(0, SHOWN);
      if (mine !== seq) return;
      list.innerHTML = hits.map((h) => hitHtml(h)).join('');
      all.href = searchUrl(query);
      all.textContent = res.total > hits.length ? `Voir les ${res.total.toLocaleString('fr-FR')} résultats et les filtres` : 'Ouvrir la page de recherche (filtres, toutes les versions)';
      status.textContent = `${countLabel(res.total)} dans la version applicable${resultsNote(res)}${res.total > hits.length ? `, ${hits.length} affichés` : ''}${hits.length ? ' ; flèche bas pour les parcourir' : ''}.`;
      form.dataset.state = 'done';
      form.dataset.query = q;
      open();
      performance.mark('searchbox-rendered');
      void markPainted('searchbox-painted');
    } catch {
      if (mine !== seq) return;
      status.textContent = "La recherche n'est pas disponible (index de recherche absent).";
      list.innerHTML = '';
      form.dataset.state = 'error';
      close();
    }
  };

  // Start loading Pagefind (script, WebAssembly, metadata, scope filter) before the first key.
  input.addEventListener('focus', () => warm());
  input.addEventListener('input', () => {
    clearTimeout(timer);
    form.dataset.state = 'pending';
    warm(input.value);
    const delay = delayFor(input.value.trim());
    if (delay) timer = setTimeout(run, delay);
    else void run();
  });
  const links = () => [...list.querySelectorAll<HTMLAnchorElement>('a.search-title'), all];
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowDown' && !panel.hidden) {
      ev.preventDefault();
      links()[0]?.focus();
    } else if (ev.key === 'Escape') {
      close();
    }
  });
  panel.addEventListener('keydown', (ev) => {
    const ls = links();
    const i = ls.indexOf(document.activeElement as HTMLAnchorElement);
    if (ev.key === 'ArrowDown') {
      ev.preventDefault();
      ls[Math.min(i + 1, ls.length - 1)]?.focus();
    } else if (ev.key === 'ArrowUp') {
      ev.preventDefault();
      if (i <= 0) input.focus();
      else ls[i - 1].focus();
    } else if (ev.key === 'Escape') {
      ev.preventDefault();
      close();
      input.focus();
    }
  });
  // Close when the focus or a click leaves the box.
  document.addEventListener('click', (ev) => {
    if (!form.contains(ev.target as Node)) close();
  });
  form.addEventListener('focusout', (ev) => {
    if (ev.relatedTarget && !form.contains(ev.relatedTarget as Node)) close();
  });
  // Coming back to the box from elsewhere shows the last results again.
  input.addEventListener('focus', (ev) => {
    const from = ev.relatedTarget as Node | null;
    if (list.children.length && input.value.trim() && !(from && form.contains(from))) open();
  });
}

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-searchbox]')) setup(form);
