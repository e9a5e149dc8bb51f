/**
 * Restricted MDX: parse a fiche's text with remark-parse + remark-mdx and reject everything
 * that could run code or escape the allowlist. The site never compiles a fiche as MDX: it renders
 * the checked tree (render.ts), so a rejected construct cannot execute even if a check were missed.
 */
import type { Root } from 'mdast';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { diag, didYouMean, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { Loc } from '../model/types.ts';
import { RUBRIQUE_SOURCE } from '../model/ids.ts';
import { judgeUrl, visibleControls } from '../text/url.ts';
import type { AllowedComponent } from './types.ts';

export interface ComponentSpec {
  required: string[];
  optional: string[];
  /** May the element wrap content? (text for references, any block for callouts) */
  children: 'none' | 'phrasing' | 'any';
  description: string;
}

/** The allowlist. Attribute values are plain strings between quotes. */
export const COMPONENTS: Record<AllowedComponent, ComponentSpec> = {
  Rubrique: { required: ['id'], optional: ['version'], children: 'phrasing', description: 'lien vers une rubrique : `<Rubrique id="S21.G00.40.007"/>`' },
  Bloc: { required: ['id'], optional: ['version'], children: 'phrasing', description: 'lien vers un bloc : `<Bloc id="S21.G00.40"/>`' },
  Controle: { required: ['id'], optional: ['version'], children: 'phrasing', description: 'lien vers un contrôle : `<Controle id="S21.G00.40.007/CCH-11"/>`' },
  Type: { required: ['id'], optional: ['version'], children: 'phrasing', description: 'lien vers un type de données : `<Type id="DSN_NatureContrat"/>`' },
  Valeur: { required: ['type', 'code'], optional: ['version'], children: 'none', description: 'code d\'une nomenclature et son libellé : `<Valeur type="DSN_NatureContrat" code="02"/>`' },
  Fiche: { required: ['id'], optional: [], children: 'phrasing', description: 'lien vers une autre fiche : `<Fiche id="9002"/>`' },
  Exemple: { required: [], optional: ['titre'], children: 'any', description: 'encadré d\'exemple : `<Exemple titre="…">…</Exemple>`' },
  Note: { required: [], optional: ['titre'], children: 'any', description: 'encadré d\'information : `<Note>…</Note>`' },
  Attention: { required: [], optional: ['titre'], children: 'any', description: 'encadré d\'avertissement : `<Attention>…</Attention>`' },
};

export const REFERENCE_COMPONENTS = ['Rubrique', 'Bloc', 'Controle', 'Type', 'Valeur'] as const;

/** Markdown node types a fiche may contain (CommonMark, without raw HTML or images). */
const MARKDOWN_TYPES = new Set([
  'root', 'paragraph', 'heading', 'text', 'emphasis', 'strong', 'inlineCode', 'code', 'list', 'listItem',
  'blockquote', 'thematicBreak', 'break', 'link', 'linkReference', 'definition',
]);

/** A component occurrence, to be resolved against the registry. */
export interface ComponentUse {
  name: AllowedComponent;
  attrs: Record<string, string>;
  /** Position of each attribute value (for precise diagnostics). */
  attrLocs: Record<string, Loc>;
  loc: Loc;
  node: MdxNode;
}

/** A line of a ```dsn block (trimmed): `S21.G00.40.007,'02'`; captures the rubrique and the value. */
const DSN_EXAMPLE_LINE = new RegExp(`^(${RUBRIQUE_SOURCE}),'(.*)'$`);

/** One line of a ```dsn block: `S21.G00.40.007,'02'`. */
export interface DsnLine {
  id: string;
  value: string;
  loc: Loc;
  valueLoc: Loc;
  /** The code node and the line's index in it (rendering links the id). */
  node: MdxNode;
  index: number;
  /** ```dsn version=P26V01 : the block is checked against that version only. */
  pinned?: string;
  /** Position of the opening fence (for a diagnostic on `version=`). */
  fenceLoc: Loc;
}

export interface CheckedMdx {
  tree?: Root;
  components: ComponentUse[];
  dsnLines: DsnLine[];
  diagnostics: Diagnostic[];
}

/** Loose view of an mdast/MDX node (the MDX node types are not in @types/mdast). */
export interface MdxNode {
  type: string;
  name?: string | null;
  value?: string;
  url?: string;
  lang?: string | null;
  meta?: string | null;
  depth?: number;
  attributes?: Array<{ type: string; name?: string; value?: unknown; position?: Pos }>;
  children?: MdxNode[];
  position?: Pos;
  data?: Record<string, unknown>;
}
interface Pos {
  start: { line: number; column: number; offset?: number };
  end: { line: number; column: number; offset?: number };
}

const processor = unified().use(remarkParse).use(remarkMdx);

/** Translate the MDX parser's error into a French diagnostic. */
function syntaxDiagnostic(file: string, source: string, err: unknown): Diagnostic {
  const e = err as { reason?: string; message?: string; ruleId?: string; source?: string; line?: number; column?: number; place?: unknown };
  const reason = e.reason ?? e.message ?? String(err);
  let line = e.line;
  let column = e.column;
  if (line === undefined) {
    const m = /\((\d+):(\d+)(?:-\d+:\d+)?\)/.exec(reason);
    if (m) {
      line = Number(m[1]);
      column = Number(m[2]);
    }
  }
  let at = { file, line: line ?? 1, column: column ?? 1 };
  if (e.source === 'micromark-extension-mdxjs-esm') {
    // The JS parser points where it gave up; point at the `import`/`export` line instead.
    const lines = source.split('\n').slice(0, at.line);
    for (let i = lines.length - 1; i >= 0; i--) {
      if (/^(import|export)\b/.test(lines[i])) {
        at = { file, line: i + 1, column: 1 };
        break;
      }
    }
    return diag('error', 'consigne-esm-forbidden', '`import` et `export` sont interdits dans une fiche', at,
      'une fiche ne contient que du texte Markdown et les composants autorisés ; supprimez cette ligne.');
  }
  const tag = /closing tag for `<([^>]*)>`/.exec(reason);
  if (e.ruleId === 'end-tag-mismatch' && tag) {
    return diag('error', 'consigne-mdx-syntax', `Balise \`<${tag[1]}>\` jamais fermée`, at,
      `fermez-la par \`</${tag[1]}>\`, ou écrivez \`<${tag[1]} … />\` si elle n'a pas de contenu.`);
  }
  const nest = /Expected the closing tag `<\/([^>]*)>`/.exec(reason);
  if (nest) {
    return diag('error', 'consigne-mdx-syntax', `Balise \`<${nest[1]}>\` mal imbriquée : elle doit être fermée dans le même paragraphe`, at,
      `écrivez \`<${nest[1]} …>texte</${nest[1]}>\` sur une seule ligne, ou placez ouverture et fermeture seules sur leur ligne.`);
  }
  if (e.source === 'micromark-extension-mdx-expression' || (e.source === 'micromark-extension-mdx-jsx' && /brace/.test(reason))) {
    return diag('error', 'consigne-mdx-syntax', 'Accolade `{` non fermée', at,
      'les accolades sont réservées au code, interdit dans une fiche : pour écrire une accolade, échappez-la (`\\{`).');
  }
  if (e.source === 'micromark-extension-mdx-jsx') {
    const ch = /Unexpected character `(.+?)`/.exec(reason);
    const what = ch ? ` : caractère \`${ch[1]}\` inattendu` : '';
    return diag('error', 'consigne-mdx-syntax', `Balise mal formée${what}`, at,
      ch?.[1] === '!'
        ? 'les commentaires HTML `<!-- -->` ne sont pas admis ; supprimez-les.'
        : 'pour écrire « < » dans le texte, échappez-le (`\\<`) ; les balises s\'écrivent `<Rubrique id="…"/>`.');
  }
  return diag('error', 'consigne-mdx-syntax', `Syntaxe MDX invalide : ${reason.replace(/\s*\(\d+:\d+(-\d+:\d+)?\)$/, '')}`, at,
    'vérifiez les balises et échappez `<` et `{` dans le texte (`\\<`, `\\{`).');
}

function locOf(file: string, p: Pos | undefined): Loc {
  return { file, line: p?.start.line ?? 1, column: p?.start.column ?? 1 };
}

const ALLOWED = Object.keys(COMPONENTS) as AllowedComponent[];

/** Deepest nesting of quotes `>`, lists and callouts a fiche may have (real fiches: 2). */
export const MAX_NESTING = 20;
/** Most formatting marks (`*` `_` `[` `]` `` ` `` `<` `&`) in one paragraph (real fiches: ≤ 30). */
export const MAX_MARKS_PER_PARAGRAPH = 100;
const MARKS = /[*_[\]`<&]/g;
const FENCE = /^(`{3,}|~{3,})/;
const CONTAINER = /^(>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]*/;
const FLOW_OPEN = /^<[A-Za-z][\w.-]*(\s[^>]*)?(?<!\/)>\s*$/;
const FLOW_CLOSE = /^<\/[A-Za-z][\w.-]*\s*>\s*$/;

/**
 * The parser's work bound, checked on the raw text before parsing: Markdown parsing is
 * superlinear on deep nesting (one stack frame per level: thousands of `>` overflowed the stack)
 * and on many emphasis and link marks in one paragraph (minutes for 120 Ko). With these limits
 * and the file size limit (files.ts), the worst fiche parses in about a second.
 */
export function checkBudget(file: string, source: string): Diagnostic[] {
  const lines = source.split('\n');
  let fence: string | undefined;
  let flowDepth = 0;
  let para = { line: 0, marks: 0 };
  const out: Diagnostic[] = [];
  const endParagraph = () => {
    if (para.marks > MAX_MARKS_PER_PARAGRAPH) {
      out.push(diag('error', 'paragraph-too-complex',
        `Paragraphe trop chargé : ${para.marks} marques de mise en forme (\`*\`, \`_\`, \`[\`, \`]\`, \`\` \` \`\`, \`<\`, \`&\`), au plus ${MAX_MARKS_PER_PARAGRAPH} par paragraphe`,
        { file, line: para.line, column: 1 }, 'scindez le paragraphe ou simplifiez sa mise en forme ; un exemple littéral s\'écrit dans un bloc de code.'));
    }
    para = { line: 0, marks: 0 };
  };
  for (let i = 0; i < lines.length && out.length === 0; i++) {
    const raw = lines[i];
    const lead = /^[ \t]*/.exec(raw)![0];
    const indent = [...lead].reduce((w, c) => (c === '\t' ? w + 4 - (w % 4) : w + 1), 0);
    let rest = raw.slice(lead.length);
    let depth = Math.floor(indent / 2);
    for (let m = CONTAINER.exec(rest); m && m[0]; m = CONTAINER.exec(rest)) {
      depth++;
      rest = rest.slice(m[0].length);
      if (depth > MAX_NESTING) break;
    }
    const f = FENCE.exec(rest);
    if (fence !== undefined) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length) fence = undefined;
      continue;
    }
    if (f) {
      endParagraph();
      fence = f[1];
      continue;
    }
    if (FLOW_CLOSE.test(rest)) flowDepth = Math.max(0, flowDepth - 1);
    else if (FLOW_OPEN.test(rest)) flowDepth++;
    if (depth + flowDepth > MAX_NESTING) {
      out.push(diag('error', 'nesting-too-deep',
        `Imbrication trop profonde : plus de ${MAX_NESTING} niveaux de citations \`>\`, de listes ou d'encadrés`, { file, line: i + 1, column: 1 },
        'une fiche se lit sans imbriquer plus de quelques niveaux : mettez le texte à plat, en paragraphes ou en liste simple.'));
      break;
    }
    if (rest.trim() === '') {
      endParagraph();
      continue;
    }
    if (para.line === 0) para.line = i + 1;
    para.marks += rest.match(MARKS)?.length ?? 0;
  }
  if (out.length === 0) endParagraph();
  return out;
}

