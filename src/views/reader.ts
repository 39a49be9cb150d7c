import * as vscode from 'vscode';
import { readerPage } from '../core/reader-html';
import { makeNonce } from '../core/html';
import { keyOf, parseKey } from '../core/keys';
import type { RenderContext } from '../core/render';
import type { KnowledgeDoc } from '../core/types';
import type { KnowledgeService } from '../services/knowledge';
import { panelIcon } from './icons';
import { kbSourceUri } from './kb-uri';
import { parseFromWebview, type ReaderState } from './protocol';
import { citationFor, referenceFor } from '../core/citation';

export const READER_VIEW_TYPE = 'impactHubs.reader';

export interface OpenOptions {
  anchor?: string;
  highlight?: string[];
  preserveFocus?: boolean;
}

/**
 * The reader: one webview panel beside the editor that shows a knowledge document, with history
 * (back/forward), links that navigate inside the panel, and actions. Restored after a reload.
 */
export class Reader implements vscode.Disposable {
  private panel?: vscode.WebviewPanel;
  private history: ReaderState[] = [];
  private position = -1;
  private current?: KnowledgeDoc;
  private lastEditor?: vscode.TextEditor;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly rendered = new vscode.EventEmitter<{ key: string; title: string; html: string }>();
  /** Fires after each render (used by tests and by the side bar to reveal the current item). */
  readonly onDidRender = this.rendered.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly knowledge: KnowledgeService,
  ) {
    this.lastEditor = vscode.window.activeTextEditor;
    this.disposables.push(
      this.rendered,
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (e) this.lastEditor = e;
      }),
      vscode.window.registerWebviewPanelSerializer(READER_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: unknown) => {
          this.adopt(panel);
          const s = state as ReaderState | undefined;
          if (s && typeof s.key === 'string') await this.open(s.key, { anchor: s.anchor, preserveFocus: true });
          else panel.dispose();
        },
      }),
    );
  }

  get currentDoc(): KnowledgeDoc | undefined {
    return this.current;
  }

  get visiblePanel(): vscode.WebviewPanel | undefined {
    return this.panel;
  }

  private options(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'media')],
      retainContextWhenHidden: false,
      enableFindWidget: true,
    };
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.webview.options = this.options();
    panel.iconPath = panelIcon(this.context.extensionUri);
    panel.onDidDispose(() => {
      if (this.panel === panel) {
        this.panel = undefined;
        this.current = undefined;
        this.history = [];
        this.position = -1;
      }
    });
    panel.webview.onDidReceiveMessage((raw: unknown) => void this.onMessage(raw));
  }

  /** Opens a document by key (`hub:gavi`, or a workspace key) and records it in the history. */
  async open(key: string, opts: OpenOptions = {}): Promise<boolean> {
    if (!(await this.knowledge.ensureReady())) return false;
    const doc = await this.knowledge.resolve(key);
    if (!doc) {
      void vscode.window.showWarningMessage(`Impact Hubs: the document "${parseKey(key)?.id ?? key}" was not found. It may have been renamed or deleted.`);
      return false;
    }
    this.history = this.history.slice(0, this.position + 1);
    this.history.push({ key: keyOf(doc), anchor: opts.anchor });
    this.position = this.history.length - 1;
    await this.show(doc, opts);
    return true;
  }

  private async go(delta: number): Promise<void> {
    const next = this.position + delta;
    if (next < 0 || next >= this.history.length) return;
    const entry = this.history[next];
    const doc = await this.knowledge.resolve(entry.key);
    if (!doc) return;
    this.position = next;
    await this.show(doc, { anchor: entry.anchor, preserveFocus: false });
  }

  back(): Promise<void> {
    return this.go(-1);
  }

  forward(): Promise<void> {
    return this.go(1);
  }

  private renderContext(): RenderContext {
    const k = this.knowledge;
    return {
      byPath: (p) => k.bundledByPath(p),
      byRef: (kind, id) => k.byRef(kind, id) ?? k.ownRef(kind, id),
      principleHubs: k.bundled?.principleHubs,
    };
  }

  private async show(doc: KnowledgeDoc, opts: OpenOptions): Promise<void> {
    if (!this.panel) {
      const panel = vscode.window.createWebviewPanel(READER_VIEW_TYPE, doc.title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: opts.preserveFocus ?? false }, this.options());
      this.adopt(panel);
    } else if (!this.panel.visible) {
      this.panel.reveal(undefined, opts.preserveFocus ?? false);
    }
    const panel = this.panel!;
    this.current = doc;
    panel.title = doc.title;
    const webview = panel.webview;
    const media = (f: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'media', f)).toString();
    const similar = this.knowledge.engine.moreLikeThis(keyOf(doc), 5).map((r) => ({ key: r.ref, title: r.title, kind: r.kind }));
    const html = readerPage({
      doc,
      ctx: this.renderContext(),
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      styleUri: media('reader.css'),
      scriptUris: [media('links.js'), media('reader.js')],
      canBack: this.position > 0,
      canForward: this.position < this.history.length - 1,
      anchor: opts.anchor,
      highlight: opts.highlight,
      similar,
    });
    webview.html = html;
    this.rendered.fire({ key: keyOf(doc), title: doc.title, html });
  }

  private async onMessage(raw: unknown): Promise<void> {
    const msg = parseFromWebview(raw);
    if (!msg) return;
    switch (msg.type) {
      case 'navigate':
        await this.open(msg.key, { anchor: msg.anchor });
        break;
      case 'external':
        await vscode.env.openExternal(vscode.Uri.parse(msg.url, true));
        break;
      case 'action':
        await vscode.commands.executeCommand(`impactHubs.${msg.action}`);
        break;
      default:
        break;
    }
  }

  /** Opens the Markdown source of the current document (read-only for bundled ones). */
  async openSource(doc = this.current): Promise<void> {
    if (!doc) return;
    const uri = doc.origin === 'workspace' ? vscode.Uri.parse(doc.path) : kbSourceUri(doc.path);
    const line = Math.max(0, doc.bodyLine - 1);
    await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(line, 0, line, 0), preview: true });
  }

  /** Inserts a reference to the document at the cursor of the last active text editor (undoable). */
  async insertReference(doc = this.current): Promise<boolean> {
    if (!doc) return false;
    const editor = vscode.window.activeTextEditor ?? this.lastEditor;
    if (!editor || editor.document.isClosed) {
      void vscode.window.showInformationMessage('Impact Hubs: open the document you are writing, place the cursor, then choose Insert reference again.');
      return false;
    }
    const isMarkdown = editor.document.languageId === 'markdown';
    const text = isMarkdown ? referenceFor(doc) : citationFor(doc);
    // The editor may be hidden behind the panel (its TextEditor is then stale): edit the document.
    const document = editor.document;
    const selections = [...editor.selections];
    const edit = new vscode.WorkspaceEdit();
    for (const sel of selections) edit.replace(document.uri, sel, text);
    const ok = await vscode.workspace.applyEdit(edit);
    if (ok) {
      const last = selections[selections.length - 1];
      const end = document.positionAt(document.offsetAt(last.start) + text.length);
      await vscode.window.showTextDocument(document, { viewColumn: editor.viewColumn ?? vscode.ViewColumn.One, selection: new vscode.Range(end, end) });
    }
    return ok;
  }

  async copyCitation(doc = this.current): Promise<string | undefined> {
    if (!doc) return undefined;
    const text = citationFor(doc);
    await vscode.env.clipboard.writeText(text);
    void vscode.window.setStatusBarMessage('Impact Hubs: citation copied', 3000);
    return text;
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
