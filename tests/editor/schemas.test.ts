/**
 * Editor support: every YAML file of the registry reaches its JSON Schema, both through its
 * first line (`# yaml-language-server: $schema=…`, read by the YAML extension of VS Code and by
 * other editors) and through `.vscode/settings.json` (`yaml.schemas`).
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FIXTURES, PROJECT_ROOT } from '../helpers/fixture.ts';

const HINT = /^# yaml-language-server: \$schema=(\S+)$/;

/** The schema a registry file must use, from where it sits. */
function expectedSchema(rel: string): string | undefined {
  const parts = rel.split('/');
  const name = parts[parts.length - 1];
  if (parts.length === 2 && name === 'family.yaml') return 'family.schema.json';
  if (parts.length === 3 && name === 'version.yaml') return 'version.schema.json';
  if (parts.length === 4 && parts[2] === 'blocks') return 'block.schema.json';
  if (parts.length === 4 && parts[2] === 'datatypes') return 'datatype.schema.json';
  if (parts.length === 4 && parts[2] === 'journal') return 'journal-entry.schema.json';
  return undefined;
}

function walkYaml(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walkYaml(abs, base));
    else if (/\.ya?ml$/.test(e.name)) out.push(path.relative(base, abs).split(path.sep).join('/'));
  }
  return out.sort();
}

/** Problems with the `$schema` first lines of the YAML files under `normDir` (one line each). */
function checkSchemaHints(normDir: string): string[] {
  const problems: string[] = [];
  for (const rel of walkYaml(normDir)) {
    const want = expectedSchema(rel);
    if (!want) {
      problems.push(`${rel}: fichier YAML inattendu à cet endroit`);
      continue;
    }
    const first = readFileSync(path.join(normDir, rel), 'utf8').replace(/^\ufeff/, '').split('\n', 1)[0];
    const m = HINT.exec(first);
    if (!m) {
      problems.push(`${rel}: première ligne sans « # yaml-language-server: $schema=… »`);
      continue;
    }
    const target = path.resolve(path.dirname(path.join(normDir, rel)), m[1]);
    if (!existsSync(target)) problems.push(`${rel}: le schéma ${m[1]} n'existe pas`);
    else if (path.basename(target) !== want) problems.push(`${rel}: schéma ${path.basename(target)} au lieu de ${want}`);
  }
  return problems;
}

