import { KINDS } from './kinds';
import type { KnowledgeDoc } from './types';

/** `[[hub:gavi]]` — the reference syntax, for Markdown documents. */
export function referenceFor(doc: Pick<KnowledgeDoc, 'kind' | 'id'>): string {
  return `[[${doc.kind}:${doc.id}]]`;
}

export interface CitationOptions {
  /** The knowledge base's year when the document has no review date (the bundle's build year). */
  year?: string;
  /** For own documents: the path to show (workspace-relative); the URI otherwise. */
  path?: string;
}

/**
 * A citation of a knowledge-base page in the format the README and LICENSE-knowledge.md give:
 * Impact Hubs knowledge base (2026), "⟨title⟩", `knowledge/⟨folder⟩/⟨id⟩.md`, last reviewed
 * ⟨date⟩. CC BY 4.0. It cites the page itself; the hub's website is not one of its sources.
 */
export function citationFor(doc: KnowledgeDoc, options: CitationOptions = {}): string {
  const title = `"${doc.title}"`;
  const folder = KINDS[doc.kind].folder;
  if (doc.origin === 'workspace' || !folder) {
    return `${title}, ${options.path ?? doc.path} (own ${KINDS[doc.kind].citeAs}).`;
  }
  const reviewed = doc.hub?.last_reviewed;
  const year = reviewed?.slice(0, 4) ?? options.year ?? new Date().getFullYear().toString();
  return `Impact Hubs knowledge base (${year}), ${title}, \`knowledge/${folder}/${doc.id}.md\`${reviewed ? `, last reviewed ${reviewed}` : ''}. CC BY 4.0.`;
}

/** The citation followed by the page's own sources, numbered as in the reader (Copy Citation). */
export function citationWithSources(doc: KnowledgeDoc, options: CitationOptions = {}): string {
  const lines = [citationFor(doc, options)];
  if (doc.sources.length) {
    lines.push('', `Sources cited there (${doc.sources.length}):`);
    doc.sources.forEach((s, i) => lines.push(`${i + 1}. ${s.text.replace(/\s+/g, ' ').trim()}`));
  }
  return lines.join('\n');
}
