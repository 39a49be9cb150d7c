import { keyOf } from '../core/keys';
import { isDocKind } from '../core/kinds';
import type { DocKind, KnowledgeDoc, Origin } from '../core/types';

/** The fields every index stores, and their boosts (one table for every index and the ranker). */
export const FIELD_BOOST = { title: 10, names: 12, headings: 3, summary: 3, text: 1 } as const;
export type Field = keyof typeof FIELD_BOOST;
export const FIELDS = Object.keys(FIELD_BOOST) as Field[];

export type Facets = { sdg: string[]; region: string[]; area: string[]; principle: string[]; actor: string[] };

/** What an index keeps per document besides the index itself: enough to show, filter and rank. */
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
  facets: Facets;
}

export function toSearchDoc(d: KnowledgeDoc): SearchDoc {
  const h = d.hub;
  const facets: Facets = {
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

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * Whether stored data (a persisted index, a prebuilt bundle) has the shape of a SearchDoc. A file
 * with the right version number but another shape is rejected and rebuilt, never trusted.
 */
export function isSearchDoc(v: unknown): v is SearchDoc {
  if (!v || typeof v !== 'object') return false;
  const d = v as Record<string, unknown>;
  for (const k of ['ref', 'id', 'path', 'title', 'names', 'summary', 'headings', 'text'] as const) if (typeof d[k] !== 'string') return false;
  if (!isDocKind(d.kind) || (d.origin !== 'bundled' && d.origin !== 'workspace')) return false;
  const f = d.facets as Record<string, unknown> | undefined;
  return !!f && typeof f === 'object' && ['sdg', 'region', 'area', 'principle', 'actor'].every((k) => isStringList(f[k]));
}
