/** A fiche consigne with an error stops the site build, like a registry error. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { consignesFixture } from '../core/consignes/helpers.ts';
import { buildSite } from './helpers.ts';

test('une fiche en erreur : construction refusée avec le diagnostic, sortie précédente intacte', () => {
  const fx = consignesFixture('valid', [{ file: 'consignes/2/fiche.mdx', from: 'code="10"', to: 'code="19"' }]);
  try {
    const out = path.join(fx.root, 'out');
    mkdirSync(out);
    writeFileSync(path.join(out, 'precedent.txt'), 'ancien site');
    const r = buildSite(fx.root, out);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Les fiches consignes contiennent 1 erreur(s) ; le site n\'est pas construit.');
    expect(r.stderr).toContain(
      'consignes/2/fiche.mdx:20:76: erreur Code `19` absent de la nomenclature `DSN_Declaration_Nature` (`V2`) ; vouliez-vous dire `10` ? [consigne-unknown-code]',
    );
    expect(readFileSync(path.join(out, 'precedent.txt'), 'utf8')).toBe('ancien site');
    expect(existsSync(path.join(out, 'index.html'))).toBe(false);
  } finally {
    fx.cleanup();
  }
});
