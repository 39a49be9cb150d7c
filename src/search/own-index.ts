import MiniSearch from 'minisearch';
import { FIELD_BOOST, FIELDS, isSearchDoc, type SearchDoc } from './doc';
import { bm25Weight, type Candidate, type SearchIndex, type TermPlan } from './index-types';
import { stemTerm } from './text';
import type { Problem } from '../core/types';

/**
 * The index of the user's own documents (knowledge folders). lunr, which serves the bundled
 * index, cannot add or remove documents (its indexes are immutable) and its serialised shards
 * load too slowly for thousands of files (see `npm run bench`), so own documents live in a
 * MiniSearch index: documents are replaced in place when a file changes, and the whole index
 * restores from storage quickly. Terms go through lunr's stop-word filter and Porter stemmer
 * (src/search/text.ts), so both indexes match words the same way.
 */
export const OWN_INDEX_VERSION = 2;

export interface Entry {
  /** The file's URI. */
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

function options() {
  return {
    idField: 'ref',
    fields: FIELDS as string[],
    storeFields: [] as string[],
    processTerm: (term: string) => stemTerm(term),
    searchOptions: { processTerm: (term: string) => stemTerm(term) },
    autoVacuum: { minDirtCount: 20, minDirtFactor: 0.1, batchSize: 500, batchWait: 10 },
  };
}

/** MiniSearch's internal maps, read for ranking statistics (documented in its source, stable since v6). */
interface MiniInternals {
  _index: { get(term: string): Map<number, Map<number, number>> | undefined; has(term: string): boolean };
  _idToShortId: Map<string, number>;
  _documentIds: Map<number, string>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
}

export class OwnIndex implements SearchIndex {
  private entries = new Map<string, Entry>();
  private byRef = new Map<string, Entry>();
  private mini: MiniSearch<SearchDoc> = new MiniSearch<SearchDoc>(options());

  get size(): number {
    return this.entries.size;
  }

  readonly origin = 'workspace' as const;

  entry(path: string): Entry | undefined {
    return this.entries.get(path);
  }

  allEntries(): Entry[] {
    return [...this.entries.values()];
  }

  docs(): SearchDoc[] {
    return [...this.entries.values()].map((e) => e.doc);
  }

  get(ref: string): SearchDoc | undefined {
    return this.byRef.get(ref)?.doc;
  }

  private get internals(): MiniInternals {
    return this.mini as unknown as MiniInternals;
  }

  hasTerm(term: string): boolean {
    return this.documentFrequency(term) > 0;
  }

  private dfCache = new Map<string, number>();

  /**
   * Documents with the term in any field, each counted once (as the bundled index counts them).
   * Only live documents: MiniSearch keeps a removed document's postings until it vacuums, and
   * counting them would shift every idf after a file is deleted (the editor would then rank
   * differently from the CLI on the same folder).
   */
  documentFrequency(term: string): number {
    let n = this.dfCache.get(term);
    if (n === undefined) {
      const fields = this.termData(term);
      const live = this.internals._documentIds;
      const docs = new Set<number>();
      if (fields) for (const byDoc of fields.values()) for (const id of byDoc.keys()) if (live.has(id)) docs.add(id);
      n = docs.size;
      if (this.dfCache.size > 5000) this.dfCache.clear();
      this.dfCache.set(term, n);
    }
    return n;
  }

  termsWithPrefix(prefix: string): string[] {
    if (this.entries.size === 0) return [];
    const index = this.internals._index as unknown as { atPrefix(p: string): { keys(): Iterable<string> } };
    return [...index.atPrefix(prefix).keys()];
  }

  termWeight(doc: SearchDoc, term: string): number {
    const m = this.internals;
    const shortId = m._idToShortId.get(doc.ref);
    if (shortId === undefined) return 0;
    const byField = this.termData(term);
    if (!byField) return 0;
    const lengths = m._fieldLength.get(shortId) ?? [];
    let sum = 0;
    for (const field of FIELDS) {
      const fieldId = m._fieldIds[field];
      const tf = byField.get(fieldId)?.get(shortId);
      if (tf) sum += FIELD_BOOST[field] * bm25Weight(tf, lengths[fieldId] ?? 0, m._avgFieldLength[fieldId] ?? 0);
    }
    return sum;
  }

  /** The index's postings for a term, cached until the next change (radix-tree look-ups add up). */
  private termCache = new Map<string, Map<number, Map<number, number>> | undefined>();

