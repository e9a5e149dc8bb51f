// npm run bench — mesures de performance du projet (jamais dans les tests).
// Chaque section est un module scripts/bench/<nom>.mjs exportant `bench()`.
// Usage : npm run bench [-- validate hostile diff site-build check search]
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, machine } from './bench/common.mjs';

const ALL = ['validate', 'hostile', 'diff', 'check', 'package', 'site-build', 'autocontrole-browser', 'search', 'hostile-fiches'];
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const sections = wanted.length ? wanted : ALL;

const m = machine();
console.log(`Machine : ${m.cpu}, ${m.memory}, Node ${m.node}, ${m.os}`);
console.log(`Commande : npm run bench${wanted.length ? ' -- ' + wanted.join(' ') : ''}\n`);
const results = [];
let failed = 0;
for (const s of sections) {
  const file = path.join(ROOT, 'scripts/bench', `${s}.mjs`);
  if (!existsSync(file)) {
    console.log(`— ${s} : pas encore de mesure (scripts/bench/${s}.mjs absent)\n`);
    continue;
  }
  const mod = await import(file);
  try {
    const r = await mod.bench();
    results.push({ section: s, ...r });
    console.log(`${r.ok ? '✓' : '✗'} ${r.name}`);
    if (r.command) console.log(`  commande : ${r.command}`);
    for (const l of r.lines) console.log(`  ${l}`);
    console.log();
    if (!r.ok) failed++;
  } catch (err) {
    failed++;
    console.log(`✗ ${s} : la mesure a échoué : ${err.message}\n`);
  }
}
mkdirSync(path.join(ROOT, 'bench-results'), { recursive: true });
writeFileSync(path.join(ROOT, 'bench-results/latest.json'), JSON.stringify({ date: new Date().toISOString(), machine: m, results }, null, 2) + '\n');
console.log(`Résultats détaillés : bench-results/latest.json${failed ? ` — ${failed} cible(s) non atteinte(s)` : ''}`);
