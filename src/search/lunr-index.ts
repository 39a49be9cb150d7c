import lunr from 'lunr';
import { FIELD_BOOST, FIELDS, isSearchDoc, type SearchDoc } from './doc';
import type { Origin } from '../core/types';
import type { Candidate, SearchIndex, TermPlan } from './index-types';
import { lowerBound } from './text';

/**
 * A serialised shard: the lunr index only. Its documents are not stored again (the bundle already
 * holds them); they are passed to `load` in the same order as when the index was built.
 */
export interface SerializedShard {
  version: 3;
  /** How many documents the index was built from (checked on load). */
  count: number;
  index: object;
}

type Posting = Record<string, Record<string, unknown>> & { _index: number };
type Inverted = Record<string, Posting>;
type Vectors = Record<string, lunr.Vector & { elements: number[] }>;

/**
 * One immutable lunr index with its documents: the bundled knowledge base, built at package time
 * and loaded in milliseconds. lunr refs are positions in `docs` (short refs keep the JSON small).
 */
export class Shard implements SearchIndex {
  readonly byRef: Map<string, SearchDoc>;
  private readonly position = new Map<SearchDoc, number>();
  private readonly dfCache = new Map<string, number>();

  constructor(
    readonly index: lunr.Index,
    private readonly list: SearchDoc[],
  ) {
    this.byRef = new Map(list.map((d) => [d.ref, d]));
    list.forEach((d, i) => this.position.set(d, i));
  }

  static build(docs: SearchDoc[]): Shard {
    const index = lunr(function () {
      this.ref('ref');
      for (const [name, boost] of Object.entries(FIELD_BOOST)) this.field(name, { boost });
      docs.forEach((d, i) => this.add({ ...d, ref: String(i) }));
    });
    return new Shard(index, docs);
  }

  /** Loads a serialised shard with its documents; anything of another version or shape is refused. */
  static load(data: unknown, docs: SearchDoc[]): Shard {
    const d = data as SerializedShard | undefined;
    if (!d || d.version !== 3 || !d.index || d.count !== docs.length || !docs.every(isSearchDoc)) throw new Error('unsupported search index format; rebuild it');
    return new Shard(lunr.Index.load(d.index), docs);
  }

  toJSON(): SerializedShard {
    return { version: 3, count: this.list.length, index: this.index.toJSON() };
  }

  get size(): number {
    return this.list.length;
  }

  get origin(): Origin {
    return this.list[0]?.origin ?? 'bundled';
  }

  docs(): SearchDoc[] {
    return this.list;
  }

  get(ref: string): SearchDoc | undefined {
    return this.byRef.get(ref);
  }

  private get inverted(): Inverted {
    return (this.index as unknown as { invertedIndex: Inverted }).invertedIndex;
  }

  hasTerm(term: string): boolean {
    return Object.hasOwn(this.inverted, term);
  }

  /** Documents with the term in any field, each counted once. */
  documentFrequency(term: string): number {
    let n = this.dfCache.get(term);
    if (n === undefined) {
      const posting = Object.hasOwn(this.inverted, term) ? this.inverted[term] : undefined;
      const docs = new Set<string>();
      if (posting) for (const f of FIELDS) for (const ref of Object.keys(posting[f] ?? {})) docs.add(ref);
      n = docs.size;
      this.dfCache.set(term, n);
    }
    return n;
  }

  private sortedTerms?: string[];

  termsWithPrefix(prefix: string): string[] {
    this.sortedTerms ??= Object.keys(this.inverted).sort();
    const terms = this.sortedTerms;
    const lo = lowerBound(terms, prefix);
    const out: string[] = [];
    for (let i = lo; i < terms.length && terms[i].startsWith(prefix); i++) out.push(terms[i]);
    return out;
  }

  /**
   * lunr stores, per field and document, the BM25 weight of each term multiplied by lunr's own
   * idf and the field boost; dividing the idf out leaves the boosted term-frequency component,
   * which the engine combines with an idf over every index.
   */
  termWeight(doc: SearchDoc, term: string): number {
    const pos = this.position.get(doc);
    if (pos === undefined || !Object.hasOwn(this.inverted, term)) return 0;
    const posting = this.inverted[term];
    const ref = String(pos);
    let sum = 0;
    for (const field of FIELDS) {
      if (!posting[field] || !Object.hasOwn(posting[field], ref)) continue;
      const vector = (this.index as unknown as { fieldVectors: Vectors }).fieldVectors[`${field}/${ref}`];
      if (!vector) continue;
      const at = vector.positionForIndex(posting._index);
      if (vector.elements[at] === posting._index) sum += vector.elements[at + 1];
    }
    return sum ? sum / this.lunrIdf(term, posting) : 0;
  }

  private readonly idfCache = new Map<string, number>();

  private lunrIdf(term: string, posting: Posting): number {
    let v = this.idfCache.get(term);
    if (v === undefined) {
      v = (lunr as unknown as { idf(p: object, n: number): number }).idf(posting, this.list.length) || 1;
      this.idfCache.set(term, v);
    }
    return v;
  }

  candidates(plan: TermPlan[], limit: number): Candidate[] {
    return this.run((q) => {
      for (const t of plan) {
        q.term(t.stem, { usePipeline: false, boost: 10 });
        if (t.prefix && t.raw.length >= 3) q.term(t.raw, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: 4 });
        if (t.prefix && t.stem !== t.raw && t.stem.length >= 3) q.term(t.stem, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: 3 });
        if (t.fuzzy) q.term(t.stem, { usePipeline: false, editDistance: t.fuzzy, boost: 1 });
        for (const a of t.alternatives ?? []) q.term(a.stem, { usePipeline: false, boost: 6 * a.weight });
      }
    }, limit);
  }

  similar(stems: string[], limit: number): Candidate[] {
    return this.run((q) => {
      for (const s of stems) q.term(s, { usePipeline: false });
    }, limit);
  }

  private run(build: (q: lunr.Query) => void, limit: number): Candidate[] {
    let hits: lunr.Index.Result[];
    try {
      hits = this.index.query(build);
    } catch {
      return [];
    }
    const out: Candidate[] = [];
    for (const h of hits.slice(0, limit)) {
      const doc = this.list[Number(h.ref)];
      if (doc) out.push({ doc, terms: Object.keys(h.matchData.metadata) });
    }
    return out;
  }
}
