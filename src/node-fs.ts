import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SourceFile } from './core/kb';
import { EMPTY_POLICY, parseAuditPending, parseCitationPolicy, type AuditPending, type CitationPolicy } from './core/kb-audit';

export const POLICY_FILE = 'citation-policy.json';
export const PENDING_FILE = 'audit-pending.json';

/**
 * Reads `<root>/citation-policy.json` (blocked hosts, document mirrors, permitted host rewrites).
 * A knowledge folder without one gets the empty policy; a malformed one throws with the reason.
 */
export function readCitationPolicy(root: string): CitationPolicy {
  const file = path.join(root, POLICY_FILE);
  if (!fs.existsSync(file)) return EMPTY_POLICY;
  try {
    return parseCitationPolicy(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch (e) {
    throw new Error(`${file}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

/** Reads `<root>/audit-pending.json` (files whose audit errors are warnings for now); none when absent. */
export function readAuditPending(root: string): AuditPending {
  const file = path.join(root, PENDING_FILE);
  if (!fs.existsSync(file)) return {};
  try {
    return parseAuditPending(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch (e) {
    throw new Error(`${file}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

/** Node file-system helpers shared by the CLI and the build (not used by src/core). */
export function readMarkdownTree(root: string): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && e.name.toLowerCase().endsWith('.md')) {
        out.push({ path: path.relative(root, full).split(path.sep).join('/'), text: fs.readFileSync(full, 'utf8') });
      }
    }
  };
  walk(root);
  return out;
}
