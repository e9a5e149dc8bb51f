/**
 * The site's comparison page diffs two versions in the browser from their JSON downloads
 * (versionFromDocument). On the real registry, every pair of versions of each family must give
 * exactly the changes the CLI gives from the YAML files: the download carries everything the
 * diff engine reads.
 */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { diffVersions, loadRegistry, versionDocument, versionFromDocument, type ResolvedVersion } from '../../../src/core/index.ts';
import { PROJECT_ROOT } from '../../helpers/fixture.ts';

const present = existsSync(path.join(PROJECT_ROOT, 'norm/dsn/P27V01/version.yaml'));

/** Through the download: JSON text, parsed, revived. */
const throughJson = (v: ResolvedVersion) => versionFromDocument(JSON.parse(JSON.stringify(versionDocument(v))));

describe.runIf(present)('versionFromDocument (registre réel)', () => {
  const { registry } = loadRegistry(PROJECT_ROOT, { only: ['dsn', 'pasrau'] });

  it('redonne les mêmes rubriques, contrôles et types que le registre', () => {
    const v = registry.families.get('dsn')!.versions.get('P26V01')!;
    const back = throughJson(v);
    expect(back.key).toBe('dsn/P26V01');
    // Same elements; the document lists them in tree order, the registry in file order.
    expect([...back.rubriques.keys()].sort()).toEqual([...v.rubriques.keys()].sort());
    expect([...back.controls.keys()].sort()).toEqual([...v.controls.keys()].sort());
    expect([...back.datatypes.keys()].sort()).toEqual([...v.datatypes.keys()].sort());
    expect(back.rubriques.get('S21.G00.40.007')).toMatchObject({ block: { id: 'S21.G00.40' }, index: v.rubriques.get('S21.G00.40.007')!.index });
  });

  for (const fam of ['dsn', 'pasrau']) {
    it(`${fam} : chaque paire de versions, dans les deux sens, donne les changements de la CLI`, () => {
      const versions = [...registry.families.get(fam)!.versions.values()];
      const docs = new Map(versions.map((v) => [v.id, throughJson(v)]));
      let pairs = 0;
      for (const a of versions) {
        for (const b of versions) {
          if (a === b) continue;
          const expected = diffVersions(a, b);
          const got = diffVersions(docs.get(a.id)!, docs.get(b.id)!);
          expect(got.changes, `${a.id} → ${b.id}`).toEqual(expected.changes);
          expect(got.summary).toEqual(expected.summary);
          expect(got.from).toEqual(expected.from);
          expect(got.to).toEqual(expected.to);
          expect(got.blockNames).toEqual(expected.blockNames);
          pairs++;
        }
      }
      expect(pairs).toBe(versions.length * (versions.length - 1));
    });
  }
});
