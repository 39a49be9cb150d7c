import * as vscode from 'vscode';
import { insertionLine, renderTemplate, sectionSnippet } from '../core/authoring';
import { outlineFor, type DocType } from '../core/outlines';
import { slugOf } from '../core/keys';
import { parseMarkdown } from '../documents/markdown';
import { outlineSectionStates, sectionPicks } from '../documents/outline-sections';
import type { Feature } from './feature';
import { createNewFile, exists } from '../services/vscode-ports';

interface NewArgs {
  name?: string;
  uri?: vscode.Uri | string;
}

const LABEL: Record<DocType, { what: string; file: string }> = {
  'hub-charter': { what: 'hub charter', file: 'charter' },
  'theory-of-change': { what: 'theory of change', file: 'theory-of-change' },
  'landscape-map': { what: 'landscape map', file: 'landscape' },
};

const isDocType = (v: unknown): v is DocType => v === 'hub-charter' || v === 'theory-of-change' || v === 'landscape-map';

/** New Hub Charter, New Theory of Change, New Landscape Map and Insert Section…. */
export const authoring: Feature = ({ knowledge, checks, expose }) => {
  /** `beforeCreate` exists for the integration tests only: it lets a file appear at the worst moment. */
  async function create(type: DocType, args?: NewArgs, beforeCreate?: () => Promise<void>): Promise<vscode.Uri | undefined> {
    const label = LABEL[type];
    const name =
      args?.name ??
      (await vscode.window.showInputBox({
        title: `New ${label.what} (1/2)`,
        prompt: 'The name of the hub',
        placeHolder: 'e.g. Riverlands Safe Water Hub',
        validateInput: (v) => (v.trim() ? undefined : 'Enter the hub\u2019s name'),
      }));
    if (!name?.trim()) return undefined;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const fileName = `${slugOf(name) || 'hub'}-${label.file}.md`;
    let target: vscode.Uri | undefined = typeof args?.uri === 'string' ? vscode.Uri.parse(args.uri) : args?.uri;
    if (!target) {
      target = await vscode.window.showSaveDialog({
        title: `New ${label.what} (2/2): where to save`,
        defaultUri: folder ? vscode.Uri.joinPath(folder, fileName) : undefined,
        filters: { Markdown: ['md'] },
        saveLabel: 'Create',
      });
    }
    if (!target) return undefined;
    const taken = () => vscode.window.showErrorMessage(`Impact Hubs: ${vscode.workspace.asRelativePath(target)} already exists, so it was left unchanged. Choose another file name.`);
    // Never overwrite: the save dialog's "replace?" answer is not enough. (This early check only
    // saves building the template; the exclusive create below is what guarantees it.)
    if (await exists(target)) {
      void taken();
      return undefined;
    }
    // Templates still work without the knowledge base (only the cited examples are missing).
    await knowledge.ensureReady({ quiet: true });
    const text = renderTemplate(type, name, new Date().toISOString().slice(0, 10), knowledge.docs());
    await beforeCreate?.();
    if (!(await createNewFile(target, text))) {
      if (await exists(target)) void taken();
      else void vscode.window.showErrorMessage(`Impact Hubs: ${vscode.workspace.asRelativePath(target)} could not be created. Check that the folder exists and can be written to.`);
      return undefined;
    }
    const doc = await vscode.workspace.openTextDocument(target);
    // A normal (not preview) tab, with the cursor at the first heading after the front matter.
    const first = Math.max(0, text.split('\n').findIndex((l, i) => i > 0 && l.startsWith('# ')));
    const at = new vscode.Range(first, 0, first, 0);
    const editor = await vscode.window.showTextDocument(doc, { preview: false, selection: at });
    editor.revealRange(at, vscode.TextEditorRevealType.AtTop);
    return target;
  }

  async function insertSection(sectionId?: unknown, outlineType?: unknown): Promise<boolean> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'markdown') {
      void vscode.window.showInformationMessage('Impact Hubs: open a hub charter, theory of change or landscape map (Markdown) to insert a section.');
      return false;
    }
    const text = editor.document.getText();
    let type = isDocType(outlineType) ? outlineType : checks.outlineType(editor.document);
    if (!type) {
      const pick = await vscode.window.showQuickPick(
        [
          { label: 'Hub charter', type: 'hub-charter' as DocType },
          { label: 'Theory of change', type: 'theory-of-change' as DocType },
          { label: 'Landscape map', type: 'landscape-map' as DocType },
        ],
        { title: 'Which outline does this document follow?', placeHolder: 'Add "type: hub-charter", "type: theory-of-change" or "type: landscape-map" to the front matter to skip this question' },
      );
      if (!pick) return false;
      type = pick.type;
    }
    const outline = outlineFor(type);
    const states = outlineSectionStates(parseMarkdown(text), outline);
    let id = typeof sectionId === 'string' ? sectionId : undefined;
    if (!id) {
      await knowledge.ensureReady({ quiet: true });
      const pick = await vscode.window.showQuickPick(
        sectionPicks(outline, states, knowledge.docs()),
        { title: `Insert a ${outline.name.toLowerCase()} section`, placeHolder: 'Sections are inserted in their place in the outline, not at the cursor', matchOnDescription: true },
      );
      id = pick?.id;
    }
    if (!id) return false;
    const section = outline.sections.find((s) => s.id === id);
    if (!section) {
      void vscode.window.showErrorMessage(`Impact Hubs: there is no section "${id}" in the ${outline.name.toLowerCase()} outline.`);
      return false;
    }
    const already = states.find((s) => s.id === id);
    if (already?.line) {
      const pos = new vscode.Position(already.line - 1, 0);
      editor.selection = new vscode.Selection(pos, pos);
      editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.AtTop);
      void vscode.window.setStatusBarMessage(`Impact Hubs: "${section.title}" is already in the document${already.state === 'empty' ? ' but holds only its heading or the template prompt' : ''}`, 4000);
      return false;
    }
    const line = insertionLine(text, outline, id);
    const atEnd = line >= editor.document.lineCount;
    const position = atEnd ? editor.document.lineAt(editor.document.lineCount - 1).range.end : new vscode.Position(line, 0);
    const body = sectionSnippet(outline, section);
    const before = line > 0 && line <= editor.document.lineCount ? editor.document.lineAt(line - 1).text : '';
    const lead = atEnd ? '\n\n' : before.trim() ? '\n' : '';
    const snippet = new vscode.SnippetString(atEnd ? `${lead}${body}` : `${lead}${body}\n\n`);
    const ok = await editor.insertSnippet(snippet, position);
    if (ok) editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
    return ok;
  }

  expose('authoring', { create, createNewFile });
  return vscode.Disposable.from(
    vscode.commands.registerCommand('impactHubs.newCharter', (args?: NewArgs) => create('hub-charter', args)),
    vscode.commands.registerCommand('impactHubs.newTheoryOfChange', (args?: NewArgs) => create('theory-of-change', args)),
    vscode.commands.registerCommand('impactHubs.newLandscapeMap', (args?: NewArgs) => create('landscape-map', args)),
    vscode.commands.registerCommand('impactHubs.insertSection', (id?: unknown, type?: unknown) => insertSection(id, type)),
  );
};
