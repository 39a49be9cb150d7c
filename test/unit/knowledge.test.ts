import * as assert from 'node:assert/strict';
import { compileKnowledge, computePrincipleHubs, resolveDocLink, formatProblem } from '../../src/core/kb';
import { parseKnowledgeDoc } from '../../src/core/knowledge';
import { hubText, miniKb } from '../fixtures/mini-kb';

const parseHub = (text: string) => parseKnowledgeDoc(text, { path: 'hubs/alpha.md', origin: 'bundled', strict: true });
const errors = (text: string) => parseHub(text).problems.filter((p) => p.severity === 'error');

describe('knowledge schema', () => {
  it('accepts a complete hub and reads its facts', () => {
    const r = parseHub(hubText('alpha'));
    assert.deepEqual(r.problems, []);
    const h = r.doc!.hub!;
    assert.equal(h.founded?.year, 2001);
    assert.deepEqual(h.sdgs, [3]);
    assert.equal(h.principles.length, 2);
    assert.equal(r.doc!.sources.length, 8);
    assert.ok(r.doc!.text.includes('Text about overview'));
    assert.ok(!r.doc!.text.includes('[^s1]'), 'plain text has no footnote syntax');
  });

  it('reports a wrong type with file:line: field: message', () => {
    const text = hubText('alpha', { sdgs: '[3, 42]' });
    const [p] = errors(text);
    assert.equal(p.field, 'sdgs[1]');
    assert.equal(p.line, text.split('\n').findIndex((l) => l.startsWith('sdgs:')) + 1);
    assert.match(formatProblem(p), /^hubs\/alpha\.md:\d+: sdgs\[1\]: must be an SDG number from 1 to 17$/);
  });

  it('rejects unknown principle ids and ratings, pointing at the entry', () => {
    const text = hubText('alpha', { principles: '\n  - { id: narrow-goals, rating: exhibits, note: "x", src: [s5] }\n  - { id: small-secretariat, rating: maybe, note: "x", src: [s6] }' });
    const e = errors(text);
    assert.ok(e.some((p) => p.field === 'principles[0].id' && /unknown principle "narrow-goals"/.test(p.message)));
    assert.ok(e.some((p) => p.field === 'principles[1].rating' && /exhibits, partly, not/.test(p.message)));
  });

  it('requires the fixed hub sections in order', () => {
    const text = hubText('alpha').replace('## Funding', '## Money');
    const e = errors(text);
    assert.ok(e.some((p) => /missing section "## Funding"/.test(p.message)));
    assert.ok(e.some((p) => /unexpected section "## Money"/.test(p.message)));
  });

  it('requires at least 8 distinct sources for a hub', () => {
    const text = hubText('alpha').replace(/https:\/\/example\.org\/source-8/, 'https://example.org/source-7');
    assert.ok(errors(text).some((p) => /at least 8 distinct sources; found 7/.test(p.message)));
  });

  it('flags a footnote without a definition, a definition without a URL, an unused one, and an unknown src label', () => {
    let text = hubText('alpha');
    text = text.replace('Text about goal', 'Text about goal[^nope]');
    text = text.replace('[^s8]: Example source 8, https://example.org/source-8 (page date 1 Jan 2024).', '[^s8]: Example source 8 without a link.\n[^unused]: Unused, https://example.org/unused');
    text = text.replace('src: [s3]', 'src: [s3, ghost]');
    const msgs = errors(text).map((p) => p.message);
    assert.ok(msgs.some((m) => /\[\^nope\] has no definition/.test(m)), msgs.join('\n'));
    assert.ok(msgs.some((m) => /\[\^s8\] has no source URL/.test(m)));
    assert.ok(msgs.some((m) => /\[\^unused\] is never cited/.test(m)));
    assert.ok(msgs.some((m) => /source "ghost" is not a footnote/.test(m)));
  });

  it('never throws, whatever the input', () => {
    // UTF-16 bytes read as UTF-8 text: a BOM, then every other character a NUL.
    const utf16 = new TextDecoder().decode(new Uint8Array([0xff, 0xfe, ...[...'# Title\nkind: hub'].flatMap((c) => [c.charCodeAt(0), 0])]));
    const hostile = [
      '', '---', '---\n---', '---\n: :\n---', '\0\0\0', '---\nkind: hub\nprinciples: 5\nfounded: 3\n---\n', '#'.repeat(10000), '---\n' + 'a: '.repeat(5000) + '\n---',
      // Issue 11: inputs that once froze the scanners.
      `# a${' '.repeat(20000)}b`, `## a${' #'.repeat(10000)}b\n### 1. (${'('.repeat(5000)}`, '['.repeat(100000), '[^'.repeat(30000), ']('.repeat(30000), '[[a|'.repeat(20000), '<'.repeat(50000),
      `${'\n'.repeat(60000)}[[hub:gavi]]`, `\`\`\`\n${'\n'.repeat(60000)}[[hub:gavi]]`, `[^a]: ${'http://'.repeat(10000)}`, 'abcdefghijklmnopqrstuvwxyzabcdefghijklmn '.repeat(2000),
      '\u0000\u001b]0;owned\u0007\u001b[31m# \u009b2J\r\r\n'.repeat(1000), utf16, `---\nx: ${'['.repeat(3000)}\n---\n`, '---JSON\n{"title": 1}\n---\n', '---json\n[]\n---\n', '---\n? [a]\n: b\nc: !tag x\n---\n',
    ];
    for (const text of hostile) {
      const lax = parseKnowledgeDoc(text, { path: 'x.md', origin: 'workspace' });
      const strict = parseKnowledgeDoc(text, { path: 'x.md', origin: 'bundled', strict: true });
      for (const r of [lax, strict]) assert.ok(r.doc || r.problems.length > 0, JSON.stringify(text.slice(0, 40)));
    }
  });

  it('is lenient with workspace notes: missing fields are warnings, not errors', () => {
    const r = parseKnowledgeDoc('---\nkind: hub\n---\nA hub I am researching.\n', { path: '/w/x.md', origin: 'workspace', fallbackId: 'x' });
    assert.ok(r.doc);
    assert.ok(r.problems.every((p) => p.severity !== 'error'), JSON.stringify(r.problems));
  });
});

