import type { Block } from '../../documents/markdown';
import { elementBlocks, elementLine, hasAny, numberValue } from '../text';
import type { Rule } from '../types';

/** "12 seats", "a Board of 12 members", "twelve voting seats": the number that counts seats or members. */
function seatCounts(text: string): { n: number; total: boolean }[] {
  const ws = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const out: { n: number; total: boolean }[] = [];
  for (let i = 0; i < ws.length; i++) {
    const n = numberValue(ws[i]);
    if (n === undefined || n > 200) continue;
    const next = ws.slice(i + 1, i + 3);
    const counts = next.some((w) => w === 'seats' || w === 'seat' || w === 'members' || w === 'member' || w === 'representatives' || w === 'representative');
    if (!counts) continue;
    const before = ws.slice(Math.max(0, i - 3), i);
    const total = before.includes('of') || before.includes('total') || ws.slice(i + 1, i + 4).includes('total') || before.includes('comprises') || before.includes('has');
    out.push({ n, total });
  }
  return out;
}

export const seatTotal: Rule = {
  id: 'charter/seat-total',
  description: 'Governance seat counts per constituency add up to the stated total.',
  appliesTo: ['hub-charter'],
  defaultSeverity: 'error',
  docs: {
    why: 'Seats are power: when the counts do not add up, partners sign different boards ([[framework:power-and-inclusion]]).',
    see: ['framework:power-and-inclusion', 'principle:steer-not-control'],
    examples: [{ hub: 'gavi', find: '18 representative seats', intro: "Gavi's Board counts every seat" }],
    good: 'A Board of 12 seats: 4 governments, 3 civil society, 2 business, 2 communities, 1 independent chair.',
    bad: 'A Board of 12 seats: 4 governments, 4 civil society, 3 business, 3 communities.',
  },
  run(ctx) {
    const blocks = elementBlocks(ctx, 'governance');
    const out: ReturnType<Rule['run']> = [];
    // A statement of the total, then the parts: in the same block ("12 seats: 4 …, 3 …") or in the list that follows it.
    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i];
      const counts = seatCounts(b.text);
      const totalIdx = counts.findIndex((c) => c.total);
      if (totalIdx < 0) continue;
      const total = counts[totalIdx].n;
      let parts = counts.filter((_, j) => j !== totalIdx).map((c) => c.n);
      let partsFrom: Block[] = [b];
      if (!parts.length) {
        // "…: 4 governments, 3 civil society, and one independent chair" — a number in each part.
        const after = b.text.split(':').slice(1).join(':').split(/[.;]/)[0];
        parts = after.split(',').flatMap((part) => {
          const n = (part.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map(numberValue).find((v) => v !== undefined);
          return n === undefined ? [] : [n];
        });
      }
      if (!parts.length) {
        const list: Block[] = [];
        for (let j = i + 1; j < blocks.length && blocks[j].type === 'item'; j++) list.push(blocks[j]);
        parts = list.flatMap((x) => {
          const n = (x.text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map(numberValue).find((v) => v !== undefined);
          return n === undefined ? [] : [n];
        });
        partsFrom = list;
      }
      if (parts.length < 2) continue;
      const sum = parts.reduce((a, c) => a + c, 0);
      if (sum !== total) out.push({ line: b.line, endLine: partsFrom[partsFrom.length - 1].endLine, message: `The seats add up to ${sum}, not the stated ${total} (${parts.join(' + ')}). Correct the counts or the total.` });
    }
    return out;
  },
};

export const termLength: Rule = {
  id: 'charter/term-length',
  description: 'Terms of office are stated as numbers ("three-year terms, renewable once").',
  appliesTo: ['hub-charter'],
  defaultSeverity: 'warning',
  docs: {
    why: 'Vague terms ("for a period agreed by the Board") let seats become permanent, which concentrates power ([[framework:power-and-inclusion]]).',
    see: ['framework:power-and-inclusion'],
    good: 'Members serve three-year terms, renewable once.',
    bad: 'Members serve for a reasonable period.',
  },
  run(ctx) {
    const blocks = [...elementBlocks(ctx, 'governance'), ...elementBlocks(ctx, 'membership')];
    if (!blocks.length) return [];
    const termBlocks = blocks.filter((b) => hasAny(b.text, ['term', 'terms', 'term of office', 'serve for', 'serves for', 'mandate']));
    const numeric = (t: string) => /\d[\s-]*(?:year|month)/i.test(t) || hasAny(t, ['one year', 'two year', 'three year', 'four year', 'five year', 'two years', 'three years', 'four years', 'five years', 'one year', 'twelve months', 'six months', 'eighteen months']);
    if (termBlocks.some((b) => numeric(b.text))) return [];
    if (termBlocks.length) return [{ line: termBlocks[0].line, message: 'The term of office is not a number: state it in years or months ("three-year terms, renewable once").' }];
    return [{ line: elementLine(ctx, 'governance'), message: 'No term of office is stated: say how long members serve and whether terms are renewable.' }];
  },
};

const SELECTION = ['elect*', 'appoint*', 'nominat*', 'chosen by', 'choose*', 'chooses', 'selected by', 'select*', 'designat*', 'delegat*', 'rotat*'];

export const representativeSelection: Rule = {
  id: 'charter/representative-selection',
  description: 'The charter says how representatives are chosen (by their constituency, by the board, by election).',
  appliesTo: ['hub-charter'],
  defaultSeverity: 'warning',
  docs: {
    why: 'Who picks a constituency\u2019s representative decides whose interests the seat serves; constituencies choosing their own is the norm in the large health partnerships ([[framework:power-and-inclusion]]).',
    see: ['framework:power-and-inclusion', 'principle:steer-not-control'],
    examples: [{ hub: 'global-fund', find: 'Members speak for their constituency', intro: 'Global Fund Board members represent constituencies, each with a member, an alternate and a focal point' }],
    good: 'Each constituency elects its own representative.',
    bad: 'The Board has members from government, civil society and business.',
  },
  run(ctx) {
    const blocks = [...elementBlocks(ctx, 'governance'), ...elementBlocks(ctx, 'membership')];
    if (!blocks.length || blocks.some((b) => hasAny(b.text, SELECTION))) return [];
    const at = elementLine(ctx, 'governance');
    return [{ line: at, message: 'No rule for how representatives are chosen: say who elects or appoints each seat.' }];
  },
};

