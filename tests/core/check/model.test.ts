import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText, CHECK_MODEL_FORMAT } from '../../../src/core/check/index.ts';
import { generateSample } from '../../../src/core/sample/index.ts';
import { PROJECT_ROOT } from '../../helpers/fixture.ts';
import { realModel, REAL_DSN } from './real-models.ts';

function sources(dir: string): string[] {
  return readdirSync(path.join(PROJECT_ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(dir, f));
}

describe('modèle de contrôle', () => {
  it('le cœur du contrôle et le générateur sont utilisables dans un navigateur (ni node:, ni YAML, ni chargeur)', () => {
    const files = [...sources('src/core/check'), ...sources('src/core/sample')];
    expect(files.length).toBeGreaterThan(8);
    for (const f of files) {
      const text = readFileSync(path.join(PROJECT_ROOT, f), 'utf8');
      const imports = [...text.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
      for (const i of imports) {
        expect(i, `${f} importe ${i}`).toMatch(/^\.\.?\//);
        expect(i, `${f} importe ${i}`).not.toMatch(/\/load\/|yaml|node:/);
      }
    }
  });

  it.each(REAL_DSN)('%s : sérialisable en JSON, et le modèle relu contrôle à l\'identique', (key) => {
    const { model } = realModel(key);
    const json = JSON.stringify(model);
    const back = JSON.parse(json);
    expect(back).toEqual(model);
    expect(back.format).toBe(CHECK_MODEL_FORMAT);
    expect(json.length).toBeLessThan(400_000);
    const lines = [...generateSample(back, { seed: 5, salaries: 2 })];
    const bad = lines.map((l) => (l.startsWith('S21.G00.06.001,') ? "S21.G00.06.001,'123456789'" : l));
    expect(checkText(back, bad.join('\n')).findings.map((f) => f.rule)).toContain('key-siren');
  });

  it('les contrôles de clé sont reconnus dans le texte des règles CSL (aucune rubrique nommée dans le code)', () => {
    const { model } = realModel('dsn/P26V01');
    const keyed = model.blocks.flatMap((b) => b.rubriques.flatMap((r) => (r.keys ?? []).map((k) => `${k.control} ${k.kind}${k.companion ? ` ${k.companion}` : ''}`)));
    expect(keyed).toEqual([
      'S10.G00.01.001/CSL-11 siren',
      'S20.G00.05.012/CSL-12 siret',
      'S21.G00.06.001/CSL-11 siren',
      'S21.G00.06.002/CSL-11 nic S21.G00.06.001',
      'S21.G00.11.001/CSL-12 nic S21.G00.06.001',
      'S21.G00.12.003/CSL-11 iban',
      'S21.G00.12.003/CSL-12 bban',
      'S21.G00.20.004/CSL-11 iban',
      'S21.G00.20.004/CSL-13 bban',
      'S21.G00.41.012/CSL-11 siren-of-siret',
      'S21.G00.41.012/CSL-12 siret',
      'S21.G00.45.001/CSL-11 siren-of-siret',
      'S21.G00.45.001/CSL-12 siret',
      'S89.G00.32.004/CSL-12 siren',
    ]);
    const src = readFileSync(path.join(PROJECT_ROOT, 'src/core/check/model.ts'), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    expect(src).not.toMatch(/S21\.G00\.(06|11|12|20|41|45)/);
  });

  it('contrôles calendaires : exceptions lues dans le texte de la règle', () => {
    const p26 = realModel('dsn/P26V01').model;
    const cal = (m: typeof p26, id: string) => m.blocks.flatMap((b) => b.rubriques).find((r) => r.id === id)?.calendar;
    expect(cal(p26, 'S21.G00.30.006')).toEqual({ control: 'S21.G00.30.006/CSL-11', exceptions: ['00', '99'], message: "La date de naissance n'est ni une date du calendrier, ni une exception tolérée par la norme." });
    // P24: « … sur le mois ou le jour à 99. » → only 99.
    expect(cal(realModel('dsn/P24V01').model, 'S21.G00.85.016')?.exceptions).toEqual(['99']);
    expect(cal(p26, 'S89.G00.87.005')?.exceptions).toEqual([]);
  });

  it('rôles et données personnelles', () => {
    const { model } = realModel('dsn/P27V01');
    expect(model.roles).toEqual({
      version: 'S10.G00.00.006',
      nature: 'S20.G00.05.001',
      declarationBlock: 'S20.G00.05',
      totalRubriques: 'S90.G00.90.001',
      totalDeclarations: 'S90.G00.90.002',
      individualBlock: 'S21.G00.30',
    });
    const masked = new Set(model.blocks.flatMap((b) => b.rubriques.filter((r) => r.masked).map((r) => r.id)));
    for (const id of ['S21.G00.30.001', 'S21.G00.30.002', 'S21.G00.30.004', 'S21.G00.30.006', 'S21.G00.30.020', 'S21.G00.31.008', 'S21.G00.73.007', 'S89.G00.91.001', 'S10.G00.02.002']) {
      expect(masked.has(id), id).toBe(true);
    }
    for (const id of ['S21.G00.06.001', 'S21.G00.40.007', 'S21.G00.30.005', 'S21.G00.51.013', 'S90.G00.90.001']) expect(masked.has(id), id).toBe(false);
  });
});
