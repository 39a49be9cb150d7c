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

const FENCE = /^\s{0,3}(```|~~~)/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const FOOTDEF = /^\[\^([^\]\s]+)\]:\s*(.*)$/;
const FOOTREF = /\[\^([^\]\s]+)\](?!:)/g;
const LINK = /\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const URL = /https?:\/\/[^\s<>)\]]+[^\s<>)\].,;:'"]/;

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s+/g, '-');
}

/** Markdown inline syntax → plain words (for search and snippets). */
export function plainInline(line: string): string {
  return line
    .replace(FOOTREF, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[\[(?:[a-z]+:)?([^\]|]+)(?:\|([^\]]+))?\]\]/g, (_m, id: string, label?: string) => label ?? id)
    .replace(/<[^>]+>/g, '')
    .replace(/[*_`~]+/g, '')
    .replace(/^\s*(?:[-+*]|\d+[.)])\s+/, '')
    .replace(/^\s*>\s?/, '')
    .replace(/\|/g, ' ')
    .trim();
}

export function scanMarkdown(body: string, firstLine = 1): Scan {
  const headings: Heading[] = [];
  const sources: Source[] = [];
  const refs = new Map<string, number[]>();
  const links: DocLink[] = [];
  const text: string[] = [];
  let inFence = false;
  const lines = body.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const line = firstLine + i;
    if (FENCE.test(raw)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      text.push(raw);
      continue;
    }
    const def = FOOTDEF.exec(raw);
    if (def) {
      const [, label, rest] = def;
      const url = URL.exec(rest)?.[0] ?? '';
      sources.push({ label, url, text: rest.trim(), secondary: /secondary/i.test(rest), line });
      continue;
    }
    for (const m of raw.matchAll(FOOTREF)) {
      const list = refs.get(m[1]) ?? [];
      list.push(line);
      refs.set(m[1], list);
    }
    for (const m of raw.matchAll(LINK)) links.push({ target: m[1], line });
    const h = HEADING.exec(raw);
    if (h) {
      const title = plainInline(h[2]);
      headings.push({ level: h[1].length, text: title, slug: slugify(title), line });
      text.push(title);
      continue;
    }
    if (/^\s*\|?\s*:?-{3,}/.test(raw)) continue; // table rule
    const plain = plainInline(raw);
    if (plain) text.push(plain);
  }
  return { headings, sources, refs, links, text: text.join('\n') };
}
