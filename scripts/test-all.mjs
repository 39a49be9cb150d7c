// npm test: type check, lint, unit tests (plain Node), build, integration tests in a real VS Code
// host: the Node extension host and the browser's web-worker host (as in vscode.dev).
// Ends with one line `tests: N passed, N failed` summing every suite (the type check and the lint
// count as one test each) and exits non-zero on any failure.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
let passed = 0;
let failed = 0;
const summary = [];

function run(cmd, args, { capture = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'] });
    let out = '';
    if (capture) {
      child.stdout.on('data', (d) => {
        process.stdout.write(d);
        out += d;
      });
    }
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
    child.on('error', (e) => resolve({ code: 1, out: String(e) }));
  });
}

async function step(name, fn) {
  const started = Date.now();
  console.log(`\n=== ${name} ===`);
  const r = await fn();
  passed += r.passed;
  failed += r.failed;
  summary.push(`${name}: ${r.passed} passed, ${r.failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

const single = (code) => ({ passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 });

await step('type check', async () => single((await run(bin('tsc'), ['--noEmit', '-p', '.'])).code));
await step('lint', async () => single((await run(bin('eslint'), ['.'])).code));
await step('unit', async () => {
  const { code, out } = await run(bin('mocha'), [], { capture: true });
  const p = Number(/(\d+) passing/.exec(out)?.[1] ?? 0);
  const f = Number(/(\d+) failing/.exec(out)?.[1] ?? 0);
  return { passed: p, failed: f || (code !== 0 ? 1 : 0) };
});
await step('build', async () => single((await run(process.execPath, ['scripts/build.mjs'])).code));
const integration = (host) => async () => {
  const resultFile = join(root, `out/test/integration-result${host === 'web' ? '-web' : ''}.json`);
  rmSync(resultFile, { force: true });
  const { code } = await run(process.execPath, ['test/runner/code-server.mjs', '--host', host]);
  try {
    const r = JSON.parse(readFileSync(resultFile, 'utf8'));
    return { passed: r.passed, failed: r.failed || (code !== 0 ? 1 : 0) };
  } catch {
    return { passed: 0, failed: 1 };
  }
};
if (failed === 0 || process.env.IMPACT_HUBS_ALWAYS_INTEGRATE) {
  await step('integration (code-server, Node extension host)', integration('node'));
  await step('integration (code-server, web-worker extension host)', integration('web'));
} else {
  summary.push('integration (code-server, Node and web-worker hosts): skipped because an earlier step failed');
}

console.log('\n' + summary.join('\n'));
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
