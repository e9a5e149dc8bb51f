/**
 * Assemble the impact report of a change: two loaded registries (the base, e.g. a git ref,
 * and the head, the working tree), their fiches consignes and diagnostics → a `Review`.
 * Pure: no git, no printing.
 */
import { diag, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { severityRank, SEVERITY_INFO, type Change, type Severity, type SeverityOverrides } from '../diff/catalogue.ts';
import { diffVersions, summarize, type DiffResult } from '../diff/engine.ts';
import { countsLine } from '../diff/format.ts';
import { attributeJournal, journalChanges } from '../journal/index.ts';
import type { SourceSet } from '../load/registry.ts';
import type { LoadResult } from '../registry.ts';
import type { Registry, ResolvedVersion, Version } from '../model/types.ts';
import { rubriqueOfControl } from '../model/ids.ts';
import type { ConsignesResult } from '../consignes/load.ts';
import type { LoadedConsigne } from '../consignes/types.ts';
import type {
  CitedChange,
  ConsigneImpact,
  FailOn,
  JournalReview,
  MetaChange,
  Review,
  ReviewDiagnostic,
  VersionReview,
} from './types.ts';
import { plural, statusLabel } from '../text/labels.ts';

export interface ReviewSideInput {
  /** How the side is named in the report: the git ref (`origin/main`) or `copie de travail`. */
  label: string;
  /** Commit the ref resolved to, if any. */
  commit?: string;
  load: LoadResult;
  /** Fiches consignes loaded against this side's registry (absent: no `consignes/` folder). */
  consignes?: ConsignesResult;
}

export interface ReviewOptions {
  failOn?: FailOn | null;
  overrides?: SeverityOverrides;
}

/** Rules of the diagnostics that mean "this file's content was not loaded". */
const UNLOADED = (rule: string) => rule === 'schema' || rule === 'empty-file' || rule === 'file-unreadable' || rule.startsWith('yaml-');

function filesUnder(sources: SourceSet, dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const prefix = dir + '/';
  for (const [f, p] of sources.files) if (f.startsWith(prefix)) out.set(f, p.text);
  return out;
}

function allVersions(reg: Registry): Map<string, ResolvedVersion> {
  const m = new Map<string, ResolvedVersion>();
  for (const f of reg.families.values()) for (const v of f.versions.values()) m.set(v.key, v);
  return m;
}

/** Files of `v` whose content is missing from the model (syntax or schema errors). */
function unloadedFiles(load: LoadResult, v: ResolvedVersion): string[] {
  const loaded = new Set([...v.files.blocks.values(), ...v.files.datatypes.values()]);
  const out: string[] = [];
  for (const f of filesUnder(load.sources, v.dir).keys()) {
    if ((f.startsWith(`${v.dir}/blocks/`) || f.startsWith(`${v.dir}/datatypes/`)) && !loaded.has(f)) out.push(f);
  }
  const vf = `${v.dir}/version.yaml`;
  if (load.diagnostics.some((d) => d.severity === 'error' && d.file === vf && UNLOADED(d.rule))) out.push(vf);
  return out.sort();
}

function compareFiles(a: Map<string, string>, b: Map<string, string>) {
  const added: string[] = [];
  const modified: string[] = [];
  const removed: string[] = [];
  for (const [f, t] of b) {
    if (!a.has(f)) added.push(f);
    else if (a.get(f) !== t) modified.push(f);
  }
  for (const f of a.keys()) if (!b.has(f)) removed.push(f);
  return { added: added.sort(), modified: modified.sort(), removed: removed.sort() };
}

const same = (x: unknown, y: unknown) => JSON.stringify(x ?? null) === JSON.stringify(y ?? null);

function appText(a: Version['applicability']): string {
  if (!a) return 'aucune';
  return `${a.from} → ${a.to ?? 'sans fin'} (${a.source})`;
}

/** version.yaml changes that the content diff does not show. */
function metaChanges(a: Version, b: Version): MetaChange[] {
  const out: MetaChange[] = [];
  if (a.status !== b.status) out.push({ field: 'status', message: `statut : ${statusLabel(a.status)} → ${statusLabel(b.status)}` });
  if (a.name !== b.name) out.push({ field: 'name', message: `libellé : « ${a.name} » → « ${b.name} »` });
  if ((a.previous ?? null) !== (b.previous ?? null)) out.push({ field: 'previous', message: `version précédente : ${a.previous ?? 'aucune'} → ${b.previous ?? 'aucune'}` });
  if (!same(a.applicability, b.applicability)) out.push({ field: 'applicability', message: `applicabilité : ${appText(a.applicability)} → ${appText(b.applicability)}` });
  const ea = new Map((a.editions ?? []).map((e) => [e.id, e]));
  const eb = new Map((b.editions ?? []).map((e) => [e.id, e]));
  const addedEd = [...eb.values()].filter((e) => !ea.has(e.id));
  const removedEd = [...ea.values()].filter((e) => !eb.has(e.id));
  if (addedEd.length) out.push({ field: 'editions', message: `édition(s) ajoutée(s) : ${addedEd.map((e) => `${e.id} du ${e.date}`).join(', ')}` });
  if (removedEd.length) out.push({ field: 'editions', message: `édition(s) retirée(s) : ${removedEd.map((e) => e.id).join(', ')}` });
  if (!addedEd.length && !removedEd.length && !same(a.editions, b.editions)) out.push({ field: 'editions', message: 'éditions modifiées (dates, notes ou ordre)' });
  if (!same(a.usages, b.usages)) {
    out.push({
      field: 'usages',
      message: a.usages?.status !== b.usages?.status ? `tableau des usages : ${a.usages?.status} → ${b.usages?.status}` : 'natures de déclaration du tableau des usages modifiées',
    });
  }
  if (!same(a.activations, b.activations)) out.push({ field: 'activations', message: 'activations différées modifiées' });
  if (!same(a.provenance?.sources, b.provenance?.sources)) out.push({ field: 'provenance', message: 'sources officielles modifiées (réimportation des tables)' });
  return out;
}

// ---------------------------------------------------------------- fiches consignes

interface Citation {
  consigne: LoadedConsigne;
  versions: string[];
  source: string;
  /** For `<Valeur>`: the code cited, when resolved. */
  code?: string;
}

/** `family:id` → citations, from the current revision of each fiche (resolved or not). */
function citationIndex(consignes: readonly LoadedConsigne[]): Map<string, Citation[]> {
  const idx = new Map<string, Citation[]>();
  for (const c of consignes) {
    for (const r of c.current.references) {
      const key = `${c.family}:${r.id}`;
      const versions = r.pinned ? [r.pinned] : [...c.current.versions];
      const cit: Citation = { consigne: c, versions, source: r.source, ...(r.resolved?.code !== undefined ? { code: r.resolved.code } : {}) };
      idx.set(key, [...(idx.get(key) ?? []), cit]);
    }
  }
  return idx;
}

/** Element ids a fiche may cite that a change concerns, with the code for code values. */
function citedIdsOf(c: Change): Array<{ id: string; code?: string }> {
  switch (c.element) {
    case 'block':
    case 'rubrique':
      return [{ id: c.id }];
    case 'control':
      return [{ id: c.id }, { id: rubriqueOfControl(c.id) }];
    case 'usage':
      return [{ id: c.id.split('@')[0] }];
    case 'datatype':
      return [{ id: c.id }, ...(c.usedBy ?? []).map((id) => ({ id }))];
    case 'code-value': {
      const [owner, code] = c.id.split('#');
      return [{ id: owner, code }, ...(c.usedBy ?? []).map((id) => ({ id }))];
    }
  }
}

function consigneImpacts(versions: VersionReview[], consignes: readonly LoadedConsigne[]): ConsigneImpact[] {
  const idx = citationIndex(consignes);
  const byFiche = new Map<number, ConsigneImpact>();
  for (const vr of versions) {
    if (!vr.diff) continue;
    const concerned = new Set([vr.version]);
    if (vr.kind === 'added' && vr.comparedWith) concerned.add(vr.comparedWith.split('/')[1]);
    for (const c of vr.diff.changes) {
      for (const target of citedIdsOf(c)) {
        for (const cit of idx.get(`${vr.family}:${target.id}`) ?? []) {
          if (!cit.versions.some((v) => concerned.has(v))) continue;
          if (target.code !== undefined && cit.code !== undefined && cit.code !== target.code) continue;
          const f = cit.consigne;
          let imp = byFiche.get(f.id);
          if (!imp) {
            imp = { fiche: f.id, title: f.meta.title, file: f.file, status: f.meta.status, family: f.family, versions: [], severity: c.severity, cites: [] };
            byFiche.set(f.id, imp);
          }
          for (const v of cit.versions) if (!imp.versions.includes(v)) imp.versions.push(v);
          if (severityRank(c.severity) > severityRank(imp.severity)) imp.severity = c.severity;
          // One line per change: the first (most specific) cited id wins, e.g. the control over its rubrique.
          const existing = imp.cites.find((x) => x.version === vr.key && x.change.rule === c.rule && x.change.id === c.id);
          if (existing) {
            if (!existing.sources.includes(cit.source)) existing.sources.push(cit.source);
          } else {
            const cited: CitedChange = {
              version: vr.key,
              cited: target.id,
              sources: [cit.source],
              change: { rule: c.rule, severity: c.severity, element: c.element, id: c.id, message: c.message },
            };
            imp.cites.push(cited);
          }
        }
      }
    }
  }
  const out = [...byFiche.values()];
  for (const imp of out) {
    imp.cites.sort((a, b) => severityRank(b.change.severity) - severityRank(a.change.severity) || a.cited.localeCompare(b.cited) || a.change.id.localeCompare(b.change.id));
  }
  return out.sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.fiche - b.fiche);
}

