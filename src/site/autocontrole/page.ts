/**
 * Script of the page /autocontrole/ (bundled by Vite). The user chooses or drops a flat file;
 * the check runs in a Web Worker (worker.ts) — or in the page with `?execution=page`, used by
 * the benchmark to compare — and the report is rendered as a filterable table.
 *
 * Privacy: the file is read locally (File.stream()); the only request is the GET of the
 * version's check model. There is no form, no upload, no analytics on this page.
 */
import { NEXT_CHANGE_LABELS, RULES, SEVERITY_CLASS, formatHtml, formatNextText, formatText, headline, monthLabel, nextHeading } from '../../core/check/index.ts';
import type { CheckReport, Finding, NextReport } from '../../core/check/index.ts';
import { escapeHtml } from '../../core/text/html.ts';
import { frenchSpacing, frenchSpacingHtml } from '../../core/text/typography.ts';
import { CONTROL_FAMILY_LABELS, plural, urls } from '../urls.ts';
import { blockOfRubrique } from '../../core/model/ids.ts';
import { runCheck, type ModelEntry, type RunProgress, type RunRequest, type RunResult, type RunSuccess } from './run.ts';
import type { WorkerMessage, WorkerRequest } from './worker.ts';

const MAX_FINDINGS = 1000;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const root = $<HTMLElement>('autocontrole');
const input = $<HTMLInputElement>('ac-file');
const drop = $<HTMLElement>('ac-drop');
const select = $<HTMLSelectElement>('ac-version');
const nextBox = $<HTMLInputElement>('ac-next');
const progressBox = $<HTMLElement>('ac-progress-box');
const progress = $<HTMLProgressElement>('ac-progress');
const progressText = $<HTMLElement>('ac-progress-text');
const statusBox = $<HTMLElement>('ac-status');
const results = $<HTMLElement>('ac-results');

interface Entry extends ModelEntry {
  /** `DSN P26V01` */
  title: string;
  label: string;
}

const models: Entry[] = [...select.querySelectorAll('option')]
  .filter((o) => o.value)
  .map((o) => ({
    key: o.value,
    family: o.dataset.family!,
    version: o.dataset.version!,
    declaredIn: o.dataset.declaredIn || undefined,
    url: o.dataset.url!,
    next: o.dataset.nextKey ? { key: o.dataset.nextKey, url: o.dataset.nextUrl!, from: o.dataset.nextFrom || undefined, inferred: o.dataset.nextInferred === 'oui' } : undefined,
    title: o.dataset.title!,
    label: o.dataset.label ?? '',
  }));

const usePage = new URLSearchParams(location.search).get('execution') === 'page';

let current: File | null = null;
let runId = 0;
let worker: Worker | null = null;
let workerBusy = false;
let pageSignal: { cancelled: boolean } | null = null;

root.hidden = false;

function setState(state: 'idle' | 'running' | 'done' | 'error') {
  root.dataset.state = state;
  root.setAttribute('aria-busy', state === 'running' ? 'true' : 'false');
}

const esc = escapeHtml;
const n = (x: number) => x.toLocaleString('fr-FR');
const seconds = (ms: number) => (ms < 1000 ? `${Math.max(1, Math.round(ms))} ms` : `${(ms / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} s`);
const size = (b: number) => (b < 1024 * 1024 ? `${n(Math.max(1, Math.round(b / 1024)))} Ko` : `${(b / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`);

const PHASES: Record<RunProgress['phase'], string> = {
  encodage: "Détection de l'encodage",
  modele: 'Chargement des données de la norme',
  controle: 'Vérification des lignes',
};

function showProgress(p: RunProgress) {
  progressBox.hidden = false;
  // Two passes over the file: encoding (first 10 %), then the check.
  const ratio = p.total ? p.done / p.total : 0;
  const pct = p.phase === 'encodage' ? ratio * 10 : p.phase === 'modele' ? 10 : 10 + ratio * 90;
  progress.value = Math.min(100, Math.round(pct));
  progressText.textContent = `${PHASES[p.phase]}…`;
}

