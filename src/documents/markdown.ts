import MarkdownIt from 'markdown-it';
import { FrontMatterError, splitFrontMatter } from '../core/frontmatter';

/**
 * The writer's Markdown document as blocks with file lines, parsed once with markdown-it (the
 * same parser the reader and the export use). Checks, the Charter Guide and the recognisers read
 * this model; none of them scans the raw text with regular expressions.
 */

export type BlockType = 'heading' | 'paragraph' | 'item' | 'table' | 'code' | 'html';

export interface Block {
  type: BlockType;
  /** Plain text of the block's inline content (emphasis, links and code reduced to their text). */
  text: string;
  /** The block's Markdown source (first line of it for long blocks is enough for prompts). */
  raw: string;
  /** 1-based file lines. */
  line: number;
  endLine: number;
  /** Heading level (1–6), or list depth (1 = top-level item). */
  level: number;
  /** Inside a `>` block quote (the templates' guidance). */
  quoted: boolean;
  /** The whole inline content is emphasised (`*…*`): the templates' prompts. */
  emphasised: boolean;
  /** For tables: the rows (header first) as cell texts. */
  rows?: string[][];
  /** For list items: whether the list is ordered. */
  ordered?: boolean;
}

export interface Section {
  /** The heading that opens the section (none for the text before the first heading). */
  heading?: Block;
  /** Heading level (0 before the first heading). */
  level: number;
  /** Blocks up to the next heading of any level. */
  blocks: Block[];
  line: number;
  endLine: number;
}

export interface MdDoc {
  /** Front-matter data (empty when there is none or it is invalid). */
  data: Record<string, unknown>;
  frontMatterError?: { line: number; message: string };
  hasFrontMatter: boolean;
  /** 1-based line where the body starts. */
  bodyLine: number;
  blocks: Block[];
  sections: Section[];
  lineCount: number;
}

const md = new MarkdownIt({ html: false, linkify: false });

type Token = ReturnType<typeof md.parse>[number];

/** Plain text of an inline token's children. */
function inlineText(t: Token | undefined): string {
  if (!t?.children) return t?.content ?? '';
  let out = '';
  for (const c of t.children) {
    if (c.type === 'text' || c.type === 'code_inline') out += c.content;
    else if (c.type === 'softbreak' || c.type === 'hardbreak') out += ' ';
    else if (c.type === 'image') out += c.content;
  }
  return out;
}

/** Whether an inline token is wholly emphasised: `*prompt*` or `_prompt_`. */
function wholeEmphasis(t: Token | undefined): boolean {
  const ch = t?.children ?? [];
  return ch.length >= 3 && ch[0].type === 'em_open' && ch[ch.length - 1].type === 'em_close';
}

