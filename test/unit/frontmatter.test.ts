import * as assert from 'node:assert/strict';
import { splitFrontMatter } from '../../src/core/frontmatter';
import { parseKnowledgeDoc } from '../../src/core/knowledge';

describe('front matter is data, never code', () => {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).__impactHubsPwned;
  });

  for (const lang of ['js', 'javascript', 'coffee']) {
    it(`rejects a ---${lang} block without evaluating it`, () => {
      const text = `---${lang}\n{ x: (globalThis.__impactHubsPwned = true) }\n---\n# Body\n`;
      assert.throws(() => splitFrontMatter(text), /not allowed: front matter is data/);
      assert.equal((globalThis as Record<string, unknown>).__impactHubsPwned, undefined);
      const r = parseKnowledgeDoc(text, { path: 'x.md', origin: 'workspace' });
      assert.equal(r.doc, undefined);
      assert.equal(r.problems[0].line, 1);
      assert.match(r.problems[0].message, /not allowed/);
    });
  }

  it('reads YAML with the core schema: dates stay text, no custom tags run', () => {
    const r = splitFrontMatter('---\nlast_reviewed: 2026-11-28\nx: !!js/function "function(){}"\n---\nbody\n');
    assert.equal(r.data.last_reviewed, '2026-11-28');
    assert.notEqual(typeof r.data.x, 'function');
  });

  it('reports invalid YAML with the file line of the problem', () => {
    const r = parseKnowledgeDoc('---\nid: ok\ntitle: [unclosed\nkind: note\n---\nbody', { path: 'bad.md', origin: 'workspace' });
    assert.equal(r.doc, undefined);
    assert.equal(r.problems.length, 1);
    assert.ok(r.problems[0].line >= 3 && r.problems[0].line <= 5, `line ${r.problems[0].line}`);
    assert.match(r.problems[0].message, /invalid YAML/);
  });

  it('reads front matter languages case-insensitively: ---JSON is ---json, ---YAML is ---yaml', () => {
    for (const open of ['---json', '---JSON', '---Json']) {
      const r = parseKnowledgeDoc(`${open}\n{ "title": "From JSON", "kind": "note" }\n---\nbody\n`, { path: 'j.md', origin: 'workspace' });
      assert.equal(r.doc?.title, 'From JSON', `${open}: ${JSON.stringify(r.problems)}`);
    }
    assert.equal(parseKnowledgeDoc('---YAML\ntitle: From YAML\n---\nbody\n', { path: 'y.md', origin: 'workspace' }).doc?.title, 'From YAML');
    assert.throws(() => splitFrontMatter('---JS\n{ x: 1 }\n---\n'), /not allowed/);
    const list = parseKnowledgeDoc('---JSON\n[1, 2]\n---\nbody\n', { path: 'l.md', origin: 'workspace' });
    assert.match(list.problems[0]?.message ?? '', /must be a mapping/);
  });

  it('turns YAML warnings into problems with the file and line, never anonymous console output', () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    const emit = process.emitWarning;
    process.emitWarning = ((w: string | Error) => warnings.push(String(w))) as typeof process.emitWarning;
    try {
      const text = '---\ntitle: T\nx: !foo 1\ny: !!js/function "function(){}"\n? [a, b]\n: c\n---\nbody\n';
      const r = parseKnowledgeDoc(text, { path: 'notes/odd.md', origin: 'workspace' });
      const fm = r.problems.filter((p) => p.code === 'front-matter');
      assert.deepEqual(
        fm.map((p) => [p.file, p.line, p.severity]),
        [
          ['notes/odd.md', 3, 'warning'],
          ['notes/odd.md', 4, 'warning'],
          ['notes/odd.md', 5, 'warning'],
        ],
      );
      assert.match(fm[0].message, /Unresolved tag: !foo/);
      assert.match(fm[2].message, /key that is a list or mapping/);
      assert.equal(r.doc?.title, 'T');
    } finally {
      process.emitWarning = emit;
      process.off('warning', onWarning);
    }
    assert.deepEqual(warnings, []);
  });

  it('finds the body line and field lines', () => {
    const r = splitFrontMatter('---\nid: a\nlist:\n  - x: 1\n  - x: 2\n---\n# Body\n');
    assert.equal(r.bodyLine, 7);
    assert.equal(r.body, '# Body\n');
    assert.equal(r.lineOf(['list', 1, 'x']), 5);
    assert.equal(r.lineOf(['id']), 2);
  });

  it('treats a file without front matter as a plain note', () => {
    const r = parseKnowledgeDoc('# My note\n\nSome text.\n', { path: '/w/my-note.md', origin: 'workspace', fallbackId: 'my-note' });
    assert.equal(r.problems.length, 0);
    assert.equal(r.doc?.kind, 'note');
    assert.equal(r.doc?.title, 'My note');
    assert.equal(r.doc?.id, 'my-note');
  });

  it('handles a BOM, CRLF line endings and an empty front matter', () => {
    const r = parseKnowledgeDoc('\uFEFF---\r\n---\r\n# T\r\nText\r\n', { path: 'a.md', origin: 'workspace', fallbackId: 'a' });
    assert.equal(r.doc?.title, 'T');
    assert.deepEqual(r.problems, []);
  });
});
