/**
 * Export model → Word document (.docx) with the npm `docx` library: a title page from the front
 * matter, a table of contents, Word's own heading styles (Heading 1–6), native tables, lists,
 * block quotes (Quote style), hyperlinks and footnotes, and page numbers in the footer.
 * Pure: builds the bytes in memory (desktop, web worker and CLI alike).
 */
import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  InternalHyperlink,
  LevelFormat,
  LineRuleType,
  NumberFormat,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type ILevelsOptions,
  type ParagraphChild,
} from 'docx';
import { referencesBlocks } from './cite';
import type { Block, ExportDoc, ExportFigure, ExportTable, Inline, Marks } from './model';

const FONT = 'Calibri';
const MONO = 'Consolas';
const ACCENT = '1F4E79';
const BORDER = 'A6A6A6';
const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6];
/** A4 text width in twentieths of a point (21 cm − 2 × 2.5 cm). */
const TEXT_WIDTH_TWIPS = 9071;

type Child = Paragraph | Table | TableOfContents;

/** Word bookmark names: a letter first, letters, digits and underscores, at most 40 characters. */
export function bookmarkName(anchor: string): string {
  return `h_${anchor.replace(/[^A-Za-z0-9]+/g, '_')}`.slice(0, 40);
}

/** A bookmark name per heading anchor, unique even where long titles share their first 40 characters. */
export function bookmarkNames(anchors: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const a of anchors) {
    let name = bookmarkName(a);
    for (let n = 2; used.has(name); n++) name = `${bookmarkName(a).slice(0, 36)}_${n}`;
    used.add(name);
    out.set(a, name);
  }
  return out;
}

class DocxWriter {
  private orderedLists = 0;
  private readonly startConfigs = new Map<number, string>();
  private readonly anchors: Map<string, string>;

  constructor(private readonly doc: ExportDoc) {
    this.anchors = bookmarkNames([...doc.blocks.flatMap((b) => (b.type === 'heading' ? [b.anchor] : [])), 'kb-references']);
  }

