import { datesIn, elementBlocks, elementLine, hasAny, monthsBetween, numberValue, parseDay, tocSectionBlocks } from '../text';
import type { Rule } from '../types';

export const MAX_REVIEW_MONTHS = 24;

/** Months between reviews when the text states a cycle ("every year", "annually", "every 18 months"). */
export function reviewCycleMonths(text: string): number | undefined {
  if (hasAny(text, ['annually', 'every year', 'each year', 'yearly', 'once a year'])) return 12;
  if (hasAny(text, ['every two years', 'biennially', 'every second year'])) return 24;
  if (hasAny(text, ['every three years'])) return 36;
  const ws = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  for (let i = 0; i + 2 < ws.length; i++) {
    if (ws[i] !== 'every') continue;
    const n = numberValue(ws[i + 1]);
    if (n !== undefined && /^months?$/.test(ws[i + 2])) return n;
    if (n !== undefined && /^years?$/.test(ws[i + 2])) return n * 12;
  }
  return undefined;
}

export const reviewDate: Rule = {
  id: 'charter/review-date',
  description: `The charter names its next review date, at most ${MAX_REVIEW_MONTHS} months ahead.`,
  appliesTo: ['hub-charter', 'theory-of-change'],
  defaultSeverity: 'warning',
  docs: {
    why: 'Charters and theories of change are hypotheses; partnerships that never revisit them drift from what works ([[framework:theory-of-change]], [[framework:partnership-agreements]]).',
    see: ['framework:theory-of-change', 'framework:partnership-agreements'],
    good: 'Next review: 30 June 2027, led by the Board chair.',
    bad: 'The charter will be reviewed from time to time.',
  },
  run(ctx) {
    const id = ctx.type === 'hub-charter' ? 'review' : undefined;
    const blocks = id ? elementBlocks(ctx, id) : tocSectionBlocks(ctx, 'review');
    if (!blocks.length) return [];
    const line = id ? elementLine(ctx, id) : blocks[0].line;
    // "reviewed every year", "annually", "every 18 months": a cycle instead of a date.
    const cycle = blocks.find((b) => hasAny(b.text, ['review*', 'revisit*']) && reviewCycleMonths(b.text) !== undefined);
    if (cycle) {
      const months = reviewCycleMonths(cycle.text)!;
      return months > MAX_REVIEW_MONTHS ? [{ line: cycle.line, message: `Reviews every ${months} months are too far apart; review within ${MAX_REVIEW_MONTHS} months.` }] : [];
    }
    const candidates = blocks.filter((b) => hasAny(b.text, ['review*', 'revisit*', 'renew*'])).flatMap((b) => datesIn(b.text).map((d) => ({ ...d, line: b.line })));
    const dates = candidates.length ? candidates : blocks.flatMap((b) => datesIn(b.text).map((d) => ({ ...d, line: b.line })));
    if (!dates.length) return [{ line, message: 'No review date: give the date of the next review (within 24 months).', fixes: [{ kind: 'insert-after', title: 'Add "Next review: <date>"', line: blocks[blocks.length - 1].endLine, snippet: '\nNext review: ${1:date within 24 months}.' }] }];
    const today = parseDay(ctx.today);
    const future = dates.filter((d) => d.date >= today).sort((a, b) => a.date.getTime() - b.date.getTime());
    if (!future.length) return [{ line: dates[0].line, column: dates[0].column, message: `The review date (${dates[0].text}) has passed: set the next one.` }];
    const next = future[0];
    const months = monthsBetween(today, next.date);
    if (months > MAX_REVIEW_MONTHS) return [{ line: next.line, column: next.column, message: `The next review (${next.text}) is ${months} months away; review within ${MAX_REVIEW_MONTHS} months.` }];
    return [];
  },
};
