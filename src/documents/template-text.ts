import { expandSnippet } from '../core/authoring';
import { CHARTER, LANDSCAPE_MAP, THEORY_OF_CHANGE, type Outline } from '../core/outlines';
import { parseMarkdown, type Block } from './markdown';

/**
 * Text the templates and snippets put into a document, not the writer: the guidance quotes (`>`),
 * the italic prompts, and snippet lines whose tab stops still hold their defaults
 * (`${1:party one}` → "party one"). The Charter Guide, Insert Section, the recogniser and
 * charter/template-leftovers all ask this one place, so none of them counts a prompt as written.
 */

/** The italic prompts of every outline section. */
export const TEMPLATE_PROMPTS: ReadonlySet<string> = new Set([...CHARTER.sections, ...THEORY_OF_CHANGE.sections, ...LANDSCAPE_MAP.sections].map((s) => s.placeholder));

let defaults: Set<string> | undefined;

/** Plain block texts of every section snippet as inserted (tab stops at their defaults, first choice). */
export function snippetDefaults(): ReadonlySet<string> {
  if (defaults) return defaults;
  defaults = new Set();
  for (const outline of [CHARTER, THEORY_OF_CHANGE, LANDSCAPE_MAP] as Outline[]) {
    for (const s of outline.sections) {
      const plain = expandSnippet(s.snippet.join('\n'));
      // As the document model reads it: "- **Equity:** …" is the item text "Equity: …", a table one block.
      for (const b of parseMarkdown(plain).blocks) if (b.text.trim().length >= 12) defaults.add(b.text.trim());
    }
  }
  return defaults;
}

/** Whether a block is template text: guidance, a prompt, an untouched snippet line or a table with only its header (the templates start some tables empty). */
export function isTemplateBlock(b: Block): boolean {
  if (b.quoted) return true;
  if (b.type === 'table' && (b.rows?.length ?? 0) <= 1) return true;
  const text = b.text.trim();
  return TEMPLATE_PROMPTS.has(text) || snippetDefaults().has(text);
}
