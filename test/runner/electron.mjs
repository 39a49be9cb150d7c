// Runs the integration suite in desktop VS Code with @vscode/test-electron, for machines that have
// (VSCODE_EXECUTABLE=/path/to/code) or can download VS Code. CI uses test/runner/code-server.mjs.
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../scripts/code-server.mjs';

const workspace = join(mkdtempSync(join(tmpdir(), 'impact-hubs-electron-')), 'workspace');
cpSync(join(ROOT, 'samples'), workspace, { recursive: true });
if (existsSync(join(ROOT, 'test/fixtures/workspace'))) cpSync(join(ROOT, 'test/fixtures/workspace'), workspace, { recursive: true });
try {
  await runTests({
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: join(ROOT, 'out/test/integration/index.js'),
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
    version: process.env.VSCODE_VERSION || '1.100.3',
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (e) {
  console.error(`test:electron: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}
