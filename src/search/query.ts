/**
 * Turns anything a person types into a safe, structured query. lunr's own query parser throws
 * QueryParseError on `:`, `~`, `^`, `+`, `-`, `*` and unknown fields, so user text never reaches
 * it: we tokenise ourselves and build clauses with `index.query()`.
 */

export const MAX_QUERY_CHARS = 500;
export const MAX_TERMS = 12;
export const MAX_TERM_CHARS = 40;

export type FilterKey = 'kind' | 'sdg' | 'principle' | 'region' | 'area' | 'actor';

export interface ParsedQuery {
  /** Lower-case words, in order, deduplicated. */
  terms: string[];
  filters: Partial<Record<FilterKey, string[]>>;
  /** True when input was cut to the limits above. */
  truncated: boolean;
}

const FILTER_ALIASES: Record<string, FilterKey> = {
  kind: 'kind',
  type: 'kind',
  is: 'kind',
  sdg: 'sdg',
  principle: 'principle',
  region: 'region',
  area: 'area',
  issue: 'area',
  actor: 'actor',
};

const KIND_ALIASES: Record<string, string> = {
  hub: 'hub', hubs: 'hub', case: 'hub', cases: 'hub',
  principle: 'principle', principles: 'principle',
  framework: 'framework', frameworks: 'framework',
  note: 'note', notes: 'note', own: 'note', mine: 'note',
};

/** `kind:hub sdg:3 principle:narrow-goal` — only known keys are filters; `Gavi: vaccines` is text. */
const FILTER = /(^|\s)([a-z]+):([a-z0-9][a-z0-9-]*)(?=\s|$)/gi;
const WORD = /[\p{L}\p{N}]+(?:[.'’][\p{L}\p{N}]+)*/gu;

export function parseQuery(input: unknown): ParsedQuery {
  let text = typeof input === 'string' ? input : '';
  let truncated = false;
  if (text.length > MAX_QUERY_CHARS) {
    text = text.slice(0, MAX_QUERY_CHARS);
    truncated = true;
  }
  const filters: ParsedQuery['filters'] = {};
  text = text.replace(FILTER, (whole, lead: string, rawKey: string, rawValue: string) => {
    const key = FILTER_ALIASES[rawKey.toLowerCase()];
    if (!key) return whole;
    let value = rawValue.toLowerCase();
    if (key === 'kind') {
      const k = KIND_ALIASES[value];
      if (!k) return whole;
      value = k;
    }
    if (key === 'sdg' && !/^(?:[1-9]|1[0-7])$/.test(value)) return whole;
    (filters[key] ??= []).push(value);
    return lead;
  });
  const terms: string[] = [];
  for (const m of text.toLowerCase().normalize('NFKC').matchAll(WORD)) {
    let t = m[0].replace(/[’']/g, '').replace(/\./g, '');
    if (!t) continue;
    if (t.length > MAX_TERM_CHARS) {
      t = t.slice(0, MAX_TERM_CHARS);
      truncated = true;
    }
    if (!terms.includes(t)) terms.push(t);
    if (terms.length >= MAX_TERMS) {
      truncated = truncated || m.index + m[0].length < text.length;
      break;
    }
  }
  return { terms, filters, truncated };
}
