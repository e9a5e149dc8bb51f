/**
 * Link targets written by contributors (fiches consignes), judged as a browser resolves them.
 * A raw-string test is not enough: the WHATWG URL parser drops leading and trailing C0 controls and
 * spaces and removes tabs and newlines anywhere, and HTML decodes character references in an
 * attribute, so `java⇥script:`, ` javascript:`, `\x01javascript:` and `java&#9;script:` are all
 * `javascript:` to Chromium. One function, used by validation (mdx.ts) and by rendering (render.ts).
 */
import { decodeHTML } from 'entities';

/** The schemes a fiche may link to; anything without a scheme is relative (resolved on the site). */
const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
/** Base for relative targets: its scheme is allowed, so only the target's own scheme decides. */
const BASE = 'https://relatif.invalid/';
/** C0 controls and DEL that the URL parser does not strip inside a URL. */
const CONTROL = /[\u0000-\u001f\u007f]/;

export interface UrlVerdict {
  safe: boolean;
  /** Scheme a browser resolves the target to (`javascript:`), or undefined when it does not parse. */
  protocol?: string;
}

/**
 * What a browser makes of `raw` as an `href`: HTML character references decoded (repeatedly, in
 * case the text was escaped twice), then the WHATWG URL parser (Node's `URL`), against an https
 * base. Safe when the resulting scheme is http, https or mailto, and nothing left is a control.
 */
export function judgeUrl(raw: string): UrlVerdict {
  let s = raw;
  for (let i = 0; i < 4; i++) {
    const d = decodeHTML(s);
    if (d === s) break;
    s = d;
  }
  let protocol: string | undefined;
  try {
    protocol = new URL(s, BASE).protocol;
  } catch {
    return { safe: false };
  }
  const inner = s.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
  return { safe: ALLOWED_PROTOCOLS.has(protocol) && !CONTROL.test(inner), protocol };
}

export function isSafeUrl(raw: string): boolean {
  return judgeUrl(raw).safe;
}

/** `s` with control characters written visibly (`\t`, `\n`, `\x01`), for a message that echoes it. */
export function visibleControls(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f]/g, (c) =>
    c === '\t' ? '\\t' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
