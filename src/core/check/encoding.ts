/**
 * Encoding of a flat file: UTF-8 when the whole content decodes strictly, else ISO-8859-1.
 * Works on any async iterable of byte chunks (Node streams, a browser File's stream), so the
 * CLI and the site page share it. Two passes: detection, then decoding.
 */
export type FileEncoding = 'UTF-8' | 'ISO-8859-1';

export async function detectEncoding(chunks: AsyncIterable<Uint8Array>): Promise<FileEncoding> {
  const dec = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of chunks) dec.decode(chunk, { stream: true });
    dec.decode();
    return 'UTF-8';
  } catch {
    return 'ISO-8859-1';
  }
}

/** Text chunks in the given encoding (multi-byte sequences split across chunks are handled). */
export async function* decodeChunks(chunks: AsyncIterable<Uint8Array>, encoding: FileEncoding): AsyncGenerator<string> {
  const dec = new TextDecoder(encoding === 'UTF-8' ? 'utf-8' : 'latin1');
  for await (const chunk of chunks) yield dec.decode(chunk, { stream: true });
  const tail = dec.decode();
  if (tail) yield tail;
}

/** Decode the head of a file (for sniffDeclaredVersion). */
export function decodeHead(bytes: Uint8Array, encoding: FileEncoding): string {
  return new TextDecoder(encoding === 'UTF-8' ? 'utf-8' : 'latin1').decode(bytes);
}
