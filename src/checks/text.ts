import { dropParenthesised } from '../core/scan';
import { ELEMENTS, elementOfHeading, hasPhrase, wordString, type ElementFinding, type ElementId } from '../documents/charter';
import { isTemplateBlock } from '../documents/template-text';
import { THEORY_OF_CHANGE } from '../core/outlines';
import { headingWords, sectionSpan, type Block, type MdDoc } from '../documents/markdown';
import type { CheckContext } from './types';

/** Helpers the rules share: where an element's text is, numbers, dates, phrases. All linear. */

export { wordString };

export function hasAny(text: string, phrases: readonly string[]): boolean {
  const w = wordString(text);
  return phrases.some((p) => hasPhrase(w, p));
}

/** The first phrase of a list found in a text, with its column (1-based) in the text, or undefined. */
export function findPhrase(text: string, phrases: readonly string[]): { phrase: string; column: number } | undefined {
  const lower = text.toLowerCase();
  let best: { phrase: string; column: number } | undefined;
  for (const p of phrases) {
    const needle = p.replace(/\*$/, '');
    let at = lower.indexOf(needle);
    while (at >= 0) {
      const before = lower[at - 1];
      const after = lower[at + needle.length];
      const startOk = at === 0 || !/[\p{L}\p{N}]/u.test(before);
      const endOk = p.endsWith('*') || after === undefined || !/[\p{L}\p{N}]/u.test(after);
      if (startOk && endOk) break;
      at = lower.indexOf(needle, at + 1);
    }
    if (at >= 0 && (!best || at + 1 < best.column)) best = { phrase: needle, column: at + 1 };
  }
  return best;
}

/** The writer's blocks (no template guidance or prompts) under every heading that names an element. */
const blockCache = new WeakMap<CheckContext, Map<ElementId, Block[]>>();

export function elementBlocks(ctx: CheckContext, id: ElementId): Block[] {
  let cache = blockCache.get(ctx);
  if (!cache) blockCache.set(ctx, (cache = new Map()));
  let blocks = cache.get(id);
  if (!blocks) cache.set(id, (blocks = computeElementBlocks(ctx, id)));
  return blocks;
}

function computeElementBlocks(ctx: CheckContext, id: ElementId): Block[] {
  return elementBlocksOf(ctx.doc, ctx.elements, id);
}

/** The same for any parsed charter (for example one that a theory of change links to). */
export function elementBlocksOf(doc: MdDoc, elements: ElementFinding[], id: ElementId): Block[] {
  const out: Block[] = [];
  doc.sections.forEach((s, i) => {
    if (!s.heading || elementOfHeading(s.heading.text) !== id) return;
    for (const sec of sectionSpan(doc, i)) {
      if (sec !== s && sec.heading) out.push(sec.heading);
      out.push(...sec.blocks.filter((b) => !isTemplateBlock(b) && b.type !== 'code' && b.type !== 'html'));
    }
  });
  if (out.length) return out;
  // Found by its content only: the blocks that spoke to it.
  const f = elements.find((e) => e.id === id);
  if (!f || f.status === 'missing') return [];
  const lines = new Set(f.lines);
  return doc.blocks.filter((b) => lines.has(b.line) && !isTemplateBlock(b));
}

/**
 * The writer's blocks under the heading of an outline B (theory of change) section, matched by
 * the section's title with numbering ignored ("3. Outcomes pathway", "Long-term goal (impact)").
 */
export function tocSectionBlocks(ctx: CheckContext, sectionId: string): Block[] {
  const section = THEORY_OF_CHANGE.sections.find((s) => s.id === sectionId);
  if (!section) return [];
  const title = headingWords(section.title);
  const out: Block[] = [];
  ctx.doc.sections.forEach((s, i) => {
    if (!s.heading) return;
    const hw = headingWords(dropParenthesised(s.heading.text));
    if (hw !== title && !(hw.length >= 6 && (hw.startsWith(title) || title.startsWith(hw)))) return;
    for (const sec of sectionSpan(ctx.doc, i)) out.push(...sec.blocks.filter((b) => !isTemplateBlock(b) && b.type !== 'code' && b.type !== 'html'));
  });
  return out;
}

/** The heading line of an element's section, or the line where it was found. */
export function elementLine(ctx: CheckContext, id: ElementId): number {
  return ctx.element(id)?.line ?? firstHeadingLine(ctx);
}

