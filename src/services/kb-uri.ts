import * as vscode from 'vscode';

/**
 * Read-only documents for the bundled knowledge base's Markdown (`impact-hubs-kb:/hubs/gavi.md`),
 * so "Open Markdown Source" and Go to Definition never invite edits to the installed extension.
 */
export const KB_SCHEME = 'impact-hubs-kb';

export function kbSourceUri(relativePath: string): vscode.Uri {
  return vscode.Uri.from({ scheme: KB_SCHEME, path: `/${relativePath}` });
}
