/**
 * Load the fiches consignes: `consignes/<id>/fiche.mdx` (metadata + current text) and
 * `consignes/<id>/revisions/<n>.mdx` (the text of each earlier revision, frozen).
 *
 * Two phases, as in remark-validate-links: each fiche is parsed and checked on its own, then
 * one pass resolves what crosses fiches (replacements, `<Fiche>` links, duplicate ids).
 */
import path from 'node:path';
import { diag, didYouMean, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { at, lazyAt, type ParsedYaml } from '../load/yaml-file.ts';
import { validateAgainst } from '../load/schemas.ts';
import { isIsoDate } from '../check/dates.ts';
import type { Loc, Registry, ResolvedFamily, ResolvedVersion } from '../model/types.ts';
import { listFicheFolder, readFicheText, type FolderListing } from './files.ts';
import { checkMdx, type CheckedMdx, type ComponentUse, type MdxNode } from './mdx.ts';
import { parseFrontmatter, splitFrontmatter } from './frontmatter.ts';
import { kindOfId } from '../model/ids.ts';
import { KIND_COMPONENT, resolveCode, resolveElement, type RefContext } from './references.ts';
import { rubriqueValueProblem } from '../check/rubrique-value.ts';
import type {
  ConsigneCitation,
  ConsigneIndex,
  ConsigneMeta,
  ConsigneReference,
  ConsigneRevision,
  LoadedConsigne,
  ReferenceSource,
  ResolvedRef,
} from './types.ts';

export interface LoadConsignesOptions {
  /** Folder of the fiches, relative to root (default `consignes`). */
  dir?: string;
}

export interface ConsignesResult {
  /** Fiches whose frontmatter is valid, by id. Fiches with body errors are included (with diagnostics). */
  consignes: LoadedConsigne[];
  index: ConsigneIndex;
  diagnostics: Diagnostic[];
}

const REF_KIND = { Rubrique: 'rubrique', Bloc: 'block', Controle: 'control', Type: 'datatype' } as const;

interface Draft {
  consigne: LoadedConsigne;
  parsed: ParsedYaml;
  ctx?: RefContext;
  /** Per revision: the checked text, and the context its references are checked in. */
  texts: Array<{ rev: ConsigneRevision; checked: CheckedMdx; ctx?: RefContext }>;
}

export function loadConsignes(root: string, registry: Registry, opts: LoadConsignesOptions = {}): ConsignesResult {
  const dirRel = opts.dir ?? 'consignes';
  const base = path.join(root, dirRel);
  const diagnostics: Diagnostic[] = [];
  const drafts: Draft[] = [];
  /** Ids declared by fiches whose frontmatter failed: no cascading "unknown fiche" errors. */
  const brokenIds = new Set<number>();

  const top = listFicheFolder(base, dirRel);
  diagnostics.push(...top.diagnostics);
  for (const name of top.dirs) {
    const dir = `${dirRel}/${name}`;
    if (!/^[1-9][0-9]*$/.test(name)) {
      diagnostics.push(diag('error', 'consigne-folder-name', `Dossier \`${dir}/\` : le nom d'un dossier de fiche est son numéro (ex. \`${dirRel}/9001/\`)`, { file: dir },
        'renommez le dossier avec le numéro (`id`) de la fiche.'));
      continue;
    }
    const file = `${dir}/fiche.mdx`;
    const inside = listFicheFolder(path.join(base, name), dir);
    diagnostics.push(...inside.diagnostics);
    const read = readFicheText(path.join(root, file), file);
    if ('missing' in read) {
      diagnostics.push(diag('error', 'consigne-fiche-missing', `Le dossier \`${dir}/\` n'a pas de fichier \`fiche.mdx\``, { file: dir }, 'ajoutez fiche.mdx (en-tête YAML + texte de la révision courante).'));
      continue;
    }
    if ('diagnostic' in read) {
      diagnostics.push(read.diagnostic);
      brokenIds.add(Number(name));
      continue;
    }
    const d = loadOne(root, registry, dirRel, name, read.text, inside, diagnostics, brokenIds);
    if (d) drafts.push(d);
  }

  // Phase 2: what crosses fiches.
  const byId = new Map<number, Draft>();
  for (const d of drafts) {
    const id = d.consigne.id;
    const prev = byId.get(id);
    if (prev) {
      diagnostics.push(diag('error', 'consigne-duplicate-id', `Fiche n° ${id} définie deux fois (déjà dans \`${prev.consigne.file}\`)`, at(d.parsed, ['id']),
        'chaque fiche a un numéro unique, égal au nom de son dossier.'));
      continue;
    }
    byId.set(id, d);
  }

  for (const d of byId.values()) {
    const c = d.consigne;
    // Replacement.
    if (c.meta.replacedBy !== undefined && c.meta.status === 'remplacée') {
      const target = c.meta.replacedBy;
      if (!byId.has(target) && !brokenIds.has(target)) {
        diagnostics.push(diag('error', 'consigne-replaced-by-unknown', `Fiche de remplacement n° ${target} inconnue`, at(d.parsed, ['replacedBy']),
          'indiquez le numéro d\'une fiche existante dans `replacedBy`.'));
      } else {
        const chain = [c.id];
        let cur: number | undefined = target;
        while (cur !== undefined && byId.has(cur) && !chain.includes(cur)) {
          chain.push(cur);
          const m: ConsigneMeta = byId.get(cur)!.consigne.meta;
          cur = m.status === 'remplacée' ? m.replacedBy : undefined;
        }
        if (cur !== undefined && chain.includes(cur) && cur === c.id) {
          diagnostics.push(diag('error', 'consigne-replacement-cycle', `Remplacement circulaire : ${[...chain, cur].map((n) => `n° ${n}`).join(' → ')}`, at(d.parsed, ['replacedBy']),
            'une fiche ne peut pas être remplacée, même indirectement, par elle-même.'));
        }
      }
    }
    // References and links, per revision.
    for (const { rev, checked, ctx } of d.texts) {
      for (const use of checked.components) resolveUse(use, rev, ctx, byId, brokenIds, diagnostics);
      if (ctx) resolveDsn(checked, rev, ctx, diagnostics);
    }
    // Frontmatter `elements` (checked against the current versions).
    if (d.ctx) {
      (c.meta.elements ?? []).forEach((id, i) => {
        const loc = lazyAt(d.parsed, ['elements', i]);
        const r = resolveElement(d.ctx!, { id, loc, how: (x, v) => `<${KIND_COMPONENT[kindOfId(x)]} id="${x}"${v ? ` version="${v}"` : ''}/>` });
        diagnostics.push(...r.diagnostics);
        c.current.references.push({ source: 'en-tête', component: 'elements', id, loc, ...(r.resolved ? { resolved: r.resolved } : {}) });
      });
    }
    c.cites = dedupe(c.current.references);
  }

  const consignes = [...byId.values()].map((d) => d.consigne).sort((a, b) => a.id - b.id);
  return { consignes, index: buildIndex(consignes), diagnostics: sortDiagnostics(unique(diagnostics)) };
}

/** A symbolic link seen both in its folder's listing and when read is reported once. */
function unique(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const k = `${d.file}:${d.line}:${d.column}:${d.rule}:${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function loadOne(
  root: string, registry: Registry, dirRel: string, name: string, text: string, inside: FolderListing, diagnostics: Diagnostic[], brokenIds: Set<number>,
): Draft | undefined {
  const dir = `${dirRel}/${name}`;
  const file = `${dir}/fiche.mdx`;
  const split = splitFrontmatter(text);
  const fm = parseFrontmatter(file, split);
  diagnostics.push(...fm.diagnostics);
  const parsed = fm.parsed;
  if (!parsed || fm.diagnostics.length) {
    brokenIds.add(Number(name));
    return undefined;
  }
  if (parsed.value === null || parsed.value === undefined) {
    diagnostics.push(diag('error', 'consigne-frontmatter-missing', 'En-tête YAML vide', { file, line: 1, column: 1 }, 'renseignez id, title, summary, themes, family, versions, status, example et revisions.'));
    brokenIds.add(Number(name));
    return undefined;
  }
  const schema = validateAgainst(parsed, 'consigne').map((x) => ({ ...x, rule: 'consigne-schema' }));
  if (schema.length) {
    diagnostics.push(...schema);
    const id = (parsed.value as { id?: unknown }).id;
    if (typeof id === 'number' && Number.isInteger(id)) brokenIds.add(id);
    brokenIds.add(Number(name));
    return undefined;
  }
  const meta = parsed.value as ConsigneMeta;
  const out = diagnostics;
  const loc = (p: (string | number)[], key?: string) => at(parsed, p, key);

  if (String(meta.id) !== name) {
    out.push(diag('error', 'consigne-folder-mismatch', `Le numéro de fiche \`${meta.id}\` ne correspond pas au dossier \`${dir}/\``, loc(['id']),
      `mettez \`id: ${name}\` ou renommez le dossier en \`${dirRel}/${meta.id}/\`.`));
  }
  const checkTitle = (t: string, p: (string | number)[]) => {
    if (!/\?\s*$/.test(t)) {
      out.push(diag('error', 'consigne-title-question', 'Le titre d\'une fiche est une question : il doit se terminer par « ? »', loc(p),
        'formulez le titre comme la question que se pose le déclarant, ex. « Comment déclarer … ? ».'));
    }
  };
  checkTitle(meta.title, ['title']);

  // Status.
  if (meta.status === 'remplacée' && meta.replacedBy === undefined) {
    out.push(diag('error', 'consigne-replaced-by-missing', 'Fiche « remplacée » sans fiche de remplacement', loc(['status']), 'ajoutez `replacedBy: <numéro de la fiche qui la remplace>`.'));
  }
  if (meta.status !== 'remplacée' && meta.replacedBy !== undefined) {
    out.push(diag('error', 'consigne-replaced-by-unexpected', `\`replacedBy\` n'a de sens que pour une fiche « remplacée » (statut actuel : « ${meta.status} »)`, loc(['replacedBy']),
      'mettez `status: remplacée`, ou supprimez `replacedBy`.'));
  }

  // Family and versions.
  const family: ResolvedFamily | undefined = registry.families.get(meta.family);
  if (!family) {
    const dym = didYouMean(meta.family, registry.families.keys());
    out.push(diag('error', 'consigne-unknown-family', `Famille de normes \`${meta.family}\` inconnue${dym ? ` ; ${dym}` : ''}`, loc(['family']),
      `familles : ${[...registry.families.keys()].join(', ') || '(registre vide)'}.`));
  }
  const resolveVersions = (ids: string[], p: (string | number)[]): ResolvedVersion[] => {
    if (!family) return [];
    const vs: ResolvedVersion[] = [];
    ids.forEach((v, i) => {
      const rv = family.versions.get(v);
      if (rv) vs.push(rv);
      else {
        const dym = didYouMean(v, family.versions.keys());
        out.push(diag('error', 'consigne-unknown-version', `Version \`${v}\` inconnue dans la famille \`${family.id}\`${dym ? ` ; ${dym}` : ''}`, loc([...p, i]),
          `versions : ${[...family.versions.keys()].join(', ')}.`));
      }
    });
    // Oldest first, in the family's order.
    const order = [...family.versions.keys()];
    return vs.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  };
  const currentVersions = resolveVersions(meta.versions, ['versions']);
  const ctx: RefContext | undefined = family ? { family, versions: currentVersions } : undefined;

  // Declaration natures, against the nature code list of each version.
  if (family && meta.natures?.length) checkNatures(meta, family, currentVersions, parsed, out);

  // Revisions: numbering, dates.
  const entries = meta.revisions;
  entries.forEach((e, i) => {
    if (e.revision !== i + 1) {
      out.push(diag('error', 'consigne-revision-sequence', `Révision n° ${e.revision} en position ${i + 1} : les révisions sont numérotées 1, 2, 3… de la plus ancienne à la plus récente`, loc(['revisions', i, 'revision']),
        `mettez \`revision: ${i + 1}\`.`));
    }
    for (const k of ['published', 'applies'] as const) {
      if (!isIsoDate(e[k])) {
        out.push(diag('error', 'consigne-date-invalid', `Date \`${e[k]}\` inexistante`, loc(['revisions', i, k]), 'écrivez une date réelle au format AAAA-MM-JJ.'));
      } else if (i > 0 && isIsoDate(entries[i - 1][k]) && e[k] < entries[i - 1][k]) {
        out.push(diag('error', 'consigne-revision-date-order', `${k === 'published' ? 'Publication' : 'Application'} de la révision ${e.revision} (${e[k]}) antérieure à celle de la révision ${entries[i - 1].revision} (${entries[i - 1][k]})`,
          loc(['revisions', i, k]), 'les révisions sont listées de la plus ancienne à la plus récente.'));
      }
    }
    if (e.title !== undefined) checkTitle(e.title, ['revisions', i, 'title']);
    if (i === entries.length - 1 && (e.title !== undefined || e.versions !== undefined)) {
      out.push(diag('error', 'consigne-revision-override', 'La révision courante prend le titre et les versions de l\'en-tête : `title` et `versions` ne s\'écrivent que sur les révisions antérieures', loc(['revisions', i]),
        'modifiez `title` ou `versions` en haut de l\'en-tête.'));
    }
  });

  // Texts.
  const revDir = `${dir}/revisions`;
  const archived = new Set(entries.slice(0, -1).map((e) => `${e.revision}.mdx`));
  if (inside.dirs.includes('revisions') || inside.files.includes('revisions')) {
    const revs = listFicheFolder(path.join(root, revDir), revDir);
    out.push(...revs.diagnostics);
    for (const f of [...revs.files, ...revs.dirs].sort()) {
      if (!archived.has(f)) {
        out.push(diag('error', 'consigne-revision-orphan', `Fichier \`${f}\` sans révision correspondante dans l'en-tête de \`${file}\``, { file: `${revDir}/${f}` },
          `chaque révision antérieure n a son texte dans \`revisions/<n>.mdx\` et une entrée dans \`revisions:\` (la révision courante est fiche.mdx).`));
      }
    }
  }
  for (const f of [...inside.files, ...inside.dirs].sort()) {
    if (f !== 'fiche.mdx' && f !== 'revisions') {
      out.push(diag('warning', 'consigne-unexpected-file', `Fichier inattendu \`${dir}/${f}\``, { file: `${dir}/${f}` }, 'un dossier de fiche contient fiche.mdx et, si besoin, revisions/<n>.mdx.'));
    }
  }

  const consigne: LoadedConsigne = {
    id: meta.id,
    meta,
    family: meta.family,
    dir,
    file,
    revisions: [],
    current: undefined as unknown as ConsigneRevision,
    cites: [],
  };
  const texts: Draft['texts'] = [];
  entries.forEach((e, i) => {
    const current = i === entries.length - 1;
    const revFile = current ? file : `${revDir}/${e.revision}.mdx`;
    let source: string;
    let checked: CheckedMdx;
    if (current) {
      source = split.body;
      checked = checkMdx(file, split.body, split.bodyLine);
    } else {
      const read = readFicheText(path.join(root, revFile), revFile);
      if ('missing' in read) {
        out.push(diag('error', 'consigne-revision-missing', `Texte de la révision ${e.revision} introuvable : \`${revFile}\``, loc(['revisions', i]),
          `avant de réécrire fiche.mdx, copiez son texte (sans l'en-tête) dans \`${revFile}\`.`));
        return;
      }
      if ('diagnostic' in read) {
        out.push(read.diagnostic);
        return;
      }
      const s = splitFrontmatter(read.text);
      if (s.yaml !== undefined) {
        out.push(diag('error', 'consigne-revision-frontmatter', 'Une révision archivée n\'a pas d\'en-tête : ses métadonnées sont dans `fiche.mdx`', { file: revFile, line: 1, column: 1 },
          'supprimez l\'en-tête YAML de ce fichier.'));
      }
      source = s.body;
      checked = checkMdx(revFile, s.body, s.bodyLine);
    }
    out.push(...checked.diagnostics);
    const versions = current || !e.versions ? meta.versions : e.versions;
    const revVersions = current || !e.versions ? currentVersions : resolveVersions(e.versions, ['revisions', i, 'versions']);
    const rev: ConsigneRevision = {
      consigne: meta.id,
      revision: e.revision,
      published: e.published,
      applies: e.applies,
      changes: e.changes,
      title: (!current && e.title) || meta.title,
      versions: [...versions],
      current,
      file: revFile,
      source: source.replace(/^\n+/, ''),
      ...(checked.tree ? { tree: checked.tree } : {}),
      references: [],
      links: [],
    };
    consigne.revisions.push(rev);
    texts.push({ rev, checked, ctx: family ? { family, versions: revVersions } : undefined });
  });
  const last = consigne.revisions[consigne.revisions.length - 1];
  if (!last || !last.current) return undefined; // unreachable: the current text always exists
  consigne.current = last;
  return { consigne, parsed, ctx, texts };
}

