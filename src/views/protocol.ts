/**
 * The one message protocol between webviews and the extension host (no vscode import, so both
 * sides and the unit tests share it).
 */

/** Messages a webview page sends to the host. */
export type FromWebview =
  | { type: 'navigate'; key: string; anchor?: string }
  | { type: 'external'; url: string }
  | { type: 'action'; action: ReaderAction }
  | { type: 'exportMarkdown' }
  | { type: 'ready' };

export type ReaderAction = 'back' | 'forward' | 'openSource' | 'insertReference' | 'copyCitation' | 'moreLikeThis';

export const READER_ACTIONS: readonly ReaderAction[] = ['back', 'forward', 'openSource', 'insertReference', 'copyCitation', 'moreLikeThis'];

/** State a reader page stores with `vscode.setState`, used to restore it after a reload. */
export interface ReaderState {
  key: string;
  anchor?: string;
}

/** Validates an untrusted message from a webview; returns undefined for anything unexpected. */
export function parseFromWebview(msg: unknown): FromWebview | undefined {
  if (!msg || typeof msg !== 'object') return undefined;
  const m = msg as Record<string, unknown>;
  switch (m.type) {
    case 'navigate':
      return typeof m.key === 'string' && m.key.length < 2000 ? { type: 'navigate', key: m.key, anchor: typeof m.anchor === 'string' ? m.anchor.slice(0, 200) : undefined } : undefined;
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
