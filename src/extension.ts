import * as vscode from 'vscode';
import { KnowledgeService } from './services/knowledge';
import { registerInfo } from './features/info';

/** What the extension exports: used by the integration tests and by other extensions. */
export interface ImpactHubsApi {
  knowledge: KnowledgeService;
  /** Milliseconds spent in activate(), measured in the real host. */
  activationMs: number;
}

export function activate(context: vscode.ExtensionContext): ImpactHubsApi {
  const started = performance.now();
  const knowledge = new KnowledgeService(context);
  context.subscriptions.push(knowledge, registerInfo(knowledge));
  return { knowledge, activationMs: performance.now() - started };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
