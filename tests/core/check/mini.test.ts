/**
 * The checker against a hand-written check model (tests/fixtures/check/mini): instance
 * rebuilding, cardinalities per parent instance, usages per nature, keys, totals, masking.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLines, checkText, createChecker, formatFinding, formatHtml, formatJson, formatText, type CheckModel, type CheckReport } from '../../../src/core/check/index.ts';
import { FIXTURES } from '../../helpers/fixture.ts';

const DIR = path.join(FIXTURES, 'check/mini');
const model = JSON.parse(readFileSync(path.join(DIR, 'check-model.json'), 'utf8')) as CheckModel;
const BASE = readFileSync(path.join(DIR, 'mini.dsn'), 'utf8').trimEnd().split('\n');

/** Replace the 1-based line `n` (undefined removes it). */
function edit(lines: string[], n: number, to?: string): string[] {
  const out = [...lines];
  if (to === undefined) out.splice(n - 1, 1);
  else out[n - 1] = to;
  return out;
}
function insertAfter(lines: string[], n: number, ...add: string[]): string[] {
  return [...lines.slice(0, n), ...add, ...lines.slice(n)];
}
/** Fix the total so that only the intended finding remains. */
function withTotal(lines: string[]): string[] {
  return lines.map((l) => (l.startsWith('S90.G00.90.001,') ? `S90.G00.90.001,'${lines.filter((x) => x !== '').length}'` : l));
}
function check(lines: string[]): CheckReport {
  return checkText(model, lines.join('\n') + '\n');
}
const brief = (r: CheckReport) => r.findings.map((f) => `${f.line} ${f.rule} ${f.rubrique ?? '-'}${f.control ? ` ${f.control}` : ''}`);

