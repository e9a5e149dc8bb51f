/**
 * The README starts by routing its three readers (déclarant, éditeur, membre de l'instance) and
 * gives a table of contents (issue #23); every link of that opening leads to a heading of the README.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** GitHub's anchor of a heading: lower case, punctuation dropped, each space a hyphen. */
const slug = (h: string) => h.toLowerCase().replace(/`/g, '').replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');

test('le README commence par « Vous êtes déclarant / éditeur / membre de l\'instance » et un sommaire dont chaque lien mène à un titre', () => {
  const opening = README.slice(0, README.indexOf('\n## '));
  expect(opening).toMatch(/\*\*Vous êtes…\*\*\n\n- \*\*déclarant\*\*[\s\S]*\n- \*\*éditeur de logiciel\*\*[\s\S]*\n- \*\*membre de l'instance de normalisation\*\*/);
  expect(opening).toContain('**Sommaire**');
  const anchors = new Set<string>();
  let inCode = false;
  for (const line of README.split('\n')) {
    if (line.startsWith('```')) inCode = !inCode;
    const m = !inCode && /^#{1,6} (.+)$/.exec(line);
    if (m) anchors.add(slug(m[1].trim()));
  }
  const links = [...opening.matchAll(/\]\(#([^)]+)\)/g)].map((m) => decodeURIComponent(m[1]));
  expect(links.length).toBeGreaterThan(15);
  expect(links.filter((a) => !anchors.has(a))).toEqual([]);
});
