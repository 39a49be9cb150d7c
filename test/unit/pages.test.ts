/**
 * The webview pages (reader, compare) with their real scripts and styles, in headless Chromium
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

interface Message {
  type: string;
  [k: string]: unknown;
}

describe('webview pages in Chromium (reader and compare scripts)', function () {
  this.timeout(60000);
  let browser: Browser | undefined;

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) this.skip();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  });
  after(async () => {
    await browser?.close();
  });

  async function open(html: string, { width = 900, height = 700, theme = 'light' as Theme } = {}): Promise<Page> {
    const ctx = await browser!.newContext({ viewport: { width, height } });
    const page = await ctx.newPage();
    // A string, not a function: the test runner's transpiler would add helpers the page lacks.
    await page.addInitScript(`window.__messages = [];
      let state;
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

  for (const theme of ['light', 'dark', 'hc'] as Theme[]) {
    it(`axe-core finds no serious or critical violation (${theme} theme): reader on a hub and a principle, compare`, async () => {
      for (const [what, html] of [
        ['hub', reader('gavi', { highlight: ['gavi', 'vaccines'] })],
        ['principle', reader('narrow-goal')],
        ['compare', compare()],
      ] as const) {
        const page = await open(html, { theme });
        await page.evaluate(`${AXE}\n;0`);
        const violations = (await page.evaluate(async () => {
          const r = await (window as unknown as { axe: { run(d: Document, o: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { resultTypes: ['violations'] });
          return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
        })) as { id: string; impact: string; targets: string[] }[];
        const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        assert.deepEqual(serious, [], `${theme} ${what}: ${JSON.stringify(serious)}`);
        await page.context().close();
      }
    });
  }
});