export function parseMarkdown(text: string): MdDoc {
  let data: Record<string, unknown> = {};
  let body = text;
  let bodyLine = 1;
  let hasFrontMatter = false;
  let frontMatterError: MdDoc['frontMatterError'];
  try {
    const fm = splitFrontMatter(text);
    data = fm.data;
    body = fm.body;
    bodyLine = fm.bodyLine;
    hasFrontMatter = fm.hasFrontMatter;
  } catch (e) {
    frontMatterError = { line: e instanceof FrontMatterError ? e.line : 1, message: e instanceof Error ? e.message : String(e) };
    // Keep checking the body: skip the (broken) front-matter block if it is closed.
    const lines = text.split('\n');
    if (lines[0]?.startsWith('---')) {
      const close = lines.findIndex((l, i) => i > 0 && /^---\s*$/.test(l));
      if (close > 0) {
        body = lines.slice(close + 1).join('\n');
        bodyLine = close + 2;
      }
    }
  }
  const lines = body.split('\n');
  const tokens = md.parse(body, {});
  const blocks: Block[] = [];
  let quoteDepth = 0;
  const lists: boolean[] = [];
  let itemDepth = 0;
  const pendingItems: { depth: number; ordered: boolean }[] = [];
  const lineOf = (m: [number, number] | null | undefined) => bodyLine + (m?.[0] ?? 0);
  const endOf = (m: [number, number] | null | undefined) => bodyLine + Math.max(0, (m?.[1] ?? 1) - 1);
  const rawOf = (m: [number, number] | null | undefined) => (m ? lines.slice(m[0], m[1]).join('\n') : '');
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    switch (t.type) {
      case 'blockquote_open':
        quoteDepth++;
        break;
      case 'blockquote_close':
        quoteDepth--;
        break;
      case 'bullet_list_open':
      case 'ordered_list_open':
        lists.push(t.type === 'ordered_list_open');
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        break;
      case 'list_item_open':
        itemDepth++;
        pendingItems.push({ depth: lists.length, ordered: lists[lists.length - 1] ?? false });
        break;
      case 'list_item_close':
        itemDepth--;
        pendingItems.pop();
        break;
      case 'heading_open': {
        const inline = tokens[i + 1];
        blocks.push({ type: 'heading', text: inlineText(inline).trim(), raw: rawOf(t.map), line: lineOf(t.map), endLine: endOf(t.map), level: Number(t.tag.slice(1)), quoted: quoteDepth > 0, emphasised: false });
        break;
      }
      case 'paragraph_open': {
        const inline = tokens[i + 1];
        const item = pendingItems[pendingItems.length - 1];
        // The first paragraph of a list item is the item; later ones are paragraphs inside it.
        const isItem = itemDepth > 0 && item && tokens[i - 1]?.type === 'list_item_open';
        blocks.push({
          type: isItem ? 'item' : 'paragraph',
          text: inlineText(inline).trim(),
          raw: rawOf(t.map),
          line: lineOf(t.map),
          endLine: endOf(t.map),
          level: isItem ? item.depth : 0,
          quoted: quoteDepth > 0,
          emphasised: wholeEmphasis(inline),
          ordered: isItem ? item.ordered : undefined,
        });
        break;
      }
      case 'table_open': {
        const rows: string[][] = [];
        let row: string[] | undefined;
        let j = i + 1;
        for (; j < tokens.length && tokens[j].type !== 'table_close'; j++) {
          const c = tokens[j];
          if (c.type === 'tr_open') row = [];
          else if (c.type === 'tr_close' && row) rows.push(row);
          else if (c.type === 'inline' && row) row.push(inlineText(c).trim());
        }
        blocks.push({ type: 'table', text: rows.map((r) => r.join(' | ')).join('\n'), raw: rawOf(t.map), line: lineOf(t.map), endLine: endOf(t.map), level: 0, quoted: quoteDepth > 0, emphasised: false, rows });
        i = j;
        break;
      }
      case 'fence':
      case 'code_block':
        blocks.push({ type: 'code', text: t.content, raw: rawOf(t.map), line: lineOf(t.map), endLine: endOf(t.map), level: 0, quoted: quoteDepth > 0, emphasised: false });
        break;
      case 'html_block':
        blocks.push({ type: 'html', text: t.content, raw: rawOf(t.map), line: lineOf(t.map), endLine: endOf(t.map), level: 0, quoted: quoteDepth > 0, emphasised: false });
        break;
      default:
        break;
    }
  }
  const lineCount = text.split('\n').length;
  const sections: Section[] = [];
  let cur: Section = { level: 0, blocks: [], line: bodyLine, endLine: lineCount };
  for (const b of blocks) {
    if (b.type === 'heading' && !b.quoted) {
      cur.endLine = b.line - 1;
      if (cur.heading || cur.blocks.length) sections.push(cur);
      cur = { heading: b, level: b.level, blocks: [], line: b.line, endLine: lineCount };
    } else {
      cur.blocks.push(b);
    }
  }
  cur.endLine = lineCount;
  if (cur.heading || cur.blocks.length) sections.push(cur);
  return { data, frontMatterError, hasFrontMatter, bodyLine, blocks, sections, lineCount };
}

/** The sections a heading owns: itself and every deeper section up to the next heading of its level or higher. */
export function sectionSpan(doc: MdDoc, index: number): Section[] {
  const first = doc.sections[index];
  const out = [first];
  for (let i = index + 1; i < doc.sections.length; i++) {
    const s = doc.sections[i];
    if (s.level <= first.level) break;
    out.push(s);
  }
  return out;
}

/**
 * A heading's words without numbering: "5.2 Voting", "Article 7 — Dissolution", "§ 3. Term" and
 * "III. Members" all become the words after the number.
 */
export function headingWords(text: string): string {
  const lower = text.toLowerCase().normalize('NFKD');
  const words = lower.match(/[\p{L}\p{N}]+/gu) ?? [];
  let i = 0;
  if (words[i] === 'article' || words[i] === 'section' || words[i] === 'clause' || words[i] === 'part' || words[i] === 'chapter' || words[i] === 'annex') i++;
  while (i < words.length && (/^\d+$/.test(words[i]) || /^[ivxlc]+$/.test(words[i]) || (words[i].length === 1 && i + 1 < words.length))) i++;
  return words.slice(i).join(' ');
}
