import lunr from 'lunr';
import { parseQuery, type ParsedQuery } from './query';
import type { DocKind, KnowledgeDoc, Origin } from '../core/types';
import { keyOf } from '../core/keys';
import type { OwnIndex } from './own-index';

/** What the index stores per document besides the lunr index: enough to show and filter results. */
export interface SearchDoc {
  ref: string;
  id: string;
  kind: DocKind;
  origin: Origin;
  path: string;
  title: string;
  names: string;
  summary: string;
  headings: string;
  text: string;
  facets: { sdg: string[]; region: string[]; area: string[]; principle: string[]; actor: string[] };
}

export interface SerializedShard {
  version: 2;
  index: object;
  docs: SearchDoc[];
}

export interface Highlight {
  start: number;
  end: number;
}

export interface SearchResult {
  ref: string;
  id: string;
  kind: DocKind;
  origin: Origin;
  path: string;
  title: string;
  score: number;
  snippet: string;
  highlights: Highlight[];
}

export interface SearchOptions {
  limit?: number;
  /** Extra filters merged with those typed in the query. */
  filters?: ParsedQuery['filters'];
}

/** Indexed fields and their boosts, shared by the bundled (lunr) and own-documents indexes. */
export const FIELD_BOOST = { title: 10, names: 12, headings: 3, summary: 3, text: 1 } satisfies Partial<Record<keyof SearchDoc, number>>;

export function toSearchDoc(d: KnowledgeDoc): SearchDoc {
  const h = d.hub;
  const facets = {
    sdg: (h?.sdgs ?? []).map(String),
    region: h?.regions ?? [],
    area: h?.issue_area?.category ? [h.issue_area.category] : [],
    principle: (h?.principles ?? []).filter((p) => p.rating !== 'not').map((p) => p.id),
    actor: h?.actor_types ?? [],
  };
  if (d.kind === 'principle') facets.principle = [d.id];
  return {
    ref: keyOf(d),
    id: d.id,
    kind: d.kind,
    origin: d.origin,
    path: d.path,
    title: d.title,
    names: [h?.short_name, ...(h?.aliases ?? []), d.id.replace(/-/g, ' ')].filter(Boolean).join(' · '),
    summary: d.summary,
    headings: d.headings.map((x) => x.text).join(' · '),
    text: d.text,
    facets,
  };
}

function configure(builder: lunr.Builder): void {
  builder.ref('ref');
  for (const [name, boost] of Object.entries(FIELD_BOOST)) builder.field(name, { boost });
}

/** One immutable lunr index with its documents. */
export class Shard {
  readonly byRef: Map<string, SearchDoc>;
  constructor(
    readonly index: lunr.Index,
    readonly docs: SearchDoc[],
  ) {
    this.byRef = new Map(docs.map((d) => [d.ref, d]));
  }

  /** lunr refs are positions in `docs` (short refs keep the index and its JSON small). */
  static build(docs: SearchDoc[]): Shard {
    const index = lunr(function () {
      configure(this);
      docs.forEach((d, i) => this.add({ ...d, ref: String(i) }));
    });
    return new Shard(index, docs);
  }

  static load(data: SerializedShard): Shard {
    if (!data || data.version !== 2 || !Array.isArray(data.docs)) throw new Error('unsupported search index format; rebuild it');
    return new Shard(lunr.Index.load(data.index), data.docs);
  }

  docAt(lunrRef: string): SearchDoc | undefined {
    return this.docs[Number(lunrRef)];
  }

  toJSON(): SerializedShard {
    return { version: 2, index: this.index.toJSON(), docs: this.docs };
  }
}

const stemmer = (word: string): string => {
  const t = lunr.stemmer(new lunr.Token(word, {}));
  return t.toString();
};
const isStopWord = (word: string): boolean => lunr.stopWordFilter(new lunr.Token(word, {})) === undefined;

/** Whether the exact (stemmed) term is in this index's vocabulary. */
function inVocabulary(index: lunr.Index, stem: string): boolean {
  const inverted = (index as unknown as { invertedIndex: Record<string, unknown> }).invertedIndex;
  return Object.hasOwn(inverted, stem);
}

/**
 * Clauses per word: the exact stem (highest boost), prefix matches (as you type), and, only when
 * the stem is not a known word, an edit-distance match for typos. Edit-distance clauses are the
 * expensive ones, so known words skip them.
 */
