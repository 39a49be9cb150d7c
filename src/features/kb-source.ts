import * as vscode from 'vscode';
import { ruleMarkdown } from '../checks/docs';
import { RULES } from '../checks/rules';
import type { Feature } from './feature';
import { readExtensionFile } from '../services/vscode-ports';
import { KB_SCHEME } from '../services/kb-uri';

/**
 * Serves read-only Markdown under the `impact-hubs-kb:` scheme: the bundled knowledge base
 * (`/hubs/gavi.md`), from the compiled bundle (the VSIX does not ship the Markdown files twice; in
 * a development checkout without a built bundle, from knowledge/), and the documentation of each
 * check (`/rules/charter/goal-measurable.md`), which a diagnostic's code opens; its `[[…]]`
 * references open the reader.
 */
export const kbSource: Feature = ({ extension, knowledge }) =>
  vscode.workspace.registerTextDocumentContentProvider(KB_SCHEME, {
    async provideTextDocumentContent(uri) {
      const rel = uri.path.replace(/^\/+/, '');
      if (rel.split('/').some((p) => p === '..') || !rel.endsWith('.md')) return '';
      if (rel.startsWith('rules/')) {
        const rule = RULES.find((r) => r.id === rel.slice('rules/'.length, -'.md'.length));
        if (!rule) return '';
        await knowledge.ensureReady({ quiet: true });
        return `${ruleMarkdown(rule, knowledge.docs(), 'editor', 1)}\n`;
      }
      if (await knowledge.ensureReady({ quiet: true })) {
        const text = knowledge.bundled?.files?.[rel];
        if (text !== undefined) return text;
      }
      return readExtensionFile(vscode.Uri.joinPath(extension.extensionUri, 'knowledge', rel)).catch(() => '');
    },
  });
