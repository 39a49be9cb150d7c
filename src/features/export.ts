import * as vscode from 'vscode';
import { exists } from '../services/vscode-ports';
import { exportableType } from '../export/doc-type';
import { FORMATS, isExportFormat, type ExportDoc, type ExportExtras, type ExportFormat, type ExportReport } from '../export/model';
import type { PdfRenderer } from '../export/pdf';
import type { Feature } from './feature';

/** Arguments for scripts and tests; from menus the command gets the document's Uri instead. */
export interface ExportArgs {
  uri?: vscode.Uri | string;
  format?: ExportFormat;
  /** Skips the save dialog. An existing file is replaced only with `overwrite: true` (else the writer is asked). */
  destination?: vscode.Uri | string;
  overwrite?: boolean;
  /** Skips the "template prompts left — export anyway?" question. */
  ignorePlaceholders?: boolean;
}

export interface ExportOutcome {
  uri: vscode.Uri;
  format: ExportFormat;
  bytes: number;
  summary: string;
  report: ExportReport;
}

const CONTEXT_KEY = 'impactHubs.exportableDoc';
const LAST_FORMAT = 'impactHubs.export.lastFormat';

/**
 * The export library (markdown model, docx writer), loaded on first use rather than at activation:
 * the extension activates with every Markdown file, and most sessions never export.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lib = (): typeof import('../export') => require('../export') as typeof import('../export');

/** True in a Node extension host (desktop, remote, code-server), false in the browser's web worker. */
function inNodeHost(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: unknown } } }).process;
  return typeof p?.versions?.node === 'string';
}

/** The PDF renderer of the Node host: a Chromium, Chrome or Edge on this machine; none in the web worker. */
function pdfRenderer(): PdfRenderer | undefined {
  if (!inNodeHost()) return undefined;
  const configured = vscode.workspace.getConfiguration('impactHubs').get<string>('export.browserPath', '');
  // Required here, not imported: the web-worker bundle never runs Node's child_process.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ChromiumPdf, findBrowser } = require('../platform/chromium-pdf') as typeof import('../platform/chromium-pdf');
  const exe = findBrowser(configured);
  return exe ? new ChromiumPdf(exe) : undefined;
}

function toUri(u: vscode.Uri | string | undefined): vscode.Uri | undefined {
  return typeof u === 'string' ? vscode.Uri.parse(u) : u;
}

function baseName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() ?? uri.path;
}

function localDesktop(uri: vscode.Uri): boolean {
  return vscode.env.uiKind === vscode.UIKind.Desktop && vscode.env.remoteName === undefined && uri.scheme === 'file';
}

