import * as assert from 'node:assert/strict';
import { CHARTER as OUTLINE_A } from '../../src/core/outlines';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { renderTemplate } from '../../src/core/authoring';
import type { DocKind, KnowledgeDoc } from '../../src/core/types';
import { citedDoc, ExportError, prepareExport, renderExport, reportLines, summary, type ExportDoc, type RefResolver } from '../../src/export';
import { columnWidths } from '../../src/export/docx';
import { extrasFor } from '../../src/export/extras';
import { toHtmlString } from '../../src/export/html';
import { resultsFramework } from '../../src/diagram/results';
import { parseLandscape } from '../../src/documents/landscape';
import { parseTheoryOfChange } from '../../src/documents/toc';
import { esc as escXml } from '../../src/core/html';
import { plainText } from '../../src/export/model';
import { safeHref } from '../../src/export/parse';
import { realKb } from '../fixtures/real-kb';

const ROOT = path.join(__dirname, '..', '..');

/** The real knowledge base as the export's resolver. */
function kbResolver(): RefResolver {
  const { bundle } = realKb();
  const byKey = new Map<string, KnowledgeDoc>(bundle.docs.map((d) => [`${d.kind}:${d.id}`, d]));
  return (kind: DocKind, id: string) => {
    const d = byKey.get(`${kind}:${id}`);
    return d ? citedDoc(d, bundle.builtAt.slice(0, 4)) : undefined;
  };
}

const CHARTER = `---
type: hub-charter
hub: Lake Compact
status: draft
version: 0.4
date: 2026-03-01
---

# Lake Compact — Charter

> Drafted with Impact Hubs from the hub charter outline (21 sections). Replace each prompt in *italics*.

## 1. Parties and legal status

> **Purpose:** Who the founding parties are and whether the charter binds them.
> - Who are the founding parties?
> See [[framework:partnership-agreements]].

The founding parties are the Lake Authority and *three* **fishing** cooperatives.[^parties]

## 3. Purpose and goal

We follow [[hub:gavi]] and [[principle:narrow-goal|the narrow-goal principle]]; see also [[hub:gavi]] again
and the unknown [[hub:atlantis]].

> Our own quotation, kept in the export.

1. First step
2. Second step
   - nested bullet
3. Third step[^parties]

### Shared measurement

| Indicator | Baseline | Target |
|:--|--:|:-:|
| Households with safe water | 40% | 90% |
| Schemes *working* | 61 | 120 |

A link to [the authority](https://example.org/authority) and to [the goal](#3-purpose-and-goal), and a [relative file](other.md).

\`\`\`
code block <kept>
\`\`\`

[^parties]: Minutes of the founding meeting, 12 January 2026. See https://example.org/minutes.
`;

function prepare(text = CHARTER): ExportDoc {
  return prepareExport(text, { resolve: kbResolver(), today: '2026-11-29', fileName: 'lake.md' });
}

async function docxParts(doc: ExportDoc): Promise<{ bytes: Uint8Array; files: Record<string, string> }> {
  const bytes = await renderExport(doc, 'docx');
  const zip = unzipSync(bytes);
  const files: Record<string, string> = {};
  for (const [name, data] of Object.entries(zip)) if (name.endsWith('.xml') || name.endsWith('.rels')) files[name] = strFromU8(data);
  return { bytes, files };
}

