import { RULES } from './rules';
import type { CheckResult } from './runner';
import type { Finding, Severity } from './types';

/** Output formats of `impact-hubs check`: text, JSON, SARIF 2.1.0 and GitHub Actions annotations. */

export interface FileResult extends CheckResult {
  /** The path as the user gave it (relative paths stay relative). */
  file: string;
}

export const RULES_DOC_URL = 'docs/rules.md';

/** The anchor of a rule in docs/rules.md (`charter/goal-measurable` → `charter-goal-measurable`). */
export function ruleAnchor(id: string): string {
  return id.replace(/[^a-z0-9]+/g, '-');
}

export function formatText(results: FileResult[], escape: (s: string) => string = (s) => s): string[] {
  const out: string[] = [];
  for (const r of results) {
    if (r.skipped) out.push(escape(`${r.file}: not checked: ${r.skipped}`));
    for (const f of r.findings) out.push(escape(`${r.file}:${f.line}:${f.column} ${f.severity} ${f.rule} ${f.message}`));
  }
  const counts = countBySeverity(results.flatMap((r) => r.findings));
  out.push(`${results.length} file(s) checked: ${counts.error} error(s), ${counts.warning} warning(s), ${counts.info} info.`);
  return out;
}

export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

/** One object per file: `{ file, type, elements: [{ id, present, line }], findings: [...] }`. */
export function formatJson(results: FileResult[]): string {
  return JSON.stringify(
    results.map((r) => ({
      file: r.file,
      type: r.type ?? null,
      ...(r.skipped ? { skipped: r.skipped } : {}),
      elements: r.elements.map((e) => ({ id: e.id, present: e.status !== 'missing', status: e.status, line: e.line ?? null })),
      findings: r.findings.map((f) => ({ rule: f.rule, severity: f.severity, line: f.line, column: f.column, message: f.message })),
    })),
    null,
    2,
  );
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

/** SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. */
export function formatSarif(results: FileResult[], version: string): string {
  const rules = RULES.map((r) => ({
    id: r.id,
    name: r.id.replace(/[^a-zA-Z0-9]+/g, '-'),
    shortDescription: { text: r.description },
    fullDescription: { text: r.docs.why.replace(/\[\[[a-z]+:([a-z0-9-]+)\]\]/g, '$1') },
    helpUri: `${RULES_DOC_URL}#${ruleAnchor(r.id)}`,
    defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'impact-hubs', informationUri: 'https://example.invalid/impact-hubs', version, rules } },
        results: results.flatMap((r) =>
          r.findings.map((f) => ({
            ruleId: f.rule,
            ruleIndex: index.get(f.rule),
            level: SARIF_LEVEL[f.severity],
            message: { text: f.message },
            locations: [{ physicalLocation: { artifactLocation: { uri: r.file.split('\\').join('/') }, region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn } } }],
          })),
        ),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}

const GITHUB_COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** `::error file=…,line=…,col=…,title=…::message` workflow commands (properties and message escaped). */
export function formatGithub(results: FileResult[]): string[] {
  const prop = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/:/g, '%3A').replace(/,/g, '%2C');
  const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  return results.flatMap((r) => r.findings.map((f) => `::${GITHUB_COMMAND[f.severity]} file=${prop(r.file)},line=${f.line},col=${f.column},endLine=${f.endLine},title=${prop(f.rule)}::${data(f.message)}`));
}
