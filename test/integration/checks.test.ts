import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, waitFor, workspaceRoot } from './helpers';

type CodeValue = { value: string | number; target: vscode.Uri };

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Impact Hubs');
const ruleOf = (d: vscode.Diagnostic) => String((d.code as CodeValue | undefined)?.value ?? d.code);

async function writeDoc(name: string, text: string): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), 'check-tests', name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

async function fixes(uri: vscode.Uri, d: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range)) ?? [];
}

describe('guide the writer: checks, quick fixes and the Charter Guide', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the sample charter shows teaching diagnostics whose code opens the rule documentation', async () => {
    await activateExtension();
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'riverlands-charter.md');
    await vscode.window.showTextDocument(uri);
    const diags = await waitFor('diagnostics on the sample charter', () => (ours(uri).length >= 3 ? ours(uri) : undefined));
    const rules = new Set(diags.map(ruleOf));
    for (const r of ['charter/element-missing', 'charter/decision-rule', 'charter/review-date']) assert.ok(rules.has(r), `${r} in ${[...rules].join(', ')}`);
    const missing = diags.find((d) => /Missing: conflicts of interest/.test(d.message));
    assert.ok(missing, 'a missing element is reported');
    assert.equal(missing.severity, vscode.DiagnosticSeverity.Warning);
    const target = (missing.code as CodeValue).target;
    assert.equal(target.scheme, 'impact-hubs-kb');
    const doc = await vscode.workspace.openTextDocument(target);
    assert.match(doc.getText(), /^# charter\/element-missing/);
    assert.match(doc.getText(), /## Why/);
    const decision = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'impact-hubs-kb', path: '/rules/charter/decision-rule.md' }));
    assert.match(decision.getText(), /## How real hubs did it[\s\S]*\[\[hub:fsc\]\]/, 'real hubs, cited, open in the reader');
  });

  it('applying "Insert section" for a missing element inserts it in outline order and the warning goes away; undo restores', async () => {
    await activateExtension();
    const editor = await writeDoc('missing-coi.md', '---\ntype: hub-charter\n---\n\n# Test Hub — Charter\n\n## 14. Accountability, transparency and reporting\n\nWe publish quarterly.\n\n## 16. Inclusion and community voice\n\nCommunities hold 2 of 9 seats.\n');
    const uri = editor.document.uri;
    const d = await waitFor('the missing conflicts warning', () => ours(uri).find((x) => /Missing: conflicts of interest/.test(x.message)));
    const action = (await fixes(uri, d)).find((a) => a.title === 'Insert section "Conflicts of interest and safeguards"');
    assert.ok(action?.command, 'a quick fix that inserts the section');
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    const text = editor.document.getText();
    const at = text.indexOf('Conflicts of interest and safeguards');
    assert.ok(at > text.indexOf('Accountability') && at < text.indexOf('Inclusion and community voice'), 'between sections 14 and 16');
    await waitFor('the warning to clear', () => (ours(uri).some((x) => /Missing: conflicts of interest/.test(x.message)) ? undefined : true));
    await vscode.commands.executeCommand('undo');
    assert.ok(!editor.document.getText().includes('Conflicts of interest and safeguards'), 'undo removes the inserted section');
  });

  it('"Turn off … for this document" writes it in the front matter, the diagnostic disappears, undo brings it back', async () => {
    await activateExtension();
    const editor = await writeDoc('vague-goal.md', '---\ntype: hub-charter\nhub: X\n---\n\n# X — Charter\n\n## 3. Purpose and goal\n\nStrengthen cooperation on water.\n');
    const uri = editor.document.uri;
    const d = await waitFor('the goal warning', () => ours(uri).find((x) => ruleOf(x) === 'charter/goal-measurable'));
    const all = await fixes(uri, d);
    assert.ok(all.some((a) => /^Rewrite as "By <date>/.test(a.title)), 'a rewrite into the measurable-goal pattern is offered');
    const off = all.find((a) => a.title === 'Turn off charter/goal-measurable for this document');
    assert.ok(off?.edit);
    assert.ok(await vscode.workspace.applyEdit(off.edit));
    assert.match(editor.document.getText(), /^---\ntype: hub-charter\nhub: X\nchecks:\n {2}charter\/goal-measurable: off\n---/);
    await waitFor('the goal warning to go', () => (ours(uri).some((x) => ruleOf(x) === 'charter/goal-measurable') ? undefined : true));
    await vscode.commands.executeCommand('undo');
    await waitFor('the goal warning to return', () => ours(uri).find((x) => ruleOf(x) === 'charter/goal-measurable'));
  });

  it('a README gets no charter checks; "Check This Document as a Charter" checks it and is remembered', async () => {
    const api = await activateExtension();
    const editor = await writeDoc('plain-notes.md', '# Notes\n\nWe will strengthen cooperation.\n');
    const uri = editor.document.uri;
    await api.checks.check(editor.document);
    assert.deepEqual(ours(uri).map(ruleOf), []);
    await vscode.commands.executeCommand('impactHubs.checkAsCharter');
    await waitFor('charter checks on the plain file', () => (ours(uri).some((x) => ruleOf(x) === 'charter/element-missing') ? true : undefined));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const again = await vscode.window.showTextDocument(uri);
    await api.checks.check(again.document);
    assert.ok(ours(uri).some((x) => ruleOf(x) === 'charter/element-missing'), 'remembered for the file');
    await vscode.commands.executeCommand('impactHubs.stopCheckingAs');
    await waitFor('the checks to stop', () => (ours(uri).length === 0 ? true : undefined));
  });

  it('the Charter Guide lists every element with its status, problems and cited examples, and follows the editor', async () => {
    const api = await activateExtension();
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'riverlands-charter.md');
    await vscode.window.showTextDocument(uri);
    await vscode.commands.executeCommand('impactHubs.charterGuide.focus');
    const guide = api.charterGuide;
    const roots = await waitFor('guide items', () => {
      const r = guide.getChildren();
      return r.length >= 17 ? r : undefined;
    });
    const items = roots.filter((n) => n.type === 'item');
    assert.equal(items.length, 17);
    const byId = new Map(items.map((n) => [n.type === 'item' ? n.item.id : '', n]));
    const status = (id: string) => {
      const n = byId.get(id);
      return n?.type === 'item' ? n.item.status : undefined;
    };
    assert.equal(status('goal'), 'written');
    assert.equal(status('conflicts'), 'missing');
    assert.equal(status('decisions'), 'problems');
    assert.match(guide.view.description ?? '', /^\d+ of 17 elements · \d+ problems?$/);
    assert.match(guide.status.text, /\$\(checklist\) \d+ of 17/);
    const governance = byId.get('governance')!;
    const children = guide.getChildren(governance);
    const example = children.find((c) => c.type === 'example');
    assert.ok(example && example.type === 'example', 'How real hubs did it');
    const item = guide.getTreeItem(example);
    assert.match(String(item.label), /^How real hubs did it: /);
    assert.equal(item.command?.command, 'impactHubs.openDocument');
    const rendered = new Promise<{ key: string }>((r) => api.reader.onDidRender(r));
    await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
    assert.equal((await rendered).key, `hub:${example.hubId}`);
    // A missing element's row inserts it.
    const missing = guide.getTreeItem(byId.get('conflicts')!);
    assert.equal(missing.contextValue, 'impactHubs.guide.missing');
    // Another kind of document: the guide empties and its welcome view shows.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown', content: '# Just notes\n' }));
    await waitFor('the guide to empty', () => (guide.getChildren().length === 0 ? true : undefined));
  });

  it('a theory of change: an intervention without an outcome gets "Add → outcome", the fix links it, undo restores', async () => {
    await activateExtension();
    const toc = '---\ntype: theory-of-change\n---\n\n# T — Theory of Change\n\n## 2. Long-term goal (impact)\n\nBy 2030, 5,000 farmers earn 20% more.\n\n## 3. Outcomes pathway\n\n- Farmers adopt drip irrigation. {#adopt}\n\n## 6. Interventions\n\n- The cooperative runs demonstration plots\n';
    const editor = await writeDoc('orphan.md', toc);
    const uri = editor.document.uri;
    const d = await waitFor('the orphan-intervention warning', () => ours(uri).find((x) => ruleOf(x) === 'toc/orphan-intervention'));
    assert.equal(d.range.start.line, 16, 'on the intervention line');
    const action = (await fixes(uri, d)).find((a) => a.title === 'Add "→ outcome"');
    assert.ok(action, 'the quick fix is offered');
    if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit));
    if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    assert.match(editor.document.lineAt(16).text, /^- The cooperative runs demonstration plots → outcome id$/);
    await editor.edit((b) => b.replace(new vscode.Range(16, 45, 16, 55), 'adopt'));
    await waitFor('the warning to clear', () => (ours(uri).some((x) => ruleOf(x) === 'toc/orphan-intervention') ? undefined : true));
    await vscode.commands.executeCommand('undo');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.lineAt(16).text, '- The cooperative runs demonstration plots');
  });

  it('updates while the writer types: fixing the decision rule clears its problem', async () => {
    await activateExtension();
    const editor = await writeDoc('typing.md', '---\ntype: hub-charter\n---\n\n# T — Charter\n\n## 10. Decision-making\n\nDecisions by consensus.\n');
    const uri = editor.document.uri;
    await waitFor('the decision-rule warning', () => ours(uri).find((x) => ruleOf(x) === 'charter/decision-rule'));
    await editor.edit((b) => b.insert(new vscode.Position(8, 23), ' Quorum: half of the seats. A tied vote fails.'));
    await waitFor('the decision-rule warning to clear', () => (ours(uri).some((x) => ruleOf(x) === 'charter/decision-rule') ? undefined : true));
  });
});