  runs(inlines: Inline[], base: Marks = {}): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    for (const i of inlines) {
      switch (i.type) {
        case 'text':
        case 'ref':
          out.push(this.text(i.text, { ...base, ...i.marks }));
          break;
        case 'break':
          out.push(new TextRun({ break: 1 }));
          break;
        case 'note':
          out.push(new FootnoteReferenceRun(i.note));
          break;
        case 'link': {
          const children = i.children.map((c) => (c.type === 'text' || c.type === 'ref' ? this.text(c.text, { ...base, ...c.marks }, 'Hyperlink') : undefined)).filter((x): x is TextRun => !!x);
          if (i.href.startsWith('#')) {
            const anchor = i.href.slice(1);
            const name = this.anchors.get(anchor);
            out.push(name ? new InternalHyperlink({ anchor: name, children }) : this.text(plain(i.children), base));
          } else out.push(new ExternalHyperlink({ link: i.href, children }));
          break;
        }
      }
    }
    return out;
  }

  text(text: string, m: Marks, style?: string): TextRun {
    return new TextRun({ text, bold: m.bold || undefined, italics: m.italic || undefined, strike: m.strike || undefined, font: m.code ? MONO : undefined, style });
  }

  blocks(blocks: Block[], depth = 0, quote = false): Child[] {
    const out: Child[] = [];
    for (const b of blocks) {
      switch (b.type) {
        case 'heading':
          out.push(
            new Paragraph({
              heading: HEADINGS[Math.min(6, Math.max(1, b.level)) - 1],
              children: [new Bookmark({ id: this.anchors.get(b.anchor) ?? bookmarkName(b.anchor), children: this.runs(b.children) })],
            }),
          );
          break;
        case 'paragraph':
          out.push(new Paragraph({ children: this.runs(b.children), style: quote ? 'Quote' : undefined }));
          break;
        case 'list':
          out.push(...this.list(b, depth, quote));
          break;
        case 'quote':
          out.push(...this.blocks(b.children, depth, true));
          break;
        case 'code':
          out.push(...b.text.split('\n').map((line) => new Paragraph({ style: 'SourceCode', children: [new TextRun({ text: line || ' ' })] })));
          break;
        case 'rule':
          out.push(new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: BORDER, space: 1 } }, children: [] }));
          break;
        case 'table':
          out.push(this.table(b.head, b.rows, b.align));
          out.push(new Paragraph({ children: [], spacing: { after: 0 } }));
          break;
        case 'figure':
          out.push(...this.figure(b.figure));
          break;
        case 'data-table':
          out.push(...this.dataTable(b.table));
          break;
      }
    }
    return out;
  }

  private list(b: Extract<Block, { type: 'list' }>, depth: number, quote: boolean): Child[] {
    const level = Math.min(depth, 8);
    let numbering: { reference: string; level: number; instance?: number } | undefined;
    if (b.ordered) {
      let ref = 'ordered';
      if (b.start !== 1) {
        ref = this.startConfigs.get(b.start) ?? `ordered-${b.start}`;
        this.startConfigs.set(b.start, ref);
      }
      numbering = { reference: ref, level, instance: ++this.orderedLists };
    }
    const out: Child[] = [];
    for (const item of b.items) {
      item.forEach((block, i) => {
        if (i === 0 && block.type === 'paragraph') {
          out.push(
            new Paragraph({
              children: this.runs(block.children),
              ...(numbering ? { numbering } : { numbering: { reference: 'bullets', level } }),
              style: quote ? 'Quote' : undefined,
              spacing: { after: 60 },
            }),
          );
        } else if (block.type === 'paragraph') {
          out.push(new Paragraph({ children: this.runs(block.children), indent: { left: 720 * (level + 1) }, spacing: { after: 60 } }));
        } else out.push(...this.blocks([block], depth + 1, quote));
      });
    }
    return out;
  }

  private table(head: Inline[][], rows: Inline[][][], align: (string | undefined)[]): Table {
    const cols = Math.max(head.length, ...rows.map((r) => r.length), 1);
    const border = { style: BorderStyle.SINGLE, size: 4, color: BORDER };
    const alignment = (c: number) => (align[c] === 'center' ? AlignmentType.CENTER : align[c] === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT);
    const cell = (inl: Inline[] | undefined, c: number, header: boolean) =>
      new TableCell({
        width: { size: widths[c], type: WidthType.DXA },
        children: [new Paragraph({ alignment: alignment(c), spacing: { before: 40, after: 40 }, children: this.runs(inl ?? [], header ? { bold: true } : {}) })],
        shading: header ? { fill: 'DCE6F0', type: ShadingType.CLEAR, color: 'auto' } : undefined,
        margins: { left: 80, right: 80 },
      });
    const widths = columnWidths(Array.from({ length: cols }, (_, c) => [head[c], ...rows.map((r) => r[c])].map((x) => plain(x ?? []))), TEXT_WIDTH_TWIPS);
    return new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      columnWidths: widths,
      borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
      rows: [
        ...(head.length ? [new TableRow({ tableHeader: true, children: Array.from({ length: cols }, (_, c) => cell(head[c], c, true)) })] : []),
        ...rows.map((r) => new TableRow({ cantSplit: true, children: Array.from({ length: cols }, (_, c) => cell(r[c], c, false)) })),
      ],
    });
  }

  private figure(f: ExportFigure): Child[] {
    // Fit the page width, keeping the aspect ratio (sizes in pixels at 96 dpi; the page is ~604 px wide).
    const scale = Math.min(1, 600 / Math.max(1, f.width));
    const transformation = { width: Math.round(f.width * scale), height: Math.round(f.height * scale) };
    const alt = { name: f.title, description: f.alt ?? f.title, title: f.title };
    let image: ImageRun | undefined;
    // SVG where there is one (sharp at any zoom), with the PNG as the fallback that readers
    // without SVG support show; a PNG alone when that is all there is.
    if (f.svg) image = new ImageRun({ type: 'svg', data: new TextEncoder().encode(f.svg), fallback: { type: 'png', data: f.png ?? BLANK_PNG }, transformation, altText: alt });
    else if (f.png) image = new ImageRun({ type: 'png', data: f.png, transformation, altText: alt });
    return [
      new Paragraph({ style: 'Caption', keepNext: true, children: [new TextRun(f.title)] }),
      new Paragraph({ alignment: AlignmentType.CENTER, children: image ? [image] : [new TextRun({ text: `[${f.alt ?? f.title}]`, italics: true })] }),
    ];
  }

  private dataTable(t: ExportTable): Child[] {
    const cellText = (s: string): Inline[] => [{ type: 'text', text: s, marks: {} }];
    return [
      new Paragraph({ style: 'Caption', keepNext: true, children: [new TextRun(t.title)] }),
      this.table(t.head.map(cellText), t.rows.map((r) => r.map(cellText)), []),
      new Paragraph({ children: [] }),
    ];
  }

  titlePage(): Paragraph[] {
    const m = this.doc.meta;
    const rows: [string, string | undefined][] = [
      ['Hub', m.hub],
      ['Document', m.typeLabel],
      ['Version', m.version],
      ['Status', m.status],
      ['Date', m.date],
    ];
    return [
      new Paragraph({ children: [], spacing: { before: 2400 } }),
      new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(m.title)] }),
      ...(m.typeLabel ? [new Paragraph({ style: 'Subtitle', children: [new TextRun(m.typeLabel)] })] : []),
      new Paragraph({ children: [], spacing: { after: 600 }, border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: ACCENT, space: 4 } } }),
      ...rows
        .filter((r): r is [string, string] => !!r[1])
        .map(([k, v]) => new Paragraph({ spacing: { after: 80 }, children: [new TextRun({ text: `${k}: `, bold: true, color: '404040' }), new TextRun(v)] })),
    ];
  }

  footnotes(): Record<string, { children: Paragraph[] }> {
    const out: Record<string, { children: Paragraph[] }> = {};
    // Word puts the note's number first; a space separates it from the text.
    for (const n of this.doc.notes) out[String(n.n)] = { children: n.children.map((p, i) => new Paragraph({ children: [...(i === 0 ? [new TextRun(' ')] : []), ...this.runs(p)] })) };
    return out;
  }

  numbering(): { config: { reference: string; levels: ILevelsOptions[] }[] } {
    const bullets = ['\u2022', '\u25E6', '\u25AA'];
    const indent = (l: number) => ({ paragraph: { indent: { left: 720 * (l + 1), hanging: 360 } } });
    const ordered = (start: number): ILevelsOptions[] =>
      Array.from({ length: 9 }, (_, l) => ({ level: l, format: l % 3 === 1 ? LevelFormat.LOWER_LETTER : l % 3 === 2 ? LevelFormat.LOWER_ROMAN : LevelFormat.DECIMAL, text: `%${l + 1}.`, alignment: AlignmentType.LEFT, start: l === 0 ? start : 1, style: indent(l) }));
    return {
      config: [
        { reference: 'bullets', levels: Array.from({ length: 9 }, (_, l) => ({ level: l, format: LevelFormat.BULLET, text: bullets[l % 3], alignment: AlignmentType.LEFT, style: indent(l) })) },
        { reference: 'ordered', levels: ordered(1) },
        ...[...this.startConfigs].map(([start, reference]) => ({ reference, levels: ordered(start) })),
      ],
    };
  }
}

