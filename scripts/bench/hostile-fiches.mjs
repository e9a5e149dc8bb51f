// Fiches hostiles (issue #22) : `norme validate` sur la petite fixture tests/fixtures/consignes/valid
// dont la fiche 2 est remplacée par un texte hostile généré ici (rien de volumineux n'est versionné).
// Cible : chaque cas donne son diagnostic en moins de 2 s et 300 Mo (processus complet, à froid),
// et la pire fiche admise (60 Ko, 100 marques de mise en forme par paragraphe) se vérifie aussi dans ces bornes.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, cliCommand, fmtMs, timeProcess } from './common.mjs';

const MAX_MS = 2000;
const MAX_MB = 300;
const nested = (n) => '*a '.repeat(n) + 'b' + ' c*'.repeat(n);
const CASES = [
  ['emphase imbriquée, fiche de 120 Ko', nested(20_000), 'fiche-too-large'],
  ['fiche de 5 Mo', 'Texte ordinaire. '.repeat(300_000), 'fiche-too-large'],
  ['emphase imbriquée, un paragraphe de 60 Ko', nested(10_000), 'paragraph-too-complex'],
  ['10 000 citations `>` imbriquées', '>'.repeat(10_000) + ' a', 'nesting-too-deep'],
  ['pire fiche admise : 60 Ko d\'étoiles, 100 par paragraphe', Array.from({ length: 600 }, () => '*'.repeat(50) + 'a' + '*'.repeat(50)).join('\n\n'), null],
  ['pire fiche admise : 60 Ko, 100 marques par paragraphe', Array.from({ length: 200 }, () => nested(50)).join('\n\n'), null],
];

export async function bench() {
  const cli = cliCommand();
  const lines = [];
  let ok = true;
  for (const [name, body, rule] of CASES) {
    const dir = mkdtempSync(path.join(tmpdir(), 'norme-bench-hostile-'));
    try {
      cpSync(path.join(ROOT, 'tests/fixtures/consignes/valid'), dir, { recursive: true });
      const f = path.join(dir, 'consignes/2/fiche.mdx');
      writeFileSync(f, readFileSync(f, 'utf8') + '\n' + body + '\n');
      const r = timeProcess('/usr/bin/time', ['-f', '%M', process.execPath, ...cli.args, 'validate'], { cwd: dir });
      const mb = Number(r.stderr.trim().split('\n').pop()) / 1024;
      const found = rule ? r.stderr.includes(`[${rule}]`) || r.stdout.includes(`[${rule}]`) : r.status === 0;
      const pass = found && r.ms < MAX_MS && mb < MAX_MB;
      ok &&= pass;
      lines.push(`${pass ? '✓' : '✗'} ${name} : ${fmtMs(r.ms)}, ${mb.toFixed(0)} Mo, ${rule ? (found ? rule : `${rule} ABSENT`) : found ? 'valide' : `code ${r.status}`}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { name: `Fiches hostiles : diagnostic en < ${MAX_MS / 1000} s et < ${MAX_MB} Mo`, command: 'npm run bench -- hostile-fiches', ok, lines };
}
