import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, packageJson, waitFor, workspaceRoot } from './helpers';
import type { SearchUiState } from '../../src/features/search';

const hoverText = (hovers: vscode.Hover[]) => hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))).join('\n');
const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);

/** A Markdown file in the test workspace (untitled documents can be reused between tests). */
async function fileDoc(name: string, text: string): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return vscode.workspace.openTextDocument(uri);
}

describe('trust and flow (issue 12)', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  describe('search follows the keys', () => {
    it('updates the list on the keystroke itself (no debounce), with a result count and a short placeholder', async () => {
      const api = await activateExtension();
      await api.knowledge.workspaceReady();
      await vscode.commands.executeCommand('impactHubs.search', '');
      const qp = await waitFor('the search box', () => api.search.current);
      const next = (value: string) => new Promise<SearchUiState>((resolve) => {
        const sub = api.search.onDidUpdate((s) => {
          if (s.value === value) {
            sub.dispose();
            resolve({ ...s });
          }
        });
      });
      const latencies: number[] = [];
      for (const value of ['g', 'ga', 'gav', 'gavi', 'gavi ', 'gavi f', 'gavi fu', 'gavi fun', 'gavi fund']) {
        const updated = next(value);
        qp.value = value;
        const s = await updated;
        assert.equal(s.reason, 'keystroke');
        assert.equal(s.pending, false, 'a small own folder is searched on the keystroke too');
        latencies.push(s.latencyMs);
      }
      const s = api.search.state;
      assert.equal(s.rows.find((r) => r.kind === 'item')?.key, 'hub:gavi');
      assert.match(s.title, /— \d+ results?$/);
      assert.equal(qp.title, s.title);
      assert.ok(s.placeholder.length <= 56, s.placeholder);
      latencies.sort((a, b) => a - b);
      console.log(`  keystroke → items in the extension host: median ${latencies[Math.floor(latencies.length / 2)].toFixed(2)} ms, max ${latencies[latencies.length - 1].toFixed(2)} ms over ${latencies.length} keystrokes`);
    });

    it('the filter button keeps the typed query and the search stays open', async () => {
      const api = await activateExtension();
      await vscode.commands.executeCommand('impactHubs.search', 'vaccines');
      const qp = await waitFor('the search box', () => (api.search.state.value === 'vaccines' ? api.search.current : undefined));
      api.search.triggerFilterButton();
      await waitFor('the filter list', () => (api.search.state.mode === 'filter' && qp.items.some((i) => i.token === 'kind:hub') ? true : undefined));
      assert.match(qp.title ?? '', /your words stay/);
      const hubs = qp.items.find((i) => i.token === 'kind:hub')!;
      // Let the list reach the workbench before choosing from it, as a person would.
      await new Promise((r) => setTimeout(r, 400));
      qp.activeItems = [hubs];
      await new Promise((r) => setTimeout(r, 200));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      const s = await waitFor(`the search with the filter (now ${JSON.stringify({ mode: api.search.state.mode, value: api.search.state.value, reason: api.search.state.reason, qp: qp.value })})`, () => (api.search.state.mode === 'search' && api.search.state.value === 'kind:hub vaccines ' ? api.search.state : undefined));
      assert.equal(api.search.current, qp, 'the same search box is still open');
      assert.equal(s.visible, true);
      const items = s.rows.filter((r) => r.kind === 'item');
      assert.ok(items.length > 0 && items.every((r) => r.docKind === 'hub'), items.map((r) => r.key).join());
      assert.equal(qp.value, 'kind:hub vaccines ');
    });
  });

  describe('the reader', () => {
    it('keeps search highlights, the scroll position and the followed link for Back', async () => {
      const api = await activateExtension();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      assert.ok(await api.reader.open('hub:gavi', { highlight: ['how', 'did', 'gavi', 'fund', 'vaccines'] }));
      // What the page reports as the writer scrolls and follows a link (src/views/protocol.ts).
      await api.reader.receive({ type: 'scroll', y: 640 });
      const rendered = new Promise<{ key: string; html: string }>((r) => {
        const sub = api.reader.onDidRender((e) => {
          if (e.key === 'principle:narrow-goal') {
            sub.dispose();
            r(e);
          }
        });
      });
      await api.reader.receive({ type: 'navigate', key: 'principle:narrow-goal', from: { y: 700, link: 31 } });
      const principle = await rendered;
      assert.doesNotMatch(principle.html, /<mark>/, 'a followed link does not carry the search');
      const back = new Promise<{ key: string; html: string }>((r) => {
        const sub = api.reader.onDidRender((e) => {
          sub.dispose();
          r(e);
        });
      });
      await vscode.commands.executeCommand('impactHubs.back');
      const gavi = await back;
      assert.equal(gavi.key, 'hub:gavi');
      assert.match(gavi.html, /<mark>Gavi<\/mark>/);
      assert.doesNotMatch(gavi.html, /<mark>How<\/mark>|<mark>how<\/mark>/);
      assert.match(gavi.html, /&quot;scrollY&quot;:700,&quot;focus&quot;:31/);
    });

    it('opening from search starts at the top: no anchor, no scroll target', async () => {
      const api = await activateExtension();
      const r = new Promise<{ html: string }>((resolve) => {
        const sub = api.reader.onDidRender((e) => {
          sub.dispose();
          resolve(e);
        });
      });
      await api.reader.open('hub:cepi', { highlight: ['vaccines'] });
      const { html } = await r;
      assert.match(html, /data-state="\{&quot;key&quot;:&quot;hub:cepi&quot;\}"/);
    });

    it('has its actions in the editor title bar, with codicons, only for the reader', () => {
      const menus = (packageJson().contributes.menus as Record<string, { command: string; when?: string; group?: string }[]>)['editor/title'];
      const commands = (packageJson().contributes.commands as { command: string; icon?: string; enablement?: string }[]);
      for (const c of ['back', 'forward', 'moreLikeThis', 'insertReference', 'copyCitation', 'openSource']) {
        const item = menus.find((m) => m.command === `impactHubs.${c}`);
        assert.ok(item, c);
        assert.equal(item.when, "activeWebviewPanelId == 'impactHubs.reader'");
        assert.match(item.group ?? '', /^navigation/);
        assert.match(commands.find((x) => x.command === `impactHubs.${c}`)?.icon ?? '', /^\$\([a-z-]+\)$/);
      }
      assert.equal(commands.find((x) => x.command === 'impactHubs.back')?.enablement, 'impactHubs.readerCanBack');
      assert.ok(menus.some((m) => m.command === 'impactHubs.exportComparison' && m.when === "activeWebviewPanelId == 'impactHubs.compare'"));
    });

    it('Copy Citation copies the README\'s citation format and the page\'s sources, not the website', async () => {
      const api = await activateExtension();
      const text = await vscode.commands.executeCommand<string>('impactHubs.copyCitation', 'hub:gavi');
      assert.match(text, /^Impact Hubs knowledge base \(\d{4}\), "Gavi, the Vaccine Alliance", `knowledge\/hubs\/gavi\.md`, last reviewed \d{4}-\d{2}-\d{2}\. CC BY 4\.0\.\n\nSources cited there \(\d+\):\n1\. /);
      assert.equal(await vscode.env.clipboard.readText(), text);
      const doc = await api.knowledge.resolve('hub:gavi');
      assert.ok(!text.split('\n')[0].includes(doc!.hub!.website!));
    });
  });

  describe('nothing the writer wrote is lost', () => {
    afterEach(async () => {
      // Untitled documents are dirty: revert them, so that none stays open behind a prompt.
      for (let i = 0; i < 10 && vscode.window.activeTextEditor; i++) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      for (const name of ['trust-hidden-charter.md', 'trust-visible-charter.md']) await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), name)).then(undefined, () => undefined);
    });

    it('Insert Reference into a hidden editor shows it first and inserts after the selection, never over it; one undo', async () => {
      const api = await activateExtension();
      const line = 'A selected line of the charter that the writer had highlighted before opening the reader, and must keep exactly as written.';
      const text = `# Charter\n${line}\nEnd.\n`;
      const doc = await fileDoc('trust-hidden-charter.md', text);
      const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
      editor.selection = new vscode.Selection(1, 0, 1, line.length);
      // The reader opens beside, then is moved over the charter: the charter is hidden behind it.
      await api.reader.open('hub:cepi');
      await vscode.commands.executeCommand('workbench.action.moveEditorToFirstGroup');
      await waitFor('the charter to be hidden', () => (vscode.window.visibleTextEditors.some((e) => e.document === doc) ? undefined : true));
      assert.equal(await vscode.commands.executeCommand('impactHubs.insertReference'), true);
      assert.ok(vscode.window.visibleTextEditors.some((e) => e.document === doc), 'the charter was shown before the edit');
      assert.equal(doc.getText(), `# Charter\n${line}[[hub:cepi]]\nEnd.\n`, 'the selected line is kept; the reference follows it');
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('undo');
      assert.equal(doc.getText(), text, 'one undo removes it');
    });

    it('Insert Reference with a selection in the visible editor keeps the selected text', async () => {
      const api = await activateExtension();
      const doc = await fileDoc('trust-visible-charter.md', 'We follow the vaccine alliance here.');
      const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
      editor.selection = new vscode.Selection(0, 10, 0, 30);
      await api.reader.open('hub:gavi', { preserveFocus: true });
      assert.equal(await vscode.commands.executeCommand('impactHubs.insertReference'), true);
      assert.equal(doc.getText(), 'We follow the vaccine alliance[[hub:gavi]] here.');
      await vscode.commands.executeCommand('undo');
      assert.equal(doc.getText(), 'We follow the vaccine alliance here.');
    });

    it('Insert Section inserts in its outline place without touching a selection', async () => {
      await activateExtension();
      const text = '---\ntype: hub-charter\n---\n\n# X — Charter\n\n## 3. Purpose and goal\n\nOur goal text.\n';
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
      const editor = await vscode.window.showTextDocument(doc);
      editor.selection = new vscode.Selection(8, 0, 8, 14);
      assert.equal(await vscode.commands.executeCommand('impactHubs.insertSection', 'parties'), true);
      assert.ok(doc.getText().includes('Our goal text.'), 'the selected text is still there');
      assert.ok(doc.getText().indexOf('Parties and legal status') < doc.getText().indexOf('Purpose and goal'));
      await vscode.commands.executeCommand('undo');
      assert.equal(doc.getText(), text);
    });

    it('a "Change to" quick fix replaces only the unknown reference, undoably', async () => {
      await activateExtension();
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Keep this. Modelled on [[hub:gavii]]. Keep that.' });
      await vscode.window.showTextDocument(doc);
      const diags = await waitFor('a diagnostic', () => {
        const d = vscode.languages.getDiagnostics(doc.uri).filter((x) => x.source === 'Impact Hubs');
        return d.length ? d : undefined;
      });
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diags[0].range);
      const fix = actions.find((a) => a.title === 'Change to [[hub:gavi]]')!;
      const edits = fix.edit!.entries().flatMap(([, e]) => e);
      assert.equal(edits.length, 1);
      assert.equal(doc.getText(edits[0].range), '[[hub:gavii]]', 'only the reference is replaced');
      await vscode.workspace.applyEdit(fix.edit!);
      assert.equal(doc.getText(), 'Keep this. Modelled on [[hub:gavi]]. Keep that.');
      await vscode.commands.executeCommand('undo');
      assert.equal(doc.getText(), 'Keep this. Modelled on [[hub:gavii]]. Keep that.');
    });

    it('New Hub Charter and Create Knowledge Folder never overwrite a file', async () => {
      await activateExtension();
      const uri = vscode.Uri.joinPath(workspaceRoot(), 'keep-me-charter.md');
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('mine'));
      assert.equal(await vscode.commands.executeCommand('impactHubs.newCharter', { name: 'Keep Me', uri }), undefined);
      assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), 'mine');
      await vscode.workspace.fs.delete(uri);
      const note = vscode.Uri.joinPath(workspaceRoot(), 'knowledge', 'my-first-note.md');
      await vscode.workspace.fs.writeFile(note, new TextEncoder().encode('my own first note'));
      await vscode.commands.executeCommand('impactHubs.createKnowledgeFolder');
      assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(note)), 'my own first note');
      await vscode.workspace.fs.delete(note);
    });

    it('a new charter opens as a normal tab at its first heading; the side bar offers New Hub Charter and New Theory of Change', async () => {
      await activateExtension();
      const uri = vscode.Uri.joinPath(workspaceRoot(), 'trust-test-charter.md');
      try {
        await vscode.commands.executeCommand('impactHubs.newCharter', { name: 'Trust Test Hub', uri });
        const editor = await waitFor('the new charter', () => (vscode.window.activeTextEditor?.document.uri.toString() === uri.toString() ? vscode.window.activeTextEditor : undefined));
        const tab = vscode.window.tabGroups.activeTabGroup.activeTab!;
        assert.equal(tab.isPreview, false);
        assert.equal(editor.document.lineAt(editor.selection.active.line).text, '# Trust Test Hub — Charter');
      } finally {
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        await vscode.workspace.fs.delete(uri);
      }
      const viewTitle = (packageJson().contributes.menus as Record<string, { command: string; when: string }[]>)['view/title'];
      for (const c of ['impactHubs.newCharter', 'impactHubs.newTheoryOfChange']) assert.ok(viewTitle.some((m) => m.command === c && m.when.includes('impactHubs')), c);
    });
  });

  describe('Compare', () => {
    it('checks the number of hubs inside the picker', async () => {
      const api = await activateExtension();
      const result = vscode.commands.executeCommand<{ hubs: { id: string }[] } | undefined>('impactHubs.compareHubs', []);
      const picker = await waitFor('the hub picker', () => api.compare.picker);
      picker.selectedItems = picker.items.filter((i) => i.key === 'hub:gavi');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await waitFor('the count message', () => (/choose at least 2 \(1 chosen\)/.test(picker.title ?? '') ? true : undefined));
      assert.equal(api.compare.picker, picker, 'the picker stays open');
      picker.selectedItems = picker.items.filter((i) => i.key === 'hub:gavi' || i.key === 'hub:unitaid');
      await waitFor('the ready message', () => (/2 chosen — press Enter/.test(picker.title ?? '') ? true : undefined));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      const c = await result;
      assert.deepEqual(c?.hubs.map((h) => h.id).sort(), ['gavi', 'unitaid']);
    });

    it('re-exporting after closing all editors leaves no empty editor group', async () => {
      await activateExtension();
      await vscode.commands.executeCommand('impactHubs.compareHubs', ['hub:gavi', 'hub:cepi']);
      await vscode.commands.executeCommand('impactHubs.exportComparison');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const doc = await vscode.commands.executeCommand<vscode.TextDocument>('impactHubs.exportComparison');
      assert.equal(doc.languageId, 'markdown');
      const groups = vscode.window.tabGroups.all;
      assert.ok(groups.every((g) => g.tabs.length > 0), `groups: ${groups.map((g) => g.tabs.length).join(', ')}`);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      assert.ok(tabs().length === 0);
    });
  });

  describe('references', () => {
    it('the hover card shows "Open in the reader" once, and not for an unknown id; only known ids are links', async () => {
      await activateExtension();
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'See [[hub:gavi]] and [[hub:nope]].' });
      await vscode.window.showTextDocument(doc);
      const known = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 8)));
      assert.equal((known.match(/Open in the reader/g) ?? []).length, 1, known);
      const unknown = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 25)));
      assert.doesNotMatch(unknown, /Open in the reader/);
      assert.match(unknown, /Unknown hub/);
      const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri);
      assert.equal(links.length, 1);
      assert.equal(links[0].range.start.character, 4);
      assert.doesNotMatch(links[0].tooltip ?? '', /Open in the reader/i, 'the link does not repeat the card\'s action');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    it('a reference link from the Markdown preview opens the reader (through the URI handler)', async () => {
      const api = await activateExtension();
      const rendered = new Promise<{ key: string }>((r) => {
        const sub = api.reader.onDidRender((e) => {
          sub.dispose();
          r(e);
        });
      });
      const uri = vscode.Uri.parse(`${vscode.env.uriScheme}://impact-hubs.impact-hubs/open?key=${encodeURIComponent('hub:swa')}`);
      assert.equal(await api.references.handleUri(uri), true);
      assert.equal((await rendered).key, 'hub:swa');
      assert.equal(await api.references.handleUri(vscode.Uri.parse(`${vscode.env.uriScheme}://impact-hubs.impact-hubs/open?key=x`)), false);
    });
  });
});
