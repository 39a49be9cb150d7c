import * as assert from 'node:assert/strict';
import { caseStudyTree, countDocs, filterTree, frameworkTree, ownTree, principleTree, GROUPINGS, type TreeNode } from '../../src/core/tree-model';
import { compareHubs, comparisonMarkdown, comparisonHtml } from '../../src/core/compare';
import { esc } from '../../src/core/html';
import { realKb } from '../fixtures/real-kb';

const docKeys = (nodes: TreeNode[]): string[] => nodes.flatMap((n) => [...(n.type === 'doc' && n.key ? [n.key] : []), ...docKeys(n.children ?? [])]);

describe('side bar tree models', () => {
  const { bundle, engine } = realKb();
  const principles = bundle.docs.filter((d) => d.kind === 'principle');

  it('flat A–Z lists every hub sorted by name, each with founded year and region', () => {
    const flat = caseStudyTree(bundle.docs, 'flat', principles);
    const hubCount = bundle.docs.filter((d) => d.kind === 'hub').length;
    assert.ok(hubCount >= 23);
    assert.equal(flat.length, hubCount);
    const names = flat.map((n) => n.label.toLowerCase());
    assert.ok(flat.find((n) => n.key === 'hub:gavi')!.description!.startsWith('2000'));
    assert.equal(new Set(names).size, hubCount);
    assert.ok(flat.every((n) => n.tooltip && n.tooltip.includes('cited sources')));
  });

  for (const g of GROUPINGS.map((x) => x.id)) {
    it(`grouping "${g}" places every hub at least once, in named groups`, () => {
      const tree = caseStudyTree(bundle.docs, g, principles);
      const keys = new Set(docKeys(tree));
      for (const h of bundle.docs.filter((d) => d.kind === 'hub')) {
        if (g === 'sdg' || g === 'area' || g === 'flat' || g === 'region' || g === 'actor') assert.ok(keys.has(`hub:${h.id}`), `${h.id} missing in ${g}`);
      }
      if (g !== 'flat') assert.ok(tree.every((n) => n.type === 'group' && n.label.length > 0));
    });
  }

  it('groups by issue area with counts, sorted by label', () => {
    const tree = caseStudyTree(bundle.docs, 'area', principles);
    const health = tree.find((n) => n.label === 'Health')!;
    assert.ok(health.children!.some((c) => c.key === 'hub:gavi'));
    assert.equal(health.description, String(health.children!.length));
    const labels = tree.map((n) => n.label);
    assert.deepEqual(labels, [...labels].sort((a, b) => (a === 'Other' ? 1 : b === 'Other' ? -1 : a.localeCompare(b))));
  });

  it('groups by design principle into exhibits / partly / does not, with the evidence note', () => {
    const tree = caseStudyTree(bundle.docs, 'principle', principles);
    assert.equal(tree.length, bundle.docs.filter((d) => d.kind === 'principle').length);
    assert.equal(tree[0].label, principles.find((p) => p.order === 1)!.title);
    const secretariat = tree.find((n) => n.id === 'principle/small-secretariat')!;
    const ratings = secretariat.children!.map((c) => c.rating);
    assert.deepEqual(ratings, [...ratings].sort((a, b) => ['exhibits', 'partly', 'not'].indexOf(a!) - ['exhibits', 'partly', 'not'].indexOf(b!)));
    const gavi = secretariat.children!.flatMap((c) => c.children!).find((h) => h.key === 'hub:gavi')!;
    const rated = bundle.docs.find((d) => d.id === 'gavi')!.hub!.principles.find((p) => p.id === 'small-secretariat')!;
    assert.equal(gavi.description, rated.note);
    assert.equal(gavi.anchor, 'principle-small-secretariat');
  });

  it('Design Principles: each principle expands into the hubs computed from front matter', () => {
    const tree = principleTree(principles, bundle.principleHubs);
    assert.equal(tree.length, bundle.docs.filter((d) => d.kind === 'principle').length);
    const narrow = tree.find((n) => n.key === 'principle:narrow-goal')!;
    assert.equal(narrow.children!.length, bundle.principleHubs['narrow-goal'].length);
    assert.ok(narrow.children!.every((c) => c.key!.startsWith('hub:') && c.description!.includes(' — ')));
  });

  it('frameworks and own documents are listed by title', () => {
    assert.deepEqual(frameworkTree(bundle.docs.filter((d) => d.kind === 'framework')).length, 6);
    const own = ownTree([{ key: 'note:b@x', kind: 'note', title: 'B', path: 'file:///w/k/b.md', summary: '' }, { key: 'note:a@y', kind: 'note', title: 'A', path: 'file:///w/k/a.md', summary: 's' }], (p) => p.replace('file:///w/', ''));
    assert.deepEqual(own.map((n) => n.label), ['A', 'B']);
    assert.equal(own[0].description, 'Own document · k/a.md');
  });

  it('filters trees with the search engine, dropping empty groups', () => {
    const keep = new Set(engine.search('vaccine', { limit: 500 }).map((r) => r.ref));
    const tree = filterTree(caseStudyTree(bundle.docs, 'area', principles), keep);
    const keys = docKeys(tree);
    assert.ok(keys.includes('hub:gavi'));
    assert.ok(!keys.includes('hub:icoca'));
    assert.ok(tree.every((g) => g.children!.length > 0));
    assert.equal(countDocs(tree), keys.length);
    assert.deepEqual(filterTree(tree, new Set()), []);
  });
});

