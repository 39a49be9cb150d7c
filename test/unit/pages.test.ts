/**
 * The webview pages (reader, compare, theory-of-change diagram, landscape map) with their real
 * markup, scripts and styles, in headless Chromium
 * (playwright-core + Debian's chromium, as the integration runner and screenshots use), with a
 * stand-in for VS Code's webview API that records the messages. Theme variables are the ones VS
 * Code gives webviews, saved by `npm run screenshots` (test/fixtures/webview-themes/). Skipped
 * when Chromium is not installed.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { compareHubs, comparisonHtml } from '../../src/core/compare';
import { page as webviewPage } from '../../src/core/html';
import { layoutGrid, layoutNetwork } from '../../src/diagram/landscape';
import { gridSvg, mapSummary, networkSvg } from '../../src/diagram/landscape-svg';
import { LANDSCAPE_MAP_PAGE, TOC_DIAGRAM_PAGE, type WebviewPageSpec } from '../../src/diagram/pages';
import { renderTocSvg, standaloneSvg } from '../../src/diagram/svg';
import { parseMapMessage, parseTocMessage } from '../../src/views/protocol';
import { parseLandscape } from '../../src/documents/landscape';
import { parseTheoryOfChange } from '../../src/documents/toc';
import { readerPage, type ReaderRestore } from '../../src/core/reader-html';
import type { RenderContext } from '../../src/core/render';
import type { KnowledgeDoc } from '../../src/core/types';
import { highlightMatcher } from '../../src/search/snippet';
import { realKb } from '../fixtures/real-kb';

const ROOT = path.join(__dirname, '..', '..');
const ORIGIN = 'https://webview.test';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const NONCE = 'abcdefghijklmnopqrstuvwxyz012345';
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

type Theme = 'light' | 'dark' | 'hc';

/** VS Code's webview theme variables (saved by npm run screenshots), as a stylesheet. */
function themeCss(theme: Theme): { css: string; bodyClass: string } {
  const file = path.join(ROOT, 'test', 'fixtures', 'webview-themes', `${theme}.json`);
  const fallback = {
    light: { bodyClass: 'vscode-light', vars: { '--vscode-editor-background': '#ffffff', '--vscode-foreground': '#3b3b3b', '--vscode-editor-foreground': '#3b3b3b', '--vscode-textLink-foreground': '#005fb8', '--vscode-descriptionForeground': '#3b3b3b', '--vscode-editor-findMatchHighlightBackground': 'rgba(234, 92, 0, 0.33)', '--vscode-focusBorder': '#005fb8', '--vscode-font-family': 'sans-serif', '--vscode-font-size': '13px' } },
    dark: { bodyClass: 'vscode-dark', vars: { '--vscode-editor-background': '#1f1f1f', '--vscode-foreground': '#cccccc', '--vscode-editor-foreground': '#cccccc', '--vscode-textLink-foreground': '#4daafc', '--vscode-descriptionForeground': '#9d9d9d', '--vscode-editor-findMatchHighlightBackground': 'rgba(234, 92, 0, 0.33)', '--vscode-focusBorder': '#0078d4', '--vscode-font-family': 'sans-serif', '--vscode-font-size': '13px' } },
    hc: { bodyClass: 'vscode-high-contrast', vars: { '--vscode-editor-background': '#000000', '--vscode-foreground': '#ffffff', '--vscode-editor-foreground': '#ffffff', '--vscode-textLink-foreground': '#21a6ff', '--vscode-descriptionForeground': '#ffffff', '--vscode-editor-findMatchHighlightBackground': 'transparent', '--vscode-focusBorder': '#f38518', '--vscode-contrastBorder': '#6fc3df', '--vscode-font-family': 'sans-serif', '--vscode-font-size': '13px' } },
  }[theme];
  const data = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as typeof fallback & { defaultStyles?: string }) : { ...fallback, defaultStyles: undefined };
  // VS Code's own webview styles come first (they set p > a { text-decoration: none }, for one).
  const vars = `:root {\n${Object.entries(data.vars).map(([k, v]) => `  ${k}: ${v};`).join('\n')}\n}\n`;
  return { css: vars + (data.defaultStyles ?? 'body { margin: 0; padding: 0 20px; font-family: var(--vscode-font-family); }\np > a { text-decoration: none; }\n'), bodyClass: data.bodyClass.split(' ').filter((c) => c.startsWith('vscode-')).join(' ') };
}

/** A page as the webview shows it: the theme first, then our styles and scripts. */
function withTheme(html: string, theme: Theme): string {
  const { bodyClass } = themeCss(theme);
  return html.replace('<link rel="stylesheet"', `<link rel="stylesheet" href="${ORIGIN}/theme-${theme}.css">\n<link rel="stylesheet"`).replace('<body', `<body class="${bodyClass}"`);
}

