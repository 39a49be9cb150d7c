import * as assert from 'node:assert/strict';
import { findQuote } from '../../src/core/examples';
import { CHARTER, LANDSCAPE_MAP, THEORY_OF_CHANGE } from '../../src/core/outlines';
import { SECTION_EXAMPLES, SECTIONS_WITHOUT_EXAMPLES } from '../../src/core/section-examples';
import { realKb } from '../fixtures/real-kb';

const OUTLINES = [CHARTER, THEORY_OF_CHANGE, LANDSCAPE_MAP];

function* allExamples() {
  for (const [type, sections] of Object.entries(SECTION_EXAMPLES)) {
    for (const [section, examples] of Object.entries(sections)) for (const e of examples) yield { where: `${type}/${section}`, ...e };
  }
}

describe('section examples ("how a real hub did it")', () => {
  it('every section of the three outlines has one or two examples', () => {
    for (const outline of OUTLINES) {
      const none = SECTIONS_WITHOUT_EXAMPLES[outline.type];
      for (const s of outline.sections) {
        const examples = SECTION_EXAMPLES[outline.type][s.id];
        assert.ok(examples, `${outline.type}/${s.id} has an entry`);
        if (none.includes(s.id)) assert.equal(examples.length, 0, `${outline.type}/${s.id} is listed as having no good example`);
        else assert.ok(examples.length >= 1 && examples.length <= 2, `${outline.type}/${s.id} has 1–2 examples (has ${examples.length})`);
      }
      // Only sections the outline has, and the exemptions stay the exception.
      const ids = outline.sections.map((s) => s.id);
      assert.deepEqual(Object.keys(SECTION_EXAMPLES[outline.type]).sort(), [...ids].sort());
      for (const id of none) assert.ok(ids.includes(id), `${outline.type}/${id} (no example) is a section`);
      assert.ok(none.length <= 1, `${outline.type}: at most one section without an example`);
    }
  });

  it('every phrase is 3–10 words and appears once per section', () => {
    for (const [type, sections] of Object.entries(SECTION_EXAMPLES)) {
      for (const [section, examples] of Object.entries(sections)) {
        const finds = examples.map((e) => e.find);
        assert.equal(new Set(finds).size, finds.length, `${type}/${section}: duplicate phrase`);
        for (const e of examples) {
          const words = e.find.trim().split(/\s+/).length;
          assert.ok(words >= 3 && words <= 10, `${type}/${section}: "${e.find}" has ${words} words`);
          assert.ok(e.intro.length > 10 && e.intro.length <= 100 && !e.intro.includes('\n'), `${type}/${section}: intro is one short line`);
        }
      }
    }
  });

  it('every example resolves to a cited sentence of at most 400 characters', () => {
    const { bundle } = realKb();
    for (const e of allExamples()) {
      const q = findQuote(bundle.docs, e.hub, e.find);
      assert.ok(q, `${e.where}: "${e.find}" is in ${e.hub}`);
      assert.ok(q.sources.length > 0, `${e.where}: the quote from ${e.hub} cites a source`);
      assert.ok(q.sources.every((u) => /^https?:\/\//.test(u)), `${e.where}: sources are URLs`);
      assert.ok(q.text.length <= 400, `${e.where}: the quote from ${e.hub} is ${q.text.length} characters`);
    }
  });

  it('draws on at least 15 different hubs', () => {
    const hubs = new Set([...allExamples()].map((e) => e.hub));
    assert.ok(hubs.size >= 15, `${hubs.size} hubs`);
  });
});
