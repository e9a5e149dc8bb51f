/**
 * The checker on DSN files written by other people (../shared/corpus/dsn-tiers/, see SOURCES.md
 * there; never copied into the project). Skipped, with a message, when the corpus is absent.
 *
 * Expectations are written from the official usage tables (CT2025.1 for P25V01, CT2027.1 for
 * P27V01; both for P26V01, CT2025.1 for P24V01, whose usages are inferred from them), read here
 * directly from ../shared/reference/eliboa-norme-dsn/csv/, not from the checker's output.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText, type CheckReport } from '../../../src/core/check/index.ts';
import { parseCsv } from '../../../src/core/import/csv.ts';
import { PROJECT_ROOT } from '../../helpers/fixture.ts';
import { realModel } from './real-models.ts';

const CORPUS = path.resolve(PROJECT_ROOT, '../shared/corpus/dsn-tiers');
const TABLES = path.resolve(PROJECT_ROOT, '../shared/reference/eliboa-norme-dsn/csv');
const present = existsSync(CORPUS) && existsSync(TABLES);
if (!present) console.warn(`Corpus tiers ou tables officielles absents (${CORPUS}, ${TABLES}) : tests du corpus ignorés.`);

type Table = { natures: string[]; usage: Map<string, Record<string, string>> };
/** Official usage table: rubrique → nature → code (header row « 01 - DSN mensuelle, … »). */
function table(edition: string): Table {
  const { records } = parseCsv(readFileSync(path.join(TABLES, `${edition}-usages/1_Tableau_des_usages.csv`), 'utf8'));
  const rows = records.map((r) => r.cells);
  const head = rows.findIndex((r) => r.some((c) => /^01 - /.test(c)));
  const cols = rows[head].flatMap((c, i) => (/^\d{2} - /.test(c) ? [{ code: c.slice(0, 2), i }] : []));
  const usage = new Map<string, Record<string, string>>();
  for (const r of rows.slice(head + 1)) {
    if (!/^S\d{2}\.G\d{2}\.\d{2}\.\d{3}$/.test(r[2] ?? '')) continue;
    usage.set(r[2], Object.fromEntries(cols.map(({ code, i }) => [code, r[i]])));
  }
  return { natures: cols.map((c) => c.code), usage };
}
const tablesCache = new Map<string, Table>();
const ct = (e: string) => tablesCache.get(e) ?? (tablesCache.set(e, table(e)), tablesCache.get(e)!);
/** Official tables a version's usages rest on. */
const TABLES_OF: Record<string, string[]> = { 'dsn/P24V01': ['CT2025.1'], 'dsn/P25V01': ['CT2025.1'], 'dsn/P26V01': ['CT2025.1', 'CT2027.1'], 'dsn/P27V01': ['CT2027.1'] };

/**
 * The DSNreader fixtures put P24V01 in S10.G00.00.001, not in S10.G00.00.006: their tests read them as P24V01.
 * tsapp-dsnparser-fixture declares no version; its only date, S20.G00.05.005 = 01012026, is a month of 2026,
 * whose norm is P26V01: checked as `npx norme check … --version dsn/P26V01` (what the CLI asks for).
 */
function versionOf(file: string, text: string): string | undefined {
  const m = /^S10\.G00\.00\.006,'(P\d{2}V\d{2})'/m.exec(text);
  if (m) return `dsn/${m[1]}`;
  if (file.startsWith('dsnreader-')) return 'dsn/P24V01';
  if (file === 'tsapp-dsnparser-fixture.dsn') return 'dsn/P26V01';
  return undefined;
}

function run(file: string): { key: string; text: string; report: CheckReport } | undefined {
  const bytes = readFileSync(path.join(CORPUS, file));
  let text: string;
  let encoding: 'UTF-8' | 'ISO-8859-1' = 'UTF-8';
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    encoding = 'ISO-8859-1';
    text = new TextDecoder('latin1').decode(bytes);
  }
  const key = versionOf(file, text);
  if (!key || !TABLES_OF[key]) return undefined;
  return { key, text, report: checkText(realModel(key).compiled, text, { encoding, maxFindings: 100_000 }) };
}

/** Block instances of a file, read without the checker: runs of lines of one block whose numbers increase. */
function instances(text: string): Array<{ block: string; line: number; present: Set<string> }> {
  const out: Array<{ block: string; line: number; last: number; present: Set<string> }> = [];
  text.split(/\r?\n/).forEach((l, i) => {
    const m = /^(S\d{2}\.G\d{2}\.\d{2})\.(\d{3}),/.exec(l);
    if (!m) return;
    let cur = out[out.length - 1];
    if (!cur || cur.block !== m[1] || Number(m[2]) <= cur.last) out.push((cur = { block: m[1], line: i + 1, last: -1, present: new Set() }));
    cur.last = Number(m[2]);
    cur.present.add(`${m[1]}.${m[2]}`);
  });
  return out;
}