function buildQuery(q: lunr.Query, terms: string[], known: (stem: string) => boolean): void {
  const meaningful = terms.filter((t) => !isStopWord(t));
  const use = meaningful.length > 0 ? meaningful : terms;
  use.forEach((raw, i) => {
    const term = raw.replace(/[*:^~+-]/g, '');
    if (!term) return;
    const stem = stemmer(term);
    const isKnown = known(stem);
    // Prefixes serve the word being typed (the last one) and words that are not known words.
    const prefix = i === use.length - 1 || !isKnown;
    q.term(stem, { usePipeline: false, boost: 10 });
    if (prefix && term.length >= 3) q.term(term, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: 4 });
    if (prefix && stem !== term && stem.length >= 3) q.term(stem, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: 3 });
    if (stem.length >= 4 && !isKnown) q.term(stem, { usePipeline: false, editDistance: stem.length >= 9 ? 2 : 1, boost: 1 });
  });
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

const KIND_ORDER: Record<DocKind, number> = { hub: 0, principle: 1, framework: 2, note: 3 };

interface Scored {
  doc: SearchDoc;
  score: number;
  stems: string[];
}

/** Merges two engines' hits: each score divided by its engine's best, then by score and title. */
function merge(a: Scored[], b: Scored[]): Scored[] {
  const norm = (xs: Scored[]) => {
    const max = xs.reduce((m, x) => Math.max(m, x.score), 0) || 1;
    return xs.map((x) => ({ ...x, score: x.score / max }));
  };
  return [...norm(a), ...norm(b)].sort((x, y) => y.score - x.score || x.doc.title.localeCompare(y.doc.title));
}

/**
 * Searches the bundled lunr index (and any other lunr shards) together with the own-documents
 * index. Scores from the two engines are normalised by each engine's best score for the query
 * before merging. Never throws on input.
 */
export class SearchEngine {
  private shards: Shard[];
  private own?: OwnIndex;

  constructor(shards: Shard[] = [], own?: OwnIndex) {
    this.shards = shards;
    this.own = own;
  }

  setShards(shards: Shard[]): void {
    this.shards = shards;
  }

  setOwn(own: OwnIndex | undefined): void {
    this.own = own;
  }

  get size(): number {
    return this.shards.reduce((n, s) => n + s.docs.length, 0) + (this.own?.size ?? 0);
  }

  allDocs(): SearchDoc[] {
    return [...this.shards.flatMap((s) => s.docs), ...(this.own?.docs() ?? [])];
  }

  get(ref: string): SearchDoc | undefined {
    for (const s of this.shards) {
      const d = s.byRef.get(ref);
      if (d) return d;
    }
    return this.own?.get(ref);
  }

  /** Whether a stemmed word occurs anywhere (decides whether it may be a typo). */
  private known(stem: string): boolean {
    return this.shards.some((s) => inVocabulary(s.index, stem)) || (this.own?.hasTerm(stem) ?? false);
  }

  search(input: unknown, options: SearchOptions = {}): SearchResult[] {
    const parsed = parseQuery(input);
    const filters = { ...parsed.filters, ...(options.filters ?? {}) };
    const limit = Math.max(1, Math.min(options.limit ?? 50, 500));
    if (parsed.terms.length === 0) {
      return this.allDocs()
        .filter((d) => matchesFilters(d, filters))
        .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.title.localeCompare(b.title))
        .slice(0, limit)
        .map((d) => this.result(d, 0, parsed.terms, []));
    }
    const known = (stem: string) => this.known(stem);
    const lunrHits: Scored[] = [];
    for (const shard of this.shards) {
      let hits: lunr.Index.Result[];
      try {
        hits = shard.index.query((q) => buildQuery(q, parsed.terms, known));
      } catch {
        hits = [];
      }
      for (const h of hits) {
        const doc = shard.docAt(h.ref);
        if (doc && matchesFilters(doc, filters)) lunrHits.push({ doc, score: h.score, stems: Object.keys(h.matchData.metadata) });
      }
    }
    let ownHits: Scored[];
    try {
      ownHits = (this.own?.search(parsed.terms, known) ?? []).filter((h) => matchesFilters(h.doc, filters)).map((h) => ({ doc: h.doc, score: h.score, stems: h.terms }));
    } catch {
      ownHits = [];
    }
    return merge(lunrHits, ownHits)
      .slice(0, limit)
      .map((s) => this.result(s.doc, s.score, parsed.terms, s.stems));
  }

  /** Documents most similar to one document (its distinctive words as a query). */
  moreLikeThis(ref: string, limit = 5): SearchResult[] {
    const doc = this.get(ref);
    if (!doc) return [];
    const words = distinctiveWords(`${doc.title} ${doc.names} ${doc.headings} ${doc.summary} ${doc.text}`, 10);
    const lunrHits: Scored[] = [];
    for (const shard of this.shards) {
      const hits = shard.index.query((q) => {
        for (const w of words) q.term(w, { usePipeline: false });
      });
      for (const h of hits) {
        const d = shard.docAt(h.ref);
        if (d && d.ref !== ref) lunrHits.push({ doc: d, score: h.score, stems: Object.keys(h.matchData.metadata) });
      }
    }
    const ownHits = (this.own?.similar(words, limit + 1) ?? []).filter((h) => h.doc.ref !== ref).map((h) => ({ doc: h.doc, score: h.score, stems: h.terms }));
    return merge(lunrHits, ownHits)
      .slice(0, limit)
      .map((s) => this.result(s.doc, s.score, [], s.stems));
  }

  private result(doc: SearchDoc, score: number, terms: string[], stems: string[]): SearchResult {
    const { snippet, highlights } = makeSnippet(doc, terms, stems);
    return { ref: doc.ref, id: doc.id, kind: doc.kind, origin: doc.origin, path: doc.path, title: doc.title, score, snippet, highlights };
  }
}

