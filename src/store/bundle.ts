import type { KnowledgeBundle, SourceFile } from '../core/kb';
import { scanMarkdown } from '../core/markdown-scan';
import type { KnowledgeDoc } from '../core/types';
import { toSearchDoc } from '../search/doc';
import { Shard } from '../search/lunr-index';

/** Names of the files the build writes into dist/. */
export const BUNDLE_FILE = 'knowledge.json';
export const INDEX_FILE = 'search-index.json';

/**
 * The compiled knowledge base as shipped (version 2): each document's Markdown file once, in
 * `files`, which also serves Open Markdown Source (the Markdown files are not shipped again). A
 * document's body is the end of its file, and its headings, sources, links and plain text are what
 * the linear scanner reads from the body (src/core/markdown-scan.ts), so none of them is stored:
 * they are derived again on load (one pass over each body). Whatever does not derive exactly is
 * kept as it is.
 */
type Derived = 'body' | 'headings' | 'sources' | 'links' | 'text';
type PackedDoc = Omit<KnowledgeDoc, Derived> & Partial<Pick<KnowledgeDoc, Derived>> & {
  /** Where the body starts in the file (when the body is the end of the file). */
  bodyFrom?: number;
};

interface PackedBundle {
  version: 2;
  builtAt: string;
  principleHubs: KnowledgeBundle['principleHubs'];
  files: Record<string, string>;
  docs: PackedDoc[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function packBundle(bundle: KnowledgeBundle, files: SourceFile[]): PackedBundle {
  const byPath = Object.fromEntries(files.map((f) => [f.path, f.text]));
  const docs = bundle.docs.map((d): PackedDoc => {
    const file = byPath[d.path];
    const { body, headings, sources, links, text, ...rest } = d;
    const bodyFrom = file !== undefined && file.endsWith(body) ? file.length - body.length : undefined;
    const out: PackedDoc = { ...rest, ...(bodyFrom === undefined ? { body } : { bodyFrom }) };
    const scan = scanMarkdown(body, d.bodyLine);
    if (!same(scan.headings, headings)) out.headings = headings;
    if (!same(scan.sources, sources)) out.sources = sources;
    if (!same(scan.links, links)) out.links = links;
    if (scan.text !== text) out.text = text;
    return out;
  });
  const used = new Set(bundle.docs.map((d) => d.path));
  return { version: 2, builtAt: bundle.builtAt, principleHubs: bundle.principleHubs, files: Object.fromEntries(Object.entries(byPath).filter(([p]) => used.has(p))), docs };
}

function unpack(p: PackedBundle): KnowledgeBundle {
  if (!p.files || typeof p.files !== 'object' || !Array.isArray(p.docs)) throw new Error('knowledge.json has an unsupported format; rebuild with npm run build');
  const docs = p.docs.map((d): KnowledgeDoc => {
    const file = p.files[d.path];
    const { bodyFrom, ...rest } = d;
    const body = d.body ?? (file !== undefined && bodyFrom !== undefined ? file.slice(bodyFrom) : undefined);
    if (body === undefined) throw new Error(`knowledge.json: no body for ${d.path}; rebuild with npm run build`);
    const scan = d.headings && d.sources && d.links && d.text !== undefined ? undefined : scanMarkdown(body, d.bodyLine);
    return {
      ...rest,
      body,
      headings: d.headings ?? scan!.headings,
      sources: d.sources ?? scan!.sources,
      links: d.links ?? scan!.links,
      text: d.text ?? scan!.text,
    };
  });
  return { version: 1, builtAt: p.builtAt, docs, principleHubs: p.principleHubs, files: p.files };
}

/** Reads dist/knowledge.json: the shipped (packed) form, or the plain compiled bundle. */
export function readBundle(json: string): KnowledgeBundle {
  const data = JSON.parse(json) as KnowledgeBundle | PackedBundle;
  if (data && data.version === 2) return unpack(data);
  if (!data || data.version !== 1 || !Array.isArray(data.docs)) throw new Error('knowledge.json has an unsupported format; rebuild with npm run build');
  return data;
}

/** The prebuilt lunr index of the bundle (its documents are the bundle's, in order). */
export function readIndex(json: string, bundle: KnowledgeBundle): Shard {
  return Shard.load(JSON.parse(json), bundle.docs.map(toSearchDoc));
}
