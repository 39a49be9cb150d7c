import * as vscode from 'vscode';
import type { KnowledgeService } from '../services/knowledge';

/** Impact Hubs: Show Knowledge Base Info — what is bundled and when it was built. */
export function registerInfo(knowledge: KnowledgeService): vscode.Disposable {
  return vscode.commands.registerCommand('impactHubs.showInfo', async () => {
    try {
      await knowledge.ready();
    } catch (e) {
      void vscode.window.showErrorMessage(`Impact Hubs: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
    const docs = knowledge.docs();
    const count = (k: string) => docs.filter((d) => d.kind === k).length;
    const sources = new Set(docs.flatMap((d) => d.sources.map((s) => s.url))).size;
    const message = `Impact Hubs knowledge base: ${count('hub')} case studies, ${count('principle')} design principles, ${count('framework')} frameworks, ${sources} cited sources (built ${knowledge.bundled?.builtAt.slice(0, 10)}).`;
    void vscode.window.showInformationMessage(message);
    return message;
  });
}
