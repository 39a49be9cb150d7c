import * as vscode from 'vscode';
import { elementOfHeading } from '../documents/charter';
import { disableRuleEdit } from '../checks/disable';
import { buildGuide, type Guide } from '../checks/guide';
import { loadLinked } from '../checks/linked';
import { RULES } from '../checks/rules';
import { KNOWLEDGE_CODES } from '../checks/rules/knowledge';
import { checkDocument, declaredType, isSeverityOrOff, MAX_CHECK_BYTES, type CheckResult } from '../checks/runner';
import type { CheckedType, Finding, Fix, SeverityOrOff } from '../checks/types';
import { splitFrontMatter } from '../core/frontmatter';
import { detectDocType } from '../core/authoring';
import type { DocType } from '../core/outlines';
import type { DocKind } from '../core/types';
import type { KnowledgeService } from './knowledge';
import { KB_SCHEME } from './kb-uri';

const CHECK_AS_KEY = 'impactHubs.checkAs';
const DEBOUNCE_MS = 300;
const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** Where a rule's documentation opens (a read-only page served by the knowledge-base provider). */
export function ruleDocUri(rule: string): vscode.Uri {
  return vscode.Uri.from({ scheme: KB_SCHEME, path: `/rules/${rule}.md` });
}

export interface DocumentCheck {
  uri: string;
  version: number;
  result: CheckResult;
  guide?: Guide;
}

/**
 * The one diagnostics path: checks of charters, theories of change and landscape maps, unknown
 * `[[…]]` references in any Markdown file, and problems in own knowledge documents — all as rule
 * findings with a code that links to the rule's documentation, quick fixes as code actions.
 */
