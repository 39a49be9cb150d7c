// Screenshots of the extension as a user sees it, and an accessibility audit of its webviews:
// code-server (VS Code 1.100.3) + headless Chromium, the VSIX installed as a user would.
//   node scripts/screenshots.mjs [--out DIR] [--theme light,dark,hc] [--no-package] [--only general|writing|diagram|map]
// - Screenshots (light and dark) go to media/screenshots/ (README pictures) — look at them after
//   every UI change; high contrast and extra views go to out/screenshots/ for review.
// - axe-core runs over every webview (the reader on a hub, a principle, a framework and an own
//   note; Compare) in every theme, and the run fails on any serious or critical violation.
// - The real host's keystroke → items latency of the search box is measured (light theme).
// - The webviews' theme variables are saved to test/fixtures/webview-themes/ for the page tests.
/* global document, window, MutationObserver, performance -- functions passed to page.evaluate run in the browser */
import { chromium } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, freePort, installVsix, packageVsix, startCodeServer, waitForHttp } from './code-server.mjs';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: join(ROOT, 'media', 'screenshots') },
    theme: { type: 'string', default: 'all' },
    'no-package': { type: 'boolean' },
    only: { type: 'string' },
  },
});
/** The README pictures each part takes (light and dark). */
const PARTS = {
  general: ['search', 'reader', 'reader-narrow', 'principles', 'compare', 'charter-hover'],
  writing: ['guide', 'completion'],
  diagram: ['diagram', 'results'],
  map: ['map-grid', 'map-network'],
};
const parts = values.only ? values.only.split(',') : Object.keys(PARTS);
const THEMES = { light: 'Default Light Modern', dark: 'Default Dark Modern', hc: 'Default High Contrast' };
const themes = values.theme === 'all' ? ['light', 'dark', 'hc'] : values.theme.split(',');
const REVIEW = join(ROOT, 'out', 'screenshots');
mkdirSync(values.out, { recursive: true });
mkdirSync(REVIEW, { recursive: true });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** Every axe finding, by theme and webview. */
const audit = [];

/** The (nested) webview frame that contains a selector. */
async function findFrame(page, selector, timeoutMs = 8000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    for (const f of page.frames()) {
      try {
        if (await f.locator(selector).count()) return f;
      } catch {
        /* detached frame */
      }
    }
    if (Date.now() > until) return undefined;
    await sleep(250);
  }
}

/** Runs axe-core in a webview's content frame (our markup only) and records its violations. */
async function axeAudit(frame, theme, what) {
  if (!frame) {
    audit.push({ theme, what, error: 'webview not found' });
    console.log(`  axe ${what}: webview not found`);
    return;
  }
  await frame.evaluate(`${AXE}\n;0`);
  const violations = await frame.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 160), summary: (n.failureSummary ?? '').slice(0, 300) })), count: v.nodes.length }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  audit.push({ theme, what, violations });
  console.log(`  axe ${what}: ${violations.length} rule(s) violated, ${serious.length} serious or critical${violations.length ? ` (${violations.map((v) => `${v.id}:${v.impact}×${v.count}`).join(', ')})` : ''}`);
}

