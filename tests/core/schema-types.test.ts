import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../helpers/fixture.ts';
import { generateTypes } from '../../scripts/gen-types.mjs';

describe('types dérivés des schémas', () => {
  it('src/core/model/schema-types.ts est à jour (sinon : npm run types)', async () => {
    const committed = readFileSync(path.join(PROJECT_ROOT, 'src/core/model/schema-types.ts'), 'utf8');
    expect(committed).toBe(await generateTypes());
  });
});

describe('validateurs précompilés', () => {
  it('src/core/schemas/validators.generated.js est à jour (sinon : npm run types)', async () => {
    // @ts-ignore plain JS module
    const { generateValidators, outFile } = await import('../../scripts/gen-validators.mjs');
    expect(readFileSync(outFile, 'utf8')).toBe(await generateValidators());
  });
});