/** Impact Hubs: Export Document… — Word, standalone HTML or PDF, with resolved citations. */
export const exportDocument: Feature = (ctx) => {
  const { knowledge } = ctx;
  let last: ExportOutcome | undefined;

  async function readSource(uri: vscode.Uri): Promise<string> {
    // The editor's text, unsaved edits included; else the file.
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return open.getText();
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  }

  async function confirmLeftovers(doc: ExportDoc, source: vscode.Uri): Promise<boolean> {
    const r = doc.report;
    if (r.placeholders.length === 0 && r.unknownRefs.length === 0) return true;
    const n = r.placeholderSections.length;
    const head = n ? `${n} section${n === 1 ? '' : 's'} still hold${n === 1 ? 's' : ''} template prompts — export anyway?` : `${r.unknownRefs.length} reference${r.unknownRefs.length === 1 ? ' is' : 's are'} not in the knowledge base — export anyway?`;
    const detail = lib().reportLines(r, 5).join('\n\n');
    const show = r.placeholders.length ? 'Show First Prompt' : 'Show First Reference';
    const pick = await vscode.window.showWarningMessage(head, { modal: true, detail }, 'Export Anyway', show);
    if (pick === show) {
      const line = Math.max(0, (r.placeholders[0]?.line ?? r.unknownRefs[0]?.line ?? 1) - 1);
      const editor = await vscode.window.showTextDocument(source);
      editor.selection = new vscode.Selection(line, 0, line, 0);
      editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.InCenter);
    }
    return pick === 'Export Anyway';
  }

  async function pickFormat(pdf: PdfRenderer | undefined): Promise<ExportFormat | undefined> {
    const lastFormat = ctx.extension.workspaceState.get<string>(LAST_FORMAT);
    const noPdf = inNodeHost() ? 'No Chrome, Chromium or Edge found — select for what to do' : 'Not in the browser — select for Word or HTML instead';
    const items: (vscode.QuickPickItem & { format: ExportFormat })[] = [
      { label: `$(file) ${FORMATS.docx.label}`, description: 'Title page, contents, heading styles, real footnotes', format: 'docx' },
      { label: `$(globe) ${FORMATS.html.label}`, description: 'One file, no remote resources, prints well', format: 'html' },
      { label: `$(file-pdf) ${FORMATS.pdf.label}`, description: pdf ? `Printed with ${pdf.name}` : noPdf, format: 'pdf' },
    ];
    items.sort((a, b) => Number(b.format === lastFormat) - Number(a.format === lastFormat));
    const pick = await vscode.window.showQuickPick(items, { title: 'Export Document (1/2): format', placeHolder: 'Choose the format for partners who do not use VS Code' });
    return pick?.format;
  }

  async function destination(source: vscode.Uri, format: ExportFormat): Promise<vscode.Uri | undefined> {
    const ext = FORMATS[format].ext;
    const name = `${baseName(source).replace(/\.(md|markdown)$/i, '') || 'document'}.${ext}`;
    const folder = source.scheme === 'untitled' ? vscode.workspace.workspaceFolders?.[0]?.uri : vscode.Uri.joinPath(source, '..');
    return vscode.window.showSaveDialog({
      title: 'Export Document (2/2): where to save',
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: { [FORMATS[format].label]: [ext] },
      saveLabel: 'Export',
    });
  }

  async function run(arg?: unknown): Promise<ExportOutcome | undefined> {
    const args: ExportArgs = arg instanceof vscode.Uri ? { uri: arg } : arg && typeof arg === 'object' ? (arg as ExportArgs) : {};
    const editor = vscode.window.activeTextEditor;
    const source = toUri(args.uri) ?? (editor?.document.languageId === 'markdown' ? editor.document.uri : undefined);
    if (!source) {
      void vscode.window.showInformationMessage('Impact Hubs: open a charter, theory of change or other Markdown document to export it.');
      return undefined;
    }
    const name = baseName(source);
    let text: string;
    try {
      text = await readSource(source);
    } catch (e) {
      void vscode.window.showErrorMessage(`Impact Hubs: cannot read ${name}: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
    if (!(await knowledge.ensureReady())) return undefined;
    // Own notes can be cited too: wait for their index (restored from storage, usually at once).
    await knowledge.workspaceReady().catch(() => undefined);

    // A theory of change's diagram and results framework, a landscape map's grid and network are
    // added by prepareExport (src/export/extras.ts), as in the CLI.
    const prepare = (extras?: ExportExtras): ExportDoc =>
      lib().prepareExport(text, { resolve: lib().storeResolver(knowledge.store, (p) => vscode.workspace.asRelativePath(vscode.Uri.parse(p))), today: new Date().toISOString().slice(0, 10), fileName: name, extras });
    let doc: ExportDoc;
    try {
      doc = prepare();
    } catch (e) {
      const line = e instanceof lib().ExportError ? (e as { line?: number }).line : undefined;
      const go = 'Go to Problem';
      const pick = await vscode.window.showErrorMessage(`Impact Hubs: ${name} was not exported: ${e instanceof Error ? e.message : String(e)}${line ? ` (line ${line})` : ''}.`, ...(line ? [go] : []));
      if (pick === go && line) {
        const ed = await vscode.window.showTextDocument(source);
        ed.selection = new vscode.Selection(line - 1, 0, line - 1, 0);
      }
      return undefined;
    }
    if (!args.ignorePlaceholders && !(await confirmLeftovers(doc, source))) return undefined;

    const pdf = pdfRenderer();
    let format = isExportFormat(args.format) ? args.format : await pickFormat(pdf);
    if (!format) return undefined;
    if (format === 'pdf' && !pdf) {
      const why = inNodeHost() ? lib().PDF_UNAVAILABLE : 'PDF cannot be made in the browser (vscode.dev): it needs Chrome, Chromium or Edge started from the desktop app. Export to Word, or to HTML and print it to PDF from the browser.';
      const pick = await vscode.window.showWarningMessage(why, { modal: true }, 'Export Word (.docx)', 'Export HTML');
      format = pick === 'Export Word (.docx)' ? 'docx' : pick === 'Export HTML' ? 'html' : undefined;
      if (!format) return undefined;
    }
    void ctx.extension.workspaceState.update(LAST_FORMAT, format);

    const target = toUri(args.destination) ?? (await destination(source, format));
    if (!target) return undefined;
    if (target.toString() === source.toString()) {
      void vscode.window.showErrorMessage('Impact Hubs: the export would replace the Markdown document itself. Choose another file name.');
      return undefined;
    }
    if (!args.overwrite && (await exists(target))) {
      const replace = 'Replace';
      const pick = await vscode.window.showWarningMessage(`${baseName(target)} already exists. Replace it with the export?`, { modal: true, detail: 'The existing file is overwritten; this cannot be undone.' }, replace);
      if (pick !== replace) return undefined;
    }

    // Word files carry a PNG copy of each picture for readers without SVG, made by the view that
    // draws the document (its toPng: the native rasteriser where there is one, else its panel).
    const type = exportableType(text);
    const draw = format === 'docx' && type ? ctx.pictures.get(type) : undefined;
    const extras = draw ? lib().extrasFor(type, text) : undefined;
    if (draw && extras?.figures?.length) {
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Impact Hubs: drawing the pictures of ${name} for Word…` }, async () => {
        for (const f of extras.figures ?? []) {
          if (f.svg && !f.png) f.png = await draw(f.svg).catch(() => undefined); // SVG alone still shows in Word 2016+ and LibreOffice
        }
      });
      doc = prepare(extras);
    }

    const chosen = format;
    let bytes: Uint8Array;
    try {
      bytes = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Impact Hubs: exporting ${name} to ${FORMATS[chosen].label}` }, async (progress) => {
        progress.report({ message: chosen === 'pdf' ? `printing with ${pdf?.name}…` : 'writing the document…' });
        const out = await lib().renderExport(doc, chosen, pdf);
        progress.report({ message: `saving ${baseName(target)}…` });
        await vscode.workspace.fs.writeFile(target, out);
        return out;
      });
    } catch (e) {
      void vscode.window.showErrorMessage(`Impact Hubs: ${name} was not exported: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
    last = { uri: target, format: chosen, bytes: bytes.length, summary: lib().summary(doc), report: doc.report };
    const notes = [last.summary, doc.report.guidanceDropped ? `${doc.report.guidanceDropped} template guidance note${doc.report.guidanceDropped === 1 ? '' : 's'} left out` : ''].filter(Boolean).join('; ');
    void vscode.window.showInformationMessage(`Impact Hubs: exported ${baseName(target)}${notes ? ` (${notes})` : ''}.`, 'Open', 'Reveal').then((pick) => {
      if (pick === 'Open') void (localDesktop(target) ? vscode.env.openExternal(target) : vscode.commands.executeCommand('vscode.open', target));
      if (pick === 'Reveal') void vscode.commands.executeCommand(localDesktop(target) ? 'revealFileInOS' : 'revealInExplorer', target);
    });
    return last;
  }

  // The editor title button shows on charters, theories of change and landscape maps.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const update = () => {
    const d = vscode.window.activeTextEditor?.document;
    void vscode.commands.executeCommand('setContext', CONTEXT_KEY, !!d && d.languageId === 'markdown' && exportableType(d.getText()) !== undefined);
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(update, 250);
  };
  update();
  ctx.expose('export', { run, last: () => last });
  return vscode.Disposable.from(
    vscode.commands.registerCommand('impactHubs.exportDocument', run),
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document) schedule();
    }),
    { dispose: () => timer && clearTimeout(timer) },
  );
};
