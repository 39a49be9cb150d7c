// npm run package: the production build, then the VSIX with @vscode/vsce. Its details page (the
// Extensions view) is docs/details-page.md, written for policy writers, not the repository README
// (which starts with developer set-up). Its pictures are not in the VSIX: relative links are
// rewritten to the repository named in package.json (docs/ → <repository>/raw/HEAD/docs/…).
// Prints the VSIX's size; the target is at most 1 MB.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './code-server.mjs';

export const DETAILS_PAGE = 'docs/details-page.md';
export const VSIX = 'impact-hubs.vsix';

/** Raw and page URLs of the repository's docs/ folder, from package.json's repository. */
export function repositoryBase(pkg) {
  const url = String(typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url ?? '').replace(/^git\+/, '').replace(/\.git$/, '');
  return { images: `${url}/raw/HEAD/docs/`, content: `${url}/blob/HEAD/docs/` };
}

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const base = repositoryBase(pkg);
run(process.execPath, ['scripts/build.mjs', '--production']);
run(join(ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--readme-path', DETAILS_PAGE, '--baseImagesUrl', base.images, '--baseContentUrl', base.content, '-o', VSIX]);
const size = statSync(join(ROOT, VSIX)).size;
console.log(`${VSIX}: ${(size / 1e6).toFixed(2)} MB (${size} bytes; target ≤ 1 MB)`);