const FILES = present ? readdirSync(CORPUS).filter((f) => f.endsWith('.dsn')).sort() : [];
const brief = (r: CheckReport, rule?: string) => r.findings.filter((f) => !rule || f.rule === rule).map((f) => `${f.line} ${f.rule} ${f.rubrique ?? '-'}`);

describe.skipIf(!present)('corpus tiers : aucun constat contredit par les tables officielles', () => {
  it.each(FILES)('%s', (file) => {
    const r = run(file);
    if (!r) return; // PASRAU, version absente ou hors du registre : pas de table des usages à opposer.
    const tables = TABLES_OF[r.key].map(ct);
    const { report } = r;
    const single = report.natures.length === 1 ? report.natures[0] : undefined;
    for (const f of report.findings) {
      if (f.rule === 'usage-mandatory') {
        // « obligatoire (usage O) pour la nature 07 » : O dans chaque table ; « pour toutes les natures » : O partout.
        const m = /pour la nature (\d{2})/.exec(f.message);
        for (const t of tables) {
          const u = t.usage.get(f.rubrique!)!;
          const natures = m ? [m[1]] : tables.map((x) => x.natures).reduce((a, b) => a.filter((n) => b.includes(n)));
          expect(natures.map((n) => `${n}:${u[n]}`), `${file}:${f.line} ${f.message}`).toEqual(natures.map((n) => `${n}:O`));
        }
      } else if (f.rule === 'usage-forbidden' || f.rule === 'usage-unused') {
        const n = /pour la nature (\d{2})/.exec(f.message)![1];
        for (const t of tables) expect(t.usage.get(f.rubrique!)![n], `${file}:${f.line}`).toBe(f.rule === 'usage-forbidden' ? 'I' : 'N');
      } else if (f.rule === 'block-min' && single) {
        // A block whose rubriques are all N or I for the nature in the tables is not due.
        const block = /^Bloc (S\d{2}\.G\d{2}\.\d{2}) /.exec(f.message)![1];
        const used = tables.some((t) => [...t.usage].some(([id, u]) => id.startsWith(block + '.') && u[single] !== undefined && u[single] !== 'N' && u[single] !== 'I'));
        if (tables.every((t) => t.natures.includes(single))) expect(used, `${file}:${f.line} ${f.message}`).toBe(true);
      }
    }
  });
});