function start(file: File) {
  current = file;
  const id = ++runId;
  performance.clearMarks('autocontrole-start');
  performance.clearMarks('autocontrole-rendered');
  performance.mark('autocontrole-start');
  const t0 = performance.now();
  setState('running');
  results.hidden = true;
  results.replaceChildren();
  statusBox.textContent = frenchSpacing(`Vérification de « ${file.name} » en cours, dans votre navigateur…`);
  showProgress({ phase: 'encodage', done: 0, total: file.size });

  const req: RunRequest = { file, models: models.map(({ key, family, version, declaredIn, url, next }) => ({ key, family, version, declaredIn, url, next })), choice: select.value, maxFindings: MAX_FINDINGS, next: nextBox.checked };
  const done = (r: RunResult) => {
    if (id !== runId) return;
    progressBox.hidden = true;
    render(r, file, performance.now() - t0);
  };

  if (!usePage && typeof Worker !== 'undefined') {
    try {
      // A new run while one is going: drop the old worker (the simplest cancel).
      if (worker && workerBusy) {
        worker.terminate();
        worker = null;
      }
      worker ??= newWorker();
      workerBusy = true;
      worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
        const m = e.data;
        if (m.id !== runId) return;
        if (m.type === 'progress') showProgress(m.progress);
        else {
          workerBusy = false;
          done(m.result);
        }
      };
      worker.onerror = (e) => {
        workerBusy = false;
        e.preventDefault();
        worker?.terminate();
        worker = null;
        done({ ok: false, message: `la vérification a échoué (${e.message || 'erreur du script de vérification'}).` });
      };
      worker.postMessage({ id, req } satisfies WorkerRequest);
      return;
    } catch {
      worker = null; // Workers unavailable (old browser, policy): check in the page.
    }
  }
  if (pageSignal) pageSignal.cancelled = true;
  const signal = (pageSignal = { cancelled: false });
  runCheck(req, showProgress, signal).then(done, (err: Error) => {
    if (!signal.cancelled) done({ ok: false, message: `la vérification a échoué : ${err.message}` });
  });
}

function newWorker(): Worker {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'autocontrole' });
}

function render(r: RunResult, file: File, ms: number) {
  if (!r.ok) {
    setState('error');
    statusBox.textContent = frenchSpacing(`« ${file.name} » n'a pas pu être vérifié : ${r.message}`);
    results.hidden = true;
    performance.mark('autocontrole-rendered');
    return;
  }
  const rep = r.report;
  statusBox.textContent = frenchSpacing(`« ${file.name} » vérifié contre ${titleOf(r)} : ${headline(rep)}`);
  // Fixed wording and values of the report, spaced as the rest of the site (French typography).
  results.innerHTML = frenchSpacingHtml(resultsHtml(r, file, ms));
  results.hidden = false;
  wireResults(r, file);
  // Read by the benchmark (scripts/bench/autocontrole-browser.mjs).
  root.dataset.ms = String(Math.round(ms));
  root.dataset.phases = JSON.stringify(Object.fromEntries(Object.entries(r.ms).map(([k, v]) => [k, Math.round(v)])));
  setState('done');
  performance.mark('autocontrole-rendered');
}

function titleOf(r: RunSuccess): string {
  return models.find((m) => m.key === r.key)?.title ?? r.key;
}

function rubriqueLink(r: RunSuccess, id: string | undefined): string {
  if (!id) return '<span class="muted">—</span>';
  const name = r.rubriqueNames[id];
  if (name === undefined) return `<code>${esc(id)}</code><br><span class="small muted">absente de ${esc(r.version)}</span>`;
  return `<a href="${esc(urls.element(r.family, r.version, id))}"><code>${esc(id)}</code></a><br><span class="small muted">${esc(name)}</span>`;
}

/** `S21.G00.06.001/CSL-11` → link to the control's row on its rubrique page. */
function controlLink(r: RunSuccess, control: string, short = false): string {
  const slash = control.indexOf('/');
  const rub = slash > 0 ? control.slice(0, slash) : '';
  const text = `<code>${esc(short ? control.slice(slash + 1) : control)}</code>`;
  if (!rub || r.rubriqueNames[rub] === undefined) return text;
  return `<a href="${esc(urls.element(r.family, r.version, rub))}#${esc(control)}">${text}</a>`;
}

const OUTSIDE = '-';
const findingBlock = (f: Finding) => (f.rubrique ? blockOfRubrique(f.rubrique) : OUTSIDE);

