import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES, PROJECT_ROOT, fixtureCopy, runNorme } from '../helpers/fixture.ts';

const VALID = path.join(FIXTURES, 'registries/valid');

const run = (args: string[], cwd = VALID) => runNorme(args, cwd);

describe('norme validate', () => {
  it('registre valide : code 0 et résumé', async () => {
    const r = await run(['validate']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^✓ \d+ fichier\(s\), 1 famille\(s\), 1 version\(s\) : 0 erreur\(s\), 0 avertissement\(s\)\.$/m);
  });

  it('registre cassé : ligne canonique, indice, code 1', async () => {
    const f = fixtureCopy('valid', [{ file: 'norm/demo/V1/blocks/S21.G00.40.yaml', from: 'datatype: DSN_NatureContrat', to: 'datatype: DSN_NatureContrat2' }]);
    try {
      const r = await run(['validate'], f.root);
      expect(r.code).toBe(1);
      expect(r.out.split('\n').slice(0, 2)).toEqual([
        'norm/demo/V1/blocks/S21.G00.40.yaml:15:15: erreur Type de données inconnu `DSN_NatureContrat2` ; vouliez-vous dire `DSN_NatureContrat` ? [unknown-datatype]',
        '  → définissez-le dans `norm/demo/V1/datatypes/DSN_NatureContrat2.yaml` ou corrigez le nom.',
      ]);
      const gh = await run(['validate', '--format', 'github'], f.root);
      expect(gh.out.trim()).toBe(
        '::error file=norm/demo/V1/blocks/S21.G00.40.yaml,line=15,col=15,title=unknown-datatype::Type de données inconnu `DSN_NatureContrat2` ; vouliez-vous dire `DSN_NatureContrat` ? — définissez-le dans `norm/demo/V1/datatypes/DSN_NatureContrat2.yaml` ou corrigez le nom.',
      );
      const js = JSON.parse((await run(['validate', '--format', 'json'], f.root)).out);
      expect(js.errors).toBe(1);
      expect(js.diagnostics[0]).toMatchObject({ rule: 'unknown-datatype', line: 15, column: 15 });
    } finally {
      f.cleanup();
    }
  });

  it('YAML illisible : jamais de plantage, code 1', async () => {
    const f = fixtureCopy('valid', [{ file: 'norm/demo/V1/version.yaml', to: '\t: : [\n' }]);
    try {
      const r = await run(['validate'], f.root);
      expect(r.code).toBe(1);
      expect(r.out).toContain('norm/demo/V1/version.yaml:1:1: erreur');
    } finally {
      f.cleanup();
    }
  });

  it('mauvaise utilisation : code 2', async () => {
    expect((await run(['validate', '--format', 'xml'])).code).toBe(2);
    expect((await run(['validate', '--inconnue'])).code).toBe(2);
    expect((await run(['frobnicate'])).code).toBe(2);
  });
});

describe('norme list / show / export', () => {
  it('list', async () => {
    const r = await run(['list']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Démo (demo)');
    expect(r.out).toContain('V1       publiée    mois 2026-01 → 2026-12 (inférée)');
    expect(r.out).toContain('2 blocs, 3 rubriques, 3 types, 1 contrôles');
  });

  it('show : rubrique en texte et en JSON, version sans famille acceptée', async () => {
    const t = await run(['show', 'demo/V1', 'S21.G00.40.007']);
    expect(t.code).toBe(0);
    expect(t.out).toContain('Rubrique S21.G00.40.007 — Nature du contrat   (demo/V1)');
    const j = await run(['show', 'V1', 'S21.G00.40.007', '--format', 'json']);
    const doc = JSON.parse(j.out);
    expect(doc).toMatchObject({ kind: 'rubrique', id: 'S21.G00.40.007', name: 'Nature du contrat', datatype: 'DSN_NatureContrat' });
    expect(doc.datatypeDefinition.values.map((v: { code: string }) => v.code)).toEqual(['01', '02']);
  });

  it('show : contrôle, type, bloc ; identifiant inconnu avec suggestion', async () => {
    expect((await run(['show', 'demo/V1', 'S21.G00.40.007/CCH-11'])).out).toContain('Famille         CCH');
    expect((await run(['show', 'demo/V1', 'S21.G00.40.007/CCH11'])).code).toBe(0);
    expect((await run(['show', 'demo/V1', 'S21.G00.40'])).out).toContain('Cardinalité     1..*');
    const miss = await run(['show', 'demo/V1', 'S21.G00.40.017']);
    expect(miss.code).toBe(1);
    expect(miss.err).toBe('norme : élément « S21.G00.40.017 » introuvable dans demo/V1 ; vouliez-vous dire `S21.G00.40.007` ?\n');
    const badv = await run(['show', 'demo/V2', 'S21.G00.40']);
    expect(badv.code).toBe(2);
    expect(badv.err).toContain('version inconnue « demo/V2 » ; vouliez-vous dire `V1` ?');
  });

  it('export CSV pour Excel : BOM, « ; », CRLF', async () => {
    const r = await run(['export', 'demo/V1', '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.out.startsWith('\ufeffBloc;Libellé du bloc;Rubrique;')).toBe(true);
    const lines = r.out.split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[2]).toContain('S21.G00.40;Contrat;S21.G00.40.001;Date de début du contrat;');
  });

  it('export JSON : la version entière', async () => {
    const doc = JSON.parse((await run(['export', 'demo/V1', '--format', 'json'])).out);
    expect(doc.version.id).toBe('V1');
    expect(doc.blocks.map((b: { id: string }) => b.id)).toEqual(['S10.G00.00', 'S21.G00.40']);
    expect(doc.datatypes).toHaveLength(3);
  });
});

describe('processus réel', () => {
  it('bin/norme.mjs tourne sous le Node du projet', () => {
    const out = execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'bin/norme.mjs'), 'validate', '--root', VALID], { encoding: 'utf8' });
    expect(out).toContain('0 erreur(s)');
  });

  it('une sortie lue à moitié (`… | head`) arrête la commande sans erreur ni trace', async () => {
    const { spawn } = await import('node:child_process');
    // The real registry exported as JSON: megabytes, far more than the reader takes.
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin/norme.mjs'), 'export', 'dsn/P26V01', '--format', 'json'], { cwd: PROJECT_ROOT });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect([code, err]).toEqual([0, '']);
  });

  const oldNode = '/usr/bin/node';
  const isOld = existsSync(oldNode) && (() => {
    const [maj, min] = spawnSync(oldNode, ['-p', 'process.versions.node'], { encoding: 'utf8', timeout: 60_000 }).stdout.trim().split('.').map(Number);
    return maj < 22 || (maj === 22 && min < 12);
  })();
  it.skipIf(!isOld)('un Node trop ancien échoue tout de suite avec un message clair (code 2)', () => {
    const r = spawnSync(oldNode, [path.join(PROJECT_ROOT, 'bin/norme.mjs'), 'list'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('est trop ancien (il faut Node ≥ 22.12.0)');
  });
});

describe('aide', () => {
  it('chaque commande enregistrée a le résumé de son module et une aide', async () => {
    const { COMMANDS } = await import('../../src/cli/main.ts');
    for (const entry of COMMANDS) {
      const cmd = await entry.load();
      expect(cmd.name).toBe(entry.name);
      expect(cmd.summary).toBe(entry.summary);
      const r = await run([entry.name, '--help']);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^Usage : npx norme /);
    }
  });
});
