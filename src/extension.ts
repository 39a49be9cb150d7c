import * as vscode from 'vscode';
import { KnowledgeService } from './services/knowledge';
import { registerInfo } from './features/info';
import { SearchFeature } from './features/search';
import { registerReaderCommands } from './features/reader-commands';
import { Reader } from './views/reader';
import { Sidebar } from './views/sidebar';
import { CompareView } from './views/compare';
import { registerAuthoring } from './features/authoring';
import { References } from './features/references';
import { registerKbSource } from './views/kb-source';

/** What the extension exports: used by the integration tests and by other extensions. */
export interface ImpactHubsApi {
  knowledge: KnowledgeService;
  reader: Reader;
  search: SearchFeature;
  sidebar: Sidebar;
  compare: CompareView;
  references: References;
  /** markdown-it plugin for the built-in Markdown preview. */
  extendMarkdownIt<T>(md: T): T;
  /** Milliseconds spent in activate(), measured in the real host. */
  activationMs: number;
}

export function activate(context: vscode.ExtensionContext): ImpactHubsApi {
  const started = performance.now();
  const knowledge = new KnowledgeService(context);
  const reader = new Reader(context, knowledge);
  const search = new SearchFeature(knowledge, reader);
  const sidebar = new Sidebar(context, knowledge);
  const compare = new CompareView(context, knowledge);
  const references = new References(context, knowledge);
  context.subscriptions.push(
    knowledge,
    reader,
    search,
    sidebar,
    compare,
    references,
    registerAuthoring(knowledge),
    registerKbSource(context.extensionUri),
    registerInfo(knowledge),
    registerReaderCommands(knowledge, reader),
    vscode.commands.registerCommand('impactHubs.reindexKnowledge', async () => {
      const s = await knowledge.reindexWorkspace();
      void vscode.window.showInformationMessage(`Impact Hubs: indexed ${s.files} own document(s) in ${s.ms} ms.`);
      return s;
    }),
  );
  // Own knowledge folders are indexed after activation, off its path.
  setTimeout(() => void knowledge.workspaceReady().catch(() => undefined), 0);
  return {
    knowledge,
    reader,
    search,
    sidebar,
    compare,
    references,
    extendMarkdownIt: (md) => references.extendMarkdownIt(md),
    activationMs: performance.now() - started,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