const media = (f: string) => `${ORIGIN}/media/${f}`;

function ctxFor(docs: KnowledgeDoc[], principleHubs = {}): RenderContext {
  return { byPath: (p) => docs.find((d) => d.path === p), byRef: (k, id) => docs.find((d) => d.kind === k && d.id === id), principleHubs };
}

function reader(id: string, opts: { highlight?: string[]; restore?: ReaderRestore; anchor?: string } = {}): string {
  const { bundle } = realKb();
  const doc = bundle.docs.find((d) => d.id === id)!;
  return readerPage({
    doc,
    ctx: ctxFor(bundle.docs, bundle.principleHubs),
    cspSource: ORIGIN,
    nonce: NONCE,
    styleUri: media('reader.css'),
    scriptUris: [media('links.js'), media('reader.js')],
    highlight: opts.highlight ? highlightMatcher(opts.highlight) : undefined,
    restore: opts.restore,
    anchor: opts.anchor,
    similar: [{ key: 'hub:cepi', title: 'CEPI', kind: 'hub' }],
  });
}

function compare(): string {
  const { bundle } = realKb();
  const hubs = ['gavi', 'global-fund', 'cepi'].map((id) => bundle.docs.find((d) => d.id === id)!);
  const c = compareHubs(hubs, (id) => bundle.docs.find((d) => d.kind === 'principle' && d.id === id)?.title ?? id);
  return webviewPage({
    title: 'Compare',
    cspSource: ORIGIN,
    nonce: NONCE,
    styles: [media('reader.css'), media('compare.css')],
    scripts: [media('links.js'), media('compare.js')],
    body: `<main class="wide"><div class="compare-actions"><button type="button" data-export><span aria-hidden="true">⤓</span> Export as Markdown</button></div>\n${comparisonHtml(c)}</main>`,
  });
}

/** A diagram page as its view builds it (src/views/live-panel.ts), from the pure page spec. */
function specPage(spec: WebviewPageSpec, title: string): string {
  return webviewPage({ title, cspSource: ORIGIN, nonce: NONCE, styles: spec.styles.map(media), scripts: spec.scripts.map(media), body: spec.body });
}

const sample = (name: string) => fs.readFileSync(path.join(ROOT, 'samples', name), 'utf8');

/** The render message the diagram view sends for the samples/ theory of change. */
function tocRender(version: number, extra: { highlight?: string; problems?: { line: number; message: string }[]; collapsed?: string[] } = {}) {
  const graph = parseTheoryOfChange(sample('riverlands-theory-of-change.md'));
  const problems = extra.problems ?? [];
  const { svg } = renderTocSvg(graph, { mode: 'webview', problemLines: problems.map((p) => p.line), collapsed: new Set(extra.collapsed ?? []), highlight: extra.highlight });
  return { type: 'render', version, svg, problems, highlight: extra.highlight };
}

/** The render message the landscape map view sends for the samples/ map. */
function mapRender(version: number, extra: { tab?: 'grid' | 'network'; highlight?: string; notice?: string; problems?: { line: number; message: string }[] } = {}) {
  const map = parseLandscape(sample('riverlands-landscape.md'));
  const options = { mode: 'webview' as const, highlight: extra.highlight };
  return { type: 'render', version, grid: gridSvg(layoutGrid(map), map, options), network: networkSvg(layoutNetwork(map), map, options), tab: extra.tab ?? 'grid', summary: mapSummary(map), notice: extra.notice, problems: extra.problems ?? [], highlight: extra.highlight };
}

interface Message {
  type: string;
  [k: string]: unknown;
}

