import type { Origin } from '../core/types';
import type { SearchDoc } from './doc';

/** One word of a query, planned once for every index (so all indexes expand words alike). */
export interface TermPlan {
  /** The word as typed (lower case). */
  raw: string;
  /** Its Porter stem. */
  stem: string;
  /** Whether it also matches longer words that start with it (the word being typed, unknown words). */
  prefix: boolean;
  /** Edit distance allowed for typos (0 for known words). */
  fuzzy: 0 | 1 | 2;
  /**
   * Other index terms that answer this word, each with the weight of its match (below 1): synonyms
   * of a known word ("money" → fund, financ) and spelling corrections of an unknown one found in
   * the indexes' vocabularies ("sanitaton" → sanit). Every index looks them up as exact terms.
   */
  alternatives?: { stem: string; weight: number }[];
}

export interface Candidate {
  doc: SearchDoc;
  /** The index terms (stems) that matched, for ranking and snippets. */
  terms: string[];
}

/**
 * What the search engine needs from an index. The bundled knowledge base is a prebuilt lunr
 * index; own documents live in a MiniSearch index. The engine ranks both with one scorer, from
 * the statistics each index exposes here, so their scores are on one scale.
 */
export interface SearchIndex {
  readonly size: number;
  /** Where this index's documents come from: the bundled knowledge base or the workspace. */
  readonly origin: Origin;
  docs(): SearchDoc[];
  get(ref: string): SearchDoc | undefined;
  /** Whether this exact (stemmed) term occurs in any document. */
  hasTerm(term: string): boolean;
  /** How many documents contain the term (in any field; each document counted once). */
  documentFrequency(term: string): number;
  /** The index's terms (stems) that start with these letters, for spelling corrections. */
  termsWithPrefix(prefix: string): string[];
  /**
   * Σ over fields of the field boost × the BM25 term-frequency component (k1 = 1.2, b = 0.75,
   * length-normalised) of a term in a document; the engine multiplies it by an idf over all indexes.
   */
  termWeight(doc: SearchDoc, term: string): number;
  /** The documents matching any planned word, best first by the index's own score. */
  candidates(plan: TermPlan[], limit: number): Candidate[];
  /** The documents containing any of these exact stems, best first. */
  similar(stems: string[], limit: number): Candidate[];
}

/** BM25 parameters shared by both index types (lunr's defaults). */
export const BM25 = { k1: 1.2, b: 0.75 } as const;

export function bm25Weight(tf: number, length: number, avgLength: number): number {
  if (tf <= 0) return 0;
  const norm = avgLength > 0 ? length / avgLength : 1;
  return ((BM25.k1 + 1) * tf) / (BM25.k1 * (1 - BM25.b + BM25.b * norm) + tf);
}
