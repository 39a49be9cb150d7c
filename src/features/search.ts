import * as vscode from 'vscode';
import { deferOwnSearch, filterChoices, OWN_DEBOUNCE_MS, SEARCH_PLACEHOLDER, searchRows, searchTitle, withFilter, type SearchRow } from '../search/rows';
import { KINDS } from '../core/kinds';
import type { KnowledgeService } from '../services/knowledge';
import type { Reader } from '../views/reader';
import type { Feature } from './feature';
import { parseQuery } from '../search/query';

interface Item extends vscode.QuickPickItem {
  row?: SearchRow;
  /** A filter token, in filter mode. */
  token?: string;
}

/** Why the list was last updated. */
export type UpdateReason = 'open' | 'keystroke' | 'own-documents' | 'filter' | 'clear';

/** Test hook: what the QuickPick shows now. */
export interface SearchUiState {
  value: string;
  rows: SearchRow[];
  visible: boolean;
  title: string;
  placeholder: string;
  /** 'filter' while the filter list is shown inside the search box. */
  mode: 'search' | 'filter';
  reason: UpdateReason;
  /** Whether own documents are still to be added (a large folder, after a pause in typing). */
  pending: boolean;
  /** Milliseconds from the value change to the new items, in the extension host. */
  latencyMs: number;
}

/**
 * Impact Hubs: Search Knowledge Base — one QuickPick whose list follows every keystroke. The
 * filter button turns the same box into a list of filters and back, so the typed query is kept.
 */
