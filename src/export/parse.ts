/**
 * Markdown → export document model, with markdown-it (the parse the reader and the checks use),
 * markdown-it-footnote and the `[[kind:id]]` reference rule from src/core/refs.ts. One pass over
 * the tokens: linear in the document's length.
 */
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import footnote from 'markdown-it-footnote';
import { FrontMatterError, splitFrontMatter } from '../core/frontmatter';
import { findSections } from '../core/authoring';
import { slugify } from '../core/markdown-scan';
import { LANDSCAPE_MAP, CHARTER, THEORY_OF_CHANGE, type Outline } from '../core/outlines';
import { refsPlugin } from '../core/refs';
import type { DocKind } from '../core/types';
import { firstCitation, laterCitation } from './cite';
import { extrasFor, type Rasterise } from './extras';
import type { Align, Block, CitedDoc, ExportDoc, ExportExtras, ExportReport, Inline, Marks, Note, Placeholder, RefResolver, TitleMeta } from './model';
import { plainText } from './model';
import { DOC_TYPE_LABELS } from './doc-type';

export class ExportError extends Error {
  constructor(
    message: string,
    /** 1-based line in the file, when the problem has one. */
    readonly line?: number,
  ) {
    super(message);
  }
}

export interface PrepareOptions {
  resolve: RefResolver;
  /** Figures and tables to add (default: what `extrasFor` in extras.ts finds for the document type). */
  extras?: ExportExtras;
  /** SVG → PNG where the host can rasterise (the CLI, the desktop app): Word files carry both. */
  rasterise?: Rasterise;
  /** The export date (YYYY-MM-DD), shown when the front matter has no date. */
  today?: string;
  /** The file name, the title of last resort. */
  fileName?: string;
  /** Keep the template's guidance block quotes (`> **Purpose:** …`); default: leave them out. */
  keepGuidance?: boolean;
}

const OUTLINES: Readonly<Record<string, Outline>> = { 'hub-charter': CHARTER, 'theory-of-change': THEORY_OF_CHANGE, 'landscape-map': LANDSCAPE_MAP };

/** Every template prompt (the italic line under each outline heading), whitespace-normalised. */
const PROMPTS = new Set([...CHARTER.sections, ...THEORY_OF_CHANGE.sections, ...LANDSCAPE_MAP.sections].map((s) => norm(s.placeholder)));
/** A VS Code snippet tab stop or choice left in the text: `${1:party}`, `${4|a,b|}`. */
const SNIPPET_STOP = /\$\{\d+[:|}]/;
/** The first line of a guidance block quote that the templates and Insert Section write. */
const GUIDANCE = /^\s{0,3}>\s?(?:\*\*Purpose:\*\*|Drafted with Impact Hubs from the )/;

function norm(s: string): string {
  return s.replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, ' ').trim();
}

type Md = InstanceType<typeof MarkdownIt>;
let md: Md | undefined;
let activeResolve: RefResolver = () => undefined;

function parser(): Md {
  if (md) return md;
  md = new MarkdownIt({ html: false, linkify: true, typographer: false });
  md.use(footnote);
  refsPlugin(md, (kind: DocKind, id: string) => {
    const d = activeResolve(kind, id);
    return d ? { href: '#', title: d.title, attrs: { 'data-ref': d.key } } : undefined;
  });
  return md;
}

function str(v: unknown): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v).trim() || undefined;
  return undefined;
}

