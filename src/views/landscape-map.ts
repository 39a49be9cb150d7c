import * as vscode from 'vscode';
import { detectDocType } from '../core/authoring';
import { actorAtLine, parseLandscape, type LandscapeMap } from '../documents/landscape';
import { layoutGrid, layoutNetwork } from '../diagram/landscape';
import { LANDSCAPE_MAP_PAGE } from '../diagram/pages';
import { gridSvg, mapEmptyMessage, mapSummary, networkNotice, networkSvg, standaloneMapSvg, type MapView } from '../diagram/landscape-svg';
import { diagnosticProblems, folderOf, LivePanel, uriOf } from './live-panel';
import { parseMapMessage, type MapFromWebview, type MapTab, type MapToWebview } from './protocol';
import { writeChosen } from '../services/vscode-ports';

export const MAP_VIEW_TYPE = 'impactHubs.landscapeMap';
const MAP_TAB_KEY = 'impactHubs.landscapeMap.tab';
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
  const seen = new Set<string>();
  const problems: Snapshot['problems'] = [];
  for (const p of [...map.problems.map((x) => ({ line: x.line, message: x.message })), ...diagnosticProblems(doc)]) {
    const key = `${p.line}\u0000${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(p);
  }
  problems.sort((a, b) => a.line - b.line);
  return { map, problems };
}

/**
 * Impact Hubs: Show Landscape Map (a webview beside the editor with two tabs: the power–interest
 * grid and the ecosystem network; it follows the document as it is typed) and Export Landscape
 * Map… (SVG anywhere, PNG where Node runs).
 */
export class LandscapeMapView extends LivePanel<Snapshot> {
  private panel?: vscode.WebviewPanel;
  /** The tab shown (kept when the panel is closed and opened again). */
  tab: MapTab = 'grid';
  /** The last pictures sent to the page. */
  lastGrid = '';
  lastNetwork = '';

  constructor(context: vscode.ExtensionContext) {
    super(context, {
      contextKey: MAP_CONTEXT_KEY,
      isKind: (doc) => detectDocType(doc.getText()) === 'landscape-map',
      debounceMs: MAP_DEBOUNCE_MS,
      noDocument: 'Impact Hubs: open a landscape map (a Markdown file with "type: landscape-map", or run Impact Hubs: New Landscape Map) to see its grid and network.',
      notKind: 'Impact Hubs: this document does not look like a landscape map; the view shows what it can read',
      uriStrings: true,
      // After a reload the page reopens on the tab it showed.
      restore: { [MAP_VIEW_TYPE]: (panel) => this.show(undefined, this.context.workspaceState.get(MAP_TAB_KEY), panel) },
    });
    this.disposables.push(
      vscode.commands.registerCommand('impactHubs.showLandscapeMap', (uri?: unknown, options?: { view?: unknown }) => this.show(uri, options?.view)),
      vscode.commands.registerCommand('impactHubs.exportLandscapeMap', (args?: MapExportArgs) => this.exportMap(args)),
    );
  }

  protected pages(): (vscode.WebviewPanel | undefined)[] {
    return [this.panel];
  }

  protected cursorPage(): vscode.WebviewPanel | undefined {
    return this.panel;
  }

  protected openCursorPage(): Promise<vscode.WebviewPanel | undefined> {
    return this.show(this.doc?.uri);
  }

  protected idAtLine(snap: Snapshot, line: number): string | undefined {
    return actorAtLine(snap.map, line)?.id;
  }

  get panelOpen(): vscode.WebviewPanel | undefined {
    return this.panel;
  }

  /** The model of the followed document. */
  get map(): LandscapeMap | undefined {
    return this.current?.map;
  }

  /** Opens (or reveals) the map beside the editor, on the tab asked for (or the last one). */
  async show(arg?: unknown, view?: unknown, adopt?: vscode.WebviewPanel): Promise<vscode.WebviewPanel | undefined> {
    const doc = adopt ? this.doc : await this.target(arg);
    if (!doc) return undefined;
    if (view === 'grid' || view === 'network') this.tab = view;
    this.follow(doc);
    const open = this.panel;
    this.panel = this.openPage(this.panel, {
      viewType: MAP_VIEW_TYPE,
      title: `Landscape map: ${vscode.workspace.asRelativePath(doc.uri)}`,
      spec: LANDSCAPE_MAP_PAGE,
      onMessage: (raw) => this.onMessage(parseMapMessage(raw)),
      closed: () => (this.panel = undefined),
      adopt,
    });
    if (open) {
      const msg: MapToWebview = { type: 'tab', tab: this.tab };
      void open.webview.postMessage(msg);
    }
    this.render();
    return this.panel;
  }

  /** Parses, lays out both views and sends them to the page. */
  render(): void {
    const doc = this.doc;
    if (!doc || !this.panel) return;
    this.rendering();
    const snap = snapshot(doc);
    this.current = snap;
    this.highlighted = this.cursorId(snap);
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

  /** Handles a validated page message (also the tests' way in). */
  async onMessage(msg: MapFromWebview | undefined): Promise<void> {
    if (!msg || (await this.commonMessage(msg))) return;
    switch (msg.type) {
      case 'tab':
        this.tab = msg.tab;
        void this.context.workspaceState.update(MAP_TAB_KEY, msg.tab);
        return;
      case 'command':
        await this.exportMap({ view: this.tab });
        return;
    }
  }

  /** A click on an actor goes to the start of its row's first cell (after "| "), or of the line's text. */
  protected revealColumn(line: vscode.TextLine): number {
    const text = line.text;
    const pipe = text.indexOf('|');
    let col = line.firstNonWhitespaceCharacterIndex;
    if (pipe >= 0 && pipe === col) {
      col = pipe + 1;
      while (text[col] === ' ') col++;
    }
    return col;
  }

  /** Impact Hubs: Export Landscape Map… — the grid or the network as a standalone SVG or a PNG. */
  async exportMap(args: MapExportArgs = {}): Promise<vscode.Uri | undefined> {
    if (!this.doc || this.doc.isClosed) {
      const doc = await this.target(undefined);
      if (!doc) return undefined;
      this.doc = doc;
    }
    const doc = this.doc;
    let view = args.view;
    let format = args.format;
    if (!view || !format) {
      const options: { label: string; description: string; view: MapView; format: 'svg' | 'png' }[] = [];
      for (const v of ['grid', 'network'] as const) {
        if (view && view !== v) continue;
        const name = v === 'grid' ? 'Power–interest grid' : 'Ecosystem network';
        if (!format || format === 'svg') options.push({ label: `${name} as SVG`, description: 'a standalone picture; looks the same in browsers, on GitHub and in editors', view: v, format: 'svg' });
        if (!format || format === 'png') options.push({ label: `${name} as PNG`, description: 'a bitmap, twice the picture size', view: v, format: 'png' });
      }
      // The tab on screen first.
      options.sort((a, b) => Number(b.view === this.tab) - Number(a.view === this.tab));
      const pick = await vscode.window.showQuickPick(options, { title: 'Export the landscape map', placeHolder: 'Choose a view and a format' });
      if (!pick) return undefined;
      view = pick.view;
      format = pick.format;
    }
    let uri = args.uri ? uriOf(args.uri) : undefined;
    if (!uri) {
      const dir = folderOf(doc.uri);
      uri = await vscode.window.showSaveDialog({
        title: `Export the ${view === 'grid' ? 'power–interest grid' : 'ecosystem network'} as ${format.toUpperCase()}`,
        defaultUri: doc.isUntitled ? undefined : vscode.Uri.joinPath(dir, `${this.baseName('landscape')}-${view}.${format}`),
        filters: format === 'svg' ? { SVG: ['svg'] } : { PNG: ['png'] },
        saveLabel: 'Export',
      });
    }
    if (!uri) return undefined;
    const snap = snapshot(doc);
    const chosenView = view;
    const work = async (): Promise<Uint8Array> => {
      const svg = standaloneMapSvg(snap.map, chosenView, { problemLines: snap.problems.map((p) => p.line) });
      return format === 'png' ? this.toPng(svg) : new TextEncoder().encode(svg);
    };
    let bytes: Uint8Array;
    try {
      bytes = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Impact Hubs: exporting the landscape map as ${format.toUpperCase()}…` }, work);
    } catch (e) {
      void vscode.window.showErrorMessage(`Impact Hubs: the landscape map was not exported: ${e instanceof Error ? e.message : String(e)}. Nothing was written.`);
      return undefined;
    }
    if (!(await writeChosen(uri, bytes, args.replace))) return undefined;
    void vscode.window.showInformationMessage(`Impact Hubs: landscape map (${view}) exported to ${vscode.workspace.asRelativePath(uri)}.`);
    return uri;
  }
}