function plain(inlines: Inline[]): string {
  return inlines.map((i) => (i.type === 'text' || i.type === 'ref' ? i.text : i.type === 'link' ? plain(i.children) : '')).join('');
}

/** A 1×1 white PNG: the fallback Word requires beside an SVG image. */
const BLANK_PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));

/** Builds the docx library's Document (exposed for tests). */
export function docxDocument(doc: ExportDoc): Document {
  const w = new DocxWriter(doc);
  const body = w.blocks([...doc.blocks, ...referencesBlocks(doc.references)]);
  const m = doc.meta;
  const footerText = [m.title, m.status && m.version ? `${m.status} ${m.version}` : (m.status ?? (m.version ? `version ${m.version}` : undefined))].filter(Boolean).join(' · ');
  const hasHeadings = doc.blocks.some((b) => b.type === 'heading');
  const page = { margin: { top: 1418, bottom: 1418, left: 1418, right: 1418 }, size: { width: 11906, height: 16838 } };
  return new Document({
    title: m.title,
    subject: m.typeLabel,
    creator: 'Impact Hubs',
    description: `Exported from Markdown by Impact Hubs${m.date ? `, ${m.date}` : ''}.`,
    footnotes: w.footnotes(),
    numbering: w.numbering(),
    styles: {
      default: {
        // lineRule stated: LibreOffice reads a line height without one as exact and clips pictures to it.
        document: { run: { font: FONT, size: 22 }, paragraph: { spacing: { after: 120, line: 276, lineRule: LineRuleType.AUTO } } },
        title: { run: { font: FONT, size: 52, bold: true, color: ACCENT }, paragraph: { spacing: { after: 120 } } },
        heading1: { run: { font: FONT, size: 32, bold: true, color: ACCENT }, paragraph: { spacing: { before: 360, after: 120 }, keepNext: true, keepLines: true } },
        heading2: { run: { font: FONT, size: 26, bold: true, color: ACCENT }, paragraph: { spacing: { before: 240, after: 100 }, keepNext: true, keepLines: true } },
        heading3: { run: { font: FONT, size: 23, bold: true, color: '404040' }, paragraph: { spacing: { before: 200, after: 80 }, keepNext: true, keepLines: true } },
        heading4: { run: { font: FONT, size: 22, bold: true, italics: true, color: '404040' }, paragraph: { spacing: { before: 160, after: 60 }, keepNext: true } },
        hyperlink: { run: { color: '0563C1', underline: {} } },
        footnoteText: { run: { size: 18 }, paragraph: { spacing: { after: 40, line: 240, lineRule: LineRuleType.AUTO } } },
        caption: { run: { size: 20, bold: true, italics: false, color: '404040' } },
      },
      paragraphStyles: [
        { id: 'Subtitle', name: 'Subtitle', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 32, color: '595959' }, paragraph: { spacing: { after: 240 } } },
        { id: 'TOCHeading', name: 'TOC Heading', basedOn: 'Normal', next: 'Normal', run: { size: 32, bold: true, color: ACCENT }, paragraph: { spacing: { before: 0, after: 240 } } },
        { id: 'Quote', name: 'Quote', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { italics: true, color: '404040' }, paragraph: { indent: { left: 567, right: 567 }, border: { left: { style: BorderStyle.SINGLE, size: 18, color: 'BFBFBF', space: 8 } } } },
        { id: 'SourceCode', name: 'Source Code', basedOn: 'Normal', run: { font: MONO, size: 19 }, paragraph: { spacing: { after: 0, line: 240, lineRule: LineRuleType.AUTO }, shading: { fill: 'F2F2F2', type: ShadingType.CLEAR, color: 'auto' } } },
      ],
    },
    sections: [
      { properties: { page }, children: w.titlePage() },
      ...(hasHeadings
        ? [
            {
              properties: { page: { ...page, pageNumbers: { start: 1, formatType: NumberFormat.LOWER_ROMAN } } },
              footers: { default: footer(footerText) },
              children: [new Paragraph({ style: 'TOCHeading', children: [new TextRun('Contents')] }), new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-2' })],
            },
          ]
        : []),
      { properties: { page: { ...page, pageNumbers: { start: 1 } } }, footers: { default: footer(footerText) }, children: body },
    ],
  });
}

