import { elementBlocks, elementLine, hasAny } from '../text';
import type { Rule } from '../types';

/** The six backbone functions of collective impact, and the work they involve. */
const FUNCTIONS = ['vision and strategy', 'strategy', 'aligned activities', 'shared measurement', 'public will', 'policy', 'advocacy', 'mobilis*', 'mobiliz*', 'fundrais*', 'funding', 'convene*', 'convening', 'coordinat*', 'data', 'communications', 'reporting', 'facilitat*', 'backbone function*'];

export const backboneFunctions: Rule = {
  id: 'charter/backbone-functions',
  description: 'The secretariat or backbone organisation is assigned its functions (strategy, aligned activities, shared measurement, public will, policy, funding).',
  appliesTo: ['hub-charter'],
  defaultSeverity: 'warning',
  docs: {
    why: 'Collective-impact initiatives fail without a backbone that does the coordinating work; a small secretariat with named functions steers without taking over ([[framework:collective-impact]], [[principle:small-secretariat]]).',
    see: ['framework:collective-impact', 'principle:small-secretariat'],
    examples: [{ hub: 'swa', find: 'UNICEF hosts its', intro: 'SWA runs on a small secretariat hosted by UNICEF' }],
    good: 'The secretariat (3 staff, hosted by the Basin Authority) convenes the partners, keeps the shared indicators and mobilises funding.',
    bad: 'A secretariat will be set up.',
  },
  run(ctx) {
    const own = elementBlocks(ctx, 'secretariat');
    // A line of the roles list such as "Secretariat: convening, shared measurement, fundraising" assigns them too.
    const inRoles = elementBlocks(ctx, 'roles').filter((b) => hasAny(b.text, ['secretariat', 'backbone', 'host']));
    if (ctx.element('secretariat')?.status === 'missing' || (!own.length && !inRoles.length)) return [];
    if ([...own, ...inRoles].some((b) => hasAny(b.text, FUNCTIONS))) return [];
    return [{ line: elementLine(ctx, 'secretariat'), message: 'The secretariat has no functions assigned: say which backbone functions it performs (vision and strategy, aligned activities, shared measurement, public will, policy, funding) and which partners share.' }];
  },
};
