/**
 * Fiches consignes: the resolved, in-memory shapes. The persisted frontmatter comes
 * from consigne.schema.json (ConsigneMeta, generated); this file adds what loading computes.
 */
import type { Root } from 'mdast';
import type { ConsigneMeta, ConsigneTheme, Organisme, RevisionEntry } from '../model/schema-types.ts';
import type { Loc } from '../model/types.ts';
import type { ElementKind } from '../query.ts';

export type { ConsigneMeta, ConsigneTheme, Organisme, RevisionEntry };

/** Components a fiche may use. Anything else is rejected (`consigne-component-forbidden`). */
export type ReferenceComponent = 'Rubrique' | 'Bloc' | 'Controle' | 'Type' | 'Valeur' | 'Fiche';
export type CalloutComponent = 'Exemple' | 'Note' | 'Attention';
export type AllowedComponent = ReferenceComponent | CalloutComponent;

/** A reference to the norm, resolved against the registry. */
export interface ResolvedRef {
  family: string;
  /** Version whose page the link points to: the pinned one, else the newest applicable version holding the element. */
  version: string;
  kind: ElementKind;
  /** Element id (for a code value: the datatype id). */
  id: string;
  /** For `<Valeur type="…" code="…"/>`: the code. */
  code?: string;
  /** Name of the element (or label of the code) in `version`. */
  label?: string;
  /** Parent block, for rubriques (pages are per block). */
  block?: string;
  /** Every version checked that holds the element (oldest first). */
  versions: string[];
}

/** Where a reference was written. */
export type ReferenceSource = 'texte' | 'en-tête' | 'exemple DSN';

export interface ConsigneReference {
  source: ReferenceSource;
  /** `Rubrique`, `Bloc`, … ; `elements` for the frontmatter list; `dsn` for a line of a ```dsn block. */
  component: string;
  id: string;
  /** `version="P26V01"` pins the reference to one version. */
  pinned?: string;
  loc: Loc;
  /** Undefined when the reference could not be resolved (a diagnostic says why). */
  resolved?: ResolvedRef;
}

/** A link from a fiche to another fiche (`<Fiche id="9002"/>`). */
export interface ConsigneLink {
  id: number;
  loc: Loc;
  /** Title of the target fiche, when it exists. */
  title?: string;
}

export interface ConsigneRevision {
  consigne: number;
  revision: number;
  /** ISO dates. */
  published: string;
  applies: string;
  /** What changed in this revision (French, one or two sentences). */
  changes: string;
  title: string;
  /** Norm versions this revision targets (ids within the fiche's family). */
  versions: string[];
  current: boolean;
  /** File holding the text, relative to the project root. */
  file: string;
  /** MDX text of the revision (frontmatter removed). */
  source: string;
  /**
   * The parsed text (mdast). Reference and `Fiche` nodes carry `data.norme` (resolved target).
   * Only allowlisted constructs are ever rendered; rejected ones also produce error diagnostics.
   */
  tree?: Root;
  references: ConsigneReference[];
  links: ConsigneLink[];
}

export interface LoadedConsigne {
  id: number;
  meta: ConsigneMeta;
  family: string;
  /** `consignes/9001` */
  dir: string;
  /** `consignes/9001/fiche.mdx` */
  file: string;
  /** Oldest first; the last one is the current revision. */
  revisions: ConsigneRevision[];
  current: ConsigneRevision;
  /** Elements cited by the current revision (text, frontmatter `elements`, DSN examples), deduplicated. */
  cites: ResolvedRef[];
}

export interface ConsigneCitation {
  consigne: number;
  /** Versions (of the element's family) in which the fiche cites the element. */
  versions: string[];
  /** Where: text, frontmatter, DSN example. */
  sources: ReferenceSource[];
}

export interface ConsigneIndex {
  byId: Map<number, LoadedConsigne>;
  /** `dsn:S21.G00.40.007` → fiches citing it (current revisions), by fiche id. */
  citations: Map<string, ConsigneCitation[]>;
  /** Theme → fiche ids. */
  byTheme: Map<string, number[]>;
  /** Organisme → fiche ids. */
  byOrganisme: Map<string, number[]>;
}