/**
 * Parse a fiche's text and check it against the restrictions. `source` must keep file positions
 * (frontmatter lines blanked, see splitFrontmatter). The text is parsed only within the budget
 * (checkBudget); a stack overflow that would still happen is a diagnostic, never a crash.
 */
export function checkMdx(file: string, source: string, bodyLine = 1): CheckedMdx {
  const budget = checkBudget(file, source);
  if (budget.length) return { components: [], dsnLines: [], diagnostics: budget };
  let tree: Root;
  try {
    tree = processor.parse(source) as Root;
  } catch (err) {
    if (err instanceof RangeError) return { components: [], dsnLines: [], diagnostics: [tooDeep(file)] };
    return { components: [], dsnLines: [], diagnostics: [syntaxDiagnostic(file, source, err)] };
  }
  try {
    return { tree, ...checkTree(file, tree, bodyLine) };
  } catch (err) {
    if (err instanceof RangeError) return { components: [], dsnLines: [], diagnostics: [tooDeep(file)] };
    throw err;
  }
}

const tooDeep = (file: string): Diagnostic =>
  diag('error', 'nesting-too-deep', 'Imbrication trop profonde : le texte de la fiche ne peut pas être analysé', { file, line: 1, column: 1 },
    'mettez le texte à plat, en paragraphes ou en liste simple.');

