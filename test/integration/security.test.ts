import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { IN_WEB_WORKER, activateExtension, waitFor, workspaceRoot } from './helpers';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

describe('a hostile workspace cannot read outside it, overwrite, or run commands', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('links to a file outside, links to folders and knowledge folders outside the workspace are never read (Node host)', async function () {
    // Links cannot be made from a web worker (and vscode.dev has none).
    if (IN_WEB_WORKER) this.skip();
    /* eslint-disable @typescript-eslint/no-require-imports */
    const fs = require('node:fs') as typeof import('node:fs');
    const os = require('node:os') as typeof import('node:os');
    const path = require('node:path') as typeof import('node:path');
    /* eslint-enable @typescript-eslint/no-require-imports */
    const api = await activateExtension();
    const root = workspaceRoot().fsPath;
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-hubs-outside-'));
    fs.writeFileSync(path.join(outside, 'secret.md'), '# Secret\n\nThe zyxwvutsecret lives outside the workspace.\n');
    fs.mkdirSync(path.join(outside, 'kb'));
    fs.writeFileSync(path.join(outside, 'kb', 'outside-note.md'), '# Outside note\n\nThe qqoutsidefolder note lives outside the workspace.\n');
    const links = path.join(root, 'knowledge', 'links');
    fs.mkdirSync(links, { recursive: true });
    fs.symlinkSync(path.join(outside, 'secret.md'), path.join(links, 'passwd.md'));
    fs.symlinkSync(outside, path.join(links, 'root'), 'dir');
    const relative = path.relative(root, path.join(outside, 'kb'));
    const config = vscode.workspace.getConfiguration('impactHubs');
    await config.update('knowledgeFolders', ['knowledge', relative, path.join(outside, 'kb')], vscode.ConfigurationTarget.Workspace);
    try {
      const message = await waitFor('My Knowledge to report what it did not read', async () => {
        await api.knowledge.workspaceReady();
        api.sidebar.refresh();
        const m = api.sidebar.views.own.message ?? '';
        return /points outside the workspace folder/.test(m) && /links\/root/.test(m) ? m : undefined;
      });
      assert.match(message, new RegExp(`Not read: "${relative.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" points outside the workspace folder`));
      assert.match(message, /is not a path inside the workspace folder/, 'the absolute path is refused');
      assert.match(message, /2 item\(s\) not read \(links, devices or unreadable folders\): knowledge\/links\/passwd\.md, knowledge\/links\/root/);
      // Nothing from outside is searchable or listed.
      assert.deepEqual(api.knowledge.engine.search('zyxwvutsecret').map((r) => r.ref), []);
      assert.deepEqual(api.knowledge.engine.search('qqoutsidefolder').map((r) => r.ref), []);
      const inside = workspaceRoot().toString();
      for (const d of api.knowledge.ownDocs()) assert.ok(d.path.startsWith(`${inside}/`), d.path);
      assert.ok(!api.knowledge.ownDocs().some((d) => /passwd|secret|outside-note/.test(d.path)));
      // The workspace's own notes are still read.
      assert.ok(api.knowledge.engine.search('monsoon spare parts').length > 0);
      // Create Knowledge Folder writes nothing outside either.
      await config.update('knowledgeFolders', [relative], vscode.ConfigurationTarget.Workspace);
      assert.equal(await api.sidebar.createKnowledgeFolder(), undefined);
      assert.deepEqual(fs.readdirSync(path.join(outside, 'kb')), ['outside-note.md']);
      await config.update('knowledgeFolders', ['knowledge/links/root'], vscode.ConfigurationTarget.Workspace);
      assert.equal(await api.sidebar.createKnowledgeFolder(), undefined, 'a folder reached through a link is refused');
      assert.deepEqual(fs.readdirSync(outside).sort(), ['kb', 'secret.md']);
    } finally {
      await config.update('knowledgeFolders', undefined, vscode.ConfigurationTarget.Workspace);
      fs.rmSync(links, { recursive: true, force: true });
      fs.rmSync(outside, { recursive: true, force: true });
      await api.knowledge.reindexWorkspace();
    }
  });

  it('New Hub Charter never overwrites a file that appears while it works (exclusive create)', async () => {
    const api = await activateExtension();
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'race-charter.md');
    try {
      const made = await api.authoring.create('hub-charter', { name: 'Race', uri }, async () => {
        await vscode.workspace.fs.writeFile(uri, enc('written meanwhile'));
      });
      assert.equal(made, undefined);
      assert.equal(dec(await vscode.workspace.fs.readFile(uri)), 'written meanwhile');
      assert.equal(await api.authoring.createNewFile(uri, 'replaced'), false);
      assert.equal(dec(await vscode.workspace.fs.readFile(uri)), 'written meanwhile');
      await vscode.workspace.fs.delete(uri);
      assert.equal(await api.authoring.createNewFile(uri, 'new'), true);
      assert.equal(dec(await vscode.workspace.fs.readFile(uri)), 'new');
    } finally {
      await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    }
  });

  it('a note\'s summary shows escaped in completions and hovers; only the command link is trusted', async () => {
    const api = await activateExtension();
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'knowledge', 'hostile-summary.md');
    const summary = '![tracker](https://evil.example/t.png) [Quit](command:workbench.action.quit) <img src=x> $(zap)';
    await vscode.workspace.fs.writeFile(uri, enc(`---\nkind: note\nid: hostile-summary\ntitle: Hostile [title](command:workbench.action.quit)\nsummary: "${summary}"\n---\n\nBody.\n`));
    try {
      await waitFor('the note in the index', () => api.knowledge.ownDocs().find((d) => d.id === 'hostile-summary'), 10000);
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'See [[note:hostile-summary]] and [[note:hos' });
      const editor = await vscode.window.showTextDocument(doc);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(0, 43));
      const item = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'note:hostile-summary');
      assert.ok(item, 'the note is offered');
      const value = typeof item.documentation === 'string' ? item.documentation : (item.documentation?.value ?? '');
      assert.ok(value.includes('\\!\\[tracker\\]\\(https\\:'), value);
      assert.doesNotMatch(value, /(^|[^\\])[[\]()<]/, 'every bracket is escaped');
      assert.ok(!(item.documentation as vscode.MarkdownString)?.isTrusted);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(0, 10));
      const parts = hovers.flatMap((h) => h.contents).filter((c): c is vscode.MarkdownString => typeof c !== 'string' && 'value' in c);
      assert.ok(parts.some((p) => /command:impactHubs\.openDocument/.test(p.value)), 'the hover has the Open in the reader link');
      for (const p of parts) {
        if (p.isTrusted) assert.doesNotMatch(p.value, /tracker|Quit|Hostile/, 'a trusted part never holds document text');
        assert.doesNotMatch(p.value, /(^|[^\\])\]\(command:workbench/, 'no command link from the document');
      }
      assert.ok(parts.some((p) => /Hostile \\\[title\\\]/.test(p.value)), 'the title is shown, escaped');
    } finally {
      await vscode.workspace.fs.delete(uri);
      // Later suites compare the editor's ranking with the CLI's on this folder: wait until it is gone.
      await waitFor('the note to leave the index', () => (api.knowledge.ownDocs().some((d) => d.id === 'hostile-summary') ? undefined : true), 10000);
    }
  });
});
