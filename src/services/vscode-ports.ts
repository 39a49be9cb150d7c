import * as vscode from 'vscode';
import type { Disposable } from '../core/events';
import type { BundleSource, DirEntry, EntryType, FileChange, FileInfo, FileSystemPort, StoragePort } from '../store/ports';

const typeOf = (t: vscode.FileType): EntryType => (t & vscode.FileType.Directory ? 'directory' : t & vscode.FileType.File ? 'file' : 'other');

/**
 * `vscode.workspace.fs` behind the store's file-system port: the same code reads local folders
 * (desktop), remote ones and virtual ones (vscode.dev, github.dev). It cannot tell where a link
 * points, so the store never follows links here.
 */
export class VscodeFs implements FileSystemPort {
  join(folder: string, ...segments: string[]): string {
    return vscode.Uri.joinPath(vscode.Uri.parse(folder), ...segments).toString();
  }

  async list(folder: string): Promise<DirEntry[]> {
    const base = vscode.Uri.parse(folder);
    const entries = await vscode.workspace.fs.readDirectory(base);
    return entries.map(([name, t]) => ({ uri: vscode.Uri.joinPath(base, name).toString(), name, type: typeOf(t), symlink: (t & vscode.FileType.SymbolicLink) !== 0 }));
  }

  async stat(uri: string): Promise<FileInfo | undefined> {
    try {
      const s = await vscode.workspace.fs.stat(vscode.Uri.parse(uri));
      return { type: typeOf(s.type), symlink: (s.type & vscode.FileType.SymbolicLink) !== 0, size: s.size, mtime: s.mtime };
    } catch {
      return undefined;
    }
  }

  async read(uri: string): Promise<Uint8Array> {
    return vscode.workspace.fs.readFile(vscode.Uri.parse(uri));
  }

  watch(folder: string, listener: (change: FileChange) => void): Disposable {
    const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.parse(folder), '**/*.md'));
    w.onDidCreate((u) => listener({ type: 'created', uri: u.toString() }));
    w.onDidChange((u) => listener({ type: 'changed', uri: u.toString() }));
    w.onDidDelete((u) => listener({ type: 'deleted', uri: u.toString() }));
    return w;
  }
}

/** The extension's workspace storage folder (per workspace; absent in an empty window). */
export class VscodeStorage implements StoragePort {
  constructor(private readonly folder: vscode.Uri | undefined) {}

  async read(name: string): Promise<string | undefined> {
    if (!this.folder) return undefined;
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.folder, name)));
    } catch {
      return undefined;
    }
  }

  async write(name: string, text: string): Promise<void> {
    if (!this.folder) return;
    await vscode.workspace.fs.createDirectory(this.folder);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(this.folder, name), new TextEncoder().encode(text));
  }
}

/**
 * Reads a file shipped with the extension. `workspace.fs` reads it in the desktop and remote
 * hosts; in vscode.dev the extension is served over https, which `fetch` reads.
 */
export async function readExtensionFile(uri: vscode.Uri): Promise<string> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch (e) {
    if (uri.scheme === 'http' || uri.scheme === 'https') {
      const res = await fetch(uri.toString(true));
      if (res.ok) return res.text();
    }
    throw e;
  }
}

export function extensionBundle(extensionUri: vscode.Uri, files: { knowledge: string; index: string }): BundleSource {
  return async () => {
    const read = async (name: string) => {
      try {
        return await readExtensionFile(vscode.Uri.joinPath(extensionUri, 'dist', name));
      } catch {
        throw new Error(`The bundled knowledge base (${name}) is missing. Reinstall the extension, or run "npm run build" when developing.`);
      }
    };
    const [knowledge, index] = await Promise.all([read(files.knowledge), read(files.index)]);
    return { knowledge, index };
  };
}

/**
 * Creates a file that must not exist yet, in one step: a WorkspaceEdit `createFile` with
 * `overwrite: false, ignoreIfExists: false` fails when anything is already there (no gap between a
 * check and a write in which another file could appear), and the creation can be undone. Returns
 * whether the file was created.
 */
export async function createNewFile(uri: vscode.Uri, text: string): Promise<boolean> {
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(uri, { overwrite: false, ignoreIfExists: false, contents: new TextEncoder().encode(text) });
  try {
    return await vscode.workspace.applyEdit(edit);
  } catch {
    return false;
  }
}

/** Whether anything exists at a URI. */
export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes a file the user chose; never replaces an existing one without a confirmation (or
 * `replace: true` from a caller that already asked).
 */
export async function writeChosen(uri: vscode.Uri, bytes: Uint8Array, replace: boolean | undefined): Promise<boolean> {
  if (await exists(uri)) {
    const name = vscode.workspace.asRelativePath(uri);
    const ok = replace ?? (await vscode.window.showWarningMessage(`${name} already exists. Replace it?`, { modal: true }, 'Replace')) === 'Replace';
    if (!ok) {
      void vscode.window.showInformationMessage(`Impact Hubs: ${name} was left unchanged.`);
      return false;
    }
  }
  await vscode.workspace.fs.writeFile(uri, bytes);
  return true;
}
