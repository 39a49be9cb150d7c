// Installs code-server (VS Code 1.100.3 in the browser) into the git-ignored .cache/ on first
// use, offline-safe, and starts it. Used by `npm start` and by the integration runner.
// Facts behind this recipe: ../shared/DESIGN.md §3.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CODE_SERVER_VERSION = '4.100.3';
const CACHE = join(ROOT, '.cache', 'code-server');
const ENTRY = join(CACHE, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const MARKER = join(CACHE, `.installed-${CODE_SERVER_VERSION}`);
const RG_VERSION = '1.15.11';
const RG_TARBALL = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '';
}

/** @vscode/ripgrep's postinstall downloads rg from GitHub; pre-fill its cache with Debian's rg. */
function seedRipgrepCache() {
  const rg = which('rg');
  if (!rg) throw new Error('ripgrep is missing: install it with "apt-get install ripgrep" (see .ci/run).');
  const dir = join(tmpdir(), `vscode-ripgrep-cache-${RG_VERSION}`);
  const tarball = join(dir, RG_TARBALL);
  if (existsSync(tarball)) return;
  mkdirSync(dir, { recursive: true });
  const r = spawnSync('tar', ['czf', tarball, '-C', dirname(rg), 'rg'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('could not pack rg for the ripgrep cache');
}

/** Returns the path of code-server's entry script, installing it first when needed. */
export function ensureCodeServer(log = (s) => console.error(s)) {
  if (existsSync(MARKER) && existsSync(ENTRY)) return ENTRY;
  log(`Installing code-server ${CODE_SERVER_VERSION} into .cache/code-server (once; about 1–2 minutes)…`);
  seedRipgrepCache();
  rmSync(CACHE, { recursive: true, force: true });
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(
    join(CACHE, 'package.json'),
    JSON.stringify(
      {
        name: 'impact-hubs-code-server-cache',
        private: true,
        dependencies: { 'code-server': CODE_SERVER_VERSION },
        // npm 11 runs dependency install scripts only when allowed; code-server builds native modules.
        allowScripts: { 'code-server': true, argon2: true },
      },
      null,
      2,
    ),
  );
  const env = { ...process.env, npm_config_yes: 'true', npm_config_unsafe_perm: 'true', npm_config_audit: 'false', npm_config_fund: 'false' };
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: CACHE, env, stdio: ['ignore', 'inherit', 'inherit'] });
  const pty = join(CACHE, 'node_modules/code-server/lib/vscode/node_modules/node-pty/build/Release/pty.node');
  const rgBin = join(CACHE, 'node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg');
  if (r.status !== 0 || !existsSync(ENTRY) || !existsSync(pty) || !existsSync(rgBin)) {
    throw new Error(
      'code-server did not install completely. It needs the Debian packages libkrb5-dev pkg-config libx11-dev ' +
        'libxkbfile-dev libsecret-1-dev ripgrep (see .ci/run); then run the command again.',
    );
  }
  writeFileSync(MARKER, new Date().toISOString());
  log('code-server installed.');
  return ENTRY;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server on 127.0.0.1:port. `auth` is 'none' (tests, loopback only) or 'password'.
 * Returns the child process (its own process group, so stop() ends every helper process).
 */
export function startCodeServer({ port, userDataDir, extensionsDir, workspace, auth = 'none', password, logFile }) {
  const entry = ensureCodeServer();
  const args = [
    entry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', auth,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    workspace,
  ];
  const env = { ...process.env };
  if (auth === 'password') env.PASSWORD = password;
  const child = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', logFile ?? 'ignore', logFile ?? 'ignore'] });
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  return { child, stop };
}

export async function waitForHttp(url, timeoutMs = 60000) {
  const until = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < until) {
    try {
      const res = await fetch(url, { redirect: 'manual' });
      if (res.status < 500) return;
    } catch (e) {
      lastError = e;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer at ${url} within ${timeoutMs / 1000} s (${lastError?.message ?? 'no answer'})`);
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === 'install') {
  ensureCodeServer();
}

/** Installs a VSIX into an extensions folder with code-server's own CLI (offline, local file). */
export function installVsix(extensionsDir, vsix, userDataDir) {
  const entry = ensureCodeServer();
  const r = spawnSync(process.execPath, [entry, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix, '--force'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`could not install ${vsix} into code-server: ${r.stderr || r.stdout}`);
}

/** Builds the production VSIX (npm run package) and returns its path. */
export function packageVsix() {
  const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error('npm run package failed');
  return join(ROOT, 'impact-hubs.vsix');
}