describe('vérificateur, modèle miniature', () => {
  it('le fichier de référence est propre', () => {
    const r = check(BASE);
    expect(brief(r)).toEqual([]);
    expect(r).toMatchObject({ version: 'demo/V1', declaredVersion: 'V1', lines: 23, rubriques: 23, declarations: 1, natures: ['01'] });
    expect(r.verified.controls).toEqual(['S21.G00.06.001/CSL-11', 'S21.G00.06.002/CSL-11', 'S21.G00.30.006/CSL-11']);
    expect(r.unverified.byFamily).toEqual({ CCH: 3, CST: 1, CME: 1, SIG: 1 });
    expect(r.unverified.byRubrique.map((u) => `${u.rubrique}: ${u.controls.join(' ')}`)).toEqual([
      'S20.G00.05.001: S20.G00.05.001/CCH-11 S20.G00.05.001/CST-11',
      'S21.G00.06.001: S21.G00.06.001/CME-11',
      'S21.G00.30.001: S21.G00.30.001/CCH-11',
      'S21.G00.30.006: S21.G00.30.006/CCH-11',
      'S21.G00.40.001: S21.G00.40.001/SIG-14',
    ]);
  });

  it('une instance enfant se rattache à la dernière instance du parent : cardinalité par instance', () => {
    // The 2nd individual (line 17) loses its contract: only it is reported, not the 1st one (2 contracts).
    const r = check(withTotal(edit(edit(BASE, 21), 20)));
    expect(brief(r)).toEqual(['17 block-min S21.G00.30.001']);
    expect(r.findings[0].message).toBe('Bloc S21.G00.40 (Contrat) absent dans le bloc S21.G00.30 (Individu) commencé ligne 17 : au moins 1 attendu(s).');
  });

  it("un numéro de rubrique non croissant ouvre une nouvelle instance ; 0..1 compté par contrat", () => {
    // A second "fin du contrat" under the FIRST contract (after line 13) is fine: one per contract.
    expect(brief(check(withTotal(insertAfter(BASE, 13, "S21.G00.62.001,'31012024'"))))).toEqual([]);
    // Two under the same contract: the repeated 001 opens a 2nd instance → max exceeded.
    const r = check(withTotal(insertAfter(BASE, 16, "S21.G00.62.001,'28022024'")));
    expect(brief(r)).toEqual(['17 block-max S21.G00.62.001']);
    expect(r.findings[0].message).toBe('Bloc S21.G00.62 (Fin du contrat) répété 2 fois dans le bloc S21.G00.40 (Contrat) commencé ligne 14 : au plus 1 autorisé(s).');
  });

  it('rubrique après les blocs enfants de son bloc', () => {
    const moved = [...BASE.slice(0, 10), ...BASE.slice(11, 13), BASE[10], ...BASE.slice(13)];
    expect(moved[12]).toBe("S21.G00.30.006,'15031985'");
    const r = check(moved);
    expect(brief(r)).toEqual(['13 rubrique-order S21.G00.30.006']);
  });

  it('bloc hors de son parent', () => {
    const r = check(withTotal(insertAfter(BASE, 8, "S21.G00.40.001,'01012024'")));
    expect(brief(r)[0]).toBe('9 block-parent S21.G00.40.001');
    expect(r.findings[0].message).toBe("Le bloc S21.G00.40 (Contrat) doit se trouver dans un bloc S21.G00.30 (Individu) ; il apparaît après le bloc S21.G00.06 (Entreprise).");
  });

  it('blocs obligatoires du fichier', () => {
    const r = check(BASE.slice(0, 21));
    expect(brief(r)).toEqual(['21 block-min -']);
    expect(r.findings[0].message).toBe('Bloc S90.G00.90 (Total de l\'envoi) absent dans le fichier : au moins 1 attendu(s).');
  });

  it('types de données : longueur, format, liste, date du calendrier', () => {
    const lines = withTotal(edit(edit(edit(edit(BASE, 7, "S21.G00.06.001,'73282932'"), 13, "S21.G00.40.007,'03'"), 14, "S21.G00.40.001,'30022024'"), 20, "S21.G00.40.001,'1.012024'"));
    const r = check(lines);
    expect(brief(r)).toEqual(['7 value-length S21.G00.06.001', '13 value-code S21.G00.40.007', '14 value-date S21.G00.40.001', '20 value-format S21.G00.40.001']);
    expect(r.findings.map((f) => f.message)).toEqual([
      'Valeur « 73282932 » de longueur 8 : le type Siren attend 9 caractère(s).',
      'Valeur « 03 » absente de la liste NatureContrat (valeurs admises : 01, 02).',
      'Date « 30022024 » inexistante dans le calendrier (format JJMMAAAA, par exemple 15012026).',
      'Valeur « 1.012024 » non conforme au format du type Date ((0[1-9]|[1-2][0-9]|3[0-1])(0[1-9]|1[0-2])(19|20)[0-9]{2}), par exemple « 15012026 ».',
    ]);
    expect(r.findings.every((f) => f.severity === 'bloquant')).toBe(true);
  });

  it('clés SIREN et NIC liées aux contrôles CSL de la norme', () => {
    const r = check(edit(BASE, 7, "S21.G00.06.001,'732829321'"));
    // The NIC is not judged against a wrong SIREN.
    expect(brief(r)).toEqual(['7 key-siren S21.G00.06.001 S21.G00.06.001/CSL-11']);
    expect(r.findings[0].message).toBe("Le SIREN de l'entreprise ne respecte pas la clé SIREN. Valeur : « 732829321 ».");
    const n = check(edit(BASE, 8, "S21.G00.06.002,'00018'"));
    expect(brief(n)).toEqual(['8 key-nic S21.G00.06.002 S21.G00.06.002/CSL-11']);
    expect(n.findings[0].message).toBe('NIC « 00018 » : avec le SIREN de S21.G00.06.001, il ne forme pas un SIRET valide (formule de Luhn).');
  });

  it('date de naissance : calendrier avec les exceptions 00/99 du contrôle CSL', () => {
    expect(brief(check(edit(BASE, 11, "S21.G00.30.006,'99991985'")))).toEqual([]);
    const r = check(edit(BASE, 11, "S21.G00.30.006,'31021985'"));
    expect(brief(r)).toEqual(['11 calendar S21.G00.30.006 S21.G00.30.006/CSL-11']);
    expect(r.findings[0].message).toBe('Date (valeur masquée, 8 caractères) hors calendrier.');
  });

  it('usages : obligatoire absent, interdit et non utilisé selon la nature', () => {
    const missing = check(withTotal(edit(BASE, 18)));
    expect(brief(missing)).toEqual(['17 usage-mandatory S21.G00.30.002']);
    expect(missing.findings[0].message).toBe('Rubrique S21.G00.30.002 (Nom de famille) absente du bloc S21.G00.30 commencé ligne 17 : elle est obligatoire (usage O) pour la nature 01.');
    const at = check(edit(BASE, 5, "S20.G00.05.001,'04'"));
    expect(brief(at)).toEqual([
      '4 usage-forbidden S10.G00.01.002',
      '13 usage-forbidden S21.G00.40.007',
      '15 usage-forbidden S21.G00.40.007',
      '16 usage-unused S21.G00.62.001',
      '21 usage-forbidden S21.G00.40.007',
    ]);
    expect(at.findings[3]).toMatchObject({ severity: 'non bloquant', message: 'Rubrique S21.G00.62.001 (Date de fin du contrat) non utilisée (usage N) pour la nature 04 : elle ne devrait pas être transmise.' });
    // Rubriques read before the nature are checked once it is known (S10.G00.01 closes at line 5).
    const noEmitter = check(withTotal(edit(BASE, 3)));
    expect(brief(noEmitter)).toEqual(['3 usage-mandatory S10.G00.01.001']);
  });

  it('totaux S90', () => {
    const r = check(edit(edit(BASE, 22, "S90.G00.90.001,'24'"), 23, "S90.G00.90.002,'2'"));
    expect(brief(r)).toEqual(['22 total-rubriques S90.G00.90.001', '23 total-declarations S90.G00.90.002']);
    expect(r.findings.map((f) => f.message)).toEqual(['Nombre total de rubriques déclaré : 24 ; le fichier en contient 23.', 'Nombre de déclarations déclaré : 2 ; le fichier contient 1 bloc(s) S20.G00.05.']);
  });

  it('syntaxe des lignes, rubrique inconnue, ligne vide non bloquante', () => {
    const lines = insertAfter(edit(edit(BASE, 10, 'S21.G00.30.002 DUPONT'), 12, "S21.G00.40.099,'x'"), 20, '');
    const r = check(lines);
    // The malformed line does not count as the (mandatory) family name; the empty line is not a rubrique (total 23 stays right).
    expect(brief(r)).toEqual(['9 usage-mandatory S21.G00.30.002', '10 line-syntax -', '12 unknown-rubrique S21.G00.40.099', '21 empty-line -']);
    expect(r.findings[1].message).toBe("Ligne mal formée : la forme attendue est S21.G00.30.001,'valeur' (valeur entre apostrophes).");
    expect(r.findings[2].message).toBe("Rubrique inconnue dans la norme demo/V1 : le bloc S21.G00.40 (Contrat) n'a pas de rubrique 099.");
    expect(r.findings[3].severity).toBe('non bloquant');
    expect(r.counts).toMatchObject({ bloquant: 3, 'non bloquant': 1 });
  });

  it('CRLF, BOM et découpage arbitraire en morceaux donnent le même résultat', async () => {
    const mutated = edit(BASE, 13, "S21.G00.40.007,'03'");
    const ref = brief(check(mutated));
    const crlf = '\ufeff' + mutated.join('\r\n') + '\r\n';
    const c = createChecker(model);
    for (let i = 0; i < crlf.length; i += 7) c.pushText(crlf.slice(i, i + 7));
    expect(brief(c.end())).toEqual(ref);
    expect(brief(await checkLines(model, mutated))).toEqual(ref);
    // No final newline: the last line is still read.
    expect(brief(checkText(model, mutated.join('\n')))).toEqual(ref);
  });

  it('ligne démesurée (fichier binaire, sauts de ligne absents) : signalée, mémoire bornée', () => {
    const c = createChecker(model);
    c.pushText(BASE.slice(0, 3).join('\n') + '\n');
    for (let i = 0; i < 50; i++) c.pushText('x'.repeat(10_000));
    c.pushText('y\n' + BASE.slice(3).join('\n') + '\n');
    const r = c.end();
    expect(brief(r)).toEqual(['4 line-syntax -', '23 total-rubriques S90.G00.90.001']);
    expect(r.lines).toBe(24);
  });

  it('plusieurs déclarations : nature propre à chacune', () => {
    const decl2 = ["S20.G00.05.001,'04'", "S20.G00.05.002,'01'", "S21.G00.06.001,'732829320'", "S21.G00.30.001,'1850175123456'", "S21.G00.30.002,'DUPONT'", "S21.G00.40.001,'01012024'", "S21.G00.40.007,'01'"];
    const lines = withTotal([...BASE.slice(0, 21), ...decl2, ...BASE.slice(21)].map((l) => (l === "S90.G00.90.002,'1'" ? "S90.G00.90.002,'2'" : l)));
    const r = check(lines);
    expect(brief(r)).toEqual(['28 usage-forbidden S21.G00.40.007']);
    expect(r).toMatchObject({ declarations: 2, natures: ['01', '04'] });
  });

  it('plusieurs envois (enveloppe de lot S05/S06…S96/S95) : totaux et cardinalités envoi par envoi, constats qui nomment l\'envoi', () => {
    const lot = ["S05.G51.00.001,'V01R02'", "S06.G51.00.001,'DSNOK'"];
    const end = ["S96.G51.00.001,'FINSL'", "S95.G51.00.002,'2'"];
    const clean = check([...lot, ...BASE, ...BASE, ...end]);
    // Each S90.G00.90.001 counts its own envoi (23 lines), the envelope is left out.
    expect(brief(clean)).toEqual([]);
    expect(clean).toMatchObject({ envois: 2, envelopeLines: 4, declarations: 2, rubriques: 50 });
    expect(clean.unverified.notes).toContain("4 ligne(s) d'enveloppe de lot (S05, S06, S95, S96) autour des envois : hors des tables de la norme, non contrôlées ; chaque envoi est contrôlé séparément (totaux S90, cardinalités).");
    // Second envoi without its S90 block, first one with a wrong total.
    const second = BASE.filter((l) => !l.startsWith('S90.'));
    const first = edit(BASE, 22, "S90.G00.90.001,'99'");
    const r = check([...lot, ...first, ...second]);
    expect(brief(r)).toEqual(['24 total-rubriques S90.G00.90.001', '46 block-min -']);
    expect(r.findings.map((f) => f.message)).toEqual([
      "Nombre total de rubriques déclaré : 99 ; l'envoi 1 (lignes 3 à 25) en contient 23.",
      "Bloc S90.G00.90 (Total de l'envoi) absent dans l'envoi 2 (commencé ligne 26) : au moins 1 attendu(s).",
    ]);
    expect(formatText(r, { file: 'lot.dsn' }).split('\n')[1]).toBe('46 lignes, 2 envois, 2 déclarations (nature 01)');
  });

  it('limite de constats : les suivants sont comptés, pas gardés', () => {
    const many = BASE.flatMap((l, i) => (i === 12 ? Array.from({ length: 30 }, () => "S21.G00.40.007,'09'") : [l]));
    const r = checkText(model, withTotal(many).join('\n'), { maxFindings: 5 });
    expect(r.findings).toHaveLength(5);
    expect(r.counts.byRule['value-code']).toBe(30);
    expect(r.omittedFindings).toBeGreaterThan(0);
  });
});

