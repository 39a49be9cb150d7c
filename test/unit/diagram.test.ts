import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { JSDOM } from 'jsdom';
import { parseTheoryOfChange, type TocGraph } from '../../src/documents/toc';
import { collapseGraph, layoutToc, measureNode } from '../../src/diagram/layout';
import { mermaidText, toMermaid } from '../../src/diagram/mermaid';
import { csvField, MISSING, resultsCsv, resultsFramework, resultsHtml, resultsMarkdown } from '../../src/diagram/results';
import { LARGE_DIAGRAM, pathData, renderTocSvg, sizeNotice, standaloneSvg } from '../../src/diagram/svg';
import { textWidthEm, wrapText } from '../../src/diagram/text';
import { parseTocMessage } from '../../src/views/protocol';
import { benchToc } from '../../bench/toc-graphs';

const SAMPLE = fs.readFileSync(path.join(__dirname, '..', '..', 'samples', 'riverlands-theory-of-change.md'), 'utf8');
const window = new JSDOM('').window;

/** Parses SVG as XML; fails on any well-formedness error. */
function parseSvg(svg: string): Document {
  const doc = new window.DOMParser().parseFromString(svg, 'image/svg+xml');
  const err = doc.getElementsByTagName('parsererror')[0];
  assert.equal(err, undefined, `not well-formed XML: ${err?.textContent}`);
  assert.equal(doc.documentElement.localName, 'svg');
  assert.equal(doc.documentElement.namespaceURI, 'http://www.w3.org/2000/svg');
  return doc;
}

const EVIL = '<script>alert(1)</script> & "quotes" \'single\' ]]> {{x}} #hash `tick` |pipe|';
const evilDoc = `## Long-term goal
${EVIL}

## Outcomes pathway
- A ${EVIL} {#a}
  - Indicator: population <b>x</b>; target 5 & more; by 2030
  - B ${EVIL}
- C

## Causal links and rationales
- o3 → a: because ${EVIL}
- o3 → goal: because

## Interventions
- Partner </text><rect/> does X → o2, a
`;

