/**
 * Export model → one standalone HTML file: inline styles, no scripts, nothing remote (a CSP that
 * allows only inline styles and data: images), every piece of the writer's text escaped, and
 * print rules (A4, title page and contents on their own pages, page numbers) so that printing it,
 * or the PDF made from it, reads like the Word export. Footnotes become numbered notes at the end.
 */
import { esc } from '../core/html';
import { referencesBlocks } from './cite';
import type { Block, ExportDoc, ExportFigure, ExportTable, Inline, Marks } from './model';
import { plainText } from './model';

export const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const CSS = `
:root { color-scheme: light; }
html { font-family: Calibri, Carlito, "Segoe UI", "Helvetica Neue", Arial, sans-serif; font-size: 11pt; line-height: 1.45; color: #1a1a1a; background: #fff; }
body { max-width: 46rem; margin: 2rem auto; padding: 0 1.5rem; }
h1, h2, h3, h4, h5, h6 { color: #1f4e79; line-height: 1.25; break-after: avoid; page-break-after: avoid; }
h2 { font-size: 16pt; margin: 1.8em 0 .5em; }
h3 { font-size: 13pt; margin: 1.4em 0 .4em; }
h4 { font-size: 11.5pt; color: #404040; }
h5, h6 { font-size: 11pt; color: #404040; font-style: italic; }
p { margin: 0 0 .6em; orphans: 3; widows: 3; }
a { color: #0563c1; }
code, pre { font-family: Consolas, "Liberation Mono", Menlo, monospace; font-size: 9.5pt; }
pre { background: #f2f2f2; padding: .6em .8em; white-space: pre-wrap; overflow-wrap: anywhere; }
blockquote { margin: .8em 1.5em; padding: 0 0 0 .8em; border-left: 3px solid #bfbfbf; color: #404040; font-style: italic; }
table { border-collapse: collapse; width: 100%; margin: .6em 0 1em; font-size: 10pt; }
th, td { border: 1px solid #a6a6a6; padding: .25em .45em; vertical-align: top; }
th { background: #dce6f0; text-align: left; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
hr { border: 0; border-top: 1px solid #a6a6a6; margin: 1.2em 0; }
sup.fnref { line-height: 0; font-size: .75em; }
sup.fnref a { text-decoration: none; }
.title-page { margin: 4rem 0 3rem; }
.title-page h1 { font-size: 26pt; margin: 0 0 .2em; }
.title-page .subtitle { font-size: 16pt; color: #595959; margin: 0 0 1em; padding-bottom: .6em; border-bottom: 2px solid #1f4e79; }
.title-page dl { display: grid; grid-template-columns: max-content 1fr; gap: .3em 1em; margin: 1.5em 0 0; }
.title-page dt { font-weight: bold; color: #404040; }
.title-page dd { margin: 0; }
nav.toc h2 { margin-top: 0; }
nav.toc ol { list-style: none; padding-left: 0; }
nav.toc ol ol { padding-left: 1.5em; }
nav.toc li { margin: .2em 0; }
nav.toc a { text-decoration: none; color: inherit; }
figure { margin: 1em 0; text-align: center; break-inside: avoid; }
figure img { max-width: 100%; height: auto; }
figcaption, caption { font-weight: bold; color: #404040; text-align: left; margin-bottom: .3em; }
section.notes { font-size: 9.5pt; border-top: 1px solid #a6a6a6; margin-top: 2em; }
section.notes li { margin-bottom: .3em; overflow-wrap: anywhere; }
section.notes a.back { text-decoration: none; }
.references li { overflow-wrap: anywhere; }
@page { size: A4; margin: 22mm 20mm; @bottom-center { content: counter(page); font-size: 9pt; color: #595959; } }
@page :first { @bottom-center { content: none; } }
@media print {
  body { max-width: none; margin: 0; padding: 0; }
  .title-page { margin-top: 30%; break-after: page; page-break-after: always; }
  nav.toc { break-after: page; page-break-after: always; }
  a { color: inherit; text-decoration: none; }
  section.notes a, .references a { color: #0563c1; }
  a.back { display: none; }
}
`;

function marksOpen(m: Marks): string {
  return (m.bold ? '<strong>' : '') + (m.italic ? '<em>' : '') + (m.strike ? '<s>' : '') + (m.code ? '<code>' : '');
}
function marksClose(m: Marks): string {
  return (m.code ? '</code>' : '') + (m.strike ? '</s>' : '') + (m.italic ? '</em>' : '') + (m.bold ? '</strong>' : '');
}

function inlines(xs: Inline[]): string {
  return xs
    .map((i) => {
      switch (i.type) {
        case 'text':
          return marksOpen(i.marks) + esc(i.text) + marksClose(i.marks);
        case 'ref':
          return `<span class="hub-ref" data-ref="${esc(i.key)}">${marksOpen(i.marks)}${esc(i.text)}${marksClose(i.marks)}</span>`;
        case 'break':
          return '<br>';
        case 'note':
          return `<sup class="fnref"><a href="#fn-${i.note}" id="fnref-${i.note}">${i.note}</a></sup>`;
        case 'link':
          return i.href.startsWith('#') ? `<a href="${esc(i.href)}">${inlines(i.children)}</a>` : `<a href="${esc(i.href)}" rel="noopener noreferrer">${inlines(i.children)}</a>`;
      }
    })
    .join('');
}

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function figure(f: ExportFigure): string {
  const src = f.svg ? `data:image/svg+xml;base64,${base64(new TextEncoder().encode(f.svg))}` : f.png ? `data:image/png;base64,${base64(f.png)}` : '';
  const img = src ? `<img src="${src}" width="${Math.round(f.width)}" height="${Math.round(f.height)}" alt="${esc(f.alt ?? f.title)}">` : `<p><em>[${esc(f.alt ?? f.title)}]</em></p>`;
  return `<figure>\n<figcaption>${esc(f.title)}</figcaption>\n${img}\n</figure>\n`;
}