function footer(text: string): Footer {
  return new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ size: 18, color: '595959', children: [text, ' · page ', PageNumber.CURRENT] })] })] });
}

/** The .docx file's bytes. */
export async function toDocx(doc: ExportDoc): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toArrayBuffer(docxDocument(doc)));
}

/** About one character of table text (Calibri 10–11 pt) in twips, and a cell's side margins. */
const CHAR_TWIPS = 125;
const CELL_MARGINS_TWIPS = 160;

/**
 * Column widths (twips) for a table of this text: each column first gets room for its longest word
 * (up to 16 characters, less when the page is too narrow for all of them, so "medium" or "Baseline"
 * is not broken letter by letter while "Municipalities" may be); the rest of the width is shared in
 * proportion to how much longer each column's longest text is (up to 40 characters).
 */
export function columnWidths(columns: string[][], total: number): number[] {
  const longestWord = (t: string) => t.split(/\s+/).reduce((m, w) => Math.max(m, w.length), 0);
  const words = columns.map((texts) => Math.max(3, ...texts.map(longestWord)));
  // Too many long words for the page: long ones are cut first (they break anyway), short ones last.
  let need = words;
  for (const cap of [16, 12, 10, 8, 6]) {
    need = words.map((w) => Math.min(cap, w));
    if (need.reduce((a, n) => a + n * CHAR_TWIPS + CELL_MARGINS_TWIPS, 0) <= total) break;
  }
  const want = columns.map((texts, c) => Math.max(need[c], Math.min(40, Math.max(4, ...texts.map((t) => t.length)))));
  const base = need.map((n) => n * CHAR_TWIPS + CELL_MARGINS_TWIPS);
  const baseSum = base.reduce((a, b) => a + b, 0);
  if (baseSum >= total) return base.map((b) => Math.floor((total * b) / baseSum));
  const extra = want.map((w, c) => w - need[c]);
  const extraSum = extra.reduce((a, b) => a + b, 0);
  const rest = total - baseSum;
  return base.map((b, c) => Math.floor(b + (extraSum ? (rest * extra[c]) / extraSum : rest / base.length)));
}
