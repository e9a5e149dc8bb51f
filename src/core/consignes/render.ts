/**
 * Render a checked fiche to HTML, and to plain text (for diffs and search). Pure, allowlist-only:
 * any node type not handled here is dropped, so nothing a fiche contains can run at build time
 * or in the reader's browser. The site injects the HTML as is (`set:html`).
 */
import type { Root } from 'mdast';
import { COMPONENTS, type MdxNode } from './mdx.ts';
import { escapeHtml } from '../text/html.ts';
import { frenchSpacing } from '../text/typography.ts';
import { isSafeUrl } from '../text/url.ts';
import { RUBRIQUE_SOURCE } from '../model/ids.ts';
import type { ConsigneRevision, ResolvedRef } from './types.ts';

/** A line of a ```dsn block, split: indentation, rubrique id, the rest (`,'valeur'`). */
const DSN_LINE = new RegExp(`^(\\s*)(${RUBRIQUE_SOURCE})(,.*)$`);

export type LinkTarget = { type: 'element'; ref: ResolvedRef } | { type: 'consigne'; id: number };

export interface RenderOptions {
  /** URL of a norm element page (right version) or of another fiche. */
  href: (target: LinkTarget) => string;
}

const CALLOUT_TITLE: Record<string, string> = { Exemple: 'Exemple', Note: 'À noter', Attention: 'Attention' };

export { escapeHtml };


const KIND_FR: Record<string, string> = { rubrique: 'Rubrique', block: 'Bloc', control: 'Contrôle', datatype: 'Type de données' };

function attr(node: MdxNode, name: string): string | undefined {
  const a = (node.attributes ?? []).find((x) => x.type === 'mdxJsxAttribute' && x.name === name);
  return typeof a?.value === 'string' ? a.value : undefined;
}

function norme(node: MdxNode): Record<string, unknown> | undefined {
  return node.data?.norme as Record<string, unknown> | undefined;
}

/** HTML of a revision's text (empty when the text did not parse). */
export function renderConsigneHtml(rev: Pick<ConsigneRevision, 'tree'>, opts: RenderOptions): string {
  if (!rev.tree) return '';
  return renderTree(rev.tree, opts);
}

export function renderTree(tree: Root, opts: RenderOptions): string {
  const defs = new Map<string, string>();
  const collect = (n: MdxNode) => {
    if (n.type === 'definition' && n.url && isSafeUrl(n.url)) defs.set(String((n as { identifier?: string }).identifier ?? '').toLowerCase(), n.url);
    for (const c of n.children ?? []) collect(c);
  };
  collect(tree as unknown as MdxNode);

  const all = (ns: MdxNode[] | undefined, tight = false): string => (ns ?? []).map((n) => one(n, tight)).join('');
  const one = (n: MdxNode, tight = false): string => {
    switch (n.type) {
      case 'root': return all(n.children).trim() + '\n';
      case 'paragraph': return tight ? all(n.children) : `<p>${all(n.children)}</p>\n`;
      case 'heading': {
        const d = Math.min(6, Math.max(2, n.depth ?? 2));
        return `<h${d}>${all(n.children)}</h${d}>\n`;
      }
      case 'text': return escapeHtml(frenchSpacing(n.value ?? ''));
      case 'emphasis': return `<em>${all(n.children)}</em>`;
      case 'strong': return `<strong>${all(n.children)}</strong>`;
      case 'inlineCode': return `<code>${escapeHtml(n.value ?? '')}</code>`;
      case 'break': return '<br>\n';
      case 'thematicBreak': return '<hr>\n';
      case 'blockquote': return `<blockquote>\n${all(n.children)}</blockquote>\n`;
      case 'list': {
        const ordered = (n as { ordered?: boolean }).ordered;
        const start = (n as { start?: number | null }).start;
        const spread = (n as { spread?: boolean }).spread || (n.children ?? []).some((c) => (c as { spread?: boolean }).spread);
        const tag = ordered ? 'ol' : 'ul';
        const startAttr = ordered && start !== undefined && start !== null && start !== 1 ? ` start="${start}"` : '';
        return `<${tag}${startAttr}>\n${(n.children ?? []).map((li) => `<li>${all(li.children, !spread)}</li>\n`).join('')}</${tag}>\n`;
      }
      case 'code': return code(n);
      case 'link': {
        const url = n.url ?? '';
        return isSafeUrl(url) ? `<a href="${escapeHtml(url)}">${all(n.children)}</a>` : all(n.children);
      }
      case 'linkReference': {
        const url = defs.get(String((n as { identifier?: string }).identifier ?? '').toLowerCase());
        return url ? `<a href="${escapeHtml(url)}">${all(n.children)}</a>` : all(n.children);
      }
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        return element(n);
      default:
        return ''; // definitions, and anything not allowlisted
    }
  };

  const code = (n: MdxNode): string => {
    const lang = n.lang ?? '';
    const cls = lang && /^[a-z0-9-]+$/i.test(lang) ? ` class="language-${lang}"` : '';
    if (lang !== 'dsn') return `<pre><code${cls}>${escapeHtml(n.value ?? '')}</code></pre>\n`;
    const refs = (norme(n)?.lines ?? {}) as Record<number, ResolvedRef>;
    const lines = (n.value ?? '').split('\n').map((line, i) => {
      const m = DSN_LINE.exec(line);
      const ref = refs[i];
      if (!m || !ref) return escapeHtml(line);
      const title = ref.label ? ` title="${escapeHtml(ref.label)}"` : '';
      return `${m[1]}<a href="${escapeHtml(opts.href({ type: 'element', ref }))}"${title}>${m[2]}</a>${escapeHtml(m[3])}`;
    });
    return `<pre class="dsn"><code${cls}>${lines.join('\n')}</code></pre>\n`;
  };

  const element = (n: MdxNode): string => {
    const name = n.name ?? '';
    const data = norme(n);
    const inner = all(n.children, true);
    if (name === 'Exemple' || name === 'Note' || name === 'Attention') {
      if (n.type !== 'mdxJsxFlowElement') return inner; // rejected by the checks; never an <aside> inside a <p>
      const title = attr(n, 'titre') ?? CALLOUT_TITLE[name];
      return `<aside class="callout callout-${name.toLowerCase()}" role="note">\n<p class="callout-title">${escapeHtml(frenchSpacing(title))}</p>\n${all(n.children)}</aside>\n`;
    }
    if (name === 'Fiche') {
      const id = data?.fiche as number | undefined;
      const text = inner || `fiche n° ${escapeHtml(attr(n, 'id') ?? '')}`;
      if (id === undefined) return text;
      return `<a class="ref ref-fiche" href="${escapeHtml(opts.href({ type: 'consigne', id }))}" title="${escapeHtml(frenchSpacing(String(data?.title ?? '')))}">${text}</a>`;
    }
    if (name === 'Valeur') {
      const ref = data?.ref as ResolvedRef | undefined;
      const c = escapeHtml(attr(n, 'code') ?? '');
      if (!ref) return `<code>${c}</code>`;
      return `<a class="ref ref-valeur" href="${escapeHtml(opts.href({ type: 'element', ref }))}">«\u00a0<code>${c}</code> – ${escapeHtml(frenchSpacing(ref.label ?? ''))}\u00a0»</a>`;
    }
    if (name === 'Rubrique' || name === 'Bloc' || name === 'Controle' || name === 'Type') {
      const ref = data?.ref as ResolvedRef | undefined;
      const id = escapeHtml(attr(n, 'id') ?? '');
      const text = inner || `<code>${id}</code>`;
      if (!ref) return text;
      const title = frenchSpacing(`${KIND_FR[ref.kind]} ${ref.id}${ref.label ? ` : ${ref.label}` : ''} (${ref.version})`);
      return `<a class="ref ref-${ref.kind}" href="${escapeHtml(opts.href({ type: 'element', ref }))}" title="${escapeHtml(title.length > 200 ? title.slice(0, 199) + '…' : title)}">${text}</a>`;
    }
    return ''; // not allowlisted: dropped with its content
  };

  return one(tree as unknown as MdxNode);
}

