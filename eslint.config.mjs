// @ts-check
import { readFileSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import regexp from 'eslint-plugin-regexp';
import impactHubs from './scripts/eslint-rules/no-rescan-regex.mjs';

/** src/layers.json: each layer may import only its own and lower layers (test/unit/layers.test.ts checks it too). */
const { layers } = JSON.parse(readFileSync(new URL('./src/layers.json', import.meta.url), 'utf8'));
const NODE_BUILTINS = ['fs', 'path', 'os', 'url', 'util', 'child_process', 'crypto', 'events', 'stream', 'buffer', 'http', 'https', 'net', 'zlib', 'worker_threads', 'process', 'assert', 'timers'];
/** Import patterns that reach a layer's files from anywhere in src/ (relative specifiers). */
const reach = (p) => {
  const name = p.replace(/^src\//, '').replace(/\.ts$/, '');
  return name.includes('/') || !p.endsWith('.ts') ? [`**/${name}`, `**/${name}/**`] : [`**/${name}`];
};
const layerRules = layers.map((layer, i) => {
  const higher = layers.slice(i + 1);
  const patterns = higher.length ? [{ group: higher.flatMap((h) => h.paths.flatMap(reach)), message: `${layer.name} may not import a higher layer (src/layers.json).` }] : [];
  const paths = layer.pure ? ['vscode', ...NODE_BUILTINS].map((name) => ({ name, message: `${layer.name} is pure: no vscode and no Node built-ins (it runs in the web worker too).` })) : [];
  if (layer.pure) patterns.push({ group: ['node:*'], message: `${layer.name} is pure: no Node built-ins.` });
  return {
    files: layer.paths.map((p) => (p.endsWith('.ts') ? p : `${p}/**/*.ts`)),
    rules: { 'no-restricted-imports': ['error', { paths, patterns }] },
  };
});

/** The regex-complexity rules (eslint-plugin-regexp, whose analysis is scslre's). Exported for the self-test. */
export const REGEX_SAFETY = {
  'regexp/no-super-linear-backtracking': ['error', { report: 'potential' }],
  'regexp/no-super-linear-move': ['error', { report: 'potential', ignoreSticky: false, ignorePartial: false }],
  'impact-hubs/no-rescan-regex': 'error',
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', '.cache/**', 'node_modules/**', '.vscode-test/**', 'media/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      curly: ['error', 'multi-line'],
      'no-restricted-imports': 'off',
    },
  },
  ...layerRules,
  {
    // Text scanning is linear-time: no regex whose quantifiers can trade characters (nested or
    // adjacent quantifiers over the same characters: polynomial backtracking), and none that rescans
    // the rest of the text from every start position (quadratic moves). test/unit/regex-safety.test.ts
    // proves the rules catch the patterns that once froze the extension.
    files: ['src/**/*.ts'],
    plugins: { regexp, 'impact-hubs': impactHubs },
    rules: REGEX_SAFETY,
  },
  {
    // Browser shims for the web bundles (CommonJS, bundled by esbuild).
    files: ['scripts/shims/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', TextEncoder: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['scripts/**/*.mjs', 'test/runner/**/*.mjs', 'eslint.config.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', fetch: 'readonly', setInterval: 'readonly', clearInterval: 'readonly' } },
  },
);
