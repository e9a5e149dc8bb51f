/** The unused-elements report on a small registry: each reason, the history, the removed elements, the anomalies. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRegistry, type ResolvedFamily } from '../../../src/core/index.ts';
import { formatUnused, unusedReport } from '../../../src/core/unused/index.ts';
import { fixtureCopy, type Edit } from '../../helpers/fixture.ts';

const V1 = 'norm/demo/V1';
const block = (id: string, rubriques: string) =>
  `id: ${id}\nname: Bloc ${id}\nparent: S10.G00.00\ncardinality:\n  min: 0\n  max: 1\nrubriques:\n${rubriques}`;
const EDITS: Edit[] = [
  // 02 is cited by a control of the rubrique using the type, 01 by nothing.
  { file: `${V1}/blocks/S21.G00.40.yaml`, from: 'rule: Règle de test.', to: 'rule: La valeur 02 impose S21.G00.99.001.' },
  // Unused datatype, and one no value can satisfy (one character, at least 3).
  { file: `${V1}/datatypes/Inutile.yaml`, to: 'id: Inutile\nnature: Numeric\nregexp: "[0-9]"\nminLength: 3\nmaxLength: 5\n' },
  // A block whose only rubrique is N for every nature, described as no longer expected.
  {
    file: `${V1}/blocks/S21.G00.41.yaml`,
    to: block('S21.G00.41', "  - id: S21.G00.41.001\n    name: Ancienne\n    description: La déclaration de cette rubrique n'est plus attendue.\n    datatype: Type_Alphanumeric_1-20\n    usage:\n      \"01\": N\n"),
  },
];

describe('rapport des éléments inutilisés (registre d\'essai)', () => {
  let fx: ReturnType<typeof fixtureCopy>;
  let fam: ResolvedFamily;
  beforeAll(() => {
    fx = fixtureCopy('valid', EDITS);
    // V2: V1 without the unused datatype and without S21.G00.41.
    const files = ['blocks/S10.G00.00.yaml', 'blocks/S21.G00.40.yaml', 'datatypes/DSN_NatureContrat.yaml', 'datatypes/Date_JJMMAAAA.yaml', 'datatypes/Type_Alphanumeric_1-20.yaml', 'version.yaml'];
    const v2: Edit[] = files.map((f) => {
      let text = readFileSync(path.join(fx.root, V1, f), 'utf8');
      if (f === 'version.yaml') text = text.replace('id: V1', 'id: V2').replace('previous: null', 'previous: V1').replace('from: 2026-01\n  to: 2026-12', 'from: 2027-01');
      return { file: `norm/demo/V2/${f}`, to: text };
    });
    fx.cleanup();
    fx = fixtureCopy('valid', [...EDITS, ...v2]);
    const res = loadRegistry(fx.root);
    expect(res.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    fam = res.registry.families.get('demo')!;
  });
  afterAll(() => fx?.cleanup());

  const link = (t: { version: string; kind: string; id: string }) => `/${t.version}/${t.kind}/${t.id}`;

  it('V1 : chaque motif, les plus anciens d\'abord, et les anomalies', () => {
    const r = unusedReport(fam, 'V1', { link, fiches: { codes: new Set(), examples: 0 } });
    expect(r.items.map((i) => `${i.kind} ${i.id} ${i.reason.code} ${i.sinceVersion.join(',')}${i.information ? ' (info)' : ''}`)).toEqual([
      'block S21.G00.41 block-never-used V1',
      'rubrique S21.G00.41.001 rubrique-never-used V1',
      'rubrique S21.G00.41.001 rubrique-no-longer-expected V1',
      'control S21.G00.40.007/CCH-11 control-missing-rubrique V1',
      'datatype Inutile datatype-unreferenced V1',
      'code-value DSN_NatureContrat#01 code-value-unmentioned V1 (info)',
    ]);
    expect(r.anomalies.map((a) => `${a.code} ${a.id} : ${a.detail} [${a.source.sheet} / ${a.source.row} / ${a.source.column}]`)).toEqual([
      'control-missing-rubrique S21.G00.40.007/CCH-11 : cite S21.G00.99.001, absente(s) de V1 [Messages / Name = S21.G00.40.007/CCH-11 / Description]',
      'datatype-unsatisfiable Inutile : le format `[0-9]` admet au plus 1 caractères, la longueur minimale est 3 [Data Types / Id = Inutile / Regexp, Lg Min, Lg Max]',
    ]);
    expect(r.removed).toEqual([]);
  });

  it('V2 : l\'historique (V1 → V2), les éléments supprimés, une fiche qui cite la valeur', () => {
    const r = unusedReport(fam, 'V2', { link, fiches: { codes: new Set(['DSN_NatureContrat#01']), examples: 0 } });
    expect(r.items.map((i) => `${i.id} ${i.reason.code} ${i.sinceVersion.join(',')}`)).toEqual(['S21.G00.40.007/CCH-11 control-missing-rubrique V1,V2']);
    expect(r.removed.map((i) => `${i.id} ${i.reason.code} ${i.removedIn} ${i.link}`)).toEqual([
      'S21.G00.41 block-never-used V2 /V1/block/S21.G00.41',
      'S21.G00.41.001 rubrique-never-used V2 /V1/rubrique/S21.G00.41.001',
      "S21.G00.41.001 rubrique-no-longer-expected V2 /V1/rubrique/S21.G00.41.001",
      'Inutile datatype-unreferenced V2 /V1/datatype/Inutile',
    ]);
    const csv = formatUnused(r, 'csv');
    expect(csv.split('\r\n')[1]).toBe('à nettoyer;contrôle;S21.G00.40.007/CCH-11;;control-missing-rubrique;son texte cite une rubrique qui n\'existe pas dans la version;rubrique(s) absente(s) : S21.G00.99.001;V1;V1 V2;;;/V2/control/S21.G00.40.007/CCH-11;');
  });

  it('sans fiches : le rapport le dit', () => {
    expect(unusedReport(fam, 'V2', { link }).notes).toEqual(["Fiches consignes non lues : les valeurs qu'elles citent ne sont pas exclues."]);
  });
});
