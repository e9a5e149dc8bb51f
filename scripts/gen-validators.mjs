// Génère src/core/schemas/validators.generated.js : les validateurs ajv des schémas du modèle,
// compilés à l'avance (code « standalone »), pour ne pas recompiler les schémas à chaque commande.
// `npm run types` régénère ; un test vérifie que le fichier committé est à jour.
import { Ajv, _ } from 'ajv';
import formats from '../src/core/schemas/formats.ts';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const schemaDir = path.join(root, 'src/core/schemas');
export const outFile = path.join(schemaDir, 'validators.generated.js');
// The schemas validated when loading files (SchemaName in src/core/load/schemas.ts).
export const NAMES = ['family', 'version', 'block', 'datatype', 'journal-entry', 'consigne', '../import/manifest'];

/** Same options as src/core/load/schemas.ts. */
export const AJV_OPTIONS = { allErrors: true, strict: true, verbose: true, allowUnionTypes: true, formats };

export async function generateValidators() {
  // Custom formats (src/core/schemas/formats.ts) are imported by the generated code, not inlined.
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true, esm: true, lines: false, formats: _`require("./formats.ts")` } });
  const refs = {};
  for (const n of NAMES) {
    const schema = JSON.parse(await readFile(path.join(schemaDir, `${n}.schema.json`), 'utf8'));
    ajv.addSchema(schema);
    refs[path.basename(n).replace(/-(\w)/g, (_, c) => c.toUpperCase())] = schema.$id;
  }
  let code = standaloneCode(ajv, refs);
  // ajv's ESM output still calls require() for its runtime helpers: turn those into imports.
  const imports = [];
  code = code.replace(/require\("([^"]+)"\)/g, (_, mod) => {
    let i = imports.indexOf(mod);
    if (i < 0) i = imports.push(mod) - 1;
    return `__runtime${i}`;
  });
  // CommonJS interop differs between Node (namespace.default = module.exports) and Vite
  // (namespace.default = exports.default): normalise to an object whose `.default` is the helper.
  code =
    imports.map((m, i) => `import * as __ns${i} from "${/\.ts$/.test(m) ? m : `${m}.js`}";\nconst __runtime${i} = typeof __ns${i}.default === "function" ? { default: __ns${i}.default } : __ns${i}.default;`).join('\n') +
    '\n' +
    code.replace(/^"use strict";/, '');
  return '// Fichier généré par `npm run types` depuis src/core/schemas/*.schema.json — ne pas modifier à la main.\n// @ts-nocheck\n' + code + '\n';
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const generated = await generateValidators();
  await writeFile(outFile, generated);
  process.stdout.write(`Écrit ${path.relative(root, outFile)}\n`);
}