/** The theme variables VS Code gives a webview, for the page tests. */
async function saveThemeVariables(frame, theme) {
  if (!frame) return;
  const data = await frame.evaluate(() => {
    const vars = {};
    const style = document.documentElement.style;
    for (let i = 0; i < style.length; i++) {
      const p = style[i];
      if (p.startsWith('--vscode-')) vars[p] = style.getPropertyValue(p).trim();
    }
    return { bodyClass: document.body.className, vars, defaultStyles: document.getElementById('_defaultStyles')?.textContent ?? '' };
  });
  const dir = join(ROOT, 'test', 'fixtures', 'webview-themes');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${theme}.json`), JSON.stringify(data, null, 1) + '\n');
}

/** Closes every editor and opens a file of samples/ with Go to File, as a user would. */
async function openSample(page, palette, file, wait = 2500) {
  await palette('View: Close All Editors', 800);
  await palette('Go to File', 800);
  await page.keyboard.type(file);
  await sleep(600);
  await page.keyboard.press('Enter');
  await sleep(wait);
}

/** Go to line:column and show the hover there. */
async function hoverAt(page, palette, where) {
  await page.keyboard.press('Control+g');
  await sleep(400);
  await page.keyboard.type(where);
  await page.keyboard.press('Enter');
  await sleep(700);
  await palette('Show or Focus Hover', 2500);
}

/** Writing help: the Charter Guide beside the sample charter with a check's hover; section snippets as the writer types. */
async function writing(page, palette, snap) {
  await openSample(page, palette, 'riverlands-charter.md');
  await palette('Notifications: Clear All Notifications', 500);
  await palette('Impact Hubs: Focus on Charter Guide View', 2500);
  await hoverAt(page, palette, '74:8');
  await snap('guide');
  // A new line after the roles section: "hub-" opens the sections, with status and examples.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+g');
  await sleep(400);
  await page.keyboard.type('85');
  await page.keyboard.press('Enter');
  await sleep(400);
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('hub-dec', { delay: 120 });
  await sleep(1500);
  // The details pane (purpose, questions, how real hubs did it).
  await page.keyboard.press('Control+Space');
  await sleep(1500);
  await snap('completion');
  await page.keyboard.press('Escape');
}

/** The theory-of-change diagram and the results framework of samples/, with a real click on a box. */
async function diagram(page, palette, snap) {
    await palette('Notifications: Clear All Notifications', 500);
    await openSample(page, palette, 'riverlands-theory-of-change.md', 2000);
    await palette('View: Close Primary Side Bar', 500);
    await palette('Impact Hubs: Show Theory of Change Diagram', 4000);
    const frame = await findFrame(page, 'svg.toc-diagram');
    if (!frame) {
      console.log('  (diagram frame not found)');
      return;
    }
    // A real click on a box: the editor's cursor moves to its line (status bar "Ln 28").
    await frame.locator('g.toc-node[data-id="parts"] rect.toc-box').click();
    await sleep(1200);
    const status = await page.locator('.statusbar-item[id="status.editor.selection"]').first().textContent().catch(() => '');
    console.log(`  clicked the "parts" box; the editor's cursor: ${status?.trim()}`);
    // Give the diagram more room than the editor (the click above moved the focus to the editor).
    for (let i = 0; i < 4; i++) await palette('View: Decrease Current View Size', 300);
    await frame.locator('button[data-zoom="fit"]').click();
    await sleep(800);
    await snap('diagram');
    // The toolbar button (a real click in the page) opens the results framework.
    await frame.locator('button[data-command="showResults"]').click();
    await sleep(2500);
    await palette('View: Toggle Maximize Editor Group', 1500);
    await snap('results');
}

/** The landscape map of samples/: both tabs, with a real click on an actor and on the network tab. */
async function landscape(page, palette, snap) {
  // The diagram step leaves its panels in groups of their own, and the secondary side bar open.
  await palette('View: Close All Editor Groups', 1000);
  await palette('View: Close Secondary Side Bar', 500);
  await palette('Notifications: Clear All Notifications', 500);
  await openSample(page, palette, 'riverlands-landscape.md', 2000);
  await palette('View: Close Primary Side Bar', 500);
  await palette('Impact Hubs: Show Landscape Map', 4000);
  const frame = await findFrame(page, 'svg.lm-diagram');
  if (!frame) {
    console.log('  (landscape map frame not found)');
    return;
  }
  // A real click on an actor: the editor's cursor moves to its row.
  await frame.locator('g.lm-actor[data-id="waterworks-cooperative"] rect.lm-box').click();
  await sleep(1200);
  const status = await page.locator('.statusbar-item[id="status.editor.selection"]').first().textContent().catch(() => '');
  console.log(`  clicked WaterWorks Cooperative on the grid; the editor's cursor: ${status?.trim()}`);
  for (let i = 0; i < 5; i++) await palette('View: Decrease Current View Size', 300);
  await frame.locator('button[data-zoom="fit"]').click();
  await sleep(800);
  await snap('map-grid');
  await frame.locator('button[role="tab"][data-tab="network"]').click();
  await sleep(1000);
  await frame.locator('button[data-zoom="fit"]').click();
  await sleep(800);
  await snap('map-network');
}

