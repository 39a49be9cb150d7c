import { esc, page } from './html';
import { keyOf } from './keys';
import { renderDoc, type RenderContext } from './render';
import { KINDS, isDocKind } from './kinds';
import type { KnowledgeDoc } from './types';

/** Where the reader goes back to: the scroll offset and the link that was followed (its index). */
export interface ReaderRestore {
  scrollY?: number;
  focus?: number;
}

export interface ReaderPageInput {
  doc: KnowledgeDoc;
  ctx: RenderContext;
  cspSource: string;
  nonce: string;
  styleUri: string;
  /** Page scripts, in order (the shared link handler first). */
  scriptUris: string[];
  anchor?: string;
  /** Which words to mark (from the search that opened the document); see highlightMatcher. */
  highlight?: (word: string) => boolean;
  /** Back and Forward put the reader where it was. */
  restore?: ReaderRestore;
  similar: { key: string; title: string; kind: string }[];
}

/**
 * The reader panel's whole HTML page. Its actions (Back, Forward, Open Markdown Source, Insert
 * Reference, Copy Citation, More Like This) are editor-title actions with codicons, as in VS Code's
 * own previews, so they keep their icon and label at every width; the page starts with skip links.
 */
export function readerPage(i: ReaderPageInput): string {
  const { header, body } = renderDoc(i.doc, i.ctx, undefined, i.highlight);
  const similar = i.similar.length
    ? `<section class="similar" aria-labelledby="more-like-this"><h2 id="more-like-this">More like this</h2><ul>${i.similar
        .map((s) => `<li><a href="#" data-doc="${esc(s.key)}">${esc(s.title)}</a> <span class="muted">${esc(isDocKind(s.kind) ? KINDS[s.kind].label : s.kind)}</span></li>`)
        .join('')}</ul></section>`
    : '';
  const skips = [
    `<a href="#text">Skip to the text</a>`,
    ...(body.includes('id="design-principles"') ? ['<a href="#design-principles">Skip to the design principles</a>'] : []),
    ...(body.includes('id="sources"') ? ['<a href="#sources">Skip to the sources</a>'] : []),
  ];
  const restore = i.restore ?? {};
  return page({
    title: i.doc.title,
    cspSource: i.cspSource,
    nonce: i.nonce,
    styles: [i.styleUri],
    scripts: i.scriptUris,
    state: { key: keyOf(i.doc), anchor: i.anchor, scrollY: restore.scrollY, focus: restore.focus },
    body: `<nav class="skip-links" aria-label="Skip links">${skips.join('')}</nav>\n<main id="content">\n${header}\n<article class="markdown-body" id="text" tabindex="-1">\n${body}\n</article>\n${similar}\n</main>`,
  });
}
