/** Report renderings: text (one canonical line per finding), JSON and a standalone HTML page. */
import { controlFamily, type CheckReport, type Finding } from './checker.ts';
import { RULES, SEVERITY_CLASS, SEVERITY_LEVEL } from './rules.ts';
import { escapeHtml } from '../text/html.ts';
import type { CheckOutput } from '../model/schema-types.ts';
import { plural } from '../text/labels.ts';

export interface ReportContext {
  /** File name as given by the user (shown as is). */
  file: string;
  /** Detected encoding (`UTF-8`, `ISO-8859-1`). */
  encoding?: string;
}

/** `fichier.dsn:12: bloquant S21.G00.30.001 message [rule] (control)` */
export function formatFinding(f: Finding, file: string): string {
  return `${file}:${f.line}: ${f.severity}${f.rubrique ? ` ${f.rubrique}` : ''} ${f.message} [${f.rule}]${f.control ? ` (${f.control})` : ''}`;
}

function shortControl(id: string): string {
  return id.slice(id.indexOf('/') + 1);
}

function familySummary(byFamily: Record<string, number>): string {
  return Object.entries(byFamily)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([f, n]) => `${f} ${n}`)
    .join(', ');
}

export function headline(r: CheckReport): string {
  const b = r.counts.bloquant;
  const nb = r.counts['non bloquant'];
  if (!b && !nb) return 'Aucun constat : le fichier respecte les contrôles vérifiés automatiquement.';
  return `${plural(b, 'constat bloquant', 'constats bloquants')}, ${plural(nb, 'non bloquant', 'non bloquants')}.`;
}

export function formatText(r: CheckReport, ctx: ReportContext): string {
  const L: string[] = [];
  const declared = r.declaredVersion !== undefined ? `version déclarée ${r.declaredVersion}` : 'aucune version déclarée';
  L.push(`Auto-contrôle de ${ctx.file} : norme ${r.version} (${r.versionLabel}), ${declared}`);
  const nat = r.natures.length ? ` (nature ${r.natures.join(', ')})` : '';
  L.push(`${plural(r.lines, 'ligne', 'lignes')}, ${r.envois > 1 ? `${r.envois} envois, ` : ''}${plural(r.declarations, 'déclaration', 'déclarations')}${nat}${ctx.encoding ? `, encodage ${ctx.encoding}` : ''}`);
  L.push('');
  for (const f of r.findings) L.push(formatFinding(f, ctx.file));
  if (r.omittedFindings) L.push(`… ${plural(r.omittedFindings, 'autre constat non affiché', 'autres constats non affichés')} (limite atteinte ; ils sont comptés dans le bilan).`);
  if (r.findings.length) L.push('');
  L.push(`Bilan : ${headline(r)}`);
  const rules = Object.entries(r.counts.byRule).sort((a, b) => b[1] - a[1]);
  if (rules.length) L.push(`  par règle : ${rules.map(([k, n]) => `${k} ${n}`).join(', ')}`);
  L.push('');
  L.push(`Contrôles de la norme vérifiés automatiquement : ${r.verified.controls.length}${r.verified.controls.length ? ` (${r.verified.controls.join(', ')})` : ''}`);
  if (r.unverified.total) {
    L.push(`Contrôles non vérifiés automatiquement (règle rédigée en texte) : ${r.unverified.total} — ${familySummary(r.unverified.byFamily)}`);
    for (const u of r.unverified.byRubrique) L.push(`  ${u.rubrique} ${u.name} : ${u.controls.map(shortControl).join(', ')}`);
  } else {
    L.push('Contrôles non vérifiés automatiquement : aucun pour les rubriques présentes.');
  }
  if (r.unverified.notes.length) {
    L.push('Autres vérifications non faites :');
    for (const n of r.unverified.notes) L.push(`  - ${n}`);
  }
  return L.join('\n') + '\n';
}

/** Where the JSON report's schema is published (src/core/schemas/check-output.schema.json). */
export const CHECK_OUTPUT_SCHEMA_ID: CheckOutput['$schema'] = 'https://norme.example/schemas/check-output.schema.json';

/** A finding of the JSON outputs: with `level`, its severity in the vocabulary of `norme validate`. */
export function findingJson<F extends Finding>(f: F): F & { level: 'error' | 'warning' } {
  return { ...f, level: SEVERITY_LEVEL[f.severity] };
}

export function formatJson(r: CheckReport, ctx: ReportContext): string {
  // Typed by the published schema (check-output.schema.json): the report cannot drift from it.
  const doc: CheckOutput = { $schema: CHECK_OUTPUT_SCHEMA_ID, file: ctx.file, encoding: ctx.encoding, ...r, findings: r.findings.map(findingJson), rules: RULES };
  return JSON.stringify(doc, null, 2) + '\n';
}

const esc = escapeHtml;

