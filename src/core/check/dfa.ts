/**
 * A datatype's regexp as a table over ASCII characters (deterministic automaton), so that the
 * checker accepts a value on the line itself, from its character codes, without taking the value
 * out as a string nor running the regexp engine.
 *
 * Only a subset of the syntax is compiled (what the norms' regexps use: characters, classes,
 * `\d \s \w` and their negations, groups, alternatives, quantifiers); anything else (anchors,
 * `.`, assertions, back-references, non-ASCII characters in the pattern…) gives no table, and
 * the checker keeps the regexp. The table only decides for values made of ASCII characters: a
 * value with any other character, or one the table rejects, is checked by the regexp itself (which
 * also writes the finding), so that a table can only ever accept what the regexp accepts.
 */

/** Transition table: `next[state * 128 + char]` (-1: no match possible), accepting states. */
export interface AsciiDfa {
  next: Int16Array;
  accept: Uint8Array;
}

const MAX_NFA_STATES = 4000;
const MAX_DFA_STATES = 1500;

type Set128 = Uint8Array;
type Node =
  | { t: 'set'; set: Set128 }
  | { t: 'cat'; items: Node[] }
  | { t: 'alt'; items: Node[] }
  | { t: 'rep'; node: Node; min: number; max: number };

class Unsupported extends Error {}

const set = (...ranges: Array<[number, number]>): Set128 => {
  const s = new Uint8Array(128);
  for (const [a, b] of ranges) for (let c = a; c <= b && c < 128; c++) s[c] = 1;
  return s;
};
const negate = (s: Set128): Set128 => s.map((x) => 1 - x);
const DIGIT = set([48, 57]);
// ASCII part of \s (with the u flag \s also holds non-ASCII spaces: never seen by the table).
const SPACE = set([9, 13], [32, 32]);
const WORD = set([48, 57], [65, 90], [95, 95], [97, 122]);
const SYNTAX = new Set('^$\\.*+?()[]{}|/');
const CONTROL: Record<string, number> = { t: 9, n: 10, v: 11, f: 12, r: 13 };

/** Parser of the u-flag syntax subset (the source already compiled as a RegExp). */
class Parser {
  private i = 0;
  private src: string;
  constructor(src: string) {
    this.src = src;
    for (let k = 0; k < src.length; k++) if (src.charCodeAt(k) >= 128) throw new Unsupported();
  }

  parse(): Node {
    const n = this.alt();
    if (this.i < this.src.length) throw new Unsupported();
    return n;
  }

  private peek(): string | undefined {
    return this.src[this.i];
  }

  private alt(): Node {
    const items = [this.cat()];
    while (this.peek() === '|') {
      this.i++;
      items.push(this.cat());
    }
    return items.length === 1 ? items[0] : { t: 'alt', items };
  }

  private cat(): Node {
    const items: Node[] = [];
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === '|' || c === ')') break;
      items.push(this.quantified(this.atom()));
    }
    return { t: 'cat', items };
  }

  private quantified(node: Node): Node {
    const c = this.peek();
    let min: number;
    let max: number;
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) throw new Unsupported();
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.i += m[0].length - 1;
    } else return node;
    this.i++;
    if (this.peek() === '?') this.i++; // lazy: same language
    return { t: 'rep', node, min, max };
  }

  private atom(): Node {
    const c = this.src[this.i++];
    if (c === '(') {
      if (this.peek() === '?') {
        if (this.src[this.i + 1] !== ':') throw new Unsupported();
        this.i += 2;
      }
      const n = this.alt();
      if (this.src[this.i++] !== ')') throw new Unsupported();
      return n;
    }
    if (c === '[') return { t: 'set', set: this.cls() };
    if (c === '\\') return { t: 'set', set: this.escape(false) };
    if (c === '.' || c === '^' || c === '$' || c === ')' || c === '*' || c === '+' || c === '?' || c === '{' || c === '}' || c === ']') throw new Unsupported();
    return { t: 'set', set: set([c.charCodeAt(0), c.charCodeAt(0)]) };
  }

  /** After `\`: a class escape or one character. */
  private escape(inClass: boolean): Set128 {
    const c = this.src[this.i++];
    if (c === undefined) throw new Unsupported();
    if (c === 'd') return DIGIT;
    if (c === 'D') return negate(DIGIT);
    if (c === 's') return SPACE;
    if (c === 'S') return negate(SPACE);
    if (c === 'w') return WORD;
    if (c === 'W') return negate(WORD);
    const ch = this.escapedChar(c, inClass);
    return set([ch, ch]);
  }

  private escapedChar(c: string, inClass: boolean): number {
    if (c in CONTROL) return CONTROL[c];
    if (SYNTAX.has(c) || (inClass && c === '-')) return c.charCodeAt(0);
    if (inClass && c === 'b') return 8;
    if (c === '0' && !/[0-9]/.test(this.peek() ?? '')) return 0;
    if (c === 'x') {
      const h = /^[0-9a-fA-F]{2}/.exec(this.src.slice(this.i));
      if (!h) throw new Unsupported();
      this.i += 2;
      return parseInt(h[0], 16);
    }
    if (c === 'u') {
      const h = /^[0-9a-fA-F]{4}/.exec(this.src.slice(this.i));
      if (!h) throw new Unsupported();
      this.i += 4;
      const v = parseInt(h[0], 16);
      // Outside ASCII: no ASCII value holds it (an empty set would do, but stay simple).
      if (v >= 128) throw new Unsupported();
      return v;
    }
    throw new Unsupported();
  }

  /** After `[`, up to and with `]`. */
  private cls(): Set128 {
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.i++;
    }
    const s = new Uint8Array(128);
    for (;;) {
      const c = this.src[this.i++];
      if (c === undefined) throw new Unsupported();
      if (c === ']') break;
      let lo: number;
      if (c === '\\') {
        const e = this.src[this.i];
        if ('dDsSwW'.includes(e)) {
          const part = this.escape(true);
          for (let k = 0; k < 128; k++) s[k] |= part[k];
          continue;
        }
        this.i++;
        lo = this.escapedChar(e, true);
      } else lo = c.charCodeAt(0);
      let hi = lo;
      if (this.peek() === '-' && this.src[this.i + 1] !== ']' && this.src[this.i + 1] !== undefined) {
        this.i++;
        const d = this.src[this.i++];
        if (d === '\\') {
          const e = this.src[this.i++];
          if ('dDsSwW'.includes(e)) throw new Unsupported();
          hi = this.escapedChar(e, true);
        } else hi = d.charCodeAt(0);
        if (hi < lo) throw new Unsupported();
      }
      for (let k = lo; k <= hi; k++) s[k] = 1;
    }
    return negated ? negate(s) : s;
  }
}

