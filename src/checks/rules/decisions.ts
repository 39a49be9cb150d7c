import { elementBlocks, elementLine, hasAny, listText } from '../text';
import type { Rule } from '../types';

const QUORUM = ['quorum', 'quorate', 'at least half of', 'majority of members present', 'present in person', 'must be present'];
const THRESHOLD = ['majority', 'two thirds', 'three quarters', 'consensus', 'unanim*', 'per cent of', 'percent of', 'simple majority', 'qualified majority', 'double majority'];
const TIE = ['tie', 'ties', 'tied', 'casting vote', 'deadlock*', 'tie break*', 'tiebreak*', 'equality of votes', 'equal votes', 'fails if', 'proposal fails', 'escalat*'];

export const decisionRule: Rule = {
  id: 'charter/decision-rule',
  description: 'Decision-making states a quorum, a threshold (consensus, majority) and a tie-break.',
  appliesTo: ['hub-charter'],
  defaultSeverity: 'warning',
  docs: {
    why: 'Without a quorum, a threshold and a tie-break, the first hard decision turns into a dispute about how to decide ([[framework:partnership-agreements]]).',
    see: ['framework:partnership-agreements'],
    examples: [{ hub: 'fsc', find: 'chamber', intro: 'FSC weighs votes by chamber' }, { hub: 'global-fund', find: 'one vote per seat', intro: 'The Global Fund balances donor and implementer votes' }],
    good: 'Quorum: half of the seats, including one from each constituency. Decisions by consensus; failing that, a two-thirds majority. A tied vote fails.',
    bad: 'The Board takes decisions together.',
  },
  run(ctx) {
    const blocks = [...elementBlocks(ctx, 'decisions'), ...elementBlocks(ctx, 'governance')];
    if (ctx.element('decisions')?.status === 'missing' || !blocks.length) return [];
    const text = blocks.map((b) => b.text).join(' ');
    const missing = [!hasAny(text, QUORUM) && 'a quorum', !hasAny(text, THRESHOLD) && 'a voting threshold (consensus or a majority)', !hasAny(text, TIE) && 'a tie-break'].filter(Boolean) as string[];
    if (!missing.length) return [];
    const line = elementLine(ctx, 'decisions');
    return [{ line, message: `Decision-making lacks ${listText(missing)}.`, fixes: [{ kind: 'insert-after', title: 'Add quorum, threshold and tie-break', line: elementBlocks(ctx, 'decisions').slice(-1)[0]?.endLine ?? line, snippet: '\nQuorum: ${1:half of the seats}. Decisions by ${2|consensus,two-thirds majority,simple majority|}; if no consensus, ${3:fallback}. Tie-break: ${4:a tied vote fails}.' }] }];
  },
};
