import * as vscode from 'vscode';
import { filterChoices, searchRows, type SearchRow } from '../search/rows';
import { KINDS } from '../core/kinds';
import type { KnowledgeService } from '../services/knowledge';
import type { Reader } from '../views/reader';
import type { Feature } from './feature';
import { parseQuery } from '../search/query';

const DEBOUNCE_MS = 90;

interface Item extends vscode.QuickPickItem {
  row: SearchRow;
}

/** Test hook: what the QuickPick shows now. */
export interface SearchUiState {
  value: string;
  rows: SearchRow[];
  visible: boolean;
}

export class SearchFeature implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  readonly state: SearchUiState = { value: '', rows: [], visible: false };
  private readonly updated = new vscode.EventEmitter<SearchUiState>();
  readonly onDidUpdate = this.updated.event;

  constructor(
    private readonly knowledge: KnowledgeService,
    private readonly reader: Reader,
  ) {
    this.disposables.push(
      this.updated,
      vscode.commands.registerCommand('impactHubs.search', (initial?: unknown) => this.show(typeof initial === 'string' ? initial : '')),
    );
  }

  /** Opens the search QuickPick; resolves once it is shown (not when it closes). */
  async show(initial: string): Promise<void> {
    if (!(await this.knowledge.ensureReady())) return;
    const qp = vscode.window.createQuickPick<Item>();
    qp.title = 'Search the Impact Hubs knowledge base';
    qp.placeholder = 'Type words, an acronym (GEAPP) or a prefix; filters: kind:hub sdg:3 principle:narrow-goal region:asia';
    qp.matchOnDescription = false;
    qp.matchOnDetail = true;
    qp.keepScrollPosition = false;
    const filterButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('filter'), tooltip: 'Add a filter (kind, SDG, issue area, region, design principle)' };
    const clearButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('clear-all'), tooltip: 'Clear the query and filters' };
    qp.buttons = [filterButton, clearButton];
    const insertButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('insert'), tooltip: 'Insert a reference to this document at the cursor' };
    const sideButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('open-preview'), tooltip: 'Open in the reader and keep searching' };

    let timer: NodeJS.Timeout | undefined;
    const refresh = (value: string) => {
      const results = this.knowledge.engine.search(value, { limit: parseQuery(value).terms.length ? 50 : 500 });
      const rows = searchRows(value, results, (k) => this.knowledge.engine.get(k));
      qp.items = rows.map((row): Item =>
        row.kind === 'separator'
          ? { row, label: row.label, kind: vscode.QuickPickItemKind.Separator }
          : row.kind === 'message'
            ? { row, label: row.label, detail: row.detail, alwaysShow: true, iconPath: new vscode.ThemeIcon('info') }
            : { row, label: row.label, description: row.description, detail: row.detail, alwaysShow: true, iconPath: new vscode.ThemeIcon(KINDS[row.docKind ?? 'note'].icon), buttons: [sideButton, insertButton] },
      );
      qp.busy = false;
      Object.assign(this.state, { value, rows, visible: true });
      this.updated.fire(this.state);
    };
    qp.onDidChangeValue((v) => {
      qp.busy = true;
      clearTimeout(timer);
      timer = setTimeout(() => refresh(v), DEBOUNCE_MS);
    });
    qp.onDidTriggerButton(async (b) => {
      if (b === clearButton) {
        qp.value = '';
        refresh('');
        return;
      }
      const choice = await this.pickFilter();
      if (choice) qp.value = `${choice} ${qp.value.trim()}`.trim() + ' ';
      qp.show();
      refresh(qp.value);
    });
    qp.onDidTriggerItemButton(async (e) => {
      const key = e.item.row.key;
      if (!key) return;
      if (e.button === insertButton) {
        qp.hide();
        const doc = await this.knowledge.resolve(key);
        if (doc) await this.reader.insertReference(doc);
      } else {
        await this.reader.open(key, { highlight: parseQuery(qp.value).terms, preserveFocus: true });
      }
    });
    qp.onDidAccept(async () => {
      const item = qp.selectedItems[0] ?? qp.activeItems[0];
      const key = item?.row.key;
      if (!key) return;
      qp.hide();
      await this.reader.open(key, { highlight: parseQuery(qp.value).terms });
    });
    qp.onDidHide(() => {
      clearTimeout(timer);
      this.state.visible = false;
      qp.dispose();
    });
    qp.value = initial;
    refresh(initial);
    qp.show();
    // Own documents join the results as soon as the workspace index is ready.
    void this.knowledge.workspaceReady().then(
      () => {
        if (this.state.visible) refresh(qp.value);
      },
      () => undefined,
    );
  }

  private async pickFilter(): Promise<string | undefined> {
    const principleTitles = Object.fromEntries(this.knowledge.docs().filter((d) => d.kind === 'principle').sort((a, b) => (a.order ?? 99) - (b.order ?? 99)).map((d) => [d.id, d.title]));
    const choices = filterChoices(this.knowledge.engine.allDocs(), principleTitles);
    const items: (vscode.QuickPickItem & { token?: string })[] = [];
    let group = '';
    for (const c of choices) {
      if (c.group !== group) {
        group = c.group;
        items.push({ label: group, kind: vscode.QuickPickItemKind.Separator });
      }
      items.push({ label: c.label, description: c.token, token: c.token });
    }
    const pick = await vscode.window.showQuickPick(items, { title: 'Add a filter to the search', placeHolder: 'Filters can also be typed, e.g. kind:hub sdg:3', matchOnDescription: true });
    return pick?.token;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

export const search: Feature = (ctx) => {
  const f = new SearchFeature(ctx.knowledge, ctx.reader);
  ctx.expose('search', f);
  return f;
};
