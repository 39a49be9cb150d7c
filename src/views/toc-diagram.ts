import * as vscode from 'vscode';
import { writeChosen } from '../services/vscode-ports';
import { detectDocType } from '../core/authoring';
import { nodeAtLine, parseTheoryOfChange, type TocGraph } from '../documents/toc';
import { toMermaid } from '../diagram/mermaid';
import { RESULTS_PAGE, TOC_DIAGRAM_PAGE } from '../diagram/pages';
import { resultsCsv, resultsFramework, resultsHtml, resultsMarkdown } from '../diagram/results';
import { renderTocSvg, sizeNotice, standaloneSvg } from '../diagram/svg';
import { diagnosticProblems, folderOf, LivePanel, uriOf } from './live-panel';
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
  const problems = [...graph.problems.map((p) => ({ line: p.line, message: p.message })), ...diagnosticProblems(doc)].sort((a, b) => a.line - b.line);
  return { graph, problems };
}

/**
 * Impact Hubs: Show Theory of Change Diagram, Show Results Framework, Export Diagram… and Export
 * Results Framework…: webviews beside the editor that follow the document as it is typed.
 */
export class TocDiagram extends LivePanel<Snapshot> {
  private panel?: vscode.WebviewPanel;
  private results?: vscode.WebviewPanel;
  private collapsed = new Set<string>();
  /** The last SVG sent to the page (lastChangeAt: when the document change that caused it arrived). */
  lastSvg = '';
  /** When the last render was computed and posted to the page (performance.now()). */
  lastPostedAt = 0;

  constructor(context: vscode.ExtensionContext) {
    super(context, {
      contextKey: CONTEXT_KEY,
      isKind: (doc) => detectDocType(doc.getText()) === 'theory-of-change',
      debounceMs: DEBOUNCE_MS,
      noDocument: 'Impact Hubs: open a theory of change (a Markdown file with "type: theory-of-change" or its sections) to see its diagram.',
      notKind: 'Impact Hubs: this document does not look like a theory of change; the diagram shows what it can read',
      restore: { [DIAGRAM_VIEW_TYPE]: (panel) => this.showDiagram(undefined, panel), [RESULTS_VIEW_TYPE]: (panel) => this.showResults(undefined, panel) },
    });
    this.disposables.push(
      vscode.commands.registerCommand('impactHubs.showTocDiagram', (uri?: unknown) => this.showDiagram(uri)),
      vscode.commands.registerCommand('impactHubs.showResultsFramework', (uri?: unknown) => this.showResults(uri)),
      vscode.commands.registerCommand('impactHubs.exportDiagram', (args?: ExportArgs) => this.exportDiagram(args)),
      vscode.commands.registerCommand('impactHubs.exportResultsFramework', (args?: { format?: 'markdown' | 'csv'; uri?: vscode.Uri | string; replace?: boolean }) => this.exportResults(args)),
    );
  }

  protected pages(): (vscode.WebviewPanel | undefined)[] {
    return [this.panel, this.results];
  }

  protected cursorPage(): vscode.WebviewPanel | undefined {
    return this.panel;
  }

  protected openCursorPage(): Promise<vscode.WebviewPanel | undefined> {
    return this.showDiagram(this.doc?.uri);
  }

  protected idAtLine(snap: Snapshot, line: number): string | undefined {
    return nodeAtLine(snap.graph, line)?.id;
  }

  /** Both views follow one document; another one starts with every pathway expanded. */
  protected follow(doc: vscode.TextDocument): void {
    if (this.doc !== doc) this.collapsed.clear();
    super.follow(doc);
  }

  /** Opens (or reveals) the diagram beside the editor. */
  async showDiagram(arg?: unknown, adopt?: vscode.WebviewPanel): Promise<vscode.WebviewPanel | undefined> {
    const doc = adopt ? this.doc : await this.target(arg);
    if (!doc) return undefined;
    this.follow(doc);
    // Beside the editor; a tab next to the results framework when that is open.
    this.panel = this.openPage(this.panel, {
      viewType: DIAGRAM_VIEW_TYPE,
      title: `Diagram: ${vscode.workspace.asRelativePath(doc.uri)}`,
      spec: TOC_DIAGRAM_PAGE,
      column: this.results?.viewColumn,
      onMessage: (raw) => this.onMessage(parseTocMessage(raw)),
      closed: () => (this.panel = undefined),
      adopt,
    });
    this.render();
    return this.panel;
  }

