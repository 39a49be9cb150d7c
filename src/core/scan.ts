/**
 * Linear-time scanning of Markdown lines, shared by every scanner (knowledge documents, outlines,
 * reference checks, the reader). No regular expression here backtracks: each function walks a line
 * once, and every "find the closing bracket" step moves forward past what it has already looked at,
 * so a hostile line (thousands of spaces, `[` or blank lines) costs time in proportion to its length.
 */

/** JavaScript's `\s`: ASCII white space, no-break spaces, Unicode spaces, line and paragraph separators, BOM. */
export function isSpaceCode(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** First index at or after `from` that is not white space (`s.length` if none). */
export function skipSpace(s: string, from: number): number {
  let i = from;
  while (i < s.length && isSpaceCode(s.charCodeAt(i))) i++;
  return i;
}

/** One past the last index before `end` that is not white space (`start` if none). */
export function trimEnd(s: string, start: number, end: number): number {
  let e = end;
  while (e > start && isSpaceCode(s.charCodeAt(e - 1))) e--;
  return e;
}

/** The lines of a text, split at `\n` with one preceding `\r` dropped (as `split(/\r?\n/)`). */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.charCodeAt(l.length - 1) === 0x0d) lines[i] = l.slice(0, -1);
  }
  return lines;
}

const HASH = 0x23;
const BACKTICK = 0x60;
const TILDE = 0x7e;

export interface AtxHeading {
  level: number;
  /** The heading's text, trimmed, without its closing `#` sequence. */
  text: string;
}

/**
 * An ATX heading (`## Title ##`): up to three spaces, 1–6 `#`, white space, the text; a closing run
 * of `#` is dropped when it stands alone (after white space) as CommonMark says (`# C#` keeps its `#`).
 */
export function atxHeading(line: string): AtxHeading | undefined {
  let i = 0;
  while (i < 3 && i < line.length && isSpaceCode(line.charCodeAt(i))) i++;
  let n = 0;
  while (line.charCodeAt(i + n) === HASH) n++;
  if (n < 1 || n > 6) return undefined;
  const after = i + n;
  if (after >= line.length || !isSpaceCode(line.charCodeAt(after))) return undefined;
  const start = skipSpace(line, after);
  let end = trimEnd(line, start, line.length);
  let k = end;
  while (k > start && line.charCodeAt(k - 1) === HASH) k--;
  if (k < end && (k === start || isSpaceCode(line.charCodeAt(k - 1)))) end = trimEnd(line, start, k);
  return { level: n, text: line.slice(start, end) };
}

interface FenceLine {
  char: number;
  length: number;
  /** Index after the fence characters. */
  end: number;
}

/** A code fence line: up to three spaces, then three or more backticks or tildes. */
export function fenceOf(line: string): FenceLine | undefined {
  let i = 0;
  while (i < 3 && i < line.length && isSpaceCode(line.charCodeAt(i))) i++;
  const c = line.charCodeAt(i);
  if (c !== BACKTICK && c !== TILDE) return undefined;
  let n = 0;
  while (line.charCodeAt(i + n) === c) n++;
  if (n < 3) return undefined;
  // A backtick fence's info string has no backticks (else it is inline code).
  if (c === BACKTICK && line.indexOf('`', i + n) >= 0) return undefined;
  return { char: c, length: n, end: i + n };
}

/**
 * Tracks fenced code blocks line by line. A fence closes with the same character, at least as long,
 * and nothing else on the line; a fence that never closes runs to the end of the text.
 */
export class FenceTracker {
  private open?: FenceLine;

  /** What this line is: a fence line, code inside a fence, or text. Call once per line, in order. */
  kind(line: string): 'fence' | 'code' | 'text' {
    const f = fenceOf(line);
    if (this.open) {
      if (f && f.char === this.open.char && f.length >= this.open.length && skipSpace(line, f.end) === line.length) {
        this.open = undefined;
        return 'fence';
      }
      return 'code';
    }
    if (f) {
      this.open = f;
      return 'fence';
    }
    return 'text';
  }

  /** Whether this line is a fence line or inside a fence. */
  isCode(line: string): boolean {
    return this.kind(line) !== 'text';
  }
}

/** A table's delimiter row (`|---|:---:|`), which carries no words. */
export function isTableRule(line: string): boolean {
  let i = skipSpace(line, 0);
  if (line.charCodeAt(i) === 0x7c) i = skipSpace(line, i + 1);
  if (line.charCodeAt(i) === 0x3a) i++;
  return line.startsWith('---', i);
}

export interface FootnoteRef {
  label: string;
  start: number;
  end: number;
}

const isLabelChar = (c: number) => c !== 0x5d && !isSpaceCode(c);

/**
 * Footnote references `[^label]` (not followed by `:`, which makes a definition), left to right.
 * A failed candidate's scan is never repeated: later candidates inside it would stop at the same
 * place for the same reason.
 */