export function formatHtml(r: CheckReport, ctx: ReportContext): string {
  const rows = r.findings
    .map(
      (f) =>
        `<tr class="${SEVERITY_CLASS[f.severity]}"><td>${f.line}</td><td>${esc(f.severity)}</td><td><code>${esc(f.rubrique ?? '')}</code></td><td>${esc(f.message)}</td><td><code>${esc(f.rule)}</code></td><td>${f.control ? `<code>${esc(f.control)}</code>` : ''}</td></tr>`,
    )
    .join('\n');
  const unv = r.unverified.byRubrique
    .map((u) => `<li><code>${esc(u.rubrique)}</code> ${esc(u.name)} : ${u.controls.map((c) => `<code>${esc(shortControl(c))}</code>`).join(', ')}</li>`)
    .join('\n');
  const notes = r.unverified.notes.map((n) => `<li>${esc(n)}</li>`).join('\n');
  const legend = Object.entries(RULES)
    .map(([id, x]) => `<tr><td><code>${id}</code></td><td>${esc(x.severity)}</td><td>${esc(x.label)}</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Auto-contrôle de ${esc(ctx.file)} — ${esc(r.version)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;max-width:80rem;color:#1b1b1b}
table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
tr.b td:nth-child(2){color:#a00;font-weight:600}tr.nb td:nth-child(2){color:#8a5a00}
code{font-size:.9em}
</style>
</head>
<body>
<h1>Auto-contrôle de <code>${esc(ctx.file)}</code></h1>
<p>Norme <strong>${esc(r.version)}</strong> (${esc(r.versionLabel)}) ; ${r.declaredVersion !== undefined ? `version déclarée <code>${esc(r.declaredVersion)}</code>` : 'aucune version déclarée'}.
${r.lines} lignes, ${r.envois > 1 ? `${r.envois} envois, ` : ''}${r.declarations} déclaration(s)${r.natures.length ? ` (nature ${esc(r.natures.join(', '))})` : ''}${ctx.encoding ? `, encodage ${esc(ctx.encoding)}` : ''}.
Les valeurs personnelles (NIR, noms, dates de naissance…) sont masquées.</p>
<h2>Bilan</h2>
<p><strong>${esc(headline(r))}</strong></p>
${r.findings.length ? `<table><thead><tr><th>Ligne</th><th>Gravité</th><th>Rubrique</th><th>Constat</th><th>Règle</th><th>Contrôle de la norme</th></tr></thead><tbody>
${rows}
</tbody></table>` : ''}
${r.omittedFindings ? `<p>${r.omittedFindings} autre(s) constat(s) non affiché(s) (limite atteinte).</p>` : ''}
<h2>Contrôles non vérifiés automatiquement</h2>
<p>${r.unverified.total ? `${r.unverified.total} contrôle(s) rédigé(s) en texte, non vérifiés : ${esc(familySummary(r.unverified.byFamily))}.` : 'Aucun pour les rubriques présentes.'}
Vérifiés automatiquement : ${r.verified.controls.length}.</p>
${unv ? `<details><summary>Par rubrique présente dans le fichier</summary><ul>\n${unv}\n</ul></details>` : ''}
${notes ? `<ul>\n${notes}\n</ul>` : ''}
<h2>Règles</h2>
<table><thead><tr><th>Règle</th><th>Gravité</th><th>Description</th></tr></thead><tbody>
${legend}
</tbody></table>
</body>
</html>
`;
}

export { controlFamily };

/** One line of JSON (`--format jsonl`): the report of one file, for CI tools that read line by line. */
export function formatJsonLine(r: CheckReport, ctx: ReportContext): string {
  return JSON.stringify({ file: ctx.file, encoding: ctx.encoding, ...r, findings: r.findings.map(findingJson) }) + '\n';
}

/** Outcome of one file of a multi-file check (summary). */
export interface FileOutcome {
  file: string;
  /** `dsn/P26V01`; absent when the file is unusable before a version is chosen. */
  version?: string;
  /** `inexploitable`: exit 2 for this file (the message says why). */
  status: 'sans constat' | 'constats' | 'inexploitable';
  bloquant: number;
  nonBloquant: number;
  message?: string;
}

/** Summary of a multi-file check: one line per file, then the totals. */
export function formatSummary(outcomes: FileOutcome[]): string {
  const L = [`Résumé : ${plural(outcomes.length, 'fichier contrôlé', 'fichiers contrôlés')}`];
  const w = Math.min(60, Math.max(...outcomes.map((o) => o.file.length)));
  for (const o of outcomes) {
    const what = o.status === 'inexploitable' ? `inexploitable : ${o.message ?? ''}` : o.status === 'sans constat' ? 'aucun constat' : `${plural(o.bloquant, 'bloquant', 'bloquants')}, ${plural(o.nonBloquant, 'non bloquant', 'non bloquants')}`;
    L.push(`  ${o.file.padEnd(w)}  ${(o.version ?? '').padEnd(12)} ${what}`);
  }
  const n = (s: FileOutcome['status']) => outcomes.filter((o) => o.status === s).length;
  L.push(`${n('sans constat')} sans constat, ${n('constats')} avec constats, ${n('inexploitable')} inexploitable(s).`);
  return L.join('\n') + '\n';
}
