import { KINDS } from '../core/kinds';
import type { DocKind, Origin } from '../core/types';
import type { SearchDoc } from './doc';
import type { Candidate, SearchIndex, TermPlan } from './index-types';
import { parseQuery, type ParsedQuery } from './query';
import { makeSnippet, type Highlight } from './snippet';
import { SYNONYM_WEIGHT, synonymsOf } from './synonyms';
import { boundedEditDistance, boundedPrefixDistance, isStopWord, lowerBound, stem, words } from './text';

export type { SearchDoc } from './doc';
export type { Highlight } from './snippet';

export interface SearchResult {
  ref: string;
  id: string;
  kind: DocKind;
  origin: Origin;
  path: string;
  title: string;
  /** Relevance on one scale for every index, 1 for the best result of the query. */
  score: number;
  snippet: string;
  highlights: Highlight[];
  /** The index terms (stems) that matched, also through typos and synonyms: what the reader marks. */
  matched: string[];
}

export interface SearchOptions {
  limit?: number;
  /** Extra filters merged with those typed in the query. */
  filters?: ParsedQuery['filters'];
  /**
   * Only the indexes of documents of this origin propose candidates (the idf still counts every
   * index, so scores stay on the one scale): search can show bundled results at once and add a
   * large folder of own documents a moment later.
   */
  origin?: Origin;
}

/** One page of results and how many documents matched in all. */
export interface SearchPage {
  results: SearchResult[];
  total: number;
}

/** How many candidates each index contributes to ranking. */
const POOL = 120;
/** How many of the best are re-ranked by phrase and proximity. */
const PROXIMITY_POOL = 12;
/** Fuzzy matching only for words of this length (longer unknown words only match as prefixes). */
const FUZZY_MIN = 4;
/** Synonyms and corrections found in more than this share of documents are not looked up. */
const COMMON_SHARE = 0.5;
const FUZZY_MAX = 14;

/**
 * Plans each query word once for every index: exact stem always; prefix for the word being typed
 * (the last) and for unknown words; an edit distance only for unknown words of 4–14 letters
 * (never for numbers), so a long unknown word can never trigger an expensive expansion.
 * Known words also match their synonyms; unknown words also match the corrections that
 * `correct` finds in the indexes' vocabularies.
 */
export function planQuery(terms: string[], known: (stem: string) => boolean, correct: (raw: string, stem: string) => TermPlan['alternatives'] = () => []): TermPlan[] {
  const meaningful = terms.filter((t) => !isStopWord(t));
  const use = meaningful.length > 0 ? meaningful : terms;
  const plan: TermPlan[] = [];
  use.forEach((raw, i) => {
    const clean = raw.replace(/[*:^~+-]/g, '');
    if (!clean) return;
    const s = stem(clean);
    const isKnown = known(s);
    // Numbers and codes (2030, sdg16) are not typos of each other: only words of letters are fuzzy.
    const letters = /^\p{L}+$/u.test(s);
    const fuzzy = !isKnown && letters && s.length >= FUZZY_MIN && s.length <= FUZZY_MAX ? (s.length >= 9 ? 2 : 1) : 0;
    const alternatives = isKnown
      ? synonymsOf(s).filter(known).map((a) => ({ stem: a, weight: SYNONYM_WEIGHT }))
      : letters && clean.length >= CORRECT_MIN && clean.length <= FUZZY_MAX + 4 ? (correct(clean, s) ?? []) : [];
    plan.push({ raw: clean, stem: s, prefix: i === use.length - 1 || !isKnown, fuzzy, ...(alternatives.length ? { alternatives } : {}) });
  });
  return plan;
}

/** Spelling corrections only for unknown words of this many letters or more. */
const CORRECT_MIN = 5;
const MAX_CORRECTIONS = 4;

/**
 * Corrections of an unknown word from a vocabulary of stems that share its first two letters:
 * stems within a small edit distance of the word's beginning. A misspelt word's Porter stem
 * differs from the right word's ("sanitaton" stays whole, "sanitation" → sanit), so the typed
 * letters are compared with each stem, free to run on past it ("sanitaton" starts with sanit;
 * "goverment" is one letter from govern). Short stems are ignored (they would match anything).
 */
