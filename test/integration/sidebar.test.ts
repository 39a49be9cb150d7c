import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/core/tree-model';
import { activateExtension, waitFor } from './helpers';

const keys = (nodes: TreeNode[]): string[] => nodes.flatMap((n) => [...(n.type === 'doc' && n.key ? [n.key] : []), ...keys(n.children ?? [])]);

describe('side bar (issue: browse hubs, principles and frameworks; compare hubs)', () => {
  it('opens each view and expands items', async () => {
    const api = await activateExtension();
    for (const id of ['impactHubs.caseStudies', 'impactHubs.principles', 'impactHubs.frameworks', 'impactHubs.myKnowledge']) {
      await vscode.commands.executeCommand(`${id}.focus`);
    }
    const { sidebar } = api;
    const roots = await waitFor('case studies', async () => {
      const r = await sidebar.cases.getChildren();
      return r.length ? r : undefined;
    });
    const first = roots[0];
    const kids = await sidebar.cases.getChildren(first);
    assert.ok(kids.length > 0, 'a group expands into hubs');
    assert.ok(sidebar.views.cases.visible || sidebar.views.principles.visible);
    await sidebar.views.principles.reveal((await sidebar.principles.getChildren())[0], { expand: true, select: true });
    const principles = await sidebar.principles.getChildren();
    assert.equal(principles.length, api.knowledge.docs().filter((d) => d.kind === 'principle').length);
    const hubsOfFirst = await sidebar.principles.getChildren(principles[0]);
    assert.ok(hubsOfFirst.length >= 3 && hubsOfFirst.every((h) => h.key?.startsWith('hub:')));
    assert.equal((await sidebar.frameworks.getChildren()).length, 6);
    const own = await waitFor('own documents', async () => {
      const o = await sidebar.own.getChildren();
      return o.length ? o : undefined;
    });
    assert.ok(own.some((n) => n.label.startsWith('Field visit notes')));
  });

  it('switches grouping from the title-bar command', async () => {
    const api = await activateExtension();
    for (const g of ['sdg', 'principle', 'actor', 'flat', 'area']) {
      assert.equal(await vscode.commands.executeCommand('impactHubs.groupCaseStudies', g), g);
      const roots = await api.sidebar.cases.getChildren();
      if (g === 'flat') assert.equal(roots.length, api.knowledge.docs().filter((d) => d.kind === 'hub').length);
      if (g === 'principle') assert.equal(roots.length, api.knowledge.docs().filter((d) => d.kind === 'principle').length);
      if (g === 'sdg') assert.ok(roots.some((r) => r.label.startsWith('SDG 3')));
      assert.equal(api.sidebar.views.cases.description, { sdg: 'Sustainable Development Goal', principle: 'Design principle', actor: 'Actor type', flat: 'A–Z', area: 'Issue area' }[g]);
    }
  });

  it('filters the views by text and clears the filter', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('impactHubs.filterViews', 'vaccines');
    const filtered = keys(await api.sidebar.cases.getChildren());
    assert.ok(filtered.includes('hub:gavi') && !filtered.includes('hub:icoca'), filtered.join());
    assert.match(api.sidebar.views.cases.message ?? '', /Filtered by "vaccines"/);
    await vscode.commands.executeCommand('impactHubs.clearFilter');
    assert.equal(api.sidebar.views.cases.message, undefined);
    assert.ok(keys(await api.sidebar.cases.getChildren()).includes('hub:icoca'));
  });

  it('clicking a hub under a principle opens the reader at that hub', async () => {
    const api = await activateExtension();
    const principles = await api.sidebar.principles.getChildren();
    const hub = (await api.sidebar.principles.getChildren(principles[0]))[0];
    const item = api.sidebar.principles.getTreeItem(hub);
    assert.equal(item.command?.command, 'impactHubs.openDocument');
    const rendered = new Promise<{ key: string; html: string }>((r) => api.reader.onDidRender(r));
    await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
    const r = await rendered;
    assert.equal(r.key, hub.key);
    assert.match(r.html, new RegExp(`id="principle-${principles[0].key!.split(':')[1]}"`));
  });

  it('Compare Hubs shows a table with the hubs and their sourced facts, and exports Markdown', async () => {
    const api = await activateExtension();
    const c = await vscode.commands.executeCommand<{ hubs: { id: string }[]; rows: { label: string; cells: { text: string; cites: number[] }[] }[] }>('impactHubs.compareHubs', ['hub:gavi', 'hub:global-fund', 'hub:cepi']);
    assert.deepEqual(c.hubs.map((h) => h.id), ['gavi', 'global-fund', 'cepi']);
    const goal = c.rows.find((r) => r.label === 'Headline goal')!;
    assert.ok(goal.cells.every((cell) => cell.text.length > 0 && cell.cites.length > 0));
    const labels = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label);
    await waitFor(`the comparison tab (tabs: ${labels().join(' | ')})`, () => labels().find((l) => l.startsWith('Compare: Gavi')));
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('impactHubs.exportComparison');
    assert.equal(doc.languageId, 'markdown');
    assert.match(doc.getText(), /^\| \| \*\*Gavi\*\* \| /m);
    assert.match(doc.getText(), /\[\^c1\]: /);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    assert.ok(api.compare.comparison);
  });

  it('Compare with… from a tree item asks for the other hubs; a multi-selection compares directly', async () => {
    await activateExtension();
    const selection = [{ key: 'hub:swa', type: 'doc' }, { key: 'hub:sun-movement', type: 'doc' }];
    const c = await vscode.commands.executeCommand<{ hubs: { id: string }[] }>('impactHubs.compareHubs', selection[0], selection);
    assert.deepEqual(c.hubs.map((h) => h.id), ['swa', 'sun-movement']);
  });

  it('a knowledge folder named in the settings that does not exist is reported in My Knowledge', async () => {
    const api = await activateExtension();
    const config = vscode.workspace.getConfiguration('impactHubs');
    await config.update('knowledgeFolders', ['knowledge', 'no-such-folder'], vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('the missing-folder message', async () => {
        await api.knowledge.workspaceReady();
        api.sidebar.refresh();
        return /no-such-folder/.test(api.sidebar.views.own.message ?? '') ? true : undefined;
      });
      assert.match(api.sidebar.views.own.message!, /Not found \(setting impactHubs\.knowledgeFolders\): no-such-folder/);
      assert.ok((await api.sidebar.own.getChildren()).length > 0, 'the existing folder still works');
    } finally {
      await config.update('knowledgeFolders', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