/** Reads the document into the export model. Throws ExportError for front matter that is not data. */
export function prepareExport(text: string, o: PrepareOptions): ExportDoc {
  let split;
  try {
    split = splitFrontMatter(text);
  } catch (e) {
    if (e instanceof FrontMatterError) throw new ExportError(`front matter: ${e.message}`, e.line);
    throw new ExportError(`front matter: ${e instanceof Error ? e.message : String(e)}`, 1);
  }
  const fm = split.data;
  const type = str(fm.type);
  const meta: TitleMeta = {
    title: '',
    hub: str(fm.hub) ?? str(fm.name),
    type,
    typeLabel: type ? (DOC_TYPE_LABELS[type] ?? type.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase())) : undefined,
    version: str(fm.version),
    status: str(fm.status),
    date: str(fm.date) ?? str(fm.updated) ?? str(fm.created) ?? o.today,
  };
  // Each page is resolved once per export, however often it is cited.
  const seen = new Map<string, CitedDoc | undefined>();
  const resolve: RefResolver = (kind, id) => {
    const key = `${kind}:${id}`;
    if (!seen.has(key)) seen.set(key, o.resolve(kind, id));
    return seen.get(key);
  };
  const walker = new Walker(split.body, split.bodyLine, { ...o, resolve });
  activeResolve = resolve;
  let tokens: Token[];
  try {
    tokens = parser().parse(split.body, {});
  } finally {
    activeResolve = () => undefined;
  }
  let blocks = walker.run(tokens);
  // The document's own H1 is the title page's title.
  if (blocks[0]?.type === 'heading' && blocks[0].level === 1) {
    meta.title = plainText(blocks[0].children);
    blocks = blocks.slice(1);
  }
  meta.title ||= str(fm.title) ?? [meta.hub, meta.typeLabel].filter(Boolean).join(' — ') ?? '';
  meta.title ||= o.fileName?.replace(/\.[^.]+$/, '') || 'Document';
  // Word's Heading 1 is the top section level: the body's highest heading becomes Heading 1.
  const min = Math.min(7, ...walkHeadings(blocks).map((h) => h.level));
  if (min > 1 && min < 7) for (const h of walkHeadings(blocks)) h.level -= min - 1;
  blocks = placeExtras(blocks, o.extras ?? extrasFor(type, split.body, o.rasterise), OUTLINES[type ?? ''], split.body, split.bodyLine);
  return { meta, blocks, notes: walker.notes, references: walker.references, report: walker.report() };
}

function walkHeadings(blocks: Block[]): Extract<Block, { type: 'heading' }>[] {
  return blocks.filter((b): b is Extract<Block, { type: 'heading' }> => b.type === 'heading');
}

/** Puts the extras (diagram, results framework, …) after their outline sections, or at the end. */
function placeExtras(blocks: Block[], extras: ExportExtras | undefined, outline: Outline | undefined, body: string, bodyLine: number): Block[] {
  const items: { after?: string; blocks: Block[] }[] = [
    ...(extras?.figures ?? []).map((f) => ({ after: f.after, blocks: [{ type: 'figure', figure: f } as Block] })),
    ...(extras?.tables ?? []).map((t) => ({ after: t.after, blocks: [{ type: 'data-table', table: t } as Block] })),
  ];
  if (items.length === 0) return blocks;
  const out = [...blocks];
  const sections = outline ? findSections(body, outline) : [];
  const atEnd: Block[] = [];
  for (const item of items) {
    const found = item.after ? sections.find((s) => s.id === item.after) : undefined;
    const at = found ? out.findIndex((b) => b.type === 'heading' && b.line === bodyLine + found.line) : -1;
    if (at < 0) {
      atEnd.push(...item.blocks);
      continue;
    }
    const level = (out[at] as Extract<Block, { type: 'heading' }>).level;
    let end = out.findIndex((b, i) => i > at && b.type === 'heading' && b.level <= level);
    if (end < 0) end = out.length;
    out.splice(end, 0, ...item.blocks);
  }
  return [...out, ...atEnd];
}

/** Walks markdown-it's token stream once, building blocks, notes, references and the report. */
class Walker {
  readonly notes: Note[] = [];
  readonly references: CitedDoc[] = [];
  private readonly firstNote = new Map<string, number>();
  private readonly placeholders: Placeholder[] = [];
  private readonly unknown: { ref: string; line: number }[] = [];
  private guidance = 0;
  private images = 0;
  private section = '';
  private line = 1;
  /** Author footnote definitions by markdown-it-footnote's id: their tokens. */
  private readonly defs = new Map<number, Token[]>();
  private readonly lines: string[];
  private readonly usedAnchors = new Set<string>();

  constructor(
    body: string,
    private readonly bodyLine: number,
    private readonly o: PrepareOptions,
  ) {
    this.lines = body.split('\n');
  }

  run(tokens: Token[]): Block[] {
    // Footnote definitions come last in the stream; read them first so references can use them.
    const fb = tokens.findIndex((t) => t.type === 'footnote_block_open');
    const main = fb < 0 ? tokens : tokens.slice(0, fb);
    if (fb >= 0) {
      let id = -1;
      for (let i = fb + 1; i < tokens.length; i++) {
        const t = tokens[i];
        if (t.type === 'footnote_open') {
          id = (t.meta as { id: number }).id;
          this.defs.set(id, []);
        } else if (t.type === 'footnote_close') id = -1;
        else if (id >= 0 && t.type !== 'footnote_anchor') this.defs.get(id)!.push(t);
      }
    }
    return this.blocks(main, 0, main.length, false);
  }

