/**
 * Ports: what the knowledge store needs from its host. One implementation on
 * `vscode.workspace.fs` (desktop and web), one on Node's `fs` (the CLI), one in memory (tests).
 * Locations are URI strings (`file:///…`, `vscode-vfs://…`); the store never builds them itself
 * except by appending a child name to a folder it was given.
 */
import type { Disposable } from '../core/events';

export type EntryType = 'file' | 'directory' | 'other';

export interface DirEntry {
  uri: string;
  name: string;
  /** What the entry is (for a symbolic link: what it points to; `other` when broken). */
  type: EntryType;
  symlink: boolean;
}

export interface FileInfo {
  type: EntryType;
  symlink: boolean;
  size: number;
  mtime: number;
}

export interface FileChange {
  type: 'created' | 'changed' | 'deleted';
  uri: string;
}

export interface FileSystemPort {
  /** The URI of a path relative to a folder (segments are plain names, never `..`). */
  join(folder: string, ...segments: string[]): string;
  list(folder: string): Promise<DirEntry[]>;
  /** undefined when nothing is there. */
  stat(uri: string): Promise<FileInfo | undefined>;
  read(uri: string): Promise<Uint8Array>;
  /**
   * Where a symbolic link really points, as a URI, when the platform can tell (Node). Without it,
   * links are never followed.
   */
  realUri?(uri: string): Promise<string | undefined>;
  /** Reports changes to Markdown files under a folder. */
  watch?(folder: string, listener: (change: FileChange) => void): Disposable;
}

/** Small persistent key → text storage (the extension's workspace storage). */
export interface StoragePort {
  read(name: string): Promise<string | undefined>;
  write(name: string, text: string): Promise<void>;
}

/** The compiled knowledge base (dist/knowledge.json and dist/search-index.json) as text. */
export type BundleSource = () => Promise<{ knowledge: string; index: string }>;
