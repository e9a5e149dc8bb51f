import { versionUsageGaps } from '../../core/import/infer-usages.ts';
import { UsageError } from '../args.ts';
import { versionCommand } from '../context.ts';
import type { Command } from '../types.ts';

const usage = `Usage : npx norme usages report <famille>/<version> [--format text|json]

Rapport sur les usages par nature de déclaration d'une version : d'où ils viennent (tableau officiel
ou inférés des tableaux des versions voisines) et, pour des usages inférés, la liste des rubriques
restées sans usage (« non publié ») pour une nature, avec la raison.
Exemple : npx norme usages report dsn/P26V01`;

export const command: Command = {
  name: 'usages',
  summary: "rapport sur les usages d'une version (officiels, inférés, inconnus)",
  usage,
  async run(args, io) {
    const res = versionCommand(io, args, usage, ['text', 'json'] as const, 'text', (p) => {
      if (p[0] !== 'report' || p.length !== 2) throw new UsageError('il faut « report » et une version, ex. npx norme usages report dsn/P26V01');
      return p[1];
    });
    if (typeof res === 'number') return res;
    const format = res.format;
    const v = res.version;
    const u = v.meta.usages;
    const gaps = versionUsageGaps(res.registry.families.get(v.family)!, v);
    const withUsage = [...v.rubriques.values()].filter((e) => e.rubrique.usage && Object.keys(e.rubrique.usage).length).length;
    if (format === 'json') {
      io.stdout.write(JSON.stringify({ version: v.key, status: u.status, natures: u.natures ?? [], inferredFrom: u.inferredFrom ?? [], rule: u.rule ?? null, rubriques: v.rubriques.size, withUsage, gaps }, null, 2) + '\n');
      return 0;
    }
    const L: string[] = [];
    if (u.status === 'non publié') L.push(`${v.key} : tableau des usages non publié ; aucun usage (rien d'inférable : pas de version voisine avec un tableau officiel).`);
    else if (u.status === 'publié') L.push(`${v.key} : usages du tableau officiel ${u.source ?? ''} (${withUsage} rubriques sur ${v.rubriques.size}).`);
    else {
      L.push(
        `${v.key} : pas de tableau officiel des usages ; usages inférés de ${(u.inferredFrom ?? []).map((x) => `${x.version} (${x.source})`).join(' et ')}.`,
        `Règle : ${u.rule ?? ''}.`,
        `${withUsage} rubriques sur ${v.rubriques.size} ont au moins un usage inféré, natures ${(u.natures ?? []).map((n) => n.code).join(', ')}.`,
        '',
        `Rubriques sans usage inférable (non publié) pour une nature au moins : ${gaps.length}`,
      );
      for (const g of gaps) L.push(`  ${g.rubrique} ${g.name}`, `      natures ${g.natures.join(', ')} : ${g.reasons.join(' ; ')}`);
    }
    io.stdout.write(L.join('\n') + '\n');
    return 0;
  },
};
