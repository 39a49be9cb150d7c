import { CHARTER, LANDSCAPE_MAP, THEORY_OF_CHANGE } from '../core/outlines';
import { ELEMENT_IDS, type ElementId } from '../documents/charter';
import { sectionSpan, type MdDoc } from '../documents/markdown';
import { outlineSectionStates } from '../documents/outline-sections';
import type { LandscapeLink } from './landscape';
import type { CheckResult } from './runner';
import type { CheckedType, Finding } from './types';

/**
 * The Charter Guide as plain data: every element (charter) or section (theory of change, landscape
 * map) in outline order with ✓ written / ◌ heading or prompt only / ✗ missing / ⚠ has problems,
 * its problems, and where to insert it; for a charter, its linked landscape map's summary. The
 * tree view and its tests read this.
 */

export type GuideStatus = 'written' | 'empty' | 'missing' | 'problems';

export interface GuideItem {
  /** Element or outline section id. */
  id: string;
  label: string;
  status: GuideStatus;
  /** 1-based line of its heading or first mention. */
  line?: number;
  findings: Finding[];
  /** Outline section to insert when it is missing (Insert Section). */
  insert?: string;
}

export interface Guide {
  type: CheckedType;
  items: GuideItem[];
  /** Problems that belong to no element. */
  other: Finding[];
  /** "13 of 17 elements · 4 problems". */
  summary: string;
  /** A charter's linked landscape map, compared with the charter. */
  landscape?: LandscapeLink;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Line ranges [from, to] of the sections under headings that satisfy `match`. */
function spans(doc: MdDoc, match: (heading: string) => boolean): [number, number][] {
  const out: [number, number][] = [];
  doc.sections.forEach((s, i) => {
    if (!s.heading || !match(s.heading.text)) return;
    const span = sectionSpan(doc, i);
    out.push([s.line, span[span.length - 1].endLine]);
  });
  return out;
}

export function buildGuide(doc: MdDoc, result: CheckResult, elementOfHeading: (text: string) => ElementId | undefined): Guide | undefined {
  const type = result.type;
  if (!type) return undefined;
  const used = new Set<Finding>();
  const take = (pred: (f: Finding) => boolean) => result.findings.filter((f) => !used.has(f) && pred(f) && used.add(f));
  let items: GuideItem[];
  if (type === 'hub-charter') {
    items = ELEMENT_IDS.map((id) => {
      const e = result.elements.find((x) => x.id === id)!;
      const ranges = spans(doc, (h) => elementOfHeading(h) === id);
      const findings = take((f) => f.fixes.some((x) => x.kind === 'insert-section' && x.section === id) || ranges.some(([a, b]) => f.line >= a && f.line <= b));
      const status: GuideStatus = e.status === 'missing' ? 'missing' : findings.length ? 'problems' : e.status;
      return { id, label: e.label, status, line: e.line, findings, insert: e.status === 'missing' ? id : undefined };
    });
  } else {
    const outline = type === 'theory-of-change' ? THEORY_OF_CHANGE : type === 'landscape-map' ? LANDSCAPE_MAP : undefined;
    const states = outline ? outlineSectionStates(doc, outline) : [];
    items = states.map((s) => {
      const findings = take((f) => f.fixes.some((x) => x.kind === 'insert-section' && x.section === s.id) || s.ranges.some(([a, b]) => f.line >= a && f.line <= b));
      const status: GuideStatus = s.state === 'missing' ? 'missing' : findings.length ? 'problems' : s.state;
      return { id: s.id, label: s.title, status, line: s.line, findings, insert: s.state === 'missing' ? s.id : undefined };
    });
  }
  const other = result.findings.filter((f) => !used.has(f));
  const done = items.filter((i) => i.status === 'written' || i.status === 'problems').length;
  const problems = result.findings.length;
  const what = type === 'hub-charter' ? 'elements' : 'sections';
  return { type, items, other, summary: `${done} of ${items.length} ${what} · ${plural(problems, 'problem')}`, ...(result.landscape ? { landscape: result.landscape } : {}) };
}

/** Outline order of the charter sections, for the tree (elements follow outline A). */
export const CHARTER_ORDER = CHARTER.sections.map((s) => s.id);
