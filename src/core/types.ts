/** Plain data types shared by the core, the search engine, the CLI and the VS Code adapters. */

export type DocKind = 'hub' | 'principle' | 'framework' | 'note';
export type Origin = 'bundled' | 'workspace';
export type Severity = 'error' | 'warning' | 'info';
export type Rating = 'exhibits' | 'partly' | 'not';

/** A problem found in a document, with a 1-based line number (0 = whole file). */
export interface Problem {
  file: string;
  line: number;
  field?: string;
  message: string;
  severity: Severity;
  code?: string;
}

export interface Fact {
  text: string;
  src: string[];
}

export interface FoundedFact extends Partial<Fact> {
  year?: number;
}

export interface Amount extends Fact {
  year?: number;
}

export interface PrincipleRating {
  id: string;
  rating: Rating;
  note: string;
  src: string[];
}

export interface HubFacts {
  short_name?: string;
  aliases: string[];
  website?: string;
  founded?: FoundedFact;
  launched_by?: Fact;
  legal_form?: Fact;
  host?: Fact;
  secretariat?: { location?: string; size?: string; src: string[] };
  governance?: { board?: string; seats?: number; constituencies: string[]; src: string[] };
  issue_area?: { category?: string; text: string; src: string[] };
  sdgs: number[];
  regions: string[];
  actor_types: string[];
  funding?: { model?: string; amounts: Amount[]; src: string[] };
  goal?: Fact;
  results: Amount[];
  principles: PrincipleRating[];
  last_reviewed?: string;
}

export interface Source {
  /** Footnote label, e.g. `gavi-board`. */
  label: string;
  url: string;
  /** The whole footnote definition text (title, date, notes). */
  text: string;
  secondary: boolean;
  line: number;
}

export interface Heading {
  level: number;
  text: string;
  slug: string;
  line: number;
}

export interface DocLink {
  target: string;
  line: number;
}

/** One parsed knowledge document (bundled or from the workspace). */
export interface KnowledgeDoc {
  id: string;
  kind: DocKind;
  origin: Origin;
  /** Path relative to the knowledge root for bundled docs; absolute path or URI for workspace docs. */
  path: string;
  title: string;
  summary: string;
  order?: number;
  questions: string[];
  hub?: HubFacts;
  body: string;
  /** 1-based line of the body's first line in the file. */
  bodyLine: number;
  headings: Heading[];
  sources: Source[];
  links: DocLink[];
  /** Plain text of the body (no Markdown syntax, no footnote definitions), for search and snippets. */
  text: string;
}

export interface ParseResult {
  doc?: KnowledgeDoc;
  problems: Problem[];
  /** 1-based file line of a front-matter field path such as ['principles', 2, 'note']. */
  lineOf?: (path: (string | number)[]) => number;
}
