import { checkRefs } from '../../core/ref-check';
import type { Rule } from '../types';

export const unknownReference: Rule = {
  id: 'references/unknown-id',
  description: 'Every [[hub:…]], [[principle:…]] and [[framework:…]] reference names a document in the knowledge base.',
  appliesTo: ['markdown'],
  defaultSeverity: 'warning',
  docs: {
    why: 'A reference that names no document renders as plain text in the preview and in exports, so the citation behind it is lost.',
    see: [],
    good: 'As [[hub:gavi]] shows, …',
    bad: 'As [[hub:gavvi]] shows, …',
  },
  run(ctx) {
    if (!ctx.knownIds || !ctx.text.includes('[[')) return [];
    const starts: number[] = [0];
    for (let i = 0; i < ctx.text.length; i++) if (ctx.text.charCodeAt(i) === 10) starts.push(i + 1);
    const position = (offset: number) => {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
      return { line: lo + 1, column: offset - starts[lo] + 1 };
    };
    return checkRefs(ctx.text, ctx.knownIds).map((p) => {
      const from = position(p.ref.start);
      const to = position(p.ref.end);
      return {
        line: from.line,
        column: from.column,
        endLine: to.line,
        endColumn: to.column,
        message: `${p.message}${p.suggestions.length ? ` Did you mean ${p.suggestions.map((s) => `"${s}"`).join(' or ')}?` : ''}`,
        fixes: p.suggestions.map((s) => ({ kind: 'replace-range' as const, title: `Change to [[${p.ref.kind}:${s}]]`, line: from.line, column: from.column, endColumn: to.column, text: `[[${p.ref.kind}:${s}${p.ref.label ? `|${p.ref.label}` : ''}]]` })),
      };
    });
  },
};