export function footnoteRefs(line: string): FootnoteRef[] {
  const out: FootnoteRef[] = [];
  let from = 0;
  for (;;) {
    const i = line.indexOf('[^', from);
    if (i < 0) return out;
    let j = i + 2;
    while (j < line.length && isLabelChar(line.charCodeAt(j))) j++;
    if (j > i + 2 && line.charCodeAt(j) === 0x5d && line.charCodeAt(j + 1) !== 0x3a) {
      out.push({ label: line.slice(i + 2, j), start: i, end: j + 1 });
      from = j + 1;
    } else {
      from = Math.max(j, i + 1);
    }
  }
}

/** A footnote definition line `[^label]: text`. */
export function footnoteDef(line: string): { label: string; rest: string } | undefined {
  if (!line.startsWith('[^')) return undefined;
  let j = 2;
  while (j < line.length && isLabelChar(line.charCodeAt(j))) j++;
  if (j === 2 || line.charCodeAt(j) !== 0x5d || line.charCodeAt(j + 1) !== 0x3a) return undefined;
  return { label: line.slice(2, j), rest: line.slice(skipSpace(line, j + 2)) };
}

const URL_STOP = new Set(['<', '>', ')', ']']);
const URL_TRAILING = new Set(['.', ',', ';', ':', "'", '"']);

/** The first http(s) URL in a text, without trailing punctuation (`…/page).` → `…/page`). */
export function firstUrl(text: string): string | undefined {
  let from = 0;
  for (;;) {
    const i = text.indexOf('http', from);
    if (i < 0) return undefined;
    let p = i + 4;
    if (text[p] === 's') p++;
    if (!text.startsWith('://', p)) {
      from = i + 1;
      continue;
    }
    const body = p + 3;
    let end = body;
    while (end < text.length && !URL_STOP.has(text[end]) && !isSpaceCode(text.charCodeAt(end))) end++;
    while (end > body && URL_TRAILING.has(text[end - 1])) end--;
    if (end - body >= 2) return text.slice(i, end);
    // What follows is only punctuation, so no later start inside it can succeed either.
    from = Math.max(end, i + 1);
  }
}

/**
 * Inline link destinations `](target)`, `](<target> "title")`, left to right. The target has no
 * white space, `)` or `>`.
 */
export function linkTargets(line: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (;;) {
    const i = line.indexOf('](', from);
    if (i < 0) return out;
    let p = skipSpace(line, i + 2);
    const angle = line.charCodeAt(p) === 0x3c;
    if (angle) p++;
    let t0 = p;
    while (p < line.length) {
      const c = line.charCodeAt(p);
      if (c === 0x29 || c === 0x3e || isSpaceCode(c)) break;
      p++;
    }
    // `](<)`: the `<` is the target itself.
    if (p === t0 && angle) t0--;
    if (p === t0) {
      from = i + 1;
      continue;
    }
    const target = line.slice(t0, p);
    const targetEnd = p;
    if (line.charCodeAt(p) === 0x3e) p++;
    let close = -1;
    // Optional title: white space, "…".
    const q = skipSpace(line, p);
    if (q > p && line.charCodeAt(q) === 0x22) {
      const endQuote = line.indexOf('"', q + 1);
      if (endQuote >= 0) {
        const r = skipSpace(line, endQuote + 1);
        if (line.charCodeAt(r) === 0x29) close = r;
      }
    }
    if (close < 0 && line.charCodeAt(q) === 0x29) close = q;
    if (close >= 0) {
      out.push(target);
      from = close + 1;
    } else {
      // Every candidate whose target starts inside this target stops where this one stopped, and
      // fails the same way; only a `](` that ends the target starts its own.
      from = Math.max(targetEnd - 2, i + 1);
    }
  }
}

/** Removes every `[^label]` footnote reference. */
function dropFootnoteRefs(line: string): string {
  const refs = footnoteRefs(line);
  if (refs.length === 0) return line;
  let out = '';
  let at = 0;
  for (const r of refs) {
    out += line.slice(at, r.start);
    at = r.end;
  }
  return out + line.slice(at);
}

/** `[text](url)` → `text` (and `![alt](url)` → `alt` when `image`). */
function unlink(line: string, image: boolean): string {
  const open = image ? '![' : '[';
  let out = '';
  let at = 0;
  let from = 0;
  for (;;) {
    const i = line.indexOf(open, from);
    if (i < 0) break;
    const textStart = i + open.length;
    const close = line.indexOf(']', textStart);
    if (close < 0) break;
    if (line.charCodeAt(close + 1) !== 0x28) {
      from = close + 1;
      continue;
    }
    const end = line.indexOf(')', close + 2);
    if (end < 0) break;
    out += line.slice(at, i) + line.slice(textStart, close);
    at = end + 1;
    from = end + 1;
  }
  return at === 0 ? line : out + line.slice(at);
}