/** Check a parsed text (see checkMdx). Exported for tests of the defensive branches. */
export function checkTree(file: string, tree: Root, bodyLine = 1): Omit<CheckedMdx, 'tree'> {
  const diagnostics: Diagnostic[] = [];
  const components: ComponentUse[] = [];
  const dsnLines: DsnLine[] = [];
  if (!(tree.children as MdxNode[]).some((c) => c.type !== 'definition')) {
    diagnostics.push(diag('error', 'consigne-body-empty', 'Le texte de la fiche est vide', { file, line: bodyLine, column: 1 },
      'rédigez la réponse à la question du titre sous l\'en-tête.'));
  }

  const walk = (node: MdxNode, parentComponent?: ComponentSpec) => {
    const at = locOf(file, node.position);
    switch (node.type) {
      case 'mdxjsEsm':
        diagnostics.push(diag('error', 'consigne-esm-forbidden', '`import` et `export` sont interdits dans une fiche', at,
          'une fiche ne contient que du texte Markdown et les composants autorisés ; supprimez cette ligne.'));
        return;
      case 'mdxFlowExpression':
      case 'mdxTextExpression': {
        const comment = /^\s*\/\*[\s\S]*\*\/\s*$/.test(node.value ?? '');
        diagnostics.push(diag('error', 'consigne-expression-forbidden',
          comment ? 'Commentaire `{/* … */}` interdit dans une fiche' : `Expression \`{${short(node.value ?? '')}}\` interdite dans une fiche`, at,
          comment ? 'supprimez le commentaire (l\'historique de la fiche se note dans `revisions`).' : 'les accolades exécuteraient du code : écrivez le texte tel quel, en échappant l\'accolade (`\\{`) si elle est voulue.'));
        return;
      }
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        checkElement(node, at, parentComponent);
        return;
      case 'image':
      case 'imageReference':
        diagnostics.push(diag('error', 'consigne-image-forbidden', 'Les images ne sont pas admises dans une fiche', at,
          'décrivez l\'exemple en texte, dans un bloc ```dsn ou un encadré `<Exemple>`.'));
        return;
      case 'link':
      case 'definition':
        checkUrl(node.url ?? '', at);
        break;
      case 'heading':
        if (node.depth === 1) {
          diagnostics.push(diag('error', 'consigne-heading-level', 'Titre de niveau 1 (`#`) interdit dans le texte : il est réservé au titre de la fiche', at,
            'utilisez `##` pour les sections (« ## Le contexte », « ## La consigne »).'));
        }
        break;
      case 'code':
        if (node.lang === 'dsn') collectDsn(node);
        break;
      default:
        if (!MARKDOWN_TYPES.has(node.type)) {
          diagnostics.push(diag('error', 'consigne-syntax-forbidden', `Construction \`${node.type}\` non admise dans une fiche`, at));
          return;
        }
    }
    for (const c of node.children ?? []) walk(c, parentComponent);
  };

  const checkUrl = (url: string, at: Loc) => {
    const verdict = judgeUrl(url);
    if (verdict.safe) return;
    const disguised = verdict.protocol !== undefined && !url.toLowerCase().startsWith(verdict.protocol);
    diagnostics.push(diag('error', 'consigne-link-forbidden', `Lien \`${short(visibleControls(url))}\` interdit : seuls les liens http(s), mailto et relatifs sont admis`, at,
      disguised
        ? `un navigateur lit ce lien comme \`${verdict.protocol}\` (il ignore espaces et caractères de contrôle en tête et en fin, tabulations et retours à la ligne, et décode les entités \`&#…;\`) ; supprimez-le.`
        : 'pour citer la norme, utilisez `<Rubrique id="…"/>`, `<Bloc id="…"/>` … ; pour une autre fiche, `<Fiche id="…"/>`.'));
  };

  const checkElement = (node: MdxNode, at: Loc, parent?: ComponentSpec) => {
    const name = node.name ?? '';
    if (!name || !(name in COMPONENTS)) {
      const dym = name ? didYouMean(name, ALLOWED) : undefined;
      const label = name ? `<${name}>` : '<>';
      diagnostics.push(diag('error', 'consigne-component-forbidden',
        `Composant \`${label}\` non autorisé${dym ? ` ; ${dym}` : ''}`, at,
        `composants autorisés : ${ALLOWED.join(', ')} (le HTML brut n'est pas admis).`));
      for (const c of node.children ?? []) walk(c, parent);
      return;
    }
    const spec = COMPONENTS[name as AllowedComponent];
    const attrs: Record<string, string> = {};
    const attrLocs: Record<string, Loc> = {};
    let ok = true;
    for (const a of node.attributes ?? []) {
      const aAt = a.position ? locOf(file, a.position) : at;
      if (a.type === 'mdxJsxExpressionAttribute') {
        diagnostics.push(diag('error', 'consigne-expression-forbidden', `Expression \`{${short(String(a.value ?? ''))}}\` interdite dans la balise \`<${name}>\``, aAt,
          'écrivez chaque attribut sous la forme `nom="valeur"`.'));
        ok = false;
        continue;
      }
      const an = a.name ?? '';
      const known = spec.required.includes(an) || spec.optional.includes(an);
      if (!known) {
        const candidates = [...spec.required, ...spec.optional];
        const dym = didYouMean(an, candidates);
        diagnostics.push(diag('error', 'consigne-attribute-unknown', `Attribut \`${an}\` inconnu pour \`<${name}>\`${dym ? ` ; ${dym}` : ''}`, aAt,
          candidates.length ? `attributs possibles : ${candidates.join(', ')}.` : `\`<${name}>\` n'a pas d'attribut.`));
        ok = false;
        continue;
      }
      if (a.value !== null && typeof a.value === 'object') {
        const v = (a.value as { value?: string }).value ?? '';
        diagnostics.push(diag('error', 'consigne-expression-forbidden', `Expression \`{${short(v)}}\` interdite dans l'attribut \`${an}\``, aAt,
          `écrivez la valeur entre guillemets : \`${an}="…"\`.`));
        ok = false;
        continue;
      }
      if (typeof a.value !== 'string' || a.value.trim() === '') {
        diagnostics.push(diag('error', 'consigne-attribute-value', `L'attribut \`${an}\` de \`<${name}>\` doit avoir une valeur`, aAt, `écrivez \`${an}="…"\`.`));
        ok = false;
        continue;
      }
      attrs[an] = a.value.trim();
      attrLocs[an] = aAt;
    }
    for (const r of spec.required) {
      if (!(r in attrs) && !(node.attributes ?? []).some((a) => a.name === r)) {
        diagnostics.push(diag('error', 'consigne-attribute-missing', `Attribut \`${r}\` obligatoire manquant dans \`<${name}>\``, at, `exemple : ${spec.description}.`));
        ok = false;
      }
    }
    const children = node.children ?? [];
    if (spec.children === 'none' && children.length) {
      diagnostics.push(diag('error', 'consigne-component-content', `\`<${name}>\` ne prend pas de contenu`, at, `écrivez-le sous la forme \`<${name} … />\`.`));
    }
    if (spec.children === 'phrasing' && node.type === 'mdxJsxFlowElement' && children.length) {
      diagnostics.push(diag('error', 'consigne-component-content', `\`<${name}>\` s'écrit dans une phrase, pas comme un bloc`, at,
        'mettez la balise et son texte sur la même ligne que la phrase qui la contient.'));
    }
    if (spec.children === 'any' && node.type === 'mdxJsxTextElement') {
      diagnostics.push(diag('error', 'consigne-component-content', `\`<${name}>\` est un encadré : il ne s'écrit pas dans une phrase`, at,
        `placez \`<${name}>\` et \`</${name}>\` seuls sur leur ligne, le texte de l'encadré entre les deux.`));
      ok = false;
    }
    if (ok) components.push({ name: name as AllowedComponent, attrs, attrLocs, loc: at, node });
    for (const c of children) walk(c, spec);
  };

  const collectDsn = (node: MdxNode) => {
    const start = node.position?.start ?? { line: 1, column: 1 };
    const fenceLoc = { file, line: start.line, column: start.column };
    let pinned: string | undefined;
    const meta = (node.meta ?? '').trim();
    if (meta) {
      const m = /^version=([A-Za-z0-9][A-Za-z0-9._-]*)$/.exec(meta);
      if (m) pinned = m[1];
      else {
        diagnostics.push(diag('error', 'consigne-dsn-syntax', `Information \`${short(meta)}\` inattendue après \`\`\`dsn\``, fenceLoc,
          'seule `version=…` est admise, pour vérifier l\'exemple dans une seule version : ```dsn version=P26V01'));
      }
    }
    const lines = (node.value ?? '').split('\n');
    lines.forEach((raw, i) => {
      const line = raw.replace(/\r$/, '');
      const lineNo = start.line + 1 + i;
      const col = start.column + (raw.length - raw.trimStart().length);
      const text = line.trim();
      if (text === '' || text === '…' || text === '...') return;
      const m = DSN_EXAMPLE_LINE.exec(text);
      if (!m) {
        diagnostics.push(diag('error', 'consigne-dsn-syntax', `Ligne d'exemple DSN mal formée : \`${short(text)}\``, { file, line: lineNo, column: col },
          'une ligne d\'un bloc ```dsn s\'écrit `S21.G00.40.007,\'02\'` (rubrique, virgule, valeur entre apostrophes) ; `…` marque des lignes omises.'));
        return;
      }
      dsnLines.push({ id: m[1], value: m[2], loc: { file, line: lineNo, column: col }, valueLoc: { file, line: lineNo, column: col + m[1].length + 1 }, node, index: i, fenceLoc, ...(pinned ? { pinned } : {}) });
    });
  };

  walk(tree as unknown as MdxNode);
  return { components, dsnLines, diagnostics };
}

function short(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 40 ? one.slice(0, 39) + '…' : one;
}
