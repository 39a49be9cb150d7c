import * as assert from 'node:assert/strict';
import { expandSnippet, renderTemplate, sectionOfHeading, sectionSnippet, snippets } from '../../src/core/authoring';
import { CHARTER, THEORY_OF_CHANGE } from '../../src/core/outlines';
import { sectionHelp, SECTIONS_WITHOUT_EXAMPLES } from '../../src/core/section-examples';
import { parseMarkdown } from '../../src/documents/markdown';
import { outlineSectionStates, sectionPicks } from '../../src/documents/outline-sections';
import { isTemplateBlock, snippetDefaults } from '../../src/documents/template-text';
import { realKb } from '../fixtures/real-kb';

const state = (text: string, id: string, outline = CHARTER) => outlineSectionStates(parseMarkdown(text), outline).find((s) => s.id === id)!;

describe('writing help: section states, Insert Section picks, help at the cursor', () => {
  it('a fresh template has every section, none of them written (guidance and prompts are not writing)', () => {
    for (const [type, outline] of [['hub-charter', CHARTER], ['theory-of-change', THEORY_OF_CHANGE]] as const) {
      const states = outlineSectionStates(parseMarkdown(renderTemplate(type, 'Test Hub', '2026-01-01', realKb().bundle.docs)), outline);
      assert.equal(states.length, outline.sections.length);
      const written = states.filter((s) => s.state !== 'empty').map((s) => `${s.id}: ${s.state}`);
      assert.deepEqual(written, [], `${type}: template sections count as empty`);
    }
  });

  it('a section inserted from its snippet and left unchanged is not written; typing into it makes it written', () => {
    for (const s of CHARTER.sections) {
      const inserted = `---\ntype: hub-charter\n---\n\n# X\n\n${expandSnippet(sectionSnippet(CHARTER, s))}\n`;
      assert.equal(state(inserted, s.id).state, 'empty', `${s.id}: untouched snippet is "heading or prompt only"`);
    }
    const goal = `## 3. Purpose and goal\n\n${expandSnippet(sectionSnippet(CHARTER, CHARTER.sections.find((s) => s.id === 'goal')!)).split('\n').slice(1).join('\n')}\nBy 2030, 2,000 villages have safe water.\n`;
    assert.equal(state(goal, 'goal').state, 'written');
    assert.equal(state('## Purpose and goal\n', 'goal').state, 'empty');
    assert.equal(state('# Charter\n\nText.\n', 'goal').state, 'missing');
  });

  it('sub-headings belong to their section, and the heading line is reported 1-based', () => {
    const s = state('# C\n\n## 9. Governance structure\n\n### Board\n\nNine seats.\n', 'governance');
    assert.equal(s.state, 'written');
    assert.equal(s.line, 3);
  });

  it('template text: quotes, prompts and untouched snippet lines (also list items) are template, the writer\u2019s text is not', () => {
    const defaults = snippetDefaults();
    assert.ok(defaults.size > 20);
    const blocks = parseMarkdown('> **Purpose:** x\n\n*List the founding parties and state the legal status of this charter.*\n\n- Equity: what partners commit to do.\n\n- Equity: members share data within a month.\n').blocks;
    assert.deepEqual(blocks.map((b) => isTemplateBlock(b)), [true, CHARTER.sections.some((s) => s.placeholder === blocks[1].text), true, false]);
  });

  it('Insert Section: written and prompt-only sections say so (never both as done); missing ones show a cited example', () => {
    const prompt = CHARTER.sections.find((s) => s.id === 'governance')!.placeholder;
    const text = `---\ntype: hub-charter\n---\n\n## 3. Purpose and goal\n\nBy 2030, 2,000 villages have safe water.\n\n## 9. Governance structure\n\n*${prompt}*\n`;
    const picks = sectionPicks(CHARTER, outlineSectionStates(parseMarkdown(text), CHARTER), realKb().bundle.docs);
    const by = new Map(picks.map((p) => [p.id, p]));
    assert.match(by.get('goal')!.description, /written/);
    assert.match(by.get('governance')!.description, /heading or prompt only/);
    assert.doesNotMatch(by.get('governance')!.description, /written/);
    assert.match(by.get('decisions')!.detail ?? '', /^\$\(book\) How real hubs did it: .+ \(.+\)$/);
    assert.deepEqual(picks.map((p) => p.id), CHARTER.sections.map((s) => s.id), 'outline order');
  });

  it('every section of both outlines has help with one or two cited examples (except the listed exemptions)', () => {
    const docs = realKb().bundle.docs;
    for (const outline of [CHARTER, THEORY_OF_CHANGE]) {
      for (const s of outline.sections) {
        const h = sectionHelp(outline.type, s.id, docs)!;
        assert.equal(h.section.id, s.id);
        assert.equal(h.of, outline.sections.length);
        if (SECTIONS_WITHOUT_EXAMPLES[outline.type].includes(s.id)) continue;
        assert.ok(h.examples.length >= 1 && h.examples.length <= 2, `${outline.type}/${s.id}`);
        for (const e of h.examples) assert.ok(e.sources.length && e.text && e.hubTitle, `${outline.type}/${s.id}: cited`);
      }
    }
    assert.equal(sectionHelp('hub-charter', 'nope', docs), undefined);
  });

  it('expands snippet bodies as the editor inserts them unchanged', () => {
    assert.equal(expandSnippet('The parties are ${1:party one}, ${2:party two}.'), 'The parties are party one, party two.');
    assert.equal(expandSnippet('Decisions by ${2|consensus,two-thirds majority|}; $0'), 'Decisions by consensus; ');
    assert.equal(expandSnippet('Costs \\$5 \\} [${4:x.md}](${4:x.md})'), 'Costs $5 } [x.md](x.md)');
    assert.equal(expandSnippet('${1:outer ${2:inner}} end'), 'outer inner end');
    assert.equal(expandSnippet('$ alone, ${x} and ${3} ok'), '$ alone, ${x} and  ok');
  });

  it('headings name sections with numbering, asides and prefixes; other headings name none', () => {
    assert.equal(sectionOfHeading(CHARTER, '3. Purpose and goal'), 'goal');
    assert.equal(sectionOfHeading(CHARTER, 'Purpose and goal (impact)'), 'goal');
    assert.equal(sectionOfHeading(THEORY_OF_CHANGE, '2. Long-term goal (impact)'), 'goal');
    assert.equal(sectionOfHeading(CHARTER, 'Field visit notes'), undefined);
  });

  it('snippets carry their outline and section, in outline order', () => {
    const all = Object.values(snippets());
    const charter = all.filter((s) => s.type === 'hub-charter');
    assert.deepEqual(charter.map((s) => s.section), CHARTER.sections.map((s) => s.id));
    assert.ok(all.filter((s) => s.type === 'theory-of-change' && !s.section).length >= 5, 'element snippets');
  });
});
