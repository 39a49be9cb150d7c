import * as vscode from 'vscode';
import { compareHubs, comparisonHtml, comparisonMarkdown, MAX_COMPARE, MIN_COMPARE, type Comparison } from '../core/compare';
import { makeNonce, page } from '../core/html';
import type { TreeNode } from '../core/tree-model';
import type { KnowledgeDoc } from '../core/types';
import type { KnowledgeService } from '../services/knowledge';
import { panelIcon } from './icons';
import { parseFromWebview } from './protocol';

export const COMPARE_VIEW_TYPE = 'impactHubs.compare';

function keysFrom(arg: unknown, selected: unknown): string[] {
  const fromNode = (n: unknown) => (n && typeof n === 'object' && typeof (n as TreeNode).key === 'string' ? [(n as TreeNode).key!] : typeof n === 'string' ? [n] : []);
  if (Array.isArray(selected) && selected.length > 1) return selected.flatMap(fromNode);
  if (Array.isArray(arg)) return arg.flatMap(fromNode);
  return fromNode(arg);
}

/** Impact Hubs: Compare Hubs… — a side-by-side table of 2–4 hubs, exportable as Markdown. */
export class CompareView implements vscode.Disposable {
  private panel?: vscode.WebviewPanel;
  private current?: Comparison;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly knowledge: KnowledgeService,
  ) {
    this.disposables.push(
      vscode.commands.registerCommand('impactHubs.compareHubs', (arg?: unknown, selected?: unknown) => this.run(keysFrom(arg, selected), false)),
      vscode.commands.registerCommand('impactHubs.compareWith', (arg?: unknown) => this.run(keysFrom(arg, undefined), true)),
      vscode.commands.registerCommand('impactHubs.exportComparison', () => this.export()),
    );
  }

  get comparison(): Comparison | undefined {
    return this.current;
  }

  private hubs(): KnowledgeDoc[] {
    return this.knowledge.docs().filter((d) => d.kind === 'hub');
  }

  /** Opens the comparison for hub keys; asks for (more) hubs when fewer than two are given. */
  async run(keys: string[], askForOthers: boolean): Promise<Comparison | undefined> {
    if (!(await this.knowledge.ensureReady())) return undefined;
    let chosen = [...new Set(keys.filter((k) => k.startsWith('hub:')))];
    if (chosen.length < MIN_COMPARE || askForOthers) {
      const picked = await this.pick(chosen);
      if (!picked) return undefined;
      chosen = picked;
    }
    if (chosen.length > MAX_COMPARE) {
      void vscode.window.showWarningMessage(`Impact Hubs: compare at most ${MAX_COMPARE} hubs at a time; showing the first ${MAX_COMPARE}.`);
      chosen = chosen.slice(0, MAX_COMPARE);
    }
    const docs = chosen.map((k) => this.hubs().find((h) => `hub:${h.id}` === k)).filter((d): d is KnowledgeDoc => !!d);
    if (docs.length < MIN_COMPARE) {
      void vscode.window.showInformationMessage(`Impact Hubs: choose ${MIN_COMPARE} to ${MAX_COMPARE} hubs to compare.`);
      return undefined;
    }
    const title = (id: string) => this.knowledge.byRef('principle', id)?.title ?? id;
    const order = this.knowledge
      .docs()
      .filter((d) => d.kind === 'principle')
      .sort((a, b) => (a.order ?? 99) - (b.order ?? 99) || a.title.localeCompare(b.title))
      .map((d) => d.id);
    this.current = compareHubs(docs, title, order);
    this.show(this.current);
    return this.current;
  }

  /** The picker (tests drive it as a user would). */
  picker?: vscode.QuickPick<vscode.QuickPickItem & { key: string }>;

  /**
   * Asks for 2–4 hubs. The count is checked inside the picker: with too few or too many ticked,
   * Enter keeps it open and its title says what to change.
   */
  private pick(already: string[]): Promise<string[] | undefined> {
    const items = this.hubs()
      .sort((a, b) => a.title.localeCompare(b.title))
      .map((h) => ({ label: h.title, description: h.hub?.short_name !== h.title ? h.hub?.short_name : undefined, detail: h.hub?.goal?.text, key: `hub:${h.id}` }));
    const qp = vscode.window.createQuickPick<(typeof items)[number]>();
    this.picker = qp;
    qp.canSelectMany = true;
    qp.matchOnDescription = true;
    qp.placeholder = 'Tick the hubs to compare side by side, then press Enter';
    qp.items = items;
    qp.selectedItems = items.filter((i) => already.includes(i.key));
    const status = (n: number, tried = false) =>
      n >= MIN_COMPARE && n <= MAX_COMPARE
        ? `Compare hubs: ${n} chosen — press Enter`
        : `Compare hubs: ${n < MIN_COMPARE ? `choose at least ${MIN_COMPARE}` : `choose at most ${MAX_COMPARE}`} (${n} chosen)${tried ? ' — Enter compares 2 to 4 hubs' : ''}`;
    qp.title = status(qp.selectedItems.length);
    return new Promise((resolve) => {
      let done = false;
      const finish = (v: string[] | undefined) => {
        if (done) return;
        done = true;
        resolve(v);
        qp.hide();
      };
      qp.onDidChangeSelection((sel) => (qp.title = status(sel.length)));
      qp.onDidAccept(() => {
        const n = qp.selectedItems.length;
        if (n >= MIN_COMPARE && n <= MAX_COMPARE) finish(qp.selectedItems.map((i) => i.key));
        else qp.title = status(n, true);
      });
      qp.onDidHide(() => {
        finish(undefined);
        if (this.picker === qp) this.picker = undefined;
        qp.dispose();
      });
      qp.show();
    });
  }

  private show(c: Comparison): void {
    const title = `Compare: ${c.hubs.map((h) => h.title).join(' · ')}`;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(COMPARE_VIEW_TYPE, title, vscode.ViewColumn.Active, {
        enableScripts: true,
        enableCommandUris: false,
        localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'media')],
        enableFindWidget: true,
      });
      this.panel.iconPath = panelIcon(this.context.extensionUri);
      this.panel.onDidDispose(() => (this.panel = undefined));
      this.panel.webview.onDidReceiveMessage(async (raw: unknown) => {
        const msg = parseFromWebview(raw);
        if (msg?.type === 'navigate') await vscode.commands.executeCommand('impactHubs.openDocument', msg.key);
        else if (msg?.type === 'external') await vscode.env.openExternal(vscode.Uri.parse(msg.url, true));
        else if (msg?.type === 'exportMarkdown') await this.export();
      });
    } else {
      this.panel.reveal();
    }
    this.panel.title = title;
    const w = this.panel.webview;
    const media = (f: string) => w.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'media', f)).toString();
    this.panel.webview.html = page({
      title,
      cspSource: w.cspSource,
      nonce: makeNonce(),
      styles: [media('reader.css'), media('compare.css')],
      scripts: [media('links.js'), media('compare.js')],
      body: `<main class="wide"><div class="compare-actions"><button type="button" data-export title="Open the table as Markdown in a new editor (also in the editor title bar)"><span class="codicon-like" aria-hidden="true">⤓</span> Export as Markdown</button></div>
${comparisonHtml(c)}</main>`,
    });
  }

  /**
   * Opens the comparison as Markdown in a new, unsaved editor: beside the comparison when it is
   * open, otherwise in the active editor group (never in a new group next to an empty one).
   */
  async export(): Promise<vscode.TextDocument | undefined> {
    if (!this.current) {
      void vscode.window.showInformationMessage('Impact Hubs: compare some hubs first (Impact Hubs: Compare Hubs…).');
      return undefined;
    }
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: comparisonMarkdown(this.current) });
    const beside = this.panel?.visible === true;
    await vscode.window.showTextDocument(doc, { viewColumn: beside ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active, preview: false });
    return doc;
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
