import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

interface Layer {
  name: string;
  paths: string[];
  pure: boolean;
}
const LAYERS = (JSON.parse(fs.readFileSync(path.join(ROOT, 'src/layers.json'), 'utf8')) as { layers: Layer[] }).layers;

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

/** Matches `import … from 'vscode'`, `import('vscode')` and `require('vscode')`. */
export const VSCODE_IMPORT = /(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)['"]vscode['"]/;
/** Every module specifier in a source file (static, dynamic, require, side-effect and type imports). */
const SPECIFIER = /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;
const NODE_BUILTINS = new Set(['fs', 'path', 'os', 'url', 'util', 'child_process', 'crypto', 'events', 'stream', 'buffer', 'http', 'https', 'net', 'zlib', 'worker_threads', 'process', 'assert', 'timers']);

export function specifiers(source: string): string[] {
  return [...source.matchAll(SPECIFIER)].map((m) => m[1]);
}

function layerOf(rel: string): number {
  return LAYERS.findIndex((l) => l.paths.some((p) => rel === p || rel.startsWith(`${p}/`)));
}

function resolve(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), spec);
  for (const c of [`${base}.ts`, path.join(base, 'index.ts'), base]) if (fs.existsSync(c) && fs.statSync(c).isFile()) return c;
  return undefined;
}

/** Strongly connected components with more than one file (import circles), by Tarjan's algorithm. */
export function circles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(comp.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

function importGraph(): { graph: Map<string, string[]>; external: Map<string, string[]> } {
  const graph = new Map<string, string[]>();
  const external = new Map<string, string[]>();
  for (const file of tsFiles(path.join(ROOT, 'src'))) {
    const rel = path.relative(ROOT, file).split(path.sep).join('/');
    const specs = specifiers(fs.readFileSync(file, 'utf8'));
    graph.set(
      rel,
      specs.flatMap((s) => {
        const r = resolve(file, s);
        return r ? [path.relative(ROOT, r).split(path.sep).join('/')] : [];
      }),
    );
    external.set(rel, specs.filter((s) => !s.startsWith('.')));
  }
  return { graph, external };
}

describe('layers (src/layers.json)', () => {
  const { graph, external } = importGraph();

  it('every source file belongs to a layer', () => {
    assert.deepEqual([...graph.keys()].filter((f) => layerOf(f) < 0), []);
  });

  it('no file imports a higher layer', () => {
    const upward: string[] = [];
    for (const [from, tos] of graph) for (const to of tos) if (layerOf(to) > layerOf(from)) upward.push(`${from} → ${to}`);
    assert.deepEqual(upward, []);
  });

  it('the import graph has no circles', () => {
    assert.deepEqual(circles(graph), []);
  });

  for (const layer of LAYERS.filter((l) => l.pure && l.paths.some((p) => fs.existsSync(path.join(ROOT, p))))) {
    it(`${layer.paths.join(', ')} imports neither vscode nor Node built-ins (runs in the web worker)`, () => {
      const offenders = [...external].filter(([f]) => layerOf(f) === LAYERS.indexOf(layer)).flatMap(([f, specs]) => specs.filter((s) => s === 'vscode' || s.startsWith('node:') || NODE_BUILTINS.has(s)).map((s) => `${f}: ${s}`));
      assert.ok([...graph.keys()].some((f) => layerOf(f) === LAYERS.indexOf(layer)), `${layer.name} has files`);
      assert.deepEqual(offenders, []);
    });
  }

  it('the checks can fail: an upward import and a circle are detected', () => {
    assert.deepEqual(circles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]])), [['a', 'b', 'c']]);
    assert.deepEqual(circles(new Map([['a', ['b']], ['b', []]])), []);
    assert.ok(layerOf('src/features/search.ts') > layerOf('src/core/types.ts'));
    assert.deepEqual(specifiers(`import type { A } from '../views/x';\nconst v = require("vscode");\nimport './side';\nawait import('node:fs');`), ['../views/x', 'vscode', './side', 'node:fs']);
  });

  it('the import detector recognises every form of importing vscode', () => {
    for (const src of [`import * as vscode from 'vscode';`, `import { window } from "vscode";`, `const v = require('vscode');`, `await import('vscode')`, `import 'vscode';`]) {
      assert.match(src, VSCODE_IMPORT, src);
    }
    assert.doesNotMatch(`import { x } from './vscode-like';`, VSCODE_IMPORT);
  });
});
