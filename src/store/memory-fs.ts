import type { Disposable } from '../core/events';
import { trimTrailingSlashes } from '../core/scan';
import type { DirEntry, FileChange, FileInfo, FileSystemPort, StoragePort } from './ports';

interface Node {
  type: 'file' | 'directory' | 'other';
  data?: Uint8Array;
  mtime: number;
  /** For a symbolic link: the URI it points to. */
  link?: string;
}

/**
 * An in-memory file system for unit tests: files, folders, symbolic links and "other" entries
 * (devices, pipes), with change events like a file watcher's.
 */
export class MemoryFs implements FileSystemPort {
  private nodes = new Map<string, Node>();
  private clock = 1;
  private watchers = new Set<{ folder: string; listener: (c: FileChange) => void }>();
  /** URIs whose read fails (permission denied). */
  readonly unreadable = new Set<string>();
  reads = 0;

  constructor(readonly root = 'mem:///ws') {
    this.nodes.set(root, { type: 'directory', mtime: 0 });
  }

  join(folder: string, ...segments: string[]): string {
    return [trimTrailingSlashes(folder), ...segments].join('/');
  }

  private ensureParents(uri: string): void {
    const parts = uri.slice(this.root.length + 1).split('/');
    let cur = this.root;
    for (const p of parts.slice(0, -1)) {
      cur = `${cur}/${p}`;
      if (!this.nodes.has(cur)) this.nodes.set(cur, { type: 'directory', mtime: 0 });
    }
  }

  /** Writes a file (path relative to the root); fires a change event. */
  write(path: string, text: string | Uint8Array): string {
    const uri = `${this.root}/${path}`;
    const existed = this.nodes.has(uri);
    this.ensureParents(uri);
    this.nodes.set(uri, { type: 'file', data: typeof text === 'string' ? new TextEncoder().encode(text) : text, mtime: this.clock++ });
    this.emit({ type: existed ? 'changed' : 'created', uri });
    return uri;
  }

  mkdir(path: string): string {
    const uri = `${this.root}/${path}`;
    this.ensureParents(`${uri}/x`);
    return uri;
  }

  delete(path: string): void {
    const uri = `${this.root}/${path}`;
    for (const k of [...this.nodes.keys()]) if (k === uri || k.startsWith(`${uri}/`)) this.nodes.delete(k);
    this.emit({ type: 'deleted', uri });
  }

  /** A symbolic link at `path` pointing to `target` (a URI, possibly outside the root). */
  symlink(path: string, target: string): string {
    const uri = `${this.root}/${path}`;
    this.ensureParents(uri);
    this.nodes.set(uri, { type: 'other', mtime: this.clock++, link: target });
    return uri;
  }

  /** A device, pipe or socket at `path`. */
  special(path: string): string {
    const uri = `${this.root}/${path}`;
    this.ensureParents(uri);
    this.nodes.set(uri, { type: 'other', mtime: this.clock++ });
    return uri;
  }

  private target(uri: string): Node | undefined {
    let n = this.nodes.get(uri);
    for (let hops = 0; n?.link && hops < 8; hops++) n = this.nodes.get(n.link);
    return n?.link ? undefined : n;
  }

  async list(folder: string): Promise<DirEntry[]> {
    const dir = this.target(folder);
    if (!dir || dir.type !== 'directory') throw new Error(`not a folder: ${folder}`);
    if (this.unreadable.has(folder)) throw new Error(`EACCES: ${folder}`);
    const prefix = `${trimTrailingSlashes(folder)}/`;
    const out: DirEntry[] = [];
    for (const [uri, node] of this.nodes) {
      if (!uri.startsWith(prefix) || uri.slice(prefix.length).includes('/')) continue;
      const t = node.link ? this.target(uri) : node;
      out.push({ uri, name: uri.slice(prefix.length), type: t?.type ?? 'other', symlink: !!node.link });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  async stat(uri: string): Promise<FileInfo | undefined> {
    const node = this.nodes.get(uri);
    if (!node) return undefined;
    const t = node.link ? this.target(uri) : node;
    return { type: t?.type ?? 'other', symlink: !!node.link, size: t?.data?.byteLength ?? 0, mtime: t?.mtime ?? node.mtime };
  }

  async read(uri: string): Promise<Uint8Array> {
    this.reads++;
    if (this.unreadable.has(uri)) throw new Error(`EACCES: permission denied, open '${uri}'`);
    const t = this.target(uri);
    if (!t || t.type !== 'file' || !t.data) throw new Error(`ENOENT: ${uri}`);
    return t.data;
  }

  async realUri(uri: string): Promise<string | undefined> {
    let cur = uri;
    for (let hops = 0; hops < 8; hops++) {
      const n = this.nodes.get(cur);
      if (!n?.link) return n ? cur : undefined;
      cur = n.link;
    }
    return undefined;
  }

  watch(folder: string, listener: (c: FileChange) => void): Disposable {
    const w = { folder, listener };
    this.watchers.add(w);
    return { dispose: () => this.watchers.delete(w) };
  }

  private emit(change: FileChange): void {
    for (const w of this.watchers) if (change.uri.startsWith(`${w.folder}/`) && /\.md$/i.test(change.uri)) w.listener(change);
  }
}

export class MemoryStorage implements StoragePort {
  readonly data = new Map<string, string>();
  async read(name: string): Promise<string | undefined> {
    return this.data.get(name);
  }
  async write(name: string, text: string): Promise<void> {
    this.data.set(name, text);
  }
}
