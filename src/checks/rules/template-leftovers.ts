import { snippetDefaults, TEMPLATE_PROMPTS } from '../../documents/template-text';
import type { Rule } from '../types';

export const templateLeftovers: Rule = {
  id: 'charter/template-leftovers',
  description: 'No template prompts (the italic lines), snippet placeholders (${1:…}) or unchanged snippet text are left in the document.',
  appliesTo: ['hub-charter', 'theory-of-change'],
  defaultSeverity: 'warning',
  docs: {
    why: 'A prompt left in a charter sent to partners reads as an unfinished commitment; exporting it to Word makes it look final.',
    see: ['framework:partnership-agreements'],
    bad: '*List the founding parties and state the legal status of this charter.*',
  },
  run(ctx) {
    const out: ReturnType<Rule['run']> = [];
    for (const b of ctx.doc.blocks) {
      if (b.quoted || b.type === 'code') continue;
      if (TEMPLATE_PROMPTS.has(b.text.trim())) {
        out.push({ line: b.line, endLine: b.endLine, message: 'Template prompt left here: replace it with the section\u2019s text.', fixes: [{ kind: 'replace-lines', title: 'Replace the prompt with your text', line: b.line, endLine: b.endLine, snippet: '${1:Write this section}' }] });
      } else if (snippetDefaults().has(b.text.trim())) {
        out.push({ line: b.line, endLine: b.endLine, message: 'Snippet text left unchanged: fill in the placeholders.' });
      }
    }
    // Literal tab stops (pasted snippet bodies) anywhere outside code.
    ctx.lines.forEach((l, i) => {
      const at = l.search(/\$\{\d+[:|]|\$0\b/);
      if (at >= 0 && !ctx.doc.blocks.some((b) => b.type === 'code' && b.line <= i + 1 && b.endLine >= i + 1)) {
        out.push({ line: i + 1, column: at + 1, message: 'Snippet placeholder left in the text: replace it.' });
      }
    });
    return out;
  },
};
