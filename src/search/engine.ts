import { KINDS } from '../core/kinds';
import type { DocKind, Origin } from '../core/types';
import type { SearchDoc } from './doc';
import type { Candidate, SearchIndex, TermPlan } from './index-types';
import { parseQuery, type ParsedQuery } from './query';
import { makeSnippet, type Highlight } from './snippet';
import { boundedEditDistance, isStopWord, stem, words } from './text';

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
}

export interface SearchOptions {
  limit?: number;
  /** Extra filters merged with those typed in the query. */
  filters?: ParsedQuery['filters'];
}

/** How many candidates each index contributes to ranking. */
const POOL = 120;
/** How many of the best are re-ranked by phrase and proximity. */
const PROXIMITY_POOL = 12;
/** Fuzzy matching only for words of this length (longer unknown words only match as prefixes). */
const FUZZY_MIN = 4;
const FUZZY_MAX = 14;

/**
 * Plans each query word once for every index: exact stem always; prefix for the word being typed
 * (the last) and for unknown words; an edit distance only for unknown words of 4–14 letters
 * (never for numbers), so a long unknown word can never trigger an expensive expansion.
 */
export function planQuery(terms: string[], known: (stem: string) => boolean): TermPlan[] {
  const meaningful = terms.filter((t) => !isStopWord(t));
  const use = meaningful.length > 0 ? meaningful : terms;
  const plan: TermPlan[] = [];
  use.forEach((raw, i) => {
    const clean = raw.replace(/[*:^~+-]/g, '');
    if (!clean) return;
    const s = stem(clean);
    const isKnown = known(s);
    // Numbers and codes (2030, sdg16) are not typos of each other: only words of letters are fuzzy.
    const fuzzy = !isKnown && /^\p{L}+$/u.test(s) && s.length >= FUZZY_MIN && s.length <= FUZZY_MAX ? (s.length >= 9 ? 2 : 1) : 0;
    plan.push({ raw: clean, stem: s, prefix: i === use.length - 1 || !isKnown, fuzzy });
  });
  return plan;
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
  if (t.prefix && (term.startsWith(t.raw) || term.startsWith(t.stem))) return 0.4 + 0.4 * (t.stem.length / term.length);
  if (t.fuzzy) {
    const d = boundedEditDistance(term, t.stem, t.fuzzy);
    if (d <= t.fuzzy) return d === 1 ? 0.5 : 0.35;
  }
  return 0;
}

const wordCache = new Map<SearchDoc, string[]>();

/** A document's words in order (title, names, headings, summary, text), cached for recent documents. */
function docWords(doc: SearchDoc): string[] {
  let w = wordCache.get(doc);
  if (w) {
    wordCache.delete(doc);
  } else {
    w = words(`${doc.title} . ${doc.names} . ${doc.headings} . ${doc.summary} . ${doc.text}`);
    if (wordCache.size >= 300) wordCache.delete(wordCache.keys().next().value!);
  }
  wordCache.set(doc, w);
  return w;
}

/**
 * A phrase and proximity factor: consecutive query words that stand next to each other in the
 * document (an exact phrase, such as "country coordinating mechanism") multiply the score most;
 * words within a few words of each other, less. One linear pass over the document's words.
 */
export function proximityFactor(doc: SearchDoc, plan: TermPlan[]): number {
  if (plan.length < 2) return 1;
  // Porter stems are prefixes of their words except for a changed last letter (policy → polici).
  const heads = plan.map((t) => t.stem.slice(0, Math.max(3, t.stem.length - 1)));
  const last = new Array<number>(plan.length).fill(-1e9);
  const best = new Array<number>(plan.length).fill(Infinity);
  const ws = docWords(doc);
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i];
    for (let k = 0; k < heads.length; k++) {
      if (!w.startsWith(heads[k])) continue;
      last[k] = i;
      if (k > 0 && i - last[k - 1] < best[k]) best[k] = i - last[k - 1];
    }
  }
  let bonus = 0;
  for (let k = 1; k < plan.length; k++) {
    if (best[k] <= 2) bonus += 0.8;
    else if (best[k] <= 6) bonus += 0.25;
  }
  return 1 + bonus / (plan.length - 1);
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

  /** Whether a stemmed word occurs anywhere (decides whether it may be a typo). */
  known(term: string): boolean {
    return this.indexes.some((i) => i.hasTerm(term));
  }

  private idf(term: string, cache: Map<string, number>): number {
    let v = cache.get(term);
    if (v === undefined) {
      const n = this.size;
      // Documents are counted once per field (cheap in both indexes), so the count is capped at n.
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
    const parsed = parseQuery(input);
    const filters = { ...parsed.filters, ...(options.filters ?? {}) };
    const limit = Math.max(1, Math.min(options.limit ?? 50, 500));
    if (parsed.terms.length === 0) {
      return this.allDocs()
        .filter((d) => matchesFilters(d, filters))
        .sort((a, b) => KINDS[a.kind].order - KINDS[b.kind].order || a.title.localeCompare(b.title))
        .slice(0, limit)
        .map((d) => this.result(d, 0, [], []));
    }
    const plan = planQuery(parsed.terms, (s) => this.known(s));
    const pool = Math.max(POOL, limit);
    const candidates = this.indexes.flatMap((index) => index.candidates(plan, pool).filter((c) => matchesFilters(c.doc, filters)).map((c) => ({ c, index })));
    const ranked = this.rank(candidates, plan).filter((s) => s.score > 0);
    ranked.sort((a, b) => b.score - a.score);
    for (const s of ranked.slice(0, PROXIMITY_POOL)) s.score *= proximityFactor(s.doc, plan);
    return this.finish(ranked, limit, parsed.terms);
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
    return { ref: doc.ref, id: doc.id, kind: doc.kind, origin: doc.origin, path: doc.path, title: doc.title, score, snippet, highlights };
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
