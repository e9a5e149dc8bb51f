/**
 * Renderings of a diff: plain text (terminal), Markdown (a "note différentielle"
 * grouped by block), CSV (French Excel) and JSON (see schemas/diff-output.schema.json).
 * Pure: returns strings.
 */
import { diffText } from '../text/words.ts';
import { toCsv } from '../export.ts';
import { SEVERITIES, SEVERITY_BADGE, SEVERITY_INFO, changeSeverityLabel, type Change, type Severity } from './catalogue.ts';
import { summarize, type DiffResult, type DiffSide } from './engine.ts';

export type DiffFormat = 'text' | 'md' | 'csv' | 'json';
export const DIFF_FORMATS: readonly DiffFormat[] = ['text', 'md', 'csv', 'json'];

export const DIFF_OUTPUT_SCHEMA_ID = 'https://norme.example/schemas/diff-output.schema.json';

/** A diff as given to formatDiff: a full result, or bare change records. */
export type DiffInput = DiffResult | readonly Change[];

function asResult(input: DiffInput): DiffResult | (Omit<DiffResult, 'from' | 'to'> & { from: null; to: null }) {
  if (Array.isArray(input)) {
    const changes = [...(input as readonly Change[])];
    return { from: null, to: null, changes, summary: summarize(changes), notes: [], blockNames: {} };
  }
  return input as DiffResult;
}

const BADGE = SEVERITY_BADGE;

const PLURAL: Record<Severity, [string, string]> = {
  breaking: ['cassant', 'cassants'],
  warning: ['à examiner', 'à examiner'],
  info: ['info', 'info'],
  editorial: ['rédactionnel', 'rédactionnels'],
};

function frDate(iso: string | null): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

export function describeSide(s: DiffSide | null): string {
  if (!s) return '—';
  let out = (s.label ? `${s.label} ` : '') + s.key;
  if (s.edition) out += ` (édition ${s.edition}${s.editionDate ? ` du ${frDate(s.editionDate)}` : ''})`;
  return out;
}

/** `12 changements : 3 cassants, 4 à examiner, 5 info` (zero counts omitted). */
export function countsLine(changes: readonly Change[]): string {
  const s = summarize(changes);
  if (!s.total) return 'aucun changement';
  const parts = SEVERITIES.filter((k) => s.bySeverity[k]).map((k) => `${s.bySeverity[k]} ${PLURAL[k][s.bySeverity[k] > 1 ? 1 : 0]}`);
  return `${s.total} changement${s.total > 1 ? 's' : ''} : ${parts.join(', ')}`;
}

interface Group {
  key: string;
  kind: 'block' | 'datatype';
  title: string;
  changes: Change[];
}

/** Consecutive groups: one per block, then one per datatype (changes are sorted that way). */
export function groupChanges(changes: readonly Change[], blockNames: Record<string, string>): Group[] {
  const groups: Group[] = [];
  const byKey = new Map<string, Group>();
  for (const c of changes) {
    const kind = c.block ? 'block' : 'datatype';
    const id = c.block ?? c.id.split('#')[0];
    const key = `${kind}:${id}`;
    let g = byKey.get(key);
    if (!g) {
      const title = kind === 'block' ? `Bloc ${id}${blockNames[id] ? ` — ${blockNames[id]}` : ''}` : `Type de données ${id}`;
      g = { key, kind, title, changes: [] };
      byKey.set(key, g);
      groups.push(g);
    }
    g.changes.push(c);
  }
  return groups;
}

function text(r: ReturnType<typeof asResult>): string {
  const L: string[] = [];
  if (r.from && r.to) L.push(`Comparaison ${describeSide(r.from)} → ${describeSide(r.to)}`);
  L.push(countsLine(r.changes));
  for (const g of groupChanges(r.changes, r.blockNames)) {
    L.push('', g.title);
    for (const c of g.changes) {
      L.push(`  ${changeSeverityLabel(c.severity).padEnd(12)} ${c.message} [${c.rule}]`);
      if (c.rationale) L.push(`  ${''.padEnd(12)} motif : ${c.rationale}`);
    }
  }
  if (r.notes.length) {
    L.push('', 'Remarques :');
    for (const n of r.notes) L.push(`  - ${n}`);
  }
  return L.join('\n') + '\n';
}

