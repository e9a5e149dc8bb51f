/**
 * The comparison of any two versions (`/{family}/diff/comparer/`), in the browser: the two
 * versions' JSON downloads are fetched (same origin), revived by the core
 * (versionFromDocument) and diffed by its engine (diffVersions) — the changes of
 * `npx norme diff`. The note is rendered by the same functions as the published notes
 * (src/site/render/diff.ts); its JSON, CSV and Markdown come from the core's formatDiff.
 * The pair and the severities shown are in the address (`?de=P24V01&a=P27V01&gravite=breaking`):
 * a comparison can be bookmarked and shared.
 */
import type { VersionDocument } from '../../core/export.ts';
import { versionFromDocument } from '../../core/export.ts';
import { SEVERITIES, SEVERITY_INFO, type Severity } from '../../core/diff/catalogue.ts';
import { diffVersions, filterDiff, type DiffResult } from '../../core/diff/engine.ts';
import { formatDiff, groupChanges } from '../../core/diff/format.ts';
import type { ResolvedVersion } from '../../core/model/types.ts';
import { anchoredGroups, diffGroupsHtml, diffSummaryHtml, forYouHtml, severityLegendHtml } from '../render/diff.ts';
import { esc, type LinkedVersion } from '../render/markup.ts';
import { dateLabel, urls } from '../urls.ts';
import { plural } from '../../core/text/labels.ts';

interface PageData {
  family: string;
  famName: string;
  versions: { id: string; name: string; example: boolean; json: string }[];
  /** `P26V01...P27V01` → its published note. */
  published: Record<string, string>;
}

const severities = { order: SEVERITIES, info: SEVERITY_INFO };

const docs = new Map<string, Promise<ResolvedVersion>>();

/** A version from its JSON download, fetched once per page. */
function load(url: string): Promise<ResolvedVersion> {
  let p = docs.get(url);
  if (!p) {
    p = (async () => {
      let res: Response;
      try {
        res = await fetch(url, { credentials: 'same-origin' });
      } catch {
        throw new Error(`${url} n'a pas pu être téléchargé (réseau)`);
      }
      if (!res.ok) throw new Error(`${url} n'a pas pu être téléchargé (HTTP ${res.status})`);
      return versionFromDocument((await res.json()) as VersionDocument);
    })();
    p.catch(() => docs.delete(url));
    docs.set(url, p);
  }
  return p;
}

const side = (s: DiffResult['from']) => `${s.version}${s.edition ? ` (édition ${s.edition}${s.editionDate ? ` du ${dateLabel(s.editionDate)}` : ''})` : ''}`;

let blobUrls: string[] = [];

/** Download links of the shown changes, in the formats of `norme diff --format`. */
function downloadsHtml(r: DiffResult, base: string): string {
  for (const u of blobUrls) URL.revokeObjectURL(u);
  blobUrls = [];
  const TYPES = { json: 'application/json', csv: 'text/csv', md: 'text/markdown' } as const;
  const LABELS = { json: 'JSON', csv: 'CSV', md: 'Markdown' } as const;
  let out = '<ul class="downloads">';
  for (const fmt of ['json', 'csv', 'md'] as const) {
    const u = URL.createObjectURL(new Blob([formatDiff(r, fmt)], { type: `${TYPES[fmt]};charset=utf-8` }));
    blobUrls.push(u);
    out += `<li><a class="button secondary" href="${esc(u)}" download="${esc(`${base}.${fmt}`)}" data-format="${fmt}">${LABELS[fmt]}</a></li>`;
  }
  return out + '</ul>';
}