describe('export: Markdown → document model', () => {
  it('builds the title page from the front matter and the H1, and promotes ## sections to level 1', () => {
    const doc = prepare();
    assert.deepEqual(doc.meta, { title: 'Lake Compact — Charter', hub: 'Lake Compact', type: 'hub-charter', typeLabel: 'Hub charter', version: '0.4', status: 'draft', date: '2026-03-01' });
    const headings = doc.blocks.filter((b) => b.type === 'heading').map((b) => (b.type === 'heading' ? `${b.level} ${plainText(b.children)}` : ''));
    assert.deepEqual(headings, ['1 1. Parties and legal status', '1 3. Purpose and goal', '2 Shared measurement']);
  });

  it('turns references into titles with citing footnotes, in order, and reports unknown ones', () => {
    const doc = prepare();
    assert.deepEqual(
      doc.notes.map((n) => n.kind),
      ['author', 'reference', 'reference', 'reference', 'author'],
    );
    const text = (n: number) => plainText(doc.notes[n - 1].children[0]);
    assert.match(text(1), /^Minutes of the founding meeting/);
    assert.match(text(2), /^“Gavi, the Vaccine Alliance”, case study, Impact Hubs knowledge base \(\d{4}\), knowledge\/hubs\/gavi\.md, last reviewed \d{4}-\d{2}-\d{2}\. CC BY 4\.0\. Main sources: .*https:\/\//);
    assert.match(text(3), /^“Choose a narrow, finite, shared goal”, design principle, Impact Hubs knowledge base/);
    assert.equal(text(4), '“Gavi, the Vaccine Alliance”, Impact Hubs knowledge base; see note 2 and References.');
    assert.deepEqual(
      doc.references.map((r) => r.key),
      ['hub:gavi', 'principle:narrow-goal'],
      'the guidance note\u2019s [[framework:…]] is left out with the guidance',
    );
    const para = doc.blocks.find((b) => b.type === 'paragraph' && plainText(b.children).startsWith('We follow'));
    assert.ok(para && para.type === 'paragraph');
    assert.match(plainText(para.children), /^We follow Gavi, the Vaccine Alliance and the narrow-goal principle; see also Gavi, the Vaccine Alliance again and the unknown \[\[hub:atlantis\]\]\.$/);
    assert.deepEqual(doc.report.unknownRefs, [{ ref: '[[hub:atlantis]]', line: 24 }]);
  });

  it('leaves the template guidance block quotes out and keeps the writer\u2019s own', () => {
    const doc = prepare();
    assert.equal(doc.report.guidanceDropped, 2);
    const quotes = doc.blocks.filter((b) => b.type === 'quote');
    assert.equal(quotes.length, 1);
    assert.match(JSON.stringify(quotes[0]), /Our own quotation/);
    assert.equal(prepareExport(CHARTER, { resolve: kbResolver(), keepGuidance: true }).blocks.filter((b) => b.type === 'quote').length, 3);
  });

  it('detects template prompts and snippet stops, and not the writer\u2019s own italics', () => {
    const fresh = renderTemplate('hub-charter', 'Lake Compact', '2026-01-01', realKb().bundle.docs);
    const doc = prepareExport(fresh, { resolve: kbResolver() });
    assert.equal(doc.report.placeholders.length, OUTLINE_A.sections.length);
    assert.equal(doc.report.placeholderSections.length, OUTLINE_A.sections.length);
    assert.equal(doc.report.placeholderSections[0], '1. Parties and legal status');
    assert.equal(doc.report.guidanceDropped, OUTLINE_A.sections.length + 1);
    assert.match(reportLines(doc.report)[0], new RegExp(`^${OUTLINE_A.sections.length} sections still hold template prompts: 1\\. Parties and legal status; 2\\. Problem`));
    assert.deepEqual(reportLines(doc.report, 2), [
      `${OUTLINE_A.sections.length} sections still hold template prompts: 1. Parties and legal status; 2. Problem statement and context and ${OUTLINE_A.sections.length - 2} more.`,
      `${OUTLINE_A.sections.length + 1} template guidance notes (the \u201cPurpose\u201d block quotes) are left out of the export.`,
    ]);

    const mixed = prepareExport(
      ['---', 'type: theory-of-change', '---', '', '## 2. Long-term goal', '', '*By <date>, <number> <population> will <measurable change>.*', '', '## 3. Outcomes', '', 'The founding parties are ${1:party one} and others.', '', '## 4. Notes', '', '*This whole paragraph is the writer\u2019s own aside, not a prompt.*', '', 'Figures marked *illustrative* are placeholders, and $5 million is money.'].join('\n'),
      { resolve: kbResolver() },
    );
    assert.deepEqual(
      mixed.report.placeholders.map((p) => [p.kind, p.line, p.section]),
      [
        ['prompt', 7, '2. Long-term goal'],
        ['snippet-stop', 11, '3. Outcomes'],
      ],
    );
    assert.match(reportLines(mixed.report)[0], /^2 sections still hold template prompts/);
    assert.deepEqual(prepare().report.placeholders, []);
  });

  it('refuses code in front matter with a clear error, and never throws on malformed Markdown', async () => {
    assert.throws(() => prepareExport('---js\nmodule.exports = { type: "x" }\n---\n# T\n', { resolve: kbResolver() }), (e: unknown) => e instanceof ExportError && /front matter: .*not allowed/.test(e.message));
    assert.throws(() => prepareExport('---\ntype: [oops\n---\n', { resolve: kbResolver() }), ExportError);
    const messy = ['# T', '```', 'unclosed fence', '| a |', '|---|---|---|', '| 1 | 2 | 3 | 4 |', '[^nope]', '[[hub:', '> > > deep', '* * *', '![img](x.png)', '<div>raw</div>', '[^a]: unused'].join('\n');
    const doc = prepareExport(messy, { resolve: kbResolver() });
    for (const f of ['docx', 'html'] as const) assert.ok((await renderExport(doc, f)).length > 100);
    const noFm = prepareExport('Just a paragraph with ![a chart](chart.png).\n', { resolve: kbResolver(), fileName: 'notes.md' });
    assert.equal(noFm.meta.title, 'notes');
    assert.equal(noFm.report.imagesAsText, 1);
  });

  it('gives every heading a distinct Word bookmark, even long ones that start alike', async () => {
    const { bookmarkNames } = await import('../../src/export/docx');
    const long = 'a-very-long-heading-about-the-governance-structure-of-the-hub';
    const names = bookmarkNames([`${long}-one`, `${long}-two`, 'goal']);
    assert.equal(new Set(names.values()).size, 3);
    for (const n of names.values()) assert.match(n, /^h_[A-Za-z0-9_]{1,38}$/);
  });

  it('keeps only http(s), mailto and #anchor links', () => {
    assert.equal(safeHref('https://example.org/a?b=1'), 'https://example.org/a?b=1');
    assert.equal(safeHref('mailto:someone@example.org'), 'mailto:someone@example.org');
    assert.equal(safeHref('#goal'), '#goal');
    for (const bad of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,<script>', 'file:///etc/passwd', 'other.md', 'vbscript:x']) assert.equal(safeHref(bad), undefined, bad);
  });
});

describe('export: Word (.docx)', () => {
  it('writes real heading styles, a table of contents, tables, lists, quotes and links', async () => {
    const { files } = await docxParts(prepare());
    const xml = files['word/document.xml'];
    assert.ok(xml, 'word/document.xml exists');
    const styles = [...xml.matchAll(/<w:pStyle w:val="([^"]+)"\/>/g)].map((m) => m[1]);
    assert.ok(styles.includes('Title'));
    assert.equal(styles.filter((s) => s === 'Heading1').length, 3, 'two sections and References');
    assert.equal(styles.filter((s) => s === 'Heading2').length, 1);
    assert.ok(styles.includes('Quote'));
    assert.match(xml, /<w:instrText[^>]*>TOC \\h \\o &quot;1-2&quot;<\/w:instrText>/, 'a TOC field over headings 1–2');
    assert.match(xml, /PAGEREF _Toc\d+ \\h/, 'with entries written, not left empty until Word updates it');
    assert.equal((xml.match(/<w:tbl>/g) ?? []).length, 1);
    assert.match(xml, /<w:tblHeader\/>/);
    assert.ok((xml.match(/<w:numPr>/g) ?? []).length >= 4, 'list items are numbered paragraphs');
    assert.match(xml, /<w:hyperlink [^>]*w:anchor="h_3_purpose_and_goal"/);
    assert.match(files['word/_rels/document.xml.rels'], /Target="https:\/\/example\.org\/authority" TargetMode="External"/);
    assert.match(files['word/styles.xml'], /w:styleId="Heading1"/);
    assert.doesNotMatch(xml, /\[\[hub:gavi\]\]/);
    assert.match(xml, /\[\[hub:atlantis\]\]/, 'an unknown reference stays as text');
    assert.doesNotMatch(xml, /Purpose:/, 'guidance is left out');
  });

  it('writes the author\u2019s footnotes and the citations as real Word footnotes', async () => {
    const { files } = await docxParts(prepare());
    const refs = [...files['word/document.xml'].matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)].map((m) => Number(m[1]));
    assert.deepEqual(refs, [1, 2, 3, 4, 5]);
    const notes = files['word/footnotes.xml'];
    const ids = [...notes.matchAll(/<w:footnote (?:w:type="[^"]+" )?w:id="(-?\d+)"/g)].map((m) => Number(m[1])).filter((n) => n > 0);
    assert.deepEqual(ids, [1, 2, 3, 4, 5]);
    assert.match(notes, /Minutes of the founding meeting/);
    assert.match(notes, /knowledge\/hubs\/gavi\.md/);
    assert.match(notes, /CC BY 4\.0/);
    assert.match(files['word/_rels/footnotes.xml.rels'] ?? '', /TargetMode="External"/, 'source URLs in footnotes are links');
  });

  it('reads back with mammoth: headings, table, footnotes and the References section', async () => {
    const { bytes } = await docxParts(prepare());
    const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
    assert.match(html, /<h1>(?:<a id="[^"]+"><\/a>)*1\. Parties and legal status<\/h1>/);
    assert.match(html, /<h2>(?:<a id="[^"]+"><\/a>)*Shared measurement<\/h2>/);
    assert.match(html, /<h1>(?:<a id="[^"]+"><\/a>)*References<\/h1>/);
    assert.match(html, /<p><a href="#_Toc\d+">1\. Parties and legal status\t<\/a><\/p>/, 'the table of contents links to the headings');
    assert.match(html, /<ol><li>First step<\/li><li>Second step<ul><li>nested bullet<\/li><\/ul><\/li>/);
    assert.match(html, /<table>.*Households with safe water.*90%.*<\/table>/s);
    assert.match(html, /We follow Gavi, the Vaccine Alliance<sup><a href="#footnote-2" id="footnote-ref-2">\[2\]<\/a><\/sup>/);
    assert.match(html, /<li id="footnote-2"><p>.*“Gavi, the Vaccine Alliance”, case study, Impact Hubs knowledge base/);
    assert.match(html, /<li id="footnote-1"><p>.*Minutes of the founding meeting/);
    assert.match(html, /<strong>Gavi, the Vaccine Alliance<\/strong>\. Case study, Impact Hubs knowledge base/);
    const { value: text } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    assert.match(text, /Lake Compact — Charter/);
    assert.match(text, /Version: 0\.4/);
  });

  it('exports the samples charter with its references resolved, its footnote and its table', async () => {
    const text = fs.readFileSync(path.join(ROOT, 'samples', 'riverlands-charter.md'), 'utf8');
    const doc = prepareExport(text, { resolve: kbResolver() });
    assert.equal(doc.meta.title, 'Riverlands Safe Water Hub — Charter');
    assert.deepEqual(doc.references.map((r) => r.key).sort(), ['hub:community-solutions', 'hub:gavi', 'principle:leverage-bottom-up', 'principle:narrow-goal']);
    assert.equal(summary(doc), '1 footnote, 4 knowledge-base pages cited');
    assert.deepEqual(doc.report.placeholders, []);
    const { files } = await docxParts(doc);
    assert.match(files['word/document.xml'], /Community Solutions and Built for Zero/);
    assert.match(files['word/footnotes.xml'], /Household water survey 2025/);
    assert.equal((files['word/document.xml'].match(/<w:tbl>/g) ?? []).length, 1);
  });
});

describe('export: standalone HTML', () => {
  const HOSTILE = `---
type: hub-charter
hub: "<script>alert('hub')</script>"
version: '" onerror="alert(1)'
---

# Title <img src=x onerror=alert(1)>

## Section "quoted" & <b>bold</b>

Text with <script>alert(1)</script> and " onerror="alert(2)" and <iframe src="https://evil.example"></iframe>.

[click](javascript:alert(3)) [data](data:text/html,<script>alert(4)</script>) ![img](https://evil.example/x.png)

| a <script> | b |
|---|---|
| \`<style>\` | cell |

Note[^n] and [[hub:gavi|<b>label</b>]].

[^n]: A note with <script>alert(5)</script> and https://example.org/"onmouseover="x.
`;

  it('escapes the writer\u2019s text everywhere and allows no script', () => {
    const html = toHtmlString(prepareExport(HOSTILE, { resolve: kbResolver() }));
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /<iframe/i);
    assert.doesNotMatch(html, /<img/i, 'Markdown images are text, never loaded');
    assert.doesNotMatch(html, /<b>/);
    assert.doesNotMatch(html, /<[^>]*\son[a-z]+\s*=/i, 'no event-handler attribute in any tag');
    assert.doesNotMatch(html, /href="(?:javascript|data):/i);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(html, /&quot; onerror=&quot;alert\(2\)&quot;/);
    assert.match(html, /<title>Title &lt;img src=x onerror=alert\(1\)&gt;<\/title>/);
    assert.match(html, /&lt;b&gt;label&lt;\/b&gt;/);
  });

  it('loads nothing remote: a strict CSP, inline styles only, no external resources', () => {
    const html = toHtmlString(prepare());
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:;/);
    assert.doesNotMatch(html, /<(?:script|link|iframe|object|embed)\b/i);
    assert.doesNotMatch(html, /\b(?:src|srcset|poster|data)\s*=\s*["']?(?:https?:)?\/\//i);
    assert.doesNotMatch(html, /@import|url\(/i);
    assert.match(html, /<a href="https:\/\/example\.org\/authority" rel="noopener noreferrer">the authority<\/a>/);
  });

  it('has the title page, contents, notes and references, and print rules', () => {
    const html = toHtmlString(prepare());
    assert.match(html, /<header class="title-page">\n<h1>Lake Compact — Charter<\/h1>\n<p class="subtitle">Hub charter<\/p>/);
    assert.match(html, /<dt>Version<\/dt><dd>0\.4<\/dd>/);
    assert.match(html, /<nav class="toc"[^>]*>\n<h2>Contents<\/h2>\n<ol>\n<li><a href="#1-parties-and-legal-status">/);
    assert.match(html, /<li><a href="#3-purpose-and-goal">3\. Purpose and goal<\/a><ol><li><a href="#shared-measurement">Shared measurement<\/a><\/li><\/ol><\/li>/);
    assert.match(html, /<li id="fn-2">“Gavi, the Vaccine Alliance”, case study/);
    assert.match(html, /<h2 id="kb-references">References<\/h2>/);
    assert.match(html, /@media print/);
    assert.match(html, /<td style="text-align:right">40%<\/td>/);
  });
});

describe('export: PDF through a port', () => {
  it('without a renderer it explains what PDF needs; a renderer\u2019s output is checked', async () => {
    const doc = prepare();
    await assert.rejects(renderExport(doc, 'pdf'), /PDF needs Google Chrome, Chromium or Microsoft Edge/);
    await assert.rejects(renderExport(doc, 'pdf', { name: 'broken', render: async () => new TextEncoder().encode('<html>') }), /broken did not produce a PDF/);
    let seen = '';
    const bytes = await renderExport(doc, 'pdf', {
      name: 'fake',
      render: async (html) => {
        seen = html;
        return new TextEncoder().encode('%PDF-1.7 fake');
      },
    });
    assert.equal(new TextDecoder().decode(bytes), '%PDF-1.7 fake');
    assert.match(seen, /<title>Lake Compact — Charter<\/title>/, 'the renderer prints the standalone HTML');
  });
});

describe('export: extras (diagram, results framework) and document types', () => {
  const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
  const TOC = ['---', 'type: theory-of-change', 'hub: Lake Compact', '---', '', '# Lake Compact — Theory of Change', '', '## 3. Outcomes pathway', '', 'Outcomes.', '', '## 7. Indicators', '', 'Indicators.', '', '## 9. Diagram', '', 'See the figure.', '', '## 10. Quality self-check', '', 'Checked.'].join('\n');

  it('places a figure and a table after the outline sections they name, the rest at the end', async () => {
    const doc = prepareExport(TOC, {
      resolve: kbResolver(),
      extras: {
        figures: [{ title: 'Figure 1. Theory of change', png: PNG, width: 800, height: 400, alt: 'Outcomes leading to the goal', after: 'diagram' }],
        tables: [
          { title: 'Table 1. Results framework', head: ['Outcome', 'Indicator'], rows: [['Schemes work', 'Share of schemes working <all year>']], after: 'indicators' },
          { title: 'Table 2. Unplaced', head: ['A'], rows: [['b']], after: 'no-such-section' },
        ],
      },
    });
    const order = doc.blocks.map((b) => (b.type === 'heading' ? plainText(b.children) : b.type));
    assert.deepEqual(order, ['3. Outcomes pathway', 'paragraph', '7. Indicators', 'paragraph', 'data-table', '9. Diagram', 'paragraph', 'figure', '10. Quality self-check', 'paragraph', 'data-table']);
    const { files } = await docxParts(doc);
    assert.match(files['word/document.xml'], /<wp:docPr [^>]*descr="Outcomes leading to the goal"/);
    assert.match(files['word/document.xml'], /Table 1\. Results framework/);
    assert.match(files['[Content_Types].xml'], /Extension="png"/);
    const html = toHtmlString(doc);
    assert.match(html, /<figcaption>Figure 1\. Theory of change<\/figcaption>\n<img src="data:image\/png;base64,iVBOR/);
    assert.match(html, /Share of schemes working &lt;all year&gt;/);
  });

  it('embeds an SVG-only figure as an image (data: URL in HTML, SVG with a fallback in Word)', async () => {
    const doc = prepareExport(TOC, { resolve: kbResolver(), extras: { figures: [{ title: 'Diagram', svg: '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>', width: 10, height: 10 }] } });
    assert.match(toHtmlString(doc), /<img src="data:image\/svg\+xml;base64,PHN2Zy/);
    const { files } = await docxParts(doc);
    assert.match(files['word/document.xml'], /svgBlip/);
  });

  const sample = (name: string) => fs.readFileSync(path.join(ROOT, 'samples', name), 'utf8');

  it('adds a theory of change\u2019s diagram and results framework, drawn from its own text, in Word and HTML', async () => {
    const text = sample('riverlands-theory-of-change.md');
    const graph = parseTheoryOfChange(text);
    const doc = prepareExport(text, { resolve: kbResolver() });
    const figures = doc.blocks.filter((b) => b.type === 'figure');
    const tables = doc.blocks.filter((b) => b.type === 'data-table');
    assert.equal(figures.length, 1);
    assert.equal(tables.length, 1);
    const fig = figures[0].type === 'figure' ? figures[0].figure : undefined;
    assert.ok(fig?.svg?.includes('1 million people in Riverlands'), 'the diagram shows the goal');
    for (const n of graph.nodes) assert.ok(fig!.svg!.includes(`data-id="${n.id}"`), `box ${n.id} drawn`);
    const table = tables[0].type === 'data-table' ? tables[0].table : undefined;
    assert.equal(table?.rows.length, resultsFramework(graph).rows.length);
    assert.equal(table?.head.length, 7);
    assert.ok(table!.rows.every((r) => r.length === 7 && r.every((c) => c.length > 0)), 'every cell filled or marked');
    assert.match(table!.rows[0][0], /^Goal: By 31 December 2030/);
    // After the Indicators section (the sample has no Diagram section: the figure goes at the end).
    const order = doc.blocks.map((b) => (b.type === 'heading' ? plainText(b.children) : b.type));
    assert.equal(order[order.indexOf('data-table') - 2], '7. Indicators');
    assert.equal(order[order.length - 1], 'figure');
    const { files, bytes } = await docxParts(doc);
    assert.ok(Object.keys(unzipSync(bytes)).some((f) => /^word\/media\/.*\.svg$/.test(f)), 'the SVG is in the Word file');
    assert.match(files['word/document.xml'], /Results framework/);
    assert.match(files['word/document.xml'], /descr="Theory of change diagram: the long-term goal at the top, \d+ outcomes/);
    assert.match(toHtmlString(doc), /<figcaption>Theory of change diagram<\/figcaption>\n<img src="data:image\/svg\+xml;base64,/);
  });

  it('adds a landscape map\u2019s grid after Actors and its network after Relations', () => {
    const text = sample('riverlands-landscape.md');
    const doc = prepareExport(text, { resolve: kbResolver() });
    const order = doc.blocks.map((b) => (b.type === 'heading' ? plainText(b.children) : b.type === 'figure' ? `figure: ${b.figure.title}` : b.type));
    const grid = order.indexOf('figure: Power\u2013interest grid');
    const network = order.indexOf('figure: Ecosystem network');
    assert.ok(grid > order.indexOf('2. Actors') && grid < order.indexOf('3. Relations'), order.join(' | '));
    assert.ok(network > order.indexOf('3. Relations') && network < order.indexOf('4. Existing initiatives'), order.join(' | '));
    const map = parseLandscape(text);
    const svg = (doc.blocks[grid] as Extract<ExportDoc['blocks'][number], { type: 'figure' }>).figure.svg!;
    for (const a of map.actors) assert.ok(svg.includes(escXml(a.name)), `${a.name} on the grid`);
  });

  it('adds a PNG where the host can rasterise, and still exports when rasterising fails; other documents get nothing', () => {
    const text = sample('riverlands-theory-of-change.md');
    const png = extrasFor('theory-of-change', text, () => PNG);
    assert.equal(png?.figures?.[0].png, PNG);
    const failing = extrasFor('theory-of-change', text, () => {
      throw new Error('no fonts');
    });
    assert.ok(failing?.figures?.[0].svg && !failing.figures[0].png);
    assert.equal(extrasFor('hub-charter', sample('riverlands-charter.md')), undefined);
    assert.equal(extrasFor('theory-of-change', '# Empty\n'), undefined, 'nothing to draw');
    assert.equal(extrasFor('landscape-map', '## Actors\n\n| Actor |\n|---|\n'), undefined, 'no actors');
    assert.doesNotThrow(() => extrasFor('landscape-map', '| '.repeat(5000)));
  });

  it('gives short words room in narrow table columns (Word)', () => {
    const cols = [['Power', 'high', 'medium', 'low'], ['Actor', 'Riverlands Provincial Water Authority (PWA)'], ['Role', 'Founding party; board constituency (provincial government) and secretariat host'.repeat(2)]];
    const w = columnWidths(cols, 9000);
    assert.ok(w.reduce((a, b) => a + b, 0) <= 9000);
    assert.ok(w[0] >= 6 * 110, `"medium" fits: ${w[0]}`);
    assert.ok(w[2] > w[1] && w[1] > w[0], w.join(', '));
    const many = columnWidths(Array.from({ length: 9 }, () => ['Municipalities', 'medium']), 9000);
    assert.ok(many.every((x) => x >= 6 * 110), `long words are cut before short ones: ${many.join(', ')}`);
  });

  it('knows the exportable document types from the front matter\u2019s first lines', async () => {
    const { exportableType } = await import('../../src/export');
    assert.equal(exportableType('---\ntype: hub-charter\nhub: X\n---\n# X'), 'hub-charter');
    assert.equal(exportableType('---\r\nhub: X\r\ntype: "theory-of-change"\r\n---\r\n'), 'theory-of-change');
    assert.equal(exportableType("---\ntype: 'landscape-map' # the map\n---\n"), 'landscape-map');
    assert.equal(exportableType('---\ntype: note\n---\n'), undefined);
    assert.equal(exportableType('# No front matter\ntype: hub-charter\n'), undefined);
    assert.equal(exportableType('---\nhub: X\n---\ntype: hub-charter\n'), undefined, 'only inside the front matter');
  });
});
