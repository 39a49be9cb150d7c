import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SourceFile } from '../core/kb';
import { EMPTY_POLICY, parseAuditPending, parseCitationPolicy, type AuditPending, type CitationPolicy } from '../core/kb-audit';
import type { Disposable } from '../core/events';
import type { DirEntry, EntryType, FileChange, FileInfo, FileSystemPort } from '../store/ports';

/** Node's fs behind the store's file-system port (the CLI; never used by the extension). */
export class NodeFs implements FileSystemPort {
  join(folder: string, ...segments: string[]): string {
    return pathToFileURL(path.join(fileURLToPath(folder), ...segments)).toString();
  }

  async list(folder: string): Promise<DirEntry[]> {
    const dir = fileURLToPath(folder);
    const entries = await fs.promises.readdir(dir, { withFileTypes: true });
    const out: DirEntry[] = [];
    for (const e of entries) {
      const full = path.join(dir, e.name);
      const symlink = e.isSymbolicLink();
      let type: EntryType = e.isDirectory() ? 'directory' : e.isFile() ? 'file' : 'other';
      if (symlink) type = typeOf(await fs.promises.stat(full).catch(() => undefined));
      out.push({ uri: pathToFileURL(full).toString(), name: e.name, type, symlink });
    }
    return out;
  }

  async stat(uri: string): Promise<FileInfo | undefined> {
    const p = fileURLToPath(uri);
    const l = await fs.promises.lstat(p).catch(() => undefined);
    if (!l) return undefined;
    const s = l.isSymbolicLink() ? await fs.promises.stat(p).catch(() => undefined) : l;
    return { type: typeOf(s), symlink: l.isSymbolicLink(), size: s?.size ?? 0, mtime: s?.mtimeMs ?? 0 };
  }

  async read(uri: string): Promise<Uint8Array> {
    return fs.promises.readFile(fileURLToPath(uri));
  }

  async realUri(uri: string): Promise<string | undefined> {
    try {
      return pathToFileURL(await fs.promises.realpath(fileURLToPath(uri))).toString();
    } catch {
      return undefined;
    }
  }

  watch(folder: string, listener: (change: FileChange) => void): Disposable {
    const dir = fileURLToPath(folder);
    let w: fs.FSWatcher | undefined;
    try {
      w = fs.watch(dir, { recursive: true }, (_event, name) => {
        if (!name || !String(name).toLowerCase().endsWith('.md')) return;
        const full = path.join(dir, String(name));
        listener({ type: fs.existsSync(full) ? 'changed' : 'deleted', uri: pathToFileURL(full).toString() });
      });
    } catch {
      w = undefined;
    }
    return { dispose: () => w?.close() };
  }
}

function typeOf(s: fs.Stats | undefined): EntryType {
  return !s ? 'other' : s.isDirectory() ? 'directory' : s.isFile() ? 'file' : 'other';
}

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

/** A file or folder path → file URI. */
export function toFileUri(p: string): string {
  return pathToFileURL(path.resolve(p)).toString();
}

/** A file URI → a path relative to the current folder (for messages). */
export function displayPath(uri: string): string {
  try {
    return path.relative(process.cwd(), fileURLToPath(uri)) || '.';
  } catch {
    return uri;
  }
}

/**
 * Every Markdown file under a folder, as text with its path relative to the folder (the bundled
 * knowledge base build and its checks). Links are not followed.
 */
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
