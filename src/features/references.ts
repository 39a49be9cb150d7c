import * as vscode from 'vscode';
import { findRefs, keyFromReaderQuery, previewPlugin, readerUri, refPrefixAt, REF_KINDS } from '../core/refs';
import { REGIONS } from '../core/vocab';
import { KINDS } from '../core/kinds';
import { escapeMarkdown, safeExternalUrl } from '../core/html';
import type { DocKind } from '../core/types';
import type { KnowledgeService } from '../services/knowledge';
import type { Feature } from './feature';
import { kbSourceUri } from '../services/kb-uri';

const SELECTOR: vscode.DocumentSelector = [{ language: 'markdown' }];

interface Target {
  key: string;
  kind: DocKind;
  id: string;
  title: string;
  summary: string;
  /** Where Go to Definition goes (read-only for bundled documents). */
  uri: vscode.Uri;
  /** What the Markdown preview links to where it cannot open the reader (the read-only source). */
  fileUri: vscode.Uri;
  line: number;
}

/**
 * Hub references `[[hub:gavi]]` in any Markdown file: completion, hover card, Go to Definition,
 * clickable links (open the reader), and rendering in the
 * built-in Markdown preview.
 */
export class References implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly knowledge: KnowledgeService,
  ) {
    this.disposables.push(
      vscode.languages.registerCompletionItemProvider(SELECTOR, { provideCompletionItems: (d, p) => this.complete(d, p) }, '[', ':'),
      vscode.languages.registerHoverProvider(SELECTOR, { provideHover: (d, p) => this.hover(d, p) }),
      vscode.languages.registerDefinitionProvider(SELECTOR, { provideDefinition: (d, p) => this.definition(d, p) }),
      vscode.languages.registerDocumentLinkProvider(SELECTOR, { provideDocumentLinks: (d) => this.links(d) }),
      // Links in the Markdown preview open the reader through this handler (vscode://impact-hubs.impact-hubs/open?key=hub%3Agavi).
      vscode.window.registerUriHandler({ handleUri: (uri) => void this.handleUri(uri) }),
      knowledge.onDidChange(() => {
        this.cached = undefined;
      }),
    );
  }

  private cached?: Map<string, Target>;

  /** All referable documents by `kind:id`: bundled first, then own documents (rebuilt on change). */
  private targets(): Map<string, Target> {
    if (this.cached) return this.cached;
    const out = new Map<string, Target>();
    for (const d of this.knowledge.docs()) {
      out.set(`${d.kind}:${d.id}`, { key: `${d.kind}:${d.id}`, kind: d.kind, id: d.id, title: d.title, summary: d.summary, uri: kbSourceUri(d.path), fileUri: kbSourceUri(d.path), line: Math.max(0, d.bodyLine - 1) });
    }
    for (const d of this.knowledge.ownDocs()) {
      const k = `${d.kind}:${d.id}`;
      if (!out.has(k)) out.set(k, { key: d.ref, kind: d.kind, id: d.id, title: d.title, summary: d.summary, uri: vscode.Uri.parse(d.path), fileUri: vscode.Uri.parse(d.path), line: 0 });
    }
    // Only cache once the bundled knowledge base is loaded.
    if (this.knowledge.bundled) this.cached = out;
    return out;
  }

  private target(kind: DocKind, id: string): Target | undefined {
    return this.targets().get(`${kind}:${id}`);
  }

  private refAt(doc: vscode.TextDocument, pos: vscode.Position) {
    const line = doc.lineAt(pos.line).text;
    const ref = findRefs(line).find((r) => pos.character >= r.start && pos.character <= r.end);
    return ref ? { ref, range: new vscode.Range(pos.line, ref.start, pos.line, ref.end) } : undefined;
  }

  async complete(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.CompletionItem[] | undefined> {
    const at = refPrefixAt(doc.lineAt(pos.line).text, pos.character);
    if (!at || !(await this.knowledge.ensureReady({ quiet: true }))) return undefined;
    const range = new vscode.Range(pos.line, at.start, pos.line, pos.character);
    const closing = doc.lineAt(pos.line).text.slice(pos.character).startsWith(']]');
    return [...this.targets().values()]
      .filter((t) => !at.kind || t.kind === at.kind)
      .map((t, i) => {
        const item = new vscode.CompletionItem({ label: `${t.kind}:${t.id}`, description: t.title }, t.kind === 'hub' ? vscode.CompletionItemKind.Module : t.kind === 'principle' ? vscode.CompletionItemKind.Constant : vscode.CompletionItemKind.Reference);
        item.range = range;
        item.insertText = `${t.kind}:${t.id}${closing ? '' : ']]'}`;
        item.filterText = `${t.kind}:${t.id} ${t.title}`;
        item.detail = `${KINDS[t.kind].label}: ${t.title}`;
        // A summary is a document's text: escaped, never trusted (no images, links or commands).
        item.documentation = new vscode.MarkdownString(escapeMarkdown(t.summary));
        item.sortText = `${REF_KINDS.indexOf(t.kind as (typeof REF_KINDS)[number])}${String(i).padStart(4, '0')}`;
        return item;
      });
  }

  async hover(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.Hover | undefined> {
    const found = this.refAt(doc, pos);
    if (!found || !(await this.knowledge.ensureReady({ quiet: true }))) return undefined;
    const { ref, range } = found;
    const bundled = this.knowledge.byRef(ref.kind, ref.id);
    const t = this.target(ref.kind, ref.id);
    // Two parts: the card (documents' text, escaped, never trusted) and the action (only our own
    // text and an encoded key, trusted for this one command). isTrusted never covers user text.
    const card = new vscode.MarkdownString(undefined, true);
    if (!t) {
      card.appendMarkdown(`**Unknown ${ref.kind}** \`${ref.id}\` — not in the Impact Hubs knowledge base.`);
      return new vscode.Hover(card, range);
    }
    card.appendMarkdown(`$(${KINDS[ref.kind].icon}) **${escapeMarkdown(t.title)}** — ${KINDS[t.kind].label}\n\n`);
    const h = bundled?.hub;
    if (h) {
      if (h.goal?.text) card.appendMarkdown(`*Goal:* ${escapeMarkdown(h.goal.text)}\n\n`);
      const meta = [h.founded?.year ? `Founded ${h.founded.year}` : '', h.regions.map((r) => REGIONS[r] ?? r).join(', ')].filter(Boolean).join(' · ');
      if (meta) card.appendMarkdown(`${escapeMarkdown(meta)}\n\n`);
      for (const r of h.results.slice(0, 2)) card.appendMarkdown(`- ${escapeMarkdown(r.text)}${r.year ? ` (${r.year})` : ''}\n`);
      const label = h.goal?.src[0];
      const url = safeExternalUrl(bundled.sources.find((s) => s.label === label)?.url ?? '');
      if (url) card.appendMarkdown(`\nSource: [${escapeMarkdown(new URL(url).hostname)}](<${url}>)\n\n`);
    } else {
      card.appendMarkdown(`${escapeMarkdown(t.summary)}\n\n`);
    }
    const action = new vscode.MarkdownString(undefined, true);
    action.isTrusted = { enabledCommands: ['impactHubs.openDocument'] };
    action.appendMarkdown(`[$(book) Open in the reader](command:impactHubs.openDocument?${encodeURIComponent(JSON.stringify([t.key]))})`);
    return new vscode.Hover([card, action], range);
  }

  async definition(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.Location | undefined> {
    const found = this.refAt(doc, pos);
    if (!found || !(await this.knowledge.ensureReady({ quiet: true }))) return undefined;
    const t = this.target(found.ref.kind, found.ref.id);
    return t ? new vscode.Location(t.uri, new vscode.Position(t.line, 0)) : undefined;
  }

  /** Ctrl/Cmd-click on a reference opens the reader; an unknown id is no link (it is a warning). */
  async links(doc: vscode.TextDocument): Promise<vscode.DocumentLink[]> {
    const text = doc.getText();
    if (!text.includes('[[') || !(await this.knowledge.ensureReady({ quiet: true }))) return [];
    return findRefs(text).flatMap((r) => {
      const t = this.target(r.kind, r.id);
      if (!t) return [];
      const range = new vscode.Range(doc.positionAt(r.start), doc.positionAt(r.end));
      const link = new vscode.DocumentLink(range, vscode.Uri.parse(`command:impactHubs.openDocument?${encodeURIComponent(JSON.stringify([t.key]))}`));
      link.tooltip = `${KINDS[t.kind].label}: ${t.title}`;
      return [link];
    });
  }

  /** Opens the reader for a link such as vscode://impact-hubs.impact-hubs/open?key=hub%3Agavi. */
  async handleUri(uri: vscode.Uri): Promise<boolean> {
    const key = keyFromReaderQuery(uri.path, uri.query);
    if (!key) {
      void vscode.window.showWarningMessage(`Impact Hubs: this link does not name a knowledge document (${uri.path}).`);
      return false;
    }
    return (await vscode.commands.executeCommand<boolean>('impactHubs.openDocument', key)) ?? false;
  }

  /**
   * Where a reference in the built-in Markdown preview links to. The preview follows `vscode:`
   * links (desktop VS Code, vscode.dev): they open the reader through the URI handler. Where the
   * product has another URI scheme (code-server: code-oss) the preview would not follow it, so the
   * link goes to the case study's Markdown file instead.
   */
  private previewHref(t: Target): string {
    const scheme = vscode.env.uriScheme;
    return scheme === 'vscode' || scheme === 'vscode-insiders' ? readerUri(scheme, this.context.extension.id, t.key) : t.fileUri.toString();
  }

  /** markdown-it plugin for the built-in Markdown preview (contributes.markdown.markdownItPlugins). */
  extendMarkdownIt<T>(md: T): T {
    previewPlugin(md as Parameters<typeof previewPlugin>[0], (kind, id) => {
      const t = this.target(kind, id);
      if (t) {
        const href = this.previewHref(t);
        const reader = href.includes('://impact-hubs.');
        return { href, title: `${KINDS[t.kind].label}: ${t.title}${reader ? ' (opens in the Impact Hubs reader)' : ''}`, text: t.title };
      }
      // Before the knowledge base is loaded, link by convention; unknown ids show as marked text later.
      const folder = KINDS[kind].folder;
      if (!this.knowledge.bundled && folder) return { href: kbSourceUri(`${folder}/${id}.md`).toString(), title: `${KINDS[kind].label}: ${id}`, text: id };
      return undefined;
    });
    void this.knowledge.ensureReady({ quiet: true });
    return md;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

export const references: Feature = (ctx) => {
  const r = new References(ctx.extension, ctx.knowledge);
  ctx.expose('references', r);
  return r;
};
