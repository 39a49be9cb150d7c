// Validates knowledge documents: node scripts/check-knowledge.mjs [FILE ...]
// Runs the same core as the build (src/cli.ts check-knowledge) through tsx, no build needed.
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli.ts'), 'check-knowledge', ...process.argv.slice(2)], {
  stdio: 'inherit',
  cwd: process.cwd(),
});
process.exit(r.status ?? 1);
