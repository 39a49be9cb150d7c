import { sectionOfHeading } from '../core/authoring';
import type { Outline } from '../core/outlines';
import { sectionHelp } from '../core/section-examples';
import type { KnowledgeDoc } from '../core/types';
import { sectionSpan, type MdDoc } from './markdown';
import { isTemplateBlock } from './template-text';

/**
 * Which sections of an outline a document has, and whether the writer has written in them or they
 * still hold only the template's guidance, prompt or snippet defaults. Insert Section and the
 * Charter Guide (theories of change) report this; neither calls a prompt "done".
 */

export type SectionState = 'written' | 'empty' | 'missing';

export interface OutlineSectionState {
  id: string;
  title: string;
  state: SectionState;
  /** 1-based line of its first heading (absent when missing). */
  line?: number;
  /** 1-based line ranges [heading, last line] of every heading that names it. */
  ranges: [number, number][];
}

export function outlineSectionStates(doc: MdDoc, outline: Outline): OutlineSectionState[] {
  const found = new Map<string, { ranges: [number, number][]; written: boolean }>();
  doc.sections.forEach((s, i) => {
    if (!s.heading || s.heading.quoted || s.level < 2) return;
    const id = sectionOfHeading(outline, s.heading.text);
    if (!id) return;
    const span = sectionSpan(doc, i);
    const entry = found.get(id) ?? { ranges: [], written: false };
    entry.ranges.push([s.line, span[span.length - 1].endLine]);
    entry.written ||= span.some((sec) => sec.blocks.some((b) => b.type !== 'heading' && b.text.trim() !== '' && !isTemplateBlock(b)));
    found.set(id, entry);
  });
  return outline.sections.map((s) => {
    const f = found.get(s.id);
    return { id: s.id, title: s.title, state: !f ? 'missing' : f.written ? 'written' : 'empty', line: f?.ranges[0][0], ranges: f?.ranges ?? [] };
  });
}

/** Insert Section's list: written and prompt-only sections say so; missing ones show an example. */
export function sectionPicks(outline: Outline, states: OutlineSectionState[], docs: KnowledgeDoc[]): { label: string; description: string; detail?: string; id: string }[] {
  return outline.sections.map((s, i) => {
    const state = states.find((x) => x.id === s.id)?.state ?? 'missing';
    const example = state === 'missing' ? sectionHelp(outline.type, s.id, docs)?.examples[0] : undefined;
    return {
      label: `${i + 1}. ${s.title}`,
      description: state === 'written' ? '$(pass) written — go to it' : state === 'empty' ? '$(circle-large-outline) heading or prompt only — go to it' : s.purpose,
      detail: state !== 'missing' ? undefined : example ? `$(book) How real hubs did it: ${example.intro} (${example.hubTitle})` : s.questions[0],
      id: s.id,
    };
  });
}
