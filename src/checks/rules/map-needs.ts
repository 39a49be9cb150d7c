import { actorsLine, mapOf, typeName } from '../landscape';
import type { Rule } from '../types';

export const mapNeededActorType: Rule = {
  id: 'map/needed-actor-type',
  description: 'The map has an actor of every type the problem needs (front matter `needs:`; by default government).',
  appliesTo: ['landscape-map'],
  defaultSeverity: 'warning',
  docs: {
    why: 'A hub that must work through governments, or needs business or research to reach its goal, fails quietly when no such actor is on the map. By default the map needs a government actor ([[principle:work-through-governments]]); list what your problem needs in the front matter, e.g. `needs: [government, business, research]` (affected communities are checked by map/affected-communities).',
    see: ['principle:work-through-governments', 'principle:map-the-landscape'],
    good: '---\ntype: landscape-map\nneeds: [government, research]\n---\n… | Provincial Water Authority | government | high | high | ally | … |\n… | Delta University | research | medium | high | ally | … |',
    bad: '---\ntype: landscape-map\nneeds: [government, business]\n---\n(no actor of type business)',
  },
  run(ctx) {
    const map = mapOf(ctx);
    const out = map.problems.filter((p) => p.code === 'unknown-need').map((p) => ({ line: p.line + 1, message: p.message }));
    if (!map.actors.length) return out;
    const line = map.needsDeclared && map.needsLine !== undefined ? map.needsLine + 1 : actorsLine(map, ctx);
    for (const need of map.needs) {
      // Communities have their own rule (with the question of power).
      if (need === 'community' || map.actors.some((a) => a.type === need)) continue;
      const why = map.needsDeclared ? `the front matter says the problem needs ${typeName(need)} actors` : 'by default a hub works with and through governments (set `needs:` in the front matter to say what this problem needs)';
      out.push({ line, message: `No ${typeName(need)} actor on the map, but ${why}: add one, or say who will play that part.` });
    }
    return out;
  },
};
