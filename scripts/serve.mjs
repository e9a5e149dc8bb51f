// `npm start` : sert le site construit (dist/) sur http://127.0.0.1:4321/, comme un hébergeur
// statique, en-têtes de dist/_headers compris (l'index de recherche compressé) : src/site/serve.ts.
// Options : --port N (4321), --host H (127.0.0.1), --dir D (dist).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { serveStatic } from '../src/site/serve.ts';

const { values } = parseArgs({ options: { port: { type: 'string', default: '4321' }, host: { type: 'string', default: '127.0.0.1' }, dir: { type: 'string', default: 'dist' } } });
const root = path.resolve(values.dir);
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`norme : port invalide « ${values.port} » (un entier de 0 à 65535).`);
  process.exit(2);
}
if (!existsSync(path.join(root, 'index.html'))) {
  console.error(`norme : pas de site construit dans ${values.dir}/ : lancez d'abord « npm run build ».`);
  process.exit(1);
}
try {
  const srv = await serveStatic(root, { host: values.host, port });
  console.log(`Site servi sur ${srv.url}/ (dossier ${values.dir}/, en-têtes de ${values.dir}/_headers appliqués). Ctrl+C pour arrêter.`);
  const stop = () => srv.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (err) {
  console.error(
    err.code === 'EADDRINUSE'
      ? `norme : le port ${port} est déjà pris (un autre « npm start » ?) : arrêtez-le, ou « npm start -- --port 4322 ».`
      : `norme : impossible de servir le site : ${err.message}`,
  );
  process.exit(1);
}
