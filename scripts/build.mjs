// Builds the extension, the CLI and the integration suite with esbuild, then compiles knowledge/
// into dist/knowledge.json + dist/search-index.json (prebuilt lunr index) with the CLI itself.
//   node scripts/build.mjs [--production] [--watch] [--knowledge-only]
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
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

const targets = [
  { ...common, entryPoints: { extension: join(root, 'src/extension.ts') }, outdir: join(root, 'dist') },
  { ...common, entryPoints: { cli: join(root, 'src/cli.ts') }, outdir: join(root, 'dist') },
];
if (!production) {
  targets.push({
    ...common,
    entryPoints: listTs(join(root, 'test/integration')),
    outdir: join(root, 'out/test/integration'),
    external: ['vscode', 'mocha'],
  });
}

function compileKnowledge() {
  execFileSync(process.execPath, [join(root, 'dist/cli.js'), 'build-knowledge', join(root, 'knowledge'), join(root, 'dist')], { stdio: 'inherit' });
  // Snippets come from the same outlines as the templates (src/core/outlines.ts).
  execFileSync(process.execPath, [join(root, 'dist/cli.js'), 'build-snippets', join(root, 'dist/snippets/markdown.json')], { stdio: 'inherit' });
}

if (args.has('--knowledge-only')) {
  await esbuild.build(targets[1]);
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
