import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { parseYaml } from '../../src/core/load/yaml-file.ts';
import { PROJECT_ROOT } from '../helpers/fixture.ts';

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yamlFiles(p, out);
    else if (e.name.endsWith('.yaml')) out.push(p);
  }
  return out;
}

describe('analyse YAML rapide (js-yaml) et précise (yaml)', () => {
  it('donnent les mêmes valeurs sur tout le registre réel', () => {
    const files = yamlFiles(path.join(PROJECT_ROOT, 'norm'));
    expect(files.length).toBeGreaterThan(1000);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const { parsed, diagnostics } = parseYaml(f, text);
      expect(diagnostics).toEqual([]);
      expect(parsed.value, f).toEqual(parse(text, { uniqueKeys: true }));
    }
  });

  it('les dates et les codes restent des chaînes, comme avec le schéma « core » de YAML 1.2', () => {
    const { parsed } = parseYaml('x.yaml', 'date: 2025-09-19\ncode: "01"\nn: 01\nb: yes\nnul: ~\n');
    expect(parsed.value).toEqual({ date: '2025-09-19', code: '01', n: 1, b: 'yes', nul: null });
  });

  it('une clé en double est refusée avec sa position exacte', () => {
    const { diagnostics } = parseYaml('x.yaml', 'a: 1\nb: 2\na: 3\n');
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.rule}`)).toEqual(['3:1 yaml-duplicate-key']);
  });
});