function init(): void {
  const dataEl = document.getElementById('cmp-data');
  const form = document.getElementById('cmp-form') as HTMLFormElement | null;
  const statusEl = document.getElementById('cmp-status');
  const resultEl = document.getElementById('cmp-result');
  if (!dataEl || !form || !statusEl || !resultEl) return;
  const status: HTMLElement = statusEl;
  const result: HTMLElement = resultEl;
  const data = JSON.parse(dataEl.textContent ?? '{}') as PageData;
  const fromSel = form.elements.namedItem('de') as HTMLSelectElement;
  const toSel = form.elements.namedItem('a') as HTMLSelectElement;
  const boxes = [...form.querySelectorAll<HTMLInputElement>('input[name="gravite"]')];
  const byId = new Map(data.versions.map((v) => [v.id, v]));
  form.hidden = false;

  const fail = (message: string) => {
    status.textContent = '';
    result.innerHTML = `<div class="notice" role="alert"><p>${esc(message)}</p></div>`;
  };

  let run = 0;
  async function compare(fromId: string, toId: string, shown: Severity[]): Promise<void> {
    const mine = ++run;
    const from = byId.get(fromId);
    const to = byId.get(toId);
    if (!from || !to) return fail(`Version inconnue : ${!from ? fromId : toId}. Versions de ${data.famName} : ${data.versions.map((v) => v.id).join(', ')}.`);
    if (from === to) return fail(`Choisissez deux versions différentes (${fromId} des deux côtés).`);
    if (!shown.length) return fail('Cochez au moins une gravité à afficher.');
    result.setAttribute('aria-busy', 'true');
    status.textContent = `Chargement de ${from.id} et ${to.id}…`;
    let a: ResolvedVersion;
    let b: ResolvedVersion;
    try {
      [a, b] = await Promise.all([load(from.json), load(to.json)]);
    } catch (err) {
      result.removeAttribute('aria-busy');
      return fail(`Comparaison impossible : ${(err as Error).message}. Réessayez, ou comparez en ligne de commande : npx norme diff ${data.family}/${from.id} ${data.family}/${to.id}`);
    }
    if (mine !== run) return;
    status.textContent = `Comparaison de ${from.id} et ${to.id}…`;
    // Let the status paint before the diff (a few hundred ms for distant versions).
    await new Promise((r) => setTimeout(r, 0));
    const all = diffVersions(a, b);
    const filtered = shown.length < SEVERITIES.length;
    const r = filtered ? filterDiff(all, { severities: shown }) : all;
    const link = (id: string, v: ResolvedVersion): LinkedVersion => ({ id, family: { id: data.family }, v });
    const fromL = link(from.id, a);
    const toL = link(to.id, b);
    const groups = anchoredGroups(groupChanges(r.changes, r.blockNames));
    const range = `${from.id}...${to.id}`;
    const published = data.published[range];
    const reverse = data.versions.indexOf(from) > data.versions.indexOf(to);
    const cli = `npx norme diff ${data.family}/${from.id} ${data.family}/${to.id}${filtered ? ` --severity ${shown.join(',')}` : ''}`;
    let out = `<h2 id="cmp-titre" tabindex="-1">${esc(`${from.id} → ${to.id}`)} : ${esc(plural(all.summary.total, 'changement', 'changements'))}</h2>`;
    out += `<p class="lead">De <a href="${esc(urls.version(data.family, from.id))}">${esc(side(all.from))}</a> à <a href="${esc(urls.version(data.family, to.id))}">${esc(side(all.to))}</a>.</p>`;
    if (reverse) out += `<p class="notice">Comparaison à rebours : de la version la plus récente vers la plus ancienne (ce qui est « ajouté » ici a été retiré par ${esc(from.id)}).</p>`;
    if (from.example || to.example) out += `<p class="notice"><span class="badge example">Exemple</span> ${esc([from, to].filter((v) => v.example).map((v) => v.id).join(' et '))} : version d'exemple, pas une version officielle.</p>`;
    if (published) out += `<p>Ces deux versions se suivent : leur <a href="${esc(published)}">note différentielle publiée</a> donne les mêmes changements.</p>`;
    if (filtered) out += `<p><strong>Affichés : ${esc(shown.map((s) => SEVERITY_INFO[s].label).join(', '))}</strong> — ${esc(plural(r.summary.total, 'changement', 'changements'))} sur ${all.summary.total}.</p>`;
    out += forYouHtml(r.changes, { from: fromL, to: toL, level: 3, fullList: 'liste-complete' });
    out += diffSummaryHtml(r, severities);
    out += `<h3>Téléchargements${filtered ? ' (changements affichés)' : ''}</h3>`;
    out += downloadsHtml(r, `${data.family}-${range}`);
    out += `<p class="small muted">Mêmes enregistrements que <code>${esc(cli)}</code>.</p>`;
    out += severityLegendHtml(severities);
    out += diffGroupsHtml(groups, { family: data.family, from: fromL, to: toL, severities, level: 3 });
    result.innerHTML = out;
    result.removeAttribute('aria-busy');
    status.textContent = `${from.id} → ${to.id} : ${plural(r.summary.total, 'changement affiché', 'changements affichés')}.`;
    document.title = `${from.id} → ${to.id} — Comparer deux versions ${data.famName}`;
    document.getElementById('cmp-titre')?.focus();
  }

  const shownOf = (params: URLSearchParams): Severity[] => {
    const asked = params.getAll('gravite').filter((s): s is Severity => (SEVERITIES as readonly string[]).includes(s));
    return asked.length ? asked : [...SEVERITIES];
  };

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const shown = boxes.filter((b) => b.checked).map((b) => b.value as Severity);
    const params = new URLSearchParams({ de: fromSel.value, a: toSel.value });
    if (shown.length < SEVERITIES.length) for (const s of shown) params.append('gravite', s);
    history.replaceState(null, '', `${location.pathname}?${params}`);
    void compare(fromSel.value, toSel.value, shown);
  });

  // A comparison in the address (bookmark, shared link): shown at once.
  const params = new URLSearchParams(location.search);
  const de = params.get('de');
  const a = params.get('a');
  // One version alone (link from a version's page): preselected, nothing computed yet.
  if (de && byId.has(de)) fromSel.value = de;
  if (a && byId.has(a)) toSel.value = a;
  if (de && a) {
    const shown = shownOf(params);
    for (const b of boxes) b.checked = shown.includes(b.value as Severity);
    void compare(de, a, shown);
  } else if (a && !de && byId.has(a)) {
    // `?a=P27V01` (from P27V01's page): from the oldest version (the newest, for the oldest one).
    const first = data.versions[0].id;
    fromSel.value = first !== a ? first : data.versions[data.versions.length - 1].id;
  }
}

init();
