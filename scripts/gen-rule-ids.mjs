// Génère src/core/validate/rule-ids.generated.ts à partir du catalogue src/core/validate/rules.json :
// le type des identifiants de règle que `diag()` accepte (une règle absente du catalogue fait échouer
// `npm run typecheck`). `npm run types` régénère ; un test échoue si le fichier committé a dérivé.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const catalogueFile = path.join(root, 'src/core/validate/rules.json');
export const outFile = path.join(root, 'src/core/validate/rule-ids.generated.ts');

export async function generateRuleIds() {
  const { rules } = JSON.parse(await readFile(catalogueFile, 'utf8'));
  const ids = rules.map((r) => r.id).sort();
  return (
    '/* Fichier généré par `npm run types` depuis src/core/validate/rules.json — ne pas modifier à la main. */\n' +
    '/** Identifiant d\'une règle de validation du catalogue. */\n' +
    'export type ValidationRuleId =\n' +
    ids.map((id) => `  | '${id}'`).join('\n') +
    ';\n'
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await writeFile(outFile, await generateRuleIds());
}