  private termData(term: string): Map<number, Map<number, number>> | undefined {
    if (this.termCache.has(term)) return this.termCache.get(term);
    const data = this.internals._index.get(term);
    if (this.termCache.size > 5000) this.termCache.clear();
    this.termCache.set(term, data);
    return data;
  }

  /** Adds or replaces a document. Returns false when the stamp shows nothing changed. */
  upsert(entry: Entry): boolean {
    const old = this.entries.get(entry.path);
    if (old && old.stamp === entry.stamp) return false;
    if (old) this.drop(old);
    // Two files may declare the same id: the ref includes the path, so it stays unique.
    const same = this.byRef.get(entry.doc.ref);
    if (same) this.drop(same);
    this.entries.set(entry.path, entry);
    this.byRef.set(entry.doc.ref, entry);
    this.mini.add(entry.doc);
    this.termCache.clear();
    this.dfCache.clear();
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
    this.termCache.clear();
    this.dfCache.clear();
  }

  /** Removes every entry whose path is not in `keep`; returns how many were removed. */
  retain(keep: Set<string>): number {
    let n = 0;
    for (const p of [...this.entries.keys()]) if (!keep.has(p) && this.remove(p)) n++;
    return n;
  }

  candidates(plan: TermPlan[], limit: number): Candidate[] {
    if (this.entries.size === 0 || plan.length === 0) return [];
    const byStem = new Map(plan.map((t) => [t.stem, t]));
    const alternatives = plan.flatMap((t) => (t.alternatives ?? []).map((a) => a.stem)).filter((a) => !byStem.has(a));
    return this.run(
      [...plan.map((t) => t.stem), ...alternatives].join(' '),
      {
        prefix: (term: string) => byStem.get(term)?.prefix ?? false,
        fuzzy: (term: string) => byStem.get(term)?.fuzzy || false,
        maxFuzzy: 2,
      },
      limit,
    );
  }

  similar(stems: string[], limit: number): Candidate[] {
    if (this.entries.size === 0 || stems.length === 0) return [];
    return this.run(stems.join(' '), {}, limit);
  }

  private run(query: string, opts: Record<string, unknown>, limit: number): Candidate[] {
    let hits: ReturnType<MiniSearch<SearchDoc>['search']>;
    try {
      hits = this.mini.search(query, { boost: FIELD_BOOST, processTerm: (t: string) => t, combineWith: 'OR', ...opts });
    } catch {
      return [];
    }
    const out: Candidate[] = [];
    for (const h of hits.slice(0, limit)) {
      const e = this.byRef.get(h.id as string);
      if (e) out.push({ doc: e.doc, terms: h.terms });
    }
    return out;
  }

  toJSON(): PersistedOwnIndex {
    return { version: OWN_INDEX_VERSION, entries: [...this.entries.values()], mini: this.mini.toJSON() };
  }

  /**
   * Restores a persisted index. A wrong version, a broken file or entries of another shape give an
   * empty index (the caller re-reads the files); stored MiniSearch data that does not match the
   * entries is rebuilt from them.
   */
  static fromJSON(data: unknown): OwnIndex {
    const idx = new OwnIndex();
    const p = data as PersistedOwnIndex | undefined;
    if (!p || p.version !== OWN_INDEX_VERSION || !Array.isArray(p.entries) || !p.mini) return idx;
    const valid = p.entries.filter((e): e is Entry => !!e && typeof e.path === 'string' && typeof e.stamp === 'string' && isSearchDoc(e.doc) && (e.problems === undefined || Array.isArray(e.problems)));
    if (valid.length !== p.entries.length) return idx;
    try {
      idx.mini = MiniSearch.loadJS(p.mini as Parameters<typeof MiniSearch.loadJS>[0], options());
      for (const e of valid) {
        if (!idx.mini.has(e.doc.ref)) continue;
        idx.entries.set(e.path, e);
        idx.byRef.set(e.doc.ref, e);
      }
      if (idx.entries.size !== idx.mini.documentCount || idx.entries.size !== valid.length) return OwnIndex.rebuilt(valid);
    } catch {
      return OwnIndex.rebuilt(valid);
    }
    return idx;
  }

  /** An index rebuilt from entries (when the stored MiniSearch data does not match them). */
  private static rebuilt(entries: Entry[]): OwnIndex {
    const idx = new OwnIndex();
    for (const e of entries) idx.upsert(e);
    return idx;
  }
}
