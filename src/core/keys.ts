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
  const m = /^(hub|principle|framework|note):([^@]+)(?:@(.+))?$/.exec(key);
  return m ? { kind: m[1] as DocKind, id: m[2], path: m[3] } : undefined;
}
