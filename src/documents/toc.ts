/**
 * The theory-of-change notation and its parser: Markdown that reads as plain prose on GitHub and
 * parses into a graph (goal, outcomes, outputs, interventions, indicators, assumptions, causal
 * links). Pure: no vscode, no Node built-ins; linear-time line tokenizer; never throws.
 *
 * The notation (section headings matched like outline B in src/core/outlines.ts, numbering and
 * parenthesised asides ignored):
 *
 * ```markdown
 * ## Long-term goal
 * By 2030, 1 million people in Riverlands use safe water all year round.
 * - Indicator: people using safe water; target 1 million; by 2030 (baseline 0, source census)
 *
 * ## Outcomes pathway
 * - Village schemes work all year round. {#o1}          ← top-level outcomes feed the goal
 *   - Each scheme has a maintenance fund. {#o2}         ← a child is a precondition of its parent
 *     - Indicator: schemes with a fund; target 90%; by 2028
 *     - Assumption: Municipalities keep tariff powers.
 *   - Output: 400 operators trained.                    ← an output (a direct product)
 *
 * ## Causal links and rationales
 * - o2 → o1: because funded repairs keep schemes running   ← rationale on an existing arrow
 * - o5 → o1: because published results create pressure      ← a new arrow nesting cannot express
 *
 * ## Assumptions and external factors
 * - o2: Municipalities keep tariff-setting powers.
 * - Droughts do not exceed the 2019 level.              ← no reference: applies to the goal
 *
 * ## Interventions
 * - WaterWorks sets up maintenance funds → o2, o3
 *
 * ## Indicators
 * - o2: schemes with a fund; target 90%; by 2028 (baseline 20%, source audit)
 * ```
 *
 * Ids: `{#id}` at the end of an item sets a stable id. Every pathway item (outcome or output) also
 * has an ordinal id `o1`, `o2`, … in document order, and every intervention `i1`, `i2`, …; an
 * explicit id wins over an ordinal of the same name. The goal is `goal`. `->` and `→` are both
 * arrows. Lines are 0-based everywhere (as in the editor).
 */
import { findSections } from '../core/authoring';
import { THEORY_OF_CHANGE } from '../core/outlines';

export type TocNodeKind = 'goal' | 'outcome' | 'output' | 'intervention';
export type TocEdgeKind = 'precondition' | 'contributes' | 'explicit';

/** The parts of an indicator (ActKnowledge's four parts plus what a results framework needs). */
export interface IndicatorParts {
  /** Population: who is changing. */
  who?: string;
  /** Target (and threshold): how many, how much is good enough. */
  howMuch?: string;
  /** Timeline: by when. */
  byWhen?: string;
  /** Data source. */
  source?: string;
  /** Baseline value (results framework). */
  baseline?: string;
  /** Means of verification (results framework). */
  verification?: string;
}

export interface TocIndicator {
  text: string;
  parts: IndicatorParts;
  /** 0-based line. */
  line: number;
}

export interface TocAssumption {
  text: string;
  /** 0-based line. */
  line: number;
}

export interface TocNode {
  id: string;
  kind: TocNodeKind;
  /** Display text (Markdown emphasis, links and the `{#id}` removed). */
  text: string;
  /** 0-based line of the item (for the goal: of its first line). */
  line: number;
  /** Layer: 0 for the goal, 1 for outcomes that feed it, …; interventions one below the deepest. */
  level: number;
  indicators: TocIndicator[];
  assumptions: TocAssumption[];
  /** The id written with `{#…}`, if any. */
  explicitId?: string;
  /** The ordinal id (`o3`, `i2`) that references may also use. */
  ordinal?: string;
  /** Parent in the outcomes list (nesting), if any. */
  parent?: string;
}

export interface TocEdge {
  /** The precondition, output or intervention. */
  from: string;
  /** What it leads to. */
  to: string;
  kind: TocEdgeKind;
  rationale?: string;
  /** 0-based line of the rationale, when it is written on a "Causal links" line. */
  rationaleLine?: number;
  /** 0-based line where the link is written (the child item, the intervention or the link line). */
  line: number;
}

export type TocProblemCode =
  | 'empty'
  | 'no-goal'
  | 'no-outcomes'
  | 'duplicate-id'
  | 'dangling-reference'
  | 'self-link'
  | 'cycle'
  | 'misplaced-attachment'
  | 'unattached-indicator';

export interface TocProblem {
  /** 0-based line. */
  line: number;
  message: string;
  code: TocProblemCode;
}