function resultsHtml(r: RunSuccess, file: File, ms: number): string {
  const rep = r.report;
  const b = rep.counts.bloquant;
  const nb = rep.counts['non bloquant'];
  const total = b + nb;
  const declared = r.declared
    ? `<code>${esc(r.declared.value)}</code> <span class="muted">(${esc(r.declared.rubrique)}, ligne ${r.declared.line})</span>`
    : '<span class="muted">aucune</span>';
  const natures = rep.natures.length ? ` (nature ${rep.natures.map((x) => `<code>${esc(x)}</code>`).join(', ')})` : '';
  const H: string[] = [];
  H.push(`<h2 id="ac-bilan">Résultat</h2>`);
  H.push(`<p class="ac-headline ${b ? 'ac-bad' : nb ? 'ac-warn' : 'ac-ok'}"><strong>${esc(headline(rep))}</strong></p>`);
  H.push(`<dl class="facts">
<dt>Fichier</dt><dd><code>${esc(file.name)}</code> <span class="muted">(${size(file.size)}, encodage ${esc(r.encoding)})</span></dd>
<dt>Norme utilisée</dt><dd><a href="${esc(urls.version(r.family, r.version))}">${esc(titleOf(r))}</a> <span class="muted">— ${r.auto ? 'version déclarée dans le fichier' : 'choisie dans la liste'}</span></dd>
<dt>Version déclarée</dt><dd>${declared}</dd>
<dt>Contenu</dt><dd>${plural(rep.lines, 'ligne', 'lignes')}, ${plural(rep.declarations, 'déclaration', 'déclarations')}${natures}</dd>
<dt>Durée</dt><dd>${seconds(ms)}, dans votre navigateur</dd>
</dl>`);
  H.push(`<p class="ac-actions"><button type="button" class="button secondary" data-save="html">Enregistrer le rapport (HTML)</button> <button type="button" class="button secondary" data-save="txt">Enregistrer le rapport (texte)</button> <span class="small muted">Le rapport est créé sur votre ordinateur ; les valeurs personnelles y sont masquées.</span></p>`);

  H.push(`<h2 id="ac-constats">Constats (${n(total)})</h2>`);
  if (!rep.findings.length) {
    H.push(`<p class="ac-none">Aucun constat : le fichier respecte les contrôles vérifiés automatiquement. Les contrôles rédigés en texte sont listés plus bas.</p>`);
  } else {
    const blocks = new Map<string, number>();
    for (const f of rep.findings) blocks.set(findingBlock(f), (blocks.get(findingBlock(f)) ?? 0) + 1);
    const blockOptions = [...blocks.entries()]
      .sort((x, y) => (x[0] === OUTSIDE ? -1 : y[0] === OUTSIDE ? 1 : x[0].localeCompare(y[0])))
      .map(([id, c]) => `<option value="${esc(id)}">${id === OUTSIDE ? 'Sans rubrique (fichier, ligne mal formée)' : `${esc(id)}${r.blockNames[id] ? ` ${esc(r.blockNames[id])}` : ''}`} (${n(c)})</option>`)
      .join('');
    const shownSev = (s: 'bloquant' | 'non bloquant') => rep.findings.filter((f) => f.severity === s).length;
    H.push(`<div class="ac-filters" role="group" aria-labelledby="ac-filters-title">
<p id="ac-filters-title" class="ac-filters-title">Filtrer les constats</p>
<fieldset class="ac-sev"><legend>Gravité</legend>
<label><input type="checkbox" name="ac-sev" value="bloquant" checked> bloquant (${n(shownSev('bloquant'))})</label>
<label><input type="checkbox" name="ac-sev" value="non bloquant" checked> non bloquant (${n(shownSev('non bloquant'))})</label>
</fieldset>
<p class="ac-block"><label for="ac-block">Bloc</label> <select id="ac-block"><option value="">Tous les blocs (${n(rep.findings.length)})</option>${blockOptions}</select></p>
</div>
<p id="ac-shown" class="small" aria-live="polite"></p>`);
    const rows = [...rep.findings]
      .sort((x, y) => x.line - y.line)
      .map((f) => {
        const rule = RULES[f.rule];
        const sev = SEVERITY_CLASS[f.severity];
        return `<tr data-severity="${esc(f.severity)}" data-block="${esc(findingBlock(f))}"><td class="num">${n(f.line)}</td><td><span class="ac-sev-${sev}">${esc(f.severity)}</span></td><td>${rubriqueLink(r, f.rubrique)}</td><td>${esc(f.message)}</td><td><code title="${esc(rule?.label ?? '')}">${esc(f.rule)}</code></td><td>${f.control ? controlLink(r, f.control) : ''}</td></tr>`;
      })
      .join('');
    H.push(`<div class="table-wrap"><table class="ac-findings" id="ac-table">
<caption class="visually-hidden">Constats de la vérification, par numéro de ligne</caption>
<thead><tr><th scope="col" class="num">Ligne</th><th scope="col">Gravité</th><th scope="col">Rubrique</th><th scope="col">Constat</th><th scope="col">Règle</th><th scope="col">Contrôle de la norme</th></tr></thead>
<tbody>${rows}</tbody></table></div>`);
    if (rep.omittedFindings) {
      H.push(`<p class="notice">${plural(rep.omittedFindings, 'autre constat n’est pas affiché', 'autres constats ne sont pas affichés')} (limite de ${n(MAX_FINDINGS)} constats détaillés) ; ils sont comptés dans le bilan. Pour la liste complète : <code>npx norme check ${esc(file.name)} --max 100000</code>.</p>`);
    }
    const rules = Object.entries(rep.counts.byRule).sort((x, y) => (y[1] ?? 0) - (x[1] ?? 0));
    H.push(`<p class="small muted">Par règle : ${rules.map(([k, c]) => `<code title="${esc(RULES[k as keyof typeof RULES]?.label ?? '')}">${esc(k)}</code> ${n(c ?? 0)}`).join(', ')}.</p>`);
  }

  if (r.next || r.nextMissing) H.push(nextHtml(r));

  const u = rep.unverified;
  H.push(`<h2 id="ac-non-verifies">Contrôles non vérifiés automatiquement</h2>`);
  const fams = Object.entries(u.byFamily)
    .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
    .map(([f, c]) => `<abbr title="${esc(CONTROL_FAMILY_LABELS[f] ?? f)}">${esc(f)}</abbr> ${n(c)}`)
    .join(', ');
  H.push(`<p>Contrôles de la norme vérifiés automatiquement, sur les rubriques présentes : <strong>${n(rep.verified.controls.length)}</strong>.
${u.total ? `Contrôles rédigés seulement en texte, <strong>non vérifiés</strong> : <strong>${n(u.total)}</strong> (${fams}). Ils restent à vérifier par vous-même ou par la plate-forme de dépôt.` : 'Aucun contrôle rédigé en texte sur les rubriques présentes.'}</p>`);
  if (u.byRubrique.length) {
    const items = u.byRubrique
      .map((x) => `<li>${r.rubriqueNames[x.rubrique] !== undefined ? `<a href="${esc(urls.element(r.family, r.version, x.rubrique))}"><code>${esc(x.rubrique)}</code></a>` : `<code>${esc(x.rubrique)}</code>`} ${esc(x.name)} : ${x.controls.map((c) => controlLink(r, c, true)).join(', ')}</li>`)
      .join('');
    H.push(`<details class="ac-unverified"><summary>Par rubrique présente dans le fichier (${plural(u.byRubrique.length, 'rubrique', 'rubriques')})</summary><ul>${items}</ul></details>`);
  }
  if (u.notes.length) H.push(`<p>Autres vérifications non faites :</p><ul>${u.notes.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>`);
  return H.join('\n');
}

