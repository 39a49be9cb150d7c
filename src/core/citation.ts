import { KINDS } from './kinds';
import type { KnowledgeDoc } from './types';

/** `[[hub:gavi]]` — the reference syntax, for Markdown documents. */
export function referenceFor(doc: Pick<KnowledgeDoc, 'kind' | 'id'>): string {
  return `[[${doc.kind}:${doc.id}]]`;
}

/**
 * A citation a writer can paste into a charter or a report: title, kind, the knowledge base,
 * review date, and the primary website (for hubs).
 */
export function citationFor(doc: KnowledgeDoc): string {
  const what = KINDS[doc.kind].citeAs;
  const reviewed = doc.hub?.last_reviewed ? `, last reviewed ${doc.hub.last_reviewed}` : '';
  const where = doc.origin === 'workspace' ? 'own knowledge folder' : 'Impact Hubs knowledge base (CC BY 4.0)';
  const site = doc.hub?.website ? ` ${doc.hub.website}` : '';
  const n = doc.sources.length;
  return `"${doc.title}", ${what} in the ${where}${reviewed}; ${n} cited source${n === 1 ? '' : 's'}.${site}`.trim();
}
