import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { IN_WEB_WORKER, activateExtension, waitFor } from './helpers';


describe('where it runs', () => {
  it(`runs in the ${IN_WEB_WORKER ? 'web worker' : 'Node'} extension host and reports it`, async () => {
    const api = await activateExtension();
    console.log(`  extension host: ${IN_WEB_WORKER ? 'web worker (no Node APIs)' : 'Node'}; activate() took ${api.activationMs.toFixed(1)} ms`);
    assert.equal(vscode.env.uiKind, vscode.UIKind.Web, 'code-server is VS Code in the browser');
    const kind = vscode.extensions.getExtension('impact-hubs.impact-hubs')!.extensionKind;
    assert.equal(kind, IN_WEB_WORKER ? vscode.ExtensionKind.UI : vscode.ExtensionKind.Workspace);
  });

  it('reads the bundled knowledge base and the workspace through vscode.workspace.fs only', async () => {
    const api = await activateExtension();
    await api.knowledge.workspaceReady();
    assert.ok(api.knowledge.docs().filter((d) => d.kind === 'hub').length >= 23);
    const notes = await waitFor('own notes', () => (api.knowledge.ownDocs().length ? api.knowledge.ownDocs() : undefined));
    assert.ok(notes.length >= 1);
    const results = await api.api.search('immunisation', 5);
    assert.ok(results.length > 0);
  });
});

describe('the same answers in the editor and the CLI', () => {
  it('searching the workspace knowledge folder gives the same ids and ranks as impact-hubs search (Node host)', async function () {
    if (IN_WEB_WORKER) this.skip(); // no processes in a web worker
    const api = await activateExtension();
    await api.knowledge.workspaceReady();
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const ext = vscode.extensions.getExtension('impact-hubs.impact-hubs')!.extensionPath;
    // Required here, not imported: the web-worker bundle must not load it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
    for (const q of ['maintenance funds village pumps', 'board seats constituency', 'how did gavi fund vaccines', 'immunisation']) {
      const out = execFileSync(process.execPath, [`${ext}/dist/cli.js`, 'search', q, '--json', '--limit', '10', '--knowledge', `${folder}/knowledge`], { encoding: 'utf8' });
      const cli = (JSON.parse(out) as { id: string; kind: string }[]).map((r) => `${r.kind}:${r.id}`);
      const editor = (await api.api.search(q, 10)).map((r) => `${r.kind}:${r.id}`);
      assert.deepEqual(editor, cli, `same ranking for "${q}"`);
    }
  });
});
