import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, waitFor, workspaceRoot } from './helpers';

async function open(name: string, text: string): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), 'writing-help-tests', name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

const labelOf = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);
const descriptionOf = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? undefined : i.label.description);
const docText = (i: vscode.CompletionItem) => (typeof i.documentation === 'string' ? i.documentation : (i.documentation?.value ?? ''));
const hoverText = (hs: vscode.Hover[]) => hs.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');

async function complete(uri: vscode.Uri, pos: vscode.Position, trigger: string): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, pos, trigger, 200);
  return list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet && /^(hub-|toc-|## )/.test(labelOf(i)));
}

const PROMPT = '*Describe each body, its seats per constituency, how members are chosen and their terms.*';
const CHARTER = `---\ntype: hub-charter\n---\n\n# River Hub — Charter\n\n## 3. Purpose and goal\n\nBy 2030, 2,000 villages have safe water all year round.\n\n## 9. Governance structure\n\n${PROMPT}\n\n`;

describe('writing help where the cursor is', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('typing "hub-" at the start of a line opens the charter sections in outline order, with status and cited examples', async () => {
    await activateExtension();
    const editor = await open('typing.md', `${CHARTER}hub-`);
    const uri = editor.document.uri;
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    const items = await complete(uri, end, '-');
    const labels = items.map(labelOf);
    assert.equal(labels[0], 'hub-parties');
    assert.ok(labels.indexOf('hub-goal') < labels.indexOf('hub-governance') && labels.indexOf('hub-governance') < labels.indexOf('hub-exit'), labels.join(', '));
    const sorted = [...items].sort((a, b) => String(a.sortText).localeCompare(String(b.sortText))).map(labelOf);
    assert.deepEqual(sorted.slice(0, 3), ['hub-parties', 'hub-problem', 'hub-goal'], 'outline order');
    const goal = items.find((i) => labelOf(i) === 'hub-goal')!;
    assert.equal(descriptionOf(goal), '✓ written');
    assert.match(String(descriptionOf(items.find((i) => labelOf(i) === 'hub-governance')!)), /heading or prompt only/);
    assert.match(docText(items.find((i) => labelOf(i) === 'hub-decisions')!), /How real hubs did it[\s\S]*command:impactHubs\.openDocument/);
    // Accepting it replaces the typed prefix with the section.
    const decisions = items.find((i) => labelOf(i) === 'hub-decisions')!;
    await editor.insertSnippet(decisions.insertText as vscode.SnippetString, decisions.range as vscode.Range);
    assert.match(editor.document.getText(), /\n## 10\. Decision-making\n/);
    assert.doesNotMatch(editor.document.getText(), /^hub-/m);
  });

  it('the suggestion list opens as the writer types, without changing settings, and Enter inserts the section', async () => {
    await activateExtension();
    const editor = await open('keys.md', CHARTER);
    const last = editor.document.lineCount - 1;
    editor.selection = new vscode.Selection(last, 0, last, 0);
    assert.equal(vscode.workspace.getConfiguration('editor', { languageId: 'markdown' }).get<{ other?: string }>('quickSuggestions')?.other, 'off', 'Markdown keeps quick suggestions off');
    // '-' opens the list; the next keys filter it; Enter (acceptSelectedSuggestion) inserts.
    for (const ch of 'hub-exit') {
      await vscode.commands.executeCommand('type', { text: ch });
      await new Promise((r) => setTimeout(r, 120)); // a writer's pace
    }
    await waitFor('the section to be inserted', async () => {
      await vscode.commands.executeCommand('acceptSelectedSuggestion');
      return /\n## \d+\. Exit, transition and dissolution\n/.test(editor.document.getText()) ? true : undefined;
    }).catch((e: Error) => {
      throw new Error(`${e.message}; the document ends ${JSON.stringify(editor.document.getText().slice(-80))}`);
    });
    assert.doesNotMatch(editor.document.getText(), /hub-exit/, 'the typed prefix is replaced');
    await vscode.commands.executeCommand('undo');
    assert.doesNotMatch(editor.document.getText(), /Exit, transition and dissolution/);
  });

  it('"## " offers the outline\u2019s headings in a charter, nothing in an ordinary Markdown file; "hub-" works in any', async () => {
    await activateExtension();
    const charter = await open('headings.md', `${CHARTER}## `);
    const end = charter.document.lineAt(charter.document.lineCount - 1).range.end;
    const headings = await complete(charter.document.uri, end, ' ');
    assert.equal(labelOf(headings[0]), '## 1. Parties and legal status');
    assert.equal(headings.length, 22);
    const notes = await open('notes.md', '# Notes\n\n## ');
    assert.deepEqual(await complete(notes.document.uri, new vscode.Position(2, 3), ' '), []);
    await notes.edit((b) => b.insert(new vscode.Position(2, 3), '\nhub-'));
    assert.ok((await complete(notes.document.uri, new vscode.Position(3, 4), '-')).length >= 22);
    await notes.edit((b) => b.insert(new vscode.Position(3, 4), '\n- item'));
    assert.deepEqual(await complete(notes.document.uri, new vscode.Position(4, 1), '-'), [], 'a list item gets nothing');
  });

  it('hovering a section heading shows its purpose, questions and how real hubs did it, with the reader link', async () => {
    await activateExtension();
    const editor = await open('hover.md', CHARTER);
    const line = editor.document.getText().split('\n').findIndex((l) => l.startsWith('## 9.'));
    const hover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(line, 5)));
    assert.match(hover, /9\. Governance structure/);
    assert.match(hover, /heading or prompt only/);
    assert.match(hover, /How real hubs did it/);
    assert.match(hover, /command:impactHubs\.openDocument\?/);
    assert.match(hover, /\[source\]\(<https?:\/\//);
    const plain = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(4, 3)));
    assert.doesNotMatch(plain, /How real hubs did it/, 'the title heading is no section');
  });
});
