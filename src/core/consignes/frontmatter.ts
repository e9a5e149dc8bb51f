import { diag, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { parseYaml, type ParsedYaml } from '../load/yaml-file.ts';

export interface SplitFile {
  /** YAML text of the frontmatter, preceded by one empty line so that YAML lines = file lines. */
  yaml?: string;
  /** The body with the frontmatter lines blanked: MDX positions = file positions. */
  body: string;
  /** 1-based line where the body starts. */
  bodyLine: number;
}

const FENCE = /^---[ \t]*$/;

/**
 * Split `---\nYAML\n---\nbody`. The body keeps one empty line per frontmatter line so that
 * positions reported by the MDX parser are positions in the file.
 */
export function splitFrontmatter(text: string): SplitFile {
  if (text.charCodeAt(0) === 0xfeff) text = ' ' + text.slice(1); // keep columns; a space is harmless
  const lines = text.split(/\n/);
  if (!FENCE.test(lines[0].replace(/\r$/, ''))) return { body: text, bodyLine: 1 };
  const close = lines.findIndex((l, i) => i > 0 && FENCE.test(l.replace(/\r$/, '')));
  if (close < 0) return { body: text, bodyLine: 1 };
  const yaml = '\n' + lines.slice(1, close).join('\n');
  const body = lines.map((l, i) => (i <= close ? '' : l)).join('\n');
  return { yaml, body, bodyLine: close + 2 };
}

/** Parse the frontmatter of `file`; diagnostics carry file positions. */
export function parseFrontmatter(file: string, split: SplitFile): { parsed?: ParsedYaml; diagnostics: Diagnostic[] } {
  if (split.yaml === undefined) {
    return {
      diagnostics: [
        diag('error', 'consigne-frontmatter-missing', 'En-tête YAML manquant : la fiche doit commencer par `---`', { file, line: 1, column: 1 },
          'placez les métadonnées (id, title, summary, …) entre deux lignes `---` au début du fichier.'),
      ],
    };
  }
  const { parsed, diagnostics } = parseYaml(file, split.yaml);
  return { parsed, diagnostics };
}
