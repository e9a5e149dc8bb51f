/**
 * Hostile fiches (issue #22): links a browser would run, and inputs meant to crash or stall the
 * loader. Each case is what an untrusted pull request could contain.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkMdx, formatDiagnostic, loadConsignes, loadRegistry, renderConsigneHtml } from '../../../src/core/index.ts';
import { runNorme } from '../../helpers/fixture.ts';
import { consigneLines, consignesFixture, type FileEdit } from './helpers.ts';

const F1 = 'consignes/1/fiche.mdx';
const F2 = 'consignes/2/fiche.mdx';
const R1 = 'consignes/1/revisions/1.mdx';
/** Append a paragraph at the end of fiche 2 (the new paragraph is line 22). */
const inF2 = (s: string): FileEdit[] => [{ file: F2, from: 'code="10"/>.', to: 'code="10"/>.\n\n' + s }];
const forbidden = (shown: string, line = 22) =>
  `${F2}:${line}:1: erreur Lien \`${shown}\` interdit : seuls les liens http(s), mailto et relatifs sont admis [consigne-link-forbidden]`;
const href = () => '/x/';

type Case = [string, string, string[]];

describe('fiches consignes : liens jugés comme un navigateur les lit', () => {
  const cases: Case[] = [
    ['tabulation dans le schéma', '[clic](<java\tscript:alert(document.domain)>)', [forbidden('java\\tscript:alert(document.domain)')]],
    ['espace en tête', '[clic](< javascript:alert(document.domain)>)', [forbidden('javascript:alert(document.domain)')]],
    ['caractère de contrôle \\x01 en tête', '[clic](<\x01javascript:alert(1)>)', [forbidden('\\x01javascript:alert(1)')]],
    ['entité &#9; dans le schéma', '[clic](java&#9;script:alert(1))', [forbidden('java\\tscript:alert(1)')]],
    ['entité nommée &Tab; dans le schéma', '[clic](java&Tab;script:alert(1))', [forbidden('java\\tscript:alert(1)')]],
    ['définition de référence', '[x]: <java\tscript:alert(1)>\n\n[clic][x]', [forbidden('java\\tscript:alert(1)')]],
    ['majuscules', '[clic](JAVASCRIPT:alert(1))', [forbidden('JAVASCRIPT:alert(1)')]],
    ['data:', '[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)', [forbidden('data:text/html;base64,PHNjcmlwdD5hbGVyd…')]],
    ['vbscript:', '[clic](vbscript:msgbox(1))', [forbidden('vbscript:msgbox(1)')]],
    ['image javascript:', '![](javascript:alert(1))', [`${F2}:22:1: erreur Les images ne sont pas admises dans une fiche [consigne-image-forbidden]`]],
    ['<a href> en JSX', '<a href="javascript:alert(1)">x</a>', [`${F2}:22:1: erreur Composant \`<a>\` non autorisé [consigne-component-forbidden]`]],
    ['<img onerror> en JSX', '<img src="x" onerror="alert(1)"/>', [`${F2}:22:1: erreur Composant \`<img>\` non autorisé [consigne-component-forbidden]`]],
    ['lien automatique <javascript:…>', '<javascript:alert(1)>', [`${F2}:22:18: erreur Balise mal formée : caractère \`(\` inattendu [consigne-mdx-syntax]`]],
    ['liens admis : http(s), mailto, relatifs, ancre', '[a](https://www.net-entreprises.fr/) [b](HTTP://x.fr) [c](mailto:a@b.fr) [d](/dsn/) [e](../3/) [f](#ancre) [g](page.html)', []],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(consigneLines(inF2(text))).toEqual(expected);
  });

  it('un lien refusé n\'est jamais rendu comme lien actif', () => {
    const hostile = [
      '[a](<java\tscript:alert(1)>)', '[b](< javascript:alert(1)>)', '[c](<\x01javascript:alert(1)>)', '[d](java&#9;script:alert(1))',
      '[e](java&Tab;script:alert(1))', '[f][x]', '[g](JAVASCRIPT:alert(1))', '[h](data:text/html,x)', '[i](vbscript:x)',
      '[j](java&amp;#9;script:alert(1))',
    ];
    const checked = checkMdx('f.mdx', hostile.join(' ') + '\n\n[x]: <java\tscript:alert(1)>\n');
    const html = renderConsigneHtml({ tree: checked.tree }, { href });
    expect(html).not.toMatch(/<a\b/);
    expect(html).toBe('<p>a b c d e f g h i j</p>\n');
  });
});

