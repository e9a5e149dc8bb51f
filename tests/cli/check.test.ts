import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runNorme } from '../helpers/fixture.ts';

let dir: string;
let base: string[];

const run = (args: string[]) => runNorme(args, PROJECT_ROOT);
function write(name: string, content: string | Buffer): string {
  const f = path.join(dir, name);
  writeFileSync(f, content);
  return f;
}
const lineNo = (lines: string[], id: string) => lines.findIndex((l) => l.startsWith(id + ',')) + 1;
function setValue(lines: string[], id: string, value: string): string[] {
  return lines.map((l) => (l.startsWith(id + ',') ? `${id},'${value}'` : l));
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'norme-check-'));
  const f = path.join(dir, 'base.dsn');
  const r = await run(['sample', 'dsn/P26V01', '--salaries', '2', '--seed', '21', '--output', f]);
  expect(r.code).toBe(0);
  base = readFileSync(f, 'utf8').trimEnd().split('\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('norme check', () => {
  it('échantillon propre : code 0, version déclarée utilisée', async () => {
    const r = await run(['check', path.join(dir, 'base.dsn')]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const head = r.out.split('\n');
    expect(head[0]).toBe(`Auto-contrôle de ${path.join(dir, 'base.dsn')} : norme dsn/P26V01 (Année 2026 Version 1), version déclarée P26V01`);
    expect(head[1]).toBe(`${base.length} lignes, 1 déclaration (nature 01), encodage UTF-8`);
    expect(r.out).toContain('Bilan : Aucun constat');
    expect(r.out).toMatch(/^Contrôles non vérifiés automatiquement \(règle rédigée en texte\) : \d+ — CCH \d+/m);
    expect(r.out).toContain('Pas de tableau officiel des usages pour dsn/P26V01 : usages inférés de P25V01 et P27V01');
  });

  it('constat bloquant : ligne canonique, code 1 ; formats JSON et HTML', async () => {
    const f = write('siren.dsn', setValue(base, 'S21.G00.06.001', '123456789').join('\n') + '\n');
    const n = lineNo(base, 'S21.G00.06.001');
    const r = await run(['check', f]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${f}:${n}: bloquant S21.G00.06.001 Le SIREN de l'entreprise ne respecte pas la clé SIREN. Valeur : « 123456789 ». [key-siren] (S21.G00.06.001/CSL-11)`);
    const js = JSON.parse((await run(['check', f, '--format', 'json'])).out);
    expect(js.findings[0]).toMatchObject({ line: n, rubrique: 'S21.G00.06.001', rule: 'key-siren', severity: 'bloquant', control: 'S21.G00.06.001/CSL-11' });
    expect(js).toMatchObject({ version: 'dsn/P26V01', encoding: 'UTF-8' });
    const html = await run(['check', f, '--format', 'html']);
    expect(html.code).toBe(1);
    expect(html.out).toMatch(/^<!doctype html>\n<html lang="fr">/);
    expect(html.out).toContain('<td><code>S21.G00.06.001/CSL-11</code></td>');
  });

  it('--fail-on : un constat non bloquant ne fait échouer que sur demande', async () => {
    const f = write('vide.dsn', [...base.slice(0, 3), '', ...base.slice(3)].join('\n') + '\n');
    const r = await run(['check', f]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`${f}:4: non bloquant Ligne vide : chaque ligne doit porter une rubrique. [empty-line]`);
    expect((await run(['check', f, '--fail-on', 'non-bloquant'])).code).toBe(1);
  });

  it('ISO-8859-1 et CRLF', async () => {
    const long = 'É'.repeat(61);
    const text = setValue(base, 'S10.G00.01.003', long).join('\r\n') + '\r\n';
    const f = write('latin1.dsn', Buffer.from(text, 'latin1'));
    const r = await run(['check', f]);
    expect(r.code).toBe(1);
    expect(r.out.split('\n')[1]).toMatch(/encodage ISO-8859-1$/);
    expect(r.out).toContain(`${f}:${lineNo(base, 'S10.G00.01.003')}: bloquant S10.G00.01.003 Valeur « ${'É'.repeat(60)}… » de longueur 61 : le type Type_Alphanumeric_1-60 attend 1 à 60 caractères. [value-length]`);
    const ok = write('latin1-ok.dsn', Buffer.from(setValue(base, 'S10.G00.01.003', 'SOCIÉTÉ').join('\r\n') + '\r\n', 'latin1'));
    expect((await run(['check', ok])).code).toBe(0);
    const utf8 = write('utf8.dsn', setValue(base, 'S10.G00.01.003', 'SOCIÉTÉ').join('\n'));
    const u = await run(['check', utf8]);
    expect(u.code).toBe(0);
    expect(u.out.split('\n')[1]).toMatch(/encodage UTF-8$/);
  });

  it('--version force la version ; la valeur déclarée est alors signalée', async () => {
    const r = await run(['check', path.join(dir, 'base.dsn'), '--version', 'dsn/P27V01']);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`:${lineNo(base, 'S10.G00.00.006')}: bloquant S10.G00.00.006 Valeur « P26V01 » absente de la liste DSN_Version (valeurs admises : P27V01). [value-code]`);
  });

  it('entrée inexploitable : code 2 et message clair', async () => {
    const unknown = write('p23.dsn', setValue(base, 'S10.G00.00.006', 'P23V01').join('\n'));
    const r = await run(['check', unknown]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      `norme check : version déclarée « P23V01 » (S10.G00.00.006, ligne ${lineNo(base, 'S10.G00.00.006')}) inconnue du registre ; versions connues : dsn/P19V01, dsn/P24V01, dsn/P25V01, dsn/P26V01, dsn/P27V01, pasrau/201710. Précisez --version pour contrôler contre l'une d'elles.\n`,
    );
    const noVersion = write('sans-version.dsn', base.filter((l) => !l.startsWith('S10.G00.00.006')).join('\n'));
    expect((await run(['check', noVersion])).err).toMatch(/aucune version de norme déclarée/);
    const notDsn = write('texte.txt', 'Bonjour,\nceci n\'est pas une DSN.\n');
    const t = await run(['check', notDsn, '--version', 'dsn/P26V01']);
    expect(t.code).toBe(2);
    expect(t.err).toMatch(/n'est pas un fichier DSN\/PASRAU au format plat/);
    expect((await run(['check', path.join(dir, 'absent.dsn')])).code).toBe(2);
    expect((await run(['check', write('vide-total.dsn', '')])).code).toBe(2);
    expect((await run(['check', unknown, '--version', 'dsn/P99V01'])).err).toMatch(/version « dsn\/P99V01 » absente du registre/);
    expect((await run(['check', unknown, '--format', 'pdf'])).code).toBe(2);
  });

  it('causes claires : UTF-16 (code 2), espaces après l\'apostrophe (un constat par ligne), valeur de plusieurs Mo, caractère Windows-1252', async () => {
    const text = base.join('\r\n') + '\r\n';
    for (const [name, bytes, label] of [
      ['le.dsn', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'LE'],
      ['be-sans-bom.dsn', Buffer.from(text, 'utf16le').swap16(), 'BE'],
    ] as const) {
      const u = await run(['check', write(name, bytes)]);
      expect(u.code).toBe(2);
      expect(u.err).toBe(`norme check : ${path.join(dir, name)} est encodé en UTF-16 (${label}) : enregistrez-le en UTF-8 ou ISO-8859-1 (encodages de la norme).\n`);
    }
    // Every line ends with spaces: one finding per line, with the fix, the file is still checked.
    const spaced = await run(['check', write('espaces.dsn', base.map((l) => l + '   ').join('\n')), '--format', 'json']);
    expect(spaced.code).toBe(1);
    const sp = JSON.parse(spaced.out);
    expect(sp.counts.byRule).toEqual({ 'line-trailing-space': base.length });
    expect(sp.findings[0].message).toBe("3 espace(s) après l'apostrophe fermante (rubrique S10.G00.00.001) : supprimez-les, la ligne doit se terminer par l'apostrophe (forme S21.G00.30.001,'valeur').");
    // A 3 MB value: value-length on its rubrique, the rest of the file is read normally.
    const at = lineNo(base, 'S21.G00.06.004');
    const big = await run(['check', write('gros.dsn', setValue(base, 'S21.G00.06.004', 'A'.repeat(3_000_000)).join('\n')), '--format', 'json']);
    const bg = JSON.parse(big.out);
    expect(bg.findings.map((f: { line: number; rule: string; rubrique: string }) => `${f.line} ${f.rule} ${f.rubrique}`)).toEqual([`${at} value-length S21.G00.06.004`]);
    expect(bg.findings[0].message).toMatch(/^Valeur de plus de 64 Kio \(lecture de la ligne arrêtée\) : le type \S+ attend au plus \d+ caractère\(s\)\.$/);
    // ISO-8859-1 file with byte 0x92 (’ in Windows-1252).
    const w = Buffer.from(setValue(base, 'S21.G00.06.004', 'L\u2019ATELIER').join('\n'), 'latin1');
    w[w.indexOf(Buffer.from('L\u0019ATELIER', 'latin1')) + 1] = 0x92;
    const cp = await run(['check', write('cp1252.dsn', w), '--format', 'json']);
    const c = JSON.parse(cp.out);
    expect(c.findings).toEqual([
      { line: at, rubrique: 'S21.G00.06.004', rule: 'value-charset', severity: 'bloquant', level: 'error', message: "Caractère « ’ » (octet 0x92) propre à Windows-1252, absent d'ISO-8859-1 : le fichier doit être en ISO-8859-1 (ou UTF-8) ; remplacez-le par « ' »." },
    ]);
  });

  it('plusieurs fichiers et dossiers en un appel : un rapport par fichier, un résumé, le plus grand code ; --format jsonl', async () => {
    const d = path.join(dir, 'lot');
    mkdirSync(path.join(d, 'sous'), { recursive: true });
    writeFileSync(path.join(d, 'a.dsn'), base.join('\n') + '\n');
    writeFileSync(path.join(d, 'sous', 'b.dsn'), setValue(base, 'S21.G00.06.001', '123456789').join('\n') + '\n');
    writeFileSync(path.join(d, '.cache'), 'ignoré');
    const vide = write('vide-multi.dsn', '');
    const r = await run(['check', d, vide]);
    expect(r.code).toBe(2);
    const a = path.join(d, 'a.dsn');
    const b = path.join(d, 'sous', 'b.dsn');
    expect(r.out.split('\n').filter((l) => l.startsWith('Auto-contrôle de '))).toEqual([
      `Auto-contrôle de ${a} : norme dsn/P26V01 (Année 2026 Version 1), version déclarée P26V01`,
      `Auto-contrôle de ${b} : norme dsn/P26V01 (Année 2026 Version 1), version déclarée P26V01`,
    ]);
    expect(r.out).toContain(`${b}:${lineNo(base, 'S21.G00.06.001')}: bloquant S21.G00.06.001 `);
    expect(r.out.slice(r.out.indexOf('Résumé'))).toMatch(/^Résumé : 3 fichiers contrôlés\n.*a\.dsn +dsn\/P26V01 +aucun constat\n.*b\.dsn +dsn\/P26V01 +1 bloquant, 0 non bloquant\n.*vide-multi\.dsn +inexploitable : le fichier .* est vide\.\n1 sans constat, 1 avec constats, 1 inexploitable\(s\)\.\n$/);
    expect(r.err).toBe(`norme check : le fichier ${vide} est vide.\n`);
    const j = await run(['check', d, '--format', 'jsonl']);
    expect(j.code).toBe(1);
    const lines = j.out.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.file ?? 'résumé')).toEqual([a, b, 'résumé']);
    expect(lines[1].counts.bloquant).toBe(1);
    expect(lines[2].summary.map((o: { status: string }) => o.status)).toEqual(['sans constat', 'constats']);
    expect((await run(['check', d, '--format', 'json'])).code).toBe(2);
  });

  it('aucune valeur personnelle dans les rapports', async () => {
    const nir = '2991299999999';
    const ddn = '31021990';
    const nom = 'NOMTRESPERSONNEL'.repeat(6);
    let lines = setValue(base, 'S21.G00.30.001', nir);
    lines = setValue(lines, 'S21.G00.30.006', ddn);
    lines = setValue(lines, 'S21.G00.30.002', nom);
    const f = write('perso.dsn', lines.join('\n'));
    for (const format of ['text', 'json', 'html']) {
      const r = await run(['check', f, '--format', format]);
      expect(r.code).toBe(1);
      expect(r.out).toContain('valeur masquée');
      for (const v of [nir, ddn, nom.slice(0, 20)]) expect(r.out).not.toContain(v);
    }
  });
});
