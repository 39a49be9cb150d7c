import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, waitFor, workspaceRoot } from './helpers';

async function closeQuickInput(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
}

describe('search and reader (issue: search the knowledge base)', () => {
  afterEach(async () => {
    await closeQuickInput();
  });

  it('Search Knowledge Base: typing a misspelled query lists Gavi; choosing it opens the reader with Gavi', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('impactHubs.search', 'vacine aliance');
    const state = await waitFor('results for "vacine aliance"', () => (api.search.state.value === 'vacine aliance' && api.search.state.rows.length ? api.search.state : undefined));
    const keys = state.rows.filter((r) => r.kind === 'item').map((r) => r.key);
    assert.ok(keys.slice(0, 3).includes('hub:gavi'), keys.join(', '));
    const rendered = new Promise<{ key: string; html: string }>((resolve) => api.reader.onDidRender(resolve));
    // Move the selection to Gavi, as a user would with the arrow keys, then press Enter.
    const index = keys.indexOf('hub:gavi');
    for (let i = 0; i < index; i++) await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const r = await rendered;
    assert.equal(r.key, 'hub:gavi');
    assert.match(r.html, /<h1>Gavi, the Vaccine Alliance<\/h1>/);
    // The words the misspellings matched are marked in the text.
    assert.match(r.html, /<mark>[Vv]accines?<\/mark>/);
    assert.match(r.html, /<mark>[Aa]lliance<\/mark>/);
    assert.match(r.html, /Content-Security-Policy/);
    assert.equal(api.reader.visiblePanel?.title, 'Gavi, the Vaccine Alliance');
  });

  it('empty input lists every document grouped by kind; odd queries never fail', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('impactHubs.search', '');
    const state = await waitFor('all documents', () => (api.search.state.value === '' && api.search.state.rows.length > 30 ? api.search.state : undefined));
    const separators = state.rows.filter((r) => r.kind === 'separator').map((r) => r.label);
    assert.deepEqual(separators.slice(0, 3), ['Hubs', 'Design principles', 'Frameworks']);
    await closeQuickInput();
    for (const q of ['Gavi: vaccines', '*', '~', 'x'.repeat(10000)]) {
      await vscode.commands.executeCommand('impactHubs.search', q);
      await waitFor(`rows for ${q.slice(0, 20)}`, () => (api.search.state.value === q && api.search.state.rows.length > 0 ? true : undefined));
      await closeQuickInput();
    }
  });

  it('reader navigation: a link to a principle opens it, Back returns to the hub, More Like This lists related hubs', async () => {
    const api = await activateExtension();
    assert.ok(await api.reader.open('hub:grow-asia'));
    assert.ok(await api.reader.open('principle:narrow-goal'));
    assert.equal(api.reader.currentDoc?.id, 'narrow-goal');
    await vscode.commands.executeCommand('impactHubs.back');
    assert.equal(api.reader.currentDoc?.id, 'grow-asia');
    await vscode.commands.executeCommand('impactHubs.forward');
    assert.equal(api.reader.currentDoc?.id, 'narrow-goal');
    const similar = api.knowledge.engine.moreLikeThis('hub:gavi', 5).map((r) => r.ref);
    assert.ok(similar.length >= 3 && !similar.includes('hub:gavi'));
  });

  it('Open Markdown Source shows the case study as a read-only document at its first line', async () => {
    const api = await activateExtension();
    await api.reader.open('hub:swa');
    await vscode.commands.executeCommand('impactHubs.openSource');
    const editor = await waitFor('the source editor', () => (vscode.window.activeTextEditor?.document.uri.scheme === 'impact-hubs-kb' ? vscode.window.activeTextEditor : undefined));
    assert.equal(editor.document.uri.path, '/hubs/swa.md');
    assert.equal(editor.document.languageId, 'markdown');
    assert.ok(editor.selection.active.line > 5, 'the cursor is at the start of the body, after the front matter');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('Insert Reference puts [[hub:id]] at the cursor of the last editor, undoably', async () => {
    const api = await activateExtension();
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'We follow ' });
    const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    editor.selection = new vscode.Selection(0, 10, 0, 10);
    await api.reader.open('hub:cepi', { preserveFocus: true });
    assert.equal(await vscode.commands.executeCommand('impactHubs.insertReference'), true);
    assert.equal(doc.getText(), 'We follow [[hub:cepi]]');
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), 'We follow ');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('own knowledge: documents in the workspace knowledge/ folder are searchable; a new file is found after it is saved', async () => {
    const api = await activateExtension();
    await api.knowledge.workspaceReady();
    const notes = api.knowledge.engine.search('monsoon spare parts').map((r) => r.ref);
    assert.ok(notes.some((k) => k.startsWith('note:riverlands-field-visit@')), notes.join(', '));
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'knowledge', 'lake-compact.md');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('---\nkind: note\ntitle: Lake Compact notes\n---\n\nThe quorum rule of the xylophonic compact.\n'));
    const found = await waitFor('the new note in search', () => api.knowledge.engine.search('xylophonic').find((r) => r.title === 'Lake Compact notes'), 10000);
    assert.equal(found.origin, 'workspace');
    // Edit it: results follow.
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('---\nkind: note\ntitle: Lake Compact notes\n---\n\nNow about a quinquennial review.\n'));
    await waitFor('the edited note in search', () => api.knowledge.engine.search('quinquennial').find((r) => r.title === 'Lake Compact notes'), 10000);
    assert.equal(api.knowledge.engine.search('xylophonic').length, 0);
    // The reader opens it as an own document.
    assert.ok(await api.reader.open(found.ref));
    assert.equal(api.reader.currentDoc?.origin, 'workspace');
    await vscode.workspace.fs.delete(uri);
    await waitFor('the deleted note to leave search', () => (api.knowledge.engine.search('quinquennial').length === 0 ? true : undefined), 10000);
  });

  it('re-indexing re-reads only changed files, and the index is saved to workspace storage', async () => {
    const api = await activateExtension();
    await api.knowledge.workspaceReady();
    const again = await vscode.commands.executeCommand<{ files: number; parsed: number; reused: number }>('impactHubs.reindexKnowledge');
    assert.ok(again.files >= 2, `files: ${again.files}`);
    assert.equal(again.parsed, 0, 'unchanged files are not parsed again');
    assert.equal(again.reused, again.files);
    await api.knowledge.save();
  });

  it('a malformed own document becomes a diagnostic with its line; the rest keeps working', async () => {
    const api = await activateExtension();
    await api.knowledge.workspaceReady();
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'knowledge', 'broken-front-matter.md');
    const diags = await waitFor('a diagnostic on the broken file', () => {
      const d = vscode.languages.getDiagnostics(uri);
      return d.length ? d : undefined;
    });
    assert.match(diags[0].message, /invalid YAML/);
    assert.ok(diags[0].range.start.line >= 1 && diags[0].range.start.line <= 3, `line ${diags[0].range.start.line}`);
    assert.equal(diags[0].source, 'Impact Hubs');
    assert.ok(api.knowledge.engine.search('Gavi').length > 0);
  });
});
