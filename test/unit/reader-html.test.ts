import * as assert from 'node:assert/strict';
import { readerPage } from '../../src/core/reader-html';
import { renderDoc, type RenderContext } from '../../src/core/render';
import { parseKnowledgeDoc } from '../../src/core/knowledge';
import { esc, escapeMarkdown, page, contentSecurityPolicy, makeNonce } from '../../src/core/html';
import { hubTooltip } from '../../src/core/tree-model';
import MarkdownIt from 'markdown-it';
import { parseFromWebview } from '../../src/views/protocol';
import { realKb } from '../fixtures/real-kb';
import { highlightMatcher } from '../../src/search/snippet';
import type { KnowledgeDoc } from '../../src/core/types';

function ctxFor(docs: KnowledgeDoc[], principleHubs = {}): RenderContext {
  return {
    byPath: (p) => docs.find((d) => d.path === p),
    byRef: (k, id) => docs.find((d) => d.kind === k && d.id === id),
    principleHubs,
  };
}

const NONCE = 'abcdefghijklmnopqrstuvwxyz012345';

function workspaceDoc(text: string): KnowledgeDoc {
  const r = parseKnowledgeDoc(text, { path: 'file:///w/knowledge/evil.md', origin: 'workspace', fallbackId: 'evil' });
  assert.ok(r.doc, JSON.stringify(r.problems));
  return r.doc;
}