function dataTable(t: ExportTable): string {
  return `<table>\n<caption>${esc(t.title)}</caption>\n<thead><tr>${t.head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>\n<tbody>\n${t.rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('\n')}\n</tbody>\n</table>\n`;
}

function blocks(bs: Block[]): string {
  return bs
    .map((b) => {
      switch (b.type) {
        case 'heading': {
          const h = Math.min(6, b.level + 1); // the title is the page's h1
          return `<h${h} id="${esc(b.anchor)}">${inlines(b.children)}</h${h}>\n`;
        }
        case 'paragraph':
          return `<p>${inlines(b.children)}</p>\n`;
        case 'list': {
          const tag = b.ordered ? 'ol' : 'ul';
          const start = b.ordered && b.start !== 1 ? ` start="${b.start}"` : '';
          const items = b.items.map((item) => {
            // Tight list items: a single paragraph reads better without <p>.
            const inner = item.length === 1 && item[0].type === 'paragraph' ? inlines(item[0].children) : blocks(item);
            return `<li>${inner}</li>`;
          });
          return `<${tag}${start}>\n${items.join('\n')}\n</${tag}>\n`;
        }
        case 'quote':
          return `<blockquote>\n${blocks(b.children)}</blockquote>\n`;
        case 'code':
          return `<pre><code>${esc(b.text)}</code></pre>\n`;
        case 'rule':
          return '<hr>\n';
        case 'table': {
          const al = (c: number) => (b.align[c] ? ` style="text-align:${b.align[c]}"` : '');
          const head = b.head.length ? `<thead><tr>${b.head.map((c, i) => `<th${al(i)}>${inlines(c)}</th>`).join('')}</tr></thead>\n` : '';
          const rows = b.rows.map((r) => `<tr>${r.map((c, i) => `<td${al(i)}>${inlines(c)}</td>`).join('')}</tr>`).join('\n');
          return `<table>\n${head}<tbody>\n${rows}\n</tbody>\n</table>\n`;
        }
        case 'figure':
          return figure(b.figure);
        case 'data-table':
          return dataTable(b.table);
      }
    })
    .join('');
}

function contents(bs: Block[], refs: Block[], notes: boolean): string {
  type H = Extract<Block, { type: 'heading' }>;
  const items: { h: H; kids: H[] }[] = [];
  for (const b of bs) {
    if (b.type !== 'heading' || b.level > 2) continue;
    if (b.level === 1 || items.length === 0) items.push({ h: b, kids: [] });
    else items[items.length - 1].kids.push(b);
  }
  if (items.length === 0) return '';
  const link = (h: H) => `<a href="#${esc(h.anchor)}">${esc(plainText(h.children))}</a>`;
  const tail = [notes ? '<li><a href="#notes">Notes</a></li>' : '', ...refs.flatMap((b) => (b.type === 'heading' ? [`<li>${link(b)}</li>`] : []))].filter(Boolean);
  const list = [...items.map((i) => `<li>${link(i.h)}${i.kids.length ? `<ol>${i.kids.map((k) => `<li>${link(k)}</li>`).join('')}</ol>` : ''}</li>`), ...tail].join('\n');
  return `<nav class="toc" aria-label="Contents">\n<h2>Contents</h2>\n<ol>\n${list}\n</ol>\n</nav>\n`;
}

/** The standalone HTML document as text. */
export function toHtmlString(doc: ExportDoc): string {
  const m = doc.meta;
  const rows: [string, string | undefined][] = [
    ['Hub', m.hub],
    ['Document', m.typeLabel],
    ['Version', m.version],
    ['Status', m.status],
    ['Date', m.date],
  ];
  const dl = rows
    .filter((r): r is [string, string] => !!r[1])
    .map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`)
    .join('');
  const refs = referencesBlocks(doc.references);
  const notes = doc.notes.length
    ? `<section class="notes" aria-label="Notes">\n<h2 id="notes">Notes</h2>\n<ol>\n${doc.notes
        .map((n) => `<li id="fn-${n.n}">${n.children.map((p) => inlines(p)).join('<br>')} <a class="back" href="#fnref-${n.n}" aria-label="Back to the text">\u21a9</a></li>`)
        .join('\n')}\n</ol>\n</section>\n`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(HTML_CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Impact Hubs">
<title>${esc(m.title)}</title>
<style>${CSS}</style>
</head>
<body>
<header class="title-page">
<h1>${esc(m.title)}</h1>
${m.typeLabel ? `<p class="subtitle">${esc(m.typeLabel)}</p>` : ''}
${dl ? `<dl>${dl}</dl>` : ''}
</header>
${contents(doc.blocks, refs, doc.notes.length > 0)}<main>
${blocks(doc.blocks)}</main>
${notes}${refs.length ? `<section class="references">\n${blocks(refs)}</section>\n` : ''}</body>
</html>
`;
}

export function toHtml(doc: ExportDoc): Uint8Array {
  return new TextEncoder().encode(toHtmlString(doc));
}