export class SearchFeature implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  readonly state: SearchUiState = { value: '', rows: [], visible: false, title: '', placeholder: SEARCH_PLACEHOLDER, mode: 'search', reason: 'open', pending: false, latencyMs: 0 };
  private readonly updated = new vscode.EventEmitter<SearchUiState>();
  readonly onDidUpdate = this.updated.event;
  /** The open search box (tests drive it as a user would). */
  current?: vscode.QuickPick<Item>;
  private pressFilter?: () => void;

  constructor(
    private readonly knowledge: KnowledgeService,
    private readonly reader: Reader,
  ) {
    this.disposables.push(
      this.updated,
      vscode.commands.registerCommand('impactHubs.search', (initial?: unknown) => this.show(typeof initial === 'string' ? initial : '')),
    );
  }

  /** What the filter button does (the button itself cannot be clicked from an extension test). */
  triggerFilterButton(): void {
    this.pressFilter?.();
  }

  /** Opens the search QuickPick; resolves once it is shown (not when it closes). */
  async show(initial: string): Promise<void> {
    if (!(await this.knowledge.ensureReady())) return;
    this.current?.hide();
    const qp = vscode.window.createQuickPick<Item>();
    this.current = qp;
    qp.placeholder = SEARCH_PLACEHOLDER;
    qp.matchOnDescription = false;
    qp.matchOnDetail = true;
    qp.keepScrollPosition = false;
    const filterButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('filter'), tooltip: 'Add a filter (kind, SDG, issue area, region, design principle); your words stay' };
    const clearButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('clear-all'), tooltip: 'Clear the query and filters' };
    const searchButtons = [filterButton, clearButton];
    qp.buttons = searchButtons;
    const insertButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('insert'), tooltip: 'Insert a reference to this document at the cursor' };
    const sideButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('open-preview'), tooltip: 'Open in the reader and keep searching' };

    let mode: 'search' | 'filter' = 'search';
    /** What to mark in the reader for each listed result: the typed words and the terms that matched them. */
    let marks = new Map<string, string[]>();
    const highlightFor = (key: string) => [...parseQuery(qp.value).terms, ...(marks.get(key) ?? [])];
    let saved = '';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const publish = (reason: UpdateReason, rows: SearchRow[], started: number, pending: boolean) => {
      Object.assign(this.state, { value: qp.value, rows, visible: true, title: qp.title ?? '', placeholder: qp.placeholder ?? '', mode, reason, pending, latencyMs: performance.now() - started });
      this.updated.fire(this.state);
    };
    /** Searches and shows the results; `bundledOnly` leaves a large folder of own documents for later. */
    const refresh = (value: string, reason: UpdateReason, started = performance.now()) => {
      clearTimeout(timer);
      const deferOwn = reason === 'keystroke' && deferOwnSearch(this.knowledge.ownCount);
      const { results, total } = this.knowledge.engine.searchPage(value, { limit: parseQuery(value).terms.length ? 50 : 500, ...(deferOwn ? { origin: 'bundled' as const } : {}) });
      const rows = searchRows(value, results, (k) => this.knowledge.engine.get(k));
      marks = new Map(results.map((r) => [r.ref, r.matched]));
      qp.items = rows.map((row): Item =>
        row.kind === 'separator'
          ? { row, label: row.label, kind: vscode.QuickPickItemKind.Separator }
          : row.kind === 'message'
            ? { row, label: row.label, detail: row.detail, alwaysShow: true, iconPath: new vscode.ThemeIcon('info') }
            : { row, label: row.label, description: row.description, detail: row.detail, alwaysShow: true, iconPath: new vscode.ThemeIcon(KINDS[row.docKind ?? 'note'].icon), buttons: [sideButton, insertButton] },
      );
      qp.title = searchTitle(value, total, deferOwn);
      qp.busy = deferOwn;
      if (deferOwn) timer = setTimeout(() => refresh(qp.value, 'own-documents'), OWN_DEBOUNCE_MS);
      publish(reason, rows, started, deferOwn);
    };
    const showFilters = () => {
      if (mode === 'filter') return;
      clearTimeout(timer);
      mode = 'filter';
      saved = qp.value;
      qp.busy = false;
      qp.title = 'Add a filter to the search — your words stay';
      qp.placeholder = 'Type to find a kind, SDG, issue area, region or design principle';
      qp.buttons = [vscode.QuickInputButtons.Back];
      qp.matchOnDescription = true;
      qp.value = '';
      qp.items = this.filterItems();
      publish('filter', [], performance.now(), false);
    };
    const showSearch = (value: string, reason: UpdateReason) => {
      mode = 'search';
      qp.placeholder = SEARCH_PLACEHOLDER;
      qp.buttons = searchButtons;
      qp.matchOnDescription = false;
      qp.value = value;
      refresh(value, reason);
    };
    this.pressFilter = showFilters;
    qp.onDidChangeValue((v) => {
      // In filter mode the QuickPick filters the list itself.
      if (mode === 'search' && v !== this.state.value) refresh(v, 'keystroke');
    });
    qp.onDidTriggerButton((b) => {
      if (b === clearButton) showSearch('', 'clear');
      else if (b === filterButton) showFilters();
      else if (b === vscode.QuickInputButtons.Back) showSearch(saved, 'filter');
    });
    qp.onDidTriggerItemButton(async (e) => {
      const key = e.item.row?.key;
      if (!key) return;
      if (e.button === insertButton) {
        qp.hide();
        const doc = await this.knowledge.resolve(key);
        if (doc) await this.reader.insertReference(doc);
      } else {
        await this.reader.open(key, { highlight: highlightFor(key), preserveFocus: true });
      }
    });
    qp.onDidAccept(async () => {
      const item = qp.selectedItems[0] ?? qp.activeItems[0];
      if (mode === 'filter') {
        // Back (title button) returns without a filter; Enter on a filter adds it.
        if (item?.token) showSearch(withFilter(saved, item.token), 'filter');
        return;
      }
      const key = item?.row?.key;
      if (!key) return;
      qp.hide();
      await this.reader.open(key, { highlight: highlightFor(key) });
    });
    qp.onDidHide(() => {
      clearTimeout(timer);
      this.state.visible = false;
      if (this.current === qp) {
        this.current = undefined;
        this.pressFilter = undefined;
      }
      qp.dispose();
    });
    qp.value = initial;
    refresh(initial, 'open');
    qp.show();
    // Own documents join the results as soon as the workspace index is ready.
    void this.knowledge.workspaceReady().then(
      () => {
        if (this.current === qp && mode === 'search') refresh(qp.value, 'own-documents');
      },
      () => undefined,
    );
  }

  private filterItems(): Item[] {
    const principleTitles = Object.fromEntries(this.knowledge.docs().filter((d) => d.kind === 'principle').sort((a, b) => (a.order ?? 99) - (b.order ?? 99)).map((d) => [d.id, d.title]));
    const choices = filterChoices(this.knowledge.engine.allDocs(), principleTitles);
    const items: Item[] = [];
    let group = '';
    for (const c of choices) {
      if (c.group !== group) {
        group = c.group;
        items.push({ label: group, kind: vscode.QuickPickItemKind.Separator });
      }
      items.push({ label: c.label, description: c.token, token: c.token });
    }
    return items;
  }

  dispose(): void {
    this.current?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

export const search: Feature = (ctx) => {
  const f = new SearchFeature(ctx.knowledge, ctx.reader);
  ctx.expose('search', f);
  return f;
};