describe('reader HTML', () => {
  it('has a strict CSP: nothing remote, scripts only with the nonce', () => {
    const csp = contentSecurityPolicy('vscode-webview://abc', NONCE);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, new RegExp(`script-src 'nonce-${NONCE}'`));
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:|\*/);
    const html = page({ title: 't', cspSource: 'vscode-webview://abc', nonce: NONCE, styles: ['s.css'], scripts: ['r.js'], body: '<p>x</p>' });
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    assert.equal(scripts.length, 1);
    assert.ok(scripts.every((s) => s.includes(`nonce="${NONCE}"`)));
    assert.throws(() => page({ title: 't', cspSource: 'x', nonce: 'short', styles: [], scripts: [], body: '' }));
    assert.match(makeNonce(), /^[A-Za-z0-9]{32}$/);
    assert.notEqual(makeNonce(), makeNonce());
  });

  it('never lets HTML or script from a workspace document through', () => {
    const doc = workspaceDoc(
      [
        '---',
        'title: "<img src=x onerror=alert(1)>"',
        'summary: "<script>alert(2)</script>"',
        '---',
        '# Heading <b>bold</b>',
        '',
        '<script>alert(3)</script>',
        '<iframe src="https://evil.example"></iframe>',
        '[click](javascript:alert(4)) [cmd](command:workbench.action.files.delete) [file](file:///etc/passwd)',
        '![remote](https://evil.example/x.png)',
        '<div onclick="alert(5)">x</div>',
      ].join('\n'),
    );
    const html = readerPage({ doc, ctx: ctxFor([doc]), cspSource: 'vscode-webview://abc', nonce: NONCE, styleUri: 's.css', scriptUris: ['r.js'], similar: [] });
    const withoutOurScript = html.replace(`<script nonce="${NONCE}" src="r.js"></script>`, '');
    assert.doesNotMatch(withoutOurScript, /<script|<iframe|<img|href="javascript:|href="command:|href="file:/i);
    assert.doesNotMatch(withoutOurScript, /<[a-z][^>]*\son[a-z]+=/i, 'no event-handler attribute in any real tag');
    assert.match(html, /&lt;script&gt;alert\(3\)&lt;\/script&gt;/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  });

  it('escapes every special character', () => {
    assert.equal(esc(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('renders a hub: header card with cited facts, numbered sources as external links, internal links to other documents', () => {
    const { bundle } = realKb();
    const gavi = bundle.docs.find((d) => d.id === 'gavi')!;
    const { header, body } = renderDoc(gavi, ctxFor(bundle.docs, bundle.principleHubs));
    assert.match(header, /<h1>Gavi, the Vaccine Alliance<\/h1>/);
    assert.match(header, /<th scope="row">Goal<\/th><td>[^<]*500 million/);
    assert.match(header, /<sup class="cite"><a href="#src-[a-z0-9-]+"/);
    const sources = [...body.matchAll(/<li id="src-([a-z0-9-]+)"/g)].map((m) => m[1]);
    assert.equal(sources.length, gavi.sources.length, 'every source is listed, including those cited only in front matter');
    assert.match(body, /<a class="external" href="https:\/\/www\.gavi\.org\/[^"]*" data-external=/);
    assert.match(body, /<a href="#" data-doc="principle:[a-z-]+"/);
    assert.doesNotMatch(body, /broken-link/);
    for (const m of body.matchAll(/href="#src-([a-z0-9-]+)"/g)) assert.ok(sources.includes(m[1]), `citation ${m[1]} points at a listed source`);
  });

  it('renders a principle with the hubs computed from the case studies', () => {
    const { bundle } = realKb();
    const p = bundle.docs.find((d) => d.kind === 'principle' && d.id === 'narrow-goal')!;
    const { body } = renderDoc(p, ctxFor(bundle.docs, bundle.principleHubs));
    const section = body.slice(body.indexOf('Hubs that show this principle'));
    const hubs = bundle.principleHubs['narrow-goal'];
    assert.ok(hubs.length >= 5);
    for (const h of hubs) assert.ok(section.includes(`data-doc="hub:${h.hubId}"`), h.hubId);
    assert.ok(body.indexOf('Hubs that show this principle') < body.lastIndexOf('<h2 id="sources">Sources</h2>'));
  });

  it('numbers citations by source; adjacent ones are joined with a comma, separate ones are not', () => {
    const doc = workspaceDoc('# N\n\nOne claim.[^a][^b] Another claim.[^b]\n\n## Sources\n\n[^a]: A, https://example.org/a\n[^b]: B, https://example.org/b\n');
    const { body } = renderDoc(doc, ctxFor([doc]));
    assert.match(body, /One claim\.<sup class="cite"><a href="#src-a"[^>]*>1<\/a><\/sup><sup class="cite">,<a href="#src-b"[^>]*>2<\/a><\/sup> Another claim\.<sup class="cite"><a href="#src-b"/);
    assert.equal((body.match(/<li id="src-/g) ?? []).length, 2);
  });

  it('escapes document text for Markdown hovers, completions and tooltips: no link, image, HTML or command survives', () => {
    const md = new MarkdownIt({ html: true, linkify: true });
    const hostile = '![x](https://evil.example/a.png) [run](command:workbench.action.quit) <img src=x onerror=alert(1)> $(zap) *em* `code` [[hub:gavi]] www.evil.example https://evil.example/?q=(1) &amp; \\[a](b)\n\n    indented\n# heading\n- item\n> quote';
    const html = md.render(escapeMarkdown(hostile));
    assert.doesNotMatch(html, /<(a|img|code|em|strong|h1|li|blockquote|pre)\b/, html);
    const text = html.replace(/<\/?p>/g, '').trim().replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    assert.equal(text, hostile.replace(/\s+/g, ' '));
    const tooltip = md.render(hubTooltip({ ...realKb().bundle.docs.find((d) => d.id === 'gavi')!, title: '[click](command:x) ![i](https://e/i.png)' }));
    assert.doesNotMatch(tooltip, /<(a|img)\b/);
  });

  it('keeps a $ in a footnote URL as it is in the source list (no replacement patterns)', () => {
    const url = "https://example.org/a$&b$'c$`d$1e$$f";
    const doc = workspaceDoc(`# Dollars\n\nA claim.[^a]\n\n[^a]: Publisher, ${url} (read 2026).\n`);
    const { body } = renderDoc(doc, ctxFor([doc]));
    const list = /<ol class="sources">[\s\S]*?<\/ol>/.exec(body)?.[0] ?? '';
    const li = /<li id="src-a"[^>]*>(.*)<\/li>/.exec(list)?.[1] ?? '';
    assert.equal(li, `Publisher, <a class="external" href="${esc(new URL(url).toString())}" data-external="${esc(new URL(url).toString())}">${esc(url)}</a> (read 2026).`);
  });

  it('renders [[kind:id]] references as in-panel links and unknown ones as marked text', () => {
    const doc = workspaceDoc('# Notes\n\nLike [[hub:gavi]] and [[principle:narrow-goal|a narrow goal]], not [[hub:nope]].\n');
    const { bundle } = realKb();
    const { body } = renderDoc(doc, ctxFor([...bundle.docs, doc]));
    assert.match(body, /<a href="#" title="Gavi, the Vaccine Alliance" class="hub-ref" data-doc="hub:gavi">Gavi, the Vaccine Alliance<\/a>/);
    assert.match(body, /data-doc="principle:narrow-goal">a narrow goal<\/a>/);
    assert.match(body, /<span class="hub-ref-unknown" title="Unknown hub &quot;nope&quot;">\[\[hub:nope\]\]<\/span>/);
  });

  it('starts with skip links, carries where to restore the page, and lists "more like this"', () => {
    const { bundle } = realKb();
    const doc = bundle.docs.find((d) => d.id === 'cepi')!;
    const html = readerPage({ doc, ctx: ctxFor(bundle.docs, bundle.principleHubs), cspSource: 'c', nonce: NONCE, styleUri: 's', scriptUris: ['r'], restore: { scrollY: 420, focus: 7 }, similar: [{ key: 'hub:gavi', title: 'Gavi', kind: 'hub' }] });
    const body = html.slice(html.indexOf('<body'));
    const firstLink = /<a [^>]*>([^<]*)<\/a>/.exec(body)!;
    assert.equal(firstLink[1], 'Skip to the text', 'the first Tab stop skips the key facts');
    assert.match(html, /<a href="#design-principles">Skip to the design principles<\/a><a href="#sources">Skip to the sources<\/a>/);
    assert.match(html, /<article class="markdown-body" id="text" tabindex="-1"/);
    assert.match(html, /id="design-principles"/);
    assert.match(html, /id="sources"/);
    assert.match(html, /More like this<\/h2><ul><li><a href="#" data-doc="hub:gavi">Gavi<\/a>/);
    assert.match(html, /data-state="\{&quot;key&quot;:&quot;hub:cepi&quot;,&quot;scrollY&quot;:420,&quot;focus&quot;:7\}"/);
  });

  it('has no in-page toolbar: its actions are editor-title actions with codicons', () => {
    const { bundle } = realKb();
    const doc = bundle.docs.find((d) => d.id === 'cepi')!;
    const html = readerPage({ doc, ctx: ctxFor(bundle.docs), cspSource: 'c', nonce: NONCE, styleUri: 's', scriptUris: ['r'], similar: [] });
    assert.doesNotMatch(html, /<button|class="toolbar"/);
  });

  it('keeps heading levels in order: the card\'s h1, then h2 (no jump to h3)', () => {
    const { bundle } = realKb();
    for (const d of bundle.docs) {
      const { header, body } = renderDoc(d, ctxFor(bundle.docs, bundle.principleHubs));
      const levels = [...(header + body).matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
      assert.equal(levels[0], 1, d.id);
      levels.forEach((l, i) => assert.ok(i === 0 || l <= levels[i - 1] + 1, `${d.id}: h${levels[i - 1]} → h${l}`));
    }
  });

  it('marks the searched words in the text only: not stop words, not inside web addresses or the sources', () => {
    const doc = workspaceDoc(
      '# Funding\n\nHow did Gavi fund vaccines? Gavi funds vaccine purchases, see https://www.gavi.org/vaccines and [Gavi pages](https://gavi.org/how).[^a]\n\n## Sources\n\n[^a]: Gavi, "How Gavi funds vaccines", https://www.gavi.org/funding-vaccines\n',
    );
    const html = readerPage({ doc, ctx: ctxFor([doc]), cspSource: 'c', nonce: NONCE, styleUri: 's', scriptUris: ['r'], similar: [], highlight: highlightMatcher(['how', 'did', 'gavi', 'fund', 'vaccines']) });
    const article = html.slice(html.indexOf('<article'), html.indexOf('</article>'));
    const marked = [...article.matchAll(/<mark>([^<]*)<\/mark>/g)].map((m) => m[1].toLowerCase());
    assert.ok(marked.includes('gavi') && marked.includes('fund') && marked.includes('funds') && marked.includes('vaccines') && marked.includes('vaccine'), marked.join());
    assert.ok(!marked.includes('how') && !marked.includes('did'), 'stop words are never marked');
    assert.doesNotMatch(article, /https?:\/\/[^"<\s]*<mark>/, 'nothing inside a URL');
    assert.doesNotMatch(article, />https:\/\/www\.gavi\.org\/<mark>/);
    const sources = article.slice(article.indexOf('<ol class="sources">'));
    assert.doesNotMatch(sources, /<mark>/, 'the sources list is not marked');
    assert.match(article, /<a [^>]*>Gavi pages<\/a>|<a [^>]*><mark>Gavi<\/mark> pages<\/a>/);
  });
});

describe('search marks in the reader', () => {
  it('marks what a misspelt search matched (the matched terms come with the result)', () => {
    const { engine } = realKb();
    const [gavi] = engine.search('vacine aliance', { limit: 1 });
    assert.equal(gavi.ref, 'hub:gavi');
    const m = highlightMatcher(['vacine', 'aliance', ...gavi.matched])!;
    for (const w of ['vaccine', 'Vaccines', 'Alliance']) assert.ok(m(w), w);
    for (const w of ['the', 'how', 'Gates']) assert.ok(!m(w), w);
  });
});

describe('webview protocol', () => {
  it('accepts only well-formed messages', () => {
    assert.deepEqual(parseFromWebview({ type: 'navigate', key: 'hub:gavi' }), { type: 'navigate', key: 'hub:gavi', anchor: undefined });
    assert.deepEqual(parseFromWebview({ type: 'external', url: 'https://www.gavi.org' }), { type: 'external', url: 'https://www.gavi.org' });
    assert.equal(parseFromWebview({ type: 'external', url: 'javascript:alert(1)' }), undefined);
    assert.equal(parseFromWebview({ type: 'external', url: 'file:///etc/passwd' }), undefined);
    assert.equal(parseFromWebview({ type: 'action', action: 'deleteEverything' }), undefined);
    assert.equal(parseFromWebview('navigate'), undefined);
    assert.equal(parseFromWebview(null), undefined);
  });

  it('accepts where a followed link was and scroll positions, within bounds', () => {
    assert.deepEqual(parseFromWebview({ type: 'navigate', key: 'hub:gavi', from: { y: 120.4, link: 3 } }), { type: 'navigate', key: 'hub:gavi', anchor: undefined, from: { y: 120, link: 3 } });
    assert.deepEqual(parseFromWebview({ type: 'navigate', key: 'hub:gavi', from: { y: -1, link: 3 } }), { type: 'navigate', key: 'hub:gavi', anchor: undefined });
    assert.deepEqual(parseFromWebview({ type: 'scroll', y: 300 }), { type: 'scroll', y: 300 });
    for (const y of [NaN, Infinity, -5, 1e9, '300', null]) assert.equal(parseFromWebview({ type: 'scroll', y }), undefined);
  });
});
