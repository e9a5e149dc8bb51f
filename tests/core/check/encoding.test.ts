import { describe, expect, it } from 'vitest';
import { decodeChunks, detectEncoding, sniffDeclaredVersion } from '../../../src/core/check/index.ts';

async function* chunksOf(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}
async function text(it: AsyncIterable<string>): Promise<string> {
  let s = '';
  for await (const x of it) s += x;
  return s;
}

describe('encodage', () => {
  const line = "S10.G00.01.003,'SOCIÉTÉ ÀÉÈ'\n";
  it('UTF-8 coupé au milieu d\'un caractère', async () => {
    const bytes = new TextEncoder().encode(line.repeat(3));
    expect(await detectEncoding(chunksOf(bytes, 3))).toBe('UTF-8');
    expect(await text(decodeChunks(chunksOf(bytes, 3), 'UTF-8'))).toBe(line.repeat(3));
  });
  it('ISO-8859-1', async () => {
    const bytes = Uint8Array.from(Buffer.from(line, 'latin1'));
    expect(await detectEncoding(chunksOf(bytes, 5))).toBe('ISO-8859-1');
    expect(await text(decodeChunks(chunksOf(bytes, 5), 'ISO-8859-1'))).toBe(line);
  });
});

describe('version déclarée', () => {
  it('trouvée en tête, avec BOM et CRLF', () => {
    const head = "\ufeffS10.G00.00.001,'X'\r\nS10.G00.00.006,'P26V01'\r\n";
    expect(sniffDeclaredVersion(head, ['S10.G00.00.006'])).toEqual({ value: 'P26V01', line: 2, rubrique: 'S10.G00.00.006' });
  });
  it('absente ou trop loin', () => {
    expect(sniffDeclaredVersion("S10.G00.00.001,'X'\n", ['S10.G00.00.006'])).toBeUndefined();
    const far = "S10.G00.00.001,'X'\n".repeat(3) + "S10.G00.00.006,'P26V01'\n";
    expect(sniffDeclaredVersion(far, ['S10.G00.00.006'], 3)).toBeUndefined();
    expect(sniffDeclaredVersion(far, ['S10.G00.00.006'], 4)?.line).toBe(4);
  });
});
