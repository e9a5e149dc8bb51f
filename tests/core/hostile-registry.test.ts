/**
 * Contributions hostiles ou cassées au registre (issue #22) : le chargement ne plante pas, ne
 * boucle pas, ne lit rien hors du dépôt, et chaque problème est une ligne de diagnostic.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fixtureCopy, runNorme, type Edit } from '../helpers/fixture.ts';
import { registryLines } from '../helpers/registry.ts';

const V = 'norm/demo/V1/version.yaml';
const H = 'norm/demo/V1/blocks/S10.G00.00.yaml';
const NEW = 'norm/demo/V1/blocks/S10.G00.01.yaml';

/** The diagnostic lines of a fixture copy after `edits` and `setup(root)`. */
const lines = (edits: Edit[], setup?: (root: string) => void, fixture = 'valid') => registryLines(edits, { setup, fixture });

/** The 14-line "billion laughs": 9^9 strings once expanded. */
const ALIAS_BOMB = [
  '# bombe à alias (« billion laughs »)',
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
  'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
  'id: S10.G00.01',
  'name: Bombe',
  'cardinality: { min: 0, max: 1 }',
  'rubriques: *i',
].join('\n') + '\n';

describe('travail borné sur le YAML', () => {
  it('la bombe à alias de 14 lignes donne un diagnostic (ancres et alias refusés)', () => {
    expect(lines([{ file: NEW, to: ALIAS_BOMB }])).toEqual([
      `${NEW}:2:4: erreur Ancre YAML \`&a\` refusée : les fichiers du registre n'utilisent ni ancre ni alias [yaml-alias]`,
    ]);
  });

  it('un alias seul (sans ancre connue) est refusé de même, à sa position', () => {
    expect(lines([{ file: H, from: 'name: Envoi', to: 'name: *nom' }])).toEqual([
      `${H}:3:7: erreur Alias YAML \`*nom\` refusé : les fichiers du registre n'utilisent ni ancre ni alias [yaml-alias]`,
    ]);
  });

  it.each([
    ['crochets', 'rubriques: ' + '['.repeat(100_000) + '\n', `${NEW}:1:76:`],
    ['tirets sur une ligne (listes compactes)', 'rubriques:\n' + '- '.repeat(100_000) + 'x\n', `${NEW}:2:129:`],
  ])('une imbrication absurde (%s) est refusée avant l\'analyse', (_n, text, where) => {
    expect(lines([{ file: NEW, to: text }])).toEqual([
      `${where} erreur Imbrication YAML trop profonde : plus de 64 niveaux ouverts à la fois (crochets, accolades ou tirets) [yaml-too-deep]`,
    ]);
  });

  it('un fichier YAML de plus de 2 Mo est refusé sans être analysé', () => {
    const big = '# ' + 'x'.repeat(78) + '\n';
    expect(lines([{ file: NEW, to: big.repeat(27_000) }])).toEqual([
      `${NEW}: erreur Fichier trop volumineux (2,1 Mo) : un fichier du registre fait au plus 2 Mo [file-too-large]`,
    ]);
  });
});

