import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LandscapeMapView } from '../../src/views/landscape-map';
import { parseMapMessage } from '../../src/views/protocol';
import { activateExtension, waitFor, workspaceRoot } from './helpers';

type CodeValue = { value: string | number; target: vscode.Uri };
const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Impact Hubs');
const ruleOf = (d: vscode.Diagnostic) => String((d.code as CodeValue | undefined)?.value ?? d.code);

async function view(): Promise<LandscapeMapView> {
  const hooks = (await activateExtension()) as unknown as { landscapeMap: LandscapeMapView };
  assert.ok(hooks.landscapeMap, 'the landscape map feature is exposed in test mode');
  return hooks.landscapeMap;
}

/** Resolves when the page reports it has drawn a render for which `test` holds. */
function drawn(v: LandscapeMapView, test: () => boolean, what: string, timeoutMs = 15000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (test()) {
      resolve();
      return;
    }
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for the landscape map to draw ${what}`));
    }, timeoutMs);
    const sub = v.onDidRender(() => {
      if (!test()) return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}

/** The grid chip of an actor: its quadrant, position and line. */
function chip(svg: string, id: string): { quadrant: string; x: number; y: number; line: number } | undefined {
  const m = new RegExp(`<g class="lm-actor lm-chip[^"]*" data-id="${id}" data-line="(\\d+)" data-quadrant="([a-z-]+)" data-power="[a-z]*" data-interest="[a-z]*" data-x="(\\d+)" data-y="(\\d+)"`).exec(svg);
  return m ? { line: Number(m[1]), quadrant: m[2], x: Number(m[3]), y: Number(m[4]) } : undefined;
}