describe('fiches consignes : fichiers du mauvais type, liens symboliques (aucun plantage)', () => {
  /** Diagnostic lines of the fixture after `mutate(root)`, and the CLI's `norme validate` on it. */
  async function linesAfter(mutate: (root: string) => void): Promise<{ lines: string[]; cli: { code: number; out: string; err: string } }> {
    const f = consignesFixture('valid');
    try {
      mutate(f.root);
      const reg = loadRegistry(f.root);
      const lines = loadConsignes(f.root, reg.registry).diagnostics.map(formatDiagnostic);
      const cli = await runNorme(['validate'], f.root);
      return { lines, cli };
    } finally {
      f.cleanup();
    }
  }
  const at = (root: string, rel: string) => path.join(root, rel);

  const cases: Array<[string, (root: string) => void, string[]]> = [
    ['fiche.mdx est un dossier', (r) => { rmSync(at(r, F2)); mkdirSync(at(r, F2)); },
      [`${F2}: erreur \`${F2}\` est un dossier : un fichier de texte MDX est attendu [not-a-file]`]],
    ['fiche.mdx est un tube nommé (sa lecture bloquerait)', (r) => { rmSync(at(r, F2)); execFileSync('mkfifo', [at(r, F2)]); },
      [`${F2}: erreur \`${F2}\` n'est pas un fichier ordinaire : un fichier de texte MDX est attendu [not-a-file]`]],
    ['fiche.mdx est un lien symbolique vers /etc/passwd', (r) => { rmSync(at(r, F2)); symlinkSync('/etc/passwd', at(r, F2)); },
      [`${F2}: erreur Lien symbolique \`${F2}\` refusé : les fiches ne sont lues que dans des fichiers et dossiers ordinaires du dépôt [symlink]`]],
    ['un dossier de fiche est un lien symbolique', (r) => { symlinkSync('/etc', at(r, 'consignes/7')); },
      ['consignes/7: erreur Lien symbolique `consignes/7` refusé : les fiches ne sont lues que dans des fichiers et dossiers ordinaires du dépôt [symlink]']],
    ['fiche.mdx de plus de 64 Ko (lue en entier, elle ralentirait la validation)', (r) => { writeFileSync(at(r, F2), 'x'.repeat(65 * 1024 + 1)); },
      [`${F2}: erreur Fiche trop volumineuse (66 Ko) : une fiche fait au plus 64 Ko [fiche-too-large]`]],
    ['le texte d\'une révision est un dossier', (r) => { rmSync(at(r, R1)); mkdirSync(at(r, R1)); },
      [`${R1}: erreur \`${R1}\` est un dossier : un fichier de texte MDX est attendu [not-a-file]`]],
    ['le texte d\'une révision est un lien symbolique', (r) => { rmSync(at(r, R1)); symlinkSync('/etc/passwd', at(r, R1)); },
      [`${R1}: erreur Lien symbolique \`${R1}\` refusé : les fiches ne sont lues que dans des fichiers et dossiers ordinaires du dépôt [symlink]`]],
    ['revisions/ est un fichier', (r) => { rmSync(at(r, 'consignes/1/revisions'), { recursive: true }); writeFileSync(at(r, 'consignes/1/revisions'), 'x'); },
      [
        `${F1}:14:5: erreur Texte de la révision 1 introuvable : \`${R1}\` [consigne-revision-missing]`,
        'consignes/1/revisions: erreur `consignes/1/revisions` est un fichier : un dossier est attendu [not-a-directory]',
      ]],
    ['une fiche en Latin-1 (octet invalide en UTF-8) : signalée à sa ligne, jamais lue en U+FFFD', (r) => { appendFileSync(at(r, F2), Buffer.from([0x0a, 0x0a, 0x43, 0x61, 0x66, 0xe9, 0x0a])); },
      [`${F2}:23:4: erreur Octet 0xE9 invalide en UTF-8 : enregistrez le fichier en UTF-8 [invalid-utf8]`]],
    ['consignes/ est un fichier', (r) => { rmSync(at(r, 'consignes'), { recursive: true }); writeFileSync(at(r, 'consignes'), 'x'); },
      ['consignes: erreur `consignes` est un fichier : un dossier est attendu [not-a-directory]']],
  ];
  it.each(cases)('%s', async (_name, mutate, expected) => {
    const { lines, cli } = await linesAfter(mutate);
    expect(lines).toEqual(expected);
    expect(cli.code).toBe(1);
    for (const l of expected) expect(cli.err + cli.out).toContain(l);
    expect(cli.err + cli.out).not.toMatch(/root:|\/etc|    at |Error:/);
  });
});

