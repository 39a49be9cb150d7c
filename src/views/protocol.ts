/**
 * The one message protocol between webviews and the extension host (no vscode import, so both
 * sides and the unit tests share it).
 */

/** Messages a webview page sends to the host. */
export type FromWebview =
  | { type: 'navigate'; key: string; anchor?: string; from?: LinkOrigin }
  | { type: 'scroll'; y: number }
  | { type: 'external'; url: string }
  | { type: 'action'; action: ReaderAction }
  | { type: 'exportMarkdown' }
  | { type: 'ready' };

export type ReaderAction = 'back' | 'forward' | 'openSource' | 'insertReference' | 'copyCitation' | 'moreLikeThis';

export const READER_ACTIONS: readonly ReaderAction[] = ['back', 'forward', 'openSource', 'insertReference', 'copyCitation', 'moreLikeThis'];

/** Where a followed link was: the page's scroll offset and the link's index among the page's links. */
export interface LinkOrigin {
  y: number;
  link: number;
}

/** State a reader page stores with `vscode.setState`, used to restore it after a reload. */
export interface ReaderState {
  key: string;
  anchor?: string;
  scrollY?: number;
}

const offset = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1e7 ? Math.round(v) : undefined);

function linkOrigin(v: unknown): LinkOrigin | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  const y = offset(o.y);
  const link = offset(o.link);
  return y === undefined || link === undefined ? undefined : { y, link };
}

/** Validates an untrusted message from a webview; returns undefined for anything unexpected. */
export function parseFromWebview(msg: unknown): FromWebview | undefined {
  if (!msg || typeof msg !== 'object') return undefined;
  const m = msg as Record<string, unknown>;
  switch (m.type) {
    case 'navigate': {
      if (typeof m.key !== 'string' || m.key.length >= 2000) return undefined;
      const from = linkOrigin(m.from);
      return { type: 'navigate', key: m.key, anchor: typeof m.anchor === 'string' ? m.anchor.slice(0, 200) : undefined, ...(from ? { from } : {}) };
    }
    case 'scroll': {
      const y = offset(m.y);
      return y === undefined ? undefined : { type: 'scroll', y };
    }
    case 'external':
      return typeof m.url === 'string' && /^https?:\/\//i.test(m.url) ? { type: 'external', url: m.url } : undefined;
    case 'action':
      return READER_ACTIONS.includes(m.action as ReaderAction) ? { type: 'action', action: m.action as ReaderAction } : undefined;
    case 'exportMarkdown':
      return { type: 'exportMarkdown' };
    case 'ready':
      return { type: 'ready' };
    default:
      return undefined;
  }
}

// ------------------------------------------------------------------ theory-of-change diagram and results framework

/** What every live page (diagram, results framework, landscape map) sends; src/views/live-panel.ts handles it. */
export type LivePageMessage =
  | { type: 'ready' }
  /** A box, result or actor was clicked (or Enter pressed on it): reveal its 0-based line. */
  | { type: 'reveal'; line: number }
  /** The page has drawn render number `version` (for the edit-to-screen latency). */
  | { type: 'rendered'; version: number }
  | RasterisedMessage;

/** Messages the diagram and results-framework pages send to the host. */
export type TocFromWebview =
  | LivePageMessage
  /** Collapse or expand the pathway below a node. */
  | { type: 'toggle'; id: string }
  /** Expand every collapsed pathway. */
  | { type: 'expandAll' }
  /** A toolbar button. */
  | { type: 'command'; command: TocPageCommand };

export type TocPageCommand = 'exportDiagram' | 'showResults' | 'showDiagram' | 'exportMarkdown' | 'exportCsv';
export const TOC_PAGE_COMMANDS: readonly TocPageCommand[] = ['exportDiagram', 'showResults', 'showDiagram', 'exportMarkdown', 'exportCsv'];

/** Messages the host sends to the diagram page. */
export type TocToWebview =
  | { type: 'render'; version: number; svg: string; notice?: string; problems: { line: number; message: string }[]; highlight?: string; empty?: string }
  | { type: 'highlight'; id?: string }
  | RasteriseMessage;

