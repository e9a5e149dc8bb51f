// Vérifie la version de Node avant toute commande du projet.
// Écrit en JavaScript compatible avec les anciennes versions de Node : il doit pouvoir
// s'exécuter et afficher son message même sous Node 18 ou 20.
const MIN = [22, 12, 0];
const cur = process.versions.node.split('.').map(Number);
let ok = true;
for (let i = 0; i < 3; i++) {
  if (cur[i] > MIN[i]) break;
  if (cur[i] < MIN[i]) { ok = false; break; }
}
if (!ok) {
  process.stderr.write(
    'norme : Node ' + process.versions.node + ' est trop ancien (il faut Node ≥ ' + MIN.join('.') + ').\n' +
    'Le projet installe Node 24 dans node_modules (dépendance « node ») : lancez les commandes\n' +
    'par « npm run … » ou « npx norme … » après « npm install », pas directement avec « node ».\n'
  );
  process.exit(2);
}
export {};