export function corrections(raw: string, vocabulary: Iterable<string>): { stem: string; weight: number }[] {
  const max = raw.length >= 9 ? 2 : 1;
  const minLength = Math.max(4, Math.ceil(raw.length * 0.5));
  const found: { stem: string; d: number }[] = [];
  for (const term of vocabulary) {
    if (term.length < minLength || term.length > raw.length + max || !/^\p{L}+$/u.test(term)) continue;
    const d = boundedPrefixDistance(raw, term, max);
    if (d <= max) found.push({ stem: term, d });
  }
  found.sort((a, b) => a.d - b.d || b.stem.length - a.stem.length || (a.stem < b.stem ? -1 : 1));
  return found.slice(0, MAX_CORRECTIONS).map(({ stem: s, d }) => ({ stem: s, weight: d === 0 ? 0.6 : d === 1 ? 0.5 : 0.35 }));
}

function matchesFilters(d: SearchDoc, filters: ParsedQuery['filters']): boolean {
  for (const [key, values] of Object.entries(filters)) {
    if (!values || values.length === 0) continue;
    if (key === 'kind') {
      if (!values.includes(d.kind)) return false;
      continue;
    }
    const have = d.facets[key as keyof SearchDoc['facets']] ?? [];
    if (!values.some((v) => have.includes(v))) return false;
  }
  return true;
}

interface Scored {
  doc: SearchDoc;
  index: SearchIndex;
  terms: string[];
  score: number;
}

/** How well an index term answers a planned word: exact 1, a completion of it less, a typo least. */
function matchWeight(t: TermPlan, term: string): number {
  if (term === t.stem || term === t.raw) return 1;
  const alternative = t.alternatives?.find((a) => a.stem === term);
  if (alternative) return alternative.weight;
  if (t.prefix && (term.startsWith(t.raw) || term.startsWith(t.stem))) return 0.4 + 0.4 * (t.stem.length / term.length);
  if (t.fuzzy) {
    const d = boundedEditDistance(term, t.stem, t.fuzzy);
    if (d <= t.fuzzy) return d === 1 ? 0.5 : 0.35;
  }
  return 0;
}

/** A document's words and where they stand (title, names, headings, summary, text, in order), and its distinct words sorted (to find those with a given beginning). */
interface Positions {
  at: Map<string, number[]>;
  sorted: string[];
}
const positionCache = new Map<SearchDoc, Positions>();

/** Each word of a document with its positions, built in one pass and kept for recent documents. */
function docPositions(doc: SearchDoc): Positions {
  let p = positionCache.get(doc);
  if (p) {
    positionCache.delete(doc);
  } else {
    const at = new Map<string, number[]>();
    const ws = words(`${doc.title} . ${doc.names} . ${doc.headings} . ${doc.summary} . ${doc.text}`);
    for (let i = 0; i < ws.length; i++) {
      const list = at.get(ws[i]);
      if (list) list.push(i);
      else at.set(ws[i], [i]);
    }
    p = { at, sorted: [...at.keys()].sort() };
    if (positionCache.size >= 300) positionCache.delete(positionCache.keys().next().value!);
  }
  positionCache.set(doc, p);
  return p;
}

/** Sorted positions of the words that start with `head` (a binary search into the sorted words). */
function positionsOf(pos: Positions, head: string): number[] {
  const { sorted, at } = pos;
  const lo = lowerBound(sorted, head);
  const lists: number[][] = [];
  for (let i = lo; i < sorted.length && sorted[i].startsWith(head); i++) lists.push(at.get(sorted[i])!);
  return lists.length === 1 ? lists[0] : lists.flat().sort((x, y) => x - y);
}

/**
 * A phrase and proximity factor: consecutive query words that stand next to each other in the
 * document multiply the score most; words within a few words of each other, less. The whole
 * query as an exact phrase ("country coordinating mechanism") counts again, more for each
 * occurrence, and so does each use of its acronym ("CCM", "CCMs") in a document that spells the
 * phrase out (defines the acronym). Linear in the positions of the query's words, from a
 * per-document table of word positions built once.
 */
