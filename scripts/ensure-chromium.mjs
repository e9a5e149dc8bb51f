// Vérifie que Chromium (paquet Debian) est présent pour les tests navigateur ;
// l'installe avec apt-get quand c'est possible (root, Debian), sinon explique quoi faire.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import './check-node.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (existsSync(CHROMIUM)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (isRoot && hasApt) {
  process.stdout.write('Chromium absent : installation du paquet Debian « chromium » (tests navigateur)…\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env }).status === 0;
  if (run(['update', '-qq']) && run(['install', '-y', '-qq', '--no-install-recommends', 'chromium']) && existsSync(CHROMIUM)) {
    process.exit(0);
  }
  process.stderr.write('norme : l\'installation de Chromium a échoué (apt-get install chromium).\n');
  process.exit(1);
}
process.stderr.write(
  'norme : les tests navigateur ont besoin de Chromium (' + CHROMIUM + ').\n' +
  'Installez-le (Debian/Ubuntu : sudo apt-get install chromium) ou indiquez son chemin dans CHROMIUM_PATH.\n' +
  'Pour ne lancer que les tests rapides : npm run test:fast\n',
);
process.exit(1);