/** Escape text for Markdown (and MDX): emphasis, links, tables, HTML and braces. */
export function mdEscape(s: string): string {
  return s.replace(/[\\`*_[\]<>{}|~#]/g, (ch) => `\\${ch}`);
}

/** Keep the message's `code` spans, escape the rest. */
function mdMessage(msg: string): string {
  return msg
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 ? part : mdEscape(part)))
    .join('');
}

/**
 * Word diff as HTML `<del>`/`<ins>` (robust in Markdown and MDX, unlike `**`/`~~` next to
 * punctuation). A text rewritten for the most part reads better as before / after.
 */
function wordDiff(from: string, to: string): string[] {
  const parts = diffText(from, to);
  const kept = parts.filter((p) => p.op === 'same').reduce((n, p) => n + p.text.length, 0);
  if (kept < 0.5 * Math.max(from.length, to.length)) return [`avant : ${mdEscape(from)}`, `après : ${mdEscape(to)}`];
  return [
    parts
      .map((p) => {
        const t = mdEscape(p.text);
        return p.op === 'added' ? `<ins>${t}</ins>` : p.op === 'removed' ? `<del>${t}</del>` : t;
      })
      .join(''),
  ];
}

const WORD_DIFF_RULES = new Set(['block-description-changed', 'rubrique-description-changed', 'datatype-description-changed', 'control-rule-changed']);

function markdown(r: ReturnType<typeof asResult>): string {
  const L: string[] = [];
  const title = r.from && r.to ? `Note différentielle : ${r.from.key} → ${r.to.key}` : 'Note différentielle';
  L.push(`# ${mdEscape(title)}`, '');
  if (r.from && r.to) {
    L.push(`- **De** : ${mdEscape(describeSide(r.from))}`, `- **À** : ${mdEscape(describeSide(r.to))}`, '');
  }
  const s = r.summary;
  L.push('| Gravité | Changements |', '|---|---:|');
  for (const k of SEVERITIES) L.push(`| ${BADGE[k]} ${SEVERITY_INFO[k].label} | ${s.bySeverity[k]} |`);
  L.push(`| **Total** | **${s.total}** |`, '');
  L.push('Gravités :', '');
  for (const k of SEVERITIES) L.push(`- ${BADGE[k]} **${SEVERITY_INFO[k].label}** : ${mdEscape(SEVERITY_INFO[k].meaning)}`);
  L.push('');
  if (!r.changes.length) L.push('Aucun changement.', '');
  let inTypes = false;
  for (const g of groupChanges(r.changes, r.blockNames)) {
    if (g.kind === 'datatype') {
      if (!inTypes) {
        L.push('## Types de données', '');
        inTypes = true;
      }
      L.push(`### ${mdEscape(g.title.replace(/^Type de données /, ''))}`, '');
    } else {
      L.push(`## ${mdEscape(g.title)}`, '');
    }
    L.push(`*${countsLine(g.changes)}*`, '');
    for (const c of g.changes) {
      L.push(`- ${BADGE[c.severity]} **${changeSeverityLabel(c.severity)}** — ${mdMessage(c.message)} <sub>\`${c.rule}\`</sub>`);
      if (WORD_DIFF_RULES.has(c.rule) && typeof c.from === 'string' && typeof c.to === 'string') {
        for (const l of wordDiff(c.from, c.to)) L.push(`  - ${l}`);
      } else if (WORD_DIFF_RULES.has(c.rule)) {
        L.push(`  - ${c.from ? `avant : ${mdEscape(String(c.from))}` : 'avant : (vide)'} ; ${c.to ? `après : ${mdEscape(String(c.to))}` : 'après : (vide)'}`);
      }
      if (c.usedBy?.length) L.push(`  - utilisé par : ${c.usedBy.map((x) => `\`${x}\``).join(', ')}`);
      if (c.rationale) L.push(`  - motif : ${mdEscape(c.rationale)}`);
    }
    L.push('');
  }
  if (r.notes.length) {
    L.push('## Remarques', '');
    for (const n of r.notes) L.push(`- ${mdEscape(n)}`);
    L.push('');
  }
  return L.join('\n');
}

export const CSV_HEADER = ['Gravité', 'Règle', 'Élément', 'Identifiant', 'Bloc', 'Libellé du bloc', 'Message', 'Avant', 'Après', 'Utilisé par', 'Motif'];

function csv(r: ReturnType<typeof asResult>): string {
  return toCsv(
    CSV_HEADER,
    r.changes.map((c) => [
      changeSeverityLabel(c.severity),
      c.rule,
      c.element,
      c.id,
      c.block,
      c.block ? r.blockNames[c.block] : undefined,
      c.message,
      c.from,
      c.to,
      c.usedBy?.join(' '),
      c.rationale,
    ]),
  );
}

/** The JSON document published with diff-output.schema.json. */
export function diffDocument(input: DiffInput): Record<string, unknown> {
  const r = asResult(input);
  return {
    $schema: DIFF_OUTPUT_SCHEMA_ID,
    from: r.from,
    to: r.to,
    summary: r.summary,
    notes: r.notes,
    blockNames: r.blockNames,
    changes: r.changes,
  };
}

/** Render a diff in one of the output formats. Signature kept stable for the site. */
export function formatDiff(input: DiffInput, format: DiffFormat): string {
  const r = asResult(input);
  switch (format) {
    case 'text':
      return text(r);
    case 'md':
      return markdown(r);
    case 'csv':
      return csv(r);
    case 'json':
      return JSON.stringify(diffDocument(r as DiffResult), null, 2) + '\n';
  }
}
