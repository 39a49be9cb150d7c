import lunr from 'lunr';

/**
 * Word handling shared by every index, the ranker and the snippets: lunr's stop-word list and
 * Porter stemmer, so bundled and own documents match words the same way.
 */

const stemCache = new Map<string, string>();

/** The Porter stem of a lower-case word (cached: the same words recur in every query). */
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = lunr.stemmer(new lunr.Token(word, {})).toString();
    if (stemCache.size > 50_000) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

export function isStopWord(word: string): boolean {
  return lunr.stopWordFilter(new lunr.Token(word, {})) === undefined;
}

/** A word as the indexes store it: trimmed, lower-case, stemmed; null for stop words. */
export function stemTerm(term: string): string | null {
  const t = new lunr.Token(term.toLowerCase(), {});
  if (lunr.stopWordFilter(t) === undefined) return null;
  const trimmed = (lunr.trimmer(t) as lunr.Token).toString();
  return trimmed ? stem(trimmed) || null : null;
}

/**
 * Edit distance of at most `max` (a banded dynamic programme, O(len × max)); returns max + 1 when
 * the words are further apart. Bounded so that long words never cost more than short ones.
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(b.length, i + max);
    cur.fill(max + 1);
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = lo; j <= hi; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return Math.min(prev[b.length], max + 1);
}

/**
 * The smallest edit distance between `term` and any beginning of `word` ("sanit" and "sanitaton":
 * 0; "govern" and "goverment": 1), or max + 1 when it is larger. Banded, O(len × max).
 */
export function boundedPrefixDistance(word: string, term: string, max: number): number {
  // Rows: letters of the term; columns: letters of the word. The answer is the best cell of the
  // last row (the rest of the word is free).
  let prev = new Array<number>(word.length + 1);
  let cur = new Array<number>(word.length + 1);
  for (let j = 0; j <= word.length; j++) prev[j] = j;
  for (let i = 1; i <= term.length; i++) {
    cur.fill(max + 1);
    cur[0] = i;
    let rowMin = cur[0];
    const lo = Math.max(1, i - max);
    const hi = Math.min(word.length, i + max);
    for (let j = lo; j <= hi; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (term.charCodeAt(i - 1) === word.charCodeAt(j - 1) ? 0 : 1));
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  let best = max + 1;
  for (let j = Math.max(0, term.length - max); j <= Math.min(word.length, term.length + max); j++) best = Math.min(best, prev[j]);
  return best;
}

/** Lower-case words of a text, in order (a single linear pass). */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The first index of a sorted list whose string is not below `key` (a binary search). */
export function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
