import * as vscode from 'vscode';
import { writeChosen } from '../services/vscode-ports';
import { detectDocType } from '../core/authoring';
import { makeNonce, page } from '../core/html';
import { slugOf } from '../core/keys';
import { nodeAtLine, parseTheoryOfChange, type TocGraph } from '../documents/toc';
import { toMermaid } from '../diagram/mermaid';
import { RESULTS_PAGE, TOC_DIAGRAM_PAGE, type WebviewPageSpec } from '../diagram/pages';
import { resultsCsv, resultsFramework, resultsHtml, resultsMarkdown } from '../diagram/results';
import { renderTocSvg, sizeNotice, standaloneSvg } from '../diagram/svg';
import type { Feature } from '../features/feature';
import { pngRenderer } from '../platform/png';
import { panelIcon } from './icons';
import { parseTocMessage, type ResultsToWebview, type TocFromWebview, type TocToWebview } from './protocol';

export const DIAGRAM_VIEW_TYPE = 'impactHubs.tocDiagram';
export const RESULTS_VIEW_TYPE = 'impactHubs.resultsFramework';
/** Context key: the active editor holds a theory of change (editor title button). */
export const CONTEXT_KEY = 'impactHubs.isTheoryOfChange';
/**
 * Redraws are coalesced: a change after a quiet spell is drawn at once, changes while typing at
 * most once per this many milliseconds (the last one always).
 */
export const DEBOUNCE_MS = 60;

export type ExportFormat = 'svg' | 'png' | 'mermaid';

export interface ExportArgs {
  format?: ExportFormat;
  uri?: vscode.Uri | string;
  /** undefined: ask before replacing an existing file; false: never replace; true: replace. */
  replace?: boolean;
}

/** One render of a document: the model and the problem lines (parser + diagnostics). */
interface Snapshot {
  graph: TocGraph;
  problems: { line: number; message: string }[];
}

function snapshot(doc: vscode.TextDocument): Snapshot {
  const graph = parseTheoryOfChange(doc.getText());
  // Problems from the parser and from every diagnostic on the document (the checks, references).
  const diags = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning);
  const problems = [...graph.problems.map((p) => ({ line: p.line, message: p.message })), ...diags.map((d) => ({ line: d.range.start.line, message: d.message }))].sort((a, b) => a.line - b.line);
  return { graph, problems };
}

function isToc(doc: vscode.TextDocument | undefined): boolean {
  return !!doc && doc.languageId === 'markdown' && detectDocType(doc.getText()) === 'theory-of-change';
}

const uriOf = (u: vscode.Uri | string) => (typeof u === 'string' ? vscode.Uri.parse(u) : u);

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

export function html(context: vscode.ExtensionContext, w: vscode.Webview, title: string, spec: WebviewPageSpec): string {
  const media = (f: string) => w.asWebviewUri(vscode.Uri.joinPath(context.extensionUri, 'media', f)).toString();
  return page({ title, cspSource: w.cspSource, nonce: makeNonce(), styles: spec.styles.map(media), scripts: spec.scripts.map(media), body: spec.body });
}

/**
 * Impact Hubs: Show Theory of Change Diagram, Show Results Framework, Export Diagram… and Export
 * Results Framework…: webviews beside the editor that follow the document as it is typed.
 */
