import { parseDocument } from 'yaml';

/**
 * The edit that turns a rule off for one document: `checks: { <rule>: off }` in its front matter
 * (created when there is none). Returns the 1-based line range to replace and its new text;
 * comments and the order of other fields are kept (the yaml package edits the document tree).
 */
export function disableRuleEdit(text: string, ruleId: string): { line: number; endLine: number; text: string; insert: boolean } {
  const lines = text.split('\n');
  if (lines[0]?.replace(/\r$/, '') === '---') {
    const close = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
    if (close === 1) return { line: 2, endLine: 1, text: `checks:\n  ${ruleId}: off\n`, insert: true };
    if (close > 0) {
      const doc = parseDocument(lines.slice(1, close).join('\n'));
      if (!doc.errors.length && (doc.contents === null || (typeof doc.contents === 'object' && 'items' in doc.contents))) {
        doc.setIn(['checks', ruleId], 'off');
        const yaml = doc.toString({ lineWidth: 0 }).replace(/\n$/, '');
        return { line: 2, endLine: close, text: yaml, insert: false };
      }
    }
  }
  return { line: 1, endLine: 0, text: `---\nchecks:\n  ${ruleId}: off\n---\n`, insert: true };
}
