import { isStopWord } from '../../search/text';
import type { Block } from '../../documents/markdown';
import { datesIn, elementBlocks, findPhrase, hasAny, hasQuantity, hasTimeframe, numberValue, QUANTITY_WORDS, sentences, listText, tocSectionBlocks } from '../text';
import type { CheckContext, Rule } from '../types';

/** The goal statement: the first block of the writer's text in the goal section. */
export function goalBlocks(ctx: CheckContext): Block[] {
  const blocks = ctx.type === 'theory-of-change' ? tocSectionBlocks(ctx, 'goal') : elementBlocks(ctx, 'goal');
  return blocks.filter((b) => b.type === 'paragraph' || b.type === 'item');
}

const POPULATION = ['people', 'persons', 'children', 'women', 'men', 'girls', 'boys', 'households', 'families', 'farmers', 'smallholders', 'villages', 'communities', 'countries', 'districts', 'schools', 'students', 'patients', 'cases', 'deaths', 'hectares', 'tonnes', 'tons', 'homes', 'residents', 'citizens', 'workers', 'veterans', 'youth', 'population'];
const MONTH_WORDS = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'by', 'per', 'percent', 'cent', 'year', 'years', 'month', 'months']);

/** Whether a quantity in the text is followed, within three words, by what it counts. */
function hasPopulationOrUnit(text: string): boolean {
  if (hasAny(text, POPULATION) || /%|per ?cent/i.test(text)) return true;
  const ws = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  for (let i = 0; i < ws.length; i++) {
    const isQuantity = /^\d/.test(ws[i]) && !/^(19|20)\d{2}$/.test(ws[i]) ? true : QUANTITY_WORDS.includes(ws[i]) || numberValue(ws[i]) !== undefined;
    if (!isQuantity) continue;
    for (const next of ws.slice(i + 1, i + 4)) if (next.length >= 3 && !/^\d/.test(next) && !isStopWord(next) && !MONTH_WORDS.has(next)) return true;
  }
  return false;
}

/** Which parts a measurable goal lacks: a number, a population or unit, a date. */
export function missingGoalParts(text: string): string[] {
  const missing: string[] = [];
  const numberless = text.replace(/\b(19|20)\d{2}\b/g, '');
  if (!hasQuantity(numberless)) missing.push('a number (how many or how much)');
  if (!hasPopulationOrUnit(text)) missing.push('a population or unit (who or what changes)');
  if (!datesIn(text).length && !hasTimeframe(text)) missing.push('a date (by when)');
  return missing;
}

export const goalMeasurable: Rule = {
  id: 'charter/goal-measurable',
  description: 'The goal is measurable: it has a number, a population or unit, and a date.',
  appliesTo: ['hub-charter', 'theory-of-change'],
  defaultSeverity: 'warning',
  docs: {
    why: 'A hub exists to reach one narrow, measurable goal; without a number, a population and a date nobody can tell whether it is on track or done ([[principle:narrow-goal]], [[framework:smart-goals-logframes]]).',
    see: ['principle:narrow-goal', 'framework:smart-goals-logframes'],
    examples: [
      { hub: 'gavi', find: '500 million', intro: 'Gavi states its 2026–2030 goal in children and deaths' },
      { hub: 'gpei', find: 'the current targets run to 2027', intro: 'GPEI dates its eradication goal, and says when deadlines slipped' },
    ],
    good: 'By 2030, halve violent deaths in the Riverlands districts (baseline 2024: 410).',
    bad: 'Strengthen cooperation on water in the region.',
  },
  run(ctx) {
    const first = goalBlocks(ctx)[0];
    if (!first) return [];
    const missing = missingGoalParts(first.text);
    if (!missing.length) return [];
    const body = first.text.replace(/^(goal|our goal|the goal)\s*[:—-]\s*/i, '').replace(/\.$/, '');
    const lower = body.charAt(0).toLowerCase() + body.slice(1);
    return [
      {
        line: first.line,
        endLine: first.endLine,
        message: `The goal is not measurable yet: it needs ${listText(missing)}. Example: "By 2030, halve violent deaths in the Riverlands districts".`,
        fixes: [{ kind: 'replace-lines', title: 'Rewrite as "By <date>, <number> <population> will <change>"', line: first.line, endLine: first.endLine, snippet: `${first.type === 'item' ? '- ' : ''}By \${1:31 December 2030}, \${2:number} \${3:people or places} will \${4:${lower.replace(/[$}\\]/g, '\\$&')}}.` }],
      },
    ];
  },
};

export const singleGoal: Rule = {
  id: 'charter/single-goal',
  description: 'The charter has one top-level goal (others belong in the theory of change as outcomes).',
  appliesTo: ['hub-charter'],
  defaultSeverity: 'warning',
  docs: {
    why: 'Hubs that chase several goals spread thin; the narrow ones succeed ([[principle:narrow-goal]], [[principle:avoid-spreading-thin]]).',
    see: ['principle:narrow-goal', 'principle:avoid-spreading-thin'],
    examples: [{ hub: 'community-solutions', find: 'functional zero', intro: 'Built for Zero asks each community for one goal' }],
    bad: '- Goal 1: reduce child deaths\n- Goal 2: strengthen health systems\n- Goal 3: empower women',
  },
  run(ctx) {
    const blocks = goalBlocks(ctx);
    const items = blocks.filter((b) => b.type === 'item' && b.level === 1);
    const goalHeadings = ctx.doc.blocks.filter((b) => b.type === 'heading' && /^goal\s*\d/i.test(b.text));
    const n = Math.max(items.length, goalHeadings.length);
    if (n < 2) return [];
    const at = (goalHeadings[1] ?? items[1]).line;
    return [{ line: at, message: `${n} goals are listed: a hub needs one narrow goal. Keep one; make the others outcomes in the theory of change.` }];
  },
};

const VAGUE = ['improve*', 'strengthen*', 'enhanc*', 'support*', 'promot*', 'foster*', 'facilitat*', 'encourag*', 'build capacity', 'capacity building', 'raise awareness', 'contribute to', 'work towards', 'address*', 'tackl*', 'advanc*', 'empower*', 'coordinat*'];

export const vagueVerb: Rule = {
  id: 'charter/vague-verb',
  description: 'Goal and purpose sentences use verbs with a metric, not vague verbs alone ("strengthen", "improve", "support").',
  appliesTo: ['hub-charter', 'theory-of-change'],
  defaultSeverity: 'info',
  docs: {
    why: '"Strengthen cooperation" cannot be reached or missed; "halve deaths by 2030" can ([[framework:smart-goals-logframes]]).',
    see: ['framework:smart-goals-logframes', 'principle:narrow-goal'],
    good: 'Cut the median repair time of village pumps from 30 to 5 days by 2028.',
    bad: 'Strengthen cooperation and improve water governance.',
  },
  run(ctx) {
    const out: ReturnType<Rule['run']> = [];
    for (const b of goalBlocks(ctx)) {
      for (const s of sentences(b.text)) {
        if (hasQuantity(s.text.replace(/\b(19|20)\d{2}\b/g, ''))) continue;
        const hit = findPhrase(s.text, VAGUE);
        if (!hit) continue;
        const src = ctx.lines[b.line - 1] ?? '';
        const col = src.toLowerCase().indexOf(hit.phrase);
        out.push({ line: b.line, column: col >= 0 ? col + 1 : 1, endColumn: col >= 0 ? col + 1 + hit.phrase.length : undefined, message: `"${hit.phrase}…" without a metric: say how much changes, for whom, and by when.` });
      }
    }
    return out;
  },
};