export class TocDiagram implements vscode.Disposable {
  private panel?: vscode.WebviewPanel;
  private results?: vscode.WebviewPanel;
  /** The document both views follow. */
  private doc?: vscode.TextDocument;
  private collapsed = new Set<string>();
  private timer?: ReturnType<typeof setTimeout>;
  private version = 0;
  private current?: Snapshot;
  private highlighted?: string;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly renderedEmitter = new vscode.EventEmitter<{ version: number; at: number }>();
  /** Fires when the diagram page reports it has drawn a render (tests measure latency with it). */
  readonly onDidRender = this.renderedEmitter.event;
  /** The last SVG sent to the page, and when the document change that caused it arrived. */
  lastSvg = '';
  lastChangeAt = 0;
  /** When the last render was computed and posted to the page (performance.now()). */
  lastPostedAt = 0;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.disposables.push(
      this.renderedEmitter,
      vscode.commands.registerCommand('impactHubs.showTocDiagram', (uri?: unknown) => this.showDiagram(uri)),
      vscode.commands.registerCommand('impactHubs.showResultsFramework', (uri?: unknown) => this.showResults(uri)),
      vscode.commands.registerCommand('impactHubs.exportDiagram', (args?: ExportArgs) => this.exportDiagram(args)),
      vscode.commands.registerCommand('impactHubs.exportResultsFramework', (args?: { format?: 'markdown' | 'csv'; uri?: vscode.Uri | string; replace?: boolean }) => this.exportResults(args)),
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
    );
    this.updateContext();
  }

  private updateContext(): void {
    void vscode.commands.executeCommand('setContext', CONTEXT_KEY, isToc(vscode.window.activeTextEditor?.document));
  }

  /** The document to show: the one given, else the active editor's, else the one already shown. */
  private async target(arg: unknown): Promise<vscode.TextDocument | undefined> {
    if (arg instanceof vscode.Uri) return vscode.workspace.openTextDocument(arg);
    const active = vscode.window.activeTextEditor?.document;
    if (active?.languageId === 'markdown') return active;
    if (this.doc && !this.doc.isClosed) return this.doc;
    void vscode.window.showInformationMessage('Impact Hubs: open a theory of change (a Markdown file with "type: theory-of-change" or its sections) to see its diagram.');
    return undefined;
  }

  private follow(doc: vscode.TextDocument): void {
    if (this.doc !== doc) this.collapsed.clear();
    this.doc = doc;
    if (!isToc(doc)) void vscode.window.setStatusBarMessage('Impact Hubs: this document does not look like a theory of change; the diagram shows what it can read', 5000);
  }

  /** Opens (or reveals) the diagram beside the editor. */
  async showDiagram(arg?: unknown): Promise<vscode.WebviewPanel | undefined> {
    const doc = await this.target(arg);
    if (!doc) return undefined;
    this.follow(doc);
    const title = `Diagram: ${vscode.workspace.asRelativePath(doc.uri)}`;
    if (!this.panel) {
      // Beside the editor; a tab next to the results framework when that is open.
      const panel = newPanel(this.context, DIAGRAM_VIEW_TYPE, title, this.results?.viewColumn);
      this.panel = panel;
      panel.onDidDispose(() => (this.panel = undefined));
      panel.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(parseTocMessage(raw)));
      panel.webview.html = html(this.context, panel.webview, title, TOC_DIAGRAM_PAGE);
    } else {
      this.panel.title = title;
      this.panel.reveal(this.panel.viewColumn, true);
    }
    this.render();
    return this.panel;
  }

  /** Opens (or reveals) the results framework beside the editor. */
  async showResults(arg?: unknown): Promise<vscode.WebviewPanel | undefined> {
    const doc = await this.target(arg);
    if (!doc) return undefined;
    this.follow(doc);
    const title = `Results framework: ${vscode.workspace.asRelativePath(doc.uri)}`;
    if (!this.results) {
      const panel = newPanel(this.context, RESULTS_VIEW_TYPE, title, this.panel?.viewColumn);
      this.results = panel;
      panel.onDidDispose(() => (this.results = undefined));
      panel.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(parseTocMessage(raw)));
      panel.webview.html = html(this.context, panel.webview, title, RESULTS_PAGE);
    } else {
      this.results.title = title;
      this.results.reveal(this.results.viewColumn, true);
    }
    this.render();
    return this.results;
  }

  private lastRenderAt = -Infinity;

  private schedule(): void {
    if (!this.panel && !this.results) return;
    if (this.timer) return; // a redraw is already due; it will read the latest text
    const wait = Math.max(0, this.lastRenderAt + DEBOUNCE_MS - performance.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.render();
    }, wait);
  }

  /** The model of the followed document (for tests and exports). */
  get graph(): TocGraph | undefined {
    return this.current?.graph;
  }

  get diagramPanel(): vscode.WebviewPanel | undefined {
    return this.panel;
  }

  get resultsPanel(): vscode.WebviewPanel | undefined {
    return this.results;
  }

  /** The box highlighted for the editor's cursor. */
  get highlightedId(): string | undefined {
    return this.highlighted;
  }

  get collapsedIds(): string[] {
    return [...this.collapsed];
  }

  /** Parses, lays out and sends the diagram and the results framework to the open pages. */
  render(): void {
    const doc = this.doc;
    if (!doc) return;
    this.lastRenderAt = performance.now();
    const snap = snapshot(doc);
    this.current = snap;
    const version = ++this.version;
    if (this.panel) {
      const known = new Set(snap.graph.nodes.map((n) => n.id));
      for (const id of this.collapsed) if (!known.has(id)) this.collapsed.delete(id);
      const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
      this.highlighted = editor ? nodeAtLine(snap.graph, editor.selection.active.line)?.id : this.highlighted;
      const { svg } = renderTocSvg(snap.graph, { mode: 'webview', problemLines: snap.problems.map((p) => p.line), collapsed: this.collapsed, highlight: this.highlighted });
      this.lastSvg = svg;
      const empty = snap.graph.nodes.length ? undefined : 'Nothing to draw yet. Write the "Long-term goal" section and list outcomes under "Outcomes pathway" (New Theory of Change has both); the diagram appears as you type.';
      const msg: TocToWebview = { type: 'render', version, svg, notice: sizeNotice(snap.graph), problems: snap.problems.slice(0, 50), highlight: this.highlighted, empty };
      void this.panel.webview.postMessage(msg);
      this.lastPostedAt = performance.now();
    }
    if (this.results) {
      const rf = resultsFramework(snap.graph);
      const msg: ResultsToWebview = { type: 'render', version, html: resultsHtml(rf), summary: `${rf.rows.length} result${rf.rows.length === 1 ? '' : 's'}; ${rf.missing} empty cell${rf.missing === 1 ? '' : 's'} (marked —)` };
      void this.results.webview.postMessage(msg);
    }
  }

  private highlightLine(line: number): void {
    if (!this.panel || !this.current) return;
    const id = nodeAtLine(this.current.graph, line)?.id;
    if (id === this.highlighted) return;
    this.highlighted = id;
    const msg: TocToWebview = { type: 'highlight', id };
    void this.panel.webview.postMessage(msg);
  }

  /** Handles a validated page message (also the tests' way in). */
  async onMessage(msg: TocFromWebview | undefined): Promise<void> {
    if (!msg) return;
    switch (msg.type) {
      case 'ready':
        this.render();
        return;
      case 'reveal':
        await this.reveal(msg.line);
        return;
      case 'toggle':
        if (this.collapsed.has(msg.id)) this.collapsed.delete(msg.id);
        else this.collapsed.add(msg.id);
        this.render();
        return;
      case 'expandAll':
        this.collapsed.clear();
        this.render();
        return;
      case 'rendered':
        this.renderedEmitter.fire({ version: msg.version, at: performance.now() });
        return;
      case 'command':
        if (msg.command === 'exportDiagram') await this.exportDiagram();
        else if (msg.command === 'showResults') await this.showResults();
        else if (msg.command === 'showDiagram') await this.showDiagram();
        else if (msg.command === 'exportMarkdown') await this.exportResults({ format: 'markdown' });
        else if (msg.command === 'exportCsv') await this.exportResults({ format: 'csv' });
        return;
    }
  }

  /** Shows the followed document with the cursor on a line (a click on a box). */
  async reveal(line: number): Promise<vscode.TextEditor | undefined> {
    const doc = this.doc;
    if (!doc || doc.isClosed) return undefined;
    const l = Math.min(Math.max(0, line), doc.lineCount - 1);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
    const text = doc.lineAt(l);
    const start = new vscode.Position(l, text.firstNonWhitespaceCharacterIndex);
    editor.selection = new vscode.Selection(start, start);
    editor.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return editor;
  }

  private baseName(): string {
    const path = this.doc?.uri.path ?? 'theory-of-change.md';
    const file = path.slice(path.lastIndexOf('/') + 1).replace(/\.md$/i, '');
    return slugOf(file) || 'theory-of-change';
  }

  private async ensureDoc(): Promise<boolean> {
    if (this.doc && !this.doc.isClosed) return true;
    const doc = await this.target(undefined);
    if (!doc) return false;
    this.follow(doc);
    return true;
  }

  /** Impact Hubs: Export Diagram… — SVG (standalone), PNG (desktop and CLI) or Mermaid text. */
  async exportDiagram(args: ExportArgs = {}): Promise<vscode.Uri | undefined> {
    if (!(await this.ensureDoc())) return undefined;
    const png = pngRenderer();
    let format = args.format;
    if (!format) {
      const pick = await vscode.window.showQuickPick(
        [
          { label: 'SVG', description: 'a standalone picture; looks the same in browsers, on GitHub and in editors', format: 'svg' as const },
          { label: 'PNG', description: png.render ? 'a bitmap, twice the diagram size' : 'not available here — choose for details', format: 'png' as const },
          { label: 'Mermaid', description: 'flowchart text that GitHub renders in a ```mermaid block', format: 'mermaid' as const },
        ],
        { title: 'Export the theory-of-change diagram as', placeHolder: 'Choose a format' },
      );
      format = pick?.format;
    }
    if (!format) return undefined;
    if (format === 'png' && !png.render) {
      void vscode.window.showInformationMessage(`Impact Hubs: ${png.reason}`);
      return undefined;
    }
    const ext = format === 'mermaid' ? 'mmd' : format;
    let uri = args.uri ? uriOf(args.uri) : undefined;
    if (!uri) {
      const dir = this.doc!.uri.with({ path: this.doc!.uri.path.slice(0, this.doc!.uri.path.lastIndexOf('/') + 1) || '/' });
      uri = await vscode.window.showSaveDialog({
        title: `Export diagram as ${format.toUpperCase()}`,
        defaultUri: this.doc!.isUntitled ? undefined : vscode.Uri.joinPath(dir, `${this.baseName()}.${ext}`),
        filters: format === 'svg' ? { SVG: ['svg'] } : format === 'png' ? { PNG: ['png'] } : { Mermaid: ['mmd', 'md'] },
        saveLabel: 'Export',
      });
    }
    if (!uri) return undefined;
    const snap = snapshot(this.doc!);
    const problemLines = snap.problems.map((p) => p.line);
    const work = async (): Promise<Uint8Array> => {
      if (format === 'mermaid') return new TextEncoder().encode(toMermaid(snap.graph, { problemLines, fenced: uri!.path.toLowerCase().endsWith('.md') }));
      const svg = standaloneSvg(snap.graph, { problemLines, collapsed: this.collapsed });
      return format === 'png' ? png.render!(svg) : new TextEncoder().encode(svg);
    };
    const bytes = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Impact Hubs: exporting the diagram as ${format.toUpperCase()}…` }, work);
    if (!(await writeChosen(uri, bytes, args.replace))) return undefined;
    const label = vscode.workspace.asRelativePath(uri);
    void vscode.window.showInformationMessage(`Impact Hubs: diagram exported to ${label}.`);
    return uri;
  }

  /** Impact Hubs: Export Results Framework… — a Markdown table (new editor) or a CSV file. */
  async exportResults(args: { format?: 'markdown' | 'csv'; uri?: vscode.Uri | string; replace?: boolean } = {}): Promise<vscode.Uri | vscode.TextDocument | undefined> {
    if (!(await this.ensureDoc())) return undefined;
    let format = args.format;
    if (!format) {
      const pick = await vscode.window.showQuickPick(
        [
          { label: 'Markdown table', description: 'opens in a new editor, to paste into a report', format: 'markdown' as const },
          { label: 'CSV', description: 'for spreadsheets', format: 'csv' as const },
        ],
        { title: 'Export the results framework as' },
      );
      format = pick?.format;
    }
    if (!format) return undefined;
    const rf = resultsFramework(parseTheoryOfChange(this.doc!.getText()));
    if (format === 'markdown') {
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: resultsMarkdown(rf, `Results framework — ${vscode.workspace.asRelativePath(this.doc!.uri)}`) });
      await vscode.window.showTextDocument(doc, vscode.ViewColumn.Beside);
      return doc;
    }
    let uri = args.uri ? uriOf(args.uri) : undefined;
    if (!uri) {
      const dir = this.doc!.uri.with({ path: this.doc!.uri.path.slice(0, this.doc!.uri.path.lastIndexOf('/') + 1) || '/' });
      uri = await vscode.window.showSaveDialog({ title: 'Export the results framework as CSV', defaultUri: this.doc!.isUntitled ? undefined : vscode.Uri.joinPath(dir, `${this.baseName()}-results.csv`), filters: { CSV: ['csv'] }, saveLabel: 'Export' });
    }
    if (!uri) return undefined;
    // A byte-order mark so spreadsheet programs read the text as UTF-8.
    if (!(await writeChosen(uri, new TextEncoder().encode(`\ufeff${resultsCsv(rf)}`), args.replace))) return undefined;
    void vscode.window.showInformationMessage(`Impact Hubs: results framework exported to ${vscode.workspace.asRelativePath(uri)}.`);
    return uri;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.panel?.dispose();
    this.results?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

export const tocDiagram: Feature = (ctx) => {
  const view = new TocDiagram(ctx.extension);
  ctx.expose('tocDiagram', view);
  return view;
};
