import * as vscode from 'vscode';
import type { Guide, GuideItem, GuideStatus } from '../checks/guide';
import type { LandscapeLink } from '../checks/landscape';
import type { DocType } from '../core/outlines';
import type { Finding } from '../checks/types';
import { citeExamples } from '../core/section-examples';
import type { KnowledgeService } from '../services/knowledge';
import type { CheckService, DocumentCheck } from '../services/check-service';

/** A node of the Charter Guide tree (plain data; the provider turns it into TreeItems). */
export type GuideNode =
  | { type: 'item'; item: GuideItem; uri: string }
  | { type: 'finding'; finding: Finding; uri: string }
  | { type: 'example'; hubId: string; intro: string; text: string; anchor?: string; sources: number }
  | { type: 'other'; findings: Finding[]; uri: string }
  /** A charter's linked landscape map (front matter `landscape:`), and who on it the charter lacks. */
  | { type: 'landscape'; link: LandscapeLink; uri: string }
  | { type: 'map-actor'; name: string; line: number; what: 'missing' | 'ally'; role?: string; mapUri: string };

const STATUS: Record<GuideStatus, { icon: string; color?: string; word: string }> = {
  written: { icon: 'pass', color: 'testing.iconPassed', word: 'written' },
  empty: { icon: 'circle-large-outline', color: 'list.warningForeground', word: 'heading or prompt only' },
  missing: { icon: 'error', color: 'list.errorForeground', word: 'missing' },
  problems: { icon: 'warning', color: 'list.warningForeground', word: 'has problems' },
};

/** Examples for a section: the cited sentences of real hubs (section examples, else rule examples). */
export type ExamplesFor = (type: DocType, sectionId: string) => { hub: string; find: string; intro: string }[];

/**
 * The Charter Guide: every element of the active charter (or section of the theory of change or
 * landscape map) with ✓ / ◌ / ✗ / ⚠, its problems, and "How real hubs did it"; above a charter's
 * elements, the summary of its linked landscape map. Follows the active editor and updates as the
 * writer types (after each check).
 */