  report(): ExportReport {
    const sections: string[] = [];
    for (const p of this.placeholders) if (!sections.includes(p.section)) sections.push(p.section);
    return { placeholders: this.placeholders, placeholderSections: sections, guidanceDropped: this.guidance, unknownRefs: this.unknown, imagesAsText: this.images };
  }

  private at(t: Token): void {
    if (t.map) this.line = this.bodyLine + t.map[0];
  }

  /** The index of the token closing the one at `i` (same nesting level). */
  private close(tokens: Token[], i: number): number {
    const level = tokens[i].level;
    const type = tokens[i].type.replace(/_open$/, '_close');
    for (let j = i + 1; j < tokens.length; j++) if (tokens[j].type === type && tokens[j].level === level) return j;
    return tokens.length - 1;
  }

  private blocks(tokens: Token[], from: number, to: number, inNote: boolean): Block[] {
    const out: Block[] = [];
    for (let i = from; i < to; i++) {
      const t = tokens[i];
      this.at(t);
      switch (t.type) {
        case 'heading_open': {
          const inline = tokens[i + 1];
          const children = this.inline(inline?.children ?? [], { inHeading: true, inNote });
          const text = plainText(children);
          this.section = text;
          out.push({ type: 'heading', level: Number(t.tag.slice(1)) || 1, children, anchor: this.anchor(text), line: this.line });
          i = this.close(tokens, i);
          break;
        }
        case 'paragraph_open': {
          const inline = tokens[i + 1];
          const kids = inline?.children ?? [];
          this.checkPrompt(kids);
          out.push({ type: 'paragraph', children: this.inline(kids, { inNote }) });
          i = this.close(tokens, i);
          break;
        }
        case 'bullet_list_open':
        case 'ordered_list_open': {
          const end = this.close(tokens, i);
          const items: Block[][] = [];
          for (let j = i + 1; j < end; j++) {
            if (tokens[j].type !== 'list_item_open') continue;
            const itemEnd = this.close(tokens, j);
            items.push(this.blocks(tokens, j + 1, itemEnd, inNote));
            j = itemEnd;
          }
          const start = Number(t.attrGet('start') ?? 1);
          out.push({ type: 'list', ordered: t.type === 'ordered_list_open', start: Number.isFinite(start) ? start : 1, items });
          i = end;
          break;
        }
        case 'blockquote_open': {
          const end = this.close(tokens, i);
          if (!this.o.keepGuidance && t.map && GUIDANCE.test(this.lines[t.map[0]] ?? '')) {
            this.guidance++;
          } else {
            out.push({ type: 'quote', children: this.blocks(tokens, i + 1, end, inNote) });
          }
          i = end;
          break;
        }
        case 'fence':
        case 'code_block':
          out.push({ type: 'code', text: t.content.replace(/\n$/, '') });
          break;
        case 'hr':
          out.push({ type: 'rule' });
          break;
        case 'table_open': {
          const end = this.close(tokens, i);
          out.push(this.table(tokens, i, end, inNote));
          i = end;
          break;
        }
        default:
          break; // html_block cannot occur (html: false); anything else carries no content
      }
    }
    return out;
  }

  private table(tokens: Token[], from: number, to: number, inNote: boolean): Block {
    const align: Align[] = [];
    const head: Inline[][] = [];
    const rows: Inline[][][] = [];
    let row: Inline[][] | undefined;
    let inHead = false;
    for (let i = from + 1; i < to; i++) {
      const t = tokens[i];
      this.at(t);
      if (t.type === 'thead_open') inHead = true;
      else if (t.type === 'thead_close') inHead = false;
      else if (t.type === 'tr_open') row = [];
      else if (t.type === 'tr_close' && row) {
        if (!inHead) rows.push(row);
        row = undefined;
      } else if (t.type === 'th_open' || t.type === 'td_open') {
        const style = String(t.attrGet('style') ?? '');
        const a: Align = style.includes('center') ? 'center' : style.includes('right') ? 'right' : style.includes('left') ? 'left' : undefined;
        const kids = tokens[i + 1]?.type === 'inline' ? (tokens[i + 1].children ?? []) : [];
        this.checkPrompt(kids);
        const cell = this.inline(kids, { inNote });
        if (inHead) {
          align.push(a);
          head.push(cell);
        } else row?.push(cell);
        i = this.close(tokens, i);
      }
    }
    return { type: 'table', align, head, rows };
  }

