/**
 * `norme version new`: plan a draft version copied from a previous one. Pure: returns the
 * files to write ({path: content}, paths relative to the project root); the CLI writes them.
 *
 * The draft holds the content of the previous version *as loaded* (base files plus its
 * maintenance journal), so that `diffVersions(previous, draft)` is empty. Files the journal did
 * not touch are copied byte for byte; the others are re-serialised from the loaded model.
 * The journal itself is not copied: its effect is already in the content, and the draft has no
 * edition yet.
 */
import { isMap, isSeq, parseDocument, stringify } from 'yaml';
import type { Diagnostic } from './diagnostics/diagnostic.ts';
import type { LoadResult } from './registry.ts';
import type { ResolvedFamily, ResolvedVersion, Version } from './model/types.ts';
import { resolveVersionRef, type Lookup } from './query.ts';
import { nextMonth } from './month.ts';
import { loadSchema, orderBySchema, schemaPathFor, YAML_OPTIONS } from './import/emit.ts';

export interface NewVersionRequest {
  family: string;
  /** New version id, e.g. `P28V01`. */
  id: string;
  /** Previous version: `P27V01` or `dsn/P27V01` (same family). */
  from: string;
  /** Label (`name`); default `Projet <id> (à partir de <previous>)`. */
  name?: string;
  /** Today (YYYY-MM-DD), written in the provenance note. */
  date: string;
  /** Registry folder relative to the root (default `norm`). */
  normDir?: string;
}

export interface NewVersionPlan {
  /** `dsn/P28V01` */
  key: string;
  /** `norm/dsn/P28V01` */
  dir: string;
  previous: ResolvedVersion;
  /** Files to create, relative to the project root, in a stable order. */
  files: Record<string, string>;
  /** The applicability written, or null when left out (see notes). */
  applicability: Version['applicability'] | null;
  /** What was decided, in French (printed by the CLI, also summarised in provenance.note). */
  notes: string[];
  counts: { blocks: number; datatypes: number; reserialised: number };
}

export type PlanResult = Lookup<NewVersionPlan> & { diagnostics?: Diagnostic[] };

const VERSION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** Keys that describe a change relative to the previous version: they do not carry over. */
const REVISION_KEYS = ['rationale', 'renamedFrom'] as const;

function firstLineHint(text: string | undefined): string | undefined {
  const line = text?.split('\n', 1)[0];
  return line && /^#\s*yaml-language-server:\s*\$schema=/.test(line) ? line : undefined;
}

/** Drop `rationale` / `renamedFrom` from a block (and its rubriques) or a datatype, keeping comments and layout. */
function stripRevisionKeys(text: string): string {
  if (!/^\s*(-\s+)?(rationale|renamedFrom)\s*:/m.test(text)) return text;
  const doc = parseDocument(text, { keepSourceTokens: false });
  const root = doc.contents;
  if (!isMap(root)) return text;
  for (const k of REVISION_KEYS) root.delete(k);
  const rubriques = root.get('rubriques');
  if (isSeq(rubriques)) for (const r of rubriques.items) if (isMap(r)) for (const k of REVISION_KEYS) r.delete(k);
  return doc.toString({ lineWidth: 0 });
}

function withoutRevisionKeys<T extends object>(value: T): T {
  const copy = structuredClone(value) as Record<string, unknown>;
  for (const k of REVISION_KEYS) delete copy[k];
  if (Array.isArray(copy.rubriques)) {
    for (const r of copy.rubriques as Record<string, unknown>[]) for (const k of REVISION_KEYS) delete r[k];
  }
  return copy as T;
}

function serialise(value: unknown, schema: 'block' | 'datatype' | 'version', hint: string): string {
  const root = loadSchema(schema);
  return `${hint}\n${stringify(orderBySchema(value, root, root), YAML_OPTIONS)}`;
}

const json = (x: unknown) => JSON.stringify(x);

/**
 * Months the other versions of the family cover, as [from, to|undefined]; used to decide whether
 * the draft can start the month after its previous version without overlapping another one.
 */
function overlapsOthers(fam: ResolvedFamily, from: string): ResolvedVersion | undefined {
  for (const v of fam.versions.values()) {
    const app = v.meta.applicability;
    if (!app) continue;
    // The draft would cover [from, ∞): any version still applying at or after `from` overlaps.
    if (!app.to || app.to >= from || app.from >= from) return v;
  }
  return undefined;
}

