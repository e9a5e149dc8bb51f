// Génère src/core/model/schema-types.ts à partir des schémas JSON (source unique du modèle).
// `npm run types` régénère ; `npm run types -- --check` échoue si le fichier committé a dérivé.
import { compile } from 'json-schema-to-typescript';
import { readFile, writeFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const schemaDir = path.join(root, 'src/core/schemas');
const outFile = path.join(root, 'src/core/model/schema-types.ts');
/** Relative to src/core/schemas. */
export const EXTRA_SCHEMAS = ['../import/manifest.schema.json'];

export async function generateTypes() {
  const files = (await readdir(schemaDir)).filter((f) => f.endsWith('.schema.json')).sort();
  // Schemas of files norme reads that are not registry formats (not published with the others).
  files.push(...EXTRA_SCHEMAS);
  let out = '/* Fichier généré par `npm run types` depuis src/core/schemas/*.schema.json — ne pas modifier à la main. */\n/* eslint-disable */\n';
  for (const f of files) {
    const schema = JSON.parse(await readFile(path.join(schemaDir, f), 'utf8'));
    // A schema made of the others (version-export: $ref to version, block, datatype) names their
    // types, already declared by their own sections, instead of declaring them a second time.
    const composite = /"\$ref":\s*"[\w-]+\.schema\.json"/.test(JSON.stringify(schema));
    const ts = await compile(schema, schema.title ?? f, {
      cwd: schemaDir,
      bannerComment: '',
      additionalProperties: false,
      declareExternallyReferenced: !composite,
      unreachableDefinitions: false,
      strictIndexSignatures: false,
      format: true,
      style: { singleQuote: true },
    });
    out += `\n// --- ${path.basename(f)}\n` + ts;
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const generated = await generateTypes();
  if (process.argv.includes('--check')) {
    const current = await readFile(outFile, 'utf8').catch(() => '');
    if (current !== generated) {
      process.stderr.write('Les types TypeScript ont dérivé des schémas : lancez « npm run types ».\n');
      process.exit(1);
    }
    process.stdout.write('Types à jour.\n');
  } else {
    await writeFile(outFile, generated);
    process.stdout.write(`Écrit ${path.relative(root, outFile)}\n`);
  }
}