const COMMON = new Set(
  'hub hubs also which their there these those with from into have been were will would could should about after before other such than then them they this that more most over under between through where when while what who whom whose because within without among partner partners source sources page date'.split(' '),
);

/** The document's most frequent non-stop-word stems, weighted to favour title and names. */
export function distinctiveWords(text: string, n: number): string[] {
  const counts = new Map<string, number>();
  for (const m of text.toLowerCase().matchAll(/[\p{L}]{4,}/gu)) {
    const w = m[0];
    if (COMMON.has(w) || isStopWord(w)) continue;
    const s = stemmer(w);
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([w]) => w);
}

const SNIPPET_CHARS = 160;

/** A short excerpt around the first match, with highlight ranges for every matching word in it. */
const lowered = new WeakMap<SearchDoc, { text: string; lower: string }>();

function snippetText(doc: SearchDoc): { text: string; lower: string } {
  let t = lowered.get(doc);
  if (!t) {
    const text = `${doc.summary}\n${doc.text}`.replace(/\s+/g, ' ').trim();
    t = { text, lower: text.toLowerCase() };
    lowered.set(doc, t);
  }
  return t;
}

export function makeSnippet(doc: SearchDoc, terms: string[], stems: string[]): { snippet: string; highlights: Highlight[] } {
  const { text, lower } = snippetText(doc);
  const needles = [...new Set([...terms, ...stems].filter((t) => t.length >= 2).map((t) => t.toLowerCase()))];
  if (needles.length === 0) return { snippet: clip(doc.summary || text, SNIPPET_CHARS), highlights: [] };
  const wordStart = (i: number) => i === 0 || !/[\p{L}\p{N}]/u.test(text[i - 1]);
  let first = -1;
  for (const n of needles) {
    let at = lower.indexOf(n);
    while (at >= 0 && !wordStart(at)) at = lower.indexOf(n, at + 1);
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  if (first < 0) return { snippet: clip(doc.summary || text, SNIPPET_CHARS), highlights: [] };
  let start = Math.max(0, first - 40);
  if (start > 0) {
    const space = text.indexOf(' ', start);
    start = space >= 0 && space < first ? space + 1 : start;
  }
  const end = Math.min(text.length, start + SNIPPET_CHARS);
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  const body = text.slice(start, end);
  const snippet = prefix + body + suffix;
  const highlights: Highlight[] = [];
  const lowBody = body.toLowerCase();
  for (const n of needles) {
    let at = lowBody.indexOf(n);
    while (at >= 0) {
      const abs = start + at;
      if (wordStart(abs)) {
        let stop = at + n.length;
        while (stop < body.length && /[\p{L}\p{N}]/u.test(body[stop])) stop++;
        highlights.push({ start: prefix.length + at, end: prefix.length + stop });
      }
      at = lowBody.indexOf(n, at + 1);
    }
  }
  highlights.sort((a, b) => a.start - b.start);
  const merged: Highlight[] = [];
  for (const h of highlights) {
    const last = merged[merged.length - 1];
    if (last && h.start <= last.end) last.end = Math.max(last.end, h.end);
    else merged.push({ ...h });
  }
  return { snippet, highlights: merged };
}

function clip(s: string, n: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}
