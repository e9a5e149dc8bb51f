/**
 * The diff engine on the real registry (norm/dsn). Expected added/removed sets are computed
 * here independently of the engine: from the committed YAML files read with the `yaml`
 * package, and, when the official tables are next to the project (../shared/reference),
 * from their CSV exports.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { Ajv } from 'ajv';
import { diffDocument, diffVersions, elementHistory, formatDiff, loadRegistry, RULES_BY_ID, type Change, type ResolvedFamily } from '../../../src/core/index.ts';
import { PROJECT_ROOT } from '../../helpers/fixture.ts';
import { hasOfficial, officialSheet } from '../../helpers/official.ts';

const NORM = path.join(PROJECT_ROOT, 'norm/dsn');
const VERSIONS = ['P19V01', 'P24V01', 'P25V01', 'P26V01', 'P27V01'];
const present = VERSIONS.every((v) => existsSync(path.join(NORM, v, 'version.yaml')));
const hasReference = hasOfficial(VERSIONS);

interface Ids {
  blocks: Set<string>;
  rubriques: Set<string>;
  datatypes: Set<string>;
  controls: Set<string>;
  codes: Map<string, Map<string, string>>;
}

const yamlCache = new Map<string, Ids>();

/** Ids of a version read straight from its YAML files. */
function yamlIds(version: string): Ids {
  const cached = yamlCache.get(version);
  if (cached) return cached;
  const dir = path.join(NORM, version);
  const ids: Ids = { blocks: new Set(), rubriques: new Set(), datatypes: new Set(), controls: new Set(), codes: new Map() };
  for (const f of readdirSync(path.join(dir, 'blocks'))) {
    const b = parse(readFileSync(path.join(dir, 'blocks', f), 'utf8'));
    ids.blocks.add(b.id);
    for (const r of b.rubriques ?? []) {
      ids.rubriques.add(r.id);
      for (const c of r.controls ?? []) ids.controls.add(c.id);
    }
  }
  for (const f of readdirSync(path.join(dir, 'datatypes'))) {
    const t = parse(readFileSync(path.join(dir, 'datatypes', f), 'utf8'));
    ids.datatypes.add(t.id);
    ids.codes.set(t.id, new Map((t.values ?? []).map((v: { code: string; label: string }) => [v.code, v.label.replace(/\s+/g, ' ').trim()])));
  }
  yamlCache.set(version, ids);
  return ids;
}

function csvIds(version: string): Pick<Ids, 'blocks' | 'rubriques' | 'datatypes'> {
  const header = officialSheet(version, 'Header').filter((r) => r.Element !== 'Message').map((r) => r.Id);
  return {
    blocks: new Set([...header, ...officialSheet(version, 'Blocks').map((r) => r.Id)]),
    rubriques: new Set(officialSheet(version, 'Fields').map((r) => `${r['Block Id']}.${r.Id}`)),
    datatypes: new Set(officialSheet(version, 'Data_Types').map((r) => r.Id)),
  };
}

/** Technical name (Fields sheet, column Comment) of each rubrique of the official tables. */
function csvTechnicalNames(version: string): Map<string, string> {
  const rows = officialSheet(version, 'Fields');
  return new Map(rows.map((r) => [`${r['Block Id']}.${r.Id}`, r.Comment.replace(/\s+/g, ' ').trim()]));
}

const minus = (a: Set<string>, b: Set<string>) => [...a].filter((x) => !b.has(x)).sort();
const ids = (changes: Change[], ...rules: string[]) => changes.filter((c) => rules.includes(c.rule)).map((c) => c.id).sort();