  /** Opens (or reveals) the results framework beside the editor. */
  async showResults(arg?: unknown, adopt?: vscode.WebviewPanel): Promise<vscode.WebviewPanel | undefined> {
    const doc = adopt ? this.doc : await this.target(arg);
    if (!doc) return undefined;
    this.follow(doc);
    this.results = this.openPage(this.results, {
      viewType: RESULTS_VIEW_TYPE,
      title: `Results framework: ${vscode.workspace.asRelativePath(doc.uri)}`,
      spec: RESULTS_PAGE,
      column: this.panel?.viewColumn,
      onMessage: (raw) => this.onMessage(parseTocMessage(raw)),
      closed: () => (this.results = undefined),
      adopt,
    });
    this.render();
    return this.results;
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

  get collapsedIds(): string[] {
    return [...this.collapsed];
  }

  /** Parses, lays out and sends the diagram and the results framework to the open pages. */
  render(): void {
    const doc = this.doc;
    if (!doc) return;
    this.rendering();
    const snap = snapshot(doc);
    this.current = snap;
    const version = ++this.version;
    if (this.panel) {
      const known = new Set(snap.graph.nodes.map((n) => n.id));
      for (const id of this.collapsed) if (!known.has(id)) this.collapsed.delete(id);
      this.highlighted = this.cursorId(snap);
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

  /** Handles a validated page message (also the tests' way in). */
  async onMessage(msg: TocFromWebview | undefined): Promise<void> {
    if (!msg || (await this.commonMessage(msg))) return;
    switch (msg.type) {
      case 'toggle':
        if (this.collapsed.has(msg.id)) this.collapsed.delete(msg.id);
        else this.collapsed.add(msg.id);
        this.render();
        return;
      case 'expandAll':
        this.collapsed.clear();
        this.render();
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

  /** Impact Hubs: Export Diagram… — SVG (standalone), PNG or Mermaid text. */
  async exportDiagram(args: ExportArgs = {}): Promise<vscode.Uri | undefined> {
    if (!(await this.ensureDoc())) return undefined;
    let format = args.format;
    if (!format) {
      const pick = await vscode.window.showQuickPick(
        [
          { label: 'SVG', description: 'a standalone picture; looks the same in browsers, on GitHub and in editors', format: 'svg' as const },
          { label: 'PNG', description: 'a bitmap, twice the diagram size', format: 'png' as const },
          { label: 'Mermaid', description: 'flowchart text that GitHub renders in a ```mermaid block', format: 'mermaid' as const },
        ],
        { title: 'Export the theory-of-change diagram as', placeHolder: 'Choose a format' },
      );
      format = pick?.format;
    }
    if (!format) return undefined;
    const ext = format === 'mermaid' ? 'mmd' : format;
    let uri = args.uri ? uriOf(args.uri) : undefined;
    if (!uri) {
      const dir = folderOf(this.doc!.uri);
      uri = await vscode.window.showSaveDialog({
        title: `Export diagram as ${format.toUpperCase()}`,
        defaultUri: this.doc!.isUntitled ? undefined : vscode.Uri.joinPath(dir, `${this.baseName('theory-of-change')}.${ext}`),
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
      return format === 'png' ? this.toPng(svg) : new TextEncoder().encode(svg);
    };
    let bytes: Uint8Array;
    try {
      bytes = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Impact Hubs: exporting the diagram as ${format.toUpperCase()}…` }, work);
    } catch (e) {
      void vscode.window.showErrorMessage(`Impact Hubs: the diagram was not exported: ${e instanceof Error ? e.message : String(e)}. Nothing was written.`);
      return undefined;
    }
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
      const dir = folderOf(this.doc!.uri);
      uri = await vscode.window.showSaveDialog({ title: 'Export the results framework as CSV', defaultUri: this.doc!.isUntitled ? undefined : vscode.Uri.joinPath(dir, `${this.baseName('theory-of-change')}-results.csv`), filters: { CSV: ['csv'] }, saveLabel: 'Export' });
    }
    if (!uri) return undefined;
    // A byte-order mark so spreadsheet programs read the text as UTF-8.
    if (!(await writeChosen(uri, new TextEncoder().encode(`\ufeff${resultsCsv(rf)}`), args.replace))) return undefined;
    void vscode.window.showInformationMessage(`Impact Hubs: results framework exported to ${vscode.workspace.asRelativePath(uri)}.`);
    return uri;
  }
}
