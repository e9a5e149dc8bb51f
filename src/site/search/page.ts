/**
 * Script of the /recherche/ page: reads ?q= (the header box submits there without
 * JavaScript), searches as you type, filters by type, family, version and theme, and
 * switches between the version applicable today (default) and every version. The state
 * lives in the URL (history.replaceState), so a search can be shared or bookmarked.
 */
import { ALL_LABELS, FACETS, countLabel, hitHtml, markPainted, queryFromUrl, resultsNote, runSearch, searchUrl, warm, type Facet, type Query, type Results } from './ui.ts';

const PAGE = 10;
const DELAY = 150;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const root = $<HTMLElement>('recherche');
const form = $<HTMLFormElement>('search-form');
const input = $<HTMLInputElement>('search-q');
const allVersions = $<HTMLInputElement>('search-all');
const status = $<HTMLElement>('search-status');
const list = $<HTMLOListElement>('search-results');
const more = $<HTMLButtonElement>('search-more');
const selects = Object.fromEntries(FACETS.map((k) => [k, $<HTMLSelectElement>(`search-${k}`)])) as Record<Facet, HTMLSelectElement>;

root.hidden = false;

let current: Results | null = null;
let shown = 0;
let seq = 0;
let timer: ReturnType<typeof setTimeout> | undefined;

function readForm(): Query {
  const filters: Query['filters'] = {};
  for (const k of FACETS) if (selects[k].value) filters[k] = selects[k].value;
  return { q: input.value.trim(), scope: allVersions.checked ? 'toutes' : 'actuelle', filters };
}

function writeForm(q: Query) {
  input.value = q.q;
  allVersions.checked = q.scope === 'toutes';
  for (const k of FACETS) setOptions(k, {}, q.filters[k]);
}

/** Options of a facet: "all", then the values with their count; the chosen value is kept even at 0. */
function setOptions(k: Facet, counts: Record<string, number>, chosen: string | undefined) {
  const sel = selects[k];
  const values = Object.entries(counts)
    .filter(([v, n]) => n > 0 || v === chosen)
    .sort((a, b) => (k === 'version' ? b[0].localeCompare(a[0]) : a[0].localeCompare(b[0], 'fr')));
  if (chosen && !values.some(([v]) => v === chosen)) values.unshift([chosen, 0]);
  sel.replaceChildren(new Option(ALL_LABELS[k], ''), ...values.map(([v, n]) => new Option(`${v} (${n.toLocaleString('fr-FR')})`, v)));
  sel.value = chosen ?? '';
  // A facet without values (e.g. no fiche among the results for the theme) stays usable but says so.
  sel.closest('label')?.classList.toggle('search-facet-empty', values.length === 0);
}

async function showMore() {
  if (!current) return;
  const mine = seq;
  const hits = await current.page(shown, PAGE);
  if (mine !== seq) return;
  list.insertAdjacentHTML('beforeend', hits.map((h) => hitHtml(h)).join(''));
  shown += hits.length;
  more.hidden = shown >= current.total;
}

async function run(push: boolean) {
  const query = readForm();
  const mine = ++seq;
  if (push) history.replaceState(null, '', query.q ? searchUrl(query) : '/recherche/');
  if (!query.q) {
    current = null;
    list.innerHTML = '';
    more.hidden = true;
    status.textContent = 'Saisissez un identifiant (S21.G00.40.007, S21.G00.40, 40.007, CCH-11) ou des mots.';
    root.dataset.state = 'idle';
    return;
  }
  root.dataset.state = 'pending';
  performance.mark('recherche-start');
  let res: Results | null;
  try {
    res = await runSearch(query, { eager: true, stale: () => mine !== seq });
  } catch {
    if (mine !== seq) return;
    status.textContent = "La recherche n'est pas disponible : l'index de recherche est absent de ce site.";
    root.dataset.state = 'error';
    return;
  }
  if (mine !== seq || !res) return;
  current = res;
  const hits = await res.page(0, PAGE);
  if (mine !== seq) return;
  list.innerHTML = hits.map((h) => hitHtml(h)).join('');
  shown = hits.length;
  more.hidden = shown >= res.total;
  const scope = query.scope === 'actuelle' ? 'dans la version applicable de chaque famille' : 'dans toutes les versions';
  const facets = FACETS.filter((k) => query.filters[k]).map((k) => query.filters[k]);
  status.textContent = `${countLabel(res.total)} pour « ${query.q} » ${scope}${facets.length ? ` (filtres : ${facets.join(', ')})` : ''}${resultsNote(res)}.`;
  root.dataset.state = 'done';
  performance.mark('recherche-rendered');
  // Then, once the results are on screen, the counts of the filters (they need every filter
  // index, not the results: fetched and read by the engine, they would delay that frame).
  await markPainted('recherche-painted');
  if (mine !== seq) return;
  const counts = await res.counts();
  if (mine !== seq) return;
  for (const k of FACETS) setOptions(k, counts[k] ?? {}, query.filters[k]);
  root.dataset.counts = 'done';
}

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  clearTimeout(timer);
  run(true);
});
input.addEventListener('input', () => {
  clearTimeout(timer);
  root.dataset.state = 'pending';
  root.dataset.counts = '';
  warm(input.value, allVersions.checked ? 'toutes' : 'actuelle');
  timer = setTimeout(() => run(true), DELAY);
});
allVersions.addEventListener('change', () => run(true));
for (const k of FACETS) selects[k].addEventListener('change', () => run(true));
more.addEventListener('click', () => {
  const first = list.children.length;
  showMore().then(() => (list.children[first]?.querySelector('a') as HTMLElement | null)?.focus());
});

const initial = queryFromUrl(location.search);
writeForm(initial);
warm(initial.q, initial.scope);
run(false);