// ---------------------------------------------------------------- journal

function journalReviews(key: string, b: ResolvedVersion | undefined, h: ResolvedVersion | undefined, baseLoad: LoadResult, headLoad: LoadResult): JournalReview[] {
  const out: JournalReview[] = [];
  const baseText = (f: string) => baseLoad.sources.files.get(f)?.text;
  const headText = (f: string) => headLoad.sources.files.get(f)?.text;
  const baseFiles = new Set((b?.journal ?? []).map((r) => r.file));
  if (h && h.journal.length) {
    const touched = h.journal.some((r) => !baseFiles.has(r.file) || baseText(r.file) !== headText(r.file));
    const steps = touched ? journalChanges(h) : [];
    h.journal.forEach((r, i) => {
      const kind = !baseFiles.has(r.file) ? 'added' : baseText(r.file) !== headText(r.file) ? 'modified' : undefined;
      if (!kind) return;
      const e = r.entry;
      out.push({ version: key, id: e.id, file: r.file, kind, title: e.title, entryKind: e.kind, edition: e.edition, date: e.date, applied: r.applied, changes: steps[i]?.changes ?? [] });
    });
  }
  const headFiles = new Set((h?.journal ?? []).map((r) => r.file));
  for (const r of b?.journal ?? []) {
    if (headFiles.has(r.file) || headLoad.sources.files.has(r.file)) continue;
    const e = r.entry;
    out.push({ version: key, id: e.id, file: r.file, kind: 'removed', title: e.title, entryKind: e.kind, edition: e.edition, date: e.date, applied: r.applied, changes: [] });
  }
  return out;
}

