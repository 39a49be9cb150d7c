import * as vscode from 'vscode';
import type { KnowledgeBundle } from '../core/kb';
import type { DocKind, KnowledgeDoc } from '../core/types';
import type { SearchDoc } from '../search/doc';
import type { SearchEngine } from '../search/engine';
import { BUNDLE_FILE, INDEX_FILE } from '../store/bundle';
import { resolveKnowledgeFolders, type FolderProblem } from '../store/folders';
import { KnowledgeStore, type IndexStats, type SkippedItem } from '../store/knowledge-store';
import { VscodeFs, VscodeStorage, extensionBundle } from './vscode-ports';

export type { IndexStats } from '../store/knowledge-store';

/** Above this many files to parse, indexing shows a progress notification. */
const NOTIFY_ABOVE = 40;

/**
 * The knowledge store in the extension host: thin glue between VS Code (settings, workspace
 * folders, saves, progress, diagnostics, storage location) and the pure KnowledgeStore, which
 * the CLI uses too.
 */
export class KnowledgeService implements vscode.Disposable {
  readonly store: KnowledgeStore;
  private readonly fs = new VscodeFs();
  private wsReady?: Promise<IndexStats>;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the bundle loads and whenever own documents change. */
  readonly onDidChange = this.changed.event;
  /** Folders named in impactHubs.knowledgeFolders that do not exist. */
  missingFolders: string[] = [];
  /** Folders named in the setting that were refused (outside the workspace, links). */
  refusedFolders: FolderProblem[] = [];
  private reported = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(context: vscode.ExtensionContext) {
    this.store = new KnowledgeStore({
      fs: this.fs,
      storage: new VscodeStorage(context.storageUri),
      bundle: extensionBundle(context.extensionUri, { knowledge: BUNDLE_FILE, index: INDEX_FILE }),
    });
    // Problems in own documents reach the Problems panel through the checks (src/features/checks.ts).
    const sub = this.store.onDidChange(() => this.changed.fire());
    this.disposables.push(
      { dispose: () => sub.dispose() },
      this.store,
      this.changed,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('impactHubs.knowledgeFolders')) void this.reindexWorkspace();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.reindexWorkspace()),
      vscode.workspace.onDidSaveTextDocument((d) => this.store.fileChanged(d.uri.toString())),
    );
  }

  get engine(): SearchEngine {
    return this.store.engine;
  }

  get bundled(): KnowledgeBundle | undefined {
    return this.store.bundle;
  }

  /** Loads the bundled knowledge base (once). */
  ready(): Promise<void> {
    return this.store.ready();
  }

  /**
   * The one way features wait for the knowledge base: true when it is loaded. Otherwise commands
   * tell the writer what went wrong and what to do (`quiet` for hovers, completions and checks,
   * which then simply offer nothing), and the feature stops.
   */
  async ensureReady(options: { quiet?: boolean } = {}): Promise<boolean> {
    try {
      await this.store.ready();
      return true;
    } catch (e) {
      if (options.quiet) return false;
      const reload = 'Reload Window';
      void vscode.window.showErrorMessage(`Impact Hubs: the knowledge base could not be loaded. ${e instanceof Error ? e.message : String(e)}`, reload).then((pick) => {
        if (pick === reload) void vscode.commands.executeCommand('workbench.action.reloadWindow');
      });
      return false;
    }
  }

  docs(): KnowledgeDoc[] {
    return this.store.docs();
  }

  ownDocs(): SearchDoc[] {
    return this.store.ownDocs();
  }

  get ownCount(): number {
    return this.store.ownCount;
  }

  byRef(kind: DocKind, id: string): KnowledgeDoc | undefined {
    return this.store.byRef(kind, id);
  }

  ownRef(kind: DocKind, id: string): SearchDoc | undefined {
    return this.store.ownRef(kind, id);
  }

  bundledByPath(path: string): KnowledgeDoc | undefined {
    return this.store.bundledByPath(path);
  }

  resolve(key: string): Promise<KnowledgeDoc | undefined> {
    return this.store.resolve(key);
  }

  get skipped(): readonly SkippedItem[] {
    return this.store.skipped;
  }

  /** Indexes the knowledge folders once (restoring the persisted index); later calls share it. */
  workspaceReady(): Promise<IndexStats> {
    this.wsReady ??= this.reindexWorkspace();
    return this.wsReady;
  }

  /** Re-reads the knowledge folders (after any indexing already under way). */
  reindexWorkspace(): Promise<IndexStats> {
    const run = this.configureFolders().then(() => this.store.indexOwn({ progress: (total, work) => this.withProgress(total, work) }));
    this.wsReady = run;
    void run.then(() => this.reportSkipped(), () => undefined);
    return run;
  }

  private async configureFolders(): Promise<void> {
    await this.store.ready().catch(() => undefined);
    const roots = (vscode.workspace.workspaceFolders ?? []).map((f) => ({
      uri: f.uri.toString(),
      configured: vscode.workspace.getConfiguration('impactHubs', f.uri).get<unknown[]>('knowledgeFolders', []).filter((n): n is string => typeof n === 'string'),
    }));
    const r = await resolveKnowledgeFolders(this.fs, roots);
    this.missingFolders = r.missing;
    this.refusedFolders = r.refused;
    this.store.setFolders(r.folders);
  }

  private withProgress(total: number, work: (report: (done: number) => void) => Promise<void>): Promise<void> {
    if (total <= NOTIFY_ABOVE) return work(() => undefined);
    return Promise.resolve(
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Impact Hubs: indexing your knowledge folders', cancellable: false }, async (progress) => {
        let last = 0;
        await work((done) => {
          const pct = Math.floor((done / Math.max(1, total)) * 100);
          progress.report({ increment: pct - last, message: `${done} of ${total}` });
          last = pct;
        });
      }),
    );
  }

  /** Each skipped link, device or folder (and each refused setting) is reported once per session. */
  private reportSkipped(): void {
    const fresh = [
      ...this.store.skipped.map((s) => `${vscode.workspace.asRelativePath(vscode.Uri.parse(s.uri))} ${s.reason}`),
      ...this.refusedFolders.map((r) => `The knowledge folder "${r.name}" ${r.reason}`),
    ].filter((m) => !this.reported.has(m));
    fresh.forEach((m) => this.reported.add(m));
    if (fresh.length) void vscode.window.showWarningMessage(`Impact Hubs: ${fresh.length === 1 ? fresh[0] : `${fresh.length} items in your knowledge folders were not read: ${fresh.slice(0, 3).join('; ')}${fresh.length > 3 ? '; …' : ''}`}.`);
  }

  /** Writes the own-documents index to workspace storage now. */
  save(): Promise<void> {
    return this.store.save();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
