import { esc, page } from './html';
import { keyOf } from './keys';
import { renderDoc, type RenderContext } from './render';
import { KINDS, isDocKind } from './kinds';
import type { KnowledgeDoc } from './types';

export interface ReaderPageInput {
  doc: KnowledgeDoc;
  ctx: RenderContext;
  cspSource: string;
  nonce: string;
  styleUri: string;
  /** Page scripts, in order (the shared link handler first). */
  scriptUris: string[];
  canBack: boolean;
  canForward: boolean;
  anchor?: string;
  /** Words to mark in the text (from the search that opened the document). */
  highlight?: string[];
  similar: { key: string; title: string; kind: string }[];
}

function button(action: string, icon: string, label: string, disabled = false): string {
  const glyph = icon ? `<span class="icon" aria-hidden="true">${icon}</span>` : '';
  return `<button type="button" data-action="${esc(action)}" title="${esc(label)}" aria-label="${esc(label)}"${disabled ? ' disabled' : ''}>${glyph}<span class="label">${esc(label)}</span></button>`;
}

/** The reader panel's whole HTML page. */
export function readerPage(i: ReaderPageInput): string {
  const { header, body } = renderDoc(i.doc, i.ctx);
  const similar = i.similar.length
    ? `<section class="similar" aria-labelledby="more-like-this"><h2 id="more-like-this">More like this</h2><ul>${i.similar
        .map((s) => `<li><a href="#" data-doc="${esc(s.key)}">${esc(s.title)}</a> <span class="muted">${esc(isDocKind(s.kind) ? KINDS[s.kind].label : s.kind)}</span></li>`)
        .join('')}</ul></section>`
    : '';
  const toolbar = `<nav class="toolbar" aria-label="Reader actions">
${button('back', '←', 'Back', !i.canBack)}
${button('forward', '→', 'Forward', !i.canForward)}
<span class="spacer"></span>
${button('openSource', '', 'Open Markdown source')}
${button('insertReference', '', 'Insert reference')}
${button('copyCitation', '', 'Copy citation')}
${button('moreLikeThis', '', 'More like this')}
</nav>`;
  return page({
    title: i.doc.title,
    cspSource: i.cspSource,
    nonce: i.nonce,
    styles: [i.styleUri],
    scripts: i.scriptUris,
    state: { key: keyOf(i.doc), anchor: i.anchor, highlight: (i.highlight ?? []).slice(0, 12) },
    body: `${toolbar}\n<main id="content" tabindex="-1">\n${header}\n<article class="markdown-body">\n${body}\n</article>\n${similar}\n</main>`,
  });
}
