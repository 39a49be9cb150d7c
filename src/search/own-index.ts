import MiniSearch from 'minisearch';
import lunr from 'lunr';
import { FIELD_BOOST, type SearchDoc } from './engine';
import type { Problem } from '../core/types';

/**
 * The index of the user's own documents (knowledge folders). lunr, which serves the bundled
 * index, cannot add or remove documents (its indexes are immutable) and its serialised shards
 * load too slowly for thousands of files (see `npm run bench`), so own documents live in a
 * MiniSearch index: documents are replaced in place when a file changes, and the whole index
 * restores from workspace storage quickly. Terms go through lunr's stop-word filter and Porter
 * stemmer, so both indexes match words the same way.
 */
export const OWN_INDEX_VERSION = 1;

export interface Entry {
  path: string;
  /** Change stamp from the file system (mtime and size); a different stamp means re-parse. */
  stamp: string;
  doc: SearchDoc;
  /** Problems found when the file was parsed (shown as diagnostics). */
  problems?: Problem[];
}

export interface PersistedOwnIndex {
  version: number;
  entries: Entry[];
  mini: unknown;
}


export function stemTerm(term: string): string | null {
  const t = new lunr.Token(term.toLowerCase(), {});
  if (lunr.stopWordFilter(t) === undefined) return null;
  const trimmed = lunr.trimmer(t) as lunr.Token;
  const s = (lunr.stemmer(trimmed) as lunr.Token).toString();
  return s || null;
}

function options() {
  return {
    idField: 'ref',
    fields: Object.keys(FIELD_BOOST),
    storeFields: [] as string[],
    processTerm: (term: string) => stemTerm(term),
    searchOptions: { processTerm: (term: string) => stemTerm(term) },
    autoVacuum: { minDirtCount: 20, minDirtFactor: 0.1, batchSize: 500, batchWait: 10 },
  };
}

export interface OwnHit {
  doc: SearchDoc;
  score: number;
  /** Matched index terms (stems), for snippets. */
  terms: string[];
}

export class OwnIndex {
  private entries = new Map<string, Entry>();
  private byRef = new Map<string, Entry>();
  private mini: MiniSearch<SearchDoc> = new MiniSearch<SearchDoc>(options());

  get size(): number {
    return this.entries.size;
  }

  entry(path: string): Entry | undefined {
    return this.entries.get(path);
  }

  docs(): SearchDoc[] {
    return [...this.entries.values()].map((e) => e.doc);
  }

  get(ref: string): SearchDoc | undefined {
    return this.byRef.get(ref)?.doc;
  }

  /** Whether any own document contains this (stemmed) term. */
  hasTerm(stem: string): boolean {
    try {
      return (this.mini as unknown as { _index: { has(k: string): boolean } })._index.has(stem);
    } catch {
      return false;
    }
  }

  /** Adds or replaces a document. Returns false when the stamp shows nothing changed. */
  upsert(entry: Entry): boolean {
    const old = this.entries.get(entry.path);
    if (old && old.stamp === entry.stamp) return false;
    if (old) this.drop(old);
    // Two files may declare the same id: the ref includes the path, so it stays unique.
    if (this.byRef.has(entry.doc.ref)) this.drop(this.byRef.get(entry.doc.ref)!);
    this.entries.set(entry.path, entry);
    this.byRef.set(entry.doc.ref, entry);
    this.mini.add(entry.doc);
    return true;
  }

  remove(path: string): boolean {
    const e = this.entries.get(path);
    if (!e) return false;
    this.drop(e);
    return true;
  }

  private drop(e: Entry): void {
    this.entries.delete(e.path);
    this.byRef.delete(e.doc.ref);
    if (this.mini.has(e.doc.ref)) this.mini.discard(e.doc.ref);
  }

  /** Removes every entry whose path is not in `keep`; returns how many were removed. */
  retain(keep: Set<string>): number {
    let n = 0;
    for (const p of [...this.entries.keys()]) if (!keep.has(p) && this.remove(p)) n++;
    return n;
  }

  /**
   * Searches with the same rules as the bundled index: the last word (being typed) and unknown
   * words match as prefixes; only unknown words are matched with an edit distance.
   */
  search(terms: string[], known: (stem: string) => boolean, limit = 500): OwnHit[] {
    if (this.entries.size === 0 || terms.length === 0) return [];
    const stems = terms.map((t) => stemTerm(t)).filter((s): s is string => !!s);
    const use = stems.length ? stems : terms.map((t) => t.toLowerCase());
    const last = use.length - 1;
    const hits = this.mini.search(use.join(' '), {
      boost: FIELD_BOOST,
      processTerm: (t: string) => t,
      prefix: (_t: string, i: number) => i === last || !known(use[i]),
      fuzzy: (t: string) => (known(t) ? false : t.length >= 9 ? 2 : t.length >= 4 ? 1 : false),
      maxFuzzy: 2,
      combineWith: 'OR',
    });
    const out: OwnHit[] = [];
    for (const h of hits.slice(0, limit)) {
      const e = this.byRef.get(h.id as string);
      if (e) out.push({ doc: e.doc, score: h.score, terms: h.terms });
    }
    return out;
  }

  /** Documents sharing the most of these words. */
  similar(words: string[], limit: number): OwnHit[] {
    if (this.entries.size === 0 || words.length === 0) return [];
    return this.mini
      .search(words.join(' '), { processTerm: (t: string) => t, combineWith: 'OR', boost: FIELD_BOOST })
      .slice(0, limit)
      .flatMap((h) => {
        const e = this.byRef.get(h.id as string);
        return e ? [{ doc: e.doc, score: h.score, terms: h.terms }] : [];
      });
  }

  toJSON(): PersistedOwnIndex {
    return { version: OWN_INDEX_VERSION, entries: [...this.entries.values()], mini: this.mini.toJSON() };
  }

  /** Restores a persisted index; a wrong version or a broken file gives an empty index. */
  static fromJSON(data: unknown): OwnIndex {
    const idx = new OwnIndex();
    const p = data as PersistedOwnIndex;
    if (!p || p.version !== OWN_INDEX_VERSION || !Array.isArray(p.entries) || !p.mini) return idx;
    try {
      idx.mini = MiniSearch.loadJS(p.mini as Parameters<typeof MiniSearch.loadJS>[0], options());
      for (const e of p.entries) {
        if (!e || typeof e.path !== 'string' || !e.doc || !idx.mini.has(e.doc.ref)) continue;
        idx.entries.set(e.path, e);
        idx.byRef.set(e.doc.ref, e);
      }
      if (idx.entries.size !== idx.mini.documentCount) return OwnIndex.rebuilt(p.entries);
    } catch {
      return OwnIndex.rebuilt(Array.isArray(p.entries) ? p.entries : []);
    }
    return idx;
  }

  /** An index rebuilt from entries (when the stored MiniSearch data does not match them). */
  private static rebuilt(entries: Entry[]): OwnIndex {
    const idx = new OwnIndex();
    for (const e of entries) if (e && typeof e.path === 'string' && e.doc) idx.upsert(e);
    return idx;
  }
}
