import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Linter } from 'eslint';
import * as ts from 'typescript';

/**
 * The lint rules that keep regexes linear (eslint.config.mjs REGEX_SAFETY: eslint-plugin-regexp's
 * super-linear backtracking and move checks, and scripts/eslint-rules/no-rescan-regex.mjs) catch
 * every regex that once froze the extension, accept the linear ones, and find nothing in src/.
 */
const root = path.join(__dirname, '..', '..');
// Non-literal specifiers: these are untyped ES modules, loaded as they are.
const load = (p: string) => import(p) as Promise<Record<string, unknown> & { default: unknown }>;

/** The regexes of issue 11, as they were (each froze the extension host or the CLI). */
const OFFENDERS: [string, string][] = [
  ['heading (markdown-scan)', String.raw`/^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/`],
  ['section heading (authoring)', String.raw`/^(#{2,3})\s+(?:\d+[.)]\s*)?(.+?)\s*#*\s*$/`],
  ['fence masking (ref-check)', String.raw`/^(\s*)(${'```'}|~~~)[\s\S]*?^\s*\2/gm`],
  ['[[reference]] to text', String.raw`/\[\[(?:[a-z]+:)?([^\]|]+)(?:\|([^\]]+))?\]\]/g`],
  ['image to text', String.raw`/!\[([^\]]*)\]\([^)]*\)/g`],
  ['link to text', String.raw`/\[([^\]]*)\]\([^)]*\)/g`],
  ['footnote reference', String.raw`/\[\^([^\]\s]+)\](?!:)/g`],
  ['link target', String.raw`/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g`],
  ['HTML tag', String.raw`/<[^>]+>/g`],
  ['parenthesised aside', String.raw`/\(.*?\)/g`],
  ['title line (render)', String.raw`/^\s*#\s+[^\n]*\n/`],
  ['table rule', String.raw`/^\s*\|?\s*:?-{3,}/`],
  ['trailing slashes', String.raw`/\/+$/`],
  ['nested quantifier', String.raw`/^(a+)+$/`],
  ['nested words', String.raw`/^(\w+\s?)*$/`],
];

/** Linear regexes of the product: none may be reported. */
const LINEAR: string[] = [
  String.raw`/[\p{L}\p{N}]+/gu`,
  String.raw`/[\p{L}\p{N}]+(?:[.'’][\p{L}\p{N}]+)*/gu`,
  String.raw`/\[\[(hub|principle|framework|note):([a-z0-9]+(?:-[a-z0-9]+)*)(?:\|([^\]\n]{1,200}))?\]\]/g`,
  String.raw`/^https?:\/\//i`,
  String.raw`/[*_${'`'}~]+/g`,
  String.raw`/\s+/g`,
  String.raw`/^[a-z0-9]+(?:-[a-z0-9]+)*$/`,
  String.raw`/(^|\s)([a-z]+):([a-z0-9][a-z0-9-]*)(?=\s|$)/gi`,
];

describe('regex safety: lint rules reject super-linear regexes', () => {
  let linter: Linter;
  let config: Linter.Config[];
  let rescanReason: (pattern: string, flags: string) => string | undefined;

  before(async () => {
    const regexp = (await load('eslint-plugin-regexp')).default;
    const { parser } = (await load('typescript-eslint')) as unknown as { parser: Linter.Parser };
    const local = await load(path.join(root, 'scripts', 'eslint-rules', 'no-rescan-regex.mjs'));
    const { REGEX_SAFETY } = (await load(path.join(root, 'eslint.config.mjs'))) as unknown as { REGEX_SAFETY: Linter.RulesRecord };
    rescanReason = local.rescanReason as typeof rescanReason;
    linter = new Linter({ configType: 'flat' });
    config = [{ files: ['**/*.ts'], languageOptions: { parser }, linterOptions: { reportUnusedDisableDirectives: 'off' }, plugins: { regexp: regexp as never, 'impact-hubs': local.default as never }, rules: REGEX_SAFETY }];
  });

  const problems = (code: string) => linter.verify(code, config, { filename: 'x.ts' });
  /** A regex as the product uses one: replacing in a text. */
  const used = (re: string) => `export const f = (s: string): string => s.replace(${re}, '');\n`;

  for (const [name, re] of OFFENDERS) {
    it(`reports the old ${name} regex`, () => {
      const found = problems(used(re));
      assert.ok(found.length > 0, `${re} passed the lint rules`);
      assert.ok(found.every((p) => /^(regexp\/no-super-linear|impact-hubs\/no-rescan-regex)/.test(p.ruleId ?? '')), JSON.stringify(found.map((p) => p.ruleId)));
    });
  }

  it('accepts the linear regexes the product uses', () => {
    for (const re of LINEAR) assert.deepEqual(problems(used(re)).map((p) => p.message), [], re);
  });

  it('the rescan heuristic: an unbounded quantifier that matches its own opening, with something after it that can fail', () => {
    assert.match(rescanReason(String.raw`\[\^([^\]\s]+)\]`, 'g') ?? '', /also matches its opening '\[\^'/);
    assert.match(rescanReason(String.raw`<[^>]+>`, '') ?? '', /quadratic/);
    assert.equal(rescanReason(String.raw`^<[^>]+>`, ''), undefined, 'anchored: one start only');
    assert.equal(rescanReason(String.raw`<[^>]+>`, 'y'), undefined, 'sticky: one start only');
    assert.equal(rescanReason(String.raw`<[^<>]+>`, 'g'), undefined, 'the quantifier stops at the next opening');
    assert.equal(rescanReason(String.raw`\[[^\]]*`, 'g'), undefined, 'nothing after the quantifier can fail');
    assert.equal(rescanReason('(', ''), undefined, 'an invalid pattern is left to the compiler');
  });

  // eslint-plugin-regexp's analysis of all of src/ takes seconds: `npm test`'s lint step runs it.
  it('the rescan heuristic finds nothing in src/', () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts')) files.push(p);
      }
    };
    walk(path.join(root, 'src'));
    assert.ok(files.length > 30);
    const found: string[] = [];
    let literals = 0;
    for (const f of files) {
      const source = ts.createSourceFile(f, fs.readFileSync(f, 'utf8'), ts.ScriptTarget.Latest);
      const visit = (node: ts.Node): void => {
        if (ts.isRegularExpressionLiteral(node)) {
          literals++;
          const text = node.text;
          const slash = text.lastIndexOf('/');
          const reason = rescanReason(text.slice(1, slash), text.slice(slash + 1));
          if (reason) found.push(`${path.relative(root, f)}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}: ${reason}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    assert.ok(literals > 50, `${literals} regex literals seen`);
    assert.deepEqual(found, []);
  });
});
