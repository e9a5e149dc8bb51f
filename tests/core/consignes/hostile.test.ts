/**
 * Hostile fiches (issue #22): links a browser would run, and inputs meant to crash or stall the
 * loader. Each case is what an untrusted pull request could contain.
 */
import { describe, expect, it } from 'vitest';
import { checkMdx, renderConsigneHtml } from '../../../src/core/index.ts';
import { consigneLines, type FileEdit } from './helpers.ts';

const F2 = 'consignes/2/fiche.mdx';
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
