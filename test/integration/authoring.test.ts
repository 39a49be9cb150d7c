import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, packageJson, waitFor, workspaceRoot } from './helpers';

async function openMarkdown(content: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  return vscode.window.showTextDocument(doc);
}

describe('writing charters and theories of change', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('New Hub Charter creates the file from the template, opens it, and refuses to overwrite', async () => {
    await activateExtension();
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'lake-compact-charter.md');
    const created = await vscode.commands.executeCommand<vscode.Uri>('impactHubs.newCharter', { name: 'Lake Compact', uri });
    assert.equal(created?.toString(), uri.toString());
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    assert.match(text, /^---\ntype: hub-charter\nhub: "Lake Compact"/);
    assert.match(text, /^# Lake Compact — Charter$/m);
    assert.equal((text.match(/^## \d+\. /gm) ?? []).length, 22);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
    // A second run with the same target leaves the file alone.
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('my own words'));
    const again = await vscode.commands.executeCommand('impactHubs.newCharter', { name: 'Other', uri });
    assert.equal(again, undefined);
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), 'my own words');
    await vscode.workspace.fs.delete(uri);
  });

  it('New Theory of Change creates a 12-section theory of change with a cited example', async () => {
    await activateExtension();
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'lake-compact-toc.md');
    await vscode.commands.executeCommand('impactHubs.newTheoryOfChange', { name: 'Lake Compact', uri });
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    assert.match(text, /type: theory-of-change/);
    assert.equal((text.match(/^## \d+\. /gm) ?? []).length, 12);
    assert.match(text, /\*\*Example — Built for Zero's goal \(\[\[hub:community-solutions\]\]\):\*\* ".+" Source: <https?:\/\//);
    await vscode.workspace.fs.delete(uri);
  });

  it('Insert Section puts a missing section in its outline place in a partly written charter, undoably', async () => {
    await activateExtension();
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'riverlands-charter.md');
    const editor = await vscode.window.showTextDocument(uri);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const before = editor.document.getText();
    assert.equal(await vscode.commands.executeCommand('impactHubs.insertSection', 'theory-of-change'), true);
    const after = editor.document.getText();
    const at = after.indexOf('## 5. Theory of change');
    assert.ok(at > after.indexOf('## 4. Scope and boundaries') && at < after.indexOf('## 8. Membership'), 'between sections 4 and 8');
    assert.match(after, /> See \[\[principle:clear-theory-of-change\]\], \[\[framework:theory-of-change\]\]\./);
    // Already present: the command goes to it instead of inserting again.
    assert.equal(await vscode.commands.executeCommand('impactHubs.insertSection', 'goal'), false);
    assert.equal(editor.document.getText(), after);
    await vscode.commands.executeCommand('leaveSnippet');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('completes [[hub:… references with titles', async () => {
    await activateExtension();
    const editor = await openMarkdown('We follow [[hub:ga');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(0, 18));
    const gavi = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'hub:gavi');
    assert.ok(gavi, 'hub:gavi is offered');
    assert.equal(gavi.detail, 'Hub: Gavi, the Vaccine Alliance');
    assert.equal(gavi.insertText, 'hub:gavi]]');
    assert.ok(!list.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label).startsWith('principle:')), 'only hubs after [[hub:');
  });

  it('hover shows a card; Go to Definition reaches the case study; links open the reader', async () => {
    await activateExtension();
    const editor = await openMarkdown('Modelled on [[hub:gavi]].');
    const pos = new vscode.Position(0, 16);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, pos);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))).join('\n');
    assert.match(text, /Gavi, the Vaccine Alliance/);
    assert.match(text, /\*Goal:\*/);
    assert.match(text, /command:impactHubs\.openDocument/);
    const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', editor.document.uri, pos);
    const target = defs[0] as vscode.Location;
    const defUri = target.uri ?? (defs[0] as vscode.LocationLink).targetUri;
    assert.equal(defUri.toString(), 'impact-hubs-kb:/hubs/gavi.md');
    const source = await vscode.workspace.openTextDocument(defUri);
    assert.match(source.getText(), /^---\nid: gavi\n/, 'the read-only source is the case study');
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', editor.document.uri);
    assert.match(links[0].target!.toString(true), /^command:impactHubs\.openDocument\?\["hub:gavi"\]$/);
  });

  it('an unknown id is a diagnostic with a "did you mean" quick fix', async () => {
    await activateExtension();
    const editor = await openMarkdown('Modelled on [[hub:gavii]].');
    const diags = await waitFor('a diagnostic', () => {
      const d = vscode.languages.getDiagnostics(editor.document.uri).filter((x) => x.source === 'Impact Hubs');
      return d.length ? d : undefined;
    });
    assert.match(diags[0].message, /Unknown hub "gavii".*Did you mean "gavi"/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, diags[0].range);
    const fix = actions.find((a) => a.title === 'Change to [[hub:gavi]]');
    assert.ok(fix?.edit);
    await vscode.workspace.applyEdit(fix.edit);
    assert.equal(editor.document.getText(), 'Modelled on [[hub:gavi]].');
    await waitFor('the diagnostic to clear', () => (vscode.languages.getDiagnostics(editor.document.uri).some((x) => x.source === 'Impact Hubs') ? undefined : true));
  });

  it('the built-in Markdown preview renders references as links', async function () {
    await activateExtension();
    // The preview loads markdown-it plugins from extensions in its own extension host. In vscode.dev
    // both run in the web worker; code-server ships no browser build of its Markdown extension, so
    // there it stays in the Node host and cannot load a plugin from the worker.
    const md = vscode.extensions.getExtension('vscode.markdown-language-features');
    const ours = vscode.extensions.getExtension('impact-hubs.impact-hubs');
    if (!md || !ours || md.extensionKind !== ours.extensionKind) this.skip();
    const html = await vscode.commands.executeCommand<string>('markdown.api.render', 'See [[hub:gavi]] and [[principle:narrow-goal|the principle]].');
    // Where the product's URI scheme is vscode (desktop, vscode.dev) the link opens the reader; elsewhere the read-only source.
    const href = ['vscode', 'vscode-insiders'].includes(vscode.env.uriScheme) ? `${vscode.env.uriScheme}://impact-hubs\\.impact-hubs/open\\?key=hub%3Agavi` : 'impact-hubs-kb:/hubs/gavi\\.md';
    assert.match(html, new RegExp(`<a href="${href}"[^>]*class="hub-ref"[^>]*>Gavi, the Vaccine Alliance</a>`));
    assert.match(html, />the principle<\/a>/);
  });

  it('contributes the walkthrough with six steps (the landscape map before the charter) whose images exist', async () => {
    await activateExtension();
    const w = (packageJson().contributes.walkthroughs as { id: string; steps: { id: string; media: { image: Record<string, string> }; completionEvents: string[] }[] }[])[0];
    assert.equal(w.id, 'draftFirstCharter');
    assert.deepEqual(w.steps.map((s) => s.id), ['explore', 'mapLandscape', 'createCharter', 'insertSection', 'measurableGoal', 'theoryOfChange']);
    const ext = vscode.extensions.getExtension('impact-hubs.impact-hubs')!;
    for (const s of w.steps) {
      assert.ok(s.completionEvents.length > 0, s.id);
      for (const theme of ['light', 'dark', 'hc']) await vscode.workspace.fs.stat(vscode.Uri.joinPath(ext.extensionUri, s.media.image[theme]));
    }
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', 'impact-hubs.impact-hubs#draftFirstCharter', false);
  });
});
