import * as vscode from 'vscode';
import { distinctiveWords } from '../search/engine';
import { KINDS } from '../core/kinds';
import { keyOf } from '../core/keys';
import type { SearchResult } from '../search/engine';
import type { KnowledgeDoc } from '../core/types';
import type { Feature } from './feature';

/** A document key from a command argument: a key string or a side-bar tree node. */
export function keyArg(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object' && typeof (arg as { key?: unknown }).key === 'string') return (arg as { key: string }).key;
  return undefined;
}

/** Commands behind the reader's toolbar, also usable from the palette and the side bar. */
export const readerCommands: Feature = ({ knowledge, reader }) => {
  /** Runs an action on the document named by the argument, or the reader's current one. */
  const withDoc = async <T>(arg: unknown, action: (doc: KnowledgeDoc) => Promise<T>): Promise<T | undefined> => {
    const key = keyArg(arg);
    const doc = key ? await knowledge.resolve(key) : reader.currentDoc;
    if (!doc) {
      void vscode.window.showInformationMessage('Impact Hubs: open a document in the reader first.');
      return undefined;
    }
    return action(doc);
  };
  const setContext = () => void vscode.commands.executeCommand('setContext', 'impactHubs.readerOpen', reader.currentDoc !== undefined);
  return vscode.Disposable.from(
    reader.onDidRender(setContext),
    vscode.commands.registerCommand('impactHubs.openDocument', async (arg?: unknown, anchor?: unknown) => {
      const key = keyArg(arg);
      if (!key) {
        await vscode.commands.executeCommand('impactHubs.search');
        return false;
      }
      return reader.open(key, { anchor: typeof anchor === 'string' ? anchor : (arg as { anchor?: string } | undefined)?.anchor });
    }),
    vscode.commands.registerCommand('impactHubs.back', () => reader.back()),
    vscode.commands.registerCommand('impactHubs.forward', () => reader.forward()),
    vscode.commands.registerCommand('impactHubs.openSource', (arg?: unknown) => withDoc(arg, (doc) => reader.openSource(doc))),
    vscode.commands.registerCommand('impactHubs.insertReference', (arg?: unknown) => withDoc(arg, (doc) => reader.insertReference(doc))),
    vscode.commands.registerCommand('impactHubs.copyCitation', (arg?: unknown) => withDoc(arg, (doc) => reader.copyCitation(doc))),
    vscode.commands.registerCommand('impactHubs.moreLikeThis', async (arg?: unknown) => {
      if (!(await knowledge.ensureReady())) return undefined;
      const key = keyArg(arg);
      let title: string;
      let results: SearchResult[];
      const from = typeof key === 'string' ? await knowledge.resolve(key) : reader.visiblePanel?.active ? reader.currentDoc : undefined;
      const editor = vscode.window.activeTextEditor;
      if (from) {
        title = `More like "${from.title}"`;
        results = knowledge.engine.moreLikeThis(keyOf(from), 8);
      } else if (editor) {
        title = `Knowledge related to ${editor.document.fileName.split(/[\\/]/).pop()}`;
        results = knowledge.engine.similarTo(distinctiveWords(editor.document.getText().slice(0, 200_000), 10), 8);
      } else if (reader.currentDoc) {
        title = `More like "${reader.currentDoc.title}"`;
        results = knowledge.engine.moreLikeThis(keyOf(reader.currentDoc), 8);
      } else {
        void vscode.window.showInformationMessage('Impact Hubs: open a document in the reader or an editor first.');
        return undefined;
      }
      const pick = await vscode.window.showQuickPick(
        results.map((r) => ({ label: r.title, description: KINDS[r.kind].label, detail: r.snippet, key: r.ref })),
        { title, placeHolder: results.length ? 'Choose a document to read' : 'No similar documents found' },
      );
      if (pick) await reader.open(pick.key);
      return results.map((r) => r.ref);
    }),
  );
};
