import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkMdx, consigneHistory, consignesCiting, renderConsigneHtml, revisionPlainText, type LinkTarget } from '../../../src/core/index.ts';
import { main } from '../../../src/cli/main.ts';
import { memoryIo } from '../../helpers/fixture.ts';
import { consignesFixture, withFixture } from './helpers.ts';

const href = (t: LinkTarget) => (t.type === 'consigne' ? `/consignes/${t.id}/` : `/${t.ref.family}/${t.ref.version}/${t.ref.id}/`);

describe('chargement des fiches', () => {
  it('révisions, versions par révision, références résolues vers la bonne version', () => {
    withFixture([], ({ consignes }) => {
      expect(consignes.map((c) => c.id)).toEqual([1, 2, 3]);
      const c1 = consignes[0];
      expect(c1.revisions.map((r) => [r.revision, r.file, r.versions.join(','), r.current])).toEqual([
        [1, 'consignes/1/revisions/1.mdx', 'V1', false],
        [2, 'consignes/1/fiche.mdx', 'V1,V2', true],
      ]);
      expect(c1.current.title).toBe('Comment déclarer la nature du contrat ?');
      expect(c1.cites.map((r) => `${r.kind}:${r.id}${r.code ? '#' + r.code : ''}@${r.version} [${r.versions}]`)).toEqual([
        'rubrique:S21.G00.40.007@V2 [V1,V2]',
        'block:S21.G00.40@V2 [V1,V2]',
        'datatype:DSN_NatureContrat@V2 [V1,V2]',
        'datatype:DSN_NatureContrat#02@V2 [V1,V2]',
        'control:S21.G00.40.007/CCH-11@V2 [V1,V2]',
        'rubrique:S21.G00.40.001@V2 [V1,V2]',
      ]);
      // A pinned reference links to the pinned version.
      expect(consignes[1].cites.map((r) => `${r.id}@${r.version}`)).toEqual(['S21.G00.06.003@V1', 'DSN_Declaration_Nature@V2']);
      expect(consignes[1].current.links).toEqual([]);
      expect(c1.current.links.map((l) => [l.id, l.title])).toEqual([[2, 'Que devient le code APEN ?']]);
    });
  });

  it('index : fiches qui citent un élément, par version', () => {
    withFixture([], ({ index }) => {
      expect(consignesCiting(index, 'demo', 'S21.G00.06.003').map((c) => c.id)).toEqual([2, 3]);
      expect(consignesCiting(index, 'demo', 'S21.G00.06.003', 'V2').map((c) => c.id)).toEqual([]);
      expect(consignesCiting(index, 'demo', 'S21.G00.40', 'V1').map((c) => c.id)).toEqual([1]);
      expect(consignesCiting(index, 'demo', 'S21.G00.40.001').map((c) => c.id)).toEqual([1]);
      expect(index.citations.get('demo:S21.G00.40.001')).toEqual([{ consigne: 1, versions: ['V1', 'V2'], sources: ['exemple DSN'] }]);
      expect(index.byTheme.get('entreprise et établissement')).toEqual([2, 3]);
      expect(index.byOrganisme.get('Urssaf')).toEqual([1]);
    });
  });
});