describe('un type de fichier inattendu ne fait pas planter le chargement', () => {
  const asFile = (dir: string): Edit[] => [{ file: dir, to: null }, { file: dir, to: 'ceci est un fichier\n' }];

  it.each([
    ['blocks', 'norm/demo/V1/blocks'],
    ['datatypes', 'norm/demo/V1/datatypes'],
  ])('`%s` est un fichier', (_n, dir) => {
    expect(lines(asFile(dir)).filter((l) => l.startsWith(dir + ':'))).toEqual([
      `${dir}: erreur \`${dir}\` est un fichier : un dossier est attendu [not-a-directory]`,
    ]);
  });

  it('`journal` est un fichier', () => {
    const dir = 'norm/demo/V1/journal';
    expect(lines([{ file: dir, to: 'x\n' }])).toEqual([`${dir}: erreur \`${dir}\` est un fichier : un dossier est attendu [not-a-directory]`]);
  });

  it('un fichier de bloc qui est un dossier', () => {
    expect(lines([], (root) => mkdirSync(path.join(root, NEW)))).toEqual([
      `${NEW}: erreur \`${NEW}\` est un dossier : un fichier YAML est attendu [not-a-file]`,
    ]);
  });

  it('un tube nommé (FIFO) n\'est jamais lu (la lecture bloquerait)', () => {
    expect(lines([], (root) => execFileSync('mkfifo', [path.join(root, NEW)]))).toEqual([
      `${NEW}: erreur \`${NEW}\` n'est pas un fichier ordinaire : un fichier YAML est attendu [not-a-file]`,
    ]);
  });

  it('un nom de fichier à la mauvaise casse (`.YAML`) est signalé, pas ignoré', () => {
    const upper = 'norm/demo/V1/blocks/S10.G00.01.YAML';
    expect(lines([{ file: upper, to: 'id: S10.G00.01\n' }])).toEqual([
      `${upper}: erreur Extension \`.YAML\` non lue : les fichiers du registre se terminent par \`.yaml\` (en minuscules) [file-extension]`,
    ]);
  });

  it('un lien symbolique vers /etc/passwd est refusé, sa cible n\'est ni lue ni affichée', async () => {
    const f = fixtureCopy('valid');
    try {
      symlinkSync('/etc/passwd', path.join(f.root, NEW));
      const r = await runNorme(['validate'], f.root);
      expect(r.code).toBe(1);
      const out = r.out + r.err;
      expect(out).toContain(`${NEW}: erreur Lien symbolique refusé : le registre ne lit que des fichiers et dossiers ordinaires [symlink]`);
      expect(out).not.toContain('root:');
      expect(out).not.toContain('/etc/passwd');
    } finally {
      f.cleanup();
    }
  });

  it('`npx norme validate` : code de sortie 1 (jamais 70), aucune trace de pile, pour chaque cas', async () => {
    const setups: Array<(root: string) => void> = [
      (root) => writeFileSync(path.join(root, 'norm/demo/V1/journal'), 'x\n'),
      (root) => mkdirSync(path.join(root, NEW)),
      (root) => execFileSync('mkfifo', [path.join(root, NEW)]),
      (root) => writeFileSync(path.join(root, NEW), ALIAS_BOMB),
      (root) => symlinkSync('/etc', path.join(root, 'norm/demo/V1/datatypes/etc.yaml')),
    ];
    for (const setup of setups) {
      const f = fixtureCopy('valid');
      try {
        setup(f.root);
        const r = await runNorme(['validate'], f.root);
        expect(r.code, setup.toString()).toBe(1);
        expect(r.out + r.err).not.toMatch(/\n\s+at |Error:/);
      } finally {
        f.cleanup();
      }
    }
  });

  it('un dossier de version qui est un lien symbolique est refusé aussi', () => {
    const link = 'norm/demo/V2';
    expect(lines([], (root) => symlinkSync(path.join(root, 'norm/demo/V1'), path.join(root, link)))).toEqual([
      `${link}: erreur Lien symbolique refusé : le registre ne lit que des fichiers et dossiers ordinaires [symlink]`,
    ]);
  });
});

