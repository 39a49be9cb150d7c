import * as vscode from 'vscode';
import { sectionOfHeading, snippets, type SnippetDef } from '../core/authoring';
import { escapeMarkdown } from '../core/html';
import { atxHeading } from '../core/scan';
import { outlineFor, type DocType } from '../core/outlines';
import { sectionHelp, type SectionHelp } from '../core/section-examples';
import type { KnowledgeDoc } from '../core/types';
import { parseMarkdown, type MdDoc } from '../documents/markdown';
import { outlineSectionStates, type SectionState } from '../documents/outline-sections';
import type { CheckService } from '../services/check-service';
import type { KnowledgeService } from '../services/knowledge';
import type { Feature } from './feature';

/**
 * Writing help where the cursor is: the `hub-…`/`toc-…` section snippets appear as the writer
 * types them at the start of a line (Markdown has quick suggestions off, so a trigger character
 * opens them — no change to the writer's settings), and so do the outline's headings after `##`;
 * each item, and the hover on a section heading, shows the section's purpose, questions and one or
 * two cited examples from real hubs.
 */

const SELECTOR: vscode.DocumentSelector = { language: 'markdown' };
/** `hub-` / `toc-` / `map-` and what follows, alone on the line so far. */
const PREFIX = /^(hub|toc|map)-[a-z-]*$/;
/** A heading being typed: `#`, `##`, `## 3. Purp…`. */
const HEADING = /^#{2,3}(?: [\p{L}\p{N} .,'’()-]*)?$/u;
const STATE_WORD: Record<SectionState, string> = { written: '✓ written', empty: '◌ heading or prompt only', missing: '' };

/** The document as the checks see it; `without` blanks a line (the prefix being typed is not writing). */
function modelOf(doc: vscode.TextDocument, checks: CheckService, without?: number): MdDoc {
  if (without === undefined) {
    const checked = checks.resultFor(doc.uri);
    if (checked?.version === doc.version && checked.result.doc) return checked.result.doc;
    return parseMarkdown(doc.getText());
  }
  const lines = doc.getText().split('\n');
  lines[without] = '';
  return parseMarkdown(lines.join('\n'));
}

