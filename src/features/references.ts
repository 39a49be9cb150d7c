import * as vscode from 'vscode';
import { findRefs, refPrefixAt, refsPlugin, REF_KINDS } from '../core/refs';
import { checkRefs } from '../core/ref-check';
import { REGIONS } from '../core/vocab';
import { KINDS } from '../core/kinds';
import { escapeMarkdown, safeExternalUrl } from '../core/html';
import type { DocKind } from '../core/types';
import type { KnowledgeService } from '../services/knowledge';
import type { Feature } from './feature';
import { kbSourceUri } from '../views/kb-uri';

const SELECTOR: vscode.DocumentSelector = [{ language: 'markdown' }];

interface Target {
  key: string;
  kind: DocKind;
  id: string;
  title: string;
  summary: string;
  /** Where Go to Definition goes (read-only for bundled documents). */
  uri: vscode.Uri;
  /** What the Markdown preview links to (a file it can open). */
  fileUri: vscode.Uri;
  line: number;
}

/**
 * Hub references `[[hub:gavi]]` in any Markdown file: completion, hover card, Go to Definition,
 * clickable links (open the reader), diagnostics with "did you mean" fixes, and rendering in the
 * built-in Markdown preview.
 */
export class References implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('impactHubs.references');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly knowledge: KnowledgeService,
  ) {
    this.disposables.push(
      this.diagnostics,
      vscode.languages.registerCompletionItemProvider(SELECTOR, { provideCompletionItems: (d, p) => this.complete(d, p) }, '[', ':'),
      vscode.languages.registerHoverProvider(SELECTOR, { provideHover: (d, p) => this.hover(d, p) }),
      vscode.languages.registerDefinitionProvider(SELECTOR, { provideDefinition: (d, p) => this.definition(d, p) }),
      vscode.languages.registerDocumentLinkProvider(SELECTOR, { provideDocumentLinks: (d) => this.links(d) }),
      vscode.languages.registerCodeActionsProvider(SELECTOR, { provideCodeActions: (d, _r, c) => this.fixes(d, c) }, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, 300)),
      vscode.workspace.onDidCloseTextDocument((d) => this.diagnostics.delete(d.uri)),
      knowledge.onDidChange(() => {
        this.cached = undefined;
        vscode.workspace.textDocuments.forEach((d) => this.schedule(d, 0));
      }),
    );
    vscode.workspace.textDocuments.forEach((d) => this.schedule(d, 0));
  }

  private cached?: Map<string, Target>;

  /** All referable documents by `kind:id`: bundled first, then own documents (rebuilt on change). */
  private targets(): Map<string, Target> {
    if (this.cached) return this.cached;
    const out = new Map<string, Target>();
    for (const d of this.knowledge.docs()) {
      out.set(`${d.kind}:${d.id}`, { key: `${d.kind}:${d.id}`, kind: d.kind, id: d.id, title: d.title, summary: d.summary, uri: kbSourceUri(d.path), fileUri: vscode.Uri.joinPath(this.context.extensionUri, 'knowledge', d.path), line: Math.max(0, d.bodyLine - 1) });
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

  links(doc: vscode.TextDocument): vscode.DocumentLink[] {
    const text = doc.getText();
    if (!text.includes('[[')) return [];
    return findRefs(text).map((r) => {
      const range = new vscode.Range(doc.positionAt(r.start), doc.positionAt(r.end));
      const key = `${r.kind}:${r.id}`;
      const link = new vscode.DocumentLink(range, vscode.Uri.parse(`command:impactHubs.openDocument?${encodeURIComponent(JSON.stringify([key]))}`));
      link.tooltip = 'Open in the Impact Hubs reader';
      return link;
    });
  }

  private schedule(doc: vscode.TextDocument, delay: number): void {
    if (doc.languageId !== 'markdown' || doc.uri.scheme === 'output') return;
    const k = doc.uri.toString();
    clearTimeout(this.timers.get(k));
    this.timers.set(
      k,
      setTimeout(() => {
        this.timers.delete(k);
        void this.check(doc);
      }, delay),
    );
  }

  /** Unknown references become warnings (with "did you mean" quick fixes). */
  async check(doc: vscode.TextDocument): Promise<vscode.Diagnostic[]> {
    if (doc.isClosed) return [];
    const text = doc.getText();
    if (!text.includes('[[')) {
      this.diagnostics.delete(doc.uri);
      return [];
    }
    if (!(await this.knowledge.ensureReady({ quiet: true }))) return [];
    const targets = this.targets();
    const problems = checkRefs(text, (kind) => [...targets.values()].filter((t) => t.kind === kind).map((t) => t.id));
    const diags = problems.map((p) => {
      const d = new vscode.Diagnostic(new vscode.Range(doc.positionAt(p.ref.start), doc.positionAt(p.ref.end)), p.message + (p.suggestions.length ? ` Did you mean ${p.suggestions.map((s) => `"${s}"`).join(' or ')}?` : ''), vscode.DiagnosticSeverity.Warning);
      d.source = 'Impact Hubs';
      d.code = 'unknown-reference';
      (d as vscode.Diagnostic & { suggestions?: string[] }).suggestions = p.suggestions;
      return d;
    });
    this.diagnostics.set(doc.uri, diags);
    return diags;
  }

  fixes(doc: vscode.TextDocument, ctx: vscode.CodeActionContext): vscode.CodeAction[] {
    return ctx.diagnostics
      .filter((d) => d.code === 'unknown-reference' && d.source === 'Impact Hubs')
      .flatMap((d) => {
        const text = doc.getText(d.range);
        const m = /^\[\[(\w+):([a-z0-9-]+)(\|[^\]]*)?\]\]$/.exec(text);
        if (!m) return [];
        const kind = m[1] as DocKind;
        const ids = [...this.targets().values()].filter((t) => t.kind === kind).map((t) => t.id);
        const suggestions = (d as vscode.Diagnostic & { suggestions?: string[] }).suggestions ?? checkRefs(text, () => ids)[0]?.suggestions ?? [];
        return suggestions.map((s, i) => {
          const action = new vscode.CodeAction(`Change to [[${kind}:${s}]]`, vscode.CodeActionKind.QuickFix);
          action.edit = new vscode.WorkspaceEdit();
          action.edit.replace(doc.uri, d.range, `[[${kind}:${s}${m[3] ?? ''}]]`);
          action.diagnostics = [d];
          action.isPreferred = i === 0;
          return action;
        });
      });
  }

  /** markdown-it plugin for the built-in Markdown preview (contributes.markdown.markdownItPlugins). */
  extendMarkdownIt<T>(md: T): T {
    refsPlugin(md as Parameters<typeof refsPlugin>[0], (kind, id) => {
      const t = this.target(kind, id);
      if (t) return { href: t.fileUri.toString(), title: `${KINDS[t.kind].label}: ${t.title}`, text: t.title };
      // Before the knowledge base is loaded, link by convention; unknown ids show as marked text later.
      const folder = KINDS[kind].folder;
      if (!this.knowledge.bundled && folder) return { href: vscode.Uri.joinPath(this.context.extensionUri, 'knowledge', folder, `${id}.md`).toString(), title: `${KINDS[kind].label}: ${id}`, text: id };
      return undefined;
    });
    void this.knowledge.ensureReady({ quiet: true });
    return md;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}

export const references: Feature = (ctx) => {
  const r = new References(ctx.extension, ctx.knowledge);
  ctx.expose('references', r);
  return r;
};