export interface TocGraph {
  goal?: TocNode;
  /** Every node, the goal first, then pathway items and interventions in document order. */
  nodes: TocNode[];
  edges: TocEdge[];
  problems: TocProblem[];
}

const PROBLEM_ORDER: TocProblemCode[] = ['empty', 'no-goal', 'duplicate-id', 'misplaced-attachment', 'unattached-indicator', 'dangling-reference', 'self-link', 'cycle', 'no-outcomes'];

/** The id of the goal node (references may use it: `o1 → goal`). */
export const GOAL_ID = 'goal';

// ------------------------------------------------------------------ line tokenizer

interface ListItem {
  indent: number;
  /** Content column (where the text starts). */
  column: number;
  text: string;
  line: number;
}

/** Leading whitespace width (a tab counts 4). */
function indentOf(line: string): number {
  let n = 0;
  for (const c of line) {
    if (c === ' ') n++;
    else if (c === '\t') n += 4 - (n % 4);
    else break;
  }
  return n;
}

function leadingLength(line: string): number {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  return i;
}

/** A list item (`-`, `*`, `+`, `1.`, `1)`), or undefined. Character scan, no regex. */
export function listItem(line: string, lineNo: number): ListItem | undefined {
  const lead = leadingLength(line);
  let i = lead;
  const c = line[i];
  if (c === '-' || c === '*' || c === '+') i++;
  else {
    const start = i;
    while (i < line.length && line.charCodeAt(i) >= 48 && line.charCodeAt(i) <= 57) i++;
    if (i === start || i - start > 9 || (line[i] !== '.' && line[i] !== ')')) return undefined;
    i++;
  }
  if (i < line.length && line[i] !== ' ' && line[i] !== '\t') return undefined;
  const textStart = leadingLength(line.slice(i)) + i;
  const text = line.slice(textStart).trim();
  // A thematic break (`- - -`, `***`) is not an item.
  if (c === '-' || c === '*') {
    let only = true;
    for (const ch of line.trim()) if (ch !== c && ch !== ' ') only = false;
    if (only && line.trim().length >= 3) return undefined;
  }
  return { indent: indentOf(line.slice(0, lead)), column: indentOf(line.slice(0, lead)) + (textStart - lead), text, line: lineNo };
}

export function isHeading(line: string): number {
  const t = line.trimStart();
  if (indentOf(line) > 3) return 0;
  let n = 0;
  while (n < t.length && t[n] === '#') n++;
  return n >= 1 && n <= 6 && (n === t.length || t[n] === ' ' || t[n] === '\t') ? n : 0;
}

export function isFence(line: string): boolean {
  const t = line.trimStart();
  return indentOf(line) <= 3 && (t.startsWith('```') || t.startsWith('~~~'));
}

// ------------------------------------------------------------------ inline text

/** Plain display text: `**b**`, `*i*`, `_i_`, `` `c` ``, `[text](url)`, `[[hub:x]]` and HTML comments reduced. */
export function plainText(s: string): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '<' && s.startsWith('<!--', i)) {
      const end = s.indexOf('-->', i + 4);
      i = end < 0 ? s.length : end + 3;
      continue;
    }
    if (c === '[' && s[i + 1] === '[') {
      const end = s.indexOf(']]', i + 2);
      if (end > 0) {
        const inner = s.slice(i + 2, end);
        const bar = inner.indexOf('|');
        out += bar >= 0 ? inner.slice(bar + 1) : inner;
        i = end + 2;
        continue;
      }
    }
    if (c === '[') {
      const close = s.indexOf(']', i + 1);
      if (close > 0 && s[close + 1] === '(') {
        const paren = s.indexOf(')', close + 2);
        if (paren > 0) {
          out += s.slice(i + 1, close);
          i = paren + 1;
          continue;
        }
      }
    }
    if (c === '*' || c === '`' || (c === '_' && (i === 0 || !/[A-Za-z0-9]/.test(s[i - 1] ?? '') || !/[A-Za-z0-9]/.test(s[i + 1] ?? '')))) {
      i++;
      continue;
    }
    if (c === '\\' && i + 1 < s.length) {
      out += s[i + 1];
      i += 2;
      continue;
    }
    out += c;
    i++;
  }
  return collapseSpaces(out);
}

