import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TocDiagram } from '../../src/views/toc-diagram';
import { parseTocMessage } from '../../src/views/protocol';
import { activateExtension, waitFor, workspaceRoot } from './helpers';

const IN_WEB_WORKER = typeof (globalThis as { importScripts?: unknown }).importScripts === 'function' && typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node !== 'string';

async function view(): Promise<TocDiagram> {
  const hooks = (await activateExtension()) as unknown as { tocDiagram: TocDiagram };
  assert.ok(hooks.tocDiagram, 'the diagram feature is exposed in test mode');
  return hooks.tocDiagram;
}

async function openSample(): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), 'riverlands-theory-of-change.md');
  return vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One });
}

/** Resolves when the diagram page reports it has drawn a render newer than `after`. */
function drawn(v: TocDiagram, test: () => boolean, what: string, timeoutMs = 15000): Promise<{ version: number; at: number }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for the diagram to draw ${what}`));
    }, timeoutMs);
    const sub = v.onDidRender((r) => {
      if (!test()) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(r);
    });
  });
}

const nodeIds = (svg: string) => [...svg.matchAll(/<g class="toc-node[^"]*" id="toc-node-[^"]+" data-id="([^"]+)"/g)].map((m) => m[1]);

describe('theory-of-change diagram and results framework', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Show Theory of Change Diagram opens beside the samples/ theory of change and draws every box and arrow', async function () {
    this.timeout(90000);
    const v = await view();
    const editor = await openSample();
    // The first webview of a session can take a while to load (its service worker starts).
    const shown = drawn(v, () => nodeIds(v.lastSvg).length > 0, 'the sample', 80000);
    const panel = await vscode.commands.executeCommand<vscode.WebviewPanel>('impactHubs.showTocDiagram');
    assert.ok(panel, 'the command returns the panel');
    await shown;
    assert.notEqual(panel.viewColumn, editor.viewColumn, 'beside the editor');
    assert.deepEqual(nodeIds(v.lastSvg), ['goal', 'working', 'funds', 'parts', 'plans', 'trust', 'results', 'i1', 'i2', 'i3']);
    assert.equal((v.lastSvg.match(/<g class="toc-edge /g) ?? []).length, 11);
    assert.match(v.lastSvg, /<title>because published failures put pressure on operators to fix schemes fast\.<\/title>/);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), editor.document.uri.toString(), 'the editor keeps the focus');
  });

  it('typing in the document updates the open diagram (and measures edit → drawn)', async function () {
    this.timeout(60000);
    const v = await view();
    const editor = await openSample();
    const first = drawn(v, () => nodeIds(v.lastSvg).length > 0, 'the sample');
    await vscode.commands.executeCommand('impactHubs.showTocDiagram');
    await first;
    const text = editor.document.getText();
    const at = editor.document.positionAt(text.indexOf('- Households trust'));
    const times: number[] = [];
    const parts: string[] = [];
    for (let i = 1; i <= 6; i++) {
      const words = `Schools teach safe water habits ${i}.`;
      const done = drawn(v, () => v.lastSvg.includes(words), `edit ${i}`);
      const started = performance.now();
      const ok = await editor.edit((b) => b.insert(at, `- ${words}\n`));
      assert.ok(ok);
      const r = await done;
      times.push(r.at - started);
      parts.push(`${(v.lastChangeAt - started).toFixed(0)}+${(v.lastPostedAt - v.lastChangeAt).toFixed(0)}+${(r.at - v.lastPostedAt).toFixed(0)}`);
      assert.ok(nodeIds(v.lastSvg).length === 10 + i, `edit ${i} adds box ${i}`);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    console.log(`  edit visible in the open diagram: median ${median.toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms over ${times.length} edits (target ≤ 150 ms; debounce included); edit→event+event→posted+posted→drawn: ${parts.join(', ')} ms`);
    if (!IN_WEB_WORKER) {
      // Recorded for npm run bench in the git-ignored test-results/ (the build empties out/).
      const ext = vscode.extensions.getExtension('impact-hubs.impact-hubs')!.extensionUri;
      const record = { median, max: times[times.length - 1], samples: times.length, host: 'Node', at: new Date().toISOString() };
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(ext, 'test-results/toc-latency.json'), new TextEncoder().encode(JSON.stringify(record)));
    }
    // A malformed edit draws what it can and lists the problem.
    const bad = drawn(v, () => v.lastSvg.includes('toc-problem'), 'the problem');
    await editor.edit((b) => b.insert(at, '- Dangling {#funds}\n'));
    await bad;
    assert.match(v.lastSvg, /toc-node toc-outcome toc-problem/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('clicking a box moves the editor selection to its line; moving the cursor highlights the box', async () => {
    const v = await view();
    const editor = await openSample();
    const shown = drawn(v, () => nodeIds(v.lastSvg).length > 0, 'the sample');
    await vscode.commands.executeCommand('impactHubs.showTocDiagram');
    await shown;
    const lines = editor.document.getText().split('\n');
    const partsLine = lines.findIndex((l) => l.includes('Operators can get spare parts'));
    // What the page sends on a click, through the same validation as every page message.
    const m = new RegExp(`data-id="parts" data-line="(\\d+)"`).exec(v.lastSvg);
    assert.ok(m, 'the box carries its line');
    await v.onMessage(parseTocMessage(JSON.parse(JSON.stringify({ type: 'reveal', line: Number(m[1]) }))));
    const active = await waitFor('the editor to show the line', () => (vscode.window.activeTextEditor?.selection.active.line === partsLine ? vscode.window.activeTextEditor : undefined));
    assert.equal(active.document.uri.toString(), editor.document.uri.toString());
    assert.equal(active.selection.active.character, 2, 'at the start of the item text');
    // Invalid messages are ignored.
    assert.equal(parseTocMessage({ type: 'reveal', line: -1 }), undefined);
    assert.equal(parseTocMessage({ type: 'reveal', line: '3' }), undefined);
    assert.equal(parseTocMessage({ type: 'command', command: 'deleteEverything' }), undefined);
    // The cursor on an indicator line highlights its box.
    const fundsIndicator = lines.findIndex((l) => l.includes('Indicator: schemes with a fund'));
    active.selection = new vscode.Selection(fundsIndicator, 4, fundsIndicator, 4);
    await waitFor('the funds box to be highlighted', () => v.highlightedId === 'funds');
  });

  it('collapses and expands a pathway', async () => {
    const v = await view();
    await openSample();
    const shown = drawn(v, () => nodeIds(v.lastSvg).length > 0, 'the sample');
    await vscode.commands.executeCommand('impactHubs.showTocDiagram');
    await shown;
    const folded = drawn(v, () => !nodeIds(v.lastSvg).includes('funds'), 'the collapsed pathway');
    await v.onMessage(parseTocMessage({ type: 'toggle', id: 'working' }));
    await folded;
    assert.deepEqual(nodeIds(v.lastSvg), ['goal', 'working', 'trust', 'results', 'i3']);
    assert.match(v.lastSvg, /5 hidden \(collapsed\)/);
    const open = drawn(v, () => nodeIds(v.lastSvg).includes('funds'), 'the expanded pathway');
    await v.onMessage(parseTocMessage({ type: 'expandAll' }));
    await open;
  });

  it('Export Diagram… writes a standalone SVG, Mermaid and PNG (native or drawn by the panel), and never replaces a file unasked', async () => {
    const v = await view();
    await openSample();
    const root = workspaceRoot();
    const svgUri = vscode.Uri.joinPath(root, 'exported-toc.svg');
    const written = await vscode.commands.executeCommand<vscode.Uri>('impactHubs.exportDiagram', { format: 'svg', uri: svgUri });
    assert.equal(written?.toString(), svgUri.toString());
    const svg = new TextDecoder().decode(await vscode.workspace.fs.readFile(svgUri));
    assert.match(svg, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="toc-diagram toc-standalone"/);
    assert.equal((svg.match(/class="toc-node /g) ?? []).length, 10);
    assert.doesNotMatch(svg, /var\(--/, 'standalone: no theme variables');
    // The file exists: with replace: false it is left alone.
    await vscode.workspace.fs.writeFile(svgUri, new TextEncoder().encode('mine'));
    assert.equal(await vscode.commands.executeCommand('impactHubs.exportDiagram', { format: 'svg', uri: svgUri, replace: false }), undefined);
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(svgUri)), 'mine');
    await vscode.workspace.fs.delete(svgUri);
    const mmdUri = vscode.Uri.joinPath(root, 'exported-toc.mmd');
    await vscode.commands.executeCommand('impactHubs.exportDiagram', { format: 'mermaid', uri: mmdUri });
    assert.match(new TextDecoder().decode(await vscode.workspace.fs.readFile(mmdUri)), /^flowchart BT\n {2}n0\{\{"By 31 December 2030/);
    await vscode.workspace.fs.delete(mmdUri);
    const pngUri = vscode.Uri.joinPath(root, 'exported-toc.png');
    // Desktop (this checkout has @resvg/resvg-js): the native rasteriser. Web worker: no native
    // module, so the diagram panel draws the PNG on a canvas (opened for it if needed).
    const png = await vscode.commands.executeCommand<vscode.Uri>('impactHubs.exportDiagram', { format: 'png', uri: pngUri });
    assert.equal(png?.toString(), pngUri.toString());
    const bytes = await vscode.workspace.fs.readFile(pngUri);
    assert.deepEqual([...bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    const width = new DataView(bytes.buffer, bytes.byteOffset).getUint32(16);
    const svgWidth = Number(/width="(\d+)"/.exec(svg)![1]);
    assert.equal(width, 2 * svgWidth, `twice the diagram's width (${IN_WEB_WORKER ? 'drawn by the panel' : 'resvg'})`);
    assert.ok(bytes.length > 20000, `a real drawing: ${bytes.length} bytes`);
    await vscode.workspace.fs.delete(pngUri);
    assert.ok(v);
  });

  it('after a window reload the diagram reopens on the document it followed; a page whose document is gone closes', async function () {
    this.timeout(60000);
    const v = await view();
    await openSample();
    const first = drawn(v, () => nodeIds(v.lastSvg).length > 0, 'the sample', 40000);
    await vscode.commands.executeCommand('impactHubs.showTocDiagram');
    await first;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // What VS Code does on reload: a blank page of our type, handed to the view's serializer.
    v.lastSvg = '';
    const restored = vscode.window.createWebviewPanel('impactHubs.tocDiagram', 'Restoring', vscode.ViewColumn.Two, { enableScripts: true });
    const again = drawn(v, () => nodeIds(v.lastSvg).length === 10, 'the restored diagram', 40000);
    await v.restore('impactHubs.tocDiagram', restored);
    await again;
    assert.equal(restored.title, 'Diagram: riverlands-theory-of-change.md');
    assert.match(restored.webview.html, /Content-Security-Policy/);
    restored.dispose();
    // The followed document was deleted before the reload: the restored page closes itself.
    const gone = vscode.Uri.joinPath(workspaceRoot(), `gone-toc-${Date.now()}.md`);
    await vscode.workspace.fs.writeFile(gone, new TextEncoder().encode((await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceRoot(), 'riverlands-theory-of-change.md'))).getText()));
    await vscode.window.showTextDocument(gone);
    await vscode.commands.executeCommand('impactHubs.showTocDiagram');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(gone);
    const orphan = vscode.window.createWebviewPanel('impactHubs.tocDiagram', 'Restoring', vscode.ViewColumn.Two, { enableScripts: true });
    let closed = false;
    orphan.onDidDispose(() => (closed = true));
    await v.restore('impactHubs.tocDiagram', orphan);
    assert.ok(closed, 'no blank page left behind');
  });

  it('Show Results Framework shows the logframe; it exports as a Markdown table and as CSV', async () => {
    const v = await view();
    await openSample();
    const panel = await vscode.commands.executeCommand<vscode.WebviewPanel>('impactHubs.showResultsFramework');
    assert.ok(panel && v.resultsPanel === panel);
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('impactHubs.exportResultsFramework', { format: 'markdown' });
    assert.ok(doc);
    const md = doc.getText();
    assert.match(md, /^## Results framework — riverlands-theory-of-change\.md\n\n\| Level \| Id \| Result \| Indicator \| Baseline \| Target \| By when \| Source \| Means of verification \| Assumptions \|/);
    assert.match(md, /\| Outcome \| funds \| Each scheme has a maintenance fund that covers repairs\. \| schemes with a fund covering a year of repairs \| 15% \| 90% of 1,200 schemes \| 2028 \| provincial audit \| — \|/);
    const csvUri = vscode.Uri.joinPath(workspaceRoot(), 'results.csv');
    await vscode.commands.executeCommand('impactHubs.exportResultsFramework', { format: 'csv', uri: csvUri });
    const csv = new TextDecoder().decode(await vscode.workspace.fs.readFile(csvUri));
    assert.match(csv, /^\ufeff?Level,Id,Result,Indicator,Baseline,Target,By when,Source,Means of verification,Assumptions\r\n/);
    assert.equal(csv.trim().split('\r\n').length, 8);
    await vscode.workspace.fs.delete(csvUri);
  });
});