export function proximityFactor(doc: SearchDoc, plan: TermPlan[]): number {
  if (plan.length < 2) return 1;
  const pos = docPositions(doc);
  // Porter stems are prefixes of their words except for a changed last letter (policy → polici).
  const at = plan.map((t) => positionsOf(pos, t.stem.slice(0, Math.max(3, t.stem.length - 1))));
  let bonus = 0;
  for (let k = 1; k < plan.length; k++) {
    // The nearest occurrence of the previous word at or before each occurrence of this one.
    const before = at[k - 1];
    let j = -1;
    let best = Infinity;
    for (const p of at[k]) {
      while (j + 1 < before.length && before[j + 1] <= p) j++;
      if (j >= 0 && p - before[j] < best) best = p - before[j];
    }
    if (best <= 2) bonus += 0.8;
    else if (best <= 6) bonus += 0.25;
  }
  let phrases = 0;
  const sets = at.map((list) => new Set(list));
  for (const p of at[0]) {
    let k = 1;
    while (k < plan.length && sets[k].has(p + k)) k++;
    if (k === plan.length) phrases++;
  }
  let acronyms = 0;
  if (phrases > 0 && plan.length <= 6 && plan.every((t) => /^\p{L}/u.test(t.raw))) {
    const acronym = plan.map((t) => t.raw[0]).join('');
    acronyms = (pos.at.get(acronym)?.length ?? 0) + (pos.at.get(`${acronym}s`)?.length ?? 0);
  }
  const phrase = phrases > 0 ? 1 + 0.35 * Math.log2(1 + phrases + acronyms) : 1;
  return (1 + bonus / (plan.length - 1)) * phrase;
}

/**
 * One search engine over a list of indexes (the bundled lunr index, the MiniSearch index of own
 * documents). Each index proposes candidates; every candidate is scored by the same BM25F formula
 * with an idf over all indexes together, so a weak own note never outranks a strong bundled match
 * just because it is the best of a small index (and vice versa). Never throws on input.
 */
export class SearchEngine {
  private indexes: SearchIndex[];

  constructor(indexes: SearchIndex[] = []) {
    this.indexes = indexes;
  }

  setIndexes(indexes: SearchIndex[]): void {
    this.indexes = indexes;
  }

  get size(): number {
    return this.indexes.reduce((n, i) => n + i.size, 0);
  }

  allDocs(): SearchDoc[] {
    return this.indexes.flatMap((i) => i.docs());
  }

  get(ref: string): SearchDoc | undefined {
    for (const i of this.indexes) {
      const d = i.get(ref);
      if (d) return d;
    }
    return undefined;
  }

  /** The indexes' terms that start with these letters (for spelling corrections). */
  private vocabulary(prefix: string): Set<string> {
    const out = new Set<string>();
    for (const i of this.indexes) for (const t of i.termsWithPrefix(prefix)) out.add(t);
    return out;
  }

  /** Whether a stemmed word occurs anywhere (decides whether it may be a typo). */
  known(term: string): boolean {
    return this.indexes.some((i) => i.hasTerm(term));
  }

  /** Documents with the term in any index (capped at the number of documents). */
  private documentFrequency(term: string): number {
    return Math.min(this.size, this.indexes.reduce((sum, i) => sum + i.documentFrequency(term), 0));
  }

  private idf(term: string, cache: Map<string, number>): number {
    let v = cache.get(term);
    if (v === undefined) {
      const n = this.size;
      const df = Math.min(n, this.indexes.reduce((sum, i) => sum + i.documentFrequency(term), 0));
      v = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      cache.set(term, v);
    }
    return v;
  }

  /** BM25F over all indexes: Σ per planned word of its best-matching term's weighted score. */
  private rank(candidates: { c: Candidate; index: SearchIndex }[], plan: TermPlan[]): Scored[] {
    const idfCache = new Map<string, number>();
    return candidates.map(({ c, index }) => {
      let score = 0;
      for (const t of plan) {
        let best = 0;
        for (const term of c.terms) {
          const w = matchWeight(t, term);
          if (!w) continue;
          const s = w * this.idf(term, idfCache) * index.termWeight(c.doc, term);
          if (s > best) best = s;
        }
        score += best;
      }
      return { doc: c.doc, index, terms: c.terms, score };
    });
  }

  search(input: unknown, options: SearchOptions = {}): SearchResult[] {
    return this.searchPage(input, options).results;
  }

