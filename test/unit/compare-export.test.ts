import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import footnote from 'markdown-it-footnote';
import { compareHubs, comparisonHtml, comparisonMarkdown } from '../../src/core/compare';
import { RATING_INFO } from '../../src/core/kinds';
import { realKb } from '../fixtures/real-kb';

/** Cells per row of every table in rendered HTML. */
function tableShapes(html: string): number[][] {
  return [...html.matchAll(/<table[\s\S]*?<\/table>/g)].map((t) => [...t[0].matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => (r[1].match(/<t[hd][\s>]/g) ?? []).length));
}

describe('Compare: what the writer sees and exports', () => {
  const { bundle } = realKb();
  const hub = (id: string) => bundle.docs.find((d) => d.id === id)!;
  const title = (id: string) => bundle.docs.find((d) => d.kind === 'principle' && d.id === id)?.title ?? id;
  const c = compareHubs([hub('gavi'), hub('global-fund'), hub('cepi')], title);

  for (const [name, md] of [
    ['VS Code preview (markdown-it, HTML allowed, footnotes added by Impact Hubs)', new MarkdownIt({ html: true }).use(footnote)],
    ['GitHub-like (markdown-it, no raw HTML, footnotes)', new MarkdownIt({ html: false }).use(footnote)],
  ] as const) {
    it(`the exported Markdown renders as tables with footnotes in ${name}`, () => {
      const html = md.render(comparisonMarkdown(c, '2026-11-28'));
      assert.doesNotMatch(html, /\[\^c\d+\]/, 'no raw footnote marks');
      const shapes = tableShapes(html);
      assert.equal(shapes.length, 2, 'facts and design principles');
      for (const rows of shapes) assert.ok(rows.every((n) => n === c.hubs.length + 1), `every row has ${c.hubs.length + 1} cells: ${rows.join(',')}`);
      assert.equal(shapes[0].length, c.rows.length + 1);
      assert.equal(shapes[1].length, c.principles.length + 1);
      assert.doesNotMatch(html, /<\/sup><sup/, 'adjacent footnote marks are separated');
      const refs = new Set([...html.matchAll(/href="#fn(\d+)"/g)].map((m) => m[1]));
      const notes = new Set([...html.matchAll(/id="fn(\d+)"/g)].map((m) => m[1]));
      assert.ok(refs.size > 10);
      assert.deepEqual([...refs].sort(), [...notes].sort(), 'every mark has its note');
      assert.match(html, /<th><strong>Gavi<\/strong><\/th>/);
      for (const r of ['exhibits', 'partly'] as const) assert.ok(html.includes(`${RATING_INFO[r].symbol} ${RATING_INFO[r].label}`), r);
    });
  }

  it('separates adjacent citation numbers in the HTML table and grid', () => {
    const html = comparisonHtml(c);
    assert.doesNotMatch(html, /<\/a><a href="#csrc/, 'numbers never run together');
    assert.doesNotMatch(html, /<\/sup><sup/);
    assert.match(html, /<sup class="cite"><a href="#csrc-\d+" aria-label="source \d+">\d+<\/a>,<a href="#csrc-\d+"/);
  });

  it('shows the design principles as a ✓ / ◐ / ✗ grid with the evidence on hover and focus', () => {
    const html = comparisonHtml(c);
    const grid = html.slice(html.indexOf('<h2 id="design-principles">'), html.indexOf('<h2 id="sources">'));
    const marks = [...grid.matchAll(/<span class="rating rating-(exhibits|partly|not)" tabindex="0" role="img" aria-label="([^"]+)" aria-describedby="(tip-\d+-\d+)">([^<]+)<\/span>/g)];
    assert.ok(marks.length >= 10, `${marks.length} marks`);
    for (const m of marks) {
      const rating = m[1] as keyof typeof RATING_INFO;
      assert.equal(m[4], RATING_INFO[rating].symbol);
      assert.equal(m[2], RATING_INFO[rating].label);
      assert.match(grid, new RegExp(`<span class="tip" role="tooltip" id="${m[3]}"><strong>${RATING_INFO[rating].label}\\.</strong> [^<]{10,}</span>`));
    }
    const gavi = c.principles.find((p) => p.id === 'narrow-goal')!.cells[0];
    assert.ok(gavi.rating && gavi.note && gavi.cites.length);
    assert.match(html, /^<h1>Compare: Gavi, Global Fund, CEPI<\/h1>/);
  });

  it('orders the grid by the principles\' own order when it is given', () => {
    const order = bundle.docs.filter((d) => d.kind === 'principle').sort((a, b) => (a.order ?? 99) - (b.order ?? 99)).map((d) => d.id);
    const ordered = compareHubs([hub('gavi'), hub('swa')], title, order);
    const ids = ordered.principles.map((p) => p.id);
    assert.deepEqual(ids, [...ids].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
  });
});