describe('fiches consignes : travail borné (taille, imbrication, marques par paragraphe)', () => {
  /** Fiche 2 with `body` appended at line 22. */
  const withBody = (body: string) => consigneLines(inF2(body));
  const nested = (n: number) => '*a '.repeat(n) + 'b' + ' c*'.repeat(n);

  it('fiche de 5 Mo : refusée avant lecture', () => {
    const lines = withBody('Texte ordinaire. '.repeat(5 * 1024 * 1024 / 17));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^consignes\/2\/fiche\.mdx: erreur Fiche trop volumineuse \(5\u202f\d{3} Ko\) : une fiche fait au plus 64 Ko \[fiche-too-large\]$/);
  });

  it('emphase imbriquée dans une fiche de 120 Ko : refusée', () => {
    const lines = withBody(nested(20_000));
    expect(lines).toEqual([expect.stringMatching(/^consignes\/2\/fiche\.mdx: erreur Fiche trop volumineuse \(1\d\d Ko\) : une fiche fait au plus 64 Ko \[fiche-too-large\]$/)]);
  });

  it('emphase imbriquée dans une fiche de 60 Ko : paragraphe refusé à sa ligne, sans l\'analyser', () => {
    expect(withBody(nested(10_000))).toEqual([
      `${F2}:22:1: erreur Paragraphe trop chargé : 20000 marques de mise en forme (\`*\`, \`_\`, \`[\`, \`]\`, \`\` \` \`\`, \`<\`, \`&\`), au plus 100 par paragraphe [paragraph-too-complex]`,
    ]);
  });

  it('des liens ouverts en série ([a]( [a]( …) : paragraphe refusé', () => {
    expect(withBody('Voir\n' + '[a]('.repeat(5_000))).toEqual([
      `${F2}:22:1: erreur Paragraphe trop chargé : 10000 marques de mise en forme (\`*\`, \`_\`, \`[\`, \`]\`, \`\` \` \`\`, \`<\`, \`&\`), au plus 100 par paragraphe [paragraph-too-complex]`,
    ]);
  });

  const deep = (line: number) => [`${F2}:${line}:1: erreur Imbrication trop profonde : plus de 20 niveaux de citations \`>\`, de listes ou d'encadrés [nesting-too-deep]`];
  it.each([
    ['10 000 citations `>` imbriquées (débordait la pile)', '>'.repeat(10_000) + ' a', deep(22)],
    ['citations imbriquées, une par ligne', Array.from({ length: 50 }, (_v, i) => '> '.repeat(i + 1) + 'a').join('\n'), deep(42)],
    ['liste de 200 niveaux (à 1 000 niveaux, la fiche dépasse 64 Ko)', Array.from({ length: 200 }, (_v, i) => '  '.repeat(i) + '- a').join('\n'), deep(42)],
    ['listes imbriquées sur une ligne', '- '.repeat(1000) + 'a', deep(22)],
    ['encadrés imbriqués', '<Note>\n\n'.repeat(200) + 'a\n\n' + '</Note>\n\n'.repeat(200), deep(62)],
    ['20 niveaux : admis', Array.from({ length: 10 }, (_v, i) => '  '.repeat(i) + '- a').join('\n'), []],
  ])('%s', (_name, body, expected) => {
    expect(withBody(body)).toEqual(expected);
  });

  it('100 marques dans un paragraphe : admis ; un bloc de code ne compte pas', () => {
    expect(withBody('*a* '.repeat(25))).toEqual([]);
    expect(withBody('```\n' + '*'.repeat(5000) + '\n```')).toEqual([]);
  });
});
