import * as vscode from 'vscode';
import type { Feature } from './feature';

/**
 * Impact Hubs: Show Knowledge Base Info (what is bundled and when it was built) and Reindex Own
 * Knowledge; own knowledge folders are indexed after activation, off its path.
 */
export const knowledgeBase: Feature = ({ knowledge }) => {
  const timer = setTimeout(() => void knowledge.workspaceReady().catch(() => undefined), 0);
  const info = vscode.commands.registerCommand('impactHubs.showInfo', async () => {
    if (!(await knowledge.ensureReady())) return undefined;
    const docs = knowledge.docs();
    const count = (k: string) => docs.filter((d) => d.kind === k).length;
    const sources = new Set(docs.flatMap((d) => d.sources.map((s) => s.url))).size;
    const message = `Impact Hubs knowledge base: ${count('hub')} case studies, ${count('principle')} design principles, ${count('framework')} frameworks, ${sources} cited sources (built ${knowledge.bundled?.builtAt.slice(0, 10)}).`;
    void vscode.window.showInformationMessage(message);
    return message;
  });
  const reindex = vscode.commands.registerCommand('impactHubs.reindexKnowledge', async () => {
    const s = await knowledge.reindexWorkspace();
    void vscode.window.showInformationMessage(`Impact Hubs: indexed ${s.files} own document(s) in ${s.ms} ms${s.skipped ? `; ${s.skipped} item(s) skipped` : ''}.`);
    return s;
  });
  return vscode.Disposable.from(info, reindex, { dispose: () => clearTimeout(timer) });
};
