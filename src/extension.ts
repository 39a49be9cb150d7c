import * as vscode from 'vscode';
import type { KnowledgeDoc } from './core/types';
import { FEATURES } from './features';
import type { FeatureContext } from './features/feature';
import type { SearchResult } from './search/engine';
import { CheckService } from './services/check-service';
import { KnowledgeService } from './services/knowledge';
import { Reader } from './views/reader';

/** What other extensions may use. */
export interface ImpactHubsApi {
  /** Searches the bundled knowledge base and the workspace's own knowledge folders. */
  search(query: string, limit?: number): Promise<SearchResult[]>;
  /** A knowledge document by key (`hub:gavi`, `principle:narrow-goal`, …). */
  getDocument(key: string): Promise<KnowledgeDoc | undefined>;
  /** markdown-it plugin for the built-in Markdown preview (renders `[[hub:gavi]]` references). */
  extendMarkdownIt<T>(md: T): T;
  /** Internal objects for the integration tests; present only when VS Code runs extension tests. */
  __test?: Record<string, unknown>;
}

export function activate(context: vscode.ExtensionContext): ImpactHubsApi {
  const started = performance.now();
  const knowledge = new KnowledgeService(context);
  const reader = new Reader(context, knowledge);
  const checks = new CheckService(context, knowledge);
  const exposed: Record<string, unknown> = { knowledge, reader, checks };
  const ctx: FeatureContext = { extension: context, knowledge, reader, checks, pictures: new Map(), expose: (name, value) => (exposed[name] = value) };
  context.subscriptions.push(knowledge, reader, checks, ...FEATURES.map((feature) => feature(ctx)));
  exposed.activationMs = performance.now() - started;
  const references = exposed.references as { extendMarkdownIt<T>(md: T): T };
  return {
    search: async (query, limit) => ((await knowledge.ensureReady({ quiet: true })) ? knowledge.engine.search(query, { limit }) : []),
    getDocument: (key) => knowledge.resolve(key),
    extendMarkdownIt: (md) => references.extendMarkdownIt(md),
    ...(context.extensionMode === vscode.ExtensionMode.Test ? { __test: exposed } : {}),
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
