import type * as vscode from 'vscode';
import type { CheckService } from '../services/check-service';
import type { KnowledgeService } from '../services/knowledge';
import type { Reader } from '../views/reader';

/** What every feature receives: the extension context and the shared services. */
export interface FeatureContext {
  readonly extension: vscode.ExtensionContext;
  readonly knowledge: KnowledgeService;
  readonly reader: Reader;
  /** Runs the checks and owns the one diagnostics collection. */
  readonly checks: CheckService;
  /**
   * By document type (`theory-of-change`, `landscape-map`): draws a standalone SVG as PNG in that
   * view's panel, for hosts without the native rasteriser (Word exports carry a real PNG then).
   */
  readonly pictures: Map<string, (svg: string) => Promise<Uint8Array>>;
  /** Makes an internal object reachable from the integration tests (only in test mode). */
  expose(name: string, value: unknown): void;
}

/** One user-visible capability: registers its commands, views and providers; disposes them. */
export type Feature = (ctx: FeatureContext) => vscode.Disposable;
