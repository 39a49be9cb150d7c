import { elementLine } from '../text';
import { frontMatterLine, landscapeLink, roleName } from '../landscape';
import type { Rule } from '../types';

export const charterMapActorMissing: Rule = {
  id: 'charter/map-actor-missing',
  description: 'Every actor the linked landscape map marks as a founding party or board constituency is named in the charter.',
  appliesTo: ['hub-charter'],
  defaultSeverity: 'warning',
  docs: {
    why: 'The landscape map (front matter `landscape: ./map.md`) is where the writers decided who must be in the hub; a founding party or board constituency that the charter forgets has no seat, duty or signature. Change its role on the map, or name it in the charter\u2019s parties, membership or governance ([[principle:map-the-landscape]], [[framework:power-and-inclusion]]).',
    see: ['principle:map-the-landscape', 'framework:power-and-inclusion'],
    good: 'Map: | WaterWorks Cooperative | community | … | Founding party |\nCharter: The founding parties are the Water Authority, WaterWorks Cooperative and …',
    bad: 'Map: | Women\u2019s Water Network | civil society | … | Board constituency |\nCharter: (the network is named nowhere)',
  },
  run(ctx) {
    const link = landscapeLink(ctx);
    if (!link) return [];
    const fm = frontMatterLine(ctx.text, 'landscape');
    if (link.error) return [{ line: fm, message: `The landscape map ${link.path} cannot be read (${link.error}): check the path in \`landscape:\` (relative to this charter).` }];
    return link.missing.map(({ actor, role }) => {
      const where = role.kind === 'founding-party' ? 'parties' : 'membership';
      const line = ctx.element(where)?.status !== 'missing' ? elementLine(ctx, where) : fm;
      return { line, message: `The landscape map (${link.path}, line ${actor.line + 1}) marks "${actor.name}" as ${roleName(role)}, but the charter does not name it: add it to ${role.kind === 'founding-party' ? 'Parties and legal status' : 'Membership and constituencies or the governance seats'}, or change its role on the map.` };
    });
  },
};