/** Section « Version suivante »: findings the next version would add, labelled with its month. */
function nextHtml(r: RunSuccess): string {
  const H: string[] = [];
  const nx = r.next;
  if (!nx) return `<h2 id="ac-suivante">Version suivante</h2><p>${esc(r.nextMissing ?? '')}</p>`;
  const [fam, ver] = nx.version.split('/');
  H.push(`<h2 id="ac-suivante">Version suivante : ${esc(nx.version)} (${plural(nx.findings.length, 'nouveau constat', 'nouveaux constats')})</h2>`);
  H.push(`<p>${esc(nextHeading(nx))}.${nx.from ? ` Les constats ci-dessous s'appliqueraient aux déclarations du mois principal de <strong>${esc(monthLabel(nx.from))}</strong> et suivants.` : ''}${nx.resolved ? ` ${plural(nx.resolved, 'constat actuel disparaîtrait', 'constats actuels disparaîtraient')}.` : ''}</p>`);
  if (!nx.findings.length) {
    H.push(`<p class="ac-none">Aucun nouveau constat : le fichier passerait les contrôles vérifiés automatiquement de ${esc(nx.version)}.</p>`);
    return H.join('\n');
  }
  const rows = nx.findings
    .map((f) => {
      const sev = SEVERITY_CLASS[f.severity];
      const rub = f.rubrique ? `<a href="${esc(urls.element(fam, ver, f.rubrique))}"><code>${esc(f.rubrique)}</code></a>` : '<span class="muted">—</span>';
      return `<tr data-change="${esc(f.change)}"><td class="num">${n(f.line)}</td><td><span class="ac-sev-${sev}">${esc(f.severity)}</span></td><td>${rub}</td><td>${esc(NEXT_CHANGE_LABELS[f.change])}<br><span class="small muted">${esc(f.version)}${f.from ? ` dès ${esc(f.from)}` : ''}</span></td><td>${esc(f.message)}</td></tr>`;
    })
    .join('');
  H.push(`<div class="table-wrap"><table class="ac-findings" id="ac-next-table">
<caption class="visually-hidden">Nouveaux constats sous la version suivante, par numéro de ligne</caption>
<thead><tr><th scope="col" class="num">Ligne</th><th scope="col">Gravité</th><th scope="col">Rubrique</th><th scope="col">Changement</th><th scope="col">Constat</th></tr></thead>
<tbody>${rows}</tbody></table></div>`);
  return H.join('\n');
}

function wireResults(r: RunSuccess, file: File) {
  const table = results.querySelector<HTMLTableElement>('#ac-table');
  if (table) {
    const rows = [...table.tBodies[0].rows];
    const sevBoxes = [...results.querySelectorAll<HTMLInputElement>('input[name="ac-sev"]')];
    const blockSel = results.querySelector<HTMLSelectElement>('#ac-block')!;
    const shown = results.querySelector<HTMLElement>('#ac-shown')!;
    const apply = () => {
      const sevs = new Set(sevBoxes.filter((x) => x.checked).map((x) => x.value));
      const block = blockSel.value;
      let k = 0;
      for (const tr of rows) {
        const on = sevs.has(tr.dataset.severity!) && (!block || tr.dataset.block === block);
        tr.hidden = !on;
        if (on) k++;
      }
      shown.textContent = k === rows.length ? `${plural(rows.length, 'constat affiché', 'constats affichés')}.` : `${n(k)} constat${k > 1 ? 's' : ''} affiché${k > 1 ? 's' : ''} sur ${n(rows.length)}.`;
    };
    for (const x of sevBoxes) x.addEventListener('change', apply);
    blockSel.addEventListener('change', apply);
    apply();
  }
  for (const btn of results.querySelectorAll<HTMLButtonElement>('button[data-save]')) {
    btn.addEventListener('click', () => save(r.report, file, r.encoding, btn.dataset.save as 'html' | 'txt', r.next));
  }
}

/** Download a report built locally (blob: URL, no network). */
function save(report: CheckReport, file: File, encoding: string, kind: 'html' | 'txt', next?: NextReport) {
  const ctx = { file: file.name, encoding };
  const text = () => formatText(report, ctx) + (next ? formatNextText(next, file.name) : '');
  const blob = kind === 'html' ? new Blob([formatHtml(report, ctx)], { type: 'text/html;charset=utf-8' }) : new Blob([text()], { type: 'text/plain;charset=utf-8' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `${file.name.replace(/\.[^.]*$/, '') || 'dsn'}-autocontrole.${kind}`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

input.addEventListener('change', () => {
  const f = input.files?.[0];
  if (f) start(f);
});

select.addEventListener('change', () => {
  if (current) start(current);
});
nextBox.addEventListener('change', () => {
  if (current) start(current);
});

// Drag and drop on the drop zone; elsewhere a dropped file must not replace the page.
const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
for (const type of ['dragenter', 'dragover'] as const) {
  drop.addEventListener(type, (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer!.dropEffect = 'copy';
    drop.classList.add('ac-over');
  });
}
drop.addEventListener('dragleave', (e) => {
  if (!drop.contains(e.relatedTarget as Node | null)) drop.classList.remove('ac-over');
});
drop.addEventListener('drop', (e) => {
  drop.classList.remove('ac-over');
  if (!hasFiles(e)) return;
  e.preventDefault();
  const f = e.dataTransfer!.files[0];
  if (f) start(f);
});
window.addEventListener('dragover', (e) => {
  if (hasFiles(e)) e.preventDefault();
});
window.addEventListener('drop', (e) => {
  if (hasFiles(e)) e.preventDefault();
});

setState('idle');
// Start the worker now (its script loads while the user picks a file).
if (!usePage && typeof Worker !== 'undefined') {
  try {
    worker = newWorker();
  } catch {
    worker = null;
  }
}