  private anchor(text: string): string {
    const base = slugify(text) || 'section';
    let a = base;
    for (let n = 1; this.usedAnchors.has(a); n++) a = `${base}-${n}`;
    this.usedAnchors.add(a);
    return a;
  }

  /** Template prompts: a paragraph that is one italic span holding an outline prompt or `<…>` slots. */
  private checkPrompt(kids: Token[]): void {
    let breaks = 0;
    for (const k of kids) {
      if (k.type === 'softbreak' || k.type === 'hardbreak') breaks++;
      if (k.type === 'text' && SNIPPET_STOP.test(k.content)) {
        this.placeholders.push({ kind: 'snippet-stop', line: this.line + breaks, section: this.section, text: k.content.trim() });
        break;
      }
    }
    if (kids.length < 3 || kids[0].type !== 'em_open' || kids[kids.length - 1].type !== 'em_close') return;
    // The opening em must close only at the end.
    let depth = 0;
    for (let i = 0; i < kids.length - 1; i++) {
      if (kids[i].type === 'em_open') depth++;
      else if (kids[i].type === 'em_close') depth--;
      if (depth === 0) return;
    }
    const text = kids
      .slice(1, -1)
      .map((k) => (k.type === 'softbreak' ? ' ' : k.content))
      .join('');
    const n = norm(text);
    if (PROMPTS.has(n) || (n.includes('<') && n.includes('>'))) this.placeholders.push({ kind: 'prompt', line: this.line, section: this.section, text: n });
  }

  private inline(kids: Token[], ctx: { inHeading?: boolean; inNote: boolean }): Inline[] {
    const root: Inline[] = [];
    let lineBreaks = 0;
    const stack: { out: Inline[] }[] = [{ out: root }];
    const marks: Marks = {};
    const out = () => stack[stack.length - 1].out;
    const mk = (): Marks => ({ ...marks });
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i];
      switch (k.type) {
        case 'text':
          if (k.content) out().push({ type: 'text', text: k.content, marks: mk() });
          break;
        case 'softbreak':
          lineBreaks++;
          out().push({ type: 'text', text: ' ', marks: mk() });
          break;
        case 'hardbreak':
          lineBreaks++;
          out().push({ type: 'break' });
          break;
        case 'code_inline':
          out().push({ type: 'text', text: k.content, marks: { ...mk(), code: true } });
          break;
        case 'em_open':
          marks.italic = true;
          break;
        case 'em_close':
          marks.italic = false;
          break;
        case 'strong_open':
          marks.bold = true;
          break;
        case 'strong_close':
          marks.bold = false;
          break;
        case 's_open':
          marks.strike = true;
          break;
        case 's_close':
          marks.strike = false;
          break;
        case 'image':
          this.images++;
          out().push({ type: 'text', text: `[image: ${k.content || 'untitled'}]`, marks: { ...mk(), italic: true } });
          break;
        case 'footnote_ref': {
          if (ctx.inNote) break; // a note inside a note cannot exist in Word
          const id = (k.meta as { id: number }).id;
          const n = this.notes.length + 1;
          const note: Note = { n, kind: 'author', children: [] };
          this.notes.push(note);
          note.children = this.noteParagraphs(this.defs.get(id) ?? []);
          out().push({ type: 'note', note: n });
          break;
        }
        case 'ref_unknown_open': {
          const raw = kids[i + 1]?.type === 'text' ? kids[i + 1].content : '';
          this.unknown.push({ ref: raw, line: this.line + lineBreaks });
          break; // the text inside stays as it is
        }
        case 'ref_unknown_close':
          break;
        case 'link_open': {
          if ((k.meta as { hubRef?: boolean } | null)?.hubRef) {
            const key = String(k.attrGet('data-ref') ?? '');
            const text = kids[i + 1]?.type === 'text' ? kids[i + 1].content : '';
            let j = i + 1;
            while (j < kids.length && kids[j].type !== 'link_close') j++;
            i = j;
            this.cite(key, text, ctx, out(), mk());
            break;
          }
          const href = String(k.attrGet('href') ?? '');
          const link: Inline = { type: 'link', href: safeHref(href) ?? '', children: [] };
          if (link.href) out().push(link);
          stack.push({ out: link.href ? link.children : out() });
          break;
        }
        case 'link_close':
          if (stack.length > 1) stack.pop();
          break;
        default:
          if (k.content) out().push({ type: 'text', text: k.content, marks: mk() });
      }
    }
    return merged(root);
  }

  private noteParagraphs(tokens: Token[]): Inline[][] {
    const blocks = this.blocks(tokens, 0, tokens.length, true);
    const paras: Inline[][] = [];
    const flat = (bs: Block[]) => {
      for (const b of bs) {
        if (b.type === 'paragraph' || b.type === 'heading') paras.push(b.children);
        else if (b.type === 'list') b.items.forEach((item) => flat(item));
        else if (b.type === 'quote') flat(b.children);
        else if (b.type === 'code') paras.push([{ type: 'text', text: b.text, marks: { code: true } }]);
      }
    };
    flat(blocks);
    return paras.length ? paras : [[]];
  }

  /** A resolved reference: the page's title (or the writer's label) and a citing footnote. */
  private cite(key: string, text: string, ctx: { inHeading?: boolean; inNote: boolean }, out: Inline[], marks: Marks): void {
    const [kind, id] = key.split(':') as [DocKind, string];
    const d = this.o.resolve(kind, id);
    if (!d) {
      out.push({ type: 'text', text, marks });
      return;
    }
    if (!this.references.some((r) => r.key === d.key)) this.references.push(d);
    out.push({ type: 'ref', text: text || d.title, key: d.key, marks });
    // No footnotes in headings (they would show in the table of contents) or inside notes.
    if (ctx.inHeading || ctx.inNote) return;
    const n = this.notes.length + 1;
    const first = this.firstNote.get(d.key);
    if (first === undefined) this.firstNote.set(d.key, n);
    this.notes.push({ n, kind: 'reference', children: [first === undefined ? firstCitation(d) : laterCitation(d, first)] });
    out.push({ type: 'note', note: n });
  }
}

