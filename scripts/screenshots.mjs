// Screenshots of the extension as a user sees it: code-server + headless Chromium, light and dark.
//   node scripts/screenshots.mjs [--out DIR] [--theme light|dark|hc|all] [--only diagram|map]
// Writes PNGs (used in the README) — look at them after every UI change.
import { chromium } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, freePort, installVsix, packageVsix, startCodeServer, waitForHttp } from './code-server.mjs';

const { values } = parseArgs({ options: { out: { type: 'string', default: join(ROOT, 'media', 'screenshots') }, theme: { type: 'string', default: 'all' }, only: { type: 'string' } } });
const SHOTS = values.only === 'diagram' ? ['diagram', 'results'] : values.only === 'map' ? ['map-grid', 'map-network'] : ['search', 'reader', 'principles', 'compare', 'charter-hover', 'guide', 'diagram', 'results', 'map-grid', 'map-network'];
const THEMES = { light: 'Default Light Modern', dark: 'Default Dark Modern', hc: 'Default High Contrast' };
const themes = values.theme === 'all' ? ['light', 'dark'] : values.theme.split(',');
mkdirSync(values.out, { recursive: true });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The (nested) webview frame that contains a selector. */
async function findFrame(page, selector) {
  for (const f of page.frames()) {
    try {
      if (await f.locator(selector).count()) return f;
    } catch {
      /* detached frame */
    }
  }
  return undefined;
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
    const snap = async (name) => {
      await page.screenshot({ path: join(values.out, `${name}-${theme}.png`) });
      console.log(`  ${name}-${theme}.png`);
    };
    await page.keyboard.press('Escape');
    await palette('View: Close All Editors', 800);
    if (!values.only) await general(page, palette, snap);
    if (!values.only || values.only === 'diagram') await diagram(page, palette, snap);
    if (!values.only || values.only === 'map') await landscape(page, palette, snap);
  } finally {
    await browser.close();
    server.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The theory-of-change diagram and the results framework of samples/, with a real click on a box. */
async function diagram(page, palette, snap) {
    await palette('View: Close All Editors', 800);
    await palette('Notifications: Clear All Notifications', 500);
    await palette('Go to File', 800);
    await page.keyboard.type('riverlands-theory-of-change.md');
    await sleep(600);
    await page.keyboard.press('Enter');
    await sleep(2000);
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
    await palette('View: Close All Editors', 800);
    await palette('Notifications: Clear All Notifications', 500);
    await palette('Go to File', 800);
    await page.keyboard.type('riverlands-landscape.md');
    await sleep(600);
    await page.keyboard.press('Enter');
    await sleep(2000);
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

async function general(page, palette, snap) {
    // 1. Side bar + reader on a hub.
    await palette('Impact Hubs: Focus on Case Studies View', 2500);
    await palette('Impact Hubs: Search Knowledge Base', 1200);
    await page.keyboard.type('vacine aliance', { delay: 20 });
    await sleep(1200);
    await snap('search');
    await page.keyboard.press('Enter');
    await sleep(3000);
    await snap('reader');
    // Follow a link inside the reader, as a user would, and check the panel navigates.
    const frame = await findFrame(page, 'article.markdown-body');
    if (frame) {
      await frame.locator('article a[data-doc^="principle:"]').first().click();
      await sleep(2000);
      const title = await page.locator('.tab.active .label-name, .tab.active .monaco-icon-label').first().textContent();
      console.log(`  link in the reader opened: ${title?.trim()}`);
      await palette('Impact Hubs: Reader: Back', 1500);
    } else console.log('  (reader frame not found)');

    // 2. Principles view expanded, reader on a principle.
    await palette('Impact Hubs: Focus on Design Principles View', 1500);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await sleep(500);
    await page.keyboard.press('Enter');
    await sleep(2500);
    await snap('principles');

    // 3. Compare hubs.
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

    // 4. A charter with a hover card on a reference.
    await palette('View: Close All Editors', 800);
    await palette('Go to File', 800);
    await page.keyboard.type('riverlands-charter.md');
    await sleep(600);
    await page.keyboard.press('Enter');
    await sleep(2500);
    await palette('Notifications: Clear All Notifications', 500);
    await page.keyboard.press('Control+g');
    await sleep(400);
    await page.keyboard.type('35:60');
    await page.keyboard.press('Enter');
    await sleep(600);
    await palette('Show or Focus Hover', 2500);
    await snap('charter-hover');

    // 5. The Charter Guide beside the sample charter, with a check's hover in the editor.
    await page.keyboard.press('Escape');
    await palette('Impact Hubs: Focus on Charter Guide View', 2500);
    await page.keyboard.press('Control+g');
    await sleep(400);
    await page.keyboard.type('62:5');
    await page.keyboard.press('Enter');
    await sleep(800);
    await palette('Show or Focus Hover', 2500);
    await snap('guide');
}

const vsix = packageVsix();
for (const t of themes) {
  console.log(`screenshots (${t}):`);
  await shoot(t);
}
// Shrink the PNGs when pngquant is installed (apt-get install pngquant): ~3x smaller VSIX.
const pngs = themes.flatMap((t) => SHOTS.map((n) => join(values.out, `${n}-${t}.png`)));
if (spawnSync('pngquant', ['--version']).status === 0) spawnSync('pngquant', ['--force', '--ext', '.png', '--quality', '70-90', '--speed', '1', ...pngs], { stdio: 'inherit' });