async function general(page, palette, snap, theme) {
    // 1. Search: typed as a person types; the list follows each key.
    await palette('Impact Hubs: Focus on Case Studies View', 2500);
    await palette('Impact Hubs: Search Knowledge Base', 1500);
    if (theme === 'light') {
      await page.evaluate(() => {
        window.__keyAt = 0;
        window.__latencies = [];
        const list = document.querySelector('.quick-input-widget .quick-input-list');
        new MutationObserver(() => {
          if (window.__keyAt) {
            window.__latencies.push(performance.now() - window.__keyAt);
            window.__keyAt = 0;
          }
        }).observe(list, { subtree: true, childList: true, characterData: true, attributes: true });
        document.addEventListener('keydown', () => (window.__keyAt = performance.now()), true);
      });
      for (const ch of 'vacine aliance') {
        await page.keyboard.type(ch);
        await sleep(300);
      }
      const lat = (await page.evaluate(() => window.__latencies)).sort((a, b) => a - b);
      const q = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))];
      console.log(`  keystroke → items in the real host (VS Code 1.100.3, code-server): median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${lat[lat.length - 1].toFixed(1)} ms over ${lat.length} keystrokes`);
      audit.push({ theme, what: 'keystroke latency', latencies: lat });
    } else {
      await page.keyboard.type('vacine aliance', { delay: 20 });
    }
    await sleep(1200);
    const title = await page.locator('.quick-input-widget .quick-input-title').first().textContent().catch(() => '');
    console.log(`  search box title: ${title?.trim()}`);
    await snap('search');
    // The filter button turns the box into a filter list; the words stay.
    await page.locator('.quick-input-widget .quick-input-titlebar a.codicon-filter, .quick-input-widget .quick-input-titlebar .codicon-filter').first().click();
    await sleep(1000);
    await snap('search-filters', true);
    await page.keyboard.type('Only hubs', { delay: 10 });
    await sleep(500);
    await page.keyboard.press('Enter');
    await sleep(1200);
    const value = await page.locator('.quick-input-widget input.input').first().inputValue().catch(() => '');
    console.log(`  after picking a filter the search box reads: "${value}"`);
    await snap('search-filtered', true);
    await page.keyboard.press('Enter');
    await sleep(3500);
    await snap('reader');
    let frame = await findFrame(page, 'article.markdown-body');
    await saveThemeVariables(frame, theme);
    await axeAudit(frame, theme, 'reader: hub (Gavi, opened from search)');
    // A citation number: its source is scrolled into view and highlighted.
    if (frame) {
      await frame.locator('article sup.cite a').nth(3).click();
      await sleep(900);
      await snap('reader-citation', true);
      // Follow a link inside the reader, as a user would; then Back.
      await frame.locator('article a[data-doc^="principle:"]').first().click();
      await sleep(2500);
      frame = await findFrame(page, 'article.markdown-body');
      await axeAudit(frame, theme, 'reader: design principle');
      await snap('reader-principle', true);
      await palette('Impact Hubs: Reader: Back', 2500);
      await snap('reader-back', true);
    }

    // 2. Principles view expanded, reader on a principle.
    await palette('View: Close All Editors', 800);
    await palette('Impact Hubs: Focus on Design Principles View', 1500);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await sleep(500);
    await page.keyboard.press('Enter');
    await sleep(2500);
    await snap('principles');

    // 3. A framework and an own note in the reader.
    await palette('Impact Hubs: Focus on Frameworks View', 1500);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await sleep(2500);
    await axeAudit(await findFrame(page, 'article.markdown-body'), theme, 'reader: framework');
    await palette('Impact Hubs: Focus on My Knowledge View', 2000);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await sleep(2500);
    await axeAudit(await findFrame(page, 'article.markdown-body'), theme, 'reader: own note');

    // 4. The reader narrow, beside a charter: actions stay in the editor title bar.
    await openSample(page, palette, 'riverlands-charter.md', 2000);
    await page.setViewportSize({ width: 1100, height: 860 });
    await palette('Impact Hubs: Search Knowledge Base', 1200);
    await page.keyboard.type('country coordinating mechanism', { delay: 10 });
    await sleep(1200);
    // The second item button opens the result beside the editor and keeps the search open.
    await page.keyboard.press('Enter');
    await sleep(3500);
    await snap('reader-narrow');
    await page.setViewportSize({ width: 1400, height: 860 });
    await sleep(800);

    // 5. Compare hubs.
    await palette('Notifications: Clear All Notifications', 500);
    await palette('View: Close All Editors', 800);
    await palette('Impact Hubs: Compare Hubs…', 1200);
    for (const name of ['CEPI, the', 'Gavi, the', 'The Global Fund']) {
      await page.keyboard.press('Control+a');
      await page.keyboard.type(name.split(',')[0], { delay: 10 });
      await sleep(500);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().locator('input[type=checkbox], .quick-input-list-checkbox, .monaco-checkbox').first().click();
      await sleep(300);
    }
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Backspace');
    await sleep(300);
    await page.keyboard.press('Enter');
    await sleep(3000);
    await snap('compare');
    const cframe = await findFrame(page, 'table.compare');
    await axeAudit(cframe, theme, 'compare');
    if (cframe) {
      await cframe.locator('#design-principles').scrollIntoViewIfNeeded();
      await cframe.locator('.principles-grid .rating').nth(1).hover();
      await sleep(600);
      await snap('compare-principles', true);
    }

    // 6. A charter with a hover card on a reference.
    await openSample(page, palette, 'riverlands-charter.md');
    await palette('Notifications: Clear All Notifications', 500);
    await hoverAt(page, palette, '35:60');
    await snap('charter-hover');
}

