import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runNorme } from '../helpers/fixture.ts';
import { hasOfficial, officialSheet } from '../helpers/official.ts';

const run = (args: string[]) => runNorme(args, PROJECT_ROOT);

describe('norme unused', () => {
  it('mauvais usage : code 2 et aide', async () => {
    const r = await run(['unused']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^norme : il faut une version, ex\. dsn\/P26V01\n\nUsage : npx norme unused/);
    expect((await run(['unused', 'dsn/P26V01', '--format', 'xml'])).err).toMatch(/^norme : --format doit valoir text, md, json, csv \(reçu « xml »\)/);
  });

  it.skipIf(!hasOfficial(['P25V01', 'P26V01']))('dsn/P26V01 : S21.G00.06.009, S21.G00.11.008 et chaque type que Fields (CT2026) ne nomme pas', async () => {
    const r = await run(['unused', 'dsn/P26V01']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toMatch(/^Éléments inutilisés de dsn\/P26V01 : \d+ élément\(s\) inutilisé\(s\)/);
    expect(r.out).toMatch(/rubrique +S21\.G00\.06\.009 « Effectif moyen de l'entreprise au 31 décembre »\n.*n'est plus attendue.*\n +depuis P25V01 \(le texte dit : à compter de P24V01\), supprimé en P26V01 · \/dsn\/P25V01\/S21\.G00\.06\.009\//);
    expect(r.out).toMatch(/rubrique +S21\.G00\.11\.008 /);
    const used = new Set(officialSheet('P26V01', 'Fields').map((f) => f['DataType Id']));
    for (const t of officialSheet('P26V01', 'Data_Types').filter((x) => !used.has(x.Id))) {
      expect(r.out).toContain(`type de données        ${t.Id}`);
      expect(r.out).toContain(`/dsn/P26V01/types/${t.Id}/`);
    }
  });

  it('--format json, csv, md', async () => {
    const json = JSON.parse((await run(['unused', 'dsn/P26V01', '--format', 'json'])).out);
    expect(Object.keys(json)).toEqual(['family', 'version', 'key', 'items', 'removed', 'anomalies', 'notes']);
    const csv = (await run(['unused', 'dsn/P26V01', '--format', 'csv'])).out;
    expect(csv.startsWith('\ufeffSection;Élément;Identifiant;Libellé;Motif (code);Motif;Détail;Inutilisé depuis;Versions;Selon le texte, depuis;Supprimé en;Page;Cellule source\r\n')).toBe(true);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(1 + json.items.length + json.removed.length + json.anomalies.length);
    expect(csv).toContain('\r\nsupprimé par P26V01;rubrique;S21.G00.06.009;');
    const md = (await run(['unused', 'dsn/P26V01', '--format', 'md'])).out;
    expect(md).toContain('## Anomalies des tables officielles');
    expect(md).toContain('| [`S21.G00.06.009`](/dsn/P25V01/S21.G00.06.009/) Effectif moyen de l\'entreprise au 31 décembre | rubrique |');
  });
});
