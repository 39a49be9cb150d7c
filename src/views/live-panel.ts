import * as vscode from 'vscode';
import { makeNonce, page } from '../core/html';
import { slugOf } from '../core/keys';
import type { WebviewPageSpec } from '../diagram/pages';
import { exists } from '../services/vscode-ports';
import { panelIcon } from './icons';
import { pngRenderer } from '../platform/png';
import type { MapFromWebview, RasteriseMessage, TocFromWebview } from './protocol';

/** A webview page of ours: strict CSP, media/ only. */
export function newPanel(context: vscode.ExtensionContext, viewType: string, title: string, column?: vscode.ViewColumn): vscode.WebviewPanel {
  const panel = vscode.window.createWebviewPanel(
    viewType,
    title,
    { viewColumn: column ?? vscode.ViewColumn.Beside, preserveFocus: true },
    { enableScripts: true, enableCommandUris: false, localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'media')], retainContextWhenHidden: false },
  );
  panel.iconPath = panelIcon(context.extensionUri);
  return panel;
}

/** A page spec (src/diagram/pages.ts) as the webview's HTML: its media/ files by webview URI, a fresh nonce. */
export function html(context: vscode.ExtensionContext, w: vscode.Webview, title: string, spec: WebviewPageSpec): string {
  const media = (f: string) => w.asWebviewUri(vscode.Uri.joinPath(context.extensionUri, 'media', f)).toString();
  return page({ title, cspSource: w.cspSource, nonce: makeNonce(), styles: spec.styles.map(media), scripts: spec.scripts.map(media), body: spec.body });
}

export const uriOf = (u: vscode.Uri | string): vscode.Uri => (typeof u === 'string' ? vscode.Uri.parse(u) : u);

/** The folder of a document (where its exports are offered). */
export const folderOf = (uri: vscode.Uri): vscode.Uri => uri.with({ path: uri.path.slice(0, uri.path.lastIndexOf('/') + 1) || '/' });

/** Warnings and errors VS Code shows on a document (the checks, references), as page problems. */
export function diagnosticProblems(doc: vscode.TextDocument): { line: number; message: string }[] {
  return vscode.languages.getDiagnostics(doc.uri).filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning).map((d) => ({ line: d.range.start.line, message: d.message }));
}

export interface LivePanelOptions {
  /** Context key set while the active editor holds this kind of document (editor title button). */
  contextKey: string;
  /** Whether a document is of the kind the view draws. */
  isKind(doc: vscode.TextDocument): boolean;
  /** Redraws while typing: at most one per this many milliseconds (the last one always). */
  debounceMs: number;
  /** Shown when there is no document to draw. */
  noDocument: string;
  /** In the status bar when the document shown is not of the kind. */
  notKind: string;
  /** Whether a command argument may be a URI string (besides a vscode.Uri). */
  uriStrings?: boolean;
  /** The page types this view restores after a window reload, each with how to reopen it. */
  restore: Record<string, (panel: vscode.WebviewPanel) => Promise<unknown>>;
}

/** Where the document each live view follows is remembered, so its pages reopen on it after a reload. */
const FOLLOWED_KEY = 'impactHubs.livePanels.followed';

/**
 * A webview beside the editor that follows a Markdown document as it is typed (the theory-of-change
 * diagram and results framework, the landscape map): the followed document, panel creation and
 * reuse, redraws coalesced while typing and on new diagnostics, the box at the editor's cursor
 * marked on the page, a click on the page revealing a line in the editor, the editor title
 * button's context key, the pages' "rendered" acknowledgements, and dispose. `S` is the model of
 * one render (a snapshot); subclasses compute it and post the page messages in render().
 */
export abstract class LivePanel<S> implements vscode.Disposable {
  /** The document the view follows. */
  protected doc?: vscode.TextDocument;
  /** The model of the last render. */
  protected current?: S;
  /** The box (or actor) marked for the editor's cursor. */
  protected highlighted?: string;
  protected version = 0;
  private timer?: ReturnType<typeof setTimeout>;
  private lastRenderAt = -Infinity;
  protected readonly disposables: vscode.Disposable[] = [];
  private readonly renderedEmitter = new vscode.EventEmitter<{ version: number; at: number }>();
  /** Fires when a page reports it has drawn a render (tests measure latency and wait with it). */
  readonly onDidRender = this.renderedEmitter.event;
  /** When the last document change arrived (performance.now()). */
  lastChangeAt = 0;
  /** Pages whose script has said it listens. */
  private readonly readyPages = new WeakSet<vscode.WebviewPanel>();
  /** PNGs a page is drawing, by request id. */
  private readonly rasterising = new Map<number, { done(png?: string, error?: string): void }>();
  private rasterId = 0;

