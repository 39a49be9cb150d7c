import * as vscode from 'vscode';
import { KINDS, RATING_INFO } from '../core/kinds';
import type { Rating } from '../core/types';
import { caseStudyTree, countDocs, filterTree, frameworkTree, GROUPINGS, ownTree, principleTree, type Grouping, type TreeNode } from '../core/tree-model';
import type { KnowledgeService } from '../services/knowledge';
import { folderSegments } from '../store/folders';
import { createNewFile } from '../services/vscode-ports';

const ratingIcon = (r: Rating) => new vscode.ThemeIcon(RATING_INFO[r].icon, new vscode.ThemeColor(RATING_INFO[r].color));
const GROUPING_KEY = 'impactHubs.caseStudyGrouping';

/** A tree view over plain TreeNode data from src/core/tree-model. */
export class NodeTree implements vscode.TreeDataProvider<TreeNode> {
  private roots: TreeNode[] = [];
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  /** `load` runs when VS Code first asks for the tree (the view shows progress meanwhile). */
  constructor(private readonly load: () => Promise<void>) {}

  setRoots(nodes: TreeNode[]): void {
    this.roots = nodes;
    this.changed.fire(undefined);
  }

  get nodes(): TreeNode[] {
    return this.roots;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) return node.children ?? [];
    await this.load();
    return this.roots;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    const find = (list: TreeNode[], parent?: TreeNode): TreeNode | undefined => {
      for (const n of list) {
        if (n === node) return parent;
        const f = n.children && find(n.children, n);
        if (f) return f;
      }
      return undefined;
    };
    return find(this.roots);
  }

  getTreeItem(n: TreeNode): vscode.TreeItem {
    const state = n.children?.length ? (n.type === 'group' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed) : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(n.label, state);
    item.id = n.id;
    item.description = n.description;
    if (n.tooltip) item.tooltip = new vscode.MarkdownString(n.tooltip);
    if (n.type === 'doc' && n.key) {
      item.contextValue = `impactHubs.doc.${n.docKind}`;
      item.command = { command: 'impactHubs.openDocument', title: 'Open', arguments: [n.key, n.anchor] };
      item.iconPath = n.rating ? ratingIcon(n.rating) : new vscode.ThemeIcon(KINDS[n.docKind ?? 'note'].icon);
      item.accessibilityInformation = { label: `${n.label}${n.description ? `, ${n.description}` : ''}`, role: 'treeitem' };
    } else {
      item.iconPath = n.rating ? ratingIcon(n.rating) : undefined;
      item.contextValue = 'impactHubs.group';
    }
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The Impact Hubs side bar: Case Studies, Design Principles, Frameworks, My Knowledge. */
export class Sidebar implements vscode.Disposable {
  readonly cases = new NodeTree(() => this.load());
  readonly principles = new NodeTree(() => this.load());
  readonly frameworks = new NodeTree(() => this.load());
  readonly own = new NodeTree(() => this.load());
  private loaded?: Promise<void>;
  readonly views: Record<'cases' | 'principles' | 'frameworks' | 'own', vscode.TreeView<TreeNode>>;
  private filter = '';
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly knowledge: KnowledgeService,
  ) {
    const make = (id: string, tree: NodeTree) => vscode.window.createTreeView(id, { treeDataProvider: tree, showCollapseAll: true, canSelectMany: id === 'impactHubs.caseStudies' });
    this.views = {
      cases: make('impactHubs.caseStudies', this.cases),
      principles: make('impactHubs.principles', this.principles),
      frameworks: make('impactHubs.frameworks', this.frameworks),
      own: make('impactHubs.myKnowledge', this.own),
    };
    this.disposables.push(
      this.cases,
      this.principles,
      this.frameworks,
      this.own,
      ...Object.values(this.views),
      knowledge.onDidChange(() => this.refresh()),
      vscode.commands.registerCommand('impactHubs.groupCaseStudies', (g?: unknown) => this.chooseGrouping(g)),
      vscode.commands.registerCommand('impactHubs.filterViews', (text?: unknown) => this.chooseFilter(text)),
      vscode.commands.registerCommand('impactHubs.clearFilter', () => this.setFilter('')),
      vscode.commands.registerCommand('impactHubs.createKnowledgeFolder', () => this.createKnowledgeFolder()),
    );
  }

  /** Loads the knowledge base when a view first needs it (never at activation). */
  private load(): Promise<void> {
    this.loaded ??= this.knowledge.ready().then(
      () => {
        this.refresh();
        void this.knowledge.workspaceReady().then(() => this.refresh(), () => undefined);
      },
      (e: unknown) => {
        this.loaded = undefined;
        this.views.cases.message = `The knowledge base could not be loaded: ${e instanceof Error ? e.message : String(e)}`;
      },
    );
    return this.loaded;
  }

  get grouping(): Grouping {
    const g = this.context.globalState.get<Grouping>(GROUPING_KEY);
    return GROUPINGS.some((x) => x.id === g) ? g! : 'area';
  }

  async chooseGrouping(g?: unknown): Promise<Grouping | undefined> {
    let choice = typeof g === 'string' && GROUPINGS.some((x) => x.id === g) ? (g as Grouping) : undefined;
    if (!choice) {
      const pick = await vscode.window.showQuickPick(
        GROUPINGS.map((x) => ({ label: x.label, detail: x.detail, id: x.id, picked: x.id === this.grouping, description: x.id === this.grouping ? 'current' : undefined })),
        { title: 'Group case studies by', placeHolder: 'Choose how the Case Studies view groups hubs' },
      );
      choice = pick?.id;
    }
    if (!choice) return undefined;
    await this.context.globalState.update(GROUPING_KEY, choice);
    this.refresh();
    return choice;
  }

  async chooseFilter(text?: unknown): Promise<string> {
    const value =
      typeof text === 'string'
        ? text
        : await vscode.window.showInputBox({
            title: 'Filter the Impact Hubs views',
            prompt: 'Words, acronyms or filters such as kind:hub sdg:3 principle:narrow-goal; empty clears the filter',
            value: this.filter,
          });
    if (value === undefined) return this.filter;
    this.setFilter(value);
    return this.filter;
  }

  setFilter(value: string): void {
    this.filter = value.trim();
    void vscode.commands.executeCommand('setContext', 'impactHubs.filtered', this.filter !== '');
    this.refresh();
  }

  refresh(): void {
    const k = this.knowledge;
    const docs = k.docs();
    const principles = docs.filter((d) => d.kind === 'principle');
    const keep = this.filter ? new Set(k.engine.search(this.filter, { limit: 500 }).map((r) => r.ref)) : undefined;
    const apply = (nodes: TreeNode[]) => (keep ? filterTree(nodes, keep) : nodes);
    const relative = (p: string) => vscode.workspace.asRelativePath(vscode.Uri.parse(p), true);
    const ownDocs = k.ownDocs().map((d) => ({ key: d.ref, kind: d.kind, title: d.title, path: d.path, summary: d.summary }));
    const trees: [keyof Sidebar['views'], NodeTree, TreeNode[]][] = [
      ['cases', this.cases, apply(caseStudyTree(docs, this.grouping, principles))],
      ['principles', this.principles, apply(principleTree(principles, k.bundled?.principleHubs ?? {}))],
      ['frameworks', this.frameworks, apply(frameworkTree(docs.filter((d) => d.kind === 'framework')))],
      ['own', this.own, apply(ownTree(ownDocs, relative))],
    ];
    for (const [name, tree, nodes] of trees) {
      tree.setRoots(nodes);
      const view = this.views[name];
      view.message = this.filter ? (nodes.length ? `Filtered by "${this.filter}": ${countDocs(nodes)} match(es).` : `Nothing matches "${this.filter}".`) : undefined;
    }
    if (!this.filter) {
      const notes = [
        k.missingFolders.length ? `Not found (setting impactHubs.knowledgeFolders): ${k.missingFolders.join(', ')}.` : '',
        ...k.refusedFolders.map((r) => `Not read: "${r.name}" ${r.reason}.`),
        k.skipped.length ? `${k.skipped.length} item(s) not read (links, devices or unreadable folders): ${k.skipped.slice(0, 3).map((x) => vscode.workspace.asRelativePath(vscode.Uri.parse(x.uri))).join(', ')}${k.skipped.length > 3 ? ', …' : ''}.` : '',
      ].filter(Boolean);
      if (notes.length) this.views.own.message = notes.join(' ');
    }
    this.views.cases.description = GROUPINGS.find((g) => g.id === this.grouping)?.label;
    void vscode.commands.executeCommand('setContext', 'impactHubs.ownEmpty', ownDocs.length === 0);
  }

  /** Creates `knowledge/` with a first note in the first workspace folder (never overwrites). */
  async createKnowledgeFolder(): Promise<vscode.Uri | undefined> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) {
      void vscode.window.showInformationMessage('Impact Hubs: open a folder first; your knowledge folder is created inside it.');
      return undefined;
    }
    const configured = vscode.workspace.getConfiguration('impactHubs', folder.uri).get<unknown[]>('knowledgeFolders', []).filter((n): n is string => typeof n === 'string' && !!n.trim());
    // Only inside the workspace folder: a setting such as "../elsewhere" is refused, never written to.
    const segments = folderSegments(configured[0] ?? 'knowledge');
    if (!Array.isArray(segments)) {
      void vscode.window.showErrorMessage(`Impact Hubs: the knowledge folder "${segments.name}" ${segments.reason}. Change the setting impactHubs.knowledgeFolders; nothing was created.`);
      return undefined;
    }
    // Every existing step of the path must be a real folder: a link could lead the new note
    // anywhere on the disk.
    for (let i = 1; i <= segments.length; i++) {
      const step = vscode.Uri.joinPath(folder.uri, ...segments.slice(0, i));
      const type = await vscode.workspace.fs.stat(step).then((s) => s.type, () => undefined);
      if (type !== undefined && (type & vscode.FileType.SymbolicLink || !(type & vscode.FileType.Directory))) {
        void vscode.window.showErrorMessage(`Impact Hubs: "${segments.slice(0, i).join('/')}" is ${type & vscode.FileType.SymbolicLink ? 'a symbolic link' : 'not a folder'}; the knowledge folder must be a real folder inside the workspace. Nothing was created.`);
        return undefined;
      }
    }
    const dir = vscode.Uri.joinPath(folder.uri, ...segments);
    const note = vscode.Uri.joinPath(dir, 'my-first-note.md');
    await vscode.workspace.fs.createDirectory(dir);
    const text = `---\nkind: note\ntitle: My first note\nsummary: What this note is about, in one sentence.\n---\n\n# My first note\n\nWrite your own research here. Link the bundled knowledge with references such as [[hub:gavi]]\nor [[principle:narrow-goal]]; cite your sources with footnotes.[^1]\n\n[^1]: Publisher, "Page title", https://example.org/page (date read).\n`;
    // Exclusive: an existing note (or one that appears meanwhile) is opened, never replaced.
    await createNewFile(note, text);
    await vscode.window.showTextDocument(note);
    await this.knowledge.reindexWorkspace();
    this.refresh();
    return note;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
