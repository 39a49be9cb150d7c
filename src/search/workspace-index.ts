import { Shard, type SearchDoc, type SerializedShard } from './engine';
import type { Problem } from '../core/types';

/**
 * The index of the user's own documents. lunr indexes are immutable, so documents are spread over
 * small shards by a hash of their path: a changed file rebuilds only its shard (≈ SHARD_SIZE
 * documents), and a later window start reuses every shard whose files did not change.
 */
export const SHARD_SIZE = 48;
export const FORMAT_VERSION = 3;

export interface Entry {
  path: string;
  /** Change stamp from the file system (mtime and size); a different stamp means re-parse. */
  stamp: string;
  doc: SearchDoc;
  /** Problems found when the file was parsed (shown as diagnostics). */
  problems?: Problem[];
}

export interface PersistedIndex {
  version: number;
  shardCount: number;
  entries: Entry[];
  /** Serialised lunr shards, index-aligned with the shard numbers; null where dirty. */
  shards: (SerializedShard | null)[];
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

export class WorkspaceIndex {
  private entries = new Map<string, Entry>();
  private shards: (Shard | undefined)[] = [];
  private dirty = new Set<number>();
  private shardCount = 1;

  get size(): number {
    return this.entries.size;
  }

  entry(path: string): Entry | undefined {
    return this.entries.get(path);
  }

  paths(): string[] {
    return [...this.entries.keys()];
  }

  docs(): SearchDoc[] {
    return [...this.entries.values()].map((e) => e.doc);
  }

  private shardOf(path: string): number {
    return hash(path) % this.shardCount;
  }

  /** Chooses the shard count for n documents; re-buckets everything when it changes. */
  private resize(n: number): void {
    const want = Math.max(1, Math.ceil(n / SHARD_SIZE));
    // Only grow or shrink by a factor of two, so small edits never re-bucket the whole index.
    if (want > this.shardCount || want * 4 < this.shardCount) {
      this.shardCount = want;
      this.shards = new Array(want).fill(undefined);
      this.dirty = new Set(Array.from({ length: want }, (_, i) => i));
    }
  }

  /** Adds or replaces a document. Returns false when the stamp shows nothing changed. */
  upsert(entry: Entry): boolean {
    const old = this.entries.get(entry.path);
    if (old && old.stamp === entry.stamp) return false;
    this.entries.set(entry.path, entry);
    this.resize(this.entries.size);
    this.dirty.add(this.shardOf(entry.path));
    return true;
  }

  remove(path: string): boolean {
    if (!this.entries.delete(path)) return false;
    this.dirty.add(this.shardOf(path));
    return true;
  }

  /** Removes every entry whose path is not in `keep`. */
  retain(keep: Set<string>): number {
    let n = 0;
    for (const p of [...this.entries.keys()]) if (!keep.has(p) && this.remove(p)) n++;
    return n;
  }

  get dirtyShards(): number {
    return this.dirty.size;
  }

  /**
   * Rebuilds dirty shards. `onShard(done, total)` runs after each shard, so a caller can report
   * progress and yield to the event loop.
   */
  async rebuild(onShard?: (done: number, total: number) => void | Promise<void>): Promise<void> {
    const todo = [...this.dirty].sort((a, b) => a - b);
    const buckets = new Map<number, SearchDoc[]>();
    for (const i of todo) buckets.set(i, []);
    for (const e of this.entries.values()) {
      const b = buckets.get(this.shardOf(e.path));
      if (b) b.push(e.doc);
    }
    let done = 0;
    for (const i of todo) {
      const docs = buckets.get(i)!;
      this.shards[i] = docs.length ? Shard.build(docs) : undefined;
      this.dirty.delete(i);
      done++;
      await onShard?.(done, todo.length);
    }
  }


  /** The current shards (call rebuild() first to include recent changes). */
  currentShards(): Shard[] {
    return this.shards.filter((s): s is Shard => s !== undefined);
  }

  toJSON(): PersistedIndex {
    return {
      version: FORMAT_VERSION,
      shardCount: this.shardCount,
      entries: [...this.entries.values()],
      shards: this.shards.map((s, i) => (s && !this.dirty.has(i) ? s.toJSON() : null)),
    };
  }

  /** Restores a persisted index; a wrong version or a broken file gives an empty index. */
  static fromJSON(data: unknown): WorkspaceIndex {
    const idx = new WorkspaceIndex();
    const p = data as PersistedIndex;
    if (!p || p.version !== FORMAT_VERSION || !Array.isArray(p.entries) || !Array.isArray(p.shards)) return idx;
    idx.shardCount = Math.max(1, p.shardCount | 0);
    for (const e of p.entries) if (e && typeof e.path === 'string' && e.doc) idx.entries.set(e.path, e);
    idx.shards = new Array(idx.shardCount).fill(undefined);
    for (let i = 0; i < idx.shardCount; i++) {
      const s = p.shards[i];
      try {
        if (s) idx.shards[i] = Shard.load(s);
        else idx.dirty.add(i);
      } catch {
        idx.dirty.add(i);
      }
    }
    // Shards that should hold entries but were not saved are rebuilt.
    for (const e of idx.entries.values()) if (!idx.shards[idx.shardOf(e.path)]) idx.dirty.add(idx.shardOf(e.path));
    return idx;
  }
}
