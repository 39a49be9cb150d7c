import * as vscode from 'vscode';

/** The Impact Hubs icon for editor tabs, in light and dark variants (tabs do not use currentColor). */
export function panelIcon(extensionUri: vscode.Uri): { light: vscode.Uri; dark: vscode.Uri } {
  return {
    light: vscode.Uri.joinPath(extensionUri, 'media', 'impact-hubs-light.svg'),
    dark: vscode.Uri.joinPath(extensionUri, 'media', 'impact-hubs-dark.svg'),
  };
}
