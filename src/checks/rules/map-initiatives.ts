import { goalOverlap, hasRelation } from '../../documents/landscape';
import { hubGoal, mapOf } from '../landscape';
import type { Fix, Rule } from '../types';

/** Shared content words over the smaller goal at or above which two goals count as the same. */
export const SAME_GOAL = 0.4;

export const mapInitiativeOverlap: Rule = {
  id: 'map/initiative-overlap',
  description: 'An existing initiative with the same goal as the hub has a stated relation to it (complements, coordinates with, joins, replaces).',
  appliesTo: ['landscape-map'],
  defaultSeverity: 'warning',
  docs: {
    why: 'A hub that sets out to do what an existing initiative already does duplicates it and competes for the same partners and money; saying how the hub relates to each initiative is how it shows the gap it fills ([[principle:know-when-not-to-create]]). The goal is compared with the linked charter\u2019s goal (front matter `charter: ./charter.md`) or the map\u2019s front matter `goal:`; without either, every initiative without a stated relation is reported.',
    see: ['principle:know-when-not-to-create', 'principle:map-the-landscape'],
    examples: [
      { hub: 'icoca', find: 'complementary to, and not duplicative of', intro: 'ICoCA states its relation to existing standards' },
      { hub: 'gpe', find: 'asks whether GPE duplicates the World Bank', intro: 'GPE is asked whether it duplicates its own host' },
    ],
    good: '| Northern piped-water project | Safe drinking water for 200,000 people by 2028 | Coordinates with it: shared district plans and data |',
    bad: '| Northern piped-water project | Safe drinking water for 200,000 people by 2028 | |',
  },
  run(ctx) {
    const map = mapOf(ctx);
    const goal = hubGoal(ctx);
    const out = [];
    for (const i of map.initiatives) {
      if (hasRelation(i) || !i.name) continue;
      const fixes: Fix[] = [];
      const cell = i.cells.relation;
      if (cell) {
        for (const word of ['Complements it', 'Coordinates with it', 'The hub joins it']) fixes.push({ kind: 'replace-range', title: `State the relation: "${word}: …"`, line: i.line + 1, column: cell.column + 1, endColumn: cell.end + 1, text: `${word}: ` });
      }
      if (!goal) {
        out.push({ line: i.line + 1, message: `"${i.name}" works on the same problem but the map does not say how the hub relates to it: complements, coordinates with, joins or replaces it? (Link the charter with \`charter:\` in the front matter to compare goals.)`, fixes });
        continue;
      }
      const { score, shared } = goalOverlap(i.goal, goal.text);
      if (score < SAME_GOAL) continue;
      out.push({ line: i.line + 1, message: `"${i.name}" has much the same goal as the hub (${shared.slice(0, 5).join(', ')}; compared with ${goal.from}) and no stated relation: say whether the hub complements, coordinates with, joins or replaces it, or it risks duplicating it.`, fixes });
    }
    return out;
  },
};
