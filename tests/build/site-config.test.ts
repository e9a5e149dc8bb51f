/**
 * Where the site's « Signaler une erreur / Proposer une modification » go (src/site/config.ts):
 * the `repository` of package.json, overridden by NORME_FORGE_URL; an example value is marked.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { EXAMPLE_FORGE_URL, forgeUrl, siteConfig } from '../../src/site/config.ts';

describe('forge du site', () => {
  test('le champ `repository` de package.json, sous ses formes usuelles, donne l\'adresse web de la forge', () => {
    expect(forgeUrl('https://codeberg.org/instance/norme')).toBe('https://codeberg.org/instance/norme');
    expect(forgeUrl({ type: 'git', url: 'git+https://github.com/instance/norme.git' } as { url: string })).toBe('https://github.com/instance/norme');
    expect(forgeUrl('github:instance/norme')).toBe('https://github.com/instance/norme');
    expect(forgeUrl('instance/norme')).toBe('https://github.com/instance/norme');
    expect(forgeUrl('gitlab:instance/norme')).toBe('https://gitlab.com/instance/norme');
    expect(forgeUrl('https://forge.example.org/norme/')).toBe('https://forge.example.org/norme');
    expect(forgeUrl(undefined)).toBeUndefined();
  });

  test('package.json par défaut, NORME_FORGE_URL prioritaire ; l\'adresse d\'exemple est signalée comme telle', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    // The repository ships with the example address: the site must say it is one.
    const shipped = siteConfig({}, pkg.repository);
    expect(shipped.forge).toBe(EXAMPLE_FORGE_URL);
    expect(shipped.example).toEqual({ forge: true, contact: true });
    const own = siteConfig({ NORME_CONTACT: 'normes@instance.fr' }, 'https://git.instance.fr/normes/norme.git');
    expect(own.forge).toBe('https://git.instance.fr/normes/norme');
    expect(own.example).toEqual({ forge: false, contact: false });
    expect(siteConfig({ NORME_FORGE_URL: 'https://codeberg.org/instance/norme' }, pkg.repository)).toMatchObject({ forge: 'https://codeberg.org/instance/norme', example: { forge: false } });
    expect(siteConfig({ NORME_FORGE_URL: '' }, undefined).forge).toBe(EXAMPLE_FORGE_URL);
  });
});
