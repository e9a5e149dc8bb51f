/**
 * Text cleaning of official table cells, with a per-version log of what was changed
 * (written to `provenance.cleanups` of version.yaml).
 */
import type { Cell } from './sheet.ts';

export interface Cleanup {
  kind: string;
  count: number;
  description: string;
  examples?: string[];
}

/** French descriptions of every cleanup kind, in output order. */
export const CLEANUP_KINDS: Record<string, string> = {
  'fins-de-ligne':
    "Retours chariot (CR) supprimés : fins de ligne CRLF converties en LF ; un CR isolé (par ex. dans CR CR LF), qu'Excel n'affiche pas comme un saut de ligne, est supprimé ; compte : valeurs modifiées.",
  'echappements-x000D':
    "Séquences d'échappement Excel `_x000D_` (retour chariot) supprimées, comme les CR : `_x000D_` suivi d'un saut de ligne donne un saut de ligne simple ; compte : valeurs modifiées.",
  'caracteres-invisibles':
    'Caractères invisibles supprimés (U+200B espace sans chasse, U+200C, U+200D, U+2060, U+FEFF) ; compte : valeurs modifiées.',
  'espaces-superflus':
    'Espaces (y compris insécables et tabulations) supprimés en début et fin de valeur ; compte : valeurs modifiées.',
  'espaces-fin-de-ligne': 'Espaces supprimés en fin de ligne dans les textes sur plusieurs lignes ; compte : valeurs modifiées.',
  'numero-rubrique': 'Numéros de rubrique saisis comme nombres complétés à 3 chiffres (1 → 001).',
  'identifiant-controle':
    "Identifiants de contrôle irréguliers normalisés en `<rubrique>/<FAMILLE>-<nn>` (ex. `CCH14` → `CCH-14`, `CCH -11` → `CCH-11`) ; l'identifiant d'origine est conservé dans `rawId`.",
  'blocs-en-tete':
    "Blocs d'en-tête créés à partir de la feuille Header (ils sont absents de la feuille Blocks) : `header: true` ; S10.G00.00 et S90.G00.90 sans parent et de cardinalité 1..1, S20.G00.05 rattaché à S10.G00.00 avec la cardinalité 1..* ; parents et cardinalités inférés (`source: inférée`).",
  'cardinalites-inferees':
    "Cardinalité absente de la feuille des blocs (pas de colonnes lowerBound/upperBound) : 0..* par défaut, marquée `source: inférée` (aucune contrainte n'est déduite).",
  'colonne-nature':
    "Feuille des types sans colonne Nature : la colonne Name contient la nature (Alphanumeric, Enumeration…) et a été lue comme telle ; ces types n'ont pas de libellé distinct.",
  'valeurs-enumeration': 'Colonne Values découpée en valeurs `code=libellé` (séparateur `;`, code avant le premier `=`) ; compte : valeurs produites.',
  'libelles-avec-separateur':
    "Libellés de valeur contenant `;` ou `=` : le `;` n'est pris comme séparateur que s'il est suivi d'un code et d'un `=`.",
  'controles-orphelins':
    "Contrôles de la feuille Messages dont la rubrique n'existe pas dans la feuille Fields : ils ne peuvent être rattachés et sont absents du registre.",
};

const MAX_EXAMPLES = 3;

export class CleanupLog {
  private counts = new Map<string, number>();
  private examples = new Map<string, string[]>();

  record(kind: string, example?: string, count = 1): void {
    if (!(kind in CLEANUP_KINDS)) throw new Error(`unknown cleanup kind ${kind}`);
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + count);
    if (example !== undefined) {
      const ex = this.examples.get(kind) ?? [];
      if (ex.length < MAX_EXAMPLES && !ex.includes(example)) ex.push(example);
      this.examples.set(kind, ex);
    }
  }

  count(kind: string): number {
    return this.counts.get(kind) ?? 0;
  }

  /** Cleanups with a non-zero count, in the fixed order of CLEANUP_KINDS. */
  toArray(): Cleanup[] {
    const out: Cleanup[] = [];
    for (const [kind, description] of Object.entries(CLEANUP_KINDS)) {
      const count = this.counts.get(kind);
      if (!count) continue;
      const c: Cleanup = { kind, count, description };
      const ex = this.examples.get(kind);
      if (ex && ex.length) c.examples = ex;
      out.push(c);
    }
    return out;
  }
}

const INVISIBLE = /[\u200B\u200C\u200D\u2060\uFEFF]/;
const INVISIBLE_ALL = /[\u200B\u200C\u200D\u2060\uFEFF]/g;
// JS \s covers space, tab, NBSP (U+00A0), U+202F and the other Unicode spaces.
const TRAILING_LINE_SPACES = /[^\S\n]+\n/;
const TRAILING_LINE_SPACES_ALL = /[^\S\n]+\n/g;

/**
 * Cleans one cell. `where` names the element for the cleanup examples
 * (e.g. `S21.G00.40.005 (description)`). Returns '' for empty cells.
 */
export function cleanText(value: Cell, where: string, log: CleanupLog): string {
  if (value === null) return '';
  let s = typeof value === 'number' ? String(value) : value;
  if (s.includes('_x000D_')) {
    // `_x000D_` is an escaped CR: treated like one (see below).
    s = s.replace(/_x000D_/g, '');
    log.record('echappements-x000D', where);
  }
  if (s.includes('\r')) {
    // Excel only breaks lines on LF: CRLF becomes LF and a lone CR (e.g. in CR CR LF) is invisible.
    s = s.replace(/\r/g, '');
    log.record('fins-de-ligne', where);
  }
  if (INVISIBLE.test(s)) {
    s = s.replace(INVISIBLE_ALL, '');
    log.record('caracteres-invisibles', where);
  }
  const trimmed = s.trim();
  if (trimmed !== s) {
    log.record('espaces-superflus', where);
    s = trimmed;
  }
  if (TRAILING_LINE_SPACES.test(s)) {
    s = s.replace(TRAILING_LINE_SPACES_ALL, '\n');
    log.record('espaces-fin-de-ligne', where);
  }
  return s;
}