const isLower = (c: number) => c >= 0x61 && c <= 0x7a;

/** `[[hub:gavi|label]]` → `label`, `[[hub:gavi]]` → `gavi`. */
function unref(line: string): string {
  let out = '';
  let at = 0;
  let from = 0;
  for (;;) {
    const i = line.indexOf('[[', from);
    if (i < 0) break;
    const p = i + 2;
    let e = p;
    while (e < line.length && line.charCodeAt(e) !== 0x5d && line.charCodeAt(e) !== 0x7c) e++;
    if (e === p || e >= line.length) {
      from = e === p ? i + 1 : e;
      if (e >= line.length) break;
      continue;
    }
    let end = -1;
    let label: string | undefined;
    if (line.charCodeAt(e) === 0x7c) {
      const k = line.indexOf(']', e + 1);
      if (k < 0) break;
      if (k > e + 1 && line.charCodeAt(k + 1) === 0x5d) {
        label = line.slice(e + 1, k);
        end = k + 2;
      } else {
        // Every candidate before this `]` reaches it and fails the same way.
        from = k;
        continue;
      }
    } else if (line.charCodeAt(e + 1) === 0x5d) {
      end = e + 2;
    }
    if (end < 0) {
      from = e;
      continue;
    }
    // An optional `kind:` prefix, kept when nothing would be left of the id.
    let id = line.slice(p, e);
    let l = 0;
    while (l < id.length && isLower(id.charCodeAt(l))) l++;
    if (l > 0 && id.charCodeAt(l) === 0x3a && l + 1 < id.length) id = id.slice(l + 1);
    out += line.slice(at, i) + (label ?? id);
    at = end;
    from = end;
  }
  return at === 0 ? line : out + line.slice(at);
}

/** Removes `<tags>` (anything from `<` to the next `>`, at least one character between). */
function untag(line: string): string {
  let out = '';
  let at = 0;
  let from = 0;
  for (;;) {
    const i = line.indexOf('<', from);
    if (i < 0) break;
    const g = line.indexOf('>', i + 1);
    if (g < 0) break;
    if (g === i + 1) {
      from = g + 1;
      continue;
    }
    out += line.slice(at, i);
    at = g + 1;
    from = g + 1;
  }
  return at === 0 ? line : out + line.slice(at);
}

/** The start of a list item (`- `, `+ `, `* `, `1. `, `1) `), or 0. */
function listMarkerEnd(s: string): number {
  const i = skipSpace(s, 0);
  let j = i;
  const c = s[j];
  if (c === '-' || c === '+' || c === '*') j++;
  else {
    while (j < s.length && s.charCodeAt(j) >= 0x30 && s.charCodeAt(j) <= 0x39) j++;
    if (j === i || (s[j] !== '.' && s[j] !== ')')) return 0;
    j++;
  }
  const k = skipSpace(s, j);
  return k > j ? k : 0;
}

/**
 * Markdown inline syntax → plain words (for search and snippets): footnote references, images,
 * links, hub references, HTML tags, emphasis, list and quote markers and table pipes go; their
 * words stay. Each step is one forward pass.
 */
export function plainInlineText(line: string): string {
  let s = dropFootnoteRefs(line);
  s = unlink(s, true);
  s = unlink(s, false);
  s = unref(s);
  s = untag(s);
  // One character class, no following pattern: each run is consumed once (linear).
  let t = s.replace(/[*_`~]+/g, '');
  t = t.slice(listMarkerEnd(t));
  const q = skipSpace(t, 0);
  if (t[q] === '>') {
    let r = q + 1;
    if (r < t.length && isSpaceCode(t.charCodeAt(r))) r++;
    t = t.slice(r);
  }
  return t.replace(/\|/g, ' ').trim();
}

/** Removes parenthesised asides: `Goal (and scope)` → `Goal `. An unclosed `(` stays. */
export function dropParenthesised(s: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const i = s.indexOf('(', at);
    if (i < 0) break;
    const j = s.indexOf(')', i + 1);
    if (j < 0) break;
    out += s.slice(at, i);
    at = j + 1;
  }
  return out + s.slice(at);
}

/** Removes trailing characters of a set (`trimTrailing('a. .', ' .')` → `a`). */
export function trimTrailing(s: string, chars: string): string {
  let e = s.length;
  while (e > 0 && chars.includes(s[e - 1])) e--;
  return s.slice(0, e);
}

/** Removes trailing `/` characters (`a//` → `a`). */
export function trimTrailingSlashes(s: string): string {
  let e = s.length;
  while (e > 0 && s.charCodeAt(e - 1) === 0x2f) e--;
  return s.slice(0, e);
}