function checkNatures(meta: ConsigneMeta, family: ResolvedFamily, versions: ResolvedVersion[], parsed: ParsedYaml, out: Diagnostic[]): void {
  const rid = family.meta.natureDeclaredIn ?? 'S20.G00.05.001';
  const codesIn = (v: ResolvedVersion): Set<string> | undefined => {
    const r = v.rubriques.get(rid);
    const t = r && v.datatypes.get(r.rubrique.datatype);
    return t?.values ? new Set(t.values.map((x) => x.code)) : undefined;
  };
  const lists = versions.map((v) => ({ v, codes: codesIn(v) })).filter((x) => x.codes !== undefined) as Array<{ v: ResolvedVersion; codes: Set<string> }>;
  if (!lists.length) return;
  meta.natures!.forEach((n, i) => {
    const missing = lists.filter((x) => !x.codes.has(n));
    if (missing.length === lists.length) {
      const all = new Set(lists.flatMap((x) => [...x.codes]));
      const dym = didYouMean(n, all);
      out.push(diag('error', 'consigne-unknown-nature', `Nature de déclaration \`${n}\` inconnue (\`${rid}\`)${dym ? ` ; ${dym}` : ''}`, at(parsed, ['natures', i]),
        `natures : ${[...all].sort().join(', ')}.`));
    } else if (missing.length) {
      out.push(diag('error', 'consigne-nature-not-in-version', `Nature de déclaration \`${n}\` absente de ${missing.map((x) => `\`${x.v.id}\``).join(', ')}, version(s) visée(s) par la fiche`, at(parsed, ['natures', i]),
        'retirez cette nature ou la version concernée.'));
    }
  });
}

function setData(node: MdxNode, value: unknown): void {
  node.data = { ...(node.data ?? {}), norme: value };
}

function resolveUse(
  use: ComponentUse,
  rev: ConsigneRevision,
  ctx: RefContext | undefined,
  byId: Map<number, Draft>,
  brokenIds: Set<number>,
  out: Diagnostic[],
): void {
  const { name, attrs, loc } = use;
  if (name === 'Fiche') {
    const id = Number(attrs.id);
    if (!/^[1-9][0-9]*$/.test(attrs.id)) {
      out.push(diag('error', 'consigne-unknown-fiche', `\`${attrs.id}\` n'est pas un numéro de fiche`, use.attrLocs.id ?? loc, 'écrivez `<Fiche id="9002"/>`.'));
      return;
    }
    const target = byId.get(id);
    if (!target) {
      if (brokenIds.has(id)) return;
      out.push(diag('error', 'consigne-unknown-fiche', `Fiche n° ${id} inconnue`, use.attrLocs.id ?? loc, 'vérifiez le numéro de la fiche citée (nom de son dossier sous consignes/).'));
      return;
    }
    rev.links.push({ id, loc, title: target.consigne.meta.title });
    setData(use.node, { fiche: id, title: target.consigne.meta.title, status: target.consigne.meta.status });
    return;
  }
  if (!(name in REF_KIND) && name !== 'Valeur') return; // callouts
  if (!ctx) return;
  const component = name;
  const how = (x: string, v?: string) =>
    name === 'Valeur' ? `<Valeur type="${x}" code="${attrs.code}"${v ? ` version="${v}"` : ''}/>` : `<${name} id="${x}"${v ? ` version="${v}"` : ''}/>`;
  const base = { pinned: attrs.version, pinnedLoc: use.attrLocs.version, how };
  const r =
    name === 'Valeur'
      ? resolveCode(ctx, { ...base, id: attrs.type, loc: use.attrLocs.type ?? loc, code: attrs.code, codeLoc: use.attrLocs.code ?? loc })
      : resolveElement(ctx, { ...base, kind: REF_KIND[name as keyof typeof REF_KIND], id: attrs.id, loc: use.attrLocs.id ?? loc });
  out.push(...r.diagnostics);
  const ref: ConsigneReference = {
    source: 'texte',
    component,
    id: name === 'Valeur' ? attrs.type : attrs.id,
    loc,
    ...(attrs.version ? { pinned: attrs.version } : {}),
    ...(r.resolved ? { resolved: r.resolved } : {}),
  };
  rev.references.push(ref);
  if (r.resolved) setData(use.node, { ref: r.resolved });
}

