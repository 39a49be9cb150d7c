import * as vscode from 'vscode';
import type { Feature } from '../features/feature';
import { readExtensionFile } from '../services/vscode-ports';
import { KB_SCHEME } from './kb-uri';

/** Serves the bundled knowledge base's Markdown read-only under the `impact-hubs-kb:` scheme. */
export const kbSource: Feature = ({ extension }) =>
  vscode.workspace.registerTextDocumentContentProvider(KB_SCHEME, {
    async provideTextDocumentContent(uri) {
      const rel = uri.path.replace(/^\/+/, '');
      if (rel.split('/').some((p) => p === '..') || !rel.endsWith('.md')) return '';
      return readExtensionFile(vscode.Uri.joinPath(extension.extensionUri, 'knowledge', rel));
    },
  });