function collapseSpaces(s: string): string {
  let out = '';
  let space = false;
  for (const c of s) {
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') space = out.length > 0;
    else {
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

const isIdChar = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '-' || c === '_' || c === '.';

/** A valid id: letters, digits, `-`, `_`, `.`; starts with a letter or digit; at most 64 characters. */
export function isId(s: string): boolean {
  if (!s || s.length > 64 || !/[A-Za-z0-9]/.test(s[0])) return false;
  for (const c of s) if (!isIdChar(c)) return false;
  return true;
}

/** Removes a trailing (or anywhere) `{#id}` marker; returns the id and the remaining text. */
export function takeId(text: string): { text: string; id?: string } {
  const at = text.lastIndexOf('{#');
  if (at < 0) return { text };
  const end = text.indexOf('}', at);
  if (end < 0) return { text };
  const id = text.slice(at + 2, end).trim();
  if (!isId(id)) return { text };
  return { text: (text.slice(0, at) + text.slice(end + 1)).trim(), id };
}

/** The arrow in a line (`→` or `->`): its index and length, or undefined. */
export function findArrow(s: string): { at: number; length: number } | undefined {
  const a = s.indexOf('→');
  const b = s.indexOf('->');
  if (a < 0 && b < 0) return undefined;
  if (a >= 0 && (b < 0 || a < b)) return { at: a, length: 1 };
  return { at: b, length: 2 };
}

/** Strips a leading label such as `**Indicator:**`, `Indicator:` or `Outcome -`; returns the label (lower case). */
export function takeLabel(text: string, labels: readonly string[]): { label?: string; rest: string } {
  let t = text;
  let strong = false;
  if (t.startsWith('**')) {
    t = t.slice(2);
    strong = true;
  } else if (t.startsWith('__')) {
    t = t.slice(2);
    strong = true;
  }
  const lower = t.toLowerCase();
  for (const label of labels) {
    if (!lower.startsWith(label)) continue;
    let i = label.length;
    if (strong && t.startsWith('**', i)) i += 2;
    if (t[i] !== ':' && t[i] !== ' ') continue;
    if (t[i] === ' ' && t[i + 1] !== '-' && t[i + 1] !== ':') continue;
    while (i < t.length && (t[i] === ':' || t[i] === ' ' || t[i] === '-')) i++;
    if (strong && t.startsWith('**', i)) i += 2;
    return { label, rest: t.slice(i).trim() };
  }
  return { rest: text };
}

/** `o3, o4 and goal` → ids, in order, without empties. */
export function splitRefs(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  const flush = () => {
    const t = cur.trim();
    if (t) out.push(t);
    cur = '';
  };
  const words = s.split(' ');
  words.forEach((w, i) => {
    if (w === 'and' || w === '&') {
      flush();
      return;
    }
    for (const c of w) {
      if (c === ',' || c === ';') flush();
      else cur += c;
    }
    if (i < words.length - 1) cur += ' ';
  });
  flush();
  return out.map((r) => plainText(r).replace(/\.$/, ''));
}

// ------------------------------------------------------------------ indicators

const PART_KEYS: { keys: string[]; part: keyof IndicatorParts }[] = [
  { keys: ['means of verification', 'verification', 'verified by', 'mov'], part: 'verification' },
  { keys: ['population', 'who'], part: 'who' },
  { keys: ['target', 'threshold', 'how much', 'how many'], part: 'howMuch' },
  { keys: ['by when', 'timeline', 'deadline', 'date', 'by'], part: 'byWhen' },
  { keys: ['data source', 'source', 'data from'], part: 'source' },
  { keys: ['baseline'], part: 'baseline' },
];

/**
 * The parts of an indicator written as `population …; target …; threshold …; by …
 * (baseline …, source …, verification …)`. Segments are split at `;`, `(`, `)` and, inside
 * parentheses, at `,`. Unkeyed text without any part: the whole text is the population (who).
 */
export function indicatorParts(text: string): IndicatorParts {
  const segments: string[] = [];
  let cur = '';
  let depth = 0;
  for (const c of text) {
    if (c === ';' || c === '(' || c === ')' || (c === ',' && depth > 0)) {
      segments.push(cur);
      cur = '';
      if (c === '(') depth++;
      if (c === ')') depth = Math.max(0, depth - 1);
    } else cur += c;
  }
  segments.push(cur);
  const parts: IndicatorParts = {};
  const loose: string[] = [];
  for (const raw of segments) {
    const seg = plainText(raw).replace(/\.$/, '').trim();
    if (!seg) continue;
    const lower = seg.toLowerCase();
    let matched = false;
    for (const { keys, part } of PART_KEYS) {
      const key = keys.find((k) => lower.startsWith(k) && (lower.length === k.length || lower[k.length] === ' ' || lower[k.length] === ':'));
      if (!key) continue;
      const value = seg.slice(key.length).replace(/^[:\s]+/, '').trim();
      if (!value) continue;
      parts[part] = parts[part] ? `${parts[part]}; ${value}` : value;
      matched = true;
      break;
    }
    if (!matched) loose.push(seg);
  }
  if (!parts.who && loose.length) parts.who = loose.join('; ');
  return parts;
}

// ------------------------------------------------------------------ the parser

type SectionId = 'goal' | 'outcomes' | 'links' | 'assumptions' | 'interventions' | 'indicators';
const WANTED: readonly string[] = ['goal', 'outcomes', 'links', 'assumptions', 'interventions', 'indicators'];
const ATTACH_LABELS = ['indicator', 'assumption'] as const;
const NODE_LABELS = ['outcome', 'output', 'intervention', 'goal', 'precondition'] as const;

interface Pending {
  kind: 'indicator' | 'assumption' | 'edge';
  refs: string[];
  text: string;
  line: number;
  /** For edges: the target and the rationale. */
  to?: string;
  kindOfEdge?: TocEdgeKind;
}

/** The sections of a theory of change: 0-based start (heading line) and end (exclusive). */
function sectionRanges(lines: string[], text: string): { id: SectionId; start: number; end: number }[] {
  const found = findSections(text, THEORY_OF_CHANGE);
  const out: { id: SectionId; start: number; end: number }[] = [];
  // Next heading of the same or a higher level ends a section. One pass over the heading lines.
  const headings: { line: number; level: number }[] = [];
  let fence = false;
  lines.forEach((l, i) => {
    if (isFence(l)) fence = !fence;
    else if (!fence) {
      const h = isHeading(l);
      if (h) headings.push({ line: i, level: h });
    }
  });
  for (const f of found) {
    if (!WANTED.includes(f.id)) continue;
    const next = headings.find((h) => h.line > f.line && h.level <= f.level);
    out.push({ id: f.id as SectionId, start: f.line, end: next ? next.line : lines.length });
  }
  return out;
}

/** The front matter's last line (0-based), or -1. */
function frontMatterEnd(lines: string[]): number {
  if (lines[0]?.trim() !== '---') return -1;
  for (let i = 1; i < lines.length; i++) if (lines[i].trim() === '---' || lines[i].trim() === '...') return i;
  return -1;
}

/** Items of a section: list items with their continuation lines; plus paragraphs (for the goal). */
function scanSection(lines: string[], start: number, end: number): { items: ListItem[]; paragraphs: { text: string; line: number }[] } {
  const items: ListItem[] = [];
  const paragraphs: { text: string; line: number }[] = [];
  let fence = false;
  let current: ListItem | undefined;
  let para: { text: string; line: number } | undefined;
  for (let i = start + 1; i < end; i++) {
    const line = lines[i];
    if (isFence(line)) {
      fence = !fence;
      current = undefined;
      para = undefined;
      continue;
    }
    if (fence) continue;
    const trimmed = line.trim();
    if (!trimmed) {
      current = undefined;
      para = undefined;
      continue;
    }
    if (trimmed.startsWith('>') || isHeading(line) || trimmed.startsWith('<!--') || trimmed.startsWith('|')) {
      current = undefined;
      para = undefined;
      continue;
    }
    const item = listItem(line, i);
    if (item) {
      para = undefined;
      current = item;
      items.push(item);
      continue;
    }
    if (current) {
      current.text = `${current.text} ${trimmed}`;
      continue;
    }
    if (para) para.text = `${para.text} ${trimmed}`;
    else {
      para = { text: trimmed, line: i };
      paragraphs.push(para);
    }
  }
  return { items, paragraphs };
}

/** A template prompt: a paragraph entirely in italics (`*By <date>, …*`). */
function isPrompt(text: string): boolean {
  const t = text.trim();
  return (t.startsWith('*') && !t.startsWith('**') && t.endsWith('*')) || (t.startsWith('_') && t.endsWith('_') && !t.startsWith('__'));
}

/**
 * Parses a theory of change written in the notation above into a graph. Never throws: malformed
 * input (no goal, cycles, dangling references, duplicate ids, an empty document) gives what can be
 * drawn plus a list of problems, each with its 0-based line.
 */
export function parseTheoryOfChange(source: string): TocGraph {
  try {
    return parse(typeof source === 'string' ? source : '');
  } catch (e) {
    // A parser bug must not break the editor: report it as a problem on line 0.
    return { nodes: [], edges: [], problems: [{ line: 0, code: 'empty', message: `The theory of change could not be read (${e instanceof Error ? e.message : String(e)}).` }] };
  }
}

function parse(source: string): TocGraph {
  const lines = source.split(/\r?\n/);
  const problems: TocProblem[] = [];
  const nodes: TocNode[] = [];
  const edges: TocEdge[] = [];
  const pending: Pending[] = [];
  const byId = new Map<string, TocNode>();
  const byOrdinal = new Map<string, TocNode>();
  const explicit = new Map<string, TocNode>();
  const fm = frontMatterEnd(lines);
  const sections = sectionRanges(lines, source).filter((s) => s.start > fm);

  const hasContent = lines.some((l, i) => i > fm && l.trim() !== '');
  if (!hasContent) {
    problems.push({ line: 0, code: 'empty', message: 'The document is empty: add a "Long-term goal" section and an "Outcomes pathway" list.' });
    return { nodes, edges, problems };
  }

  const newNode = (kind: TocNodeKind, rawText: string, line: number, ordinal?: string): TocNode => {
    const { text, id } = takeId(rawText);
    const node: TocNode = { id: '', kind, text: plainText(text), line, level: 0, indicators: [], assumptions: [], ordinal };
    if (id) {
      node.explicitId = id;
      const other = explicit.get(id);
      if (other) {
        problems.push({ line, code: 'duplicate-id', message: `The id "${id}" is already used on line ${other.line + 1}; give this item another id.` });
      } else {
        node.id = id;
        explicit.set(id, node);
      }
    }
    nodes.push(node);
    return node;
  };

  // ---- goal
  const goalSection = sections.find((s) => s.id === 'goal');
  let goal: TocNode | undefined;
  const goalAttachments: { item: ListItem; label: string; rest: string }[] = [];
  if (goalSection) {
    const { items, paragraphs } = scanSection(lines, goalSection.start, goalSection.end);
    const candidates = [...paragraphs.map((p) => ({ text: p.text, line: p.line })), ...items.map((it) => ({ text: it.text, line: it.line }))]
      .filter((c) => !isPrompt(c.text))
      .filter((c) => !takeLabel(c.text, ATTACH_LABELS).label)
      .sort((a, b) => a.line - b.line);
    const first = candidates[0];
    if (first) {
      const { rest } = takeLabel(first.text, ['goal', 'impact', 'long-term goal']);
      goal = newNode('goal', rest, first.line);
    }
    for (const item of items) {
      const { label, rest } = takeLabel(item.text, ATTACH_LABELS);
      if (label) goalAttachments.push({ item, label, rest });
    }
  }
  if (!goal) {
    problems.push({ line: goalSection?.start ?? 0, code: 'no-goal', message: goalSection ? 'The "Long-term goal" section has no goal yet: write one sentence (what changes, for whom, how much, by when).' : 'No "Long-term goal" section: add one, with one sentence saying what changes, for whom, how much and by when.' });
  } else {
    if (!goal.id) goal.id = GOAL_ID;
    for (const { label, rest, item } of goalAttachments) attach(goal, label, rest, item.line);
  }

  function attach(node: TocNode, label: string, text: string, line: number) {
    const clean = text.trim();
    if (label === 'indicator') node.indicators.push({ text: plainText(clean), parts: indicatorParts(clean), line });
    else node.assumptions.push({ text: plainText(clean), line });
  }

  // Interventions: those nested in the pathway and those in their own section (the state comes
  // first: the pathway meets nested interventions before the Interventions section is read).
  let interventionOrdinal = 0;
  const interventionSection = sections.find((s) => s.id === 'interventions');
  const interventions: { node: TocNode; refs: string[]; line: number; nestedUnder?: TocNode }[] = [];
  function pendingIntervention(node: TocNode, parent?: TocNode) {
    node.ordinal = `i${++interventionOrdinal}`;
    const arrow = findArrow(node.text);
    let refs: string[] = [];
    if (arrow) {
      refs = splitRefs(node.text.slice(arrow.at + arrow.length));
      node.text = node.text.slice(0, arrow.at).trim();
    }
    interventions.push({ node, refs, line: node.line, nestedUnder: parent });
  }
  // ---- outcomes pathway (nesting)
  const pathway = sections.find((s) => s.id === 'outcomes');
  let ordinal = 0;
  const nesting: { child: TocNode; parent?: TocNode; line: number }[] = [];
  /**
   * A section's list items with their nesting: an indicator or assumption item is attached to the
   * nearest box above it (or reported as misplaced); `visit` reads every other item with that box
   * and returns the box it makes, or undefined for a detail line that makes none.
   */
  function walkNested(section: { start: number; end: number }, misplaced: (label: string) => string, visit: (item: { text: string; line: number }, parent: TocNode | undefined) => TocNode | undefined) {
    const { items } = scanSection(lines, section.start, section.end);
    const stack: { indent: number; node?: TocNode }[] = [];
    for (const item of items) {
      while (stack.length && stack[stack.length - 1].indent >= item.indent) stack.pop();
      const parent = [...stack].reverse().find((s) => s.node)?.node;
      const { label, rest } = takeLabel(item.text, ATTACH_LABELS);
      if (label) {
        if (parent) attach(parent, label, rest, item.line);
        else problems.push({ line: item.line, code: 'misplaced-attachment', message: misplaced(label) });
        stack.push({ indent: item.indent });
        continue;
      }
      const node = visit(item, parent);
      if (node) stack.push({ indent: item.indent, node });
    }
  }

  if (pathway) {
    walkNested(
      pathway,
      (label) => `This ${label} is not nested under an outcome: indent it under the outcome it belongs to, or start it with an id ("o2: …") in the ${label === 'indicator' ? 'Indicators' : 'Assumptions'} section.`,
      (item, parent) => {
        const named = takeLabel(item.text, NODE_LABELS);
        const kind: TocNodeKind = named.label === 'output' ? 'output' : named.label === 'intervention' ? 'intervention' : 'outcome';
        const node = newNode(kind, named.rest, item.line, kind === 'intervention' ? undefined : `o${++ordinal}`);
        if (kind === 'intervention') {
          // An intervention nested in the pathway contributes to its parent.
          pendingIntervention(node, parent);
        } else nesting.push({ child: node, parent, line: item.line });
        return node;
      },
    );
  }

  // ---- interventions
  if (interventionSection) {
    walkNested(
      interventionSection,
      (label) => `This ${label} is not nested under an intervention or outcome.`,
      (item, parent) => {
        // A sub-item of an intervention: more detail, part of its text.
        if (parent) return undefined;
        // The id may sit after the arrow's references: newNode takes it from the whole line.
        const node = newNode('intervention', takeLabel(item.text, ['intervention']).rest, item.line);
        pendingIntervention(node);
        return node;
      },
    );
  }

  // ---- ids: explicit ids first, then ordinals where free
  for (const n of nodes) if (n.id) byId.set(n.id, n);
  for (const n of nodes) {
    if (n.ordinal) byOrdinal.set(n.ordinal, n);
    if (!n.id) {
      const wanted = n.ordinal ?? `n${n.line + 1}`;
      n.id = byId.has(wanted) ? `${wanted}-l${n.line + 1}` : wanted;
      byId.set(n.id, n);
    }
  }
  const resolve = (ref: string): TocNode | undefined => {
    const r = ref.replace(/^#/, '').trim();
    return byId.get(r) ?? byOrdinal.get(r) ?? (r.toLowerCase() === GOAL_ID ? goal : undefined);
  };

  // ---- edges from nesting
  const edgeKey = new Map<string, TocEdge>();
  const addEdge = (e: TocEdge): TocEdge => {
    const k = `${e.from}\u0000${e.to}`;
    const had = edgeKey.get(k);
    if (had) return had;
    edges.push(e);
    edgeKey.set(k, e);
    return e;
  };
  for (const { child, parent, line } of nesting) {
    if (parent) {
      child.parent = parent.id;
      addEdge({ from: child.id, to: parent.id, kind: 'precondition', line });
    } else if (goal) addEdge({ from: child.id, to: goal.id, kind: 'precondition', line });
  }
  for (const iv of interventions) {
    if (iv.nestedUnder) addEdge({ from: iv.node.id, to: iv.nestedUnder.id, kind: 'contributes', line: iv.line });
    for (const ref of iv.refs) {
      const target = resolve(ref);
      if (!target) problems.push({ line: iv.line, code: 'dangling-reference', message: danglingMessage(ref) });
      else if (target === iv.node) problems.push({ line: iv.line, code: 'self-link', message: 'An intervention cannot contribute to itself.' });
      else addEdge({ from: iv.node.id, to: target.id, kind: 'contributes', line: iv.line });
    }
  }

  // ---- causal links and rationales
  const linkSection = sections.find((s) => s.id === 'links');
  if (linkSection) {
    for (const item of scanSection(lines, linkSection.start, linkSection.end).items) {
      const arrow = findArrow(item.text);
      if (!arrow) continue; // prose ("If A then B, because …") is allowed and not a link
      const fromRefs = splitRefs(item.text.slice(0, arrow.at));
      const right = item.text.slice(arrow.at + arrow.length).trim();
      const colon = right.indexOf(':');
      const toRef = plainText(colon >= 0 ? right.slice(0, colon) : right.split(' ')[0]).replace(/\.$/, '');
      const rationale = colon >= 0 ? plainText(right.slice(colon + 1)) : plainText(right.slice(toRef.length));
      pending.push({ kind: 'edge', refs: fromRefs, text: rationale, line: item.line, to: toRef });
    }
  }

  // ---- indicators and assumptions by reference
  const byReference = (sectionId: 'indicators' | 'assumptions', label: 'indicator' | 'assumption') => {
    const section = sections.find((s) => s.id === sectionId);
    if (!section) return;
    const stack: { indent: number; node?: TocNode }[] = [];
    for (const item of scanSection(lines, section.start, section.end).items) {
      while (stack.length && stack[stack.length - 1].indent >= item.indent) stack.pop();
      const parent = [...stack].reverse().find((s) => s.node)?.node;
      let text = takeLabel(item.text, [label]).rest;
      const ref = refPrefix(text);
      let node: TocNode | undefined;
      if (ref) {
        node = resolve(ref.ref);
        text = ref.rest;
        if (!node) {
          problems.push({ line: item.line, code: 'dangling-reference', message: danglingMessage(ref.ref) });
          stack.push({ indent: item.indent });
          continue;
        }
      } else if (parent) node = parent;
      if (node) {
        attach(node, label, text, item.line);
        // Sub-items under "o2:" attach to o2 as well.
        stack.push({ indent: item.indent, node: ref ? node : undefined });
      } else if (label === 'assumption' && goal) {
        // An assumption about no particular outcome is an external factor of the whole theory.
        attach(goal, label, text, item.line);
        stack.push({ indent: item.indent });
      } else {
        problems.push({ line: item.line, code: label === 'indicator' ? 'unattached-indicator' : 'misplaced-attachment', message: `Which outcome does this ${label} measure? Start it with the outcome's id, e.g. "o2: …".` });
        stack.push({ indent: item.indent });
      }
    }
  };
  byReference('indicators', 'indicator');
  byReference('assumptions', 'assumption');

  for (const p of pending) {
    const to = p.to ? resolve(p.to) : undefined;
    if (!to) {
      problems.push({ line: p.line, code: 'dangling-reference', message: danglingMessage(p.to ?? '') });
      continue;
    }
    for (const ref of p.refs) {
      const from = resolve(ref);
      if (!from) {
        problems.push({ line: p.line, code: 'dangling-reference', message: danglingMessage(ref) });
        continue;
      }
      if (from === to) {
        problems.push({ line: p.line, code: 'self-link', message: `"${ref}" cannot lead to itself.` });
        continue;
      }
      const e = addEdge({ from: from.id, to: to.id, kind: 'explicit', line: p.line });
      if (p.text) {
        e.rationale = e.rationale ? `${e.rationale} ${p.text}` : p.text;
        e.rationaleLine ??= p.line;
      }
    }
  }

  if (!nodes.some((n) => n.kind === 'outcome' || n.kind === 'output')) {
    problems.push({ line: pathway?.start ?? goalSection?.start ?? 0, code: 'no-outcomes', message: pathway ? 'The "Outcomes pathway" has no outcomes yet: list them as nested bullet points.' : 'No "Outcomes pathway" section: add one and list the outcomes as nested bullet points under what they lead to.' });
  }

  findCycles(nodes, edges, problems);
  assignLevels(nodes, edges);
  problems.sort((a, b) => a.line - b.line || PROBLEM_ORDER.indexOf(a.code) - PROBLEM_ORDER.indexOf(b.code));
  return { goal, nodes: goal ? [goal, ...nodes.filter((n) => n !== goal)] : nodes, edges, problems };
}

function danglingMessage(ref: string): string {
  return isId(ref) ? `There is no outcome or intervention with the id "${ref}".` : `"${ref}" is not an id: refer to outcomes by id (o1, o2, … in order, or an id set with {#id}).`;
}

/** `o2: text` or `**o2:** text` → the reference and the rest. */
function refPrefix(text: string): { ref: string; rest: string } | undefined {
  let t = text;
  if (t.startsWith('**')) t = t.slice(2);
  const colon = t.indexOf(':');
  if (colon <= 0 || colon > 66) return undefined;
  let ref = t.slice(0, colon).trim();
  if (ref.endsWith('**')) ref = ref.slice(0, -2);
  ref = ref.replace(/^#/, '');
  if (!isId(ref) || ref.toLowerCase() === 'indicator' || ref.toLowerCase() === 'assumption') return undefined;
  let rest = t.slice(colon + 1);
  if (rest.startsWith('**')) rest = rest.slice(2);
  return { ref, rest: rest.trim() };
}

/**
 * The edges that close a cycle. Nesting and interventions alone cannot make one (nesting is a
 * tree that ends at the goal), so the blame goes to explicit links: they are added one by one, in
 * document order, and a link whose target already leads back to its source is a cycle edge.
 * O(links × (nodes + edges)); layouts leave these edges out.
 */
export function backEdges(graph: Pick<TocGraph, 'nodes' | 'edges'>): Set<TocEdge> {
  const out = new Map<string, string[]>();
  const add = (e: TocEdge) => (out.get(e.from) ?? out.set(e.from, []).get(e.from)!).push(e.to);
  const back = new Set<TocEdge>();
  const reaches = (from: string, to: string): boolean => {
    const seen = new Set<string>([from]);
    const stack = [from];
    while (stack.length) {
      const v = stack.pop()!;
      if (v === to) return true;
      for (const w of out.get(v) ?? []) {
        if (!seen.has(w)) {
          seen.add(w);
          stack.push(w);
        }
      }
    }
    return false;
  };
  const explicit = graph.edges.filter((e) => e.kind === 'explicit');
  for (const e of graph.edges) if (e.kind !== 'explicit') add(e);
  for (const e of [...explicit].sort((a, b) => a.line - b.line)) {
    if (reaches(e.to, e.from)) back.add(e);
    else add(e);
  }
  return back;
}

function findCycles(nodes: TocNode[], edges: TocEdge[], problems: TocProblem[]): void {
  for (const e of backEdges({ nodes, edges })) {
    problems.push({ line: e.line, code: 'cycle', message: `This link makes a circle: "${e.to}" already leads, through other steps, to "${e.from}". A pathway must run towards the goal.` });
  }
}

/**
 * Levels: the goal 0; every other pathway node one more than the deepest node it leads to (longest
 * path, ignoring edges that close a cycle); interventions all one below the deepest outcome.
 * Nodes that lead nowhere sit one below the goal.
 */
function assignLevels(nodes: TocNode[], edges: TocEdge[]): void {
  const back = backEdges({ nodes, edges });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const outgoing = new Map<string, string[]>();
  const incoming = new Map<string, number>();
  for (const e of edges) {
    if (back.has(e)) continue;
    const from = byId.get(e.from);
    if (!from || from.kind === 'intervention') continue;
    (outgoing.get(e.from) ?? outgoing.set(e.from, []).get(e.from)!).push(e.to);
  }
  // Reverse topological order (Kahn on reversed edges): level(n) = 1 + max(level(targets)).
  const pathway = nodes.filter((n) => n.kind !== 'intervention');
  const reverseIn = new Map<string, string[]>();
  for (const [from, tos] of outgoing) for (const to of tos) (reverseIn.get(to) ?? reverseIn.set(to, []).get(to)!).push(from);
  for (const n of pathway) incoming.set(n.id, (outgoing.get(n.id) ?? []).length);
  const queue = pathway.filter((n) => (incoming.get(n.id) ?? 0) === 0);
  for (const n of queue) n.level = n.kind === 'goal' ? 0 : 1;
  for (let q = 0; q < queue.length; q++) {
    const n = queue[q];
    for (const from of reverseIn.get(n.id) ?? []) {
      const f = byId.get(from)!;
      f.level = Math.max(f.level, n.level + 1);
      const left = (incoming.get(from) ?? 0) - 1;
      incoming.set(from, left);
      if (left === 0) queue.push(f);
    }
  }
  const deepest = pathway.reduce((m, n) => Math.max(m, n.level), 0);
  for (const n of nodes) if (n.kind === 'intervention') n.level = deepest + 1;
}

/** Nodes by id. */
export function nodeIndex(graph: Pick<TocGraph, 'nodes'>): Map<string, TocNode> {
  return new Map(graph.nodes.map((n) => [n.id, n]));
}

/**
 * The node whose item (or whose indicator or assumption) is on a 0-based line, or the nearest node
 * above it within the same block; undefined when the line is outside every node.
 */
export function nodeAtLine(graph: Pick<TocGraph, 'nodes'>, line: number): TocNode | undefined {
  let best: TocNode | undefined;
  for (const n of graph.nodes) {
    if (n.line === line) return n;
    if (n.indicators.some((i) => i.line === line) || n.assumptions.some((a) => a.line === line)) best = best ?? n;
  }
  return best;
}

/** Every line that belongs to a node (its item, indicators, assumptions) → node id. */
export function linesOf(node: TocNode): number[] {
  return [node.line, ...node.indicators.map((i) => i.line), ...node.assumptions.map((a) => a.line)];
}
