import * as vscode from 'vscode';
import { BUNDLE_FILE, INDEX_FILE, readBundle, readIndex } from '../core/bundle-io';
import type { KnowledgeBundle } from '../core/kb';
import type { KnowledgeDoc } from '../core/types';
import { SearchEngine, type Shard } from '../search/engine';

/**
 * Owns the knowledge base in the extension host: the bundled data (loaded lazily from dist/ on
 * first use, never at activation) and, later, the user's own knowledge folders.
 */
export class KnowledgeService implements vscode.Disposable {
  private bundle?: KnowledgeBundle;
  private bundledShard?: Shard;
  private loading?: Promise<void>;
  readonly engine = new SearchEngine();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly context: vscode.ExtensionContext) {}

  /** Loads dist/knowledge.json and the prebuilt index once; later calls return at once. */
  ready(): Promise<void> {
    this.loading ??= this.load().catch((e: unknown) => {
      this.loading = undefined;
      throw e;
    });
    return this.loading;
  }

  private async load(): Promise<void> {
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
    this.engine.setShards([this.bundledShard]);
    this.changed.fire();
  }

  get bundled(): KnowledgeBundle | undefined {
    return this.bundle;
  }

  docs(): KnowledgeDoc[] {
    return this.bundle?.docs ?? [];
  }

  dispose(): void {
    this.changed.dispose();
  }
}
