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
