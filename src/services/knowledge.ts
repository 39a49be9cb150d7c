import * as vscode from 'vscode';
import { BUNDLE_FILE, INDEX_FILE, readBundle, readIndex } from '../core/bundle-io';
import type { KnowledgeBundle } from '../core/kb';
import { keyOf, parseKey, slugOf } from '../core/keys';
import { parseKnowledgeDoc } from '../core/knowledge';
import type { DocKind, KnowledgeDoc, Problem } from '../core/types';
import { SearchEngine, toSearchDoc, type SearchDoc, type Shard } from '../search/engine';
import { OwnIndex } from '../search/own-index';

const INDEX_STORE = 'workspace-index.json';
/** Above this many files to parse, first indexing shows a progress notification. */
const NOTIFY_ABOVE = 40;
const MAX_FILE_BYTES = 2_000_000;

export interface IndexStats {
  files: number;
  parsed: number;
  reused: number;
  ms: number;
}

/**
 * Owns the knowledge base in the extension host: the bundled data (loaded lazily from dist/ on
 * first use, never at activation) and the user's own knowledge folders (indexed off the
 * activation path, persisted in workspace storage, kept current by a file watcher).
 */
export class KnowledgeService implements vscode.Disposable {
  private bundle?: KnowledgeBundle;
  private bundledShard?: Shard;
  private loading?: Promise<void>;
  private byKey = new Map<string, KnowledgeDoc>();
  private byPath = new Map<string, KnowledgeDoc>();
  readonly engine = new SearchEngine();
  private ws = new OwnIndex();
  private wsReady?: Promise<IndexStats>;
  private watchers: vscode.Disposable[] = [];
  private pending = new Map<string, NodeJS.Timeout>();
  private saveTimer?: NodeJS.Timeout;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  readonly diagnostics = vscode.languages.createDiagnosticCollection('impactHubs.knowledge');
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly context: vscode.ExtensionContext) {
    this.disposables.push(
      this.changed,
      this.diagnostics,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('impactHubs.knowledgeFolders')) void this.reindexWorkspace();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.reindexWorkspace()),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (this.isInKnowledgeFolder(d.uri)) this.schedule(d.uri, 0);
      }),
    );
  }

  /** Loads dist/knowledge.json and the prebuilt index once; later calls return at once. */
  ready(): Promise<void> {
    this.loading ??= this.loadBundled().catch((e: unknown) => {
      this.loading = undefined;
      throw e;
    });
    return this.loading;
  }

  private async loadBundled(): Promise<void> {
    const dist = vscode.Uri.joinPath(this.context.extensionUri, 'dist');
    const read = async (name: string): Promise<string> => {
      try {
        return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dist, name)));
      } catch {
        throw new Error(`The bundled knowledge base (${name}) is missing. Reinstall the extension, or run "npm run build" when developing.`);
      }
    };
    const [bundleText, indexText] = await Promise.all([read(BUNDLE_FILE), read(INDEX_FILE)]);
    this.bundle = readBundle(bundleText);
    this.bundledShard = readIndex(indexText);
    for (const d of this.bundle.docs) {
      this.byKey.set(keyOf(d), d);
      this.byPath.set(d.path, d);
    }
    this.updateEngine();
  }

  get bundled(): KnowledgeBundle | undefined {
    return this.bundle;
  }

  /** Bundled documents (workspace documents are read on demand: see `resolve`). */
  docs(): KnowledgeDoc[] {
    return this.bundle?.docs ?? [];
  }

  workspaceDocs(): SearchDoc[] {
    return this.ws.docs();
  }

  /** Bundled documents by kind and id; workspace documents by kind and id when no bundled one exists. */
  byRef(kind: DocKind, id: string): KnowledgeDoc | undefined {
    return this.byKey.get(`${kind}:${id}`);
  }

  workspaceRef(kind: DocKind, id: string): SearchDoc | undefined {
    return this.ws.docs().find((d) => d.kind === kind && d.id === id);
  }

  bundledByPath(path: string): KnowledgeDoc | undefined {
    return this.byPath.get(path);
  }

  /** Full document for a key; workspace documents are re-read from disk so the reader is current. */
  async resolve(key: string): Promise<KnowledgeDoc | undefined> {
    await this.ready();
    const bundled = this.byKey.get(key);
    if (bundled) return bundled;
    const parsed = parseKey(key);
    if (!parsed?.path) return undefined;
    return this.readWorkspaceDoc(vscode.Uri.parse(parsed.path));
  }

  private async readWorkspaceDoc(uri: vscode.Uri): Promise<KnowledgeDoc | undefined> {
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      return this.parseWorkspace(uri, text).doc;
    } catch {
      return undefined;
    }
  }

  private parseWorkspace(uri: vscode.Uri, text: string): { doc?: KnowledgeDoc; problems: Problem[] } {
    const name = uri.path.split('/').pop()!.replace(/\.md$/i, '');
    const fallbackId = slugOf(name) || 'untitled';
    return parseKnowledgeDoc(text, { path: uri.toString(), origin: 'workspace', fallbackId });
  }

  // ---------------------------------------------------------------- workspace knowledge folders

  /** The folders the user's own knowledge is read from (setting, or `knowledge/` when it exists). */
  async knowledgeFolders(): Promise<vscode.Uri[]> {
    const out: vscode.Uri[] = [];
    const missing: string[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const configured = vscode.workspace.getConfiguration('impactHubs', folder.uri).get<string[]>('knowledgeFolders') ?? [];
      const names = configured.length ? configured : ['knowledge'];
      for (const name of names) {
        if (typeof name !== 'string' || !name.trim()) continue;
        const uri = vscode.Uri.joinPath(folder.uri, name.trim());
        try {
          const stat = await vscode.workspace.fs.stat(uri);
          if (stat.type & vscode.FileType.Directory) out.push(uri);
        } catch {
          // A folder named in the setting that does not exist is reported in the My Knowledge view.
          if (configured.length) missing.push(name.trim());
        }
      }
    }
    this.missingFolders = missing;
    return out;
  }

  private folderUris: vscode.Uri[] = [];
  /** Folders listed in impactHubs.knowledgeFolders that do not exist. */
  missingFolders: string[] = [];

  isInKnowledgeFolder(uri: vscode.Uri): boolean {
    const s = uri.toString();
    return s.toLowerCase().endsWith('.md') && this.folderUris.some((f) => s.startsWith(f.toString() + '/'));
  }

  /** Indexes the workspace folders once (restoring the persisted index); later calls share it. */
  workspaceReady(): Promise<IndexStats> {
    this.wsReady ??= this.indexWorkspace(true);
    return this.wsReady;
  }

  /** Re-reads the knowledge folders after any indexing already under way (runs never overlap). */
  reindexWorkspace(): Promise<IndexStats> {
    const previous = this.wsReady ?? Promise.resolve(undefined);
    this.wsReady = previous.catch(() => undefined).then(() => this.indexWorkspace(!this.restored));
    return this.wsReady;
  }

  private restored = false;
  private failed = new Map<string, { stamp: string; problems: Problem[] }>();

  private async indexWorkspace(restore: boolean): Promise<IndexStats> {
    const started = Date.now();
    await this.ready();
    if (restore) {
      this.ws = await this.restore();
      this.restored = true;
    }
    this.folderUris = await this.knowledgeFolders();
    this.watch();
    const files: vscode.Uri[] = [];
    for (const folder of this.folderUris) {
      files.push(...(await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.md'), '**/node_modules/**', 20000)));
    }
    const keep = new Set(files.map((f) => f.toString()));
    this.ws.retain(keep);
    for (const k of [...this.failed.keys()]) if (!keep.has(k)) this.failed.delete(k);
    for (const key of this.diagnosticKeys()) if (!keep.has(key)) this.diagnostics.delete(vscode.Uri.parse(key));

    const stamps = await Promise.all(files.map((f) => this.stamp(f)));
    const known = (f: vscode.Uri) => this.ws.entry(f.toString())?.stamp ?? this.failed.get(f.toString())?.stamp;
    const toParse = files.filter((f, i) => known(f) !== stamps[i]);
    const stampOf = new Map(files.map((f, i) => [f.toString(), stamps[i]]));
    const run = async (report?: (done: number, total: number) => void) => {
      let done = 0;
      for (const f of toParse) {
        await this.indexFile(f, stampOf.get(f.toString())!, false);
        if (++done % 25 === 0) {
          report?.(done, toParse.length);
          // Let other work in the extension host run between batches.
          await new Promise((r) => setImmediate(r));
        }
      }
    };
    if (toParse.length > NOTIFY_ABOVE) {
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Impact Hubs: indexing your knowledge folders', cancellable: false },
        async (progress) => {
          let last = 0;
          await run((done, total) => {
            const pct = Math.floor((done / Math.max(1, total)) * 100);
            progress.report({ increment: pct - last, message: `${done} of ${total}` });
            last = pct;
          });
        },
      );
    } else {
      await run();
    }
    for (const f of files) {
      const problems = this.ws.entry(f.toString())?.problems ?? this.failed.get(f.toString())?.problems;
      if (problems) this.setDiagnostics(f, problems);
    }
    this.updateEngine();
    this.scheduleSave();
    return { files: files.length, parsed: toParse.length, reused: files.length - toParse.length, ms: Date.now() - started };
  }

  private async stamp(uri: vscode.Uri): Promise<string> {
    try {
      const s = await vscode.workspace.fs.stat(uri);
      return `${s.mtime}:${s.size}`;
    } catch {
      return 'missing';
    }
  }

  /**
   * Parses one file into the own index. A file that cannot be used (unreadable, too large, bad
   * front matter) is remembered with its stamp and problems, so it is not re-read until it changes.
   * `single` is true for one changed file (outside a full indexing run, which sets diagnostics and
   * updates the engine once at the end).
   */
  private async indexFile(uri: vscode.Uri, stamp: string, single: boolean): Promise<void> {
    const path = uri.toString();
    let doc: KnowledgeDoc | undefined;
    let problems: Problem[];
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (bytes.byteLength > MAX_FILE_BYTES) {
        problems = [{ file: path, line: 1, message: `This file is ${(bytes.byteLength / 1e6).toFixed(1)} MB; Impact Hubs indexes knowledge documents up to 2 MB. Split it into smaller documents.`, severity: 'warning' }];
      } else {
        ({ doc, problems } = this.parseWorkspace(uri, new TextDecoder().decode(bytes)));
      }
    } catch {
      problems = [];
    }
    if (doc) {
      this.failed.delete(path);
      this.ws.upsert({ path, stamp, doc: toSearchDoc(doc), problems });
    } else {
      this.failed.set(path, { stamp, problems });
      this.ws.remove(path);
    }
    if (single) {
      this.setDiagnostics(uri, problems);
      this.updateEngine();
      this.scheduleSave();
    }
  }

  private diagnosticKeys(): string[] {
    const keys: string[] = [];
    this.diagnostics.forEach((uri) => keys.push(uri.toString()));
    return keys;
  }

  private setDiagnostics(uri: vscode.Uri, problems: Problem[]): void {
    this.diagnostics.set(
      uri,
      problems.map((p) => {
        const line = Math.max(0, p.line - 1);
        const d = new vscode.Diagnostic(
          new vscode.Range(line, 0, line, 1000),
          p.field ? `${p.field}: ${p.message}` : p.message,
          p.severity === 'error' ? vscode.DiagnosticSeverity.Error : p.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information,
        );
        d.source = 'Impact Hubs';
        d.code = p.code;
        return d;
      }),
    );
  }

  private watch(): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    for (const folder of this.folderUris) {
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*.md'));
      w.onDidCreate((u) => this.schedule(u, 50));
      w.onDidChange((u) => this.schedule(u, 50));
      w.onDidDelete((u) => {
        if (this.failed.delete(u.toString())) this.diagnostics.delete(u);
        if (this.ws.remove(u.toString())) {
          this.diagnostics.delete(u);
          this.updateEngine();
          this.scheduleSave();
        }
      });
      this.watchers.push(w);
    }
  }

  /** Re-indexes one file soon (debounced per file). */
  private schedule(uri: vscode.Uri, delay: number): void {
    const key = uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        void this.stamp(uri).then((s) => (s === 'missing' ? undefined : this.indexFile(uri, s, true)));
      }, delay),
    );
  }

  private updateEngine(): void {
    this.engine.setShards(this.bundledShard ? [this.bundledShard] : []);
    this.engine.setOwn(this.ws);
    this.changed.fire();
  }

  // ---------------------------------------------------------------- persistence

  private storeUri(): vscode.Uri | undefined {
    return this.context.storageUri ? vscode.Uri.joinPath(this.context.storageUri, INDEX_STORE) : undefined;
  }

  private async restore(): Promise<OwnIndex> {
    const uri = this.storeUri();
    if (!uri) return new OwnIndex();
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      return OwnIndex.fromJSON(JSON.parse(text));
    } catch {
      return new OwnIndex();
    }
  }

  private scheduleSave(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.save(), 1500);
  }

  /** Writes the workspace index to the extension's workspace storage. */
  async save(): Promise<void> {
    clearTimeout(this.saveTimer);
    const uri = this.storeUri();
    if (!uri || !this.context.storageUri) return;
    try {
      await vscode.workspace.fs.createDirectory(this.context.storageUri);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(this.ws.toJSON())));
    } catch {
      // Persistence is an optimisation; the index is rebuilt next time.
    }
  }

  dispose(): void {
    clearTimeout(this.saveTimer);
    for (const t of this.pending.values()) clearTimeout(t);
    for (const w of this.watchers) w.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
