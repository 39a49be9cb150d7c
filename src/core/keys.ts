import { isDocKind } from './kinds';
import type { DocKind, KnowledgeDoc } from './types';

/**
 * A document's key: `hub:gavi` for bundled documents, `note:my-notes@file:///…/my-notes.md` for
 * workspace documents (their ids are only unique within a file).
 */
export function keyOf(d: Pick<KnowledgeDoc, 'kind' | 'id' | 'origin' | 'path'>): string {
  return d.origin === 'workspace' ? `${d.kind}:${d.id}@${d.path}` : `${d.kind}:${d.id}`;
}

/** A plain ASCII id or file-name slug: `Lake "Basin" Hub` → `lake-basin-hub`. */
export function slugOf(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

export function parseKey(key: string): { kind: DocKind; id: string; path?: string } | undefined {
  if (typeof key !== 'string') return undefined;
  const colon = key.indexOf(':');
  const kind = key.slice(0, colon);
  if (colon < 0 || !isDocKind(kind)) return undefined;
  const rest = key.slice(colon + 1);
  const at = rest.indexOf('@');
  const id = at < 0 ? rest : rest.slice(0, at);
  const path = at < 0 ? undefined : rest.slice(at + 1);
  if (!id || path === '') return undefined;
  return { kind, id, path };
}
