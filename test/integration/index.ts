/**
 * Integration suite entry: runs inside a real VS Code extension host. `run()` is what
 * @vscode/test-electron and the code-server runner (test/runner/code-server.mjs) call.
 * It prints a final marker line that the code-server runner reads, since the host's exit call can
 * arrive late (DESIGN.md §3).
 */
import * as path from 'node:path';
import * as fs from 'node:fs';
import Mocha from 'mocha';

export const DONE_MARKER = 'IMPACT-HUBS-INTEGRATION-DONE';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30000, reporter: 'spec' });
  const grep = process.env.IMPACT_HUBS_TEST_GREP;
  if (grep) mocha.grep(grep);
  const dir = __dirname;
  for (const f of fs.readdirSync(dir).sort()) {
    if (f.endsWith('.test.js')) mocha.addFile(path.join(dir, f));
  }
  return new Promise((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    try {
      const runner = mocha.run((failures) => {
        console.log(`${DONE_MARKER} ${JSON.stringify({ passed, failed })}`);
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed.`));
        else resolve();
      });
      runner.on('pass', () => passed++);
      runner.on('fail', () => failed++);
    } catch (err) {
      console.log(`${DONE_MARKER} ${JSON.stringify({ passed, failed: failed + 1, error: String(err) })}`);
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
