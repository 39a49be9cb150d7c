/**
 * The integration suite in the browser's web-worker extension host (as in vscode.dev and
 * github.dev): no Node APIs. Bundled by scripts/build.mjs for the browser; `run()` is what the
 * code-server runner calls (test/runner/code-server.mjs --host web). Prints the same final marker
 * line as the Node-host entry.
 */
import 'mocha/mocha';

export const DONE_MARKER = 'IMPACT-HUBS-INTEGRATION-DONE';

export function run(): Promise<void> {
  // No HTML reporter (a worker has no document): results go to the console from the events below.
  mocha.setup({ ui: 'bdd', reporter: function Silent() {} as unknown as string, timeout: 30000 });
  // The suites that apply in a web worker (every file; tests that need Node skip themselves),
  // loaded after setup() so that describe/it exist.
  /* eslint-disable @typescript-eslint/no-require-imports */
  require('../integration/activation.test');
  require('../integration/authoring.test');
  require('../integration/checks.test');
  require('../integration/export.test');
  require('../integration/landscape.test');
  require('../integration/search.test');
  require('../integration/security.test');
  require('../integration/sidebar.test');
  require('../integration/toc-diagram.test');
  require('../integration/trust.test');
  require('../integration/web.test');
  require('../integration/writing-help.test');
  /* eslint-enable @typescript-eslint/no-require-imports */
  return new Promise((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    const runner = mocha.run((failures: number) => {
      console.log(`${DONE_MARKER} ${JSON.stringify({ passed, failed })}`);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed.`));
      else resolve();
    });
    runner.on('suite', (s: Mocha.Suite) => s.title && console.log(`  ${s.title}`));
    runner.on('pass', (t: Mocha.Test) => {
      passed++;
      console.log(`    ✔ ${t.title}`);
    });
    runner.on('fail', (t: Mocha.Test, err: Error) => {
      failed++;
      console.log(`    ✖ ${t.title}\n      ${err?.stack ?? err}`);
    });
    runner.on('pending', (t: Mocha.Test) => console.log(`    - ${t.title} (skipped here)`));
  });
}
