import { isUtf8 } from 'node:buffer';
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

describe('détection avec un validateur d\'octets (buffer.isUtf8, comme la CLI)', () => {
  // Same verdict as the fatal decoder, whatever the chunking: sequences of 2, 3 and 4 bytes cut
  // anywhere, and invalid bytes (overlong « C0 AF », surrogate « ED A0 80 », truncated end, lone
  // continuation byte, Latin-1 « É »).
  const utf8 = new TextEncoder().encode("S21.G00.30.002,'ÉLODIE – 𝔸'\n");
  const bad = [[0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0x80], [0xc9]];
  const cases = [utf8, ...bad.map((b) => Uint8Array.from([...utf8, ...b, ...utf8])), Uint8Array.from([...utf8, 0xf0, 0x9d])];
  it('même verdict que le décodeur strict, quel que soit le découpage', async () => {
    for (const bytes of cases) {
      const expected = await detectEncoding(chunksOf(bytes, bytes.length));
      for (let size = 1; size <= 7; size++) expect(await detectEncoding(chunksOf(bytes, size), isUtf8)).toBe(expected);
    }
    expect(await detectEncoding(chunksOf(cases[0], 2), isUtf8)).toBe('UTF-8');
    expect(await detectEncoding(chunksOf(cases[2], 2), isUtf8)).toBe('ISO-8859-1');
    expect(await detectEncoding(chunksOf(cases[6], 3), isUtf8)).toBe('ISO-8859-1');
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
