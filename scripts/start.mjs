// npm start: builds the extension and opens VS Code with it on samples/.
// Desktop VS Code when `code` is on PATH; otherwise code-server in the browser on 127.0.0.1 with a
// password (printed). Ctrl-C stops everything.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, ensureCodeServer, freePort, installVsix, packageVsix, startCodeServer, waitForHttp } from './code-server.mjs';

const samples = join(ROOT, 'samples');
const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const code = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' }).stdout.trim();
if (code && !process.env.IMPACT_HUBS_USE_CODE_SERVER) {
  console.log('Opening desktop VS Code with the extension on samples/ …');
  const child = spawn(code, ['--new-window', `--extensionDevelopmentPath=${ROOT}`, samples], { stdio: 'inherit' });
  child.on('exit', (c) => process.exit(c ?? 0));
} else {
  ensureCodeServer((s) => console.log(s));
  const port = Number(process.env.PORT) || (await freePort());
  const password = process.env.PASSWORD || randomBytes(12).toString('base64url');
  const tmp = mkdtempSync(join(tmpdir(), 'impact-hubs-start-'));
  const userDataDir = join(tmp, 'user-data');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off' }, null, 2));
  // In code-server the extension is installed from a freshly built VSIX into a private extensions
  // folder (extension-development mode in the browser leaves out the built-in themes).
  const extensionsDir = join(tmp, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  installVsix(extensionsDir, packageVsix(), userDataDir);
  const server = startCodeServer({ port, userDataDir, extensionsDir, workspace: samples, auth: 'password', password, logFile: 'inherit' });
  const stop = () => {
    server.stop();
    rmSync(tmp, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.child.on('exit', (c) => {
    rmSync(tmp, { recursive: true, force: true });
    process.exit(c ?? 0);
  });
  await waitForHttp(`http://127.0.0.1:${port}/healthz`);
  console.log(`\n  Impact Hubs is running in code-server (VS Code in the browser):\n\n    URL:      http://127.0.0.1:${port}/?folder=${encodeURI(samples)}\n    Password: ${password}\n\n  Press Ctrl-C to stop.\n`);
}