describe('diagram (src/diagram)', () => {
  describe('text measurement', () => {
    it('wraps to a width, cuts long words, ellipsises after the last line', () => {
      assert.ok(textWidthEm('WWW') > textWidthEm('iii'));
      const lines = wrapText('one two three four five six seven eight nine ten', 8);
      assert.ok(lines.length > 1 && lines.every((l) => textWidthEm(l) <= 8), JSON.stringify(lines));
      assert.deepEqual(wrapText('x'.repeat(50), 10).join(''), 'x'.repeat(50));
      const cut = wrapText('one two three four five six seven eight nine ten', 8, 2);
      assert.equal(cut.length, 2);
      assert.ok(cut[1].endsWith('…'));
    });
  });

  describe('layout', () => {
    const g = parseTheoryOfChange(SAMPLE);
    const layout = layoutToc(g);

    it('places every node once, the goal on top, interventions on one row at the base', () => {
      assert.deepEqual(layout.nodes.map((n) => n.id), g.nodes.map((n) => n.id));
      const y = (id: string) => layout.nodes.find((n) => n.id === id)!.y;
      const bottom = (kind: string) => layout.nodes.filter((n) => n.node.kind === kind);
      for (const n of layout.nodes) if (n.id !== 'goal') assert.ok(y('goal') < n.y, `goal above ${n.id}`);
      const ivs = bottom('intervention');
      const lowestOutcome = Math.max(...layout.nodes.filter((n) => n.node.kind !== 'intervention').map((n) => n.y + n.height));
      for (const iv of ivs) assert.ok(iv.y > lowestOutcome, `${iv.id} below every outcome`);
      assert.equal(new Set(ivs.map((n) => n.y + n.height)).size, 1, 'one base row');
      assert.ok(y('funds') > y('working'), 'a precondition sits below what it leads to');
    });

    it('boxes do not overlap and stay inside the drawing', () => {
      for (const a of layout.nodes) {
        assert.ok(a.x >= 0 && a.y >= 0 && a.x + a.width <= layout.width && a.y + a.height <= layout.height, a.id);
        for (const b of layout.nodes) {
          if (a === b) continue;
          const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
          assert.ok(apart, `${a.id} overlaps ${b.id}`);
        }
      }
    });

    it('routes every edge from its source to its target', () => {
      assert.equal(layout.edges.length, g.edges.length);
      for (const e of layout.edges) {
        const from = layout.nodes.find((n) => n.id === e.edge.from)!;
        const to = layout.nodes.find((n) => n.id === e.edge.to)!;
        const first = e.points[0];
        const last = e.points[e.points.length - 1];
        assert.ok(Math.abs(first.y - from.y) < 2 || Math.abs(first.x - (from.x + from.width)) < 2, `${e.edge.from} start`);
        assert.ok(Math.abs(last.y - (to.y + to.height)) < 2 || Math.abs(last.x - (to.x + to.width)) < 2 || Math.abs(last.x - to.x) < 2, `${e.edge.to} end`);
      }
    });

    it('measures attachments and keeps large lists short', () => {
      const many = parseTheoryOfChange(`## Long-term goal\nG\n## Outcomes pathway\n- A\n${Array.from({ length: 6 }, (_, i) => `  - Indicator: number ${i}`).join('\n')}\n`);
      const box = measureNode(many.nodes[1]);
      assert.equal(box.attachments.length, 4);
      assert.equal(box.attachments[3].lines[0], '+3 more indicators');
      assert.ok(box.height > measureNode({ ...many.nodes[1], indicators: [] }).height);
    });

    it('collapses a pathway: its preconditions and their interventions are hidden and counted', () => {
      const { graph, hidden } = collapseGraph(g, ['working']);
      assert.deepEqual(graph.nodes.map((n) => n.id), ['goal', 'working', 'trust', 'results', 'i3']);
      // funds, parts, plans, i1, i2 lead to the goal only through "working"; results also leads to trust.
      assert.equal(hidden.get('working'), 5);
      assert.ok(graph.edges.every((e) => graph.nodes.some((n) => n.id === e.from) && graph.nodes.some((n) => n.id === e.to)));
      const laid = layoutToc(g, { collapsed: ['working'] });
      assert.equal(laid.nodes.find((n) => n.id === 'working')!.hidden, 5);
    });

    it('lays out empty and cyclic graphs without throwing', () => {
      assert.deepEqual(layoutToc(parseTheoryOfChange('')).nodes, []);
      const cyclic = parseTheoryOfChange('## Long-term goal\nG\n## Outcomes pathway\n- A\n  - B\n## Causal links and rationales\n- o1 → o2: loop\n');
      const laid = layoutToc(cyclic);
      assert.equal(laid.edges.filter((e) => e.back).length, 1);
    });
  });

  describe('SVG', () => {
    it('is well-formed XML with every node and edge, for the sample and the bench graphs', () => {
      for (const g of [parseTheoryOfChange(SAMPLE), parseTheoryOfChange(benchToc(25)), parseTheoryOfChange(benchToc(100))]) {
        for (const mode of ['webview', 'standalone'] as const) {
          const doc = parseSvg(renderTocSvg(g, { mode }).svg);
          const nodeIds = Array.from(doc.querySelectorAll('g.toc-node')).map((e) => e.getAttribute('data-id'));
          assert.deepEqual(nodeIds.sort(), g.nodes.map((n) => n.id).sort());
          const edges = Array.from(doc.querySelectorAll('g.toc-edge')).map((e) => `${e.getAttribute('data-from')}>${e.getAttribute('data-to')}`);
          assert.deepEqual(edges.sort(), g.edges.map((e) => `${e.from}>${e.to}`).sort());
          for (const e of Array.from(doc.querySelectorAll('g.toc-edge path.toc-edge-line'))) assert.match(e.getAttribute('d') ?? '', /^M[\d.]+,[\d.]+[LQ]/);
        }
      }
    });

    it('escapes user text everywhere: no element or attribute comes from the document', () => {
      const g = parseTheoryOfChange(evilDoc);
      for (const mode of ['webview', 'standalone'] as const) {
        const svg = renderTocSvg(g, { mode }).svg;
        const doc = parseSvg(svg);
        assert.equal(doc.getElementsByTagName('script').length, 0);
        assert.equal(doc.getElementsByTagName('b').length, 0);
        assert.equal(doc.querySelectorAll('rect').length, doc.querySelectorAll('rect.toc-box, rect.toc-background, rect.toc-toggle-box').length, 'only our rects');
        assert.equal(doc.querySelectorAll('rect.toc-box').length, g.nodes.length);
        assert.ok(svg.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;'));
        const goalTitle = doc.querySelector('#toc-node-goal title')!.textContent!;
        assert.ok(goalTitle.includes('<script>alert(1)</script> & "quotes"'), goalTitle);
        const rationale = Array.from(doc.querySelectorAll('g.toc-edge title')).map((t) => t.textContent).find((t) => t?.startsWith('because <'));
        assert.ok(rationale?.includes('<script>'), 'the rationale is the arrow\'s tooltip, as text');
      }
    });

    it('webview mode has classes only (no inline styles, which the CSP forbids) and focusable nodes', () => {
      const svg = renderTocSvg(parseTheoryOfChange(SAMPLE), { mode: 'webview', highlight: 'funds' }).svg;
      assert.doesNotMatch(svg, / style=| fill="#| stroke="#/);
      const doc = parseSvg(svg);
      for (const n of Array.from(doc.querySelectorAll('g.toc-node'))) {
        assert.equal(n.getAttribute('tabindex'), '0');
        // Named by its first child, an SVG <title> (no aria-label to drift from the visible text).
        assert.equal(n.firstElementChild?.tagName, 'title');
        assert.match(n.firstElementChild?.textContent ?? '', /\S/);
        assert.equal(n.getAttribute('aria-label'), null);
        assert.equal(n.querySelector('[role="button"], [tabindex]'), null, 'no button inside the box\u2019s button');
        assert.match(n.getAttribute('data-line') ?? '', /^\d+$/);
      }
      assert.ok(doc.querySelector('#toc-node-funds')!.classList.contains('toc-current'));
    });

    it('standalone mode carries its own colours and font, and a background', () => {
      const svg = standaloneSvg(parseTheoryOfChange(SAMPLE));
      assert.match(svg, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg /);
      const doc = parseSvg(svg.slice(svg.indexOf('<svg')));
      assert.ok(doc.documentElement.getAttribute('font-family'));
      for (const r of Array.from(doc.querySelectorAll('rect.toc-box'))) assert.match(r.getAttribute('fill') ?? '', /^#[0-9a-f]{6}$/);
      for (const t of Array.from(doc.querySelectorAll('text'))) assert.match(t.getAttribute('fill') ?? '', /^#[0-9a-f]{6}$/);
      assert.equal(doc.querySelectorAll('[tabindex]').length, 0);
    });

    it('marks nodes and links with problems (from an input list of lines) and cycle edges', () => {
      const g = parseTheoryOfChange(SAMPLE);
      const funds = g.nodes.find((n) => n.id === 'funds')!;
      const explicit = g.edges.find((e) => e.kind === 'explicit')!;
      const doc = parseSvg(renderTocSvg(g, { problemLines: [funds.indicators[0].line, explicit.line] }).svg);
      assert.deepEqual(Array.from(doc.querySelectorAll('g.toc-node.toc-problem')).map((e) => e.getAttribute('data-id')), ['funds']);
      assert.equal(doc.querySelectorAll('g.toc-node.toc-problem .toc-badge').length, 1);
      assert.deepEqual(Array.from(doc.querySelectorAll('g.toc-edge.toc-problem')).map((e) => e.getAttribute('data-from')), ['results']);
      const cyclic = parseTheoryOfChange('## Long-term goal\nG\n## Outcomes pathway\n- A\n  - B\n## Causal links and rationales\n- o1 → o2: loop\n');
      assert.equal(parseSvg(renderTocSvg(cyclic).svg).querySelectorAll('g.toc-edge-back.toc-problem').length, 1);
    });

    it('path data is smooth through the points', () => {
      assert.equal(pathData([{ x: 0, y: 0 }, { x: 10, y: 10 }]), 'M0,0L10,10');
      assert.equal(pathData([{ x: 0, y: 0 }, { x: 0, y: 10 }, { x: 10, y: 10 }]), 'M0,0Q0,10 10,10');
      assert.equal(pathData([]), '');
    });

    it('gives a notice above about 25 boxes', () => {
      assert.equal(sizeNotice(parseTheoryOfChange(SAMPLE)), undefined);
      const big = parseTheoryOfChange(benchToc(LARGE_DIAGRAM + 5));
      assert.match(sizeNotice(big)!, /boxes: diagrams above about 25 boxes/);
    });
  });

  describe('Mermaid', () => {
    let mermaid: { parse(text: string): Promise<unknown> };
    before(async function () {
      this.timeout(60000);
      // mermaid sanitises labels with DOMPurify, which needs a DOM: jsdom provides one in Node.
      const g = globalThis as unknown as Record<string, unknown>;
      g.window ??= window;
      g.document ??= window.document;
      mermaid = (await import('mermaid')).default as unknown as typeof mermaid;
    });

    it('the real Mermaid parser accepts the sample, the bench graphs and hostile text', async () => {
      for (const text of [SAMPLE, evilDoc, benchToc(100), '']) {
        const out = toMermaid(parseTheoryOfChange(text), { problemLines: [3, 5] });
        assert.match(out, /^flowchart BT\n/);
        const r = (await mermaid.parse(out)) as { diagramType: string };
        assert.equal(r.diagramType, 'flowchart-v2', out);
      }
    });

    it('the parser check can fail: broken flowchart text is rejected', async () => {
      await assert.rejects(() => mermaid.parse('flowchart BT\n  n0["unclosed] --> n1\n'));
      await assert.rejects(() => mermaid.parse(`flowchart BT\n  n0["${EVIL}"]\n`));
    });

    it('has every node and edge, with kinds as shapes, arrows and classes', () => {
      const g = parseTheoryOfChange(SAMPLE);
      const out = toMermaid(g);
      assert.equal((out.match(/^ {2}n\d+[[{(]/gm) ?? []).length, g.nodes.length);
      assert.equal((out.match(/^ {2}n\d+ (-->|-\.->|==>)/gm) ?? []).length, g.edges.length);
      assert.match(out, /n0\{\{"By 31 December 2030/);
      assert.match(out, /==>\|"because published failures put pressure on operators to fix schemes fast\."\|/);
      assert.match(out, /class n7,n8,n9 intervention/);
      assert.ok(toMermaid(g, { fenced: true }).startsWith('```mermaid\nflowchart BT\n'));
      assert.equal(mermaidText('a "b" #c <d> `e` |f|'), 'a #quot;b#quot; #35;c #lt;d#gt; #96;e#96; #124;f#124;');
    });
  });

  describe('results framework', () => {
    const g = parseTheoryOfChange(SAMPLE);
    const rf = resultsFramework(g);

    it('has one row per goal, outcome and output, top layer first, with indicators and assumptions', () => {
      assert.deepEqual(rf.rows.map((r) => `${r.level}:${r.id}`), ['Goal:goal', 'Outcome:working', 'Outcome:trust', 'Outcome:funds', 'Outcome:parts', 'Outcome:results', 'Output:plans']);
      const funds = rf.rows.find((r) => r.id === 'funds')!;
      assert.deepEqual(
        { ...funds.indicators[0], line: 0 },
        { indicator: 'schemes with a fund covering a year of repairs', baseline: '15%', target: '90% of 1,200 schemes', date: '2028', source: 'provincial audit', verification: undefined, line: 0 },
      );
      assert.match(funds.assumptions[0].text, /tariff-setting/);
      assert.ok(rf.missing > 0);
    });

    it('as a Markdown table: a header, one line per row, empty cells marked, pipes escaped', () => {
      const md = resultsMarkdown(rf);
      const table = md.split('\n').filter((l) => l.startsWith('|'));
      assert.equal(table.length, 2 + rf.rows.length);
      assert.match(table[0], /^\| Level \| Id \| Result \| Indicator \| Baseline \| Target \| By when \| Source \| Means of verification \| Assumptions \|$/);
      const working = table.find((l) => l.includes('| working |'))!;
      assert.equal((working.match(new RegExp(` ${MISSING} `, 'g')) ?? []).length, 7, 'no indicator (6 columns) and no assumption');
      const piped = resultsMarkdown(resultsFramework(parseTheoryOfChange('## Long-term goal\nA | B\n')));
      assert.ok(piped.includes('A \\| B'));
      for (const l of table) assert.equal(l.split(/(?<!\\)\|/).length, 12, l);
    });

    it('as CSV: quoted where needed, formulas neutralised, one line per row', () => {
      const csv = resultsCsv(rf);
      const lines = csv.split('\r\n');
      assert.equal(lines[0], 'Level,Id,Result,Indicator,Baseline,Target,By when,Source,Means of verification,Assumptions');
      assert.equal(lines.length, rf.rows.length + 2);
      assert.ok(lines.some((l) => l.startsWith('Outcome,funds,Each scheme has a maintenance fund that covers repairs.,schemes with a fund covering a year of repairs,15%,"90% of 1,200 schemes",2028,provincial audit,—,')));
      assert.equal(csvField('=HYPERLINK("x")'), '"\'=HYPERLINK(""x"")"');
      assert.equal(csvField('-5'), '"\'-5"');
      assert.equal(csvField('a,b'), '"a,b"');
      assert.equal(csvField('plain'), 'plain');
    });

    it('as HTML: escaped, empty cells marked, results link to their line; an empty state', () => {
      const html = resultsHtml(resultsFramework(parseTheoryOfChange(evilDoc)));
      assert.doesNotMatch(html, /<script|<b>/);
      assert.match(html, /<td class="missing" title="missing">—<\/td>/);
      assert.match(html, /<a href="#" data-line="\d+"/);
      assert.match(resultsHtml(resultsFramework(parseTheoryOfChange(''))), /class="empty"/);
    });
  });

  it('a graph without a goal still draws (every part)', () => {
    const g: TocGraph = parseTheoryOfChange('## Outcomes pathway\n- A\n  - B\n');
    const doc = parseSvg(renderTocSvg(g).svg);
    assert.equal(doc.querySelectorAll('g.toc-node').length, 2);
    assert.equal(resultsFramework(g).rows.length, 2);
  });

  it('the page protocol accepts only well-formed messages', () => {
    assert.deepEqual(parseTocMessage({ type: 'reveal', line: 12 }), { type: 'reveal', line: 12 });
    assert.deepEqual(parseTocMessage({ type: 'toggle', id: 'o2' }), { type: 'toggle', id: 'o2' });
    assert.deepEqual(parseTocMessage({ type: 'command', command: 'exportCsv' }), { type: 'command', command: 'exportCsv' });
    assert.deepEqual(parseTocMessage({ type: 'rendered', version: 3 }), { type: 'rendered', version: 3 });
    assert.deepEqual(parseTocMessage({ type: 'rasterised', id: 2, png: 'iVBORw0KGgo=' }), { type: 'rasterised', id: 2, png: 'iVBORw0KGgo=' });
    assert.deepEqual(parseTocMessage({ type: 'rasterised', id: 2, error: 'x'.repeat(1000) }), { type: 'rasterised', id: 2, error: 'x'.repeat(300) });
    for (const bad of [{ type: 'rasterised', id: -1, png: 'iVBO' }, { type: 'rasterised', id: 1, png: '<script>' }, { type: 'rasterised', id: 1, png: '' }, { type: 'rasterised', id: 1 }]) {
      assert.equal(parseTocMessage(bad), undefined, JSON.stringify(bad));
    }
    for (const bad of [null, 'reveal', { type: 'reveal', line: -1 }, { type: 'reveal', line: 1.5 }, { type: 'reveal', line: '2' }, { type: 'toggle', id: '' }, { type: 'toggle', id: 'x'.repeat(81) }, { type: 'command', command: 'rm' }, { type: 'rendered', version: -1 }, { type: 'eval', code: '1' }]) {
      assert.equal(parseTocMessage(bad), undefined, JSON.stringify(bad));
    }
  });
});
