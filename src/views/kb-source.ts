import * as vscode from 'vscode';
import type { Feature } from '../features/feature';
import { readExtensionFile } from '../services/vscode-ports';
import { KB_SCHEME } from './kb-uri';

/**
 * Serves the bundled knowledge base's Markdown read-only under the `impact-hubs-kb:` scheme, from
 * the compiled bundle (the VSIX does not ship the Markdown files twice); in a development checkout
 * without a built bundle, from knowledge/.
 */
export const kbSource: Feature = ({ extension, knowledge }) =>
  vscode.workspace.registerTextDocumentContentProvider(KB_SCHEME, {
    async provideTextDocumentContent(uri) {
      const rel = uri.path.replace(/^\/+/, '');
      if (rel.split('/').some((p) => p === '..') || !rel.endsWith('.md')) return '';
      if (await knowledge.ensureReady({ quiet: true })) {
        const text = knowledge.bundled?.files?.[rel];
        if (text !== undefined) return text;
      }
      return readExtensionFile(vscode.Uri.joinPath(extension.extensionUri, 'knowledge', rel)).catch(() => '');
    },
  });
