import { elementDocument } from '../../core/export.ts';
import { findElement, resolveVersionRef } from '../../core/query.ts';
import type { ResolvedVersion } from '../../core/model/types.ts';
import { oneOf, parseArgs, UsageError } from '../args.ts';
import { findRoot, loadFor, requireClean, usageError } from '../context.ts';
import type { Command } from '../types.ts';

const usage = `Usage : npx norme show <famille>/<version> <id> [--format text|json]

Affiche un bloc, une rubrique, un type de données ou un contrôle.
Exemples : npx norme show dsn/P26V01 S21.G00.40.007
           npx norme show P26V01 DSN_NatureContrat --format json
           npx norme show dsn/P26V01 S21.G00.40.007/CCH-11`;

const CARD = (c: { min: number; max: number | '*' }) => `${c.min}..${c.max}`;

function text(v: ResolvedVersion, kind: string, id: string): string {
  const L: string[] = [];
  if (kind === 'rubrique') {
    const { rubrique: r, block: b } = v.rubriques.get(id)!;
    const t = v.datatypes.get(r.datatype);
    L.push(`Rubrique ${r.id} — ${r.name}   (${v.key})`, `  Bloc            ${b.id} ${b.name}`);
    if (r.technicalName) L.push(`  Nom technique   ${r.technicalName}`);
    L.push(`  Type            ${r.datatype}${t ? ` (${t.nature}${t.minLength !== undefined ? `, ${t.minLength}–${t.maxLength}` : ''})` : ''}`);
    if (t?.regexp) L.push(`  Format          ${t.regexp}`);
    if (t?.values?.length) {
      L.push('  Valeurs');
      for (const x of t.values) L.push(`    ${x.code.padEnd(6)} ${x.label}`);
    }
    if (t?.referential) L.push(`  Référentiel     ${t.referential}`);
    if (r.usage) L.push(`  Usages          ${Object.entries(r.usage).map(([n, u]) => `${n}:${u}`).join(' ')}${r.usageProvenance ? `   (inférés des tableaux de ${r.usageProvenance.from.join(' et ')} : pas de tableau officiel pour ${v.id})` : ''}`);
    else if (v.meta.usages.status === 'inféré') L.push(`  Usages          inconnus (aucun usage inférable des tableaux de ${(v.meta.usages.inferredFrom ?? []).map((x) => x.version).join(' et ')})`);
    if (r.controls?.length) {
      L.push('  Contrôles');
      for (const c of r.controls) L.push(`    ${c.id}  ${c.message}`);
    }
    if (r.description) L.push('', r.description);
  } else if (kind === 'block') {
    const b = v.blocks.get(id)!;
    L.push(`Bloc ${b.id} — ${b.name}   (${v.key})`, `  Parent          ${b.parent ?? '(racine)'}`, `  Cardinalité     ${CARD(b.cardinality)}`);
    const kids = [...v.blocks.values()].filter((c) => c.parent === id);
    if (kids.length) {
      L.push('  Blocs enfants');
      for (const k of kids) L.push(`    ${k.id} ${k.name} (${CARD(k.cardinality)})`);
    }
    L.push('  Rubriques');
    for (const r of b.rubriques) L.push(`    ${r.id}  ${r.name}  [${r.datatype}]`);
    if (b.description) L.push('', b.description);
  } else if (kind === 'datatype') {
    const t = v.datatypes.get(id)!;
    L.push(`Type de données ${t.id}   (${v.key})`, `  Nature          ${t.nature}`);
    if (t.minLength !== undefined || t.maxLength !== undefined) L.push(`  Longueur        ${t.minLength ?? '?'}–${t.maxLength ?? '?'}`);
    if (t.regexp) L.push(`  Format          ${t.regexp}`);
    if (t.referential) L.push(`  Référentiel     ${t.referential}`);
    for (const x of t.values ?? []) L.push(`    ${x.code.padEnd(6)} ${x.label}`);
  } else {
    const c = v.controls.get(id)!;
    L.push(`Contrôle ${c.control.id}   (${v.key})`, `  Famille         ${c.control.family}`, `  Rubrique        ${c.rubrique.id} ${c.rubrique.name}`, '', 'Règle :', c.control.rule, '', 'Message :', c.control.message);
  }
  return L.join('\n') + '\n';
}

export const command: Command = {
  name: 'show',
  summary: 'afficher un bloc, une rubrique, un type ou un contrôle',
  usage,
  async run(args, io) {
    let format: 'text' | 'json';
    let root: string;
    let ref: string, id: string;
    try {
      const a = parseArgs(args, { string: ['format', 'root'] });
      format = oneOf('format', a.options.format, ['text', 'json'] as const, 'text');
      if (a.positionals.length !== 2) throw new UsageError('il faut une version et un identifiant');
      [ref, id] = a.positionals;
      root = findRoot(io, a.options.root);
    } catch (e) {
      if (e instanceof UsageError) return usageError(io, e.message, usage);
      throw e;
    }
    // A full key (`dsn/P26V01`): that version only, from its snapshot when fresh (as `norme diff`).
    let registry;
    if (ref.includes('/') && io.env.NORME_CACHE !== '0') {
      registry = (await import('../version-cache.ts')).loadVersions(io, root, [ref], true);
      if (!registry) return 1;
    } else {
      const res = loadFor(io, root);
      if (!requireClean(io, res)) return 1;
      registry = res.registry;
    }
    const v = resolveVersionRef(registry, ref);
    if (!v.ok) return usageError(io, v.error + (v.hint ? `\n${v.hint}` : ''), usage);
    const el = findElement(v.value, id);
    if (!el.ok) {
      io.stderr.write(`norme : ${el.error}\n`);
      return 1;
    }
    if (format === 'json') io.stdout.write(JSON.stringify(elementDocument(v.value, el.value.kind, el.value.id), null, 2) + '\n');
    else io.stdout.write(text(v.value, el.value.kind, el.value.id));
    return 0;
  },
};
