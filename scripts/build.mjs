// Builds the extension, the CLI and the integration suite with esbuild, then compiles knowledge/
// into dist/knowledge.json + dist/search-index.json (prebuilt lunr index) with the CLI itself.
//   node scripts/build.mjs [--production] [--watch] [--knowledge-only]
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const production = args.has('--production');

function listTs(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listTs(full));
    else if (name.endsWith('.ts')) out.push(full);
  }
  return out;
}

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  // @resvg/resvg-js (PNG export) is a native module: loaded at run time in Node, never bundled.
  external: ['vscode', '@resvg/resvg-js'],
  // markdown-it's optional linkify/punycode deps resolve fine; nothing else is dynamic.
  // gray-matter's default YAML engine is never used (we pass our own engines).
  alias: { 'js-yaml': join(root, 'scripts/shims/js-yaml.js') },
};

/**
 * The extension bundle, built for a browser worker (vscode.dev, github.dev, code-server's web
 * worker). No Node APIs: gray-matter's `fs` require is never called (we pass text), and its
 * Buffer.from gets a TextEncoder copy.
 */
/**
 * Node-only modules that the web bundle keeps as never-taken `require`s: the Node host's PDF
 * renderer (src/platform/chromium-pdf.ts) is loaded lazily, and only where `process.versions.node`
 * exists, so the worker never evaluates them.
 */
const nodeOnly = ['node:child_process', 'node:fs', 'node:os', 'node:path', 'node:url'];

const web = {
  ...common,
  // The PNG rasteriser too: src/platform/png.ts requires it only where Node runs.
  external: ['vscode', '@resvg/resvg-js', ...nodeOnly],
  platform: 'browser',
  target: 'es2022',
  define: { global: 'globalThis' },
  alias: { ...common.alias, fs: join(root, 'scripts/shims/empty.js') },
  inject: [join(root, 'scripts/shims/buffer.js')],
};

/**
 * mocha's browser build is UMD: inside a CommonJS bundle it would assign itself to the bundle's
 * module.exports (replacing our run()). Loaded with module/exports/define hidden, it sets
 * globalThis.mocha, as in a page.
 */
const mochaAsGlobal = {
  name: 'mocha-as-global',
  setup(build) {
    build.onLoad({ filter: /[\\/]mocha[\\/]mocha\.js$/ }, async (args) => ({
      contents: `(function (module, exports, define) {\n${readFileSync(args.path, 'utf8')}\n}).call(globalThis);`,
      loader: 'js',
    }));
  },
};

/**
 * One extension bundle for both hosts (package.json `main` and `browser`): the extension reaches
 * Node only through the lazily required modules above, so the web build runs in the desktop's Node
 * host as well. Shipping it once keeps the VSIX small, and both hosts' tests run the same file.
 */
const targets = [
  { ...web, entryPoints: { extension: join(root, 'src/extension.ts') }, outdir: join(root, 'dist') },
  { ...common, entryPoints: { cli: join(root, 'src/cli.ts') }, outdir: join(root, 'dist') },
];
if (!production) {
  targets.push({
    ...common,
    entryPoints: listTs(join(root, 'test/integration')),
    outdir: join(root, 'out/test/integration'),
    external: ['vscode', 'mocha'],
  });
  // The same suite for the web worker: mocha's browser build, npm assert and process shims.
  targets.push({
    ...web,
    plugins: [mochaAsGlobal],
    // Required only by tests that skip themselves in the worker.
    external: ['vscode', ...nodeOnly],
    entryPoints: { index: join(root, 'test/web/index.ts') },
    outdir: join(root, 'out/test/web'),
    alias: { ...web.alias, 'node:assert/strict': join(root, 'scripts/shims/assert-strict.js') },
    inject: [...web.inject, join(root, 'scripts/shims/process.js')],
  });
}

function compileKnowledge() {
  execFileSync(process.execPath, [join(root, 'dist/cli.js'), 'build-knowledge', join(root, 'knowledge'), join(root, 'dist')], { stdio: 'inherit' });
}

if (args.has('--knowledge-only')) {
  await esbuild.build(targets[1]); // the CLI compiles the knowledge base
  compileKnowledge();
} else if (args.has('--watch')) {
  for (const t of targets) {
    const ctx = await esbuild.context(t);
    await ctx.watch();
  }
  compileKnowledge();
  console.log('watching src/ and test/integration/ (knowledge/ changes need: npm run build:knowledge)');
} else {
  rmSync(join(root, 'out'), { recursive: true, force: true });
  await Promise.all(targets.map((t) => esbuild.build(t)));
  compileKnowledge();
}