function resolveDsn(checked: CheckedMdx, rev: ConsigneRevision, ctx: RefContext, out: Diagnostic[]): void {
  // A pinned block (```dsn version=P26V01) is checked in that version only; an unknown version is reported once.
  const badPins = new Set<MdxNode>();
  for (const line of checked.dsnLines) {
    if (line.pinned === undefined || badPins.has(line.node) || ctx.family.versions.has(line.pinned)) continue;
    badPins.add(line.node);
    const dym = didYouMean(line.pinned, ctx.family.versions.keys());
    out.push(diag('error', 'consigne-unknown-version', `Version \`${line.pinned}\` inconnue dans la famille \`${ctx.family.id}\`${dym ? ` ; ${dym}` : ''}`, line.fenceLoc,
      `versions : ${[...ctx.family.versions.keys()].join(', ')}.`));
  }
  for (const line of checked.dsnLines) {
    if (badPins.has(line.node)) continue;
    const r = resolveElement(ctx, { kind: 'rubrique', id: line.id, loc: line.loc, pinned: line.pinned, how: (x, v) => `<Rubrique id="${x}"${v ? ` version="${v}"` : ''}/>` });
    out.push(...r.diagnostics);
    rev.references.push({ source: 'exemple DSN', component: 'dsn', id: line.id, loc: line.loc, ...(r.resolved ? { resolved: r.resolved } : {}) });
    if (r.resolved) {
      const data = (line.node.data?.norme as { lines?: Record<number, ResolvedRef> } | undefined) ?? {};
      setData(line.node, { lines: { ...(data.lines ?? {}), [line.index]: r.resolved } });
    }
    // The value, in every version holding the rubrique, by the check of `norme check`; one
    // diagnostic per distinct problem.
    const problems = new Map<string, string[]>();
    for (const v of r.present) {
      const p = rubriqueValueProblem(v, line.id, line.value);
      if (p) problems.set(p.message, [...(problems.get(p.message) ?? []), v.id]);
    }
    for (const [p, vs] of problems) {
      out.push(diag('error', 'consigne-dsn-value-invalid', `Valeur invalide pour \`${line.id}\` dans ${vs.map((x) => `\`${x}\``).join(', ')} : ${p}`, line.valueLoc,
        'corrigez la valeur de l\'exemple (les exemples sont vérifiés comme `norme check` vérifie un fichier).'));
    }
  }
}

function refKey(r: ResolvedRef): string {
  return `${r.family}:${r.id}`;
}

function dedupe(refs: ConsigneReference[]): ResolvedRef[] {
  const m = new Map<string, ResolvedRef>();
  for (const r of refs) {
    if (!r.resolved) continue;
    const k = `${r.resolved.kind}:${r.resolved.id}:${r.resolved.code ?? ''}`;
    const prev = m.get(k);
    if (!prev) m.set(k, { ...r.resolved });
    else prev.versions = [...new Set([...prev.versions, ...r.resolved.versions])];
  }
  return [...m.values()];
}

export function buildIndex(consignes: LoadedConsigne[]): ConsigneIndex {
  const byId = new Map(consignes.map((c) => [c.id, c]));
  const citations = new Map<string, ConsigneCitation[]>();
  const byTheme = new Map<string, number[]>();
  const byOrganisme = new Map<string, number[]>();
  for (const c of consignes) {
    const perKey = new Map<string, ConsigneCitation>();
    for (const r of c.current.references) {
      if (!r.resolved) continue;
      const k = refKey(r.resolved);
      let cit = perKey.get(k);
      if (!cit) perKey.set(k, (cit = { consigne: c.id, versions: [], sources: [] }));
      for (const v of r.resolved.versions) if (!cit.versions.includes(v)) cit.versions.push(v);
      if (!cit.sources.includes(r.source)) cit.sources.push(r.source as ReferenceSource);
    }
    for (const [k, cit] of perKey) {
      const order = c.current.versions;
      cit.versions.sort((a, b) => order.indexOf(a) - order.indexOf(b));
      citations.set(k, [...(citations.get(k) ?? []), cit]);
    }
    for (const t of c.meta.themes) byTheme.set(t, [...(byTheme.get(t) ?? []), c.id]);
    for (const o of c.meta.organismes ?? []) byOrganisme.set(o, [...(byOrganisme.get(o) ?? []), c.id]);
  }
  return { byId, citations, byTheme, byOrganisme };
}

/** Fiches citing an element (current revisions), optionally only those valid for one version. */
export function consignesCiting(index: ConsigneIndex, family: string, id: string, version?: string): LoadedConsigne[] {
  const cits = index.citations.get(`${family}:${id}`) ?? [];
  return cits.filter((c) => version === undefined || c.versions.includes(version)).map((c) => index.byId.get(c.consigne)!).filter(Boolean);
}

export type { Loc };
