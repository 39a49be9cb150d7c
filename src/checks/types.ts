import type { DocKind } from '../core/types';
import type { ElementFinding, ElementId } from '../documents/charter';
import type { MdDoc } from '../documents/markdown';

/** The writer's document kinds that have checks (front matter `type:`). */
export type CheckedType = 'hub-charter' | 'theory-of-change' | 'landscape-map';
export const CHECKED_TYPES: readonly CheckedType[] = ['hub-charter', 'theory-of-change', 'landscape-map'];

/** What a rule applies to: a document type, any Markdown file, or an own knowledge document. */
export type RuleTarget = CheckedType | 'markdown' | 'knowledge';

export type Severity = 'error' | 'warning' | 'info';
export type SeverityOrOff = Severity | 'off';

/**
 * A quick fix as plain data; the editor turns it into an undoable edit, the CLI prints its title.
 * Lines are 1-based; `snippet` text may hold `${1:…}` tab stops.
 */
export type Fix =
  | { kind: 'insert-section'; title: string; outline: 'hub-charter' | 'theory-of-change' | 'landscape-map'; section: string }
  | { kind: 'insert-after'; title: string; line: number; snippet: string }
  | { kind: 'replace-lines'; title: string; line: number; endLine: number; snippet: string }
  | { kind: 'replace-range'; title: string; line: number; column: number; endColumn: number; text: string }
  | { kind: 'disable-rule'; title: string; rule: string };

export interface Finding {
  rule: string;
  severity: Severity;
  /** 1-based line and column (column 1 when the whole line is meant). */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  fixes: Fix[];
}

/** What a rule reports before the runner adds its id, severity and the disable fix. */
export interface RawFinding {
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  message: string;
  fixes?: Fix[];
}

export interface CheckContext {
  /** The document type (undefined for Markdown without one: only `markdown` rules run then). */
  type?: CheckedType;
  /** Where the document is (a URI or a path), for messages. */
  path?: string;
  /** Ids of the knowledge documents a `[[kind:id]]` reference may name (when known). */
  knownIds?: (kind: DocKind) => string[];
  text: string;
  /** The text's lines (0-based array; findings use 1-based lines). */
  lines: string[];
  doc: MdDoc;
  /** Charter elements (for charters; empty otherwise). */
  elements: ElementFinding[];
  element(id: ElementId): ElementFinding | undefined;
  /** Today's date as YYYY-MM-DD (injected so results are reproducible). */
  today: string;
  /** Documents this one links to in its front matter (`charter: ./x.md`, `landscape: ./map.md`), already read. */
  linked: Partial<Record<'charter' | 'landscape', { path: string; text: string } | { path: string; error: string }>>;
}

export interface RuleDocs {
  /** Why it matters, in one or two sentences (Markdown; `[[principle:…]]` references allowed). */
  why: string;
  /** Knowledge-base pages that explain the reason (`principle:narrow-goal`). */
  see: string[];
  /** How real hubs did it: quotes resolved from the knowledge base at documentation time. */
  examples?: { hub: string; find: string; intro: string }[];
  /** A passing and a failing example (Markdown). */
  good?: string;
  bad?: string;
}

export interface Rule {
  /** Stable id: `charter/goal-measurable`. */
  id: string;
  /** One line: what the rule wants. */
  description: string;
  appliesTo: readonly RuleTarget[];
  defaultSeverity: Severity;
  docs: RuleDocs;
  run(ctx: CheckContext): RawFinding[];
}
