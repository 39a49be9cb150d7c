/**
 * The results framework (logframe view) of a theory of change: one row per goal, outcome and
 * output, with its indicators (baseline, target, date, source), means of verification and
 * assumptions. As data, a Markdown table, CSV and an HTML table for the webview. Empty cells are
 * marked.
 */
import { esc } from '../core/html';
import type { TocGraph, TocNode } from '../documents/toc';

export type ResultLevel = 'Goal' | 'Outcome' | 'Output';

export interface ResultsIndicator {
  /** What is measured (the indicator's population part, else its whole text). */
  indicator: string;
  baseline?: string;
  target?: string;
  date?: string;
  source?: string;
  verification?: string;
  /** 0-based line. */
  line: number;
}

export interface ResultsRow {
  level: ResultLevel;
  id: string;
  statement: string;
  /** 0-based line of the result. */
  line: number;
  indicators: ResultsIndicator[];
  assumptions: { text: string; line: number }[];
}

export interface ResultsFramework {
  rows: ResultsRow[];
  /** Empty cells (a result without indicators counts every indicator column once). */
  missing: number;
}

/** Shown in empty cells. */
export const MISSING = '—';

export const COLUMNS = ['Level', 'Id', 'Result', 'Indicator', 'Baseline', 'Target', 'By when', 'Source', 'Means of verification', 'Assumptions'] as const;
const PER_INDICATOR = ['indicator', 'baseline', 'target', 'date', 'source', 'verification'] as const;

const LEVEL: Partial<Record<TocNode['kind'], ResultLevel>> = { goal: 'Goal', outcome: 'Outcome', output: 'Output' };
const ORDER: Record<ResultLevel, number> = { Goal: 0, Outcome: 1, Output: 2 };

/** The rows: the goal, then outcomes from the top layer down, then outputs; document order within. */
export function resultsFramework(graph: TocGraph): ResultsFramework {
  const rows: ResultsRow[] = [];
  graph.nodes.forEach((n) => {
    const level = LEVEL[n.kind];
    if (!level) return;
    rows.push({
      level,
      id: n.id,
      statement: n.text,
      line: n.line,
      indicators: n.indicators.map((i) => ({ indicator: i.parts.who ?? i.text, baseline: i.parts.baseline, target: i.parts.howMuch, date: i.parts.byWhen, source: i.parts.source, verification: i.parts.verification, line: i.line })),
      assumptions: n.assumptions.map((a) => ({ text: a.text, line: a.line })),
    });
  });
  const level = new Map(graph.nodes.map((n) => [n.id, n.level]));
  const index = new Map(rows.map((r, i) => [r.id, i]));
  rows.sort((a, b) => ORDER[a.level] - ORDER[b.level] || level.get(a.id)! - level.get(b.id)! || index.get(a.id)! - index.get(b.id)!);
  let missing = 0;
  for (const r of rows) {
    if (!r.indicators.length) missing += PER_INDICATOR.length;
    for (const i of r.indicators) for (const k of PER_INDICATOR) if (!i[k]) missing++;
    if (!r.assumptions.length) missing++;
  }
  return { rows, missing };
}

/** The cells of a row, each a list of entries (one per indicator); an empty list is an empty cell. */
export function rowCells(r: ResultsRow): string[][] {
  const per = (k: (typeof PER_INDICATOR)[number]) => (r.indicators.length ? r.indicators.map((i) => i[k] ?? '') : []);
  return [[r.level], [r.id], [r.statement], ...PER_INDICATOR.map(per), r.assumptions.map((a) => a.text)];
}

const isEmpty = (cell: string[]) => cell.length === 0 || cell.every((c) => !c);

function mdCell(cell: string[]): string {
  if (isEmpty(cell)) return MISSING;
  return cell.map((c) => (c ? c.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ') : MISSING)).join('<br>');
}

/** A Markdown (GitHub) table; empty cells hold "—". */
export function resultsMarkdown(rf: ResultsFramework, title = 'Results framework'): string {
  const lines = [`## ${title}`, '', `| ${COLUMNS.join(' | ')} |`, `|${COLUMNS.map(() => '---').join('|')}|`];
  for (const r of rf.rows) lines.push(`| ${rowCells(r).map(mdCell).join(' | ')} |`);
  lines.push('', `${rf.missing ? `${rf.missing} empty cell${rf.missing === 1 ? '' : 's'} marked ${MISSING}.` : 'Every cell is filled.'}`, '');
  return lines.join('\n');
}

/** One CSV field: quoted when needed; a leading =, +, - or @ is neutralised (spreadsheet formulas). */
export function csvField(s: string): string {
  let v = s;
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) || v !== s ? `"${v.replace(/"/g, '""')}"` : v;
}

/** CSV (RFC 4180, CRLF line ends); several indicators share a cell, one per line; empty cells hold "—". */
export function resultsCsv(rf: ResultsFramework): string {
  const rows = [COLUMNS.map(csvField).join(',')];
  for (const r of rf.rows) rows.push(rowCells(r).map((cell) => csvField(isEmpty(cell) ? MISSING : cell.map((c) => c || MISSING).join('\n'))).join(','));
  return rows.join('\r\n') + '\r\n';
}

/** An HTML table for the webview: every value escaped, empty cells marked, results link to their line. */
export function resultsHtml(rf: ResultsFramework): string {
  if (!rf.rows.length) return '<p class="empty">No goal, outcomes or outputs yet. Write the "Long-term goal" and the "Outcomes pathway" sections, and they appear here.</p>';
  const cell = (c: string[]) => {
    if (isEmpty(c)) return `<td class="missing" title="missing">${MISSING}</td>`;
    return `<td>${c.map((v) => (v ? esc(v) : `<span class="missing" title="missing">${MISSING}</span>`)).join('<br>')}</td>`;
  };
  // Level and id share a column here (the exports keep them apart).
  const head = `<thead><tr><th scope="col">Level</th>${COLUMNS.slice(2).map((c) => `<th scope="col">${esc(c)}</th>`).join('')}</tr></thead>`;
  const body = rf.rows
    .map((r) => {
      const [level, id, statement, ...rest] = rowCells(r);
      return `<tr data-line="${r.line}"><td class="level">${esc(level[0])}<br><code>${esc(id[0])}</code></td><th scope="row"><a href="#" data-line="${r.line}" title="Go to line ${r.line + 1}">${esc(statement[0] || MISSING)}</a></th>${rest.map((c) => cell(c)).join('')}</tr>`;
    })
    .join('');
  return `<table class="results">${head}<tbody>${body}</tbody></table>`;
}
