import * as vscode from 'vscode';
import { detectDocType } from '../core/authoring';
import { slugOf } from '../core/keys';
import { actorAtLine, parseLandscape, type LandscapeMap } from '../documents/landscape';
import { layoutGrid, layoutNetwork } from '../diagram/landscape';
import { LANDSCAPE_MAP_PAGE } from '../diagram/pages';
import { gridSvg, mapEmptyMessage, mapSummary, networkNotice, networkSvg, standaloneMapSvg, type MapView } from '../diagram/landscape-svg';
import type { Feature } from '../features/feature';
import { pngRenderer } from '../platform/png';
import { parseMapMessage, type MapFromWebview, type MapTab, type MapToWebview } from './protocol';
import { html, newPanel } from './toc-diagram';
import { writeChosen } from '../services/vscode-ports';

export const MAP_VIEW_TYPE = 'impactHubs.landscapeMap';
/** Context key: the active editor holds a landscape map (editor title button). */
export const MAP_CONTEXT_KEY = 'impactHubs.isLandscapeMap';
/** Redraws are coalesced like the theory-of-change diagram's: at most one per this many ms while typing. */
export const MAP_DEBOUNCE_MS = 60;

export interface MapExportArgs {
  view?: MapView;
  format?: 'svg' | 'png';
  uri?: vscode.Uri | string;
  /** undefined: ask before replacing an existing file; false: never replace; true: replace. */
  replace?: boolean;
}

interface Snapshot {
  map: LandscapeMap;
  /** 0-based lines with problems: the parser's and every warning or error on the document. */
  problems: { line: number; message: string }[];
}