describe('knowledge compilation', () => {
  it('compiles a valid tree; missing required documents are reported', () => {
    const { bundle, problems } = compileKnowledge(miniKb());
    assert.equal(bundle.docs.length, 5);
    const nonCoverage = problems.filter((p) => p.code !== 'coverage');
    assert.deepEqual(nonCoverage, []);
    assert.ok(problems.some((p) => p.code === 'coverage' && /missing hub document "gavi"/.test(p.message)));
  });

  it('fails a broken internal link with its line', () => {
    const files = miniKb();
    files[0] = { ...files[0], text: files[0].text.replace('../principles/narrow-goal.md', '../principles/no-such.md') };
    const { problems } = compileKnowledge(files);
    const links = problems.filter((p) => p.code === 'link');
    assert.ok(links.length >= 1);
    assert.match(links[0].message, /no-such\.md/);
    assert.ok(links[0].line > 1);
  });

  it('checks that id matches the file name and kind matches the folder', () => {
    const files = miniKb();
    files.push({ path: 'hubs/gamma.md', text: hubText('delta') });
    files.push({ path: 'frameworks/epsilon.md', text: hubText('epsilon') });
    const msgs = compileKnowledge(files).problems.map((p) => p.message);
    assert.ok(msgs.some((m) => /id "delta" must match the file name "gamma"/.test(m)));
    assert.ok(msgs.some((m) => /documents in frameworks\/ must have kind: framework/.test(m)));
  });

  it('computes which hubs show a principle from the hubs front matter', () => {
    const { bundle } = compileKnowledge(miniKb());
    assert.deepEqual(
      bundle.principleHubs['narrow-goal'].map((h) => [h.hubId, h.rating]),
      [['alpha', 'exhibits'], ['beta', 'partly']],
    );
    assert.deepEqual(bundle.principleHubs['small-secretariat'].map((h) => h.hubId), ['alpha']);
    assert.equal(computePrincipleHubs([])['narrow-goal'], undefined);
  });

  it('resolves relative links between documents', () => {
    assert.deepEqual(resolveDocLink('hubs/gavi.md', '../principles/narrow-goal.md#why-it-matters'), { path: 'principles/narrow-goal.md', anchor: 'why-it-matters' });
    assert.deepEqual(resolveDocLink('hubs/gavi.md', 'grow-asia.md'), { path: 'hubs/grow-asia.md', anchor: undefined });
    assert.equal(resolveDocLink('hubs/gavi.md', 'https://www.gavi.org'), undefined);
    assert.equal(resolveDocLink('hubs/gavi.md', '#goal'), undefined);
  });
});
