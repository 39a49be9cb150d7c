import { mapOf } from '../landscape';
import type { Fix, Rule } from '../types';

const CHOICES: Record<string, string> = {
  type: 'government,multilateral,business,civil society,community,philanthropy,research',
  power: 'high,medium,low',
  interest: 'high,medium,low',
  stance: 'ally,neutral,opponent',
};

/** A new actor row for the first actors table, with the table's columns and tab stops. */
export function actorRowSnippet(name: string, columns: readonly (string | undefined)[]): string {
  let n = 0;
  const cells = columns.map((c) => {
    if (c === 'name') return name.replace(/[$}\\|]/g, (ch) => (ch === '|' ? '\\\\|' : `\\${ch}`));
    if (c && CHOICES[c]) return `\${${++n}|${CHOICES[c]}|}`;
    return `\${${++n}}`;
  });
  return `\n| ${cells.join(' | ')} |`;
}

export const mapUnknownActor: Rule = {
  id: 'map/unknown-actor',
  description: 'Every relation names actors that are in the actors table.',
  appliesTo: ['landscape-map'],
  defaultSeverity: 'warning',
  docs: {
    why: 'A relation to someone who is not in the actors table has no type, power or stance, so the grid cannot place it and the checks cannot weigh it; usually it is a typo or a missing row. Relations may use an actor\u2019s name, its name without a parenthesised part, or that part ("(PWA)").',
    see: ['principle:map-the-landscape'],
    good: '| Provincial Water Authority (PWA) | government | high | high | ally | … |\n- PWA regulates Private operators',
    bad: '- Water Authority regulates Private operators\n(no actor called "Water Authority" in the table)',
  },
  run(ctx) {
    const map = mapOf(ctx);
    const table = map.actorTables[0];
    return map.problems
      .filter((p) => p.code === 'unknown-actor')
      .map((p) => {
        const fixes: Fix[] = [];
        const name = p.column !== undefined && p.endColumn !== undefined ? (ctx.lines[p.line] ?? '').slice(p.column, p.endColumn) : '';
        if (p.suggestion && p.column !== undefined && p.endColumn !== undefined) fixes.push({ kind: 'replace-range', title: `Change to "${p.suggestion}"`, line: p.line + 1, column: p.column + 1, endColumn: p.endColumn + 1, text: p.suggestion });
        if (table && name) fixes.push({ kind: 'insert-after', title: `Add "${name}" to the actors table`, line: table.endLine + 1, snippet: actorRowSnippet(name, table.columns ?? ['name']) });
        return { line: p.line + 1, column: p.column !== undefined ? p.column + 1 : undefined, endColumn: p.endColumn !== undefined ? p.endColumn + 1 : undefined, message: p.message, fixes };
      });
  },
};