export class CheckService implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection('impactHubs');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly results = new Map<string, DocumentCheck>();
  private readonly checked = new vscode.EventEmitter<DocumentCheck>();
  /** Fires after a document has been checked (the Charter Guide listens). */
  readonly onDidCheck = this.checked.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly knowledge: KnowledgeService,
  ) {
    const sub = knowledge.store.onDidChange((e) => {
      if (e.type === 'own') e.uris.forEach((u) => this.refreshClosedKnowledgeFile(u));
      vscode.workspace.textDocuments.forEach((d) => this.schedule(d, 0));
    });
    this.disposables.push(
      { dispose: () => sub.dispose() },
      this.diagnostics,
      this.checked,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, DEBOUNCE_MS)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.results.delete(d.uri.toString());
        this.refreshClosedKnowledgeFile(d.uri.toString());
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('impactHubs.checks')) vscode.workspace.textDocuments.forEach((d) => this.schedule(d, 0));
      }),
      vscode.languages.registerCodeActionsProvider({ language: 'markdown' }, { provideCodeActions: (d, _r, c) => this.codeActions(d, c) }, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
      vscode.commands.registerCommand('impactHubs.checkAsCharter', (uri?: vscode.Uri) => this.checkAs('hub-charter', uri)),
      vscode.commands.registerCommand('impactHubs.checkAsTheoryOfChange', (uri?: vscode.Uri) => this.checkAs('theory-of-change', uri)),
      vscode.commands.registerCommand('impactHubs.checkAsLandscapeMap', (uri?: vscode.Uri) => this.checkAs('landscape-map', uri)),
      vscode.commands.registerCommand('impactHubs.stopCheckingAs', (uri?: vscode.Uri) => this.checkAs(undefined, uri)),
      vscode.commands.registerCommand('impactHubs.showRule', (rule?: unknown) => this.showRule(rule)),
    );
    vscode.workspace.textDocuments.forEach((d) => this.schedule(d, 0));
  }

  /** The latest check of a document (undefined before the first one). */
  resultFor(uri: vscode.Uri | string): DocumentCheck | undefined {
    return this.results.get(uri.toString());
  }

  /** The outline a document follows: Check As, front matter `type:`, else its headings. */
  outlineType(doc: vscode.TextDocument): DocType | undefined {
    const t: string | undefined = this.checkAsMap()[doc.uri.toString()];
    if (t === 'hub-charter' || t === 'theory-of-change' || t === 'landscape-map') return t;
    return detectDocType(doc.getText());
  }

  private settings(uri: vscode.Uri): { enabled: boolean; rules: Record<string, SeverityOrOff> } {
    const cfg = vscode.workspace.getConfiguration('impactHubs.checks', uri);
    const rules: Record<string, SeverityOrOff> = {};
    const raw = cfg.get<Record<string, unknown>>('rules', {});
    if (raw && typeof raw === 'object') for (const [id, v] of Object.entries(raw)) if (isSeverityOrOff(v)) rules[id] = v;
    return { enabled: cfg.get<boolean>('enabled', true), rules };
  }

  private checkAsMap(): Record<string, CheckedType> {
    return this.context.workspaceState.get<Record<string, CheckedType>>(CHECK_AS_KEY, {});
  }

  /** Impact Hubs: Check This Document as a Charter / a Theory of Change / a Landscape Map (remembered per file). */
  async checkAs(type: CheckedType | undefined, uri?: vscode.Uri): Promise<CheckResult | undefined> {
    const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
    const doc = target && vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
    if (!doc || doc.languageId !== 'markdown') {
      void vscode.window.showInformationMessage('Impact Hubs: open a Markdown document to check it.');
      return undefined;
    }
    const map = { ...this.checkAsMap() };
    if (type) map[doc.uri.toString()] = type;
    else delete map[doc.uri.toString()];
    await this.context.workspaceState.update(CHECK_AS_KEY, map);
    return this.check(doc);
  }

  private schedule(doc: vscode.TextDocument, delay: number): void {
    if (doc.languageId !== 'markdown' || doc.uri.scheme === KB_SCHEME || doc.uri.scheme === 'output') return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.check(doc);
      }, delay),
    );
  }

  private knownIds(): ((kind: DocKind) => string[]) | undefined {
    if (!this.knowledge.bundled) return undefined;
    const ids = new Map<DocKind, string[]>();
    for (const d of [...this.knowledge.docs(), ...this.knowledge.ownDocs()]) ids.set(d.kind, [...(ids.get(d.kind) ?? []), d.id]);
    return (kind) => ids.get(kind) ?? [];
  }

  /** Checks one open document now; stale results (the text changed meanwhile) are dropped. */
  async check(doc: vscode.TextDocument): Promise<CheckResult | undefined> {
    if (doc.isClosed) return undefined;
    const uri = doc.uri;
    const key = uri.toString();
    const version = doc.version;
    const { enabled, rules } = this.settings(uri);
    const text = doc.getText();
    if (!enabled) {
      this.diagnostics.delete(uri);
      return undefined;
    }
    if (text.length > MAX_CHECK_BYTES) {
      const notice = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), `Impact Hubs did not check this document: it is larger than ${MAX_CHECK_BYTES / 1e6} MB.`, vscode.DiagnosticSeverity.Information);
      notice.source = 'Impact Hubs';
      this.diagnostics.set(uri, [notice]);
      return undefined;
    }
    await this.knowledge.ensureReady({ quiet: true });
    let data: Record<string, unknown> = {};
    try {
      data = splitFrontMatter(text).data;
    } catch {
      // The knowledge and charter checks report broken front matter.
    }
    const type = this.checkAsMap()[key] ?? declaredType(data);
    const linked = type ? await loadLinked(data, async (rel) => new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(uri, '..', rel)))) : {};
    if (doc.isClosed || doc.version !== version) return undefined;
    const result = checkDocument(text, { type, rules, linked, knownIds: this.knownIds(), knowledgeFile: this.knowledge.store.isInKnowledgeFolder(key), path: key });
    const diags = result.findings.map((f) => toDiagnostic(f));
    // Files the store could not read as text (size, encoding) keep their warning.
    for (const p of this.knowledge.store.problems(key)) if (KNOWLEDGE_CODES[p.code ?? ''] === 'knowledge/file') diags.push(toDiagnostic(storeFinding(p)));
    this.diagnostics.set(uri, diags);
    const entry: DocumentCheck = { uri: key, version, result, guide: result.type && result.doc ? buildGuide(result.doc, result, elementOfHeading) : undefined };
    this.results.set(key, entry);
    this.checked.fire(entry);
    return result;
  }

  /** A knowledge file that is not open: the store's problems, as the same rule findings. */
  private refreshClosedKnowledgeFile(uri: string): void {
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri)) return;
    const problems = this.knowledge.store.problems(uri);
    const u = vscode.Uri.parse(uri);
    if (problems.length) this.diagnostics.set(u, problems.map((p) => toDiagnostic(storeFinding(p))));
    else this.diagnostics.delete(u);
  }

  private codeActions(doc: vscode.TextDocument, ctx: vscode.CodeActionContext): vscode.CodeAction[] {
    const entry = this.results.get(doc.uri.toString());
    if (!entry) return [];
    const out: vscode.CodeAction[] = [];
    for (const d of ctx.diagnostics) {
      if (d.source !== 'Impact Hubs') continue;
      const rule = typeof d.code === 'object' ? String(d.code.value) : String(d.code);
      const finding = entry.result.findings.find((f) => f.rule === rule && f.line === d.range.start.line + 1 && f.message === d.message);
      if (!finding) continue;
      finding.fixes.forEach((fix, i) => {
        const action = toCodeAction(doc, fix);
        if (!action) return;
        action.diagnostics = [d];
        action.isPreferred = i === 0 && fix.kind !== 'disable-rule';
        out.push(action);
      });
    }
    return out;
  }

  private async showRule(rule?: unknown): Promise<void> {
    let id = typeof rule === 'string' ? rule : undefined;
    if (!id) {
      const pick = await vscode.window.showQuickPick(
        RULES.map((r) => ({ label: r.id, detail: r.description })),
        { title: 'Impact Hubs checks', placeHolder: 'Choose a rule to read why it matters and how real hubs did it', matchOnDetail: true },
      );
      id = pick?.label;
    }
    if (!id || !RULES.some((r) => r.id === id)) return;
    await vscode.window.showTextDocument(ruleDocUri(id), { preview: true });
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}

