/**
 * Contributions hostiles ou cassées au registre (issue #22) : le chargement ne plante pas, ne
 * boucle pas, ne lit rien hors du dépôt, et chaque problème est une ligne de diagnostic.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { formatDiagnostic, loadRegistry } from '../../src/core/index.ts';
import { fixtureCopy, runNorme, type Edit } from '../helpers/fixture.ts';

const V = 'norm/demo/V1/version.yaml';
const H = 'norm/demo/V1/blocks/S10.G00.00.yaml';
const NEW = 'norm/demo/V1/blocks/S10.G00.01.yaml';

/** Load a copy of a fixture after `edits` and `setup(root)`; the diagnostics as canonical lines. */
function lines(edits: Edit[], setup?: (root: string) => void, fixture = 'valid'): string[] {
  const f = fixtureCopy(fixture, edits);
  try {
    setup?.(f.root);
    return loadRegistry(f.root).diagnostics.map(formatDiagnostic);
  } finally {
    f.cleanup();
  }
}

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

  it('un dossier de version qui est un lien symbolique est refusé aussi', () => {
    const link = 'norm/demo/V2';
    expect(lines([], (root) => symlinkSync(path.join(root, 'norm/demo/V1'), path.join(root, link)))).toEqual([
      `${link}: erreur Lien symbolique refusé : le registre ne lit que des fichiers et dossiers ordinaires [symlink]`,
    ]);
  });
});
