// Offline integration runner: the real VS Code extension host of code-server, driven by headless
// Chromium (playwright-core + Debian's chromium). Prints `integration: N passed, N failed`,
// writes out/test/integration-result.json, always stops the server and the browser.
//   node test/runner/code-server.mjs [--host node|web] [--grep PATTERN] [--timeout SECONDS] [--keep]
// --host web runs the extension and the suite in the browser's web-worker extension host (as in
// vscode.dev), selected with the user setting remote.extensionKind (DESIGN.md §3).
import { chromium } from 'playwright-core';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, openSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, format } from 'node:util';
import { ROOT, ensureCodeServer, freePort, startCodeServer, waitForHttp } from '../../scripts/code-server.mjs';

const MARKER = 'IMPACT-HUBS-INTEGRATION-DONE';
const { values } = parseArgs({ options: { host: { type: 'string', default: 'node' }, grep: { type: 'string' }, timeout: { type: 'string', default: '300' }, keep: { type: 'boolean' } } });
if (values.host !== 'node' && values.host !== 'web') {
  console.error('integration: --host must be node or web');
  process.exit(2);
}
const web = values.host === 'web';
const resultFile = join(ROOT, `out/test/integration-result${web ? '-web' : ''}.json`);
const timeoutMs = Number(values.timeout) * 1000;
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const suiteIndex = join(ROOT, web ? 'out/test/web/index.js' : 'out/test/integration/index.js');
if (!existsSync(suiteIndex)) {
  console.error(`integration: ${suiteIndex} is missing; run "npm run build" first.`);
  process.exit(2);
}
if (!existsSync(chromiumPath)) {
  console.error(`integration: Chromium not found at ${chromiumPath}; install it with "apt-get install chromium" or set CHROMIUM_PATH.`);
  process.exit(2);
}

ensureCodeServer((s) => console.log(s));
const tmp = mkdtempSync(join(tmpdir(), 'impact-hubs-it-'));
const userDataDir = join(tmp, 'user-data');
const extensionsDir = join(tmp, 'extensions');
const workspace = join(tmp, 'workspace');
mkdirSync(join(userDataDir, 'User'), { recursive: true });
mkdirSync(extensionsDir, { recursive: true });
// The trust prompt is refused in test mode, so trust is off for the test profile only.
writeFileSync(
  join(userDataDir, 'User', 'settings.json'),
  JSON.stringify(
    {
      'security.workspace.trust.enabled': false,
      'workbench.startupEditor': 'none',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'telemetry.telemetryLevel': 'off',
      // The only switch VS Code web 1.100 honours to run an extension with both main and browser in the web worker.
      ...(web ? { 'remote.extensionKind': { 'impact-hubs.impact-hubs': ['web'] } } : {}),
    },
    null,
    2,
  ),
);
// Tests write files: give them a copy of samples/ plus the fixtures.
cpSync(join(ROOT, 'samples'), workspace, { recursive: true });
if (existsSync(join(ROOT, 'test/fixtures/workspace'))) cpSync(join(ROOT, 'test/fixtures/workspace'), workspace, { recursive: true });

// The extension host inherits the server's environment.
if (values.grep) process.env.IMPACT_HUBS_TEST_GREP = values.grep;
const port = await freePort();
const logFile = join(tmp, 'code-server.log');
const server = startCodeServer({ port, userDataDir, extensionsDir, workspace, auth: 'none', logFile: openSync(logFile, 'a') });
let browser;
let finished = false;

async function cleanup() {
  try {
    await browser?.close();
  } catch {
    /* ignore */
  }
  server.stop();
  if (!values.keep) rmSync(tmp, { recursive: true, force: true });
}

function finish(result) {
  if (finished) return;
  finished = true;
  clearTimeout(timer);
  const { passed = 0, failed = 0, error } = result;
  mkdirSync(join(ROOT, 'out/test'), { recursive: true });
  writeFileSync(resultFile, JSON.stringify({ passed, failed, error: error ?? null }));
  if (error) console.error(`integration: ${error}`);
  if (error && !values.keep) {
    try {
      console.error('--- code-server log (tail) ---\n' + readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n'));
    } catch {
      /* no log */
    }
  }
  console.log(`integration (${values.host}): ${passed} passed, ${failed} failed`);
  cleanup().finally(() => process.exit(failed > 0 || error ? 1 : 0));
}

const timer = setTimeout(() => finish({ failed: 1, error: `timed out after ${timeoutMs / 1000} s` }), timeoutMs);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => finish({ failed: 1, error: `interrupted (${sig})` }));

try {
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(`${base}/healthz`);
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const page = await browser.newPage();
  let last = { passed: 0, failed: 0 };
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const parts = Array.isArray(args) ? args : [args];
    // The host forwards console calls with their printf-style arguments.
    const line = format(...parts);
    for (const l of line.split('\n')) {
      const at = l.indexOf(MARKER);
      if (at >= 0) {
        try {
          last = JSON.parse(l.slice(at + MARKER.length).trim());
        } catch {
          /* keep last */
        }
        // The host's exit call can come much later (DESIGN.md §3); the marker is authoritative.
        setTimeout(() => finish(last), 200);
      } else if (!/extensionGallery|marketplace|ENOTFOUND|getaddrinfo|update\.code|%c|\/static\/out\/vs\//.test(l)) {
        console.log(type === 'error' ? `  [host:error] ${l}` : l);
      }
    }
  });
  await page.exposeFunction('codeAutomationExit', (code) => finish(code === 0 ? last : { ...last, failed: Math.max(1, last.failed), error: last.failed ? undefined : `extension host exited with code ${code}` }));
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(ROOT)],
    ['extensionTestsPath', remote(suiteIndex)],
    ['skipWelcome', 'true'],
  ];
  const url = `${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  console.log(`integration: VS Code 1.100.3 (code-server), ${web ? 'web-worker' : 'Node'} extension host, on 127.0.0.1:${port}, workspace ${workspace}`);
  await page.goto(url);
} catch (e) {
  finish({ failed: 1, error: e instanceof Error ? e.message : String(e) });
}
