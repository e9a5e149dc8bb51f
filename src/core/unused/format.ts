/** Renderings of the unused-elements report: text (terminal), Markdown, JSON, CSV (French Excel). Pure. */
import { toCsv } from '../export.ts';
import type { Anomaly, UnusedItem, UnusedKind, UnusedReport } from './index.ts';

export type UnusedFormat = 'text' | 'md' | 'json' | 'csv';
export const UNUSED_FORMATS: readonly UnusedFormat[] = ['text', 'md', 'json', 'csv'];

export const UNUSED_KIND_LABELS: Record<UnusedKind, string> = {
  block: 'bloc',
  rubrique: 'rubrique',
  control: 'contrôle',
  datatype: 'type de données',
  'code-value': 'valeur de nomenclature',
};

/** `P24V01 → P26V01` (or one version), with the version the official text states when it differs. */
export function sinceLabel(i: UnusedItem): string {
  const v = i.sinceVersion;
  let s = v.length > 1 ? `${v[0]} → ${v.at(-1)}` : (v[0] ?? '');
  if (i.statedSince && i.statedSince !== v[0]) s += ` (le texte dit : à compter de ${i.statedSince})`;
  return s;
}

const count = (items: UnusedItem[]) => items.filter((i) => !i.information).length;

function summary(r: UnusedReport): string {
  const info = r.items.length - count(r.items);
  return `${count(r.items)} élément(s) inutilisé(s)${info ? ` et ${info} valeur(s) pour information` : ''}, ${r.removed.length} supprimé(s) par ${r.version}, ${r.anomalies.length} anomalie(s) des tables officielles`;
}

function text(r: UnusedReport): string {
  const L: string[] = [`Éléments inutilisés de ${r.key} : ${summary(r)}.`];
  for (const n of r.notes) L.push(`Note : ${n}`);
  const line = (i: UnusedItem) =>
    `  ${UNUSED_KIND_LABELS[i.kind].padEnd(22)} ${i.id}${i.name ? ` « ${i.name} »` : ''}\n      ${i.reason.text} [${i.reason.code}]${i.reason.detail && i.kind !== 'rubrique' ? ` — ${i.reason.detail}` : ''}\n      depuis ${sinceLabel(i)}${i.removedIn ? `, supprimé en ${i.removedIn}` : ''} · ${i.link}`;
  const main = r.items.filter((i) => !i.information);
  if (main.length) L.push('', 'À nettoyer (les plus anciens d’abord) :', ...main.map(line));
  if (r.removed.length) L.push('', `Supprimés par ${r.version} (listés pour ${r.removed[0].sinceVersion.at(-1)}) :`, ...r.removed.map(line));
  if (r.anomalies.length) L.push('', 'Anomalies des tables officielles :', ...r.anomalies.map(anomalyLine));
  const info = r.items.filter((i) => i.information);
  if (info.length) L.push('', 'Pour information :', ...info.map(line));
  return L.join('\n') + '\n';
}

function anomalyLine(a: Anomaly): string {
  return `  ${a.id} : ${a.text} — ${a.detail}\n      cellule source : ${a.source.file}, feuille ${a.source.sheet}, ligne ${a.source.row}, colonne ${a.source.column} [${a.code}]`;
}

const mdEsc = (s: string) => s.replace(/[|\\`*_[\]<>]/g, (c) => `\\${c}`).replace(/\n/g, ' ');

function md(r: UnusedReport): string {
  const L: string[] = [`# Éléments inutilisés — ${r.key}`, '', `${summary(r)}.`, ''];
  for (const n of r.notes) L.push(`> ${mdEsc(n)}`, '');
  const table = (items: UnusedItem[]) => {
    L.push('| Élément | Nature | Motif | Inutilisé depuis |', '|---|---|---|---|');
    for (const i of items) L.push(`| [\`${i.id}\`](${i.link})${i.name ? ` ${mdEsc(i.name)}` : ''} | ${UNUSED_KIND_LABELS[i.kind]} | ${mdEsc(i.reason.text)} (\`${i.reason.code}\`) | ${mdEsc(sinceLabel(i))}${i.removedIn ? `, supprimé en ${i.removedIn}` : ''} |`);
    L.push('');
  };
  const main = r.items.filter((i) => !i.information);
  L.push('## À nettoyer', '');
  if (main.length) table(main);
  else L.push('Aucun élément.', '');
  if (r.removed.length) {
    L.push(`## Supprimés par ${r.version}`, '');
    table(r.removed);
  }
  L.push('## Anomalies des tables officielles', '');
  if (r.anomalies.length) {
    L.push('| Élément | Anomalie | Cellule source |', '|---|---|---|');
    for (const a of r.anomalies) L.push(`| [\`${a.id}\`](${a.link}) | ${mdEsc(a.text)} : ${mdEsc(a.detail)} | ${mdEsc(`${a.source.file}, feuille ${a.source.sheet}, ligne ${a.source.row}, colonne ${a.source.column}`)} |`);
    L.push('');
  } else L.push('Aucune anomalie trouvée.', '');
  const info = r.items.filter((i) => i.information);
  if (info.length) {
    L.push('## Pour information', '');
    table(info);
  }
  return L.join('\n');
}

function csv(r: UnusedReport): string {
  const rows: (string | undefined)[][] = [];
  const push = (section: string, i: UnusedItem) =>
    rows.push([section, UNUSED_KIND_LABELS[i.kind], i.id, i.name, i.reason.code, i.reason.text, i.reason.detail, i.sinceVersion[0], i.sinceVersion.join(' '), i.statedSince, i.removedIn, i.link, undefined]);
  for (const i of r.items) push(i.information ? 'pour information' : 'à nettoyer', i);
  for (const i of r.removed) push(`supprimé par ${r.version}`, i);
  for (const a of r.anomalies) {
    rows.push(['anomalie des tables officielles', a.code === 'datatype-unsatisfiable' ? 'type de données' : 'contrôle', a.id, undefined, a.code, a.text, a.detail, undefined, undefined, undefined, undefined, a.link, `${a.source.file} · ${a.source.sheet} · ${a.source.row} · ${a.source.column}`]);
  }
  return toCsv(['Section', 'Élément', 'Identifiant', 'Libellé', 'Motif (code)', 'Motif', 'Détail', 'Inutilisé depuis', 'Versions', 'Selon le texte, depuis', 'Supprimé en', 'Page', 'Cellule source'], rows);
}

export function formatUnused(r: UnusedReport, format: UnusedFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(r, null, 2) + '\n';
    case 'md':
      return md(r);
    case 'csv':
      return csv(r);
    default:
      return text(r);
  }
}