function storeFinding(p: { line: number; message: string; field?: string; code?: string; severity: Finding['severity'] }): Finding {
  const line = Math.max(1, p.line);
  return { rule: KNOWLEDGE_CODES[p.code ?? ''] ?? 'knowledge/front-matter', severity: p.severity, line, column: 1, endLine: line, endColumn: 1000, message: p.field ? `${p.field}: ${p.message}` : p.message, fixes: [] };
}

export function toDiagnostic(f: Finding): vscode.Diagnostic {
  const d = new vscode.Diagnostic(new vscode.Range(f.line - 1, f.column - 1, f.endLine - 1, Math.max(0, f.endColumn - 1)), f.message, SEVERITY[f.severity]);
  d.source = 'Impact Hubs';
  d.code = { value: f.rule, target: ruleDocUri(f.rule) };
  return d;
}

function lineEnd(doc: vscode.TextDocument, line1: number): vscode.Position {
  const l = Math.min(Math.max(0, line1 - 1), doc.lineCount - 1);
  return doc.lineAt(l).range.end;
}

/** A fix as an undoable code action (snippets keep their tab stops). */
export function toCodeAction(doc: vscode.TextDocument, fix: Fix): vscode.CodeAction | undefined {
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  const edit = new vscode.WorkspaceEdit();
  switch (fix.kind) {
    case 'insert-section':
      action.command = { command: 'impactHubs.insertSection', title: fix.title, arguments: [fix.section, fix.outline] };
      return action;
    case 'insert-after':
      edit.set(doc.uri, [new vscode.SnippetTextEdit(new vscode.Range(lineEnd(doc, fix.line), lineEnd(doc, fix.line)), new vscode.SnippetString(fix.snippet))]);
      break;
    case 'replace-lines':
      edit.set(doc.uri, [new vscode.SnippetTextEdit(new vscode.Range(new vscode.Position(fix.line - 1, 0), lineEnd(doc, fix.endLine)), new vscode.SnippetString(fix.snippet))]);
      break;
    case 'replace-range':
      edit.replace(doc.uri, new vscode.Range(fix.line - 1, fix.column - 1, fix.line - 1, fix.endColumn - 1), fix.text);
      break;
    case 'disable-rule': {
      const e = disableRuleEdit(doc.getText(), fix.rule);
      if (e.insert) edit.insert(doc.uri, new vscode.Position(e.line - 1, 0), e.text);
      else edit.replace(doc.uri, new vscode.Range(new vscode.Position(e.line - 1, 0), lineEnd(doc, e.endLine)), e.text);
      break;
    }
  }
  action.edit = edit;
  return action;
}