describe('compare hubs', () => {
  const { bundle } = realKb();
  const hub = (id: string) => bundle.docs.find((d) => d.id === id)!;

  it('builds rows for 2–4 hubs with globally numbered sources per cell', () => {
    const c = compareHubs([hub('gavi'), hub('global-fund'), hub('cepi')]);
    assert.deepEqual(c.hubs.map((h) => h.id), ['gavi', 'global-fund', 'cepi']);
    const labels = c.rows.map((r) => r.label);
    for (const l of ['Founded', 'Legal form', 'Secretariat', 'Governance and seats', 'Actor types', 'Funding model', 'Funding amounts', 'Headline goal', 'Results']) assert.ok(labels.includes(l), l);
    assert.ok(c.principles.length >= 5, 'design principles are a grid of their own');
    const goal = c.rows.find((r) => r.label === 'Headline goal')!;
    assert.match(goal.cells[0].text, /500 million/);
    assert.ok(goal.cells[0].cites.length > 0);
    const numbers = c.sources.map((s) => s.n);
    assert.deepEqual(numbers, numbers.map((_, i) => i + 1));
    for (const r of [...c.rows, ...c.principles]) for (const cell of r.cells) for (const n of cell.cites) assert.ok(c.sources[n - 1], `cite ${n}`);
  });

  it('keeps a $ in a source URL as it is in the HTML table (no replacement patterns)', () => {
    const g = hub('gavi');
    const label = g.hub!.goal!.src[0];
    const url = "https://example.org/a$&b$'c$`d$1";
    const doc = { ...g, sources: g.sources.map((s) => (s.label === label ? { ...s, url, text: `Publisher, ${url} (read 2026)` } : s)) };
    const html = comparisonHtml(compareHubs([doc, hub('cepi')]));
    const safe = esc(new URL(url).toString());
    assert.ok(html.includes(`<strong>Gavi:</strong> Publisher, <a class="external" href="${safe}" data-external="${safe}">${esc(url)}</a> (read 2026)</li>`), html.slice(html.indexOf('<ol')));
  });

  it('refuses fewer than 2 or more than 4 hubs', () => {
    assert.throws(() => compareHubs([hub('gavi')]), /2 to 4/);
    assert.throws(() => compareHubs(['gavi', 'cepi', 'gpe', 'swa', 'icoca'].map(hub)), /2 to 4/);
  });

  it('exports a Markdown table whose footnotes all resolve, and escapes the HTML table', () => {
    const c = compareHubs([hub('grow-asia'), hub('geapp')], (id) => `P ${id}`);
    const md = comparisonMarkdown(c, '2026-11-28');
    const lines = md.split('\n');
    const header = lines.find((l) => l.startsWith('| |'))!;
    assert.equal(header.split(' | ').length, 3);
    assert.ok(lines.some((l) => l.startsWith('| --- | --- | --- |')));
    const refs = new Set([...md.matchAll(/\[\^(c\d+)\](?!:)/g)].map((m) => m[1]));
    const defs = new Set([...md.matchAll(/^\[\^(c\d+)\]:/gm)].map((m) => m[1]));
    assert.deepEqual([...refs].sort(), [...defs].sort());
    const rowCells = lines.filter((l) => l.startsWith('| **')).map((l) => l.replace(/\\\|/g, '').split('|').length);
    assert.ok(rowCells.every((n) => n === rowCells[0]), 'every row has the same number of cells');
    const html = comparisonHtml(c);
    assert.doesNotMatch(html, /<script/);
    assert.match(html, /data-doc="hub:grow-asia"/);
  });
});
