import type { MapProblemCode } from '../../documents/landscape';
import { mapOf } from '../landscape';
import type { Fix, Rule } from '../types';

const CODES: ReadonlySet<MapProblemCode> = new Set(['no-actors', 'missing-name', 'duplicate-actor', 'unknown-type', 'unknown-level', 'unknown-stance', 'missing-value', 'extra-cells', 'unreadable-relation', 'self-relation']);

export const mapMalformedRow: Rule = {
  id: 'map/malformed-row',
  description: 'Actor rows use the known types, levels and stances, and every relation can be read.',
  appliesTo: ['landscape-map'],
  defaultSeverity: 'warning',
  docs: {
    why: 'The grid places an actor only when its power and interest are high, medium or low, colours it by one of seven types, and marks allies and opponents; a value it cannot read leaves the actor off the grid or uncoloured. Types: government, multilateral, business, civil society, community, philanthropy, research. Relations read "A funds B", "A partners with B", "A competes with B", "A regulates B" (also advises, represents, supplies, reports to, opposes, supports) or "A → B: label".',
    see: ['principle:map-the-landscape', 'framework:power-and-inclusion'],
    good: '| Delta University | research | medium | high | ally | Tests water quality | Founding party |',
    bad: '| Delta University | academia-ish | mid-high | yes | friendly | Tests water quality | Founding party |',
  },
  run(ctx) {
    return mapOf(ctx)
      .problems.filter((p) => CODES.has(p.code))
      .map((p) => {
        const fixes: Fix[] = [];
        if (p.code === 'no-actors') fixes.push({ kind: 'insert-section', title: 'Insert the "Actors" section', outline: 'landscape-map', section: 'actors' });
        if (p.suggestion && p.column !== undefined && p.endColumn !== undefined) fixes.push({ kind: 'replace-range', title: `Change to "${p.suggestion}"`, line: p.line + 1, column: p.column + 1, endColumn: p.endColumn + 1, text: p.suggestion });
        return { line: p.line + 1, column: p.column !== undefined ? p.column + 1 : undefined, endColumn: p.endColumn !== undefined ? Math.max(p.endColumn, p.column! + 1) + 1 : undefined, message: p.message, fixes };
      });
  },
};
