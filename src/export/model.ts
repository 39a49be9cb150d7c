/**
 * The export's document model: plain data between the Markdown parse (parse.ts) and the writers
 * (docx.ts, html.ts). Every writer renders the same model, so Word, HTML and PDF say the same thing.
 */
import type { DocKind } from '../core/types';

export interface Marks {
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
  strike?: boolean;
}

export type Inline =
  | { type: 'text'; text: string; marks: Marks }
  /** `href` is http(s) or mailto (external), or `#anchor` (a heading of this document). */
  | { type: 'link'; href: string; children: Inline[] }
  /** A footnote reference: `note` is the 1-based number of a note in `ExportDoc.notes`. */
  | { type: 'note'; note: number }
  /** A resolved knowledge-base reference: its text (the document's title or the writer's label). */
  | { type: 'ref'; text: string; key: string; marks: Marks }
  | { type: 'break' };

export type Align = 'left' | 'center' | 'right' | undefined;

export type Block =
  | { type: 'heading'; level: number; children: Inline[]; anchor: string; line: number }
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { type: 'table'; align: Align[]; head: Inline[][]; rows: Inline[][][] }
  | { type: 'quote'; children: Block[] }
  | { type: 'code'; text: string }
  | { type: 'rule' }
  | { type: 'figure'; figure: ExportFigure }
  | { type: 'data-table'; table: ExportTable };

/** A footnote: the writer's own (`author`) or one that cites a knowledge-base page (`reference`). */
export interface Note {
  n: number;
  kind: 'author' | 'reference';
  /** Paragraphs only (a Word footnote holds paragraphs). */
  children: Inline[][];
}

/** What a citation needs to know about a knowledge-base page. */
export interface CitedDoc {
  key: string;
  kind: DocKind;
  id: string;
  title: string;
  /** "case study", "design principle", "framework", "note". */
  what: string;
  /** `knowledge/hubs/gavi.md` for bundled pages; a workspace path for own notes. */
  path: string;
  bundled: boolean;
  lastReviewed?: string;
  /** Year of the knowledge base build, for the suggested credit. */
  year?: string;
  website?: string;
  /** The page's main sources: their citation text and URL. */
  sources: { text: string; url: string }[];
}

export type RefResolver = (kind: DocKind, id: string) => CitedDoc | undefined;

/** The title page, from the front matter. */
export interface TitleMeta {
  title: string;
  hub?: string;
  /** The front matter's `type:` (`hub-charter`, …) and its label ("Hub charter"). */
  type?: string;
  typeLabel?: string;
  version?: string;
  status?: string;
  date?: string;
}

// ---------------------------------------------------------------- extras (diagram, results framework)

/**
 * What other features add to an export where they exist: the theory-of-change diagram and the
 * results framework, a landscape map's grid and network. The adapter fills this (src/diagram is
 * built separately); the export places each item after the outline section named by `after`
 * (an outline section id such as `diagram` or `indicators`), or at the end of the body.
 */
export interface ExportExtras {
  figures?: ExportFigure[];
  tables?: ExportTable[];
}

export interface ExportFigure {
  title: string;
  /** SVG text (HTML shows it as an image; DOCX embeds it with a PNG fallback). */
  svg?: string;
  /** PNG bytes (preferred for DOCX; HTML uses SVG when both are given). */
  png?: Uint8Array;
  /** Size in CSS pixels. */
  width: number;
  height: number;
  alt?: string;
  after?: string;
}

export interface ExportTable {
  title: string;
  head: string[];
  rows: string[][];
  after?: string;
}

// ---------------------------------------------------------------- report

/** A template leftover: a `*…*` prompt or a `${…}` snippet stop. */
export interface Placeholder {
  kind: 'prompt' | 'snippet-stop';
  /** 1-based line in the file. */
  line: number;
  /** The heading of the section it is in ("" before the first heading). */
  section: string;
  text: string;
}

export interface UnknownRef {
  ref: string;
  line: number;
}

export interface ExportReport {
  placeholders: Placeholder[];
  /** Sections (by heading) that still hold placeholders, in document order. */
  placeholderSections: string[];
  /** Template guidance block quotes (`> **Purpose:** …`) left out of the export. */
  guidanceDropped: number;
  unknownRefs: UnknownRef[];
  /** Images in the Markdown are not embedded (the export reads no files): their alt text is shown. */
  imagesAsText: number;
}

export interface ExportDoc {
  meta: TitleMeta;
  blocks: Block[];
  notes: Note[];
  /** Every page cited, in the order of first citation. */
  references: CitedDoc[];
  report: ExportReport;
}

export type ExportFormat = 'docx' | 'html' | 'pdf';

export const FORMATS: Readonly<Record<ExportFormat, { label: string; ext: string; mime: string }>> = {
  docx: { label: 'Word (.docx)', ext: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  html: { label: 'Standalone HTML (.html)', ext: 'html', mime: 'text/html' },
  pdf: { label: 'PDF (.pdf)', ext: 'pdf', mime: 'application/pdf' },
};

export function isExportFormat(v: unknown): v is ExportFormat {
  return v === 'docx' || v === 'html' || v === 'pdf';
}

/** Plain text of inlines (for titles, bookmarks and tests). */
export function plainText(inlines: Inline[]): string {
  return inlines
    .map((i) => (i.type === 'text' || i.type === 'ref' ? i.text : i.type === 'link' ? plainText(i.children) : i.type === 'break' ? ' ' : ''))
    .join('');
}