  constructor(
    protected readonly context: vscode.ExtensionContext,
    private readonly options: LivePanelOptions,
  ) {
    this.disposables.push(
      this.renderedEmitter,
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === this.doc && e.contentChanges.length) {
          this.lastChangeAt = performance.now();
          this.schedule();
        }
        if (e.document === vscode.window.activeTextEditor?.document) this.updateContext();
      }),
      vscode.languages.onDidChangeDiagnostics((e) => {
        if (this.doc && e.uris.some((u) => u.toString() === this.doc!.uri.toString())) this.schedule();
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor.document === this.doc) this.highlightLine(e.selections[0].active.line);
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateContext()),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d === this.doc) this.doc = undefined;
      }),
      ...Object.keys(options.restore).map((viewType) => vscode.window.registerWebviewPanelSerializer(viewType, { deserializeWebviewPanel: (panel) => this.restore(viewType, panel) })),
    );
    this.updateContext();
  }

  /**
   * After a window reload VS Code hands back the pages that were open: they reopen on the document
   * they followed (the page keeps its own pan and zoom); when that document is gone, the page closes.
   */
  async restore(viewType: string, panel: vscode.WebviewPanel): Promise<void> {
    const reopen = this.options.restore[viewType];
    const uri = this.context.workspaceState.get<Record<string, string>>(FOLLOWED_KEY, {})[this.options.contextKey];
    let doc: vscode.TextDocument | undefined;
    try {
      // Still on disk (a closed document may linger in memory after its file was deleted).
      const u = uri ? vscode.Uri.parse(uri) : undefined;
      doc = u && (await exists(u)) ? await vscode.workspace.openTextDocument(u) : undefined;
    } catch {
      doc = undefined;
    }
    if (!doc || !reopen) {
      panel.dispose();
      return;
    }
    this.follow(doc);
    await reopen(panel);
  }

  /** The box (or actor) marked for the editor's cursor. */
  get highlightedId(): string | undefined {
    return this.highlighted;
  }

  /** The open pages (redraws are scheduled only while one is open). */
  protected abstract pages(): (vscode.WebviewPanel | undefined)[];
  /** The page that marks the box at the editor's cursor. */
  protected abstract cursorPage(): vscode.WebviewPanel | undefined;
  /** Opens (or reveals) that page on the followed document. */
  protected abstract openCursorPage(): Promise<vscode.WebviewPanel | undefined>;
  /** The id of the box (or actor) for a line of the document. */
  protected abstract idAtLine(model: S, line: number): string | undefined;
  /** Computes the model of the followed document and posts it to the open pages. */
  abstract render(): void;

  private updateContext(): void {
    const doc = vscode.window.activeTextEditor?.document;
    void vscode.commands.executeCommand('setContext', this.options.contextKey, !!doc && this.isKind(doc));
  }

  /** Whether a Markdown document is of the kind the view draws. */
  protected isKind(doc: vscode.TextDocument): boolean {
    return doc.languageId === 'markdown' && this.options.isKind(doc);
  }

  /** The document to show: the one given, else the active editor's, else the one already shown. */
  protected async target(arg: unknown): Promise<vscode.TextDocument | undefined> {
    if (arg instanceof vscode.Uri) return vscode.workspace.openTextDocument(arg);
    if (this.options.uriStrings && typeof arg === 'string' && arg) return vscode.workspace.openTextDocument(vscode.Uri.parse(arg));
    const active = vscode.window.activeTextEditor?.document;
    if (active?.languageId === 'markdown') return active;
    if (this.doc && !this.doc.isClosed) return this.doc;
    void vscode.window.showInformationMessage(this.options.noDocument);
    return undefined;
  }

  /** Follows a document; says so in the status bar when it is not of the view's kind. */
  protected follow(doc: vscode.TextDocument): void {
    this.doc = doc;
    if (!this.isKind(doc)) void vscode.window.setStatusBarMessage(this.options.notKind, 5000);
    const followed = this.context.workspaceState.get<Record<string, string>>(FOLLOWED_KEY, {});
    if (followed[this.options.contextKey] !== doc.uri.toString()) void this.context.workspaceState.update(FOLLOWED_KEY, { ...followed, [this.options.contextKey]: doc.uri.toString() });
  }

  /** Makes sure a document is followed (for the export commands); false when there is none. */
  protected async ensureDoc(): Promise<boolean> {
    if (this.doc && !this.doc.isClosed) return true;
    const doc = await this.target(undefined);
    if (!doc) return false;
    this.follow(doc);
    return true;
  }

  /**
   * Reveals a page, or opens it beside the editor (in `column` when given) with its markup; the
   * page's messages go to `onMessage` and `closed` runs when the user closes it.
   */
  protected openPage(
    existing: vscode.WebviewPanel | undefined,
    how: { viewType: string; title: string; spec: WebviewPageSpec; column?: vscode.ViewColumn; onMessage(raw: unknown): unknown; closed(): void; adopt?: vscode.WebviewPanel },
  ): vscode.WebviewPanel {
    if (existing && existing !== how.adopt) {
      how.adopt?.dispose(); // a restored page when one is open already
      existing.title = how.title;
      existing.reveal(existing.viewColumn, true);
      return existing;
    }
    const panel = how.adopt ?? newPanel(this.context, how.viewType, how.title, how.column);
    if (how.adopt) {
      // A page VS Code restored after a reload: the same options as a new one.
      panel.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'media')] };
      panel.iconPath = panelIcon(this.context.extensionUri);
      panel.title = how.title;
    }
    panel.onDidDispose(() => how.closed());
    panel.webview.onDidReceiveMessage((raw: unknown) => {
      if ((raw as { type?: unknown } | undefined)?.type === 'ready') this.readyPages.add(panel);
      return how.onMessage(raw);
    });
    panel.webview.html = html(this.context, panel.webview, how.title, how.spec);
    return panel;
  }

  /** Redraws soon: at once after a quiet spell, at most once per debounce interval while typing. */
  private schedule(): void {
    if (!this.pages().some((p) => p)) return;
    if (this.timer) return; // a redraw is already due; it will read the latest text
    const wait = Math.max(0, this.lastRenderAt + this.options.debounceMs - performance.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.render();
    }, wait);
  }

  /** Call at the start of each render (the debounce counts from it). */
  protected rendering(): void {
    this.lastRenderAt = performance.now();
  }

  /** The box at the cursor of the editor showing the followed document, else the one marked before. */
  protected cursorId(model: S): string | undefined {
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === this.doc);
    return editor ? this.idAtLine(model, editor.selection.active.line) : this.highlighted;
  }

  private highlightLine(line: number): void {
    const page = this.cursorPage();
    if (!page || !this.current) return;
    const id = this.idAtLine(this.current, line);
    if (id === this.highlighted) return;
    this.highlighted = id;
    void page.webview.postMessage({ type: 'highlight', id });
  }

  /** Handles the messages every live page sends (ready, reveal, rendered); false for the others. */
  protected async commonMessage(msg: TocFromWebview | MapFromWebview): Promise<boolean> {
    switch (msg.type) {
      case 'ready':
        this.render();
        return true;
      case 'reveal':
        await this.reveal(msg.line);
        return true;
      case 'rendered':
        this.renderedEmitter.fire({ version: msg.version, at: performance.now() });
        return true;
      case 'rasterised':
        this.rasterising.get(msg.id)?.done(msg.png, msg.error);
        return true;
      default:
        return false;
    }
  }

  /**
   * A standalone SVG as PNG bytes: by the native rasteriser where this host has it (the desktop app
   * with @resvg/resvg-js, as in the CLI), else drawn on a canvas by the view's page (opened if
   * needed): so PNG works in the browser version of VS Code and in an installed VSIX too.
   */
  async toPng(svg: string): Promise<Uint8Array> {
    const native = pngRenderer().render;
    if (native) return native(svg);
    const page = this.cursorPage() ?? (await this.openCursorPage());
    if (!page) throw new Error('the panel that draws the picture could not be opened');
    for (let waited = 0; !this.readyPages.has(page); waited += 100) {
      if (waited >= 20000) throw new Error('the panel that draws the picture did not load');
      await new Promise((r) => setTimeout(r, 100));
    }
    const id = ++this.rasterId;
    const base64 = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => done(undefined, 'the panel did not draw the picture within 30 seconds'), 30000);
      const closed = page.onDidDispose(() => done(undefined, 'the panel was closed while drawing the picture'));
      const done = (png?: string, error?: string) => {
        clearTimeout(timer);
        closed.dispose();
        this.rasterising.delete(id);
        if (png) resolve(png);
        else reject(new Error(error ?? 'the panel returned no picture'));
      };
      this.rasterising.set(id, { done });
      const msg: RasteriseMessage = { type: 'rasterise', id, svg, scale: 2 };
      void page.webview.postMessage(msg);
    });
    return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  }

  /** The column of a line the cursor goes to when the page reveals it. */
  protected revealColumn(line: vscode.TextLine): number {
    return line.firstNonWhitespaceCharacterIndex;
  }

  /** Shows the followed document with the cursor on a line (a click on a box). */
  async reveal(line: number): Promise<vscode.TextEditor | undefined> {
    const doc = this.doc;
    if (!doc || doc.isClosed) return undefined;
    const l = Math.min(Math.max(0, line), doc.lineCount - 1);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
    const start = new vscode.Position(l, this.revealColumn(doc.lineAt(l)));
    editor.selection = new vscode.Selection(start, start);
    editor.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return editor;
  }

  /** A file name for exports: the document's, as a slug. */
  protected baseName(fallback: string): string {
    const path = this.doc?.uri.path ?? `${fallback}.md`;
    return slugOf(path.slice(path.lastIndexOf('/') + 1).replace(/\.md$/i, '')) || fallback;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const p of this.pages()) p?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
