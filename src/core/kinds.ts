/**
 * One table for per-kind facts (labels, folders, icons, order) and one for rating labels. Every
 * view, the CLI, the reader and the search read these; nothing else spells them out.
 */
import type { DocKind, Rating } from './types';

export interface KindInfo {
  /** Singular label: "Hub". */
  label: string;
  /** Group heading in lists: "Hubs", "Design principles". */
  plural: string;
  /** How a citation names the document: "case study". */
  citeAs: string;
  /** Folder of the bundled knowledge base (`knowledge/<folder>/<id>.md`); none for own notes. */
  folder?: string;
  /** Codicon id used in trees, QuickPicks and hovers. */
  icon: string;
  /** Position in lists (lower first). */
  order: number;
}

export const KINDS: Readonly<Record<DocKind, KindInfo>> = {
  hub: { label: 'Hub', plural: 'Hubs', citeAs: 'case study', folder: 'hubs', icon: 'organization', order: 0 },
  principle: { label: 'Principle', plural: 'Design principles', citeAs: 'design principle', folder: 'principles', icon: 'lightbulb', order: 1 },
  framework: { label: 'Framework', plural: 'Frameworks', citeAs: 'framework', folder: 'frameworks', icon: 'symbol-structure', order: 2 },
  note: { label: 'Own document', plural: 'Own documents', citeAs: 'note', icon: 'note', order: 3 },
};

/** Every kind, in list order. */
export const DOC_KINDS: readonly DocKind[] = (Object.keys(KINDS) as DocKind[]).sort((a, b) => KINDS[a].order - KINDS[b].order);

export function isDocKind(value: unknown): value is DocKind {
  return typeof value === 'string' && Object.hasOwn(KINDS, value);
}

/** The kind whose bundled documents live in `folder` (`hubs` → `hub`). */
export function kindOfFolder(folder: string): DocKind | undefined {
  return DOC_KINDS.find((k) => KINDS[k].folder === folder);
}

export interface RatingInfo {
  /** "Exhibits" / "Partly" / "Does not". */
  label: string;
  /** In running text: "exhibits", "partly", "does not". */
  verb: string;
  /** A one-character mark for tables and plain text. */
  symbol: string;
  /** Codicon and theme colour for trees. */
  icon: string;
  color: string;
  order: number;
}

export const RATING_INFO: Readonly<Record<Rating, RatingInfo>> = {
  exhibits: { label: 'Exhibits', verb: 'exhibits', symbol: '✓', icon: 'pass', color: 'testing.iconPassed', order: 0 },
  partly: { label: 'Partly', verb: 'partly', symbol: '◐', icon: 'circle-large-outline', color: 'list.warningForeground', order: 1 },
  not: { label: 'Does not', verb: 'does not', symbol: '✗', icon: 'circle-slash', color: 'testing.iconFailed', order: 2 },
};
