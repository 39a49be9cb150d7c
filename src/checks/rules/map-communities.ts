import { actorsLine, mapOf } from '../landscape';
import type { Rule } from '../types';

export const mapAffectedCommunities: Rule = {
  id: 'map/affected-communities',
  description: 'The map has the affected communities on it, with power or a role in the hub\u2019s decisions, not only as low-power bystanders.',
  appliesTo: ['landscape-map'],
  defaultSeverity: 'warning',
  docs: {
    why: 'A map of who holds power should also show who is affected but unheard; communities that appear only with low power and no seat end up informed or consulted, the lower rungs of Arnstein\u2019s ladder ([[framework:power-and-inclusion]], [[principle:leverage-bottom-up]]).',
    see: ['framework:power-and-inclusion', 'principle:leverage-bottom-up', 'principle:map-the-landscape'],
    examples: [
      { hub: 'stop-tb', find: 'build delegations with work plans and budgets', intro: 'Stop TB funds community delegations so that their seats can be used' },
      { hub: 'gpei', find: 'Affected countries hold no POB seat', intro: 'Those most affected can be missing from the table that decides' },
    ],
    good: '| Village water committees | community | medium | high | ally | Run the schemes | Board constituency (3 seats) |',
    bad: '| Flood-affected households | community | low | high | neutral | Rely on unsafe sources | — |\n(and no other community actor)',
  },
  run(ctx) {
    const map = mapOf(ctx);
    if (!map.actors.length) return [];
    const community = map.actors.filter((a) => a.type === 'community');
    if (!community.length) {
      return [{ line: actorsLine(map, ctx), message: 'No affected community is on the map: add the people who live with the problem (type "community"), and their power, interest and role. Who is left out?' }];
    }
    const heard = community.some((a) => a.decides || (a.power !== undefined && a.power !== 'low'));
    if (heard) return [];
    const first = community[0];
    return [{ line: first.line + 1, message: `Affected communities appear only with low power and no role in the hub's decisions (${community.map((a) => `"${a.name}"`).join(', ')}): give them a founding, board or decision role, or say in "Power and voice" why not.` }];
  },
};