/** VS Code glob (`*`, `**`) → RegExp on a root-relative POSIX path. */
function globRe(glob: string): RegExp {
  const re = glob
    .split(/(\*\*\/?|\*)/)
    .map((p) => (p === '**/' || p === '**' ? '(?:.*/)?' : p === '*' ? '[^/]*' : p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${re}$`);
}

describe('schémas JSON accessibles depuis chaque fichier YAML', () => {
  it('norm/ : chaque fichier pointe vers un schéma existant, celui de son genre', () => {
    const files = walkYaml(path.join(PROJECT_ROOT, 'norm'));
    expect(files.length).toBeGreaterThan(100);
    expect(checkSchemaHints(path.join(PROJECT_ROOT, 'norm'))).toEqual([]);
  });

  it('la fixture du rapport d\'impact aussi (ses fichiers sont copiés par norme version new)', () => {
    expect(checkSchemaHints(path.join(FIXTURES, 'review/project/norm'))).toEqual([]);
  });

  it('seeds/import-manifest.yaml pointe vers le schéma du manifeste', () => {
    const first = readFileSync(path.join(PROJECT_ROOT, 'seeds/import-manifest.yaml'), 'utf8').split('\n', 1)[0];
    const m = HINT.exec(first)!;
    expect(path.resolve(PROJECT_ROOT, 'seeds', m[1])).toBe(path.join(PROJECT_ROOT, 'src/core/import/manifest.schema.json'));
  });

  it('le contrôle signale une ligne absente, un schéma introuvable ou d\'un autre genre', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'norme-hints-'));
    try {
      const put = (rel: string, text: string) => {
        mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        writeFileSync(path.join(dir, rel), text);
      };
      const schemas = path.relative(path.join(dir, 'f/V1/blocks'), path.join(PROJECT_ROOT, 'src/core/schemas')).split(path.sep).join('/');
      put('f/family.yaml', 'id: f\n');
      put('f/V1/blocks/B.yaml', `# yaml-language-server: $schema=${schemas}/datatype.schema.json\nid: B\n`);
      put('f/V1/datatypes/T.yaml', `# yaml-language-server: $schema=${schemas}/nope.schema.json\nid: T\n`);
      put('f/V1/journal/J.yaml', `# yaml-language-server: $schema=${schemas}/journal-entry.schema.json\nid: J\n`);
      put('f/V1/notes.yaml', 'x: 1\n');
      expect(checkSchemaHints(dir)).toEqual([
        'f/V1/blocks/B.yaml: schéma datatype.schema.json au lieu de block.schema.json',
        `f/V1/datatypes/T.yaml: le schéma ${schemas}/nope.schema.json n'existe pas`,
        'f/V1/notes.yaml: fichier YAML inattendu à cet endroit',
        'f/family.yaml: première ligne sans « # yaml-language-server: $schema=… »',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('VS Code (.vscode/)', () => {
  const settings = JSON.parse(readFileSync(path.join(PROJECT_ROOT, '.vscode/settings.json'), 'utf8')) as { 'yaml.schemas': Record<string, string[]> };
  const mapping = Object.entries(settings['yaml.schemas']).map(([schema, globs]) => ({ schema: path.resolve(PROJECT_ROOT, schema), globs: globs.map(globRe) }));

  it('yaml.schemas : chaque schéma cité existe', () => {
    for (const m of mapping) expect(existsSync(m.schema), m.schema).toBe(true);
  });

  it('yaml.schemas : chaque fichier YAML du registre est associé à un seul schéma, le même que sa première ligne', () => {
    const files = [...walkYaml(path.join(PROJECT_ROOT, 'norm')).map((f) => `norm/${f}`), 'seeds/import-manifest.yaml'];
    const problems: string[] = [];
    for (const rel of files) {
      const hits = mapping.filter((m) => m.globs.some((g) => g.test(rel)));
      const hint = HINT.exec(readFileSync(path.join(PROJECT_ROOT, rel), 'utf8').split('\n', 1)[0]);
      const fromHint = hint && path.resolve(PROJECT_ROOT, path.dirname(rel), hint[1]);
      if (hits.length !== 1) problems.push(`${rel}: ${hits.length} schéma(s) dans yaml.schemas`);
      else if (hits[0].schema !== fromHint) problems.push(`${rel}: ${hits[0].schema} ≠ ${fromHint}`);
    }
    expect(problems).toEqual([]);
    // Also the kinds with no file in the real registry yet (journal entries).
    const journal = mapping.filter((m) => m.globs.some((g) => g.test('norm/dsn/P26V01/journal/JMN-2026-001.yaml')));
    expect(journal.map((m) => path.basename(m.schema))).toEqual(['journal-entry.schema.json']);
  });

  it('extensions.json recommande l\'extension YAML de Red Hat', () => {
    const ext = JSON.parse(readFileSync(path.join(PROJECT_ROOT, '.vscode/extensions.json'), 'utf8')) as { recommendations: string[] };
    expect(ext.recommendations).toContain('redhat.vscode-yaml');
  });

  it('globRe : les jokers ne franchissent pas les dossiers', () => {
    expect(globRe('norm/*/family.yaml').test('norm/dsn/family.yaml')).toBe(true);
    expect(globRe('norm/*/family.yaml').test('norm/dsn/P26V01/family.yaml')).toBe(false);
    expect(globRe('norm/**/x.yaml').test('norm/a/b/x.yaml')).toBe(true);
  });
});