describe.skipIf(!present)('corpus tiers : constats vérifiés dans les tables, fichier par fichier', () => {
  it('P26V01 et P24V01 : sur chaque fichier, une rubrique obligatoire absente d\'un bloc présent est signalée, avec sa provenance', () => {
    const seen: string[] = [];
    for (const file of FILES) {
      const r = run(file);
      if (!r || (r.key !== 'dsn/P26V01' && r.key !== 'dsn/P24V01')) continue;
      seen.push(file);
      const m = r.report.findings.filter((f) => f.rule === 'usage-mandatory');
      if (file === 'dsnreader-demo-ben-consulting-2026-04-light-errors.dsn') {
        // Complete for nature 01: checked block by block in the test below.
        expect(m).toEqual([]);
        continue;
      }
      expect(m.length, file).toBeGreaterThan(0);
      const provenance = r.key === 'dsn/P26V01' ? '(usage inféré des tableaux des usages de P25V01 et P27V01, pas de tableau officiel pour P26V01)' : '(usage inféré du tableau des usages de P25V01, pas de tableau officiel pour P24V01 : constat non bloquant)';
      for (const f of m) expect(f.message, `${file}:${f.line}`).toContain(provenance);
      // P24V01: one table only → non bloquant; P26V01: both tables agree → bloquant.
      expect(new Set(m.map((f) => f.severity)), file).toEqual(new Set([r.key === 'dsn/P26V01' ? 'bloquant' : 'non bloquant']));
    }
    expect(seen).toHaveLength(15); // 12 DSNreader (dont ben-consulting, P26V01), oneodes-autodetect-p26, pyapp-pasrates-fichier, tsapp-dsnparser-fixture
  });

  it('oneodes-autodetect-p26 (P26V01, nature 01) : en-têtes incomplets', () => {
    // CT2025.1 et CT2027.1 : S10.G00.00.002, .005, .007, .008, S20.G00.05.002, .003, .004, .005, .007,
    // .008, .010 = O en 01 ; toutes absentes du fichier.
    expect(brief(run('oneodes-autodetect-p26.dsn')!.report, 'usage-mandatory')).toEqual([
      '1 usage-mandatory S10.G00.00.002',
      '1 usage-mandatory S10.G00.00.005',
      '1 usage-mandatory S10.G00.00.007',
      '1 usage-mandatory S10.G00.00.008',
      '3 usage-mandatory S20.G00.05.002',
      '3 usage-mandatory S20.G00.05.003',
      '3 usage-mandatory S20.G00.05.004',
      '3 usage-mandatory S20.G00.05.005',
      '3 usage-mandatory S20.G00.05.007',
      '3 usage-mandatory S20.G00.05.008',
      '3 usage-mandatory S20.G00.05.010',
    ]);
  });

  it('pyapp-pasrates-fichier (P26V01, sans nature) : les rubriques O pour toutes les natures sont dues', () => {
    const r = run('pyapp-pasrates-fichier.dsn')!.report;
    // S20.G00.05.001 à .004 et .007 : O pour les 6 natures des deux tables ; .005 et .008 : I en 04, 05, 07, 08 (non dues sans nature).
    // S21.G00.30.006 (date de naissance) : O partout ; S21.G00.40.009 (numéro du contrat) : O pour 01 à 09 dans les deux tables.
    expect(brief(r, 'usage-mandatory').filter((x) => !x.includes('S10.G00.00'))).toEqual([
      '2 usage-mandatory S20.G00.05.001',
      '2 usage-mandatory S20.G00.05.002',
      '2 usage-mandatory S20.G00.05.003',
      '2 usage-mandatory S20.G00.05.004',
      '2 usage-mandatory S20.G00.05.007',
      '5 usage-mandatory S21.G00.30.006',
      '8 usage-mandatory S21.G00.40.009',
    ]);
    expect(r.findings.find((f) => f.rubrique === 'S20.G00.05.001')!.message).toContain('pour toutes les natures de déclaration (nature absente du fichier)');
  });

  it('dsnreader-demo-ben-consulting (P26V01, nature 01) : aucune rubrique obligatoire absente, bloc par bloc', () => {
    // Each block instance of the file (run of lines of one block, numbers increasing) against the rows of
    // both tables whose usage for 01 is O: all present. The only rubrique O for 01 absent from its blocks,
    // S21.G00.40.084 (CT2027.1, row 227 of 1_Tableau_des_usages.csv: O), is new in P27V01: absent from
    // CT2025.1 and from P26V01, not due. The expectation is computed here from the tables, then fixed:
    const { text, report } = run('dsnreader-demo-ben-consulting-2026-04-light-errors.dsn')!;
    expect(report.natures).toEqual(['01']);
    const [t25, t27] = TABLES_OF['dsn/P26V01'].map(ct);
    const missing = instances(text).flatMap((b) =>
      [...new Set([...t25.usage.keys(), ...t27.usage.keys()])]
        .filter((id) => id.startsWith(`${b.block}.`) && !b.present.has(id) && (t25.usage.get(id)?.['01'] === 'O' || t27.usage.get(id)?.['01'] === 'O'))
        .map((id) => `${b.line} ${id} ${t25.usage.get(id)?.['01'] ?? '-'}${t27.usage.get(id)?.['01'] ?? '-'}`),
    );
    expect(new Set(missing.map((x) => x.replace(/^\d+ /, '')))).toEqual(new Set(['S21.G00.40.084 -O']));
    expect(missing).toHaveLength(7); // one per contract (7 employees)
    expect(brief(report, 'usage-mandatory')).toEqual([]);
  });

  it('tsapp-dsnparser-fixture (sans version ni nature, contrôlé en P26V01) : les rubriques O pour toutes les natures sont dues', () => {
    // Nature absent: due are the rubriques O for the 6 natures of both tables (rows of 1_Tableau_des_usages.csv,
    // CT2025.1 / CT2027.1), absent from a block present in the file:
    // S10.G00.00.002, .005, .006, .007, .008 (rows 5, 8, 9, 10, 11 / same rows): block S10.G00.00 at line 1
    //   holds only S10.G00.00.001 (the version itself, .006, is missing);
    // S20.G00.05.001, .002, .003, .004, .007 (rows 27, 28, 29, 30, 33 / same): the block at line 4 holds only .005
    //   (.008 and .010 are I for 04, 05, 07, 08: not due without a nature);
    // S21.G00.40.009, numéro du contrat (row 157 / 156): absent from both contracts (lines 11 and 28);
    // S90.G00.90.002, nombre de DSN (row 573 / 594): the total block at line 41 holds only .001.
    const r = run('tsapp-dsnparser-fixture.dsn')!.report;
    expect(r.natures).toEqual([]);
    expect(brief(r, 'usage-mandatory')).toEqual([
      '1 usage-mandatory S10.G00.00.002',
      '1 usage-mandatory S10.G00.00.005',
      '1 usage-mandatory S10.G00.00.006',
      '1 usage-mandatory S10.G00.00.007',
      '1 usage-mandatory S10.G00.00.008',
      '4 usage-mandatory S20.G00.05.001',
      '4 usage-mandatory S20.G00.05.002',
      '4 usage-mandatory S20.G00.05.003',
      '4 usage-mandatory S20.G00.05.004',
      '4 usage-mandatory S20.G00.05.007',
      '11 usage-mandatory S21.G00.40.009',
      '28 usage-mandatory S21.G00.40.009',
      '41 usage-mandatory S90.G00.90.002',
    ]);
    for (const f of r.findings.filter((x) => x.rule === 'usage-mandatory')) expect(f.message).toContain('pour toutes les natures de déclaration (nature absente du fichier) (usage inféré des tableaux des usages de P25V01 et P27V01');
  });

  it('nature 01 avec une fin de contrat (S21.G00.62) : pas de « Bloc S21.G00.63 absent » ; nature 07 : si', () => {
    // CT2025.1 / CT2027.1, S21.G00.63.001 à .003 : N, N, N, O/C, N, N — le préavis n'est dû qu'en 07.
    const alarms = (file: string) => run(file)!.report.findings.filter((f) => f.rule === 'block-min' && f.message.startsWith('Bloc S21.G00.63 ')).map((f) => f.line);
    for (const f of ['dsnreader-demo-ben-consulting-2026-04-light-errors.dsn', 'dsnreader-missing_contract_fields.dsn', 'dsnreader-single_establishment.dsn', 'dsnreader-with_absences.dsn', 'dsnreader-with_unknown_exit_and_absence_codes.dsn']) {
      expect(alarms(f), f).toEqual([]);
    }
    expect(alarms('oneodes-valid-all-o-07.dsn')).toEqual([11]);
  });

  it('oneodes-sample_dsn_P25V01 (lot de 3 envois) : totaux par envoi justes, cardinalités par envoi', () => {
    const { report, text } = run('oneodes-sample_dsn_P25V01.dsn')!;
    // S90.G00.90.001 = 161, 155, 107 : lignes de chaque envoi S10…S90 (lignes 8–168, 169–323, 324–430).
    const lines = text.split('\n');
    expect([[8, 168], [169, 323], [324, 430]].map(([a, b]) => lines.slice(a - 1, b).length)).toEqual([161, 155, 107]);
    expect(report).toMatchObject({ envois: 3, declarations: 3, envelopeLines: 20 });
    expect(brief(report).filter((x) => /total-|block-max/.test(x))).toEqual([]);
    // Nature 07, S21.G00.63.001 = O (CT2025.1) : le préavis manque sous chacune des trois fins de contrat.
    expect(report.findings.filter((f) => f.message.startsWith('Bloc S21.G00.63 ')).map((f) => f.line)).toEqual([150, 308, 415]);
  });

  it('totaux faux, code hors liste, ISO-8859-1, bloc 51 en nature 07', () => {
    // The authors' own expectations, confirmed by the norm: S90.G00.90.001 = 10 for 7 lines; S90.G00.90.002 = 5 for 1 declaration.
    expect(brief(run('oneodes-hier-s90-mismatch.dsn')!.report, 'total-rubriques')).toHaveLength(1);
    expect(run('oneodes-hier-s90-mismatch.dsn')!.report.findings.find((f) => f.rule === 'total-rubriques')!.message).toBe('Nombre total de rubriques déclaré : 10 ; le fichier en contient 7.');
    expect(run('oneodes-envelope-s90-002-wrong.dsn')!.report.findings.find((f) => f.rule === 'total-declarations')!.message).toMatch(/^Nombre de déclarations déclaré : 5 ; le fichier contient 1 bloc\(s\) S20\.G00\.05\.$/);
    // DSN_Sexe (S21.G00.30.005) : 01, 02.
    expect(brief(run('oneodes-valid-enum-03.dsn')!.report, 'value-code')).toEqual([expect.stringMatching(/ value-code S21\.G00\.30\.005$/)]);
    // CT2025.1, S21.G00.51.011 : O en 07 — the block is not forbidden, whatever the authors' test says.
    expect(brief(run('oneodes-valid-forbidden-51-in-07.dsn')!.report).filter((x) => / usage-(forbidden|unused) S21\.G00\.51\./.test(x))).toEqual([]);
  });
});
