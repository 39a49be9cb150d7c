import { elementBlocks, elementLine, hasAny } from '../text';
import type { Rule } from '../types';

const TIED = ['goal', 'target', 'sunset', 'success*', 'achiev*', 'reach*', 'functional zero', 'is met', 'are met', 'mission accomplished', 'eradicat*', 'eliminat*', 'hand over', 'handover', 'transition*'];

export const exitCondition: Rule = {
  id: 'charter/exit-condition',
  description: 'The exit clause ties a sunset or hand-over to the goal ("the hub ends when the goal metric is reached").',
  appliesTo: ['hub-charter'],
  defaultSeverity: 'warning',
  docs: {
    why: 'Hubs built for one narrow goal should plan to end or hand over when it is reached; permanent institutions drift ([[principle:narrow-goal]], [[principle:know-when-not-to-create]]).',
    see: ['principle:narrow-goal', 'principle:know-when-not-to-create'],
    examples: [{ hub: 'gpei', find: 'Transition planning in 2018 covered', intro: 'GPEI plans the hand-over of its assets as eradication nears' }],
    good: 'The hub dissolves when 95% of water points work for 12 months in a row, or on 31 December 2032; its data go to the Basin Authority.',
    bad: 'A party may withdraw with three months\u2019 notice.',
  },
  run(ctx) {
    const blocks = elementBlocks(ctx, 'exit');
    if (!blocks.length || blocks.some((b) => hasAny(b.text, TIED))) return [];
    return [{ line: elementLine(ctx, 'exit'), message: 'No sunset or hand-over condition tied to the goal: say when the hub ends or hands over (the goal metric reached, or a date).', fixes: [{ kind: 'insert-after', title: 'Add a sunset condition tied to the goal', line: blocks[blocks.length - 1].endLine, snippet: '\nThe hub ends when ${1:the goal metric is reached} or on ${2:date}, whichever comes first; its ${3:assets and data} go to ${4:whom}.' }] }];
  },
};
