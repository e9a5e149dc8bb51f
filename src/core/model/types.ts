/**
 * The resolved, in-memory model. Persisted shapes come from the JSON Schemas
 * (schema-types.ts, generated); this file only adds the links between them.
 */
import type { Block, Control, Datatype, Family, JournalEntry, Rubrique, Version } from './schema-types.ts';

export type {
  Block,
  Control,
  Datatype,
  Family,
  Rubrique,
  Version,
  JournalEntry,
  JournalOperation,
  UsageCode,
  Edition,
  Source,
  Cleanup,
  YearMonth,
  IsoDate,
} from './schema-types.ts';

/** Where an element was defined: file relative to the project root, 1-based line and column. */
export interface Loc {
  file: string;
  line: number;
  column: number;
}

export interface RubriqueEntry {
  rubrique: Rubrique;
  block: Block;
  /** Index of the rubrique in its block's `rubriques` array. */
  index: number;
}

export interface ControlEntry {
  control: Control;
  rubrique: Rubrique;
  block: Block;
}

export interface ResolvedVersion {
  family: string;
  id: string;
  /** `dsn/P26V01` */
  key: string;
  meta: Version;
  /** Directory relative to the project root, e.g. `norm/dsn/P26V01`. */
  dir: string;
  /** Blocks in tree order (parents before children, siblings by id). */
  blocks: Map<string, Block>;
  rubriques: Map<string, RubriqueEntry>;
  datatypes: Map<string, Datatype>;
  controls: Map<string, ControlEntry>;
  /** File that defines each block / datatype (relative path). */
  files: { blocks: Map<string, string>; datatypes: Map<string, string> };
  /** Maintenance-journal entries (issue #3), in application order (edition, date, id). */
  journal: JournalRecord[];
  /**
   * The version as its files describe it (first edition), before the journal entries were
   * applied. Set only when the journal is non-empty; see `versionAtEdition`.
   */
  base?: ResolvedVersion;
}

/** A loaded maintenance-journal entry. */
export interface JournalRecord {
  entry: JournalEntry;
  /** File relative to the project root. */
  file: string;
  /** False when one of its operations failed: the entry is then not applied at all. */
  applied: boolean;
}

export interface ResolvedFamily {
  id: string;
  meta: Family;
  file: string;
  /** Versions ordered from oldest to newest (by `previous` chain, then id). */
  versions: Map<string, ResolvedVersion>;
}

export interface Registry {
  /** Project root (absolute). Not serialised. */
  root: string;
  families: Map<string, ResolvedFamily>;
}
