/**
 * Encoding of a flat file: UTF-8 when the whole content decodes strictly, else ISO-8859-1.
 * Works on any async iterable of byte chunks (Node streams, a browser File's stream), so the
 * CLI and the site page share it. Two passes: detection, then decoding.
 */
export type FileEncoding = 'UTF-8' | 'ISO-8859-1';

export async function detectEncoding(chunks: AsyncIterable<Uint8Array>, isUtf8?: (bytes: Uint8Array) => boolean): Promise<FileEncoding> {
  if (isUtf8) return detectWith(chunks, isUtf8);
  const dec = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of chunks) dec.decode(chunk, { stream: true });
    dec.decode();
    return 'UTF-8';
  } catch {
    return 'ISO-8859-1';
  }
}

/**
 * Same verdict with a validator of whole byte strings (Node's `buffer.isUtf8`, which validates
 * without decoding: several times faster than a fatal TextDecoder). A multi-byte sequence cut
 * at the end of a chunk is carried over to the next one (copied: a chunk is never kept, so the
 * caller may reuse one buffer for every chunk).
 */
async function detectWith(chunks: AsyncIterable<Uint8Array>, isUtf8: (bytes: Uint8Array) => boolean): Promise<FileEncoding> {
  let carry: Uint8Array | undefined;
  for await (const chunk of chunks) {
    let buf = chunk;
    if (carry) {
      buf = new Uint8Array(carry.length + chunk.length);
      buf.set(carry);
      buf.set(chunk, carry.length);
    }
    const cut = buf.length - incompleteTail(buf);
    if (!isUtf8(buf.subarray(0, cut))) return 'ISO-8859-1';
    carry = cut < buf.length ? buf.slice(cut) : undefined;
  }
  // A sequence still incomplete at the end of the file is invalid.
  return carry ? 'ISO-8859-1' : 'UTF-8';
}

/** Bytes at the end of `buf` that begin a UTF-8 sequence not complete in `buf` (0 to 3). */
function incompleteTail(buf: Uint8Array): number {
  let i = buf.length - 1;
  let k = 0;
  while (i >= 0 && k < 3 && (buf[i] & 0xc0) === 0x80) {
    i--;
    k++;
  }
  if (i < 0) return 0;
  const b = buf[i];
  const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
  return need > buf.length - i ? buf.length - i : 0;
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

/**
 * UTF-16 file (byte-order mark, or NUL bytes every other byte in the head): the checker cannot
 * read it as text, the caller says so (« enregistrez-le en UTF-8 ou ISO-8859-1 »).
 */
export function utf16Of(head: Uint8Array): 'UTF-16LE' | 'UTF-16BE' | undefined {
  if (head[0] === 0xff && head[1] === 0xfe) return 'UTF-16LE';
  if (head[0] === 0xfe && head[1] === 0xff) return 'UTF-16BE';
  const n = Math.min(head.length - (head.length % 2), 64);
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (head[i] === 0) i % 2 ? odd++ : even++;
  if (odd >= n / 2 - 1 && even === 0) return 'UTF-16LE';
  if (even >= n / 2 - 1 && odd === 0) return 'UTF-16BE';
  return undefined;
}

/**
 * Characters that an ISO-8859-1 file can only hold as Windows-1252 bytes 0x80–0x9F (the
 * WHATWG `latin1` decoder reads them as Windows-1252): character → byte.
 */
let cp1252: Map<string, number> | undefined;
export function windows1252Byte(ch: string): number | undefined {
  if (!cp1252) {
    cp1252 = new Map();
    const dec = new TextDecoder('latin1');
    for (let b = 0x80; b <= 0x9f; b++) {
      const c = dec.decode(new Uint8Array([b]));
      if (c.charCodeAt(0) > 0xff) cp1252.set(c, b);
    }
  }
  return cp1252.get(ch);
}

/** Plain ISO-8859-1 replacements of the usual Windows-1252 characters. */
export const WINDOWS_1252_REPLACEMENTS: Record<string, string> = {
  '’': "'", '‘': "'", '‚': "'", '“': '"', '”': '"', '„': '"', '–': '-', '—': '-', '…': '...', '€': 'EUR', 'œ': 'oe', 'Œ': 'OE', '•': '-', 'Š': 'S', 'š': 's', 'Ž': 'Z', 'ž': 'z', 'Ÿ': 'Y',
};

/** « encodé en UTF-16 (LE) : enregistrez-le en UTF-8 ou ISO-8859-1 … » for an unreadable encoding, else undefined. */
export function unusableEncoding(head: Uint8Array): string | undefined {
  const u = utf16Of(head);
  return u ? `est encodé en UTF-16 (${u.slice(6)}) : enregistrez-le en UTF-8 ou ISO-8859-1 (encodages de la norme).` : undefined;
}