function snapshot(doc: vscode.TextDocument): Snapshot {
  const map = parseLandscape(doc.getText());
  const diags = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning);
  const seen = new Set<string>();
  const problems: Snapshot['problems'] = [];
  for (const p of [...map.problems.map((x) => ({ line: x.line, message: x.message })), ...diags.map((d) => ({ line: d.range.start.line, message: d.message }))]) {
    const key = `${p.line}\u0000${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(p);
  }
  problems.sort((a, b) => a.line - b.line);
  return { map, problems };
}

function isMap(doc: vscode.TextDocument | undefined): boolean {
  return !!doc && doc.languageId === 'markdown' && detectDocType(doc.getText()) === 'landscape-map';
}

const uriOf = (u: vscode.Uri | string) => (typeof u === 'string' ? vscode.Uri.parse(u) : u);

/**
 * Impact Hubs: Show Landscape Map (a webview beside the editor with two tabs: the power–interest
 * grid and the ecosystem network; it follows the document as it is typed) and Export Landscape
 * Map… (SVG anywhere, PNG where Node runs).
 */
export class LandscapeMapView implements vscode.Disposable {
  private panel?: vscode.WebviewPanel;
  private doc?: vscode.TextDocument;
  private timer?: ReturnType<typeof setTimeout>;
  private version = 0;
  private current?: Snapshot;
  private highlighted?: string;
  private lastRenderAt = -Infinity;
  /** The tab shown (kept when the panel is closed and opened again). */
  tab: MapTab = 'grid';
  private readonly disposables: vscode.Disposable[] = [];
  private readonly renderedEmitter = new vscode.EventEmitter<{ version: number; at: number }>();
  /** Fires when the page reports it has drawn a render (tests wait for it). */
  readonly onDidRender = this.renderedEmitter.event;
  /** The last pictures sent to the page. */
  lastGrid = '';
  lastNetwork = '';

  constructor(private readonly context: vscode.ExtensionContext) {
    this.disposables.push(
      this.renderedEmitter,
      vscode.commands.registerCommand('impactHubs.showLandscapeMap', (uri?: unknown, options?: { view?: unknown }) => this.show(uri, options?.view)),
      vscode.commands.registerCommand('impactHubs.exportLandscapeMap', (args?: MapExportArgs) => this.exportMap(args)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === this.doc && e.contentChanges.length) this.schedule();
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
    void vscode.commands.executeCommand('setContext', MAP_CONTEXT_KEY, isMap(vscode.window.activeTextEditor?.document));
  }

  /** The document to show: the one given, else the active editor's, else the one already shown. */
  private async target(arg: unknown): Promise<vscode.TextDocument | undefined> {
    if (arg instanceof vscode.Uri) return vscode.workspace.openTextDocument(arg);
    if (typeof arg === 'string' && arg) return vscode.workspace.openTextDocument(vscode.Uri.parse(arg));
    const active = vscode.window.activeTextEditor?.document;
    if (active?.languageId === 'markdown') return active;
    if (this.doc && !this.doc.isClosed) return this.doc;
    void vscode.window.showInformationMessage('Impact Hubs: open a landscape map (a Markdown file with "type: landscape-map", or run Impact Hubs: New Landscape Map) to see its grid and network.');
    return undefined;
  }

  get panelOpen(): vscode.WebviewPanel | undefined {
    return this.panel;
  }

  /** The model of the followed document. */
  get map(): LandscapeMap | undefined {
    return this.current?.map;
  }

  get highlightedId(): string | undefined {
    return this.highlighted;
  }

  /** Opens (or reveals) the map beside the editor, on the tab asked for (or the last one). */
  async show(arg?: unknown, view?: unknown): Promise<vscode.WebviewPanel | undefined> {
    const doc = await this.target(arg);
    if (!doc) return undefined;
    this.doc = doc;
    if (view === 'grid' || view === 'network') this.tab = view;
    if (!isMap(doc)) void vscode.window.setStatusBarMessage('Impact Hubs: this document does not look like a landscape map; the view shows what it can read', 5000);
    const title = `Landscape map: ${vscode.workspace.asRelativePath(doc.uri)}`;
    if (!this.panel) {
      const panel = newPanel(this.context, MAP_VIEW_TYPE, title);
      this.panel = panel;
      panel.onDidDispose(() => (this.panel = undefined));
      panel.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(parseMapMessage(raw)));
      panel.webview.html = html(this.context, panel.webview, title, LANDSCAPE_MAP_PAGE);
    } else {
      this.panel.title = title;
      this.panel.reveal(this.panel.viewColumn, true);
      const msg: MapToWebview = { type: 'tab', tab: this.tab };
      void this.panel.webview.postMessage(msg);
    }
    this.render();
    return this.panel;
  }

  private schedule(): void {
    if (!this.panel || this.timer) return;
    const wait = Math.max(0, this.lastRenderAt + MAP_DEBOUNCE_MS - performance.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.render();
    }, wait);
  }

  /** Parses, lays out both views and sends them to the page. */
  render(): void {
    const doc = this.doc;
    if (!doc || !this.panel) return;
    this.lastRenderAt = performance.now();
    const snap = snapshot(doc);
    this.current = snap;
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    this.highlighted = editor ? actorAtLine(snap.map, editor.selection.active.line)?.id : this.highlighted;
    const options = { mode: 'webview' as const, problemLines: snap.problems.map((p) => p.line), highlight: this.highlighted };
    const network = layoutNetwork(snap.map);
    this.lastGrid = gridSvg(layoutGrid(snap.map), snap.map, options);
    this.lastNetwork = networkSvg(network, snap.map, options);
    const msg: MapToWebview = {
      type: 'render',
      version: ++this.version,
      grid: this.lastGrid,
      network: this.lastNetwork,
      tab: this.tab,
      summary: mapSummary(snap.map),
      notice: networkNotice(network),
      problems: snap.problems.slice(0, 50),
      highlight: this.highlighted,
      empty: mapEmptyMessage(snap.map),
    };
    void this.panel.webview.postMessage(msg);
  }

  private highlightLine(line: number): void {
    if (!this.panel || !this.current) return;
    const id = actorAtLine(this.current.map, line)?.id;
    if (id === this.highlighted) return;
    this.highlighted = id;
    const msg: MapToWebview = { type: 'highlight', id };
    void this.panel.webview.postMessage(msg);
  }

  /** Handles a validated page message (also the tests' way in). */
  async onMessage(msg: MapFromWebview | undefined): Promise<void> {
    if (!msg) return;
    switch (msg.type) {
      case 'ready':
        this.render();
        return;
      case 'reveal':
        await this.reveal(msg.line);
        return;
      case 'tab':
        this.tab = msg.tab;
        return;
      case 'command':
        await this.exportMap({ view: this.tab });
        return;
      case 'rendered':
        this.renderedEmitter.fire({ version: msg.version, at: performance.now() });
        return;
    }
  }

  /** Shows the followed document with the cursor on a line (a click on an actor). */
  async reveal(line: number): Promise<vscode.TextEditor | undefined> {
    const doc = this.doc;
    if (!doc || doc.isClosed) return undefined;
    const l = Math.min(Math.max(0, line), doc.lineCount - 1);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
    const text = doc.lineAt(l).text;
    // At the start of the row's first cell (after "| "), or of the line's text.
    const pipe = text.indexOf('|');
    let col = doc.lineAt(l).firstNonWhitespaceCharacterIndex;
    if (pipe >= 0 && pipe === col) {
      col = pipe + 1;
      while (text[col] === ' ') col++;
    }
    const start = new vscode.Position(l, col);
    editor.selection = new vscode.Selection(start, start);
    editor.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return editor;
  }

  private baseName(): string {
    const path = this.doc?.uri.path ?? 'landscape.md';
    return slugOf(path.slice(path.lastIndexOf('/') + 1).replace(/\.md$/i, '')) || 'landscape';
  }

  /** Impact Hubs: Export Landscape Map… — the grid or the network as a standalone SVG or (desktop) PNG. */
  async exportMap(args: MapExportArgs = {}): Promise<vscode.Uri | undefined> {
    if (!this.doc || this.doc.isClosed) {
      const doc = await this.target(undefined);
      if (!doc) return undefined;
      this.doc = doc;
    }
    const doc = this.doc;
    const png = pngRenderer();
    let view = args.view;
    let format = args.format;
    if (!view || !format) {
      const options: { label: string; description: string; view: MapView; format: 'svg' | 'png' }[] = [];
      for (const v of ['grid', 'network'] as const) {
        if (view && view !== v) continue;
        const name = v === 'grid' ? 'Power–interest grid' : 'Ecosystem network';
        if (!format || format === 'svg') options.push({ label: `${name} as SVG`, description: 'a standalone picture; looks the same in browsers, on GitHub and in editors', view: v, format: 'svg' });
        if (!format || format === 'png') options.push({ label: `${name} as PNG`, description: png.render ? 'a bitmap, twice the picture size' : 'not available here — choose for details', view: v, format: 'png' });
      }
      // The tab on screen first.
      options.sort((a, b) => Number(b.view === this.tab) - Number(a.view === this.tab));
      const pick = await vscode.window.showQuickPick(options, { title: 'Export the landscape map', placeHolder: 'Choose a view and a format' });
      if (!pick) return undefined;
      view = pick.view;
      format = pick.format;
    }
    if (format === 'png' && !png.render) {
      void vscode.window.showInformationMessage(`Impact Hubs: ${png.reason}`);
      return undefined;
    }
    let uri = args.uri ? uriOf(args.uri) : undefined;
    if (!uri) {
      const dir = doc.uri.with({ path: doc.uri.path.slice(0, doc.uri.path.lastIndexOf('/') + 1) || '/' });
      uri = await vscode.window.showSaveDialog({
        title: `Export the ${view === 'grid' ? 'power–interest grid' : 'ecosystem network'} as ${format.toUpperCase()}`,
        defaultUri: doc.isUntitled ? undefined : vscode.Uri.joinPath(dir, `${this.baseName()}-${view}.${format}`),
        filters: format === 'svg' ? { SVG: ['svg'] } : { PNG: ['png'] },
        saveLabel: 'Export',
      });
    }
    if (!uri) return undefined;
    const snap = snapshot(doc);
    const chosenView = view;
    const work = async (): Promise<Uint8Array> => {
      const svg = standaloneMapSvg(snap.map, chosenView, { problemLines: snap.problems.map((p) => p.line) });
      return format === 'png' ? png.render!(svg) : new TextEncoder().encode(svg);
    };
    const bytes = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Impact Hubs: exporting the landscape map as ${format.toUpperCase()}…` }, work);
    if (!(await writeChosen(uri, bytes, args.replace))) return undefined;
    void vscode.window.showInformationMessage(`Impact Hubs: landscape map (${view}) exported to ${vscode.workspace.asRelativePath(uri)}.`);
    return uri;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

export const landscapeMap: Feature = (ctx) => {
  const view = new LandscapeMapView(ctx.extension);
  ctx.expose('landscapeMap', view);
  return view;
};