describe('rendu HTML', () => {
  it('références en liens vers la bonne version, encadrés, exemples DSN liés', () => {
    const html = withFixture([], ({ consignes }) => renderConsigneHtml(consignes[0].current, { href }));
    // French spacing (core `frenchSpacing`): U+00A0 before `:` and inside « », U+202F before `?`.
    expect(html).toBe(
      [
        '<h2>Le contexte</h2>',
        '<p>La rubrique <a class="ref ref-rubrique" href="/demo/V2/S21.G00.40.007/" title="Rubrique S21.G00.40.007\u00a0: Nature du contrat (V2)"><code>S21.G00.40.007</code></a> du bloc <a class="ref ref-block" href="/demo/V2/S21.G00.40/" title="Bloc S21.G00.40\u00a0: Contrat (V2)"><code>S21.G00.40</code></a> porte',
        'la nature du contrat, codée selon <a class="ref ref-datatype" href="/demo/V2/DSN_NatureContrat/" title="Type de données DSN_NatureContrat\u00a0: Nature du contrat (V2)"><code>DSN_NatureContrat</code></a>.</p>',
        '<h2>La consigne</h2>',
        '<p>Pour un CDD, déclarez <a class="ref ref-valeur" href="/demo/V2/DSN_NatureContrat/">«\u00a0<code>02</code> – Contrat de travail à durée déterminée de droit privé\u00a0»</a>. Le contrôle',
        '<a class="ref ref-control" href="/demo/V2/S21.G00.40.007/CCH-11/" title="Contrôle S21.G00.40.007/CCH-11\u00a0: Ceci n\'est pas admis. (V2)">CCH-11</a> s\'applique. Voir aussi <a class="ref ref-fiche" href="/consignes/2/" title="Que devient le code APEN\u202f?">fiche n° 2</a>.</p>',
        '<aside class="callout callout-exemple" role="note">',
        '<p class="callout-title">Un CDD débutant le 2 janvier 2026</p>',
        '<pre class="dsn"><code class="language-dsn"><a href="/demo/V2/S21.G00.40.001/" title="Date de début du contrat">S21.G00.40.001</a>,\'02012026\'',
        '<a href="/demo/V2/S21.G00.40.007/" title="Nature du contrat">S21.G00.40.007</a>,\'02\'</code></pre>',
        '</aside>',
        '',
      ].join('\n'),
    );
  });

  it('ce qui est rejeté n\'est jamais rendu (script, expressions, liens javascript:, HTML)', () => {
    const src = [
      "import x from 'y'",
      '',
      'A {alert(1)} <script>alert(2)</script> <div onclick="alert(3)">d</div> [l](javascript:alert(4)) <img src="x" onerror="alert(5)"/>',
      '',
      '<Note titre="<b>t</b>">',
      '**gras** & <Rubrique id="S21.G00.40.007"/>',
      '</Note>',
    ].join('\n');
    const checked = checkMdx('f.mdx', src);
    expect(checked.diagnostics.map((d) => d.rule)).toEqual(['consigne-esm-forbidden', 'consigne-expression-forbidden', 'consigne-component-forbidden', 'consigne-component-forbidden', 'consigne-link-forbidden', 'consigne-component-forbidden']);
    expect(renderConsigneHtml({ tree: checked.tree }, { href })).toBe(
      [
        '<p>A    l </p>',
        '<aside class="callout callout-note" role="note">',
        '<p class="callout-title">&lt;b&gt;t&lt;/b&gt;</p>',
        '<p><strong>gras</strong> &amp; <code>S21.G00.40.007</code></p>',
        '</aside>',
        '',
      ].join('\n'),
    );
  });

  it('propriété : aucun texte de fiche ne produit de balise ni d\'attribut actif dans le HTML', () => {
    const piece = fc.constantFrom('`<script>`', '`<img src=x onerror=y>`', '<script>', '</script>', '<img src=x onerror=alert(1)>', 'javascript:', '"', "'", '&', '<', '>', '{', '}', '[a](javascript:x)', '<Note>', '</Note>', '<Rubrique id="x"/>', '\n\n', ' ', 'texte', '`', '*');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const checked = checkMdx('f.mdx', parts.join(''));
        if (!checked.tree) return;
        const html = renderConsigneHtml({ tree: checked.tree }, { href });
        expect(html).not.toMatch(/<(script|img|iframe|div)\b/i);
        expect(html).not.toMatch(/<[^>]*\son\w+=/i);
        expect(html).not.toMatch(/href="javascript:/i);
      }),
      { numRuns: 300 },
    );
  });
});

describe('historique des révisions', () => {
  it('texte brut et différences mot à mot entre révisions consécutives', () => {
    withFixture([], ({ consignes }) => {
      const c1 = consignes[0];
      expect(revisionPlainText(c1.revisions[0])).toBe(
        'Le contexte\n\nLa rubrique S21.G00.40.007 porte la nature du contrat.\n\nLa consigne\n\nPour un contrat de mission, déclarez « 03 – Contrat de mission (contrat de travail temporaire) ».',
      );
      const [d] = consigneHistory(c1);
      expect(d.from).toBe(1);
      expect(d.to).toBe(2);
      expect(d.changes).toBe('Extension à la version V2.');
      expect(d.versions).toEqual({ from: ['V1'], to: ['V1', 'V2'] });
      expect(d.title).toBeUndefined();
      expect(d.parts.filter((p) => p.op !== 'same').map((p) => `${p.op === 'added' ? '+' : '-'}${p.text}`).slice(0, 6)).toEqual([
        '+du bloc S21.G00.40 ',
        '+, codée selon DSN_NatureContrat',
        '-contrat de mission',
        '+CDD',
        '-03',
        '+02',
      ]);
      expect([d.added, d.removed]).toEqual([45, 8]);
      expect(consigneHistory(consignes[1])).toEqual([]);
    });
  });
});

describe('npx norme validate', () => {
  async function run(root: string) {
    const m = memoryIo(root);
    const code = await main(['validate'], m.io);
    return { code, out: m.out() };
  }

  it('compte les fiches et sort en 0 quand tout est valide', async () => {
    const f = consignesFixture('valid');
    try {
      const r = await run(f.root);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^✓ \d+ fichier\(s\), 1 famille\(s\), 2 version\(s\), 3 fiche\(s\) : 0 erreur\(s\), 0 avertissement\(s\)\.$/m);
    } finally {
      f.cleanup();
    }
  });

  it('signale les erreurs des fiches avec leur position et sort en 1', async () => {
    const f = consignesFixture('valid', [{ file: 'consignes/2/fiche.mdx', from: 'code="10"/>.', to: 'code="10"/>.\n\n{process.exit(0)}' }]);
    try {
      const r = await run(f.root);
      expect(r.code).toBe(1);
      expect(r.out.split('\n').slice(0, 2)).toEqual([
        'consignes/2/fiche.mdx:22:1: erreur Expression `{process.exit(0)}` interdite dans une fiche [consigne-expression-forbidden]',
        '  → les accolades exécuteraient du code : écrivez le texte tel quel, en échappant l\'accolade (`\\{`) si elle est voulue.',
      ]);
    } finally {
      f.cleanup();
    }
  });
});
