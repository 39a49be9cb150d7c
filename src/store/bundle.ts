import type { KnowledgeBundle } from '../core/kb';
import { toSearchDoc } from '../search/doc';
import { Shard } from '../search/lunr-index';

/** Names of the files the build writes into dist/. */
export const BUNDLE_FILE = 'knowledge.json';
export const INDEX_FILE = 'search-index.json';

export function readBundle(json: string): KnowledgeBundle {
  const data = JSON.parse(json) as KnowledgeBundle;
  if (!data || data.version !== 1 || !Array.isArray(data.docs)) throw new Error('knowledge.json has an unsupported format; rebuild with npm run build');
  return data;
}

/** The prebuilt lunr index of the bundle (its documents are the bundle's, in order). */
export function readIndex(json: string, bundle: KnowledgeBundle): Shard {
  return Shard.load(JSON.parse(json), bundle.docs.map(toSearchDoc));
}