export class CharterGuide implements vscode.TreeDataProvider<GuideNode>, vscode.Disposable {
  private current?: DocumentCheck;
  private readonly changed = new vscode.EventEmitter<GuideNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<GuideNode>;
  readonly status: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly checks: CheckService,
    private readonly knowledge: KnowledgeService,
    private readonly examplesFor: ExamplesFor,
  ) {
    this.view = vscode.window.createTreeView('impactHubs.charterGuide', { treeDataProvider: this, showCollapseAll: true });
    this.status = vscode.window.createStatusBarItem('impactHubs.charterGuide', vscode.StatusBarAlignment.Left, 50);
    this.status.name = 'Impact Hubs Charter Guide';
    this.status.command = 'impactHubs.charterGuide.focus';
    this.disposables.push(
      this.view,
      this.status,
      this.changed,
      checks.onDidCheck((c) => {
        if (c.uri === vscode.window.activeTextEditor?.document.uri.toString()) this.show(c);
      }),
      vscode.window.onDidChangeActiveTextEditor((e) => this.follow(e)),
      vscode.commands.registerCommand('impactHubs.guideReveal', (uri: string, line: number) => this.reveal(uri, line)),
      vscode.commands.registerCommand('impactHubs.guideInsert', async (node?: GuideNode) => {
        if (node?.type !== 'item' || !node.item.insert) return false;
        await vscode.window.showTextDocument(vscode.Uri.parse(node.uri));
        return vscode.commands.executeCommand('impactHubs.insertSection', node.item.insert, this.current?.guide?.type);
      }),
    );
    this.follow(vscode.window.activeTextEditor);
  }

  get guide(): Guide | undefined {
    return this.current?.guide;
  }

  private follow(editor: vscode.TextEditor | undefined): void {
    if (!editor || editor.document.languageId !== 'markdown') {
      if (editor) this.show(undefined);
      return;
    }
    const c = this.checks.resultFor(editor.document.uri);
    if (c) this.show(c);
    else void this.checks.check(editor.document);
  }

  private show(c: DocumentCheck | undefined): void {
    this.current = c?.guide ? c : undefined;
    const g = this.current?.guide;
    void vscode.commands.executeCommand('setContext', 'impactHubs.guideActive', !!g);
    this.view.description = g?.summary;
    if (g) {
      const problems = g.items.reduce((n, i) => n + i.findings.length, 0) + g.other.length;
      this.status.text = `$(checklist) ${g.summary.split(' · ')[0].replace(' elements', '').replace(' sections', '')}${problems ? ` · $(warning) ${problems}` : ''}`;
      this.status.tooltip = `Impact Hubs: ${g.summary}. Open the Charter Guide.`;
      this.status.show();
    } else {
      this.status.hide();
    }
    this.changed.fire(undefined);
  }

  getChildren(node?: GuideNode): GuideNode[] {
    const c = this.current;
    const g = c?.guide;
    if (!c || !g) return [];
    if (!node) {
      const items: GuideNode[] = g.items.map((item) => ({ type: 'item', item, uri: c.uri }));
      if (g.landscape) items.unshift({ type: 'landscape', link: g.landscape, uri: c.uri });
      if (g.other.length) items.push({ type: 'other', findings: g.other, uri: c.uri });
      return items;
    }
    if (node.type === 'other') return node.findings.map((finding) => ({ type: 'finding', finding, uri: node.uri }));
    if (node.type === 'landscape') {
      const mapUri = this.mapUri(node).toString();
      return [
        ...node.link.missing.map(({ actor, role }): GuideNode => ({ type: 'map-actor', name: actor.name, line: actor.line, what: 'missing', role: role.kind === 'founding-party' ? 'founding party' : 'board constituency', mapUri })),
        ...node.link.alliesMissing.map((actor): GuideNode => ({ type: 'map-actor', name: actor.name, line: actor.line, what: 'ally', mapUri })),
      ];
    }
    if (node.type !== 'item') return [];
    const findings: GuideNode[] = node.item.findings.map((finding) => ({ type: 'finding', finding, uri: node.uri }));
    return [...findings, ...this.examples(g.type, node.item.id)];
  }

  private mapUri(node: { link: LandscapeLink; uri: string }): vscode.Uri {
    return vscode.Uri.joinPath(vscode.Uri.parse(node.uri), '..', node.link.path);
  }

  private examples(type: Guide['type'], id: string): GuideNode[] {
    return citeExamples(this.examplesFor(type, id), this.knowledge.docs()).map((q) => ({ type: 'example' as const, hubId: q.hubId, intro: q.intro, text: q.text, anchor: q.anchor, sources: q.sources.length }));
  }

  getTreeItem(node: GuideNode): vscode.TreeItem {
    switch (node.type) {
      case 'item': {
        const s = STATUS[node.item.status];
        const collapsible = node.item.findings.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
        const t = new vscode.TreeItem(node.item.label, collapsible);
        t.id = `${node.uri}#${node.item.id}`;
        t.iconPath = new vscode.ThemeIcon(s.icon, s.color ? new vscode.ThemeColor(s.color) : undefined);
        const problems = node.item.findings.filter((f) => f.rule !== 'charter/element-missing').length;
        t.description = node.item.status === 'missing' ? 'missing — insert it' : problems ? `${problems} problem${problems === 1 ? '' : 's'}` : s.word;
        t.tooltip = `${node.item.label}: ${s.word}${node.item.line ? ` (line ${node.item.line})` : ''}`;
        t.contextValue = node.item.status === 'missing' ? 'impactHubs.guide.missing' : 'impactHubs.guide.present';
        t.accessibilityInformation = { label: `${node.item.label}, ${s.word}`, role: 'treeitem' };
        if (node.item.line) t.command = { command: 'impactHubs.guideReveal', title: 'Go to it', arguments: [node.uri, node.item.line] };
        else if (node.item.insert) t.command = { command: 'impactHubs.insertSection', title: 'Insert it', arguments: [node.item.insert, this.current?.guide?.type] };
        return t;
      }
      case 'finding': {
        const t = new vscode.TreeItem(node.finding.message, vscode.TreeItemCollapsibleState.None);
        t.iconPath = new vscode.ThemeIcon(node.finding.severity === 'error' ? 'error' : node.finding.severity === 'warning' ? 'warning' : 'info');
        t.description = `${node.finding.rule} · line ${node.finding.line}`;
        t.tooltip = `${node.finding.message}\n${node.finding.rule} (line ${node.finding.line})`;
        t.command = { command: 'impactHubs.guideReveal', title: 'Go to the problem', arguments: [node.uri, node.finding.line] };
        return t;
      }
      case 'example': {
        const t = new vscode.TreeItem(`How real hubs did it: ${node.intro}`, vscode.TreeItemCollapsibleState.None);
        t.iconPath = new vscode.ThemeIcon('book');
        t.tooltip = new vscode.MarkdownString().appendText(`“${node.text}” (${node.sources} source${node.sources === 1 ? '' : 's'} in the case study)`);
        t.description = node.text;
        t.command = { command: 'impactHubs.openDocument', title: 'Read it in the reader', arguments: [`hub:${node.hubId}`, node.anchor] };
        return t;
      }
      case 'landscape': {
        const l = node.link;
        const children = l.missing.length + l.alliesMissing.length;
        const t = new vscode.TreeItem(l.summary, children ? (l.missing.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed) : vscode.TreeItemCollapsibleState.None);
        t.id = `${node.uri}#landscape`;
        t.iconPath = new vscode.ThemeIcon(l.error ? 'error' : 'map', l.error || l.missing.length ? new vscode.ThemeColor('list.warningForeground') : undefined);
        t.description = l.path;
        t.tooltip = l.error ? `The landscape map ${l.path} cannot be read: ${l.error}` : `${l.summary}. ${l.allies} allies, ${l.relations} relations on the map. Open the map.`;
        t.accessibilityInformation = { label: l.summary, role: 'treeitem' };
        if (!l.error) t.command = { command: 'vscode.open', title: 'Open the landscape map', arguments: [this.mapUri(node)] };
        return t;
      }
      case 'map-actor': {
        const label = node.what === 'missing' ? `"${node.name}" is a ${node.role} on the map but not named in the charter` : `Ally not in the charter: ${node.name}`;
        const t = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
        t.iconPath = new vscode.ThemeIcon(node.what === 'missing' ? 'warning' : 'person');
        t.description = `map line ${node.line + 1}`;
        t.tooltip = node.what === 'missing' ? `${label}. Name it in the charter or change its role on the map.` : `${node.name} is an ally on the landscape map; the charter does not mention it. Is there a role for it?`;
        t.command = { command: 'impactHubs.guideReveal', title: 'Go to its row on the map', arguments: [node.mapUri, node.line + 1] };
        return t;
      }
      case 'other': {
        const t = new vscode.TreeItem('Other problems', vscode.TreeItemCollapsibleState.Expanded);
        t.iconPath = new vscode.ThemeIcon('warning');
        t.description = String(node.findings.length);
        return t;
      }
    }
  }

  private async reveal(uri: string, line: number): Promise<void> {
    const pos = new vscode.Position(Math.max(0, line - 1), 0);
    await vscode.window.showTextDocument(vscode.Uri.parse(uri), { selection: new vscode.Range(pos, pos), preserveFocus: false });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
