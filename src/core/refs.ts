import type MarkdownIt from 'markdown-it';
import footnote from 'markdown-it-footnote';
import { parseKey } from './keys';

type Md = InstanceType<typeof MarkdownIt>;
type InlineRule = Parameters<Md['inline']['ruler']['before']>[2];
import type { DocKind } from './types';

/**
 * Hub references: `[[hub:gavi]]`, `[[principle:narrow-goal]]`, `[[framework:theory-of-change]]`,
 * optionally with a label: `[[hub:gavi|the vaccine alliance]]`. Readable as plain text, easy to
 * type, and unambiguous (the kind prefix keeps principle and framework ids apart).
 */
export const REF_KINDS = ['hub', 'principle', 'framework', 'note'] as const;
export const REF_PATTERN = /\[\[(hub|principle|framework|note):([a-z0-9]+(?:-[a-z0-9]+)*)(?:\|([^\]\n]{1,200}))?\]\]/g;

export interface DocRef {
  kind: DocKind;
  id: string;
  label?: string;
  /** 0-based offsets in the text that was scanned. */
  start: number;
  end: number;
}

export function findRefs(text: string): DocRef[] {
  const out: DocRef[] = [];
  for (const m of text.matchAll(REF_PATTERN)) {
    out.push({ kind: m[1] as DocKind, id: m[2], label: m[3]?.trim() || undefined, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Partial reference at the cursor, for completion: `[[hub:ga` → { kind: 'hub', prefix: 'ga' }. */
export function refPrefixAt(lineText: string, character: number): { kind?: DocKind; prefix: string; start: number } | undefined {
  const before = lineText.slice(0, character);
  const open = before.lastIndexOf('[[');
  if (open < 0 || before.indexOf(']]', open) >= 0) return undefined;
  const inner = before.slice(open + 2);
  if (/[\s|]/.test(inner)) return undefined;
  const m = /^(?:(hub|principle|framework|note):)?([a-z0-9-]*)$/.exec(inner);
  if (!m) return undefined;
  return { kind: m[1] as DocKind | undefined, prefix: m[2], start: open + 2 };
}

export interface RefTarget {
  href: string;
  /** Tooltip. */
  title: string;
  /** Link text when the reference has no label (default: the tooltip). */
  text?: string;
  attrs?: Record<string, string>;
}

/**
 * markdown-it plugin rendering references as links. `resolve` returns undefined for an unknown id,
 * which renders as a marked, non-link span so the writer sees it.
 */
export function refsPlugin(md: Md, resolve: (kind: DocKind, id: string) => RefTarget | undefined): void {
  const rule: InlineRule = (state, silent) => {
    const src = state.src;
    const pos = state.pos;
    if (src.charCodeAt(pos) !== 0x5b || src.charCodeAt(pos + 1) !== 0x5b) return false;
    const m = new RegExp(REF_PATTERN.source, 'y');
    m.lastIndex = pos;
    const found = m.exec(src);
    if (!found) return false;
    if (!silent) {
      const kind = found[1] as DocKind;
      const id = found[2];
      const label = found[3]?.trim();
      const target = resolve(kind, id);
      if (target) {
        const open = state.push('link_open', 'a', 1);
        open.attrs = [['href', target.href], ['title', target.title], ['class', 'hub-ref'], ...Object.entries(target.attrs ?? {})];
        open.meta = { hubRef: true };
        const t = state.push('text', '', 0);
        t.content = label ?? target.text ?? target.title;
        state.push('link_close', 'a', -1);
      } else {
        const open = state.push('ref_unknown_open', 'span', 1);
        open.attrs = [['class', 'hub-ref-unknown'], ['title', `Unknown ${kind} "${id}"`]];
        const t = state.push('text', '', 0);
        t.content = found[0];
        state.push('ref_unknown_close', 'span', -1);
      }
    }
    state.pos = pos + found[0].length;
    return true;
  };
  md.inline.ruler.before('link', 'impact_hub_ref', rule);
}

/**
 * The plugin for VS Code's built-in Markdown preview: references as links, and footnotes (the
 * knowledge base and the exported comparisons cite with `[^label]`, which the preview does not
 * render by itself). Footnotes are added only when no other plugin has added them.
 */
export function previewPlugin(md: Md, resolve: (kind: DocKind, id: string) => RefTarget | undefined): void {
  refsPlugin(md, resolve);
  const find = (ruler: unknown, name: string) => (ruler as { __find__(n: string): number }).__find__(name) >= 0;
  if (!find(md.core.ruler, 'footnote_tail') && !find(md.block.ruler, 'footnote_def')) md.use(footnote);
}

/** The URI that opens a document in the reader from a link (handled by the extension's URI handler). */
export function readerUri(uriScheme: string, extensionId: string, key: string): string {
  return `${uriScheme}://${extensionId}/open?key=${encodeURIComponent(key)}`;
}

/** The document key of a reader URI's query, or undefined for anything else. */
export function keyFromReaderQuery(path: string, query: string): string | undefined {
  if (path !== '/open') return undefined;
  for (const part of query.split('&')) {
    const [k, v = ''] = part.split('=');
    if (k !== 'key') continue;
    let key: string;
    try {
      key = decodeURIComponent(v);
    } catch {
      return undefined;
    }
    return key.length <= 2000 && parseKey(key) ? key : undefined;
  }
  return undefined;
}