export function firstHeadingLine(ctx: CheckContext): number {
  return ctx.doc.blocks.find((b) => b.type === 'heading')?.line ?? ctx.doc.bodyLine;
}

export function elementLabel(id: ElementId): string {
  return ELEMENTS.find((e) => e.id === id)!.label;
}

const NUMBER_WORDS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100,
};

/** A whole number written as digits or as a word (one … twenty, thirty, forty, fifty), else undefined. */
export function numberValue(word: string): number | undefined {
  const w = word.toLowerCase().replace(/,/g, '');
  if (/^\d+$/.test(w)) return Number(w);
  return Object.hasOwn(NUMBER_WORDS, w) ? NUMBER_WORDS[w] : undefined;
}

/** Words that state a quantity without digits ("halve violence by 2030"). */
export const QUANTITY_WORDS = ['half', 'halve', 'halving', 'double', 'doubling', 'triple', 'tripling', 'zero', 'all', 'every', 'universal', 'end', 'eliminate', 'eradicate', 'per cent', 'percent', 'quarter', 'third', 'million', 'billion', 'thousand', 'hundred'];

/** Whether a text states a number: digits, a percentage, or a quantity word. */
export function hasQuantity(text: string): boolean {
  return /\d/.test(text) || hasAny(text, QUANTITY_WORDS) || Object.keys(NUMBER_WORDS).some((n) => hasAny(text, [n]));
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Dates in a text: ISO dates, "1 March 2027", "March 2027", and bare years (as the year's last day). */
export function datesIn(text: string): { date: Date; text: string; column: number }[] {
  const out: { date: Date; text: string; column: number }[] = [];
  const tokens = [...text.matchAll(/[\p{L}\p{N}-]+/gu)];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i][0];
    const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
    if (iso) {
      out.push({ date: new Date(Date.UTC(+iso[1], +iso[2] - 1, +iso[3])), text: t, column: tokens[i].index + 1 });
      continue;
    }
    if (/^(19|20)\d{2}$/.test(t)) {
      const year = Number(t);
      const prev = tokens[i - 1]?.[0].toLowerCase() ?? '';
      const prev2 = tokens[i - 2]?.[0] ?? '';
      const month = MONTHS.indexOf(prev);
      if (month >= 0) {
        const day = /^\d{1,2}$/.test(prev2) ? Number(prev2) : new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
        out.push({ date: new Date(Date.UTC(year, month, day)), text: `${/^\d{1,2}$/.test(prev2) ? `${prev2} ` : ''}${tokens[i - 1][0]} ${t}`, column: tokens[/^\d{1,2}$/.test(prev2) ? i - 2 : i - 1].index + 1 });
      } else {
        out.push({ date: new Date(Date.UTC(year, 11, 31)), text: t, column: tokens[i].index + 1 });
      }
    }
  }
  return out;
}

/** Whether a text states a time frame: a date, a year, or "within N years/months". */
export function hasTimeframe(text: string): boolean {
  return datesIn(text).length > 0 || (hasAny(text, ['within', 'by the end of', 'years', 'months']) && hasQuantity(text));
}

export function parseDay(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, (m || 1) - 1, d || 1));
}

/** Whole months from one date to another (negative when `to` is earlier). */
export function monthsBetween(from: Date, to: Date): number {
  return (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth()) + (to.getUTCDate() >= from.getUTCDate() ? 0 : -1);
}

/** Sentences of a block's text, with their start offset. */
export function sentences(text: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if ((c === '.' || c === '!' || c === '?' || c === ';') && (i + 1 === text.length || text[i + 1] === ' ')) {
      const s = text.slice(start, i + 1).trim();
      if (s) out.push({ text: s, start });
      start = i + 1;
    }
  }
  const rest = text.slice(start).trim();
  if (rest) out.push({ text: rest, start });
  return out;
}

/** The column (1-based) of a piece of block text in its source line, or 1. */
export function columnOf(ctx: CheckContext, line: number, piece: string): number {
  const src = ctx.lines[line - 1] ?? '';
  const at = src.toLowerCase().indexOf(piece.toLowerCase().slice(0, 40));
  return at >= 0 ? at + 1 : 1;
}

/** "a, b and c". */
export function listText(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
