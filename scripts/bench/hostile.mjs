// `norme validate` sur des fichiers hostiles (issue #22) : bombe à alias de 14 lignes (« billion
// laughs »), 2 Mo de crochets ouverts, 2 Mo de tirets compacts, fichier de plus de 2 Mo. Chacun est
// copié seul dans la fixture « valid » ; processus à froid, médiane de 3. Cible : diagnostic en < 1 s.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, cliCommand, fmtMs, medianRun } from './common.mjs';

const TARGET_MS = 1000;

function aliasBomb() {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  const names = 'abcdefghi';
  for (let i = 1; i < names.length; i++) lines.push(`${names[i]}: &${names[i]} [${Array(9).fill('*' + names[i - 1]).join(',')}]`);
  return [...lines, 'id: S10.G00.01', 'name: Bombe', 'cardinality: { min: 0, max: 1 }', 'rubriques: *i', ''].join('\n');
}

const CASES = {
  'bombe à alias (14 lignes)': aliasBomb(),
  '2 Mo de « [ »': 'rubriques: ' + '['.repeat(2_000_000) + '\n',
  '2 Mo de « - » compacts': 'rubriques:\n' + '- '.repeat(1_000_000) + 'x\n',
  'fichier de 2,5 Mo': ('# ' + 'x'.repeat(78) + '\n').repeat(32_000),
};

export async function bench() {
  const cli = cliCommand();
  const lines = [];
  const metrics = {};
  let ok = true;
  for (const [name, text] of Object.entries(CASES)) {
    const root = mkdtempSync(path.join(tmpdir(), 'norme-bench-hostile-'));
    try {
      cpSync(path.join(ROOT, 'tests/fixtures/registries/valid'), root, { recursive: true });
      writeFileSync(path.join(root, 'norm/demo/V1/blocks/S10.G00.01.yaml'), text);
      const r = medianRun(process.execPath, [...cli.args, 'validate'], 3, { cwd: root, allowFail: true });
      const diag = (r.last?.stdout ?? '').split('\n').find((l) => l.includes(' erreur ')) ?? '(aucun diagnostic)';
      const pass = r.last?.status === 1 && r.ms < TARGET_MS;
      ok &&= pass;
      metrics[name] = r.ms;
      lines.push(`${pass ? '✓' : '✗'} ${name} : ${fmtMs(r.ms)} — ${diag.slice(0, 110)}`);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  return { name: `norme validate sur des fichiers hostiles (cible < ${TARGET_MS} ms chacun, commande comprise)`, command: 'npx norme validate (fixture « valid » + un fichier hostile)', lines, metrics, ok };
}