/** Adjacent text with the same marks becomes one run (fewer Word runs, smaller files, faster export). */
function merged(xs: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const x of xs) {
    const prev = out[out.length - 1];
    if (x.type === 'link') x.children = merged(x.children);
    if (x.type === 'text' && prev?.type === 'text' && sameMarks(prev.marks, x.marks)) out[out.length - 1] = { ...prev, text: prev.text + x.text };
    else out.push(x);
  }
  return out;
}

function sameMarks(a: Marks, b: Marks): boolean {
  return !a.bold === !b.bold && !a.italic === !b.italic && !a.code === !b.code && !a.strike === !b.strike;
}

/** Links that survive export: http(s) and mailto, and #anchors within the document. */
export function safeHref(href: string): string | undefined {
  if (/^#[^\s"<>]+$/.test(href)) return href;
  try {
    const u = new URL(href);
    if (u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'mailto:') return u.toString();
  } catch {
    // relative paths (other Markdown files) have no meaning outside the workspace
  }
  return undefined;
}

/** One line per problem, for the CLI and the extension's confirmation; long section lists are cut after `maxSections`. */
export function reportLines(r: ExportReport, maxSections = Infinity): string[] {
  const out: string[] = [];
  const n = r.placeholderSections.length;
  if (n) {
    const names = r.placeholderSections.map((s) => s || '(before the first heading)');
    const shown = names.length > maxSections ? `${names.slice(0, maxSections).join('; ')} and ${names.length - maxSections} more` : names.join('; ');
    out.push(`${n} section${n === 1 ? '' : 's'} still hold${n === 1 ? 's' : ''} template prompts: ${shown}.`);
  }
  if (r.unknownRefs.length) out.push(`${r.unknownRefs.length} unknown reference${r.unknownRefs.length === 1 ? '' : 's'}, left as text: ${[...new Set(r.unknownRefs.map((u) => u.ref))].join(', ')}.`);
  if (r.guidanceDropped) out.push(`${r.guidanceDropped} template guidance note${r.guidanceDropped === 1 ? '' : 's'} (the “Purpose” block quotes) ${r.guidanceDropped === 1 ? 'is' : 'are'} left out of the export.`);
  if (r.imagesAsText) out.push(`${r.imagesAsText} image${r.imagesAsText === 1 ? ' is' : 's are'} shown as text (images are not embedded).`);
  return out;
}