/** Plan the files of a new draft version `family/id` copied from `from`. */
export function planNewVersion(load: LoadResult, req: NewVersionRequest): PlanResult {
  const normDir = req.normDir ?? 'norm';
  const { registry, sources } = load;
  if (!VERSION_ID.test(req.id)) {
    return { ok: false, error: `identifiant de version invalide « ${req.id} »`, hint: 'lettres, chiffres, « . », « _ » ou « - », ex. P28V01.' };
  }
  const fam = registry.families.get(req.family);
  if (!fam) {
    return { ok: false, error: `famille inconnue « ${req.family} »`, hint: `familles : ${[...registry.families.keys()].join(', ') || '(aucune)'}` };
  }
  if (fam.versions.has(req.id)) {
    return { ok: false, error: `la version ${req.family}/${req.id} existe déjà (norm/${req.family}/${req.id}/) : elle n'est pas écrasée`, hint: 'choisissez un autre identifiant, ou modifiez directement la version existante.' };
  }
  const fromRef = req.from.includes('/') ? req.from : `${req.family}/${req.from}`;
  const found = resolveVersionRef(registry, fromRef);
  if (!found.ok) return found;
  const prev = found.value;
  if (prev.family !== req.family) {
    return { ok: false, error: `la version précédente ${prev.key} n'est pas de la famille ${req.family}` };
  }
  const prevErrors = load.diagnostics.filter((d) => d.severity === 'error' && d.file !== undefined && (d.file === prev.dir || d.file.startsWith(prev.dir + '/')));
  if (prevErrors.length) {
    return {
      ok: false,
      error: `la version ${prev.key} contient ${prevErrors.length} erreur(s) : corrigez-la avant de la copier`,
      hint: `npx norme validate --only ${prev.key}`,
      diagnostics: prevErrors,
    };
  }

  const dir = `${normDir}/${req.family}/${req.id}`;
  const files: Record<string, string> = {};
  const notes: string[] = [];
  const textOf = (rel: string) => sources.files.get(rel)?.text;
  const newPath = (rel: string) => dir + rel.slice(prev.dir.length);
  const hintFor = (rel: string, schema: 'block' | 'datatype' | 'version') =>
    firstLineHint(textOf(rel)) ?? `# yaml-language-server: $schema=${schemaPathFor(newPath(rel).slice(normDir.length + 1), '../src/core/schemas', schema)}`;

  // Blocks and datatypes: byte-for-byte copies, unless the journal changed them.
  const base = prev.base;
  let reserialised = 0;
  let stripped = 0;
  const copy = <T extends object>(kind: 'block' | 'datatype', value: T, rel: string, baseValue: T | undefined) => {
    const text = textOf(rel);
    let out: string;
    if (text !== undefined && (!base || json(baseValue) === json(value))) {
      out = stripRevisionKeys(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
      if (out !== text) stripped++;
    } else {
      out = serialise(withoutRevisionKeys(value), kind, hintFor(rel, kind));
      reserialised++;
    }
    files[newPath(rel)] = out;
  };
  for (const [id, b] of prev.blocks) copy('block', b, prev.files.blocks.get(id)!, base?.blocks.get(id));
  for (const [id, t] of prev.datatypes) copy('datatype', t, prev.files.datatypes.get(id)!, base?.datatypes.get(id));

  // Applicability: the month after the previous version's end, when that overlaps no other version.
  const pa = prev.meta.applicability;
  let applicability: Version['applicability'] | null = null;
  if (pa?.to) {
    const from = nextMonth(pa.to);
    const clash = overlapsOthers(fam, from);
    if (!clash) {
      applicability = {
        from,
        source: 'inférée',
        note: `projet : mois qui suit la fin d'applicabilité de ${prev.id} (${pa.to}) ; à confirmer par le texte officiel`,
      };
      notes.push(`applicabilité : à partir de ${from} (mois qui suit la fin de ${prev.id}), « inférée », sans fin.`);
    } else {
      notes.push(`applicabilité non renseignée : à partir de ${from} elle chevaucherait celle de ${clash.id} ; ajoutez-la quand les mois sont connus.`);
    }
  } else if (pa) {
    notes.push(
      `applicabilité non renseignée : ${prev.id} s'applique sans fin connue (depuis ${pa.from}) ; une date de début ferait chevaucher les deux versions. ` +
        `Quand le texte officiel fixe les mois, renseignez \`applicability\` ici et \`applicability.to\` dans ${prev.id}.`,
    );
  } else {
    notes.push(`applicabilité non renseignée : ${prev.id} n'en a pas.`);
  }
  if (prev.meta.activations?.length) {
    notes.push(`${prev.meta.activations.length} activation(s) différée(s) de ${prev.id} non reprise(s) : elles datent la version précédente.`);
  }
  const applied = prev.journal.filter((r) => r.applied).length;
  const lastEdition = prev.meta.editions?.[prev.meta.editions.length - 1]?.id;
  if (applied) notes.push(`contenu de ${prev.id} avec ses ${applied} entrée(s) de journal appliquée(s) ; le dossier journal/ n'est pas copié.`);
  if (reserialised) notes.push(`${reserialised} fichier(s) modifié(s) par le journal réécrit(s) depuis le modèle ; les autres sont copiés tels quels.`);
  if (stripped) notes.push(`${stripped} fichier(s) sans leurs annotations \`rationale\` / \`renamedFrom\` (elles décrivent l'écart avec la version d'avant ${prev.id}).`);

  const provenanceNote =
    `Brouillon créé le ${req.date} par \`norme version new\` à partir de ${prev.key}` +
    (lastEdition ? ` (édition ${lastEdition}${applied ? `, journal appliqué` : ''})` : '') +
    ` : blocs et types de données copiés. Aucune source officielle tant que la version est en projet.` +
    (applicability ? '' : ` Applicabilité non renseignée : ${pa?.to ? 'elle chevaucherait une autre version' : `${prev.id} n'a pas de fin d'applicabilité`}.`);
  const meta: Record<string, unknown> = {
    id: req.id,
    family: req.family,
    name: req.name ?? `Projet ${req.id} (à partir de ${prev.id})`,
    status: 'draft',
    previous: prev.id,
    example: prev.meta.example,
    editions: [],
    applicability: applicability ?? undefined,
    usages: { ...structuredClone(prev.meta.usages), ...(prev.meta.usages.status === 'publié' ? { source: `copiés de ${prev.id}${prev.meta.usages.source ? ` (${prev.meta.usages.source})` : ''}` } : {}) },
    provenance: { sources: [], note: provenanceNote },
  };
  const vRel = `${prev.dir}/version.yaml`;
  files[`${dir}/version.yaml`] = serialise(meta, 'version', hintFor(vRel, 'version'));

  const sorted: Record<string, string> = {};
  for (const k of Object.keys(files).sort()) sorted[k] = files[k];
  return {
    ok: true,
    value: {
      key: `${req.family}/${req.id}`,
      dir,
      previous: prev,
      files: sorted,
      applicability,
      notes,
      counts: { blocks: prev.blocks.size, datatypes: prev.datatypes.size, reserialised },
    },
  };
}