/** Messages the host sends to the results-framework page. */
export type ResultsToWebview = { type: 'render'; version: number; html: string; summary: string };

const MAX_LINE = 10_000_000;

/** The page's answer to `rasterise`: the PNG in base64, or why it could not be drawn. */
export type RasterisedMessage = { type: 'rasterised'; id: number; png?: string; error?: string };
/** Asks a diagram or map page to draw a standalone SVG as PNG (where the host has no rasteriser). */
export type RasteriseMessage = { type: 'rasterise'; id: number; svg: string; scale: number };

/** 40 MB of base64 (30 MB of PNG): more than a 100-megapixel canvas yields. */
const MAX_PNG_BASE64 = 40_000_000;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function parseRasterised(m: Record<string, unknown>): RasterisedMessage | undefined {
  if (!Number.isInteger(m.id) || (m.id as number) < 0) return undefined;
  const id = m.id as number;
  if (typeof m.png === 'string') return m.png.length > 0 && m.png.length <= MAX_PNG_BASE64 && BASE64.test(m.png) ? { type: 'rasterised', id, png: m.png } : undefined;
  if (typeof m.error === 'string') return { type: 'rasterised', id, error: m.error.slice(0, 300) };
  return undefined;
}

/** Validates the messages every live page sends; undefined for anything else. */
function parseLivePage(m: Record<string, unknown>): LivePageMessage | undefined {
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'reveal':
      return Number.isInteger(m.line) && (m.line as number) >= 0 && (m.line as number) < MAX_LINE ? { type: 'reveal', line: m.line as number } : undefined;
    case 'rendered':
      return Number.isInteger(m.version) && (m.version as number) >= 0 ? { type: 'rendered', version: m.version as number } : undefined;
    case 'rasterised':
      return parseRasterised(m);
    default:
      return undefined;
  }
}

/** Validates an untrusted message from the diagram or results page; undefined for anything unexpected. */
export function parseTocMessage(msg: unknown): TocFromWebview | undefined {
  if (!msg || typeof msg !== 'object') return undefined;
  const m = msg as Record<string, unknown>;
  switch (m.type) {
    case 'toggle':
      return typeof m.id === 'string' && m.id.length > 0 && m.id.length <= 80 ? { type: 'toggle', id: m.id } : undefined;
    case 'expandAll':
      return { type: 'expandAll' };
    case 'command':
      return TOC_PAGE_COMMANDS.includes(m.command as TocPageCommand) ? { type: 'command', command: m.command as TocPageCommand } : undefined;
    default:
      return parseLivePage(m);
  }
}

// ------------------------------------------------------------------ landscape map

/** The landscape map page's tabs. */
export type MapTab = 'grid' | 'network';
export const MAP_TABS: readonly MapTab[] = ['grid', 'network'];

/** Messages the landscape map page sends to the host. */
export type MapFromWebview =
  | LivePageMessage
  /** The user switched tabs. */
  | { type: 'tab'; tab: MapTab }
  /** A toolbar button. */
  | { type: 'command'; command: 'exportMap' };

/** Messages the host sends to the landscape map page. */
export type MapToWebview =
  | {
      type: 'render';
      version: number;
      /** Both pictures, computed and escaped by the host (src/diagram/landscape-svg.ts). */
      grid: string;
      network: string;
      tab: MapTab;
      /** "14 actors · 12 relations · 3 initiatives". */
      summary: string;
      notice?: string;
      problems: { line: number; message: string }[];
      highlight?: string;
      empty?: string;
    }
  | { type: 'highlight'; id?: string }
  | { type: 'tab'; tab: MapTab }
  | RasteriseMessage;

/** Validates an untrusted message from the landscape map page; undefined for anything unexpected. */
export function parseMapMessage(msg: unknown): MapFromWebview | undefined {
  if (!msg || typeof msg !== 'object') return undefined;
  const m = msg as Record<string, unknown>;
  switch (m.type) {
    case 'tab':
      return MAP_TABS.includes(m.tab as MapTab) ? { type: 'tab', tab: m.tab as MapTab } : undefined;
    case 'command':
      return m.command === 'exportMap' ? { type: 'command', command: 'exportMap' } : undefined;
    default:
      return parseLivePage(m);
  }
}
