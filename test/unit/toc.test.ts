import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderTemplate, sectionSnippet, snippets } from '../../src/core/authoring';
import { THEORY_OF_CHANGE, TOC_ELEMENTS } from '../../src/core/outlines';
import { backEdges, findArrow, indicatorParts, listItem, nodeAtLine, parseTheoryOfChange, plainText, splitRefs, takeId, type TocGraph } from '../../src/documents/toc';

const SAMPLE = fs.readFileSync(path.join(__dirname, '..', '..', 'samples', 'riverlands-theory-of-change.md'), 'utf8');

const ids = (g: TocGraph) => g.nodes.map((n) => n.id);
const edgeList = (g: TocGraph) => g.edges.map((e) => `${e.from}>${e.to}:${e.kind}`).sort();
const codes = (g: TocGraph) => g.problems.map((p) => p.code);

describe('theory-of-change notation (src/documents/toc.ts)', () => {
  describe('tokens', () => {
    it('reads list items with their indent and text, not thematic breaks or emphasis', () => {
      assert.deepEqual(listItem('  - Village schemes work', 3), { indent: 2, column: 4, text: 'Village schemes work', line: 3 });
      assert.equal(listItem('12. Twelfth', 0)?.text, 'Twelfth');
      assert.equal(listItem('\t* tabbed', 0)?.indent, 4);
      assert.equal(listItem('- - -', 0), undefined);
      assert.equal(listItem('**bold** text', 0), undefined);
      assert.equal(listItem('-not a list', 0), undefined);
    });

    it('takes {#id} markers, arrows and reference lists', () => {
      assert.deepEqual(takeId('Schemes work {#o2}'), { text: 'Schemes work', id: 'o2' });
      assert.deepEqual(takeId('Text {#bad id}'), { text: 'Text {#bad id}' });
      assert.deepEqual(findArrow('a → b'), { at: 2, length: 1 });
      assert.deepEqual(findArrow('a -> b'), { at: 2, length: 2 });
      assert.equal(findArrow('a - b'), undefined);
      assert.deepEqual(splitRefs(' o3, o4 and goal.'), ['o3', 'o4', 'goal']);
    });

    it('reduces inline Markdown to display text', () => {
      assert.equal(plainText('**Bold** and *it* with `code`, [a link](https://x.org) and [[hub:gavi|Gavi]]'), 'Bold and it with code, a link and Gavi');
      assert.equal(plainText('snake_case stays'), 'snake_case stays');
    });

    it('splits an indicator into population, target, date, baseline, source and verification', () => {
      assert.deepEqual(indicatorParts('population girls aged 10–14; target 80%; by 2028 (baseline 40%, source DHS, verification school registers)'), {
        who: 'girls aged 10–14',
        howMuch: '80%',
        byWhen: '2028',
        baseline: '40%',
        source: 'DHS',
        verification: 'school registers',
      });
      assert.deepEqual(indicatorParts('share of schemes working'), { who: 'share of schemes working' });
      assert.equal(indicatorParts('target: 500; threshold 90% uptime').howMuch, '500; 90% uptime');
    });
  });

  describe('the samples/ theory of change', () => {
    const g = parseTheoryOfChange(SAMPLE);

    it('has the goal, the outcomes and output with their stable ids, and the interventions', () => {
      assert.equal(g.goal?.id, 'goal');
      assert.match(g.goal!.text, /^By 31 December 2030, 1 million people/);
      assert.deepEqual(ids(g), ['goal', 'working', 'funds', 'parts', 'plans', 'trust', 'results', 'i1', 'i2', 'i3']);
      assert.deepEqual(g.nodes.map((n) => n.kind), ['goal', 'outcome', 'outcome', 'outcome', 'output', 'outcome', 'outcome', 'intervention', 'intervention', 'intervention']);
      assert.deepEqual(g.problems, []);
    });

    it('links children to parents, top-level outcomes to the goal, interventions to what they name', () => {
      assert.deepEqual(edgeList(g), [
        'funds>working:precondition',
        'i1>funds:contributes',
        'i1>plans:contributes',
        'i2>parts:contributes',
        'i3>results:contributes',
        'parts>working:precondition',
        'plans>working:precondition',
        'results>trust:precondition',
        'results>working:explicit',
        'trust>goal:precondition',
        'working>goal:precondition',
      ]);
    });

    it('puts rationales on arrows, and records every line (0-based, as in the editor)', () => {
      const lines = SAMPLE.split('\n');
      const explicit = g.edges.find((e) => e.kind === 'explicit')!;
      assert.match(explicit.rationale!, /^because published failures/);
      assert.match(lines[explicit.line], /^- results → working/);
      const nested = g.edges.find((e) => e.from === 'funds')!;
      assert.match(nested.rationale!, /no one pays for repairs/);
      assert.match(lines[nested.rationaleLine!], /^- funds → working/);
      for (const n of g.nodes) assert.ok(lines[n.line].includes(n.text.slice(0, 12)), `${n.id} at line ${n.line}`);
    });

    it('attaches indicators and assumptions by nesting and by reference', () => {
      const by = new Map(g.nodes.map((n) => [n.id, n]));
      assert.equal(by.get('funds')!.indicators[0].parts.howMuch, '90% of 1,200 schemes');
      assert.match(by.get('funds')!.assumptions[0].text, /tariff-setting powers/);
      assert.equal(by.get('parts')!.indicators[0].parts.verification, 'spot checks by the authority');
      assert.match(by.get('results')!.assumptions[0].text, /phones/);
      // An assumption that names no outcome is an external factor of the whole theory.
      assert.match(g.goal!.assumptions[0].text, /Droughts/);
      assert.equal(g.goal!.indicators[0].parts.byWhen, '31 December 2030');
    });

    it('gives levels: goal 0, outcomes by longest path, interventions at the base', () => {
      const level = Object.fromEntries(g.nodes.map((n) => [n.id, n.level]));
      assert.deepEqual(level, { goal: 0, working: 1, trust: 1, funds: 2, parts: 2, plans: 2, results: 2, i1: 3, i2: 3, i3: 3 });
    });

    it('finds the node at a line (its item, indicator or assumption)', () => {
      const funds = g.nodes.find((n) => n.id === 'funds')!;
      assert.equal(nodeAtLine(g, funds.line)?.id, 'funds');
      assert.equal(nodeAtLine(g, funds.indicators[0].line)?.id, 'funds');
      assert.equal(nodeAtLine(g, 0), undefined);
    });
  });

  describe('ordinal ids and references', () => {
    it('numbers pathway items o1… and interventions i1… in order; explicit ids win', () => {
      const g = parseTheoryOfChange(`## Long-term goal\nBy 2030 all is well.\n\n## Outcomes pathway\n- A\n  - B\n- C {#o1}\n\n## Interventions\n- Do X → o2, o1\n- Do Y -> o3 {#y}\n`);
      assert.deepEqual(ids(g), ['goal', 'o1-l5', 'o2', 'o1', 'i1', 'y']);
      // "o1" now names C (explicit), "o3" still reaches C by its ordinal.
      assert.deepEqual(edgeList(g), ['i1>o1:contributes', 'i1>o2:contributes', 'o1-l5>goal:precondition', 'o1>goal:precondition', 'o2>o1-l5:precondition', 'y>o1:contributes']);
      assert.deepEqual(g.problems, []);
    });

    it('reads an intervention nested in the pathway as contributing to its parent (it threw before the Interventions section was read)', () => {
      const g = parseTheoryOfChange(`## Long-term goal\nBy 2030 all is well.\n\n## Outcomes pathway\n- A\n  - Intervention: Radio spots → \n  - B\n\n## Interventions\n- Do X → o2\n`);
      assert.deepEqual(g.problems.map((p) => p.code), []);
      assert.deepEqual(ids(g), ['goal', 'o1', 'i1', 'o2', 'i2']);
      assert.deepEqual(edgeList(g), ['i1>o1:contributes', 'i2>o2:contributes', 'o1>goal:precondition', 'o2>o1:precondition']);
      assert.equal(g.nodes.find((n) => n.id === 'i1')?.text, 'Radio spots');
    });

    it('accepts the older snippet labels (**Goal:**, **Outcome:**) and Indicator:/Assumption: prefixes in sections', () => {
      const g = parseTheoryOfChange(`## Long-term goal\n**Goal:** By 2030 it works.\n\n## Outcomes pathway\n- **Outcome:** Parents trust schools.\n\n## Indicators\n- **o1:** parents; target 70%; by 2029\n\n## Assumptions\n- Assumption: o1: Fees stay low.\n`);
      assert.equal(g.goal?.text, 'By 2030 it works.');
      assert.equal(g.nodes[1].text, 'Parents trust schools.');
      assert.equal(g.nodes[1].indicators[0].parts.howMuch, '70%');
      assert.equal(g.nodes[1].assumptions[0].text, 'Fees stay low.');
    });

    it('ignores template prompts, guidance quotes, code blocks and front matter', () => {
      const g = parseTheoryOfChange('---\ntype: theory-of-change\n---\n## 2. Long-term goal\n\n> **Purpose:** the impact.\n> - What change?\n\n*By <date>, <number> <population> will <measurable change>.*\n\n## 3. Outcomes pathway\n\n```\n- not an outcome\n```\n- Real outcome\n');
      assert.equal(g.goal, undefined);
      assert.deepEqual(ids(g), ['o1']);
      assert.deepEqual(codes(g), ['no-goal']);
    });

    it('joins wrapped list lines, and matches numbered headings with asides like outline B', () => {
      const g = parseTheoryOfChange('## 2. Long-term goal (impact)\nGoal text\n## 3) Outcomes pathway\n- A long outcome\n  that wraps\n- Next');
      assert.equal(g.nodes[1].text, 'A long outcome that wraps');
      assert.equal(g.nodes.length, 3);
    });
  });

  describe('malformed input draws what it can and lists problems', () => {
    it('an empty document', () => {
      for (const text of ['', '   \n\n', '---\ntype: theory-of-change\n---\n']) {
        const g = parseTheoryOfChange(text);
        assert.deepEqual(g.nodes, []);
        assert.deepEqual(codes(g), ['empty']);
      }
    });

    it('not a string, binary noise and very long lines do not throw', () => {
      assert.deepEqual(codes(parseTheoryOfChange(undefined as unknown as string)), ['empty']);
      const noise = parseTheoryOfChange('## Outcomes pathway\n- \u0000\u0001 {#} {# } → → -> ,,, \n' + '-'.repeat(10000));
      assert.ok(noise.problems.length > 0);
    });

    it('dangling references, self links and unattached indicators', () => {
      const g = parseTheoryOfChange('## Long-term goal\nG\n## Outcomes pathway\n- A\n## Interventions\n- Do → o9, that thing\n## Causal links and rationales\n- o1 → o1: because\n- o7 → goal: why\n## Indicators\n- just an indicator\n- o8: x\n');
      assert.deepEqual(codes(g), ['dangling-reference', 'dangling-reference', 'self-link', 'dangling-reference', 'unattached-indicator', 'dangling-reference']);
      assert.deepEqual(g.problems.map((p) => p.line), [5, 5, 7, 8, 10, 11]);
      assert.match(g.problems[1].message, /"that thing" is not an id/);
      assert.deepEqual(edgeList(g), ['o1>goal:precondition']);
    });

    it('duplicate ids keep the first and number the second', () => {
      const g = parseTheoryOfChange('## Long-term goal\nG\n## Outcomes pathway\n- A {#a}\n- B {#a}\n');
      assert.deepEqual(codes(g), ['duplicate-id']);
      assert.equal(g.problems[0].line, 4);
      assert.deepEqual(ids(g), ['goal', 'a', 'o2']);
    });

    it('cycles through explicit links are reported at the closing link and left out of layouts', () => {
      const g = parseTheoryOfChange('## Long-term goal\nG\n## Outcomes pathway\n- A\n  - B\n    - C\n## Causal links and rationales\n- o1 → o3: loops back\n');
      assert.deepEqual(codes(g), ['cycle']);
      assert.equal(g.problems[0].line, 7);
      const back = [...backEdges(g)];
      assert.equal(back.length, 1);
      assert.equal(back[0].rationale, 'loops back');
      assert.deepEqual(g.nodes.map((n) => n.level), [0, 1, 2, 3]);
    });

    it('attachments outside any node, and a missing pathway', () => {
      const g = parseTheoryOfChange('## Long-term goal\nG\n## Outcomes pathway\n- Indicator: floating\n');
      assert.deepEqual(codes(g), ['no-outcomes', 'misplaced-attachment']);
      const none = parseTheoryOfChange('# Just a title\n\nSome prose.');
      assert.deepEqual(codes(none), ['no-goal', 'no-outcomes']);
    });
  });

  describe('the outline B template, snippets and Insert Section produce the notation', () => {
    it('a new theory of change parses, with its prompts ignored and an example pathway', () => {
      const g = parseTheoryOfChange(renderTemplate('theory-of-change', 'Lake Hub', '2026-01-01', []));
      assert.equal(g.goal, undefined, 'the goal prompt is not a goal');
      assert.ok(g.problems.every((p) => p.code === 'no-goal' || p.code === 'no-outcomes'), JSON.stringify(g.problems));
    });

    it('every toc- snippet, with its tab stops filled, parses into the graph without problems', () => {
      const fill = (body: string) => body.replace(/\$\{\d+\|([^,|]+)[^}]*\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '').replace(/\\([$}\\])/g, '$1');
      const section = (id: string) => fill(sectionSnippet(THEORY_OF_CHANGE, THEORY_OF_CHANGE.sections.find((s) => s.id === id)!));
      const doc = ['goal', 'outcomes', 'links', 'assumptions', 'interventions', 'indicators'].map(section).join('\n\n');
      const g = parseTheoryOfChange(doc);
      assert.deepEqual(g.problems, [], doc);
      assert.ok(g.goal);
      assert.deepEqual(g.nodes.map((n) => n.kind).sort(), ['goal', 'intervention', 'outcome', 'outcome']);
      assert.ok(g.edges.some((e) => e.kind === 'contributes'));
      assert.ok(g.edges.some((e) => e.rationale));
      assert.ok(g.nodes.some((n) => n.indicators.length) && g.nodes.some((n) => n.assumptions.length));
      // The element snippets too, placed in their sections.
      const el = (id: string) => fill(TOC_ELEMENTS.find((e) => e.id === id)!.body.join('\n'));
      const g2 = parseTheoryOfChange(`## Long-term goal\n${el('goal')}\n\n## Outcomes pathway\n${el('outcome')}\n${el('indicator').replace(/^/gm, '  ')}\n${el('assumption').replace(/^/gm, '  ')}\n\n## Interventions\n${el('intervention')}\n\n## Causal links and rationales\n${el('link')}\n`);
      assert.deepEqual(g2.problems, []);
      assert.deepEqual(g2.nodes.map((n) => n.kind), ['goal', 'outcome', 'intervention']);
      assert.equal(g2.nodes[1].indicators.length, 1);
      assert.equal(g2.nodes[1].assumptions.length, 1);
      assert.equal(Object.keys(snippets()).filter((k) => k.startsWith('Theory of change')).length, THEORY_OF_CHANGE.sections.length + TOC_ELEMENTS.length);
    });
  });
});
