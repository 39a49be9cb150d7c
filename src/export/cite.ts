/**
 * Citations of knowledge-base pages in an exported document: the footnote a `[[hub:gavi]]`
 * reference becomes, and the entry in the References section. The credit follows
 * LICENSE-knowledge.md: title, "Impact Hubs knowledge base", path, last reviewed, CC BY 4.0.
 */
import { trimTrailing } from '../core/scan';
import { KINDS } from '../core/kinds';
import type { DocKind, KnowledgeDoc } from '../core/types';
import type { KnowledgeStore } from '../store/knowledge-store';
import type { Block, CitedDoc, Inline, Marks, RefResolver } from './model';

/** How many of a page's sources a citation lists. */
export const MAIN_SOURCES = 3;

/**
 * A page's main sources: for a case study, those behind its key facts (goal, founding,
 * governance, funding, legal form) first; then the page's footnotes in order. Primary sources
 * before secondary ones; only sources with a URL.
 */
export function mainSources(d: Pick<KnowledgeDoc, 'hub' | 'sources'>, max = MAIN_SOURCES): { text: string; url: string }[] {
  const h = d.hub;
  const labels = [
    ...(h ? [h.goal?.src, h.founded?.src, h.governance?.src, h.funding?.src, h.legal_form?.src].flatMap((s) => s ?? []) : []),
    ...d.sources.map((s) => s.label),
  ];
  const seen = new Set<string>();
  const ordered = labels.flatMap((l) => {
    if (seen.has(l)) return [];
    seen.add(l);
    const s = d.sources.find((x) => x.label === l);
    return s && s.url ? [s] : [];
  });
  const primary = ordered.filter((s) => !s.secondary);
  return (primary.length ? primary : ordered).slice(0, max).map((s) => ({ text: s.text, url: s.url }));
}

export function citedDoc(d: KnowledgeDoc, year?: string): CitedDoc {
  const bundled = d.origin === 'bundled';
  return {
    key: `${d.kind}:${d.id}`,
    kind: d.kind,
    id: d.id,
    title: d.title,
    what: KINDS[d.kind].citeAs,
    path: bundled ? `knowledge/${d.path}` : d.path,
    bundled,
    lastReviewed: d.hub?.last_reviewed,
    year,
    website: d.hub?.website,
    sources: mainSources(d),
  };
}

/**
 * The resolver the extension and the CLI both use: bundled pages first, then the writer's own
 * knowledge documents (cited by their workspace path, without the knowledge base's licence).
 */
export function storeResolver(store: Pick<KnowledgeStore, 'byRef' | 'ownRef' | 'bundle'>, displayPath: (path: string) => string = (p) => p): RefResolver {
  const year = store.bundle?.builtAt?.slice(0, 4);
  return (kind: DocKind, id: string) => {
    const d = store.byRef(kind, id);
    if (d) return citedDoc(d, year);
    const own = store.ownRef(kind, id);
    if (!own) return undefined;
    return { key: `${kind}:${id}`, kind, id, title: own.title, what: KINDS[kind].citeAs, path: displayPath(own.path), bundled: false, sources: [] };
  };
}

const URL_IN_TEXT = /https?:\/\/[^\s<>"]+/g;
const TRAILING = new Set(['.', ',', ';', ':', ')', ']', "'", '"']);

/** A URL without the sentence punctuation that follows it (a loop, not a backtracking regex). */
function trimUrl(url: string): string {
  let end = url.length;
  while (end > 0 && TRAILING.has(url[end - 1])) end--;
  return url.slice(0, end);
}

/** Plain text with its http(s) URLs as links. */
export function linkified(text: string, marks: Marks = {}): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_IN_TEXT)) {
    const url = trimUrl(m[0]);
    if (!url) continue;
    if (m.index > last) out.push({ type: 'text', text: text.slice(last, m.index), marks });
    out.push({ type: 'link', href: url, children: [{ type: 'text', text: url, marks }] });
    last = m.index + url.length;
  }
  if (last < text.length) out.push({ type: 'text', text: text.slice(last), marks });
  return out;
}

const t = (text: string, marks = {}): Inline => ({ type: 'text', text, marks });

/** "Impact Hubs knowledge base (2026), knowledge/hubs/gavi.md, last reviewed 2026-01-30. CC BY 4.0." */
function where(d: CitedDoc): string {
  if (!d.bundled) return `own ${d.what}, ${d.path}.`;
  return `${d.what}, Impact Hubs knowledge base${d.year ? ` (${d.year})` : ''}, ${d.path}${d.lastReviewed ? `, last reviewed ${d.lastReviewed}` : ''}. CC BY 4.0.`;
}

/** The footnote for the first citation of a page: credit and main sources. */
export function firstCitation(d: CitedDoc): Inline[] {
  const out: Inline[] = [t(`“${d.title}”, ${where(d)}`)];
  if (d.sources.length) {
    out.push(t(' Main sources: '));
    d.sources.forEach((s, i) => {
      out.push(...linkified(trimTrailing(s.text, ' \t\n.')));
      out.push(t(i < d.sources.length - 1 ? '; ' : '.'));
    });
  }
  return out;
}

/** The footnote for a later citation of the same page. */
export function laterCitation(d: CitedDoc, firstNote: number): Inline[] {
  return [t(`“${d.title}”, ${d.bundled ? 'Impact Hubs knowledge base' : d.path}; see note ${firstNote} and References.`)];
}

/** The References section: one entry per page cited, in alphabetical order of title. */
export function referencesBlocks(refs: CitedDoc[]): Block[] {
  if (refs.length === 0) return [];
  const sorted = [...refs].sort((a, b) => a.title.localeCompare(b.title));
  const items: Block[][] = sorted.map((d) => {
    const head: Inline[] = [t(d.title, { bold: true }), t(`. ${capital(where(d))}`)];
    if (d.website) head.push(t(' Website: '), ...linkified(d.website), t('.'));
    const item: Block[] = [{ type: 'paragraph', children: head }];
    if (d.sources.length) item.push({ type: 'list', ordered: false, start: 1, items: d.sources.map((s) => [{ type: 'paragraph', children: linkified(s.text) }]) });
    return item;
  });
  return [
    { type: 'heading', level: 1, children: [t('References')], anchor: 'kb-references', line: 0 },
    {
      type: 'paragraph',
      children: linkified('Pages of the Impact Hubs knowledge base cited in this document, with their main sources. The knowledge base text is licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/); cited works keep their own terms.'),
    },
    { type: 'list', ordered: false, start: 1, items },
  ];
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