/** Thompson automaton: per state, its character set and successor, or epsilon moves. */
class Nfa {
  sets: Array<Set128 | null> = [];
  to: number[] = [];
  eps: number[][] = [];

  state(): number {
    if (this.sets.length >= MAX_NFA_STATES) throw new Unsupported();
    this.sets.push(null);
    this.to.push(-1);
    this.eps.push([]);
    return this.sets.length - 1;
  }

  /** A fragment from `start` to `end` recognising `n`. */
  build(n: Node, start: number): number {
    switch (n.t) {
      case 'set': {
        const end = this.state();
        this.sets[start] = n.set;
        this.to[start] = end;
        return end;
      }
      case 'cat': {
        let cur = start;
        for (const it of n.items) cur = this.build(it, cur);
        return cur;
      }
      case 'alt': {
        const end = this.state();
        for (const it of n.items) {
          const s = this.state();
          this.eps[start].push(s);
          this.eps[this.build(it, s)].push(end);
        }
        return end;
      }
      case 'rep': {
        let cur = start;
        for (let k = 0; k < n.min; k++) cur = this.build(n.node, cur);
        if (n.max === Infinity) {
          const s = this.state();
          const end = this.state();
          this.eps[cur].push(s, end);
          const e = this.build(n.node, s);
          this.eps[e].push(s, end);
          return end;
        }
        const end = this.state();
        for (let k = n.min; k < n.max; k++) {
          this.eps[cur].push(end);
          cur = this.build(n.node, cur);
        }
        this.eps[cur].push(end);
        return end;
      }
    }
  }
}

/** The table of a regexp source (unanchored, matched as a whole, flag u), or undefined when not compiled. */
export function compileAsciiDfa(source: string): AsciiDfa | undefined {
  let nfa: Nfa;
  let final: number;
  try {
    const ast = new Parser(source).parse();
    nfa = new Nfa();
    const start = nfa.state();
    final = nfa.build(ast, start);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
  // Epsilon closures with a visit stamp per NFA state (no set per call): sorted, they name a DFA state.
  const stamp = new Int32Array(nfa.eps.length);
  let round = 0;
  const closure = (states: number[]): Int32Array => {
    round++;
    const out: number[] = [];
    const todo: number[] = [];
    for (const q of states) if (stamp[q] !== round) (stamp[q] = round, todo.push(q));
    while (todo.length) {
      const q = todo.pop()!;
      out.push(q);
      for (const t of nfa.eps[q]) if (stamp[t] !== round) (stamp[t] = round, todo.push(t));
    }
    return Int32Array.from(out).sort();
  };
  // Characters alike for every set of the automaton form one class: the construction runs per class.
  let classOf = new Int16Array(128);
  for (const st of new Set(nfa.sets)) {
    if (st === null) continue;
    const split = new Map<number, number>();
    const refined = new Int16Array(128);
    for (let c = 0; c < 128; c++) {
      const k = classOf[c] * 2 + st[c];
      let id = split.get(k);
      if (id === undefined) split.set(k, (id = split.size));
      refined[c] = id;
    }
    classOf = refined;
  }
  const reps: number[] = [];
  for (let c = 0; c < 128; c++) if (reps[classOf[c]] === undefined) reps[classOf[c]] = c;
  const ids = new Map<string, number>();
  const states: Int32Array[] = [];
  const add = (s: Int32Array): number => {
    const k = s.join(',');
    let id = ids.get(k);
    if (id === undefined) {
      id = states.length;
      ids.set(k, id);
      states.push(s);
    }
    return id;
  };
  add(closure([0]));
  const rows: number[][] = [];
  for (let d = 0; d < states.length; d++) {
    if (states.length > MAX_DFA_STATES) return undefined;
    rows.push(
      reps.map((c) => {
        const targets: number[] = [];
        for (const q of states[d]) if (nfa.sets[q]?.[c]) targets.push(nfa.to[q]);
        return targets.length ? add(closure(targets)) : -1;
      }),
    );
  }
  const next = new Int16Array(rows.length * 128);
  for (let d = 0; d < rows.length; d++) for (let c = 0; c < 128; c++) next[d * 128 + c] = rows[d][classOf[c]];
  return { next, accept: Uint8Array.from(states, (s) => (s.includes(final) ? 1 : 0)) };
}

/** Does the table accept `text[s, e)`? False also when it cannot decide (a non-ASCII character). */
export function dfaAccepts(d: AsciiDfa, text: string, s: number, e: number): boolean {
  const next = d.next;
  let st = 0;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) return false;
    st = next[(st << 7) | c];
    if (st < 0) return false;
  }
  return d.accept[st] === 1;
}