// ---------------------------------------------------------------- report

const diagKey = (d: Diagnostic) => `${d.severity}|${d.rule}|${d.file ?? ''}|${d.message}`;

/** Build the impact report of `head` against `base`. */
export function buildReview(base: ReviewSideInput, head: ReviewSideInput, opts: ReviewOptions = {}): Review {
  const failOn = opts.failOn ?? null;
  const bv = allVersions(base.load.registry);
  const hv = allVersions(head.load.registry);
  const keys = [...new Set([...bv.keys(), ...hv.keys()])].sort();
  const versions: VersionReview[] = [];
  const journal: JournalReview[] = [];
  const findings: Diagnostic[] = [];
  let unchanged = 0;

  for (const key of keys) {
    const b = bv.get(key);
    const h = hv.get(key);
    const bFiles = b ? filesUnder(base.load.sources, b.dir) : new Map<string, string>();
    const hFiles = h ? filesUnder(head.load.sources, h.dir) : new Map<string, string>();
    const files = compareFiles(bFiles, hFiles);
    if (b && h && !files.added.length && !files.modified.length && !files.removed.length) {
      unchanged++;
      continue;
    }
    const v = (h ?? b)!;
    const vr: VersionReview = {
      key,
      family: v.family,
      version: v.id,
      name: v.meta.name,
      kind: b && h ? 'modified' : h ? 'added' : 'removed',
      status: v.meta.status,
      meta: b && h ? metaChanges(b.meta, h.meta) : [],
      files,
    };
    if (b && h) {
      vr.comparedWith = key;
      vr.comparedAt = 'base';
      const broken = [...unloadedFiles(head.load, h), ...unloadedFiles(base.load, b).map((f) => `${f} (${base.label})`)];
      if (broken.length) {
        vr.note = `Comparaison non calculée : ${plural(broken.length, 'fichier illisible', 'fichiers illisibles')} (${broken.join(', ')}) ; corrigez les erreurs de validation ci-dessous.`;
      } else {
        vr.diff = attributeJournal(diffVersions(b, h, { overrides: opts.overrides, fromLabel: base.label, toLabel: head.label }), h);
      }
      if (b.meta.status !== 'draft') {
        const content = [...files.added, ...files.modified, ...files.removed].filter((f) => f.startsWith(`${v.dir}/blocks/`) || f.startsWith(`${v.dir}/datatypes/`));
        if (content.length) {
          findings.push(
            diag(
              'warning',
              'review-published-edited',
              `Version ${statusLabel(b.meta.status)} \`${key}\` modifiée hors journal : ${plural(content.length, 'fichier', 'fichiers')} de blocs ou de types changé${content.length > 1 ? 's' : ''}`,
              { file: content[0] },
              `une version publiée se corrige par une entrée du journal de maintenance (${v.dir}/journal/) ; seule une réimportation des tables officielles (npx norme import) réécrit ses fichiers.`,
            ),
          );
        }
      }
    } else if (h) {
      const prevId = h.meta.previous;
      const prev = prevId ? head.load.registry.families.get(h.family)?.versions.get(prevId) : undefined;
      const broken = unloadedFiles(head.load, h);
      if (prev && !broken.length) {
        vr.comparedWith = prev.key;
        vr.comparedAt = 'head';
        vr.diff = diffVersions(prev, h, { overrides: opts.overrides, toLabel: head.label });
      } else if (broken.length) {
        vr.note = `Comparaison non calculée : ${plural(broken.length, 'fichier illisible', 'fichiers illisibles')} (${broken.join(', ')}).`;
      } else {
        vr.note = `Nouvelle version sans version précédente : ${plural(h.blocks.size, 'bloc', 'blocs')}, ${plural(h.rubriques.size, 'rubrique', 'rubriques')}, ${plural(h.datatypes.size, 'type', 'types')} de données.`;
      }
    } else if (b) {
      vr.note = `Version supprimée : ${plural(b.blocks.size, 'bloc', 'blocs')}, ${plural(b.rubriques.size, 'rubrique', 'rubriques')} ne sont plus publiés.`;
      findings.push(
        diag('warning', 'review-version-removed', `Version ${statusLabel(b.meta.status)} \`${key}\` supprimée du registre`, { file: `${b.dir}/version.yaml` },
          'une version publiée ne se supprime pas : passez-la en `status: retired` pour la retirer.'),
      );
    }
    versions.push(vr);
    journal.push(...journalReviews(key, b, h, base.load, head.load));
  }

  const consignes = head.consignes ? consigneImpacts(versions, head.consignes.consignes) : [];

  // Diagnostics: every error; warnings and infos only when new since the base.
  const baseKeys = new Set([...base.load.diagnostics, ...(base.consignes?.diagnostics ?? [])].map(diagKey));
  // Errors first; the registry's before the fiches' (a broken norm file makes the fiches citing it fail too).
  const rank = (d: Diagnostic) => (d.severity === 'error' ? 0 : 2) + (d.file?.startsWith('norm/') ? 0 : 1);
  const all = sortDiagnostics([...head.load.diagnostics, ...(head.consignes?.diagnostics ?? []), ...findings]).sort((a, b) => rank(a) - rank(b));
  const diagnostics: ReviewDiagnostic[] = [];
  let preexisting = 0;
  for (const d of all) {
    const isNew = !baseKeys.has(diagKey(d));
    if (d.severity === 'error' || isNew) diagnostics.push({ ...d, new: isNew });
    else preexisting++;
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;

  const changes = versions.flatMap((v) => v.diff?.changes ?? []);
  const summaryChanges = summarize(changes);
  const count = (k: VersionReview['kind']) => versions.filter((v) => v.kind === k).length;
  const jcount = (k: JournalReview['kind']) => journal.filter((j) => j.kind === k).length;

  const reasons: string[] = [];
  if (errors) reasons.push(`${plural(errors, 'erreur', 'erreurs')} de validation`);
  if (failOn) {
    const over = changes.filter((c) => severityRank(c.severity) >= severityRank(failOn));
    if (over.length) reasons.push(`${plural(over.length, 'changement', 'changements')} de gravité « ${SEVERITY_INFO[failOn].label} » ou plus (--fail-on ${failOn})`);
  }
  const failed = reasons.length > 0;

  // The one-line verdict.
  const parts: string[] = [];
  if (errors) parts.push(`${plural(errors, 'erreur', 'erreurs')} de validation`);
  else parts.push('validation sans erreur');
  parts.push(countsLine(changes));
  if (count('added')) parts.push(plural(count('added'), 'nouvelle version', 'nouvelles versions') + ` (${versions.filter((v) => v.kind === 'added').map((v) => v.key).join(', ')})`);
  if (count('removed')) parts.push(plural(count('removed'), 'version supprimée', 'versions supprimées'));
  if (jcount('added')) parts.push(plural(jcount('added'), 'entrée de journal ajoutée', 'entrées de journal ajoutées'));
  if (consignes.length) parts.push(plural(consignes.length, 'fiche consigne à revoir', 'fiches consignes à revoir'));
  const risky = summaryChanges.bySeverity.breaking + summaryChanges.bySeverity.warning > 0 || count('removed') > 0 || warnings > 0;
  const icon = failed ? '❌' : risky ? '⚠️' : '✅';
  const head0 = errors ? 'À corriger' : failed ? `Bloquant (--fail-on ${failOn})` : risky ? 'À relire' : versions.length ? 'Prêt' : 'Aucun changement de la norme';
  const verdict = `${icon} ${head0} : ${parts.join(' ; ')}.`;

  return {
    base: { label: base.label, ...(base.commit ? { commit: base.commit } : {}) },
    head: { label: head.label },
    failOn,
    failed,
    reasons,
    verdict,
    summary: {
      versions: { added: count('added'), modified: count('modified'), removed: count('removed'), unchanged },
      changes: summaryChanges,
      journal: { added: jcount('added'), modified: jcount('modified'), removed: jcount('removed') },
      fiches: consignes.length,
      errors,
      warnings,
    },
    versions,
    journal,
    consignes,
    diagnostics,
    preexisting,
  };
}

export type { DiffResult, Severity };
