import * as vscode from 'vscode';
import { readerPage, type ReaderRestore } from '../core/reader-html';
import { makeNonce } from '../core/html';
import { keyOf, parseKey } from '../core/keys';
import type { RenderContext } from '../core/render';
import type { KnowledgeDoc } from '../core/types';
import { highlightMatcher } from '../search/snippet';
import type { KnowledgeService } from '../services/knowledge';
import { panelIcon } from './icons';
import { kbSourceUri } from '../services/kb-uri';
import { parseFromWebview, type ReaderState } from './protocol';
import { citationFor, citationWithSources, referenceFor } from '../core/citation';

export const READER_VIEW_TYPE = 'impactHubs.reader';

export interface OpenOptions {
  anchor?: string;
  highlight?: string[];
  preserveFocus?: boolean;
  /** Where to put the page (Back, Forward, a restored panel). */
  restore?: ReaderRestore;
}

/** One place in the reader's history: the document, the search words, and where the reader was. */
export interface HistoryEntry {
  key: string;
  anchor?: string;
  highlight?: string[];
  scrollY?: number;
  /** Index of the link that was followed from this page (focus returns to it on Back). */
  focus?: number;
}

/**
 * The reader: one webview panel beside the editor that shows a knowledge document, with history
 * (back/forward, restoring scroll position, search highlights and focus), links that navigate
 * inside the panel, and actions in the editor title bar. Restored after a reload.
 */
export class Reader implements vscode.Disposable {
  private panel?: vscode.WebviewPanel;
  private history: HistoryEntry[] = [];
  private position = -1;
  private current?: KnowledgeDoc;
  private lastEditor?: vscode.TextEditor;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly rendered = new vscode.EventEmitter<{ key: string; title: string; html: string; entry: HistoryEntry }>();
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
          if (s && typeof s.key === 'string') await this.open(s.key, { anchor: s.anchor, preserveFocus: true, restore: { scrollY: typeof s.scrollY === 'number' ? s.scrollY : undefined } });
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

  /** The history entry on show (tests read the stored scroll position and focus). */
  get currentEntry(): HistoryEntry | undefined {
    return this.history[this.position];
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
        this.setContext();
      }
    });
    panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw));
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
    const entry: HistoryEntry = { key: keyOf(doc), anchor: opts.anchor, highlight: opts.highlight?.length ? [...new Set(opts.highlight)].slice(0, 24) : undefined, scrollY: opts.restore?.scrollY };
    this.history.push(entry);
    this.position = this.history.length - 1;
    await this.show(doc, entry, opts.preserveFocus ?? false, opts.restore);
    return true;
  }

  private async go(delta: number): Promise<void> {
    const next = this.position + delta;
    if (next < 0 || next >= this.history.length) return;
    const entry = this.history[next];
    const doc = await this.knowledge.resolve(entry.key);
    if (!doc) return;
    this.position = next;
    await this.show(doc, entry, false, { scrollY: entry.scrollY, focus: entry.focus });
  }

  back(): Promise<void> {
    return this.go(-1);
  }

  forward(): Promise<void> {
    return this.go(1);
  }

  private setContext(): void {
    void vscode.commands.executeCommand('setContext', 'impactHubs.readerCanBack', this.panel !== undefined && this.position > 0);
    void vscode.commands.executeCommand('setContext', 'impactHubs.readerCanForward', this.panel !== undefined && this.position < this.history.length - 1);
  }

  private renderContext(): RenderContext {
    const k = this.knowledge;
    return {
      byPath: (p) => k.bundledByPath(p),
      byRef: (kind, id) => k.byRef(kind, id) ?? k.ownRef(kind, id),
      principleHubs: k.bundled?.principleHubs,
    };
  }

  private async show(doc: KnowledgeDoc, entry: HistoryEntry, preserveFocus: boolean, restore?: ReaderRestore): Promise<void> {
    if (!this.panel) {
      const panel = vscode.window.createWebviewPanel(READER_VIEW_TYPE, doc.title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus }, this.options());
      this.adopt(panel);
    } else if (!this.panel.visible) {
      this.panel.reveal(undefined, preserveFocus);
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
      anchor: entry.anchor,
      highlight: entry.highlight ? highlightMatcher(entry.highlight) : undefined,
      restore,
      similar,
    });
    webview.html = html;
    this.setContext();
    this.rendered.fire({ key: keyOf(doc), title: doc.title, html, entry });
  }

  /** Handles a message from the reader page (validated first; anything unexpected is ignored). */
  async receive(raw: unknown): Promise<void> {
    const msg = parseFromWebview(raw);
    if (!msg) return;
    const here = this.history[this.position];
    switch (msg.type) {
      case 'navigate':
        // Back returns to this scroll position, with focus on the link that was followed.
        if (here && msg.from) Object.assign(here, { scrollY: msg.from.y, focus: msg.from.link });
        await this.open(msg.key, { anchor: msg.anchor });
        break;
      case 'scroll':
        if (here) here.scrollY = msg.y;
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

  /** The editor the writer was last in, if its document is still open. */
  private writingEditor(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active && !active.document.isClosed) return active;
    const last = this.lastEditor;
    return last && !last.document.isClosed ? last : undefined;
  }

  /**
   * Inserts a reference to the document at the cursor of the editor the writer was last in. The
   * editor is shown first when it is hidden (behind the panel or in a background tab), text is
   * only ever inserted (after a selection, never over it), and the edit is one undo step.
   */
  async insertReference(doc = this.current): Promise<boolean> {
    if (!doc) return false;
    const target = this.writingEditor();
    if (!target) {
      void vscode.window.showInformationMessage('Impact Hubs: open the document you are writing, place the cursor, then choose Insert Reference again.');
      return false;
    }
    const document = target.document;
    const selections = [...target.selections];
    const text = document.languageId === 'markdown' ? referenceFor(doc) : citationFor(doc, { year: this.knowledge.bundled?.builtAt.slice(0, 4), path: this.relative(doc) });
    const visible = vscode.window.visibleTextEditors.find((e) => e.document === document);
    const column = visible?.viewColumn ?? target.viewColumn ?? vscode.ViewColumn.One;
    if (!visible) await vscode.window.showTextDocument(document, { viewColumn: column, preserveFocus: false, selection: selections[0] });
    // Inserted at each cursor, after any selected text: nothing the writer selected is replaced.
    const offsets = [...new Set(selections.map((s) => document.offsetAt(s.end)))].sort((a, b) => a - b);
    const edit = new vscode.WorkspaceEdit();
    for (const o of offsets) edit.insert(document.uri, document.positionAt(o), text);
    const ok = await vscode.workspace.applyEdit(edit);
    if (ok) {
      // The cursor goes after the last reference (every earlier one moved it on by its length).
      const end = document.positionAt(offsets[offsets.length - 1] + offsets.length * text.length);
      await vscode.window.showTextDocument(document, { viewColumn: column, preserveFocus: false, selection: new vscode.Selection(end, end) });
    }
    return ok;
  }

  private relative(doc: KnowledgeDoc): string | undefined {
    return doc.origin === 'workspace' ? vscode.workspace.asRelativePath(vscode.Uri.parse(doc.path), false) : undefined;
  }

  /** Copies the citation of the document and the sources it cites. */
  async copyCitation(doc = this.current): Promise<string | undefined> {
    if (!doc) return undefined;
    const text = citationWithSources(doc, { year: this.knowledge.bundled?.builtAt.slice(0, 4), path: this.relative(doc) });
    await vscode.env.clipboard.writeText(text);
    void vscode.window.setStatusBarMessage('Impact Hubs: citation copied', 3000);
    return text;
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
