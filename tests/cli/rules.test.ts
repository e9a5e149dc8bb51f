import { describe, expect, it } from 'vitest';
import { CHECK_RULES, RULES as DIFF_RULES, VALIDATION_RULES } from '../../src/core/index.ts';
import { PROJECT_ROOT, runNorme } from '../helpers/fixture.ts';

const run = (...args: string[]) => runNorme(['rules', ...args], PROJECT_ROOT);

describe('norme rules', () => {
  it('liste les trois familles de règles, avec gravité française et description (texte)', async () => {
    const r = await run();
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines.filter((l) => /^\S/.test(l))).toEqual([
      `Règles de validation (norme validate, norme import, norme journal, norme review) : ${VALIDATION_RULES.length}`,
      `Règles de comparaison (norme diff) : ${DIFF_RULES.length}`,
      `Règles de l'auto-contrôle (norme check) : ${Object.keys(CHECK_RULES).length}`,
    ]);
    const row = (id: string) => lines.find((l) => l.trim().startsWith(`${id} `))?.trim().split(/\s{2,}/);
    expect(row('yaml-duplicate-key')).toEqual(['yaml-duplicate-key', 'erreur', 'Clé en double dans un même objet YAML.']);
    expect(row('applicability-gap')).toEqual(['applicability-gap', 'avertissement', "Mois où aucune version d'une famille ne s'applique, entre deux versions."]);
    expect(row('unknown-parent')?.[1]).toBe('erreur ou avertissement');
    expect(row('rubrique-removed')?.slice(0, 2)).toEqual(['rubrique-removed', 'cassant']);
    expect(row('key-siren')).toEqual(['key-siren', 'bloquant', 'Clé SIREN (Luhn) invalide.']);
    expect(row('empty-line')?.[1]).toBe('non bloquant');
  });

  it('JSON : chaque règle de chaque catalogue, une fois', async () => {
    const r = await run('--format', 'json');
    expect(r.code).toBe(0);
    const { sections } = JSON.parse(r.out) as { sections: Array<{ kind: string; rules: Array<{ id: string; severity: string; description: string }> }> };
    expect(sections.map((s) => s.kind)).toEqual(['validation', 'diff', 'check']);
    expect(sections[0].rules.map((x) => x.id)).toEqual(VALIDATION_RULES.map((x) => x.id));
    expect(sections[1].rules.map((x) => x.id)).toEqual(DIFF_RULES.map((x) => x.id));
    expect(sections[2].rules.map((x) => x.id).sort()).toEqual(Object.keys(CHECK_RULES).sort());
    for (const s of sections) for (const x of s.rules) expect(x.description, x.id).toMatch(/^\S.*\S$/);
  });

  it('Markdown, limité à une famille ; option inconnue : code 2', async () => {
    const md = await run('--kind', 'check', '--format', 'md');
    expect(md.code).toBe(0);
    expect(md.out.split('\n').slice(0, 6)).toEqual([
      "## Règles de l'auto-contrôle",
      '',
      `Appliquées par \`norme check\` (${Object.keys(CHECK_RULES).length} règles).`,
      '',
      '| Règle | Gravité | Description |',
      '| --- | --- | --- |',
    ]);
    expect(md.out).toContain('| `key-iban` | bloquant | Clé IBAN (modulo 97) invalide. |');
    const bad = await run('--kind', 'tout');
    expect(bad.code).toBe(2);
    expect(bad.err.split('\n')[0]).toBe('norme : --kind doit valoir validation, diff, check (reçu « tout »)');
  });
});
