import matter from 'gray-matter';
import { LineCounter, parseDocument, isNode } from 'yaml';

/**
 * Front matter is data, never code. gray-matter can evaluate `---js` / `---javascript` blocks;
 * those engines are replaced by ones that refuse, and YAML is read with the `yaml` package's
 * core schema (no custom tags, dates stay strings).
 */
export class FrontMatterError extends Error {
  constructor(message: string, readonly line: number) {
    super(message);
  }
}

function refuse(lang: string): () => never {
  return () => {
    throw new FrontMatterError(`front matter in "${lang}" is not allowed: front matter is data (use YAML)`, 1);
  };
}

const ENGINES = {
  yaml: { parse: (s: string): object => parseYaml(s), stringify: (): string => '' },
  js: { parse: refuse('js'), stringify: (): string => '' },
  javascript: { parse: refuse('javascript'), stringify: (): string => '' },
  coffee: { parse: refuse('coffee'), stringify: (): string => '' },
  json: { parse: (s: string): object => JSON.parse(s) as object, stringify: (): string => '' },
};

function parseYaml(source: string): object {
  const lc = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const line = lc.linePos(err.pos[0]).line;
    // +1: the opening `---` line precedes the YAML.
    throw new FrontMatterError(`invalid YAML: ${err.message.split('\n')[0]}`, line + 1);
  }
  const value = doc.toJS({ maxAliasCount: 50 }) as unknown;
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new FrontMatterError('front matter must be a mapping of fields (key: value)', 2);
  }
  return value as object;
}

export interface SplitResult {
  data: Record<string, unknown>;
  body: string;
  /** 1-based line where the body starts. */
  bodyLine: number;
  hasFrontMatter: boolean;
  /** Finds the 1-based file line of a field path such as ['principles', 2, 'rating']. */
  lineOf(path: (string | number)[]): number;
}

const OPEN = /^---([a-zA-Z]*)[ \t]*\r?\n/;

export function splitFrontMatter(text: string): SplitResult {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const open = OPEN.exec(src);
  if (!open) {
    return { data: {}, body: src, bodyLine: 1, hasFrontMatter: false, lineOf: () => 1 };
  }
  const lang = open[1].toLowerCase();
  if (lang && lang !== 'yaml' && lang !== 'yml' && lang !== 'json') {
    refuse(lang)();
  }
  const parsed = matter(src, { engines: ENGINES, language: 'yaml' });
  const matterText = (parsed as unknown as { matter: string }).matter ?? '';
  // gray-matter leaves an unclosed block as body text; treat that as an error the writer can fix.
  if (matterText === '' && !/^---[a-zA-Z]*[ \t]*\r?\n(?:[\s\S]*?\r?\n)?---/.test(src)) {
    throw new FrontMatterError('front matter starts with --- but has no closing --- line', 1);
  }
  const bodyLine = src.split('\n').length - parsed.content.split('\n').length + 1;
  const lc = new LineCounter();
  const doc = parseDocument(matterText.replace(/^\r?\n/, ''), { lineCounter: lc });
  return {
    data: parsed.data as Record<string, unknown>,
    body: parsed.content,
    bodyLine,
    hasFrontMatter: true,
    lineOf(path) {
      for (let n = path.length; n > 0; n--) {
        const node = doc.getIn(path.slice(0, n), true);
        if (isNode(node) && node.range) return lc.linePos(node.range[0]).line + 1;
        // A key with an empty value: find the key itself.
        const parent = n > 1 ? doc.getIn(path.slice(0, n - 1), true) : doc.contents;
        if (parent && typeof parent === 'object' && 'items' in parent) {
          for (const item of (parent as { items: unknown[] }).items) {
            const key = (item as { key?: { value?: unknown; range?: number[] } }).key;
            if (key && key.value === path[n - 1] && key.range) return lc.linePos(key.range[0]).line + 1;
          }
        }
      }
      return 2;
    },
  };
}