function commandUri(command: string, args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

/** Purpose, questions, "see" links and cited examples; text from the knowledge base is escaped. */
export function helpMarkdown(help: SectionHelp, docs: KnowledgeDoc[], state?: SectionState): vscode.MarkdownString {
  const { section: s } = help;
  const md = new vscode.MarkdownString('', true);
  md.isTrusted = { enabledCommands: ['impactHubs.openDocument', 'impactHubs.insertSection'] };
  md.appendMarkdown(`**${help.number}. `).appendMarkdown(escapeMarkdown(s.title)).appendMarkdown(`** — section ${help.number} of ${help.of}`);
  if (state) md.appendMarkdown(` · ${STATE_WORD[state] || 'not in the document yet'}`);
  md.appendMarkdown('\n\n').appendMarkdown(escapeMarkdown(`${s.purpose}.`)).appendMarkdown('\n\n');
  for (const q of s.questions) md.appendMarkdown('- ').appendMarkdown(escapeMarkdown(q)).appendMarkdown('\n');
  if (help.examples.length) {
    md.appendMarkdown('\n**How real hubs did it**\n\n');
    for (const e of help.examples) {
      md.appendMarkdown('- ').appendMarkdown(escapeMarkdown(`${e.intro}: “${e.text}”`));
      md.appendMarkdown(` — [$(book) ${escapeMarkdown(e.hubTitle)}](${commandUri('impactHubs.openDocument', [`hub:${e.hubId}`, e.anchor])} "Open the case study in the reader")`);
      const url = e.sources.find((u) => /^https?:\/\//.test(u));
      if (url) md.appendMarkdown(` · [source](<${url.replace(/[<>\s]/g, encodeURIComponent)}>)`);
      md.appendMarkdown('\n');
    }
  }
  const see = s.see.map((key) => ({ key, doc: docs.find((d) => `${d.kind}:${d.id}` === key) })).filter((x) => x.doc);
  if (see.length) md.appendMarkdown(`\nSee ${see.map((x) => `[${escapeMarkdown(x.doc!.title)}](${commandUri('impactHubs.openDocument', [x.key])})`).join(' · ')}`);
  return md;
}

export class WritingHelp implements vscode.CompletionItemProvider, vscode.HoverProvider {
  constructor(
    private readonly checks: CheckService,
    private readonly knowledge: KnowledgeService,
  ) {}

  private help(type: DocType, id: string): SectionHelp | undefined {
    return sectionHelp(type, id, this.knowledge.docs());
  }

  async provideCompletionItems(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.CompletionItem[] | undefined> {
    const before = doc.lineAt(pos.line).text.slice(0, pos.character);
    if (!PREFIX.test(before) && !HEADING.test(before)) return undefined;
    // The examples need the knowledge base; the snippets come without them if it cannot load.
    await this.knowledge.ensureReady({ quiet: true });
    const range = new vscode.Range(pos.line, 0, pos.line, pos.character);
    const type = this.checks.outlineType(doc);
    const states = (t: DocType) => new Map(outlineSectionStates(modelOf(doc, this.checks, pos.line), outlineFor(t)).map((s) => [s.id, s]));
    if (PREFIX.test(before)) {
      // The explicit prefix works in any Markdown file, as contributed snippets would.
      const want: DocType = before.startsWith('hub-') ? 'hub-charter' : before.startsWith('map-') ? 'landscape-map' : 'theory-of-change';
      const st = type === want ? states(want) : undefined;
      return Object.values(snippets())
        .filter((s) => s.type === want)
        .map((s, i) => this.item(s, i, range, s.prefix, st?.get(s.section ?? '')?.state));
    }
    if (HEADING.test(before) && type) {
      // Headings only where the outline applies: a charter or theory of change.
      const st = states(type);
      return Object.values(snippets())
        .filter((s) => s.type === type && s.section)
        .map((s, i) => {
          const help = this.help(type, s.section!)!;
          return this.item(s, i, range, `## ${help.number}. ${help.section.title}`, st.get(s.section!)?.state);
        });
    }
    return undefined;
  }

  private item(s: SnippetDef, order: number, range: vscode.Range, label: string, state: SectionState | undefined): vscode.CompletionItem {
    const help = s.section ? this.help(s.type, s.section) : undefined;
    const item = new vscode.CompletionItem({ label, detail: help && !label.startsWith('#') ? `  ${help.number}. ${help.section.title}` : undefined, description: state ? STATE_WORD[state] || undefined : undefined }, vscode.CompletionItemKind.Snippet);
    item.insertText = new vscode.SnippetString(s.body.join('\n'));
    item.range = range;
    // Outline order; the filter matches the prefix and the title alike.
    item.sortText = String(order).padStart(3, '0');
    item.filterText = help ? `${label} ${help.section.title}` : label;
    item.documentation = help ? helpMarkdown(help, this.knowledge.docs(), state) : new vscode.MarkdownString(escapeMarkdown(s.description));
    if (!help) item.detail = s.description;
    return item;
  }

  provideHover(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
    const line = doc.lineAt(pos.line).text;
    const h = atxHeading(line);
    if (!h || h.level < 2 || h.level > 3) return undefined;
    const type = this.checks.outlineType(doc);
    if (!type) return undefined;
    const id = sectionOfHeading(outlineFor(type), h.text);
    const help = id ? this.help(type, id) : undefined;
    if (!help) return undefined;
    const state = outlineSectionStates(modelOf(doc, this.checks), outlineFor(type)).find((s) => s.id === id)?.state;
    return new vscode.Hover(helpMarkdown(help, this.knowledge.docs(), state), new vscode.Range(pos.line, 0, pos.line, line.length));
  }
}

export const writingHelp: Feature = ({ checks, knowledge, expose }) => {
  const help = new WritingHelp(checks, knowledge);
  expose('writingHelp', help);
  // '-' opens the snippets after "hub"/"toc"; '#' and ' ' open the headings after "##".
  return vscode.Disposable.from(vscode.languages.registerCompletionItemProvider(SELECTOR, help, '-', '#', ' '), vscode.languages.registerHoverProvider(SELECTOR, help));
};
