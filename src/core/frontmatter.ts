import matter from 'gray-matter';
import { LineCounter, parseDocument, isCollection, isNode, visit, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';

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
  json: { parse: (s: string): object => mapping(JSON.parse(s) as unknown), stringify: (): string => '' },
};

function mapping(value: unknown): object {
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new FrontMatterError('front matter must be a mapping of fields (key: value)', 2);
  }
  return value;
}

/**
 * Parses YAML without capturing stack traces: the parser creates an Error per problem, and a
 * hostile block (`a: a: a: …`) makes thousands of them deep in its recursion. Their stacks are never
 * used (problems are reported by message and line), and where the stack depth is unlimited (a test
 * runner) capturing them costs seconds. `logLevel: 'error'`: warnings become problems with the
 * file's name (see `warnings`), never anonymous console output.
 */
function parseQuietly(source: string, options: ParseOptions & DocumentOptions & SchemaOptions): Document.Parsed {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parseDocument(source, { prettyErrors: false, ...options, logLevel: 'error' });
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function parseYaml(source: string): object {
  const lc = new LineCounter();
  const doc = parseQuietly(source, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const line = lc.linePos(err.pos[0]).line;
    // +1: the opening `---` line precedes the YAML.
    throw new FrontMatterError(`invalid YAML: ${err.message.split('\n')[0]}`, line + 1);
  }
  return mapping(doc.toJS({ maxAliasCount: 50 }) as unknown);
}

export interface SplitResult {
  data: Record<string, unknown>;
  body: string;
  /** 1-based line where the body starts. */
  bodyLine: number;
  hasFrontMatter: boolean;
  /** Finds the 1-based file line of a field path such as ['principles', 2, 'rating']. */
  lineOf(path: (string | number)[]): number;
  /** What the YAML parser warned about (unknown tags, keys that are lists …), with 1-based file lines. */
  warnings: { message: string; line: number }[];
}

const OPEN = /^---([a-zA-Z]*)[ \t]*\r?\n/;

export function splitFrontMatter(text: string): SplitResult {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const open = OPEN.exec(src);
  if (!open) {
    return { data: {}, body: src, bodyLine: 1, hasFrontMatter: false, lineOf: () => 1, warnings: [] };
  }
  // Languages are case-insensitive (`---JSON` is `---json`); gray-matter looks engines up as written.
  const lang = open[1].toLowerCase();
  if (lang && lang !== 'yaml' && lang !== 'yml' && lang !== 'json') {
    refuse(lang)();
  }
  const normalised = lang === open[1] ? src : `---${lang}${src.slice(3 + lang.length)}`;
  const parsed = matter(normalised, { engines: ENGINES, language: 'yaml' });
  const matterText = (parsed as unknown as { matter: string }).matter ?? '';
  // gray-matter leaves an unclosed block as body text; treat that as an error the writer can fix.
  if (matterText === '' && !/^---[a-zA-Z]*[ \t]*\r?\n(?:[\s\S]*?\r?\n)?---/.test(src)) {
    throw new FrontMatterError('front matter starts with --- but has no closing --- line', 1);
  }
  const bodyLine = src.split('\n').length - parsed.content.split('\n').length + 1;
  const lc = new LineCounter();
  const doc = parseQuietly(matterText.replace(/^\r?\n/, ''), { lineCounter: lc });
  return {
    warnings: lang === 'json' ? [] : yamlWarnings(doc, lc),
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

/** The parser's warnings and keys that are lists or mappings (JavaScript objects turn them into text). */
function yamlWarnings(doc: Document.Parsed, lc: LineCounter): { message: string; line: number }[] {
  const line = (pos: number) => lc.linePos(pos).line + 1;
  const out = doc.warnings.map((w) => ({ message: `YAML: ${w.message.split('\n')[0]}`, line: line(w.pos[0]) }));
  visit(doc, {
    Pair(_key, pair) {
      if (isCollection(pair.key)) {
        out.push({ message: 'YAML: a key that is a list or mapping is read as text; use a plain name as the key', line: line(pair.key.range?.[0] ?? 0) });
      }
    },
  });
  return out;
}
