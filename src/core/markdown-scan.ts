import { FenceTracker, atxHeading, firstUrl, footnoteDef, footnoteRefs, isTableRule, linkTargets, plainInlineText, splitLines } from './scan';
import type { DocLink, Heading, Source } from './types';

/** Line-level scan of a Markdown body: headings, footnotes, links; skips fenced code. */
export interface Scan {
  headings: Heading[];
  sources: Source[];
  /** Footnote references: label → 1-based lines where used. */
  refs: Map<string, number[]>;
  links: DocLink[];
  text: string;
}

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s+/g, '-');
}

/** Markdown inline syntax → plain words (for search and snippets). Linear time (src/core/scan.ts). */
export function plainInline(line: string): string {
  return plainInlineText(line);
}

/** Headings, footnotes and links of a Markdown body, line by line; fenced code is only text. Linear time. */
export function scanMarkdown(body: string, firstLine = 1): Scan {
  const headings: Heading[] = [];
  const sources: Source[] = [];
  const refs = new Map<string, number[]>();
  const links: DocLink[] = [];
  const text: string[] = [];
  const fences = new FenceTracker();
  const lines = splitLines(body);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const line = firstLine + i;
    const kind = fences.kind(raw);
    if (kind !== 'text') {
      // Fence lines themselves carry no words; the code inside is searchable text.
      if (kind === 'code') text.push(raw);
      continue;
    }
    const def = footnoteDef(raw);
    if (def) {
      const { label, rest } = def;
      sources.push({ label, url: firstUrl(rest) ?? '', text: rest.trim(), secondary: /secondary/i.test(rest), line });
      continue;
    }
    for (const r of footnoteRefs(raw)) {
      const list = refs.get(r.label) ?? [];
      list.push(line);
      refs.set(r.label, list);
    }
    for (const target of linkTargets(raw)) links.push({ target, line });
    const h = atxHeading(raw);
    if (h) {
      const title = plainInline(h.text);
      headings.push({ level: h.level, text: title, slug: slugify(title), line });
      text.push(title);
      continue;
    }
    if (isTableRule(raw)) continue;
    const plain = plainInline(raw);
    if (plain) text.push(plain);
  }
  return { headings, sources, refs, links, text: text.join('\n') };
}
