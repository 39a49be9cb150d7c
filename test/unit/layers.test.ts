import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

/** Matches `import … from 'vscode'`, `import('vscode')` and `require('vscode')`. */
export const VSCODE_IMPORT = /(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)['"]vscode['"]/;

describe('layers (DESIGN.md §1)', () => {
  for (const layer of ['src/core', 'src/search']) {
    it(`${layer} never imports vscode`, () => {
      const files = tsFiles(path.join(ROOT, layer));
      assert.ok(files.length > 0, `${layer} has no files`);
      const offenders = files.filter((f) => VSCODE_IMPORT.test(fs.readFileSync(f, 'utf8')));
      assert.deepEqual(offenders.map((f) => path.relative(ROOT, f)), []);
    });
  }

  it('the import detector recognises every form of importing vscode', () => {
    for (const src of [`import * as vscode from 'vscode';`, `import { window } from "vscode";`, `const v = require('vscode');`, `await import('vscode')`, `import 'vscode';`]) {
      assert.match(src, VSCODE_IMPORT, src);
    }
    assert.doesNotMatch(`import { x } from './vscode-like';`, VSCODE_IMPORT);
  });
});
