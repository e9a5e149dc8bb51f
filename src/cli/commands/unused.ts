import { existsSync } from 'node:fs';
import path from 'node:path';
import { codeMentions, formatUnused, UNUSED_FORMATS, unusedReport } from '../../core/unused/index.ts';
import { urls } from '../../core/urls.ts';
import { onlyVersion, versionCommand } from '../context.ts';
import type { Command } from '../types.ts';

const usage = `Usage : npx norme unused <famille>/<version> [--format text|md|json|csv] [--root <dossier>]

Éléments inutilisés d'une version, les plus anciens d'abord (programme de nettoyage de l'instance
de normalisation) : types de données qu'aucune rubrique n'utilise, rubriques dont la description
officielle dit que la déclaration « n'est plus attendue », rubriques et blocs d'usage N ou I pour
toutes les natures (quand le tableau des usages est publié), contrôles qui citent une rubrique
absente, et pour information les valeurs de nomenclature que rien ne cite. Puis les éléments
supprimés par la version, et les anomalies des tables officielles (avec la cellule source).
Chaque élément a le chemin de sa page sur le site.

Exemples : npx norme unused dsn/P26V01
           npx norme unused dsn/P25V01 --format csv > inutilises-P25V01.csv   # Excel : « ; », BOM`;

export const command: Command = {
  name: 'unused',
  summary: 'éléments inutilisés d’une version et anomalies des tables officielles',
  usage,
  async run(args, io) {
    const res = versionCommand(io, args, usage, UNUSED_FORMATS, 'text', onlyVersion('ex. dsn/P26V01'));
    if (typeof res === 'number') return res;
    const { format, root } = res;
    const family = res.registry.families.get(res.version.family)!;
    // Fiches need remark (MDX): loaded only when there are fiches.
    const fiches = existsSync(path.join(root, 'consignes'))
      ? codeMentions((await import('../../core/consignes/load.ts')).loadConsignes(root, res.registry).consignes, family.id)
      : undefined;
    const report = unusedReport(family, res.version.id, { link: (t) => urls.elementOfKind(t.family, t.version, t.kind, t.id), fiches });
    io.stdout.write(formatUnused(report, format));
    return 0;
  },
};
