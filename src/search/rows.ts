import { KINDS } from '../core/kinds';
import type { DocKind } from '../core/types';
import { ISSUE_CATEGORIES, REGIONS, SDG_NAMES } from '../core/vocab';
import type { SearchDoc } from './doc';
import type { SearchResult } from './engine';
import { parseQuery } from './query';

/** Plain-data rows for the search QuickPick (the adapter adds icons and buttons). */
export interface SearchRow {
  kind: 'separator' | 'item' | 'message';
  label: string;
  key?: string;
  docKind?: DocKind;
  description?: string;
  detail?: string;
}

export function describeDoc(d: Pick<SearchDoc, 'kind' | 'facets' | 'origin'>, extra?: string): string {
  const parts: string[] = [KINDS[d.kind].label];
  if (d.origin === 'workspace' && d.kind !== 'note') parts.push('own');
  const area = d.facets.area[0];
  if (area) parts.push(ISSUE_CATEGORIES[area] ?? area);
  if (d.facets.region.length) parts.push(d.facets.region.map((r) => REGIONS[r] ?? r).slice(0, 3).join(', '));
  if (extra) parts.push(extra);
  return parts.join(' · ');
}

/**
 * Builds the rows for a query: with no words, everything grouped by kind (filters still apply);
 * with words, ranked results with a snippet.
 */
export function searchRows(query: string, results: SearchResult[], docOf: (key: string) => SearchDoc | undefined): SearchRow[] {
  const parsed = parseQuery(query);
  if (results.length === 0) {
    return [{ kind: 'message', label: parsed.terms.length ? `No matches for "${parsed.terms.join(' ')}"` : 'Nothing matches these filters', detail: 'Try fewer words, a prefix (homeless…), or remove a filter such as kind:hub.' }];
  }
  const rows: SearchRow[] = [];
  const grouped = parsed.terms.length === 0;
  let group: DocKind | undefined;
  for (const r of results) {
    const d = docOf(r.ref);
    if (grouped && r.kind !== group) {
      group = r.kind;
      rows.push({ kind: 'separator', label: KINDS[r.kind].plural });
    }
    rows.push({
      kind: 'item',
      label: r.title,
      key: r.ref,
      docKind: r.kind,
      description: d ? describeDoc(d) : KINDS[r.kind].label,
      detail: r.snippet,
    });
  }
  return rows;
}

/** Short enough to show whole in the search box next to its two buttons. */
export const SEARCH_PLACEHOLDER = 'Words, acronyms, or filters such as kind:hub sdg:3';

/** The search box's title, with how many documents match (`total`) and how many are listed. */
export function searchTitle(query: string, total: number, pending = false): string {
  const parsed = parseQuery(query);
  const what = parsed.terms.length === 0 && Object.keys(parsed.filters).length === 0 ? `${total} document${total === 1 ? '' : 's'}` : total === 0 ? 'no results' : `${total} result${total === 1 ? '' : 's'}`;
  return `Search the Impact Hubs knowledge base — ${what}${pending ? ' (adding your documents…)' : ''}`;
}

/**
 * Search follows the keys: each keystroke updates the list at once. Only searching a large folder
 * of own documents can take longer than a frame; above this many own documents the bundled
 * results show at once and the own documents join them after a short pause in typing.
 */
export const DEFER_OWN_ABOVE = 500;
export const OWN_DEBOUNCE_MS = 120;

export function deferOwnSearch(ownDocuments: number): boolean {
  return ownDocuments > DEFER_OWN_ABOVE;
}

/** The query after picking a filter: the filter first, then everything typed so far (kept). */
export function withFilter(query: string, token: string): string {
  const rest = query.trim();
  if (rest.split(/\s+/).includes(token)) return `${rest} `;
  return `${token} ${rest}`.trim() + ' ';
}

/** Filters offered by the QuickPick's filter button, as query tokens. */
export function filterChoices(docs: SearchDoc[], principleTitles: Record<string, string>): { token: string; label: string; group: string }[] {
  const out: { token: string; label: string; group: string }[] = [
    { token: 'kind:hub', label: 'Only hubs (case studies)', group: 'Kind' },
    { token: 'kind:principle', label: 'Only design principles', group: 'Kind' },
    { token: 'kind:framework', label: 'Only frameworks', group: 'Kind' },
    { token: 'kind:note', label: 'Only own documents', group: 'Kind' },
  ];
  const sdgs = new Set<string>();
  const areas = new Set<string>();
  const regions = new Set<string>();
  for (const d of docs) {
    d.facets.sdg.forEach((s) => sdgs.add(s));
    d.facets.area.forEach((s) => areas.add(s));
    d.facets.region.forEach((s) => regions.add(s));
  }
  for (const s of [...sdgs].sort((a, b) => Number(a) - Number(b))) out.push({ token: `sdg:${s}`, label: `SDG ${s}: ${SDG_NAMES[Number(s)] ?? ''}`, group: 'SDG' });
  for (const a of [...areas].sort()) out.push({ token: `area:${a}`, label: ISSUE_CATEGORIES[a] ?? a, group: 'Issue area' });
  for (const r of [...regions].sort()) out.push({ token: `region:${r}`, label: REGIONS[r] ?? r, group: 'Region' });
  for (const [id, title] of Object.entries(principleTitles)) out.push({ token: `principle:${id}`, label: title, group: 'Design principle (hubs that show it at least partly)' });
  return out;
}
