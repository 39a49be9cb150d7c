import { slugOf } from '../../core/keys';
import { parseKnowledgeDoc } from '../../core/knowledge';
import type { Problem } from '../../core/types';
import type { CheckContext, RawFinding, Rule } from '../types';

/**
 * The knowledge-document checks (front matter, schema, citations) on the same mechanism as the
 * charter checks: one diagnostics path in the editor. The parser (src/core/knowledge.ts) finds the
 * problems; these rules give them ids, severities and documentation.
 */

/** Problem codes from the parser and the store, and the rule each belongs to. */
export const KNOWLEDGE_CODES: Record<string, string> = {
  'front-matter': 'knowledge/front-matter',
  schema: 'knowledge/front-matter',
  citation: 'knowledge/citations',
  sections: 'knowledge/citations',
  size: 'knowledge/file',
  encoding: 'knowledge/file',
  unreadable: 'knowledge/file',
};

const parsed = new WeakMap<CheckContext, Problem[]>();

function problems(ctx: CheckContext): Problem[] {
  let p = parsed.get(ctx);
  if (!p) {
    const name = decodeURIComponent((ctx.path ?? 'note.md').split('/').pop() ?? '').replace(/\.md$/i, '');
    p = parseKnowledgeDoc(ctx.text, { path: ctx.path ?? name, origin: 'workspace', fallbackId: slugOf(name) || 'untitled' }).problems;
    parsed.set(ctx, p);
  }
  return p;
}

export function problemFinding(p: Problem): RawFinding {
  return { line: Math.max(1, p.line), message: p.field ? `${p.field}: ${p.message}` : p.message };
}

function byRule(rule: string) {
  return (ctx: CheckContext) => problems(ctx).filter((p) => KNOWLEDGE_CODES[p.code ?? ''] === rule).map(problemFinding);
}

export const knowledgeFrontMatter: Rule = {
  id: 'knowledge/front-matter',
  description: 'An own knowledge document has valid front matter (YAML data, known fields of the right kind).',
  appliesTo: ['knowledge'],
  defaultSeverity: 'warning',
  docs: {
    why: 'Front matter is what search, filters and the side bar read; a broken field hides the document or misfiles it. Front matter is data, never code.',
    see: [],
    good: '---\nkind: note\ntitle: Field visit notes\n---',
    bad: '---\ntitle: [unclosed\n---',
  },
  run: byRule('knowledge/front-matter'),
};

export const knowledgeCitations: Rule = {
  id: 'knowledge/citations',
  description: 'Every footnote reference has a definition with a source URL, and every definition is used.',
  appliesTo: ['knowledge'],
  defaultSeverity: 'warning',
  docs: {
    why: 'The knowledge base cites every figure, date and claim; your own notes are searched beside it, so the same rule keeps them trustworthy.',
    see: [],
    good: 'About 1.2 million people rely on unsafe water.[^survey]\n\n[^survey]: Provincial survey 2025, https://example.org/survey',
    bad: 'About 1.2 million people rely on unsafe water.[^survey] (no definition of [^survey])',
  },
  run: byRule('knowledge/citations'),
};

export const knowledgeFile: Rule = {
  id: 'knowledge/file',
  description: 'An own knowledge file is readable UTF-8 text of at most 2 MB (otherwise it is not indexed).',
  appliesTo: ['knowledge'],
  defaultSeverity: 'warning',
  docs: {
    why: 'Files that cannot be read as text are skipped rather than indexed as garbage; the warning says how to fix them.',
    see: [],
  },
  // The store reports these when it reads the file; an open document is always text.
  run: () => [],
};
