import { recogniseCharter, type ElementFinding } from '../documents/charter';
import { parseMarkdown, type MdDoc } from '../documents/markdown';
import { landscapeLink, type LandscapeLink } from './landscape';
import { RULES } from './rules';
import { CHECKED_TYPES, type CheckContext, type CheckedType, type Finding, type Rule, type RuleTarget, type Severity, type SeverityOrOff } from './types';

/** Documents larger than this are not checked (a notice says so). */
export const MAX_CHECK_BYTES = 2_000_000;

export interface CheckOptions {
  /** The document type; by default from front matter `type:` (documents without one get no checks). */
  type?: CheckedType;
  /** Severity overrides by rule id (settings, a CLI config file). */
  rules?: Record<string, SeverityOrOff>;
  today?: string;
  linked?: CheckContext['linked'];
  /** The rules to run (default: all). */
  ruleSet?: readonly Rule[];
  /** The document is in a knowledge folder (its front matter and citations are checked). */
  knowledgeFile?: boolean;
  /** Ids that `[[kind:id]]` references may name; without it references are not checked. */
  knownIds?: CheckContext['knownIds'];
  path?: string;
}

export interface CheckResult {
  type?: CheckedType;
  /** The parsed document (for views that need its sections, such as the Charter Guide). */
  doc?: MdDoc;
  elements: ElementFinding[];
  findings: Finding[];
  /** Why nothing was checked (no type, too large), when that is the case. */
  skipped?: string;
  /** A charter's linked landscape map (front matter `landscape:`), compared with the charter. */
  landscape?: LandscapeLink;
}

const SEVERITIES: readonly SeverityOrOff[] = ['error', 'warning', 'info', 'off'];

export function isSeverityOrOff(v: unknown): v is SeverityOrOff {
  return typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v);
}

/** The document's declared type (front matter `type:`), if it is one that has checks. */
export function declaredType(data: Record<string, unknown>): CheckedType | undefined {
  const t = data.type;
  return typeof t === 'string' && (CHECKED_TYPES as readonly string[]).includes(t) ? (t as CheckedType) : undefined;
}

/** Front matter `checks: { <rule id>: off | info | warning | error }`. */
export function frontMatterSeverities(data: Record<string, unknown>): Record<string, SeverityOrOff> {
  const c = data.checks;
  const out: Record<string, SeverityOrOff> = {};
  if (c && typeof c === 'object' && !Array.isArray(c)) for (const [k, v] of Object.entries(c)) if (isSeverityOrOff(v)) out[k] = v;
  return out;
}

export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Runs the rules that apply to a document. Pure and synchronous (linked documents are read by the
 * caller and passed in); never throws on any input: a failing rule becomes an error finding.
 */
export function checkDocument(text: string, options: CheckOptions = {}): CheckResult {
  if (text.length > MAX_CHECK_BYTES) return { elements: [], findings: [], skipped: `The document is larger than ${MAX_CHECK_BYTES / 1e6} MB, so it was not checked.` };
  const doc = parseMarkdown(text);
  const type = options.type ?? declaredType(doc.data);
  const targets = new Set<RuleTarget>(['markdown', ...(type ? [type] : []), ...(options.knowledgeFile ? ['knowledge' as const] : [])]);
  const elements = type === 'hub-charter' ? recogniseCharter(doc) : [];
  const ctx: CheckContext = {
    type,
    path: options.path,
    knownIds: options.knownIds,
    text,
    lines: text.split('\n'),
    doc,
    elements,
    element: (id) => elements.find((e) => e.id === id),
    today: options.today ?? todayIso(),
    linked: options.linked ?? {},
  };
  const severity: Record<string, SeverityOrOff> = { ...(options.rules ?? {}), ...frontMatterSeverities(doc.data) };
  const findings: Finding[] = [];
  for (const rule of options.ruleSet ?? RULES) {
    if (!rule.appliesTo.some((t) => targets.has(t))) continue;
    const level = severity[rule.id] ?? rule.defaultSeverity;
    if (level === 'off') continue;
    let raw: ReturnType<Rule['run']>;
    try {
      raw = rule.run(ctx);
    } catch (e) {
      raw = [{ line: 1, message: `The check ${rule.id} failed on this document (${e instanceof Error ? e.message : String(e)}); please report it.` }];
    }
    for (const r of raw) {
      const line = clamp(r.line, 1, ctx.lines.length);
      const endLine = clamp(r.endLine ?? line, line, ctx.lines.length);
      const column = Math.max(1, r.column ?? 1);
      findings.push({
        rule: rule.id,
        severity: level as Severity,
        line,
        column,
        endLine,
        endColumn: r.endColumn ?? Math.max(column + 1, (ctx.lines[endLine - 1] ?? '').length + 1),
        message: r.message,
        fixes: [...(r.fixes ?? []), { kind: 'disable-rule', title: `Turn off ${rule.id} for this document`, rule: rule.id }],
      });
    }
  }
  findings.sort((a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
  const skipped = !type && !options.knowledgeFile ? 'The document has no `type:` of hub-charter, theory-of-change or landscape-map in its front matter.' : undefined;
  let landscape: LandscapeLink | undefined;
  try {
    landscape = type === 'hub-charter' ? landscapeLink(ctx) : undefined;
  } catch {
    // The map is only a summary here; its own checks report what is wrong with it.
  }
  return { type, doc, elements, findings, skipped, ...(landscape ? { landscape } : {}) };
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(Math.max(Number.isFinite(n) ? Math.floor(n) : lo, lo), Math.max(lo, hi));
}