describe('webview pages in Chromium (reader, compare, diagram and map scripts)', function () {
  this.timeout(60000);
  let browser: Browser | undefined;

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) this.skip();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  });
  after(async () => {
    await browser?.close();
  });

  async function open(html: string, { width = 900, height = 700, theme = 'light' as Theme, state = undefined as unknown } = {}): Promise<Page> {
    const ctx = await browser!.newContext({ viewport: { width, height } });
    const page = await ctx.newPage();
    // A string, not a function: the test runner's transpiler would add helpers the page lacks.
    await page.addInitScript(`window.__messages = [];
      let state = ${JSON.stringify(state ?? null)} ?? undefined;
      window.__state = function () { return state; };
      window.acquireVsCodeApi = function () {
        return { postMessage: function (m) { window.__messages.push(m); }, getState: function () { return state; }, setState: function (s) { state = s; } };
      };`);
    const body = withTheme(html, theme);
    await page.route(`${ORIGIN}/**`, (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === '/page.html') return route.fulfill({ contentType: 'text/html', body });
      const t = /^\/theme-(light|dark|hc)\.css$/.exec(url.pathname);
      if (t) return route.fulfill({ contentType: 'text/css', body: themeCss(t[1] as Theme).css });
      const file = path.join(ROOT, url.pathname);
      if (!file.startsWith(path.join(ROOT, 'media'))) return route.abort();
      return route.fulfill({ path: file, contentType: file.endsWith('.css') ? 'text/css' : 'text/javascript' });
    });
    await page.goto(`${ORIGIN}/page.html`);
    await page.waitForFunction(() => (window as unknown as { __messages: { type: string }[] }).__messages.some((m) => m.type === 'ready') || document.querySelector('table.compare'));
    return page;
  }
  const messages = (page: Page) => page.evaluate(() => (window as unknown as { __messages: Message[] }).__messages);
  /** The first message of a type (and id) the page posts, waiting for it. */
  async function waitForMessage(page: Page, type: string, id?: number): Promise<Message> {
    for (let i = 0; i < 100; i++) {
      const m = (await messages(page)).find((x) => x.type === type && (id === undefined || x.id === id));
      if (m) return m;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no ${type} message`);
  }
  const parseRasterisedOk = (m: object) => parseTocMessage(m)?.type === 'rasterised' && parseMapMessage(m)?.type === 'rasterised';
  const inView = (page: Page, selector: string) =>
    page.evaluate((sel) => {
      const r = document.querySelector(sel)!.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    }, selector);

  it('a citation number scrolls its source into view (clear of the top) and highlights it', async () => {
    const page = await open(reader('gavi'));
    const link = page.locator('article sup.cite a').nth(2);
    const target = (await link.getAttribute('href'))!;
    await link.click();
    await page.waitForTimeout(300);
    assert.ok(await inView(page, target), `${target} is in view`);
    const top = await page.evaluate((sel) => document.querySelector(sel)!.getBoundingClientRect().top, target);
    assert.ok(top > 40, `not at the very top edge (${top}px)`);
    assert.equal(await page.evaluate((sel) => document.querySelector(sel)!.classList.contains('flash'), target), true, 'highlighted');
    assert.equal(await page.evaluate((sel) => document.activeElement === document.querySelector(sel), target), true, 'focused for keyboard users');
    await page.context().close();
  });

  it('opened from a search, the page starts at the top with the searched words marked', async () => {
    const page = await open(reader('gavi', { highlight: ['how', 'did', 'gavi', 'fund', 'vaccines'] }));
    assert.equal(await page.evaluate(() => window.scrollY), 0);
    assert.ok(await inView(page, 'header.card h1'));
    const marks = await page.locator('article mark').allTextContents();
    assert.ok(marks.length > 5 && !marks.some((m) => m.toLowerCase() === 'how'), marks.slice(0, 10).join());
    await page.context().close();
  });

  it('following a link tells the host where the page was; Back restores the scroll position and focus', async () => {
    let page = await open(reader('gavi'));
    await page.evaluate(() => window.scrollTo(0, 900));
    await page.waitForTimeout(400);
    assert.ok((await messages(page)).some((m) => m.type === 'scroll' && m.y === 900), 'scrolling is reported');
    const links = page.locator('a[data-doc^="principle:"]');
    const link = links.first();
    await link.scrollIntoViewIfNeeded();
    const y = await page.evaluate(() => window.scrollY);
    const index = await link.evaluate((a) => Array.prototype.indexOf.call(document.querySelectorAll('a'), a));
    await link.click();
    const nav = (await messages(page)).find((m) => m.type === 'navigate')!;
    assert.deepEqual(nav.from, { y: Math.round(y), link: index });
    await page.context().close();
    // Back: the host renders the page again with where it was.
    page = await open(reader('gavi', { restore: { scrollY: y, focus: index } }));
    assert.ok(Math.abs((await page.evaluate(() => window.scrollY)) - y) <= 2, 'scroll position restored');
    assert.equal(await page.evaluate((i) => document.activeElement === document.querySelectorAll('a')[i], index), true, 'focus on the followed link');
    await page.context().close();
  });

  it('the first Tab reaches a visible skip link, which moves focus to the text', async () => {
    const page = await open(reader('gavi'));
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to the text');
    assert.ok(await page.evaluate(() => document.activeElement!.getBoundingClientRect().top >= 0));
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'text');
    await page.context().close();
  });

  for (const width of [360, 600, 1200]) {
    it(`at ${width} px every control keeps its label (no empty pills) and links are underlined`, async () => {
      for (const html of [reader('gavi'), reader('narrow-goal'), compare()]) {
        const page = await open(html, { width });
        const unlabeled = await page.evaluate(() =>
          Array.from(document.querySelectorAll('button, a[href]'))
            .filter((e) => !e.closest('.skip-links'))
            .filter((e) => {
              const r = e.getBoundingClientRect();
              const label = (e.getAttribute('aria-label') ?? (e as HTMLElement).innerText ?? '').trim();
              return r.width > 0 && !label;
            })
            .map((e) => e.outerHTML.slice(0, 80)),
        );
        assert.deepEqual(unlabeled, []);
        const plain = await page.evaluate(() => Array.from(document.querySelectorAll('article p a, td a, li a')).filter((a) => !getComputedStyle(a).textDecorationLine.includes('underline')).length);
        assert.equal(plain, 0, 'links in text are underlined');
        await page.context().close();
      }
    });
  }

  it('Compare: a rating mark shows its evidence on keyboard focus; Export as Markdown asks the host', async () => {
    const page = await open(compare());
    const mark = page.locator('.principles-grid .rating').first();
    const tip = page.locator('.principles-grid .tip').first();
    assert.equal(await tip.isVisible(), false);
    await mark.focus();
    assert.equal(await tip.isVisible(), true);
    assert.ok(((await tip.textContent()) ?? '').length > 20);
    await page.locator('button[data-export]').click();
    assert.ok((await messages(page)).some((m) => m.type === 'exportMarkdown'));
    await page.context().close();
  });

  // The diagram and the map: the host's render message in, the page's messages and state out.
  const post = (page: Page, msg: object) => page.evaluate((m) => window.postMessage(m, '*'), msg);
  const rendered = (page: Page, version: number) => page.waitForFunction((v) => (window as unknown as { __messages: Message[] }).__messages.some((m) => m.type === 'rendered' && m.version === v), version);
  interface ViewState {
    scale: number;
    x: number;
    y: number;
    fitted: boolean;
  }
  const state = <T,>(page: Page) => page.evaluate(() => (window as unknown as { __state(): unknown }).__state()) as Promise<T>;
  /** Whether the picture is drawn at a view's pan and zoom (the style rounds to six digits). */
  const showsView = async (page: Page, v: ViewState) => {
    const t = await page.evaluate(() => document.getElementById('canvas')!.style.transform);
    const m = /^translate\(([-\d.e]+)px, ([-\d.e]+)px\) scale\(([-\d.e]+)\)$/.exec(t);
    return !!m && Math.abs(Number(m[1]) - v.x) < 1e-3 && Math.abs(Number(m[2]) - v.y) < 1e-3 && Math.abs(Number(m[3]) / v.scale - 1) < 1e-5;
  };
  const focused = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | SVGElement | null)?.dataset?.id);
  /** The centre of an element of the picture, in page pixels. */
  const centre = (page: Page, selector: string) =>
    page.evaluate((sel) => {
      const r = document.querySelector(sel)!.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }, selector);
  const pictureInViewport = (page: Page) =>
    page.evaluate(() => {
      const p = document.querySelector('#canvas svg')!.getBoundingClientRect();
      const v = document.getElementById('viewport')!.getBoundingClientRect();
      return p.left >= v.left - 1 && p.right <= v.right + 1 && p.top >= v.top - 1 && p.bottom <= v.bottom + 1;
    });

  it('Diagram: fitted on first draw; keys and buttons zoom around the centre, wheel pans, drag pans without a click; the view survives redraws and reopening', async () => {
    const page = await open(specPage(TOC_DIAGRAM_PAGE, 'Diagram'));
    await post(page, tocRender(1));
    await rendered(page, 1);
    let s = await state<ViewState & { focusedId?: string }>(page);
    assert.equal(s.fitted, true);
    assert.ok(await showsView(page, s));
    assert.ok(await pictureInViewport(page), 'the whole diagram is in view');
    await page.focus('#viewport');
    await page.keyboard.press('+');
    const zoomed = await state<ViewState>(page);
    assert.ok(Math.abs(zoomed.scale - s.scale * 1.25) < 1e-9, `${zoomed.scale} = ${s.scale} × 1.25`);
    assert.equal(zoomed.fitted, false);
    // Zoom keeps the viewport's centre where it was.
    const vw = await page.evaluate(() => document.getElementById('viewport')!.clientWidth);
    assert.ok(Math.abs((vw / 2 - zoomed.x) / zoomed.scale - (vw / 2 - s.x) / s.scale) < 1e-6);
    await page.locator('button[data-zoom="out"]').click();
    assert.ok(Math.abs((await state<ViewState>(page)).scale - zoomed.scale * 0.8) < 1e-9);
    // The click focused the button; the keys work in the viewport.
    await page.focus('#viewport');
    await page.keyboard.press('0');
    assert.equal((await state<ViewState>(page)).fitted, true);
    s = await state<ViewState>(page);
    // Plain wheel pans; Ctrl+wheel zooms.
    const box = (await page.locator('#viewport').boundingBox())!;
    await page.mouse.move(box.x + 200, box.y + 150);
    await page.mouse.wheel(30, 100);
    await page.waitForFunction((y) => (window as unknown as { __state(): ViewState }).__state().y !== y, s.y);
    let now = await state<ViewState>(page);
    assert.deepEqual([now.x, now.y, now.scale, now.fitted], [s.x - 30, s.y - 100, s.scale, false]);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -100);
    await page.keyboard.up('Control');
    await page.waitForFunction((sc) => (window as unknown as { __state(): ViewState }).__state().scale !== sc, now.scale);
    assert.ok(Math.abs((await state<ViewState>(page)).scale - now.scale * 1.1) < 1e-9, 'Ctrl+wheel zooms in');
    // Dragging pans and is not a click on the box under the pointer.
    now = await state<ViewState>(page);
    const goal = await centre(page, 'g.toc-node[data-id="goal"]');
    const before = (await messages(page)).length;
    await page.mouse.move(goal.x, goal.y);
    await page.mouse.down();
    await page.mouse.move(goal.x + 40, goal.y + 25, { steps: 4 });
    await page.mouse.up();
    const dragged = await state<ViewState>(page);
    assert.deepEqual([dragged.x, dragged.y], [now.x + 40, now.y + 25]);
    assert.equal((await messages(page)).slice(before).filter((m) => m.type === 'reveal').length, 0, 'a drag reveals nothing');
    // A redraw keeps pan and zoom; reopening the page (state from vscode.setState) does too.
    await post(page, tocRender(2));
    await rendered(page, 2);
    assert.ok(await showsView(page, dragged));
    const saved = await state<object>(page);
    await page.context().close();
    const again = await open(specPage(TOC_DIAGRAM_PAGE, 'Diagram'), { state: saved });
    await post(again, tocRender(1));
    await rendered(again, 1);
    assert.ok(await showsView(again, dragged));
    await again.context().close();
  });

  it('Diagram: arrow keys move to the nearest box that way, Enter and clicks reveal lines, C collapses, the cursor box is marked, focus survives redraws', async () => {
    const page = await open(specPage(TOC_DIAGRAM_PAGE, 'Diagram'));
    await post(page, tocRender(1, { highlight: 'funds' }));
    await rendered(page, 1);
    assert.deepEqual(await page.evaluate(() => Array.from(document.querySelectorAll('g.toc-current')).map((n) => (n as SVGGElement).dataset.id)), ['funds']);
    assert.deepEqual(await page.evaluate(() => Array.from(document.querySelectorAll('g.toc-node[tabindex="0"]')).map((n) => (n as SVGGElement).dataset.id)), ['goal'], 'one box in the tab order');
    await page.focus('#viewport');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(page), 'goal', 'the first arrow focuses the first box');
    for (const [key, axis, sign] of [['ArrowDown', 'y', 1], ['ArrowRight', 'x', 1], ['ArrowLeft', 'x', -1], ['ArrowUp', 'y', -1]] as const) {
      const from = (await focused(page))!;
      const a = await centre(page, `g.toc-node[data-id="${from}"]`);
      await page.keyboard.press(key);
      const to = (await focused(page))!;
      if (to === from) continue; // nothing that way
      const b = await centre(page, `g.toc-node[data-id="${to}"]`);
      assert.ok((b[axis] - a[axis]) * sign > 1, `${key} from ${from} goes ${key.slice(5).toLowerCase()} (to ${to})`);
      assert.equal((await state<{ focusedId: string }>(page)).focusedId, to);
      assert.deepEqual(await page.evaluate(() => Array.from(document.querySelectorAll('g.toc-node[tabindex="0"]')).map((n) => (n as SVGGElement).dataset.id)), [to]);
    }
    await page.keyboard.press('End');
    const last = (await focused(page))!;
    assert.equal(last, await page.evaluate(() => Array.from(document.querySelectorAll('g.toc-node')).pop()!.getAttribute('data-id')));
    await page.keyboard.press('Home');
    assert.equal(await focused(page), 'goal');
    await page.keyboard.press('ArrowDown');
    const box = (await focused(page))!;
    const line = Number(await page.getAttribute(`g.toc-node[data-id="${box}"]`, 'data-line'));
    await page.keyboard.press('Enter');
    assert.deepEqual((await messages(page)).filter((m) => m.type === 'reveal').pop(), { type: 'reveal', line });
    // C on a box with a pathway toggle asks to collapse it.
    const toggled = await page.evaluate(() => {
      const id = (document.querySelector('g.toc-toggle') as SVGGElement).dataset.toggle!;
      const n = document.querySelector(`g.toc-node[data-id="${id}"]`) as SVGGElement;
      n.focus();
      return n.dataset.id;
    });
    await page.keyboard.press('c');
    assert.deepEqual((await messages(page)).filter((m) => m.type === 'toggle').pop(), { type: 'toggle', id: toggled });
    // Focus stays on the same box across a redraw.
    await post(page, tocRender(2, { collapsed: [toggled!] }));
    await rendered(page, 2);
    assert.equal(await focused(page), toggled);
    // A click on a box focuses it and reveals its line; the ± toggle and Expand all ask the host.
    await page.locator('g.toc-node[data-id="goal"] rect.toc-box').click();
    assert.equal(await focused(page), 'goal');
    assert.deepEqual((await messages(page)).pop(), { type: 'reveal', line: Number(await page.getAttribute('g.toc-node[data-id="goal"]', 'data-line')) });
    await page.locator('g.toc-toggle').first().click();
    assert.equal((await messages(page)).pop()!.type, 'toggle');
    await page.locator('button[data-expand]').click();
    assert.deepEqual((await messages(page)).pop(), { type: 'expandAll' });
    await page.locator('button[data-command="exportDiagram"]').click();
    assert.deepEqual((await messages(page)).pop(), { type: 'command', command: 'exportDiagram' });
    // The cursor moves in the editor: the host says which box.
    await post(page, tocRender(3));
    await rendered(page, 3);
    await post(page, { type: 'highlight', id: 'i2' });
    await page.waitForFunction(() => document.querySelector('g.toc-node[data-id="i2"]')!.classList.contains('toc-current'));
    assert.equal(await page.locator('g.toc-current').count(), 1);
    await page.context().close();
  });

  it('Diagram and map: the problems list counts, links reveal their line; empty documents show the message instead of the picture', async () => {
    const problems = [
      { line: 25, message: 'Outcome without an indicator' },
      { line: 30, message: 'Unknown reference' },
    ];
    for (const [spec, render, what] of [
      [TOC_DIAGRAM_PAGE, tocRender, '2 problems in this theory of change (marked in red)'],
      [LANDSCAPE_MAP_PAGE, mapRender, '2 problems in this map (actors with one are marked !)'],
    ] as const) {
      const page = await open(specPage(spec, 'Problems'));
      await post(page, { ...render(1), problems });
      await rendered(page, 1);
      assert.equal(await page.locator('#problems summary').textContent(), what);
      await page.locator('#problems summary').click();
      await page.locator('#problems a[data-line="30"]').click();
      assert.deepEqual((await messages(page)).pop(), { type: 'reveal', line: 30 });
      assert.equal(await page.locator('#problems li').nth(1).textContent(), 'Line 31: Unknown reference');
      await post(page, { ...render(2), problems: problems.slice(0, 1) });
      await rendered(page, 2);
      assert.equal((await page.locator('#problems summary').textContent())!.slice(0, 10), '1 problem ');
      await post(page, { ...render(3), problems: [], empty: 'Nothing to draw yet.' });
      await rendered(page, 3);
      assert.equal(await page.locator('#problems').isHidden(), true);
      assert.equal(await page.locator('#viewport').isHidden(), true);
      assert.equal(await page.locator('#empty').textContent(), 'Nothing to draw yet.');
      await page.context().close();
    }
  });

  it('Map: each tab keeps its own pan and zoom; tabs switch by click and arrow keys and tell the host; the notice is the network’s', async () => {
    const page = await open(specPage(LANDSCAPE_MAP_PAGE, 'Map'));
    await post(page, mapRender(1, { notice: 'Simplified network' }));
    await rendered(page, 1);
    type MapState = { tab: string; views: Record<'grid' | 'network', ViewState>; focusedId?: string };
    let s = await state<MapState>(page);
    assert.equal(s.tab, 'grid');
    assert.equal(s.views.grid.fitted, true);
    assert.ok(await showsView(page, s.views.grid));
    assert.ok(await pictureInViewport(page));
    assert.equal(await page.locator('#summary').textContent(), mapSummary(parseLandscape(sample('riverlands-landscape.md'))));
    assert.equal(await page.locator('#notice').isHidden(), true, 'no network notice on the grid');
    await page.focus('#viewport');
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    const grid = (await state<MapState>(page)).views.grid;
    assert.equal(grid.fitted, false);
    await page.locator('#tab-network').click();
    assert.deepEqual((await messages(page)).pop(), { type: 'tab', tab: 'network' });
    s = await state<MapState>(page);
    assert.equal(s.tab, 'network');
    assert.equal(s.views.network.fitted, true);
    assert.deepEqual(s.views.grid, grid, 'the grid keeps its zoom');
    assert.equal(await page.getAttribute('#tab-network', 'aria-selected'), 'true');
    assert.equal(await page.getAttribute('#viewport', 'aria-labelledby'), 'tab-network');
    assert.equal(await page.locator('#notice').textContent(), 'Simplified network');
    assert.ok(await page.locator('svg.lm-network').count());
    // Left arrow on the tab list goes back to the grid, with its zoom.
    await page.keyboard.press('ArrowLeft');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'tab-grid');
    assert.deepEqual((await messages(page)).pop(), { type: 'tab', tab: 'grid' });
    assert.ok(await showsView(page, grid));
    // The host can switch tabs (Show Landscape Map with a view) without an echo.
    const count = (await messages(page)).length;
    await post(page, { type: 'tab', tab: 'network' });
    await page.waitForFunction(() => document.getElementById('tab-network')!.getAttribute('aria-selected') === 'true');
    assert.equal((await messages(page)).length, count);
    // A redraw and a reopening keep each tab's view.
    await post(page, mapRender(2, { tab: 'network' }));
    await rendered(page, 2);
    const saved = await state<MapState>(page);
    assert.deepEqual(saved.views.grid, grid);
    await page.context().close();
    const again = await open(specPage(LANDSCAPE_MAP_PAGE, 'Map'), { state: saved });
    await post(again, mapRender(1, { tab: 'grid' }));
    await rendered(again, 1);
    assert.ok(await showsView(again, grid));
    await again.context().close();
  });

  it('Map: arrow keys move between actors, Enter and clicks reveal rows, a relation click reveals its line, the cursor actor is marked', async () => {
    const page = await open(specPage(LANDSCAPE_MAP_PAGE, 'Map'));
    await post(page, mapRender(1, { highlight: 'ministry-of-finance' }));
    await rendered(page, 1);
    assert.deepEqual(await page.evaluate(() => Array.from(document.querySelectorAll('g.lm-current')).map((n) => (n as SVGGElement).dataset.id)), ['ministry-of-finance']);
    await page.focus('#viewport');
    await page.keyboard.press('ArrowRight');
    const first = (await focused(page))!;
    assert.equal(first, await page.evaluate(() => document.querySelector('g.lm-actor')!.getAttribute('data-id')));
    for (const [key, axis, sign] of [['ArrowRight', 'x', 1], ['ArrowDown', 'y', 1], ['ArrowLeft', 'x', -1], ['ArrowUp', 'y', -1]] as const) {
      const from = (await focused(page))!;
      const a = await centre(page, `g.lm-actor[data-id="${from}"]`);
      await page.keyboard.press(key);
      const to = (await focused(page))!;
      if (to === from) continue;
      const b = await centre(page, `g.lm-actor[data-id="${to}"]`);
      assert.ok((b[axis] - a[axis]) * sign > 1, `${key} from ${from} goes that way (to ${to})`);
      assert.equal((await state<{ focusedId: string }>(page)).focusedId, to);
    }
    const id = (await focused(page))!;
    await page.keyboard.press('Enter');
    assert.deepEqual((await messages(page)).pop(), { type: 'reveal', line: Number(await page.getAttribute(`g.lm-actor[data-id="${id}"]`, 'data-line')) });
    await page.locator('g.lm-actor[data-id="ministry-of-finance"] rect.lm-box').click();
    assert.equal(await focused(page), 'ministry-of-finance');
    assert.deepEqual((await messages(page)).pop(), { type: 'reveal', line: Number(await page.getAttribute('g.lm-actor[data-id="ministry-of-finance"]', 'data-line')) });
    await page.locator('#tab-network').click();
    const edge = page.locator('g.lm-edge').first();
    const edgeLine = Number(await edge.getAttribute('data-line'));
    await edge.locator('.lm-edge-hit').dispatchEvent('click');
    assert.deepEqual((await messages(page)).pop(), { type: 'reveal', line: edgeLine });
    await page.locator('button[data-command="exportMap"]').click();
    assert.deepEqual((await messages(page)).pop(), { type: 'command', command: 'exportMap' });
    await post(page, { type: 'highlight', id: 'delta-university' });
    await page.waitForFunction(() => document.querySelector('g.lm-actor[data-id="delta-university"]')?.classList.contains('lm-current'));
    assert.equal(await page.locator('g.lm-current').count(), 1);
    await page.context().close();
  });

  it('Diagram and map: a rasterise message comes back as a PNG twice the picture\u2019s size; a broken picture as an error', async () => {
    const graph = parseTheoryOfChange(sample('riverlands-theory-of-change.md'));
    const svg = standaloneSvg(graph);
    const width = Number(/width="(\d+)"/.exec(svg)![1]);
    for (const spec of [TOC_DIAGRAM_PAGE, LANDSCAPE_MAP_PAGE]) {
      const page = await open(specPage(spec, 'PNG'));
      await post(page, { type: 'rasterise', id: 7, svg, scale: 2 });
      const reply = (await waitForMessage(page, 'rasterised')) as unknown as { id: number; png?: string; error?: string };
      assert.equal(reply.id, 7);
      const bytes = Buffer.from(reply.png!, 'base64');
      assert.deepEqual([...bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
      assert.equal(bytes.readUInt32BE(16), 2 * width);
      if (process.env.SAVE_PNG) fs.writeFileSync(process.env.SAVE_PNG, bytes); // to look at it
      assert.ok(parseRasterisedOk(reply), 'the host accepts the reply');
      await post(page, { type: 'rasterise', id: 8, svg: '<svg', scale: 2 });
      const broken = (await waitForMessage(page, 'rasterised', 8)) as unknown as { id: number; error?: string };
      assert.match(broken.error ?? '', /could not be drawn/);
      await page.context().close();
    }
  });

  it('Diagram and map: the notice shows only when the host sends one; zoom stops at each page’s limits; a fitted picture refits when the panel is resized, a zoomed one stays', async () => {
    const problems: { line: number; message: string }[] = [];
    for (const [spec, render, min] of [
      [TOC_DIAGRAM_PAGE, (v: number, notice?: string) => ({ ...tocRender(v), notice }), 0.1],
      [LANDSCAPE_MAP_PAGE, (v: number, notice?: string) => ({ ...mapRender(v, { tab: 'network', notice }), problems }), 0.05],
    ] as const) {
      const page = await open(specPage(spec, 'Limits'));
      await post(page, render(1, 'Large diagram: simplified'));
      await rendered(page, 1);
      assert.equal(await page.locator('#notice').isHidden(), false);
      assert.equal(await page.locator('#notice').textContent(), 'Large diagram: simplified');
      await post(page, render(2));
      await rendered(page, 2);
      assert.equal(await page.locator('#notice').isHidden(), true);
      const view = async () => {
        const st = await state<ViewState & { tab?: 'grid' | 'network'; views?: Record<string, ViewState> }>(page);
        return st.views ? st.views[st.tab!] : st;
      };
      // Resizing refits a fitted picture.
      const fitted = await view();
      await page.setViewportSize({ width: 600, height: 500 });
      await page.waitForFunction((sc) => {
        const st = (window as unknown as { __state(): ViewState & { tab?: string; views?: Record<string, ViewState> } }).__state();
        return (st.views ? st.views[st.tab!] : st).scale !== sc;
      }, fitted.scale);
      assert.equal((await view()).fitted, true);
      assert.ok(await showsView(page, await view()));
      await page.focus('#viewport');
      for (let i = 0; i < 40; i++) await page.keyboard.press('-');
      assert.ok(Math.abs((await view()).scale - min) < 1e-9, `zoom out stops at ${min}`);
      for (let i = 0; i < 40; i++) await page.keyboard.press('+');
      assert.ok(Math.abs((await view()).scale - 4) < 1e-9, 'zoom in stops at 4');
      // A zoomed picture keeps its view when the panel is resized.
      const zoomed = await view();
      await page.setViewportSize({ width: 800, height: 600 });
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
      assert.deepEqual(await view(), zoomed);
      await page.context().close();
    }
  });

  /** The diagram and the map drawn with a problem and the cursor's box marked, for axe. */
  async function openDrawn(spec: WebviewPageSpec, msg: object, theme: Theme): Promise<Page> {
    const page = await open(specPage(spec, 'Drawn'), { theme });
    await post(page, msg);
    await rendered(page, 1);
    return page;
  }
  const someProblems = [{ line: 3, message: 'Something to fix' }];

  for (const theme of ['light', 'dark', 'hc'] as Theme[]) {
    it(`axe-core finds no serious or critical violation (${theme} theme): reader on a hub and a principle, compare, diagram, map (grid and network)`, async () => {
      for (const [what, html] of [
        ['hub', reader('gavi', { highlight: ['gavi', 'vaccines'] })],
        ['principle', reader('narrow-goal')],
        ['compare', compare()],
        ['diagram', () => openDrawn(TOC_DIAGRAM_PAGE, tocRender(1, { problems: someProblems, highlight: 'goal' }), theme)],
        ['map grid', () => openDrawn(LANDSCAPE_MAP_PAGE, mapRender(1, { problems: someProblems, highlight: 'ministry-of-finance' }), theme)],
        ['map network', () => openDrawn(LANDSCAPE_MAP_PAGE, mapRender(1, { tab: 'network', problems: someProblems, notice: 'Above 50 actors the network shows one spanning tree per group; the other relations are drawn on top.' }), theme)],
      ] as const) {
        const page = typeof html === 'string' ? await open(html, { theme }) : await html();
        await page.evaluate(`${AXE}\n;0`);
        const rules = {};
        const violations = (await page.evaluate(async (rules) => {
          const r = await (window as unknown as { axe: { run(d: Document, o: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { resultTypes: ['violations'], rules });
          return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
        }, rules)) as { id: string; impact: string; targets: string[] }[];
        const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        assert.deepEqual(serious, [], `${theme} ${what}: ${JSON.stringify(serious)}`);
        await page.context().close();
      }
    });
  }
});
