import { elementBlocks, elementLine, hasAny } from '../text';
import type { Rule } from '../types';

const OUT = ['out of scope', 'not in scope', 'outside the scope', 'outside its scope', 'will not', 'does not', 'do not', 'is not', 'are not', 'exclud*', 'not cover*', 'beyond the scope'];

export const outOfScope: Rule = {
  id: 'charter/out-of-scope',
  description: 'The scope says explicitly what the hub will not do.',
  appliesTo: ['hub-charter'],
  defaultSeverity: 'warning',
  docs: {
    why: 'Hubs that take on everything spread thin; an explicit out-of-scope list is how partners hold each other to the narrow goal ([[principle:avoid-spreading-thin]]).',
    see: ['principle:avoid-spreading-thin', 'principle:narrow-goal'],
    good: 'Out of scope: sewerage and irrigation; the hub does not run water points itself.',
    bad: 'In scope: water in the Riverlands basin.',
  },
  run(ctx) {
    const blocks = elementBlocks(ctx, 'scope');
    if (!blocks.length || blocks.some((b) => hasAny(b.text, OUT))) return [];
    return [{ line: elementLine(ctx, 'scope'), message: 'No explicit out-of-scope statement: add "Out of scope: …" (what the hub will not do).', fixes: [{ kind: 'insert-after', title: 'Add an "Out of scope" line', line: blocks[blocks.length - 1].endLine, snippet: '\nOut of scope: ${1:what the hub will not do}.' }] }];
  },
};