  /** Like `search`, with the number of matching documents (at least the candidates ranked). */
  searchPage(input: unknown, options: SearchOptions = {}): SearchPage {
    const parsed = parseQuery(input);
    const filters = { ...parsed.filters, ...(options.filters ?? {}) };
    const limit = Math.max(1, Math.min(options.limit ?? 50, 500));
    const indexes = options.origin ? this.indexes.filter((i) => i.origin === options.origin) : this.indexes;
    if (parsed.terms.length === 0) {
      const all = indexes
        .flatMap((i) => i.docs())
        .filter((d) => matchesFilters(d, filters))
        .sort((a, b) => KINDS[a.kind].order - KINDS[b.kind].order || a.title.localeCompare(b.title));
      return { results: all.slice(0, limit).map((d) => this.result(d, 0, [], [])), total: all.length };
    }
    const plan = planQuery(parsed.terms, (s) => this.known(s), (raw) => corrections(raw, this.vocabulary(raw.slice(0, 2))));
    // An alternative that most documents contain adds next to nothing to a score (its idf is near
    // zero) but costs a long posting list in every index: leave it out.
    const n = this.size;
    for (const t of plan) if (t.alternatives) t.alternatives = t.alternatives.filter((a) => this.documentFrequency(a.stem) <= n * COMMON_SHARE);
    const pool = Math.max(POOL, limit);
    const candidates = indexes.flatMap((index) => index.candidates(plan, pool).filter((c) => matchesFilters(c.doc, filters)).map((c) => ({ c, index })));
    const ranked = this.rank(candidates, plan).filter((s) => s.score > 0);
    ranked.sort((a, b) => b.score - a.score);
    for (const s of ranked.slice(0, PROXIMITY_POOL)) s.score *= proximityFactor(s.doc, plan);
    return { results: this.finish(ranked, limit, parsed.terms), total: ranked.length };
  }

  /** Documents most similar to one document (its distinctive words as a query), ranked the same way. */
  moreLikeThis(ref: string, limit = 5): SearchResult[] {
    const doc = this.get(ref);
    if (!doc) return [];
    const stems = distinctiveWords(`${doc.title} ${doc.names} ${doc.headings} ${doc.summary} ${doc.text}`, 10);
    return this.similarTo(stems, limit, ref);
  }

  /** Documents that share the most of these stems (e.g. the distinctive words of an editor's text). */
  similarTo(stems: string[], limit = 8, exclude?: string): SearchResult[] {
    if (stems.length === 0) return [];
    const plan: TermPlan[] = stems.map((s) => ({ raw: s, stem: s, prefix: false, fuzzy: 0 }));
    const candidates = this.indexes.flatMap((index) => index.similar(stems, POOL).filter((c) => c.doc.ref !== exclude).map((c) => ({ c, index })));
    const ranked = this.rank(candidates, plan).filter((s) => s.score > 0);
    return this.finish(ranked, limit, []);
  }

  private finish(ranked: Scored[], limit: number, terms: string[]): SearchResult[] {
    ranked.sort((a, b) => b.score - a.score || a.doc.title.localeCompare(b.doc.title));
    const top = ranked[0]?.score || 1;
    return ranked.slice(0, limit).map((s) => this.result(s.doc, s.score / top, terms, s.terms));
  }

  private result(doc: SearchDoc, score: number, terms: string[], stems: string[]): SearchResult {
    const { snippet, highlights } = makeSnippet(doc, terms, stems);
    return { ref: doc.ref, id: doc.id, kind: doc.kind, origin: doc.origin, path: doc.path, title: doc.title, score, snippet, highlights, matched: stems };
  }
}

const COMMON = new Set(
  'hub hubs also which their there these those with from into have been were will would could should about after before other such than then them they this that more most over under between through where when while what who whom whose because within without among partner partners source sources page date'.split(' '),
);

/** A text's most frequent non-stop-word stems (words of 4+ letters). */
export function distinctiveWords(text: string, n: number): string[] {
  const counts = new Map<string, number>();
  for (const w of words(text)) {
    if (w.length < 4 || /\d/.test(w) || COMMON.has(w) || isStopWord(w)) continue;
    const s = stem(w);
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([w]) => w);
}