describe('masquage des données personnelles', () => {
  const personal = ['1850175123456', '2850175123456', 'DUPONT', 'MARTIN', '15031985', '00001990', '1850175X23456', 'DUP0NT_TROP_LONG_POUR_LE_TYPE', '32131985'];
  const lines = withTotal([
    ...edit(edit(edit(BASE, 9, "S21.G00.30.001,'1850175X23456'"), 10, "S21.G00.30.002,'DUP0NT_TROP_LONG_POUR_LE_TYPE'"), 11, "S21.G00.30.006,'32131985'"),
  ]);
  const r = check(lines);

  it('les constats portent sur les rubriques personnelles, sans leur valeur', () => {
    expect(brief(r)).toEqual(['9 value-format S21.G00.30.001', '10 value-length S21.G00.30.002', '11 value-format S21.G00.30.006']);
    expect(r.findings.map((f) => f.message)).toEqual([
      'Valeur (valeur masquée, 13 caractères) non conforme au format du type Nir ([1-2][0-9]{12}), par exemple « 2882314129213 ».',
      'Valeur (valeur masquée, 29 caractères) de longueur 29 : le type Texte attend 1 à 20 caractères.',
      'Valeur (valeur masquée, 8 caractères) non conforme au format du type Ddn ((0[0-9]|[1-2][0-9]|3[0-1]|99)(0[0-9]|1[0-2]|99)(19|20)[0-9]{2}), par exemple « 30992005 ».',
    ]);
  });

  it('aucun rapport (texte, JSON, HTML) ne contient de valeur personnelle', () => {
    const ctx = { file: 'mini.dsn', encoding: 'UTF-8' };
    for (const out of [formatText(r, ctx), formatJson(r, ctx), formatHtml(r, ctx), ...r.findings.map((f) => formatFinding(f, 'x'))]) {
      for (const p of personal) expect(out).not.toContain(p);
    }
  });
});
