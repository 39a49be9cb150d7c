import * as assert from 'node:assert/strict';
import { renderTemplate, sectionSnippet } from '../../src/core/authoring';
import { citationFor, citationWithSources } from '../../src/core/citation';
import { outlineFor } from '../../src/core/outlines';
import { renderDoc } from '../../src/core/render';
import { keyFromReaderQuery, previewPlugin, readerUri } from '../../src/core/refs';
import MarkdownIt from 'markdown-it';
import footnote from 'markdown-it-footnote';
import { realKb } from '../fixtures/real-kb';

describe('templates read cleanly', () => {
  const { bundle } = realKb();
  for (const type of ['hub-charter', 'theory-of-change'] as const) {
    it(`${type}: no doubled punctuation such as "meaningful?."`, () => {
      const text = renderTemplate(type, 'Riverlands Safe Water Hub', '2026-11-28', bundle.docs);
      const bad = text.split('\n').filter((l) => /[?!.][.]|[?!][?!]/.test(l.replace(/\.\.\.|…/g, '')) && !/https?:\/\//.test(l));
      assert.deepEqual(bad, []);
      const outline = outlineFor(type);
      for (const s of outline.sections) assert.doesNotMatch(sectionSnippet(outline, s), /\?\./, s.id);
    });
  }
});

describe('the key facts card', () => {
  it('shows figures without stray quotes around them', () => {
    const { bundle } = realKb();
    const ctx = { byPath: () => undefined, byRef: () => undefined };
    for (const d of bundle.docs.filter((x) => x.kind === 'hub')) {
      const { header } = renderDoc(d, ctx);
      const cells = [...header.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => m[1].replace(/<[^>]+>/g, ''));
      for (const c of cells) assert.doesNotMatch(c, /(^|\s)(&#39;|')(US)?[$€£]?\d/, `${d.id}: ${c}`);
    }
  });
});

describe('citations follow the README format and cite the knowledge-base page', () => {
  const { bundle } = realKb();
  const gavi = bundle.docs.find((d) => d.id === 'gavi')!;

  it('Copy Citation: Impact Hubs knowledge base (year), "title", `knowledge/folder/id.md`, last reviewed date. CC BY 4.0.', () => {
    const c = citationFor(gavi);
    assert.equal(c, `Impact Hubs knowledge base (${gavi.hub!.last_reviewed!.slice(0, 4)}), "Gavi, the Vaccine Alliance", \`knowledge/hubs/gavi.md\`, last reviewed ${gavi.hub!.last_reviewed}. CC BY 4.0.`);
    assert.ok(!c.includes(gavi.hub!.website!), 'the hub\'s website is not cited as if it were a source');
    const p = bundle.docs.find((d) => d.kind === 'principle' && d.id === 'narrow-goal')!;
    assert.equal(citationFor(p, { year: '2026' }), 'Impact Hubs knowledge base (2026), "' + p.title + '", `knowledge/principles/narrow-goal.md`. CC BY 4.0.');
  });

  it('lists the page\'s own sources after the citation', () => {
    const text = citationWithSources(gavi);
    const lines = text.split('\n');
    assert.equal(lines[0], citationFor(gavi));
    assert.equal(lines[2], `Sources cited there (${gavi.sources.length}):`);
    assert.equal(lines.filter((l) => /^\d+\. /.test(l)).length, gavi.sources.length);
    assert.ok(lines[3].startsWith('1. ') && lines[3].includes(gavi.sources[0].url));
  });

  it('cites an own note by its path, not as the knowledge base', () => {
    const note = { ...gavi, kind: 'note' as const, origin: 'workspace' as const, id: 'n', title: 'Field notes', path: 'file:///w/knowledge/n.md', hub: undefined };
    assert.equal(citationFor(note, { path: 'knowledge/n.md' }), '"Field notes", knowledge/n.md (own note).');
  });
});

describe('references in the Markdown preview', () => {
  it('link to the reader, and footnotes render', () => {
    const md = new MarkdownIt();
    previewPlugin(md, (kind, id) => (id === 'gavi' ? { href: readerUri('vscode', 'impact-hubs.impact-hubs', `${kind}:${id}`), title: 'Hub: Gavi', text: 'Gavi' } : undefined));
    const html = md.render('See [[hub:gavi]].[^a]\n\n[^a]: A source.\n');
    assert.match(html, /<a href="vscode:\/\/impact-hubs\.impact-hubs\/open\?key=hub%3Agavi" title="Hub: Gavi" class="hub-ref">Gavi<\/a>/);
    assert.match(html, /class="footnote-ref"/);
    assert.doesNotMatch(html, /\[\^a\]/);
  });

  it('does not add footnotes twice', () => {
    const md = new MarkdownIt().use(footnote);
    previewPlugin(md, () => undefined);
    const html = md.render('x[^a]\n\n[^a]: note\n');
    assert.equal((html.match(/class="footnote-ref"/g) ?? []).length, 1);
    assert.equal((html.match(/class="footnotes"/g) ?? []).length, 1);
  });

  it('reads a document key back from the link, and nothing else', () => {
    assert.equal(keyFromReaderQuery('/open', 'key=hub%3Agavi'), 'hub:gavi');
    assert.equal(keyFromReaderQuery('/open', 'key=note%3An%40file%3A%2F%2F%2Fw%2Fn.md'), 'note:n@file:///w/n.md');
    for (const [p, q] of [['/other', 'key=hub%3Agavi'], ['/open', 'key=evil%3Ax'], ['/open', 'key=%E0%A4%A'], ['/open', ''], ['/open', 'key=hub%3A']]) assert.equal(keyFromReaderQuery(p, q), undefined, `${p}?${q}`);
  });
});
