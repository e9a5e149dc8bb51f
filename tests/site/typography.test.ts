/**
 * French typography of the built site (issue #23, item 9): no ordinary space before `: ; ? !`,
 * after « or before », in any text a reader sees or hears — text nodes, `<title>`, the `title`,
 * `alt`, `aria-label`, `placeholder` attributes and the meta descriptions — of every HTML page of
 * dist/. The characters expected are those of the core's `frenchSpacing`
 * (src/core/text/typography.ts): U+00A0 before `:` and inside « », U+202F before `; ? !`.
 *
 * Code is not French text: `<code>`, `<pre>`, `<script>`, `<style>` are left out (a code inside a
 * sentence counts as a word: « x <code>S21.G00.40.007</code> : y » is a fault), and so are URLs
 * (`https://…`, `?de=…`) since a URL has no space before its `:` or `?`.
 *
 * Every page is scanned with regular expressions (no DOM): a quick test on the raw file skips the
 * pages with nothing to look at, the others are cut into text runs. ≈ 6,300 pages in a few seconds.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { listFiles } from './helpers.ts';
import { typographyFaults } from './typography.ts';

describe('typographie française du site construit', () => {
  test('le détecteur : une espace ordinaire est une faute, une espace insécable non ; le code et les adresses ne comptent pas', () => {
    // Before `:`, `;`, `?`, `!`, after « and before »: six faults.
    expect(typographyFaults('<p>Version applicable : P27V01 ; et « ceci » ? Oui !</p>')).toHaveLength(6);
    const ok = '<p>Version applicable\u00a0: P27V01\u202f; et «\u00a0ceci\u00a0»\u202f? Oui\u202f!</p>';
    expect(typographyFaults(ok)).toEqual([]);
    expect(typographyFaults('<p>Valeur&nbsp;: <code>a ? b : c</code></p><pre>x ; y</pre><script>a ? b : c</script><style>a :hover{}</style>')).toEqual([]);
    expect(typographyFaults('<p><a href="/diff/comparer/?de=P26V01">https://norme.example/?q=1</a></p>')).toEqual([]);
    // A code inside a sentence is a word: the space before the colon is a fault.
    expect(typographyFaults('<p>Rubrique <a href="/x/"><code>S20.G00.05.005</code></a> : <code>01112026</code>.</p>')).toHaveLength(1);
    // Attributes read aloud and the meta description.
    expect(typographyFaults('<a href="/" title="Entrée illustrative : pas officielle">x</a>')).toHaveLength(1);
    expect(typographyFaults('<meta name="description" content="Quelle version ? La bonne.">')).toHaveLength(1);
    // Separate cells are separate texts: a cell that starts with « ? » is no fault.
    expect(typographyFaults('<tr><td>code</td>\n<td>?</td></tr>')).toEqual([]);
  });

  test('aucune espace ordinaire avant « : ; ? ! », après « ni avant » sur les pages de dist/', () => {
    const dist = inject('distDir');
    const files = listFiles(dist).filter((f) => f.endsWith('.html'));
    expect(files.length).toBeGreaterThan(6000);
    /** Each distinct fault once, with the number of pages and the first of them. */
    const faults = new Map<string, { first: string; pages: number }>();
    for (const f of files) {
      for (const s of new Set(typographyFaults(readFileSync(path.join(dist, f), 'utf8')))) {
        const x = faults.get(s);
        if (x) x.pages++;
        else faults.set(s, { first: f, pages: 1 });
      }
    }
    const report = [...faults].map(([s, x]) => `${x.first}${x.pages > 1 ? ` (+${x.pages - 1} pages)` : ''} : ${s}`);
    expect(report.slice(0, 60), `${report.length} fautes`).toEqual([]);
  });
});
