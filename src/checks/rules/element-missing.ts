import { ELEMENT_IDS } from '../../documents/charter';
import { elementLabel, firstHeadingLine } from '../text';
import type { Rule } from '../types';

export const elementMissing: Rule = {
  id: 'charter/element-missing',
  description: 'Every element of a hub charter is present: parties, problem, goal, scope, theory of change, measurement, membership, governance, decisions, roles, secretariat, resources, accountability, conflicts of interest, inclusion, review and exit.',
  appliesTo: ['hub-charter'],
  defaultSeverity: 'warning',
  docs: {
    why: 'Partnership agreements that leave out decision rules, conflicts of interest or an exit clause leave partners to fight about them later. The elements follow the partnership-agreement sources in [[framework:partnership-agreements]] and the backbone functions of [[framework:collective-impact]].',
    see: ['framework:partnership-agreements', 'framework:collective-impact'],
    good: '## Decision-making\nQuorum: half of the seats. Decisions by consensus; failing that, a two-thirds majority. Tie-break: the chair does not vote twice; the proposal fails.',
    bad: 'A charter with no section (and no sentence) on how decisions are taken.',
  },
  run(ctx) {
    const at = firstHeadingLine(ctx);
    return ELEMENT_IDS.filter((id) => ctx.element(id)?.status === 'missing').map((id) => ({
      line: at,
      message: `Missing: ${elementLabel(id).toLowerCase()}. Add a section on it (Insert Section), or say why it does not apply.`,
      fixes: [{ kind: 'insert-section' as const, title: `Insert section "${elementLabel(id)}"`, outline: 'hub-charter' as const, section: id }],
    }));
  },
};