/**
 * Plain text of a revision: one paragraph per line, list items prefixed with « – », references
 * as their ids, code values with their code. Used for revision diffs and search.
 */
export function revisionPlainText(rev: Pick<ConsigneRevision, 'tree'>): string {
  if (!rev.tree) return '';
  const blocks: string[] = [];
  const inline = (ns: MdxNode[] | undefined): string => (ns ?? []).map(inl).join('');
  const inl = (n: MdxNode): string => {
    switch (n.type) {
      case 'text':
      case 'inlineCode':
        return n.value ?? '';
      case 'break':
        return ' ';
      case 'mdxJsxTextElement':
      case 'mdxJsxFlowElement': {
        const name = n.name ?? '';
        if (!(name in COMPONENTS)) return '';
        if (name === 'Valeur') {
          const ref = norme(n)?.ref as ResolvedRef | undefined;
          return `« ${attr(n, 'code') ?? ''}${ref?.label ? ` – ${ref.label}` : ''} »`;
        }
        if (n.children?.length) return inline(n.children);
        if (name === 'Fiche') return `fiche n° ${attr(n, 'id') ?? ''}`;
        return attr(n, 'id') ?? '';
      }
      default:
        return inline(n.children);
    }
  };
  const block = (n: MdxNode, prefix = ''): void => {
    switch (n.type) {
      case 'root':
      case 'blockquote':
        for (const c of n.children ?? []) block(c, prefix);
        return;
      case 'paragraph':
      case 'heading':
        blocks.push(prefix + inline(n.children).replace(/\s+/g, ' ').trim());
        return;
      case 'code':
        blocks.push(prefix + (n.value ?? ''));
        return;
      case 'list':
        for (const li of n.children ?? []) {
          const [first, ...rest] = li.children ?? [];
          if (first) block(first, prefix + '– ');
          for (const r of rest) block(r, prefix + '  ');
        }
        return;
      case 'mdxJsxFlowElement': {
        const name = n.name ?? '';
        if (name in CALLOUT_TITLE) {
          blocks.push(prefix + (attr(n, 'titre') ?? CALLOUT_TITLE[name]));
          for (const c of n.children ?? []) block(c, prefix);
          return;
        }
        const t = inl(n);
        if (t) blocks.push(prefix + t);
        return;
      }
      default:
        return;
    }
  };
  block(rev.tree as unknown as MdxNode);
  return blocks.filter((b) => b.trim() !== '').join('\n\n');
}
