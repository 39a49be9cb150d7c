/**
 * Theory-of-change graph → Mermaid `flowchart` text (GitHub renders it in a ```mermaid block).
 * Ids are replaced by safe ones (n0, n1, …); user text goes inside quoted labels with Mermaid's
 * entity codes for the characters that would end or change a label.
 */
import { linesOf, type TocGraph, type TocNode } from '../documents/toc';

/** Text for a quoted Mermaid label: `#`, quotes, angle brackets, backticks and pipes as entity codes. */
export function mermaidText(s: string): string {
  let out = '';
  for (const c of s) {
    if (c === '#') out += '#35;';
    else if (c === '"') out += '#quot;';
    else if (c === '<') out += '#lt;';
    else if (c === '>') out += '#gt;';
    else if (c === '`') out += '#96;';
    else if (c === '|') out += '#124;';
    else if (c === '\n' || c === '\r' || c === '\t') out += ' ';
    else if (c.charCodeAt(0) < 32) continue;
    else out += c;
  }
  return out;
}

const SHAPE: Record<TocNode['kind'], [string, string]> = {
  goal: ['{{"', '"}}'],
  outcome: ['["', '"]'],
  output: ['[/"', '"/]'],
  intervention: ['("', '")'],
};

export interface MermaidOptions {
  /** 0-based problem lines: their nodes get the `problem` class. */
  problemLines?: Iterable<number>;
  /** Include a ```mermaid fence around the text (for pasting into Markdown). */
  fenced?: boolean;
}

/** The flowchart, bottom to top (interventions at the base, the goal at the top). */
export function toMermaid(graph: TocGraph, options: MermaidOptions = {}): string {
  const bad = new Set(options.problemLines ?? []);
  const safe = new Map(graph.nodes.map((n, i) => [n.id, `n${i}`]));
  const lines = ['flowchart BT'];
  for (const n of graph.nodes) {
    const [open, close] = SHAPE[n.kind];
    const extra = [n.indicators.length ? `${n.indicators.length} indicator${n.indicators.length > 1 ? 's' : ''}` : '', n.assumptions.length ? `${n.assumptions.length} assumption${n.assumptions.length > 1 ? 's' : ''}` : ''].filter(Boolean).join(', ');
    const label = `${mermaidText(n.text || '(no text)')}${extra ? `<br/>(${extra})` : ''}`;
    lines.push(`  ${safe.get(n.id)}${open}${label}${close}`);
  }
  for (const e of graph.edges) {
    const from = safe.get(e.from);
    const to = safe.get(e.to);
    if (!from || !to) continue;
    const arrow = e.kind === 'contributes' ? '-.->' : e.kind === 'explicit' ? '==>' : '-->';
    lines.push(`  ${from} ${arrow}${e.rationale ? `|"${mermaidText(e.rationale)}"|` : ''} ${to}`);
  }
  lines.push('  classDef goal fill:#ddf4ff,stroke:#0969da,stroke-width:2px,color:#1f2328');
  lines.push('  classDef outcome fill:#f6f8fa,stroke:#59636e,color:#1f2328');
  lines.push('  classDef output fill:#fff8c5,stroke:#9a6700,color:#1f2328');
  lines.push('  classDef intervention fill:#dafbe1,stroke:#1a7f37,color:#1f2328');
  lines.push('  classDef problem stroke:#cf222e,stroke-width:3px');
  for (const kind of ['goal', 'outcome', 'output', 'intervention'] as const) {
    const ids = graph.nodes.filter((n) => n.kind === kind).map((n) => safe.get(n.id));
    if (ids.length) lines.push(`  class ${ids.join(',')} ${kind}`);
  }
  const problems = graph.nodes.filter((n) => linesOf(n).some((l) => bad.has(l))).map((n) => safe.get(n.id));
  if (problems.length) lines.push(`  class ${problems.join(',')} problem`);
  const text = lines.join('\n') + '\n';
  return options.fenced ? `\`\`\`mermaid\n${text}\`\`\`\n` : text;
}
