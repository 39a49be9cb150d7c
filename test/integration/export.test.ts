import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { strFromU8, unzipSync } from 'fflate';
import type { ExportOutcome } from '../../src/features/export';
import { activateExtension, workspaceRoot } from './helpers';

/** Where this suite runs: the web worker has no Node `process.versions.node`. */
const IN_NODE = typeof (globalThis as { process?: { versions?: { node?: unknown } } }).process?.versions?.node === 'string';

async function exportVia(args: Record<string, unknown>): Promise<ExportOutcome | undefined> {
  return vscode.commands.executeCommand<ExportOutcome | undefined>('impactHubs.exportDocument', args);
}

describe('exporting documents (Impact Hubs: Export Document…)', () => {
  const made: vscode.Uri[] = [];
  const target = (name: string) => {
    const u = vscode.Uri.joinPath(workspaceRoot(), `${name}-${Date.now()}`);
    made.push(u);
    return u;
  };
  after(async () => {
    for (const u of made) await vscode.workspace.fs.delete(u).then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('exports the samples charter to Word: title page, heading styles, footnotes citing the knowledge base', async () => {
    await activateExtension();
    const source = vscode.Uri.joinPath(workspaceRoot(), 'riverlands-charter.md');
    const dest = target('charter.docx');
    const out = await exportVia({ uri: source.toString(), format: 'docx', destination: dest.toString() });
    assert.ok(out, 'the command returns what it wrote');
    assert.equal(out.uri.toString(), dest.toString());
    assert.equal(out.summary, '1 footnote, 4 knowledge-base pages cited');
    const zip = unzipSync(await vscode.workspace.fs.readFile(dest));
    const xml = strFromU8(zip['word/document.xml']);
    assert.match(xml, /Riverlands Safe Water Hub — Charter/);
    assert.match(xml, /<w:pStyle w:val="Heading1"\/>.*Purpose and goal/);
    assert.match(xml, /Gavi, the Vaccine Alliance<\/w:t><\/w:r><w:r><w:rPr><w:rStyle w:val="FootnoteReference"\/><\/w:rPr><w:footnoteReference w:id="2"\/>/);
    assert.doesNotMatch(xml, /\[\[hub:/);
    assert.match(xml, /<w:tblHeader\/>.*Community water committees/, 'the seats table is a Word table');
    const notes = strFromU8(zip['word/footnotes.xml']);
    assert.match(notes, /Household water survey 2025/, 'the author\u2019s footnote');
    assert.match(notes, /Impact Hubs knowledge base \(\d{4}\), knowledge\/hubs\/gavi\.md/);
  });

  it('exports standalone HTML from the open editor, unsaved edits included', async () => {
    await activateExtension();
    const source = vscode.Uri.joinPath(workspaceRoot(), 'riverlands-charter.md');
    const editor = await vscode.window.showTextDocument(source);
    await editor.edit((e) => e.insert(new vscode.Position(editor.document.lineCount, 0), '\nAn unsaved line citing [[principle:small-secretariat]] <script>x</script>.\n'));
    const dest = target('charter.html');
    const out = await exportVia({ format: 'html', destination: dest });
    assert.equal(out?.format, 'html');
    const html = new TextDecoder().decode(await vscode.workspace.fs.readFile(dest));
    assert.match(html, /<title>Riverlands Safe Water Hub — Charter<\/title>/);
    assert.match(html, /<h2 id="3-purpose-and-goal">3\. Purpose and goal<\/h2>/);
    assert.match(html, /An unsaved line citing <span class="hub-ref"[^>]*>Keep the secretariat small, nimble and independent<\/span><sup class="fnref">/);
    assert.match(html, /&lt;script&gt;x&lt;\/script&gt;/);
    assert.doesNotMatch(html, /<script/);
    assert.match(html, /knowledge\/hubs\/gavi\.md/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('exports a theory of change with its diagram and results framework, a landscape map with its grid and network', async () => {
    await activateExtension();
    const toc = target('toc.docx');
    await exportVia({ uri: vscode.Uri.joinPath(workspaceRoot(), 'riverlands-theory-of-change.md').toString(), format: 'docx', destination: toc.toString(), ignorePlaceholders: true });
    const zip = unzipSync(await vscode.workspace.fs.readFile(toc));
    const xml = strFromU8(zip['word/document.xml']);
    assert.match(xml, />Results framework</);
    assert.match(xml, /descr="Theory of change diagram: /);
    const media = Object.keys(zip).filter((f) => f.startsWith('word/media/'));
    assert.ok(media.some((f) => f.endsWith('.svg')), media.join(', '));
    // A real PNG copy for readers without SVG: @resvg/resvg-js in the desktop host (this checkout
    // has it); in the web worker the diagram's panel draws it.
    assert.ok(media.some((f) => f.endsWith('.png') && zip[f].length > 10000), `a real PNG fallback (${IN_NODE ? 'resvg' : 'drawn by the panel'}): ${media.map((f) => `${f} ${zip[f].length} B`).join(', ')}`);
    const map = target('map.html');
    await exportVia({ uri: vscode.Uri.joinPath(workspaceRoot(), 'riverlands-landscape.md').toString(), format: 'html', destination: map.toString(), ignorePlaceholders: true });
    const html = new TextDecoder().decode(await vscode.workspace.fs.readFile(map));
    assert.match(html, /<figcaption>Power–interest grid<\/figcaption>\n<img src="data:image\/svg\+xml;base64,/);
    assert.match(html, /<figcaption>Ecosystem network<\/figcaption>/);
  });

  it('exports a fresh template once told to ignore its prompts, and reports them', async () => {
    await activateExtension();
    const source = target('lake-charter.md');
    await vscode.commands.executeCommand('impactHubs.newCharter', { name: 'Lake Compact', uri: source });
    const dest = target('lake-charter.docx');
    const out = await exportVia({ uri: source, format: 'docx', destination: dest, ignorePlaceholders: true });
    assert.equal(out?.report.placeholderSections.length, 22);
    assert.equal(out?.report.guidanceDropped, 23);
    await vscode.workspace.fs.stat(dest);
  });

  it('prints PDF with the machine\u2019s Chromium in the Node host', async function () {
    if (!IN_NODE) this.skip(); // the web worker offers Word and HTML instead
    // Required here, not imported: the web-worker bundle must not load it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fs = require('node:fs') as typeof import('node:fs');
    if (!fs.existsSync('/usr/bin/chromium')) this.skip();
    this.timeout(120000);
    await activateExtension();
    const dest = target('charter.pdf');
    const out = await exportVia({ uri: vscode.Uri.joinPath(workspaceRoot(), 'riverlands-charter.md'), format: 'pdf', destination: dest });
    assert.equal(out?.format, 'pdf');
    const bytes = await vscode.workspace.fs.readFile(dest);
    assert.equal(new TextDecoder().decode(bytes.slice(0, 5)), '%PDF-');
  });

  it('contributes the command to the palette, the editor title (by document type) and the context menu', async () => {
    const ext = vscode.extensions.getExtension('impact-hubs.impact-hubs')!;
    const menus = (ext.packageJSON as { contributes: { menus: Record<string, { command: string; when?: string }[]> } }).contributes.menus;
    assert.match(menus['editor/title'].find((m) => m.command === 'impactHubs.exportDocument')?.when ?? '', /impactHubs\.exportableDoc/);
    assert.ok(menus['editor/context'].some((m) => m.command === 'impactHubs.exportDocument'));
    assert.ok((await vscode.commands.getCommands(true)).includes('impactHubs.exportDocument'));
  });
});
