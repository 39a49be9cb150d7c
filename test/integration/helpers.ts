import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ImpactHubsApi } from '../../src/extension';
import type { KnowledgeService } from '../../src/services/knowledge';
import type { Reader } from '../../src/views/reader';
import type { SearchFeature } from '../../src/features/search';
import type { Sidebar } from '../../src/views/sidebar';
import type { CompareView } from '../../src/views/compare';
import type { References } from '../../src/features/references';
import type { CheckService } from '../../src/services/check-service';
import type { CharterGuide } from '../../src/views/charter-guide';

/** The extension's internals, reachable in test mode only (`api.__test`). */
export interface TestHooks {
  knowledge: KnowledgeService;
  reader: Reader;
  search: SearchFeature;
  sidebar: Sidebar;
  compare: CompareView;
  references: References;
  checks: CheckService;
  charterGuide: CharterGuide;
  /** New Hub Charter's steps (src/features/authoring.ts), with a hook between template and create. */
  authoring: {
    create(type: 'hub-charter' | 'theory-of-change', args: { name?: string; uri?: vscode.Uri }, beforeCreate?: () => Promise<void>): Promise<vscode.Uri | undefined>;
    createNewFile(uri: vscode.Uri, text: string): Promise<boolean>;
  };
  activationMs: number;
  api: ImpactHubsApi;
}

export const EXTENSION_ID = 'impact-hubs.impact-hubs';

/** Where this suite runs: the web worker (vscode.dev, github.dev) or the Node extension host. */
export const IN_WEB_WORKER = typeof (globalThis as { importScripts?: unknown }).importScripts === 'function' && typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node !== 'string';

export async function activateExtension(): Promise<TestHooks> {
  const ext = vscode.extensions.getExtension<ImpactHubsApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in the host`);
  const api = await ext.activate();
  assert.ok(api && typeof api.search === 'function', 'activate() must return the extension API');
  assert.ok(api.__test, 'the test hooks are present in test mode');
  return { ...(api.__test as unknown as TestHooks), api };
}

export function packageJson(): { contributes: Record<string, unknown>; [k: string]: unknown } {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext);
  return ext.packageJSON as { contributes: Record<string, unknown> };
}

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== null && (v as unknown) !== false) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function workspaceRoot(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the test host must open a workspace folder');
  return f.uri;
}