async function shoot(theme) {
  const tmp = mkdtempSync(join(tmpdir(), 'impact-hubs-shots-'));
  const userDataDir = join(tmp, 'user-data');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({
      'workbench.colorTheme': THEMES[theme],
      'security.workspace.trust.enabled': false,
      'workbench.startupEditor': 'none',
      'git.openRepositoryInParentFolders': 'never',
      'workbench.welcomePage.walkthroughs.openOnInstall': false,
      'workbench.tips.enabled': false,
      'editor.minimap.enabled': false,
      'window.commandCenter': false,
      'workbench.layoutControl.enabled': false,
      'chat.commandCenter.enabled': false,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'editor.fontSize': 14,
      'telemetry.telemetryLevel': 'off',
    }),
  );
  const workspace = join(tmp, 'samples');
  cpSync(join(ROOT, 'samples'), workspace, { recursive: true });
  // Installed from the VSIX as a user would (extension-development mode leaves built-in themes out).
  const extensionsDir = join(tmp, 'ext');
  installVsix(extensionsDir, vsix, userDataDir);
  const port = await freePort();
  const server = startCodeServer({ port, userDataDir, extensionsDir, workspace, auth: 'none', logFile: openSync(join(tmp, 'log'), 'a') });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  const readme = theme === 'light' || theme === 'dark';
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`);
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 }, deviceScaleFactor: 1, colorScheme: theme === 'light' ? 'light' : 'dark' });
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    await sleep(6000);
    const palette = async (command, wait = 1500) => {
      await page.keyboard.press('F1');
      await sleep(400);
      await page.keyboard.type(command, { delay: 5 });
      await sleep(500);
      await page.keyboard.press('Enter');
      await sleep(wait);
    };
    const snap = async (name, review = !readme) => {
      const file = join(review ? REVIEW : values.out, `${name}-${theme}.png`);
      await page.screenshot({ path: file });
      console.log(`  ${file.slice(ROOT.length + 1)}`);
    };
    await page.keyboard.press('Escape');
    await palette('View: Close All Editors', 800);

    if (parts.includes('general')) await general(page, palette, snap, theme);
    if (parts.includes('writing')) await writing(page, palette, snap);
    if (parts.includes('diagram')) await diagram(page, palette, snap);
    if (parts.includes('map')) await landscape(page, palette, snap);
  } finally {
    await browser.close();
    server.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

const vsix = values['no-package'] ? join(ROOT, 'impact-hubs.vsix') : packageVsix();
for (const t of themes) {
  console.log(`screenshots and axe (${t}):`);
  await shoot(t);
}
// Shrink the PNGs when pngquant is installed (apt-get install pngquant).
const pngs = themes.filter((t) => t !== 'hc').flatMap((t) => parts.flatMap((p) => PARTS[p] ?? []).map((n) => join(values.out, `${n}-${t}.png`)));
if (spawnSync('pngquant', ['--version']).status === 0) spawnSync('pngquant', ['--force', '--ext', '.png', '--quality', '70-90', '--speed', '1', ...pngs], { stdio: 'inherit' });

mkdirSync(REVIEW, { recursive: true });
writeFileSync(join(REVIEW, 'axe.json'), JSON.stringify(audit, null, 1));
const serious = audit.flatMap((a) => (a.violations ?? []).filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ ...v, theme: a.theme, what: a.what })));
const missing = audit.filter((a) => a.error);
console.log(`\naxe-core: ${audit.filter((a) => a.violations).length} webview audits, ${serious.length} serious or critical violation(s)${missing.length ? `, ${missing.length} webview(s) not found` : ''} (details: out/screenshots/axe.json)`);
for (const v of serious) console.log(`  ${v.theme} · ${v.what}: ${v.id} (${v.impact}) ${v.help}\n${v.nodes.map((n) => `    ${n.target}: ${n.summary.split('\n').slice(0, 2).join(' ')}`).join('\n')}`);
if (serious.length || missing.length) process.exit(1);
