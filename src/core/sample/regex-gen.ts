/**
 * Random strings matching a regexp, for the subset of syntax used by the norms' datatypes:
 * alternation, (capturing / non-capturing) groups, character classes with ranges, escapes
 * (\d \s \w \. …), quantifiers (* + ? {n} {n,} {n,m}) and anchors. Candidates are always
 * re-checked against the real RegExp by the caller.
 */
import type { Rng } from './rng.ts';

type Node =
  | { t: 'alt'; opts: Node[] }
  | { t: 'seq'; items: Node[] }
  | { t: 'rep'; node: Node; min: number; max: number }
  | { t: 'set'; chars: string[] }
  | { t: 'lit'; ch: string }
  | { t: 'empty' };

const DIGITS = '0123456789'.split('');
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
const LOWER = 'abcdefghijklmnopqrstuvwxyz'.split('');
const WORD = [...UPPER, ...LOWER, ...DIGITS, '_'];
/** Printable ASCII without the apostrophe (the flat file's value delimiter). */
const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).filter((c) => c !== "'");

class Parser {
  private i = 0;
  private s: string;
  constructor(s: string) {
    this.s = s;
  }
  parse(): Node {
    const n = this.alt();
    if (this.i < this.s.length) throw new Error(`regexp: caractère inattendu « ${this.s[this.i]} » en position ${this.i}`);
    return n;
  }
  private alt(): Node {
    const opts = [this.seq()];
    while (this.s[this.i] === '|') {
      this.i++;
      opts.push(this.seq());
    }
    return opts.length === 1 ? opts[0] : { t: 'alt', opts };
  }
  private seq(): Node {
    const items: Node[] = [];
    while (this.i < this.s.length && this.s[this.i] !== '|' && this.s[this.i] !== ')') {
      const atom = this.atom();
      items.push(this.quant(atom));
    }
    return items.length === 1 ? items[0] : { t: 'seq', items };
  }
  private atom(): Node {
    const c = this.s[this.i++];
    switch (c) {
      case '(': {
        if (this.s.startsWith('?:', this.i)) this.i += 2;
        else if (this.s[this.i] === '?') throw new Error('regexp: groupe spécial non pris en charge');
        const n = this.alt();
        if (this.s[this.i++] !== ')') throw new Error('regexp: parenthèse non fermée');
        return n;
      }
      case '[':
        return this.cls();
      case '\\':
        return this.escape();
      case '.':
        return { t: 'set', chars: PRINTABLE };
      case '^':
      case '$':
        return { t: 'empty' };
      default:
        return { t: 'lit', ch: c };
    }
  }
  private escape(): Node {
    const c = this.s[this.i++];
    const set = escapeSet(c);
    return set ? { t: 'set', chars: set } : { t: 'lit', ch: c };
  }
  private cls(): Node {
    let negate = false;
    if (this.s[this.i] === '^') {
      negate = true;
      this.i++;
    }
    const chars = new Set<string>();
    let first = true;
    while (this.i < this.s.length && (this.s[this.i] !== ']' || first)) {
      first = false;
      let c = this.s[this.i++];
      if (c === '\\') {
        const e = this.s[this.i++];
        const set = escapeSet(e);
        if (set) {
          set.forEach((x) => chars.add(x));
          continue;
        }
        c = e;
      }
      if (this.s[this.i] === '-' && this.s[this.i + 1] !== ']' && this.i + 1 < this.s.length) {
        this.i++;
        let to = this.s[this.i++];
        if (to === '\\') to = this.s[this.i++];
        for (let x = c.charCodeAt(0); x <= to.charCodeAt(0); x++) chars.add(String.fromCharCode(x));
      } else {
        chars.add(c);
      }
    }
    if (this.s[this.i++] !== ']') throw new Error('regexp: classe non fermée');
    const list = negate ? PRINTABLE.filter((x) => !chars.has(x)) : [...chars];
    return { t: 'set', chars: list };
  }
  private quant(atom: Node): Node {
    const c = this.s[this.i];
    let min: number, max: number;
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.s.slice(this.i));
      if (!m) return atom;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.i += m[0].length - 1;
    } else return atom;
    this.i++;
    if (this.s[this.i] === '?') this.i++;
    return { t: 'rep', node: atom, min, max };
  }
}

function escapeSet(c: string): string[] | undefined {
  switch (c) {
    case 'd':
      return DIGITS;
    case 'w':
      return WORD;
    case 's':
      return [' '];
    case 'D':
      return PRINTABLE.filter((x) => !DIGITS.includes(x));
    case 'W':
      return PRINTABLE.filter((x) => !WORD.includes(x));
    case 'S':
      return PRINTABLE.filter((x) => x !== ' ');
    default:
      return undefined;
  }
}

export function parseRegexp(source: string): Node {
  return new Parser(source).parse();
}

/** One random string for `node`; unbounded repetitions stay short, sometimes up to `maxLen`. */
export function generate(node: Node, rng: Rng, maxLen: number): string {
  switch (node.t) {
    case 'empty':
      return '';
    case 'lit':
      return node.ch;
    case 'set':
      return node.chars.length ? rng.pick(node.chars) : '';
    case 'seq':
      return node.items.map((n) => generate(n, rng, maxLen)).join('');
    case 'alt':
      return generate(rng.pick(node.opts), rng, maxLen);
    case 'rep': {
      const hi = node.max === Infinity ? node.min + (rng.chance(0.85) ? 2 : Math.max(2, maxLen)) : node.max;
      const n = rng.int(node.min, hi);
      let s = '';
      for (let k = 0; k < n; k++) s += generate(node.node, rng, maxLen);
      return s;
    }
  }
}

export type { Node as RegexpNode };

/**
 * Shortest and longest strings `node` can match (`Infinity` when unbounded; `min` is `Infinity`
 * when nothing matches, e.g. an empty class). Used to find datatypes no value can satisfy.
 */
export function matchLengths(node: Node): { min: number; max: number } {
  switch (node.t) {
    case 'empty':
      return { min: 0, max: 0 };
    case 'lit':
      return { min: 1, max: 1 };
    case 'set':
      return node.chars.length ? { min: 1, max: 1 } : { min: Infinity, max: 0 };
    case 'seq':
      return node.items.map(matchLengths).reduce((a, b) => ({ min: a.min + b.min, max: a.max + b.max }), { min: 0, max: 0 });
    case 'alt': {
      const all = node.opts.map(matchLengths);
      return { min: Math.min(...all.map((x) => x.min)), max: Math.max(...all.map((x) => x.max)) };
    }
    case 'rep': {
      const inner = matchLengths(node.node);
      const min = node.min === 0 ? 0 : inner.min * node.min;
      const max = inner.max === 0 ? 0 : node.max === Infinity ? Infinity : inner.max * node.max;
      return { min, max };
    }
  }
}
