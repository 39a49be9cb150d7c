import { footnoteRefs } from './scan';
import { plainInline } from './markdown-scan';
import type { KnowledgeDoc } from './types';

/** A passage quoted from a case study, with where it stands and the sources it cites. */
export interface Quote {
  hubId: string;
  hubTitle: string;
  /** The sentence (plain text, citations removed). */
  text: string;
  /** Slug of the heading above it (to open the reader there). */
  anchor?: string;
  /** URLs of the footnotes the sentence cites. */
  sources: string[];
  /** 1-based line in the case study. */
  line: number;
}

/**
 * The first sentence of a hub's case study that contains `find` (case-insensitive), so examples
 * shown to writers are always the knowledge base's own cited words. Undefined when the phrase is
 * no longer in the case study (a unit test keeps every example resolvable).
 */
export function findQuote(docs: KnowledgeDoc[], hubId: string, find: string): Quote | undefined {
  const d = docs.find((x) => x.kind === 'hub' && x.id === hubId);
  if (!d) return undefined;
  const needle = find.toLowerCase();
  for (const block of blocksOf(d)) {
    if (block.inSources) continue;
    const raw = block.text;
    const at = raw.toLowerCase().indexOf(needle);
    if (at < 0) continue;
    const spans = sentenceSpans(raw);
    let i = spans.findIndex(([from, to]) => at >= from && at < to);
    if (i < 0) i = spans.length - 1;
    let sentence = raw.slice(spans[i][0], spans[i][1]);
    // A sentence without its own citation borrows the next one in its paragraph (the knowledge
    // base cites at the end of the claim it supports).
    for (let j = i + 1; j < spans.length && j <= i + 2 && !sentence.includes('[^'); j++) sentence += ` ${raw.slice(spans[j][0], spans[j][1])}`;
    const labels = footnoteRefs(sentence).map((r) => r.label);
    const sources = [...new Set(labels)].map((l) => d.sources.find((s) => s.label === l)?.url).filter((u): u is string => !!u);
    const text = plainInline(sentence.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '')).replace(/\s+/g, ' ').trim();
    if (!text) continue;
    return { hubId: d.id, hubTitle: d.hub?.short_name ?? d.title, text, anchor: block.anchor, sources, line: block.line };
  }
  return undefined;
}

/** A case study's paragraphs and list items (wrapped lines joined), with the heading above each. */
/** Sentence spans: a sentence ends at . ! or ? (and the citations right after it) before a space. */
function sentenceSpans(text: string): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '.' && text[i] !== '!' && text[i] !== '?') continue;
    let j = i + 1;
    while (text[j] === '*' || text[j] === '_') j++; // "**Label.** Text": the label is a sentence of its own
    while (text.startsWith('[^', j)) {
      const close = text.indexOf(']', j);
      if (close < 0) break;
      j = close + 1;
    }
    if (j >= text.length || text[j] === ' ') {
      out.push([start, j]);
      start = j + 1;
      i = j;
    }
  }
  if (start < text.length) out.push([start, text.length]);
  return out;
}

function blocksOf(d: KnowledgeDoc): { text: string; line: number; anchor?: string; inSources: boolean }[] {
  const out: { text: string; line: number; anchor?: string; inSources: boolean }[] = [];
  let anchor: string | undefined;
  let inSources = false;
  let cur: { text: string; line: number; anchor?: string; inSources: boolean } | undefined;
  const lines = d.body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const line = d.bodyLine + i;
    const h = d.headings.find((x) => x.line === line);
    const blank = raw.trim() === '';
    const starts = /^\s*(?:[-*+]|\d+[.)])\s/.test(raw) || raw.startsWith('[^') || raw.startsWith('|');
    if (h || blank || starts) {
      if (cur) out.push(cur);
      cur = undefined;
    }
    if (h) {
      anchor = h.slug;
      inSources = h.text === 'Sources';
      continue;
    }
    if (blank || raw.startsWith('[^') || raw.startsWith('|')) continue;
    if (cur) cur.text += ` ${raw.trim()}`;
    else cur = { text: raw.trim(), line, anchor, inSources };
  }
  if (cur) out.push(cur);
  return out;
}