const actorIds = (svg: string) => [...svg.matchAll(/<g class="lm-actor [^"]*" data-id="([^"]+)"/g)].map((m) => m[1]);

describe('landscape map: New Landscape Map, Show Landscape Map, checks', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('New Landscape Map creates the file, the view draws it, an edited row moves its actor, a click moves the editor', async function () {
    this.timeout(90000);
    const v = await view();
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'lake-compact-landscape.md');
    const created = await vscode.commands.executeCommand<vscode.Uri>('impactHubs.newLandscapeMap', { name: 'Lake Compact', uri });
    assert.equal(created?.toString(), uri.toString());
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.toString(), uri.toString());
    const text = editor.document.getText();
    assert.match(text, /^---\ntype: landscape-map\nhub: "Lake Compact"/);
    assert.match(text, /^# Lake Compact — Landscape Map$/m);
    assert.equal((text.match(/^## \d+\. /gm) ?? []).length, 7);
    // Never overwrites.
    assert.equal(await vscode.commands.executeCommand('impactHubs.newLandscapeMap', { name: 'Other', uri }), undefined);
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), text);

    // The view on an empty map says what to do.
    const panel = await vscode.commands.executeCommand<vscode.WebviewPanel>('impactHubs.showLandscapeMap');
    assert.ok(panel && v.panelOpen === panel);
    assert.notEqual(panel.viewColumn, editor.viewColumn, 'beside the editor');
    assert.equal(v.map?.actors.length, 0);

    // Add a row under the table header: the actor appears on the grid, in "manage closely".
    const lines = text.split('\n');
    const header = lines.findIndex((l) => l.startsWith('| Actor | Type | Power'));
    const shown = drawn(v, () => chip(v.lastGrid, 'lake-authority')?.quadrant === 'manage-closely', 'the new actor', 80000);
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(header + 2, 0), '| Lake Authority | government | high | high | ally | Licenses water points | Founding party |\n')));
    await shown;
    const before = chip(v.lastGrid, 'lake-authority')!;
    assert.equal(before.line, header + 2);
    assert.ok(actorIds(v.lastNetwork).includes('lake-authority'), 'and in the network');

    // Edit the row: low power, low interest → it moves to "monitor", lower and further left.
    const row = editor.document.lineAt(header + 2);
    const at = row.text.indexOf('| high | high |');
    const moved = drawn(v, () => chip(v.lastGrid, 'lake-authority')?.quadrant === 'monitor', 'the moved actor');
    assert.ok(await editor.edit((b) => b.replace(new vscode.Range(header + 2, at, header + 2, at + '| high | high |'.length), '| low | low |')));
    await moved;
    const after = chip(v.lastGrid, 'lake-authority')!;
    assert.ok(after.y > before.y && after.x < before.x, `moved from ${JSON.stringify(before)} to ${JSON.stringify(after)}`);

    // A click on the actor (the page's message, through the same validation) moves the editor to its row.
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await v.onMessage(parseMapMessage(JSON.parse(JSON.stringify({ type: 'reveal', line: after.line }))));
    const active = await waitFor('the editor to show the row', () => (vscode.window.activeTextEditor?.selection.active.line === header + 2 ? vscode.window.activeTextEditor : undefined));
    assert.equal(active.document.uri.toString(), uri.toString());
    assert.equal(active.selection.active.character, 2, 'at the start of the actor\u2019s name');
    // The cursor on a row highlights its actor.
    await waitFor('the actor to be highlighted', () => (v.highlightedId === 'lake-authority' ? true : undefined));

    // The network tab: the page's tab message is remembered, and Export defaults to it.
    await v.onMessage(parseMapMessage({ type: 'tab', tab: 'network' }));
    assert.equal(v.tab, 'network');
    assert.equal(parseMapMessage({ type: 'tab', tab: 'pie' }), undefined);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(uri);
  });

  it('Show Landscape Map draws the samples/ map: every actor on the grid and in the network, relations as labelled edges', async function () {
    this.timeout(60000);
    const v = await view();
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'riverlands-landscape.md');
    await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One });
    const shown = drawn(v, () => actorIds(v.lastGrid).length === 14, 'the sample', 50000);
    await vscode.commands.executeCommand('impactHubs.showLandscapeMap', undefined, { view: 'grid' });
    await shown;
    assert.equal(v.tab, 'grid');
    assert.equal(actorIds(v.lastNetwork).length, 14);
    assert.equal((v.lastNetwork.match(/<g class="lm-edge /g) ?? []).length, 12);
    assert.match(v.lastNetwork, /<title>Ministry of Finance funds PWA<\/title>/);
    assert.equal(chip(v.lastGrid, 'ministry-of-finance')?.quadrant, 'keep-satisfied');
    assert.match(v.lastGrid, /Manage closely \(8\)/);
  });

  it('after a window reload the map reopens on its document and on the tab it showed', async function () {
    this.timeout(60000);
    const v = await view();
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'riverlands-landscape.md');
    await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One });
    v.lastGrid = '';
    const shown = drawn(v, () => actorIds(v.lastGrid).length === 14, 'the sample', 40000);
    await vscode.commands.executeCommand('impactHubs.showLandscapeMap', undefined, { view: 'grid' });
    await shown;
    await v.onMessage(parseMapMessage({ type: 'tab', tab: 'network' })); // the writer picks the network tab
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    v.tab = 'grid';
    v.lastGrid = '';
    const restored = vscode.window.createWebviewPanel('impactHubs.landscapeMap', 'Restoring', vscode.ViewColumn.Two, { enableScripts: true });
    const again = drawn(v, () => actorIds(v.lastGrid).length === 14, 'the restored map', 40000);
    await v.restore('impactHubs.landscapeMap', restored);
    await again;
    assert.equal(restored.title, 'Landscape map: riverlands-landscape.md');
    assert.equal(v.tab, 'network', 'the tab it showed');
    restored.dispose();
  });

  it('Export Landscape Map… writes the grid and the network as SVG and PNG, and never replaces a file unasked', async () => {
    await view();
    await vscode.window.showTextDocument(vscode.Uri.joinPath(workspaceRoot(), 'riverlands-landscape.md'));
    const root = workspaceRoot();
    const gridUri = vscode.Uri.joinPath(root, 'exported-grid.svg');
    assert.equal((await vscode.commands.executeCommand<vscode.Uri>('impactHubs.exportLandscapeMap', { view: 'grid', format: 'svg', uri: gridUri }))?.toString(), gridUri.toString());
    const grid = new TextDecoder().decode(await vscode.workspace.fs.readFile(gridUri));
    assert.match(grid, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="lm-diagram lm-grid lm-standalone"/);
    assert.equal((grid.match(/<g class="lm-actor /g) ?? []).length, 14);
    assert.doesNotMatch(grid, /var\(--/);
    await vscode.workspace.fs.writeFile(gridUri, new TextEncoder().encode('mine'));
    assert.equal(await vscode.commands.executeCommand('impactHubs.exportLandscapeMap', { view: 'grid', format: 'svg', uri: gridUri, replace: false }), undefined);
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(gridUri)), 'mine');
    await vscode.workspace.fs.delete(gridUri);
    const netUri = vscode.Uri.joinPath(root, 'exported-network.svg');
    await vscode.commands.executeCommand('impactHubs.exportLandscapeMap', { view: 'network', format: 'svg', uri: netUri });
    assert.match(new TextDecoder().decode(await vscode.workspace.fs.readFile(netUri)), /class="lm-diagram lm-network lm-standalone"/);
    await vscode.workspace.fs.delete(netUri);
    const pngUri = vscode.Uri.joinPath(root, 'exported-network.png');
    // Native rasteriser on the desktop checkout; in the web worker the map panel draws it.
    const png = await vscode.commands.executeCommand<vscode.Uri>('impactHubs.exportLandscapeMap', { view: 'network', format: 'png', uri: pngUri });
    assert.equal(png?.toString(), pngUri.toString());
    const bytes = await vscode.workspace.fs.readFile(pngUri);
    assert.deepEqual([...bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    assert.ok(bytes.length > 10000, `a real drawing: ${bytes.length} bytes`);
    await vscode.workspace.fs.delete(pngUri);
  });

  it('checks the sample map (duplication risk), and the charter\u2019s Guide shows its linked map', async function () {
    this.timeout(60000);
    const api = await activateExtension();
    const mapUri = vscode.Uri.joinPath(workspaceRoot(), 'riverlands-landscape.md');
    await vscode.window.showTextDocument(mapUri);
    const diags = await waitFor('the map check', () => (ours(mapUri).length ? ours(mapUri) : undefined));
    assert.deepEqual(diags.map(ruleOf), ['map/initiative-overlap']);
    assert.match(diags[0].message, /"Northern piped-water project" has much the same goal as the hub/);
    const fixes = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', mapUri, diags[0].range)) ?? [];
    assert.ok(fixes.some((a) => a.title === 'State the relation: "Coordinates with it: …"'), fixes.map((a) => a.title).join(', '));
    // The guide lists the map's own sections.
    await vscode.commands.executeCommand('impactHubs.charterGuide.focus');
    const guide = api.charterGuide;
    const mapItems = await waitFor('the map sections in the guide', () => {
      const r = guide.getChildren().filter((n) => n.type === 'item');
      return r.length === 7 ? r : undefined;
    });
    assert.deepEqual(mapItems.map((n) => (n.type === 'item' ? n.item.label : '')), ['Problem and scope of the map', 'Actors', 'Relations', 'Existing initiatives', 'Power and voice', 'Gap and allies', 'Updating the map']);
    // The charter: its Guide starts with the linked map's summary; its children open the map's rows.
    const charterUri = vscode.Uri.joinPath(workspaceRoot(), 'riverlands-charter.md');
    await vscode.window.showTextDocument(charterUri);
    const row = await waitFor('the landscape row', () => guide.getChildren().find((n) => n.type === 'landscape'));
    assert.ok(row.type === 'landscape');
    assert.equal(String(guide.getTreeItem(row).label), 'Landscape map: 14 actors, 4 allies missing from the charter');
    const children = guide.getChildren(row);
    assert.equal(children.length, 4);
    const ally = guide.getTreeItem(children[0]);
    assert.equal(String(ally.label), 'Ally not in the charter: Provincial Health Department');
    await vscode.commands.executeCommand(ally.command!.command, ...(ally.command!.arguments ?? []));
    await waitFor('the map at the ally\u2019s row', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.toString() === mapUri.toString() && e.document.lineAt(e.selection.active.line).text.startsWith('| Provincial Health Department |') ? true : undefined;
    });
    assert.ok(!ours(charterUri).some((d) => ruleOf(d) === 'charter/map-actor-missing'), 'every founding party of the map is in the charter');
  });

  it('"Check This Document as a Landscape Map" checks a plain Markdown file as a map, and is remembered', async () => {
    const api = await activateExtension();
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'check-tests', `lake-notes-${Date.now()}.md`);
    const text = ['# Lake notes', '', '## Actors', '', '| Actor | Type | Power | Interest | Stance | Already does | Role in the hub |', '|---|---|---|---|---|---|---|', '| Lake Authority | government | high | high | ally | Licenses water points | Founding party |', '', '## Relations', '', '- Lake Authority funds Fishers Union', ''].join('\n');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    try {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      await api.checks.check(editor.document);
      assert.deepEqual(ours(uri).map(ruleOf), [], 'no type in the front matter: no map checks');
      await vscode.commands.executeCommand('impactHubs.checkAsLandscapeMap');
      const rules = await waitFor('map checks on the plain file', () => {
        const r = ours(uri).map(ruleOf);
        return r.includes('map/unknown-actor') ? r : undefined;
      });
      assert.ok(rules.includes('map/affected-communities'), rules.join(', '));
      assert.ok(rules.every((r) => r.startsWith('map/')), rules.join(', '));
      await vscode.commands.executeCommand('impactHubs.stopCheckingAs');
      await waitFor('the checks to stop', () => (ours(uri).length === 0 ? true : undefined));
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    }
  });

  it('Insert Section adds a missing landscape-map section in its outline place', async () => {
    await activateExtension();
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: '---\ntype: landscape-map\n---\n\n# M\n\n## 2. Actors\n\nx\n\n## 5. Power and voice\n\ny\n' });
    const editor = await vscode.window.showTextDocument(doc);
    assert.equal(await vscode.commands.executeCommand('impactHubs.insertSection', 'relations'), true);
    const text = editor.document.getText();
    const at = text.indexOf('## 3. Relations');
    assert.ok(at > text.indexOf('## 2. Actors') && at < text.indexOf('## 5. Power and voice'), text);
    assert.match(text, /- actor funds actor/);
  });
});
