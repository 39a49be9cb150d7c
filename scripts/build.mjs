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
  external: ['vscode'],
  // markdown-it's optional linkify/punycode deps resolve fine; nothing else is dynamic.
};

/**
 * The web extension (vscode.dev, github.dev, code-server's web worker): the same entry, bundled for
 * a browser worker. No Node APIs: gray-matter's `fs` require is never called (we pass text), and
 * its Buffer.from gets npm's buffer.
 */
const web = {
  ...common,
  platform: 'browser',
  target: 'es2022',
  define: { global: 'globalThis' },
  alias: { fs: join(root, 'scripts/shims/empty.js') },
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

const targets = [
  { ...common, entryPoints: { extension: join(root, 'src/extension.ts') }, outdir: join(root, 'dist') },
  { ...common, entryPoints: { cli: join(root, 'src/cli.ts') }, outdir: join(root, 'dist') },
  { ...web, entryPoints: { extension: join(root, 'src/extension.ts') }, outdir: join(root, 'dist/web') },
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
    external: ['vscode', 'node:child_process', 'node:fs', 'node:os', 'node:path'],
    entryPoints: { index: join(root, 'test/web/index.ts') },
    outdir: join(root, 'out/test/web'),
    alias: { ...web.alias, 'node:assert/strict': join(root, 'scripts/shims/assert-strict.js') },
    inject: [...web.inject, join(root, 'scripts/shims/process.js')],
  });
}

function compileKnowledge() {
  execFileSync(process.execPath, [join(root, 'dist/cli.js'), 'build-knowledge', join(root, 'knowledge'), join(root, 'dist')], { stdio: 'inherit' });
  // Snippets come from the same outlines as the templates (src/core/outlines.ts).
  execFileSync(process.execPath, [join(root, 'dist/cli.js'), 'build-snippets', join(root, 'dist/snippets/markdown.json')], { stdio: 'inherit' });
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
