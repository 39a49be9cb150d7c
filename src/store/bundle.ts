import type { KnowledgeBundle } from '../core/kb';
import { Shard } from '../search/lunr-index';

/** Names of the files the build writes into dist/. */
export const BUNDLE_FILE = 'knowledge.json';
export const INDEX_FILE = 'search-index.json';

export function readBundle(json: string): KnowledgeBundle {
  const data = JSON.parse(json) as KnowledgeBundle;
  if (!data || data.version !== 1 || !Array.isArray(data.docs)) throw new Error('knowledge.json has an unsupported format; rebuild with npm run build');
  return data;
}

export function readIndex(json: string): Shard {
  return Shard.load(JSON.parse(json));
}