describe.skipIf(!present)('registre réel : diff entre versions DSN', () => {
  let fam: ResolvedFamily;
  beforeAll(() => {
    const res = loadRegistry(PROJECT_ROOT, { only: VERSIONS.map((v) => `dsn/${v}`) });
    expect(res.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    fam = res.registry.families.get('dsn')!;
  });
  const pairs = VERSIONS.slice(1).map((to, i) => [VERSIONS[i], to] as const);

  describe.each(pairs)('%s → %s', (from, to) => {
    it('ajouts et suppressions = ceux des fichiers YAML (blocs, rubriques, types, contrôles)', () => {
      const { changes } = diffVersions(fam.versions.get(from)!, fam.versions.get(to)!);
      const a = yamlIds(from);
      const b = yamlIds(to);
      expect(ids(changes, 'block-added', 'block-added-mandatory')).toEqual(minus(b.blocks, a.blocks));
      expect(ids(changes, 'block-removed', 'block-removed-mandatory')).toEqual(minus(a.blocks, b.blocks));
      expect(ids(changes, 'rubrique-added', 'rubrique-added-mandatory')).toEqual(minus(b.rubriques, a.rubriques));
      expect(ids(changes, 'rubrique-removed', 'rubrique-removed-mandatory')).toEqual(minus(a.rubriques, b.rubriques));
      expect(ids(changes, 'datatype-added')).toEqual(minus(b.datatypes, a.datatypes));
      expect(ids(changes, 'datatype-removed')).toEqual(minus(a.datatypes, b.datatypes));
      expect(ids(changes, 'control-added')).toEqual(minus(b.controls, a.controls));
      expect(ids(changes, 'control-removed')).toEqual(minus(a.controls, b.controls));
      // Every removal of a rubrique is breaking.
      expect(changes.filter((c) => c.rule.startsWith('rubrique-removed')).every((c) => c.severity === 'breaking')).toBe(true);
    });

    it.skipIf(!hasReference)('ajouts et suppressions = ceux des tables officielles (CSV de ../shared/reference)', () => {
      const { changes } = diffVersions(fam.versions.get(from)!, fam.versions.get(to)!);
      const a = csvIds(from);
      const b = csvIds(to);
      expect(ids(changes, 'block-added', 'block-added-mandatory')).toEqual(minus(b.blocks, a.blocks));
      expect(ids(changes, 'block-removed', 'block-removed-mandatory')).toEqual(minus(a.blocks, b.blocks));
      expect(ids(changes, 'rubrique-added', 'rubrique-added-mandatory')).toEqual(minus(b.rubriques, a.rubriques));
      expect(ids(changes, 'rubrique-removed', 'rubrique-removed-mandatory')).toEqual(minus(a.rubriques, b.rubriques));
      expect(ids(changes, 'datatype-added')).toEqual(minus(b.datatypes, a.datatypes));
      expect(ids(changes, 'datatype-removed')).toEqual(minus(a.datatypes, b.datatypes));
    });

    it.skipIf(!hasReference)('changements de nom technique = ceux de la colonne Comment de la feuille Fields officielle', () => {
      const { changes } = diffVersions(fam.versions.get(from)!, fam.versions.get(to)!);
      const ta = csvTechnicalNames(from);
      const tb = csvTechnicalNames(to);
      const both = (id: string) => ta.has(id) && tb.has(id);
      const expected = [...tb.keys()].filter((id) => both(id) && ta.get(id) !== tb.get(id)).sort();
      expect(ids(changes, 'rubrique-technical-name-changed').filter(both)).toEqual(expected);
    });

    it('valeurs de nomenclature : ajouts, retraits et libellés = ceux des fichiers YAML', () => {
      const { changes } = diffVersions(fam.versions.get(from)!, fam.versions.get(to)!);
      const a = yamlIds(from);
      const b = yamlIds(to);
      const expected = { added: [] as string[], removed: [] as string[], relabelled: [] as string[] };
      for (const [t, codes] of b.codes) {
        const old = a.codes.get(t);
        if (!old || !old.size || !codes.size) continue;
        for (const [code, label] of codes) {
          if (!old.has(code)) expected.added.push(`${t}#${code}`);
          else if (old.get(code) !== label) expected.relabelled.push(`${t}#${code}`);
        }
        for (const code of old.keys()) if (!codes.has(code)) expected.removed.push(`${t}#${code}`);
      }
      const onTypes = changes.filter((c) => c.element === 'code-value' && !c.block);
      expect(ids(onTypes, 'code-value-added')).toEqual(expected.added.sort());
      expect(ids(onTypes, 'code-value-removed')).toEqual(expected.removed.sort());
      expect(ids(onTypes, 'code-value-relabelled')).toEqual(expected.relabelled.sort());
    });

    it('diff(a, a) est vide ; diff(b, a) est le miroir de diff(a, b)', () => {
      const a = fam.versions.get(from)!;
      const b = fam.versions.get(to)!;
      expect(diffVersions(a, a).changes).toEqual([]);
      const fwd = diffVersions(a, b).changes.map((c) => `${RULES_BY_ID.get(c.rule)!.mirror} ${c.id} ${c.to ?? '∅'} → ${c.from ?? '∅'}`).sort();
      const back = diffVersions(b, a).changes.map((c) => `${c.rule} ${c.id} ${c.from ?? '∅'} → ${c.to ?? '∅'}`).sort();
      expect(back).toEqual(fwd);
    });
  });

  it.skipIf(!hasReference)('P24V01 → P25V01 : aucun changement de nom technique pour S21.G00.52.007', () => {
    // Official tables: Fields row S21.G00.52/007, column Comment, is `Prime.ContratNumero.DateVersementOrigine`
    // in dsn-datatypes-CT2024.xlsx as published (krisk78/DSN2CSV a76cfb7, csv/CT2024-datatypes/Fields.csv line 1305)
    // and in dsn-datatypes-CT2025.xlsx (csv/CT2025-datatypes/Fields.csv line 1309). The copy re-saved by a third
    // party said `Prime.DateVersementOrigine` and produced a false change here.
    expect(csvTechnicalNames('P24V01').get('S21.G00.52.007')).toBe('Prime.ContratNumero.DateVersementOrigine');
    expect(csvTechnicalNames('P25V01').get('S21.G00.52.007')).toBe('Prime.ContratNumero.DateVersementOrigine');
    const { changes } = diffVersions(fam.versions.get('P24V01')!, fam.versions.get('P25V01')!);
    expect(changes.filter((c) => c.id === 'S21.G00.52.007')).toEqual([]);
    expect(fam.versions.get('P24V01')!.rubriques.get('S21.G00.52.007')!.rubrique.technicalName).toBe('Prime.ContratNumero.DateVersementOrigine');
  });

  it.skipIf(!hasReference)('P19V01 → P24V01 : S21.G00.40.066 et S21.G00.62.018 existent déjà en P19V01 (édition 2019.1.2)', () => {
    // Official 2019.1.2 tables (dsn_cahier_technique_p3_2019.1.2.xlsx, sheet Fields): rows S21.G00.40/066 and
    // S21.G00.62/018. Coog's earlier export lacked them, so they used to show as added in P24V01.
    const official = csvIds('P19V01').rubriques;
    expect([official.has('S21.G00.40.066'), official.has('S21.G00.62.018')]).toEqual([true, true]);
    const p19 = fam.versions.get('P19V01')!;
    expect([p19.rubriques.has('S21.G00.40.066'), p19.rubriques.has('S21.G00.62.018')]).toEqual([true, true]);
    const { changes } = diffVersions(p19, fam.versions.get('P24V01')!);
    expect(ids(changes, 'rubrique-added', 'rubrique-added-mandatory')).not.toContain('S21.G00.40.066');
    expect(ids(changes, 'rubrique-added', 'rubrique-added-mandatory')).not.toContain('S21.G00.62.018');
  });

  it('P26V01 → P27V01 : faits connus des tables officielles', () => {
    const r = diffVersions(fam.versions.get('P26V01')!, fam.versions.get('P27V01')!);
    const c = r.changes;
    expect(ids(c, 'block-added')).toEqual(['S21.G00.59', 'S21.G00.75']);
    expect(c.filter((x) => x.rule === 'rubrique-removed').map((x) => `${x.id} ${x.severity}`)).toEqual(['S21.G00.06.003 breaking', 'S21.G00.11.002 breaking']);
    const cotis = c.filter((x) => x.id.startsWith('DSN_Ref_Code_Cotis#'));
    expect(ids(cotis, 'code-value-added')).toEqual(['DSN_Ref_Code_Cotis#147', 'DSN_Ref_Code_Cotis#148', 'DSN_Ref_Code_Cotis#922', 'DSN_Ref_Code_Cotis#923']);
    expect(ids(cotis, 'code-value-removed')).toEqual(['DSN_Ref_Code_Cotis#105']);
    expect(ids(cotis, 'code-value-relabelled')).toContain('DSN_Ref_Code_Cotis#018');
    // P26V01's usages are inferred from P25V01 and P27V01: comparing them with either would be circular.
    expect(r.notes).toEqual(['Usages non comparés : le tableau des usages de dsn/P26V01 n\'est pas publié (ses usages sont inférés de P25V01 et P27V01).']);
  });

  it('P26V01 → P27V01 : JSON conforme au schéma publié ; CSV et Markdown lisibles', () => {
    const r = diffVersions(fam.versions.get('P26V01')!, fam.versions.get('P27V01')!);
    const schema = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'src/core/schemas/diff-output.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
    const doc = JSON.parse(formatDiff(r, 'json'));
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(doc).toEqual(JSON.parse(JSON.stringify(diffDocument(r))));
    const csv = formatDiff(r, 'csv');
    expect(csv.startsWith('\ufeffGravité;Règle;')).toBe(true);
    expect(csv.split('\r\n').length).toBe(r.changes.length + 2);
    const md = formatDiff(r, 'md');
    expect(md).toContain('## Bloc S21.G00.06 — Entreprise');
    expect(md).toContain('- 🔴 **cassant** — Rubrique `S21.G00.06.003` supprimée : « Code APEN » <sub>`rubrique-removed`</sub>');
  });

  it('historique d\'un élément : introduit, modifié, supprimé (pierre tombale)', () => {
    const h = elementHistory(fam, 'S21.G00.06.003');
    // Official 2019.1.2 tables, sheet Fields, row S21.G00.06/003 « Code APEN » (csv/CT2019.1.2-datatypes/Fields.csv
    // line 84): the rubrique already exists in P19V01.
    expect([h.kind, h.versions, h.introduced, h.removed]).toEqual(['rubrique', ['P19V01', 'P24V01', 'P25V01', 'P26V01'], 'P19V01', { lastIn: 'P26V01', removedIn: 'P27V01' }]);
    expect(h.events.at(-1)!.kind).toBe('removed');
    expect(h.events.at(-1)!.changes.map((c) => c.rule)).toEqual(['rubrique-removed', 'control-removed']);
    const nb = elementHistory(fam, 'S21.G00.59');
    expect([nb.introduced, nb.removed, nb.events.map((e) => `${e.version} ${e.kind}`)]).toEqual(['P27V01', null, ['P27V01 introduced']]);
    expect(nb.events[0].changes.map((c) => c.rule)[0]).toBe('block-added');
    const cotis = elementHistory(fam, 'DSN_Ref_Code_Cotis');
    expect(cotis.events.find((e) => e.version === 'P27V01')!.changes.map((c) => c.id)).toContain('DSN_Ref_Code_Cotis#105');
  });
});
