import { elementBlocks, elementLine, hasAny } from '../text';
import type { Rule } from '../types';

const RULE = ['declar*', 'disclos*', 'recus*', 'abstain*', 'withdraw from', 'not take part', 'not participate', 'register of interests', 'conflict of interest policy', 'conflicts of interest policy', 'excluded from'];

export const conflictOfInterest: Rule = {
  id: 'charter/conflict-of-interest',
  description: 'There is a conflict-of-interest rule: how interests are declared, and when members recuse themselves.',
  appliesTo: ['hub-charter'],
  defaultSeverity: 'warning',
  docs: {
    why: 'Hubs that seat suppliers, funders and implementers together need guardrails that turn self-interest into collective interest ([[principle:guard-against-self-interest]]).',
    see: ['principle:guard-against-self-interest', 'principle:power-and-incentives'],
    examples: [{ hub: 'sun-movement', find: 'not independent of commercial interests', intro: 'Critics of the SUN Movement found its conflict-of-interest process too close to business' }],
    good: 'Members declare their interests on joining and before each meeting; a member with an interest in a decision leaves the room and does not vote.',
    bad: 'Members will act in good faith.',
  },
  run(ctx) {
    const blocks = elementBlocks(ctx, 'conflicts');
    if (!blocks.length || blocks.some((b) => hasAny(b.text, RULE))) return [];
    return [{ line: elementLine(ctx, 'conflicts'), message: 'No conflict-of-interest rule: say how interests are declared and when members recuse themselves from a decision.', fixes: [{ kind: 'insert-after', title: 'Add a declaration and recusal rule', line: blocks[blocks.length - 1].endLine, snippet: '\nMembers declare ${1:their interests} ${2|on joining and annually,before each meeting|}. A member with an interest in a decision ${3:does not take part in it}.' }] }];
  },
};
