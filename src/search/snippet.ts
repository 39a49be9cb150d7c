import type { SearchDoc } from './doc';
import { isStopWord, lowerBound, stem } from './text';

export interface Highlight {
  start: number;
  end: number;
}

const SNIPPET_CHARS = 160;
const WORD = /[\p{L}\p{N}]+/gu;

interface Prepared {
  text: string;
  /** Lower-case text with the same length as `text` (offsets map one to one). */
  lower: string;
}

const prepared = new WeakMap<SearchDoc, Prepared>();

/**
 * Lower-cases without changing offsets. `'İ'.toLowerCase()` is two code units long, which would
 * shift every later offset; such characters are lower-cased one at a time and kept only when the
 * length stays the same.
 */
export function sameLengthLower(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

function prepare(doc: SearchDoc): Prepared {
  let p = prepared.get(doc);
  if (!p) {
    const text = `${doc.summary}\n${doc.text}`.replace(/\s+/g, ' ').trim();
    p = { text, lower: sameLengthLower(text) };
    prepared.set(doc, p);
  }
  return p;
}

const isWordChar = (c: string | undefined) => !!c && /[\p{L}\p{N}]/u.test(c);
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Whether the UTF-16 unit at i belongs to a word ([\p{L}\p{N}], as WORD): ASCII by its code, the rest by the pattern (a surrogate pair by its code point). */
function isWordCode(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  if (c >= 0xdc00 && c <= 0xdfff && i > 0) return LETTER_OR_DIGIT.test(s.slice(i - 1, i + 1)); // low surrogate: its pair
  if (c >= 0xd800 && c <= 0xdbff) return LETTER_OR_DIGIT.test(s.slice(i, i + 2));
  return LETTER_OR_DIGIT.test(s[i]);
}

/**
 * Where each distinct word of a document's text first stands, in the order of the words sorted,
 * with the minimum of each block of offsets: the words with a given beginning are one run of the
 * sorted words, and the earliest of them is found from the block minima, not word by word.
 */
interface FirstWords {
  sorted: string[];
  offsets: Int32Array;
  blockMin: Int32Array;
}
const BLOCK = 32;
const firstWords = new WeakMap<Prepared, FirstWords>();

function wordsOf(p: Prepared): FirstWords {
  let f = firstWords.get(p);
  if (!f) {
    const offset = new Map<string, number>();
    for (const m of p.lower.matchAll(WORD)) if (!offset.has(m[0])) offset.set(m[0], m.index);
    const sorted = [...offset.keys()].sort();
    const offsets = Int32Array.from(sorted, (w) => offset.get(w)!);
    const blockMin = new Int32Array(Math.ceil(sorted.length / BLOCK)).fill(0x7fffffff);
    offsets.forEach((o, i) => {
      const b = (i / BLOCK) | 0;
      if (o < blockMin[b]) blockMin[b] = o;
    });
    f = { sorted, offsets, blockMin };
    firstWords.set(p, f);
  }
  return f;
}

/** The smallest offset of the sorted words in [from, to): whole blocks by their minimum. */
function minOffset({ offsets, blockMin }: FirstWords, from: number, to: number): number {
  let min = 0x7fffffff;
  let i = from;
  for (; i < to && i % BLOCK !== 0; i++) if (offsets[i] < min) min = offsets[i];
  for (; i + BLOCK <= to; i += BLOCK) if (blockMin[i / BLOCK] < min) min = blockMin[i / BLOCK];
  for (; i < to; i++) if (offsets[i] < min) min = offsets[i];
  return min;
}

/**
 * Where the first word that starts with one of the needles stands: per needle, two binary searches
 * into the document's sorted words (built once per document) bound the words that start with it,
 * and block minima give the earliest; never a scan of the text, nor of every word with that start.
 */
function firstWordStart(p: Prepared, needles: string[]): number {
  const f = wordsOf(p);
  let first = 0x7fffffff;
  for (const n of needles) {
    const from = lowerBound(f.sorted, n);
    // Usually a handful of words start with n: step over them; else every word that starts with n
    // sorts before n + U+FFFF (no word contains that character).
    let to = from;
    while (to < f.sorted.length && to - from < 8 && f.sorted[to].startsWith(n)) to++;
    if (to - from === 8) to = lowerBound(f.sorted, `${n}\uffff`);
    if (from < to) first = Math.min(first, minOffset(f, from, to));
  }
  return first === 0x7fffffff ? -1 : first;
}

/** Whether a word matches the query: its stem is a matched term, or it starts with a typed prefix. */
export function wordMatcher(terms: string[], stems: string[]): (word: string) => boolean {
  const stemSet = new Set(stems.map((s) => s.toLowerCase()));
  const prefixes = terms.filter((t) => t.length >= 3 && !isStopWord(t));
  // A stem shares its word's first two letters: most words are ruled out without stemming them.
  const heads = new Set([...stemSet, ...prefixes].map((x) => x.slice(0, 2)));
  return (word: string) => {
    const w = word.toLowerCase();
    if (w.length < 2 || !heads.has(w.slice(0, 2)) || isStopWord(w)) return false;
    return stemSet.has(w) || prefixes.some((p) => w.startsWith(p)) || stemSet.has(stem(w));
  };
}

/** A short excerpt around the first match, with highlight ranges for the matching words in it. */
export function makeSnippet(doc: SearchDoc, terms: string[], stems: string[]): { snippet: string; highlights: Highlight[] } {
  const prepared = prepare(doc);
  const { text } = prepared;
  const fallback = () => ({ snippet: clip(doc.summary || text, SNIPPET_CHARS), highlights: [] });
  // What the highlights mark: the matched stems, and typed words of 3+ letters as beginnings (as
  // wordMatcher), so the window opens on a word that is marked, never on any word starting "co".
  const needles = [...new Set([...stems.filter((t) => t.length >= 2), ...terms.filter((t) => t.length >= 3)].map((t) => t.toLowerCase()).filter((t) => !isStopWord(t)))];
  if (needles.length === 0) return fallback();
  const first = firstWordStart(prepared, needles);
  if (first < 0) return fallback();
  let start = Math.max(0, first - 40);
  if (start > 0) {
    const space = text.indexOf(' ', start);
    start = space >= 0 && space < first ? space + 1 : start;
  }
  const end = Math.min(text.length, start + SNIPPET_CHARS);
  const prefix = start > 0 ? '…' : '';
  const body = text.slice(start, end);
  const matches = wordMatcher(terms, stems);
  const highlights: Highlight[] = [];
  // The words of the window, in one pass (a word cut by the window's start is not a word of the text).
  let from = -1;
  for (let i = 0; i <= body.length; i++) {
    if (i < body.length && isWordCode(body, i)) {
      if (from < 0) from = i;
      continue;
    }
    if (from >= 0 && !(from === 0 && start > 0 && isWordChar(text[start - 1])) && matches(body.slice(from, i))) highlights.push({ start: prefix.length + from, end: prefix.length + i });
    from = -1;
  }
  return { snippet: prefix + body + (end < text.length ? '…' : ''), highlights };
}

function clip(s: string, n: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}

/**
 * Which words the reader marks for a search: words with the stem of a query word (not a stop
 * word, so "How" in "how did gavi fund vaccines" is never marked), or, for the last word, words
 * that start with it (it may still have been typed in part).
 */
export function highlightMatcher(terms: string[]): ((word: string) => boolean) | undefined {
  const meaningful = terms.filter((t) => t.length >= 2 && !isStopWord(t));
  if (meaningful.length === 0) return undefined;
  const stems = new Set(meaningful.map((t) => stem(t)));
  const last = meaningful[meaningful.length - 1];
  const prefix = last.length >= 4 ? last : undefined;
  const heads = new Set([...stems, ...(prefix ? [prefix] : [])].map((x) => x.slice(0, 2)));
  return (word: string) => {
    const w = word.toLowerCase();
    if (w.length < 2 || !heads.has(w.slice(0, 2)) || isStopWord(w)) return false;
    return stems.has(w) || (prefix !== undefined && w.startsWith(prefix)) || stems.has(stem(w));
  };
}