describe('les erreurs silencieuses deviennent des diagnostics', () => {
  /** Replace the first occurrence of `from` (as UTF-8) by raw bytes. */
  const withBytes = (file: string, from: string, bytes: number[]) => (root: string) => {
    const abs = path.join(root, file);
    const buf = readFileSync(abs);
    const i = buf.indexOf(from);
    writeFileSync(abs, Buffer.concat([buf.subarray(0, i), Buffer.from(bytes), buf.subarray(i + Buffer.byteLength(from))]));
  };

  it('UTF-8 invalide : signalé à la ligne et à la colonne de l\'octet', () => {
    expect(lines([], withBytes(H, 'Envoi', [...Buffer.from('Env'), 0xff, ...Buffer.from('oi')]))).toEqual([
      `${H}:3:10: erreur Octet 0xFF invalide en UTF-8 : enregistrez le fichier en UTF-8 [invalid-utf8]`,
    ]);
  });

  it('un « é » en Latin-1 (octet 0xE9) est signalé, pas remplacé par U+FFFD', () => {
    // "    name: Nom du logiciel utilis|é" : le « é » (C3 A9 en UTF-8) écrit en Latin-1.
    expect(lines([], withBytes(H, 'utilisé', [...Buffer.from('utilis'), 0xe9]))).toEqual([
      `${H}:11:33: erreur Octet 0xE9 invalide en UTF-8 : enregistrez le fichier en UTF-8 [invalid-utf8]`,
    ]);
  });

  it.each([
    ['date d\'édition au 13e mois', { file: V, from: 'date: 2025-09-19', to: 'date: 2025-13-45' }, `${V}:9:11: erreur Date impossible \`2025-13-45\` pour \`editions.0.date\` : attendu une date du calendrier AAAA-MM-JJ [invalid-date]`],
    ['30 février', { file: V, from: 'date: 2025-09-19', to: 'date: 2026-02-30' }, `${V}:9:11: erreur Date impossible \`2026-02-30\` pour \`editions.0.date\` : attendu une date du calendrier AAAA-MM-JJ [invalid-date]`],
    ['mois d\'applicabilité 13', { file: V, from: 'from: 2026-01', to: 'from: 2026-13' }, `${V}:11:9: erreur \`applicability.from\` : la valeur \`2026-13\` n'est pas un mois AAAA-MM (01 à 12) [schema]`],
  ])('%s', (_n, edit, expected) => {
    expect(lines([edit])).toEqual([expected]);
  });

  it('une date mal formée n\'est signalée qu\'une fois (motif, pas format)', () => {
    expect(lines([{ file: V, from: 'date: 2025-09-19', to: 'date: 19/09/2025' }])).toEqual([
      `${V}:9:11: erreur \`editions.0.date\` : la valeur \`19/09/2025\` n'est pas une date AAAA-MM-JJ du calendrier [schema]`,
    ]);
  });

  it('29 février d\'une année bissextile : accepté', () => {
    expect(lines([{ file: V, from: 'date: 2025-09-19', to: 'date: 2024-02-29' }])).toEqual([]);
  });

  it('date impossible dans une entrée de journal', () => {
    const J = 'norm/demo/V1/journal/JMN-2026-001.yaml';
    expect(lines([{ file: J, from: 'date: 2026-02-10', to: 'date: 2026-02-30' }], undefined, 'journal/valid')).toEqual([
      `${J}:3:7: erreur Date impossible \`2026-02-30\` pour \`date\` : attendu une date du calendrier AAAA-MM-JJ [invalid-date]`,
    ]);
  });

  it('`previous` qui désigne la version elle-même', () => {
    expect(lines([{ file: V, from: 'previous: null', to: 'previous: V1' }])).toEqual([
      `${V}:6:11: erreur La version \`V1\` se désigne elle-même comme version précédente [previous-cycle]`,
    ]);
  });

  it('`previous` qui forme un cycle entre deux versions', () => {
    const V2 = 'norm/demo/V2/version.yaml';
    const v2 = 'id: V2\nfamily: demo\nname: Version 2\nstatus: draft\nprevious: V1\neditions: []\nusages:\n  status: non publié\nprovenance:\n  sources: []\n';
    expect(lines([{ file: V, from: 'previous: null', to: 'previous: V2' }, { file: V2, to: v2 }])).toEqual([
      `${V}:6:11: erreur Cycle de versions précédentes : \`V1\` → \`V2\` → \`V1\` [previous-cycle]`,
    ]);
  });

  it('une entrée de journal qui crée un cycle de blocs parents est refusée', () => {
    const J = 'norm/demo/V1/journal/JMN-2026-004.yaml';
    const entry = [
      'id: JMN-2026-004',
      'date: 2026-06-15',
      'kind: anomalie',
      'title: Exemple de cycle',
      'explanation: Exemple inventé.',
      'edition: 2026.1.2',
      'example: true',
      'operations:',
      '  - op: set',
      '    element: block',
      '    id: S10.G00.00',
      '    field: parent',
      '    from: null',
      '    to: S21.G00.40',
      '',
    ].join('\n');
    expect(lines([{ file: J, to: entry }], undefined, 'journal/valid')).toEqual([
      // The message of `norme validate`: the journal runs the validate stage on the amended version.
      `${J}:14:9: erreur Cycle dans la hiérarchie des blocs : \`S10.G00.00\` → \`S21.G00.40\` → \`S10.G00.00\` [block-cycle]`,
    ]);
  });
});
