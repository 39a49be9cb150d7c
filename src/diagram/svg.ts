/**
 * Layout → SVG string. Two modes:
 * - `webview`: CSS classes only (themed by media/toc-diagram.css, box states by diagram-view.css,
 *   with --vscode-* variables; no inline styles, which the webview's CSP forbids), focusable
 *   nodes with data-id/data-line.
 * - `standalone`: the same markup with presentation attributes (fill, stroke, font) in a light
 *   palette, so it looks the same in a browser, on GitHub, in Inkscape or rasterised to PNG.
 * Every user text is escaped; rationales are `<title>`s of their arrows.
 */
import { esc } from '../core/html';
import { linesOf, type TocGraph } from '../documents/toc';
import { layoutToc, METRICS, type LaidEdge, type LaidNode, type LayoutOptions, type Point, type TocLayout } from './layout';

export type SvgMode = 'webview' | 'standalone';

export interface SvgOptions extends LayoutOptions {
  mode?: SvgMode;
  /** 0-based lines with problems (from the parser and the checks): their nodes and links are marked. */
  problemLines?: Iterable<number>;
  /** Id of the node to highlight (the cursor's). */
  highlight?: string;
  /** Accessible title of the whole diagram. */
  title?: string;
}

/** The standalone palette (light), also the fallbacks of the webview CSS. */
export const PALETTE = {
  background: '#ffffff',
  text: '#1f2328',
  muted: '#59636e',
  edge: '#59636e',
  explicit: '#8250df',
  problem: '#cf222e',
  goal: { fill: '#ddf4ff', stroke: '#0969da' },
  outcome: { fill: '#f6f8fa', stroke: '#59636e' },
  output: { fill: '#fff8c5', stroke: '#9a6700' },
  intervention: { fill: '#dafbe1', stroke: '#1a7f37' },
  fontFamily: "'Segoe UI', 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif",
} as const;

export interface Paint {
  fill?: string;
  stroke?: string;
  'stroke-width'?: number;
  'stroke-dasharray'?: string;
  'font-size'?: number;
  'font-weight'?: string;
  'font-style'?: string;
  'font-family'?: string;
}

/** Class plus, in standalone mode, presentation attributes. */
export function attrs(mode: SvgMode, cls: string, paint: Paint): string {
  let s = `class="${cls}"`;
  if (mode === 'standalone') for (const [k, v] of Object.entries(paint)) if (v !== undefined) s += ` ${k}="${esc(v)}"`;
  return s;
}

/** A smooth path through the points (quadratic segments between midpoints). */
export function pathData(points: Point[]): string {
  if (points.length === 0) return '';
  const f = (n: number) => String(Math.round(n * 10) / 10);
  let d = `M${f(points[0].x)},${f(points[0].y)}`;
  if (points.length === 2) return `${d}L${f(points[1].x)},${f(points[1].y)}`;
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i];
    const q = points[i + 1];
    const mid = i === points.length - 2 ? q : { x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 };
    d += `Q${f(p.x)},${f(p.y)} ${f(mid.x)},${f(mid.y)}`;
  }
  return d;
}

function edgeSvg(e: LaidEdge, mode: SvgMode, problem: boolean): string {
  const kind = e.back ? 'back' : e.edge.kind;
  const color = problem || e.back ? PALETTE.problem : e.edge.kind === 'explicit' ? PALETTE.explicit : PALETTE.edge;
  const marker = problem || e.back ? 'toc-arrow-problem' : e.edge.kind === 'explicit' ? 'toc-arrow-explicit' : 'toc-arrow';
  const dash = e.edge.kind === 'contributes' ? '5 3' : e.back ? '2 3' : undefined;
  const tip = e.edge.rationale ?? (e.edge.kind === 'contributes' ? `${e.edge.from} contributes to ${e.edge.to}` : `${e.edge.from} leads to ${e.edge.to}`);
  const d = pathData(e.points);
  const cls = `toc-edge toc-edge-${kind}${problem ? ' toc-problem' : ''}${e.edge.rationale ? ' toc-has-rationale' : ''}`;
  return (
    `<g class="${cls}" data-from="${esc(e.edge.from)}" data-to="${esc(e.edge.to)}" data-line="${e.edge.rationaleLine ?? e.edge.line}">` +
    `<title>${esc(tip)}</title>` +
    `<path ${attrs(mode, 'toc-edge-line', { fill: 'none', stroke: color, 'stroke-width': e.edge.rationale ? 1.8 : 1.3, 'stroke-dasharray': dash })} d="${d}" marker-end="url(#${marker})"/>` +
    (mode === 'webview' ? `<path class="toc-edge-hit" d="${d}"/>` : '') +
    `</g>`
  );
}

export function textLines(mode: SvgMode, cls: string, lines: string[], x: number, y: number, lineHeight: number, paint: Paint): string {
  const spans = lines.map((l, i) => `<tspan x="${x}" ${i === 0 ? `y="${y}"` : `dy="${lineHeight}"`}>${esc(l)}</tspan>`).join('');
  return `<text ${attrs(mode, cls, paint)}>${spans}</text>`;
}

function nodeSvg(n: LaidNode, mode: SvgMode, problem: boolean, highlight: boolean, foldable: boolean): string {
  const m = METRICS;
  const kind = n.node.kind;
  const colors = PALETTE[kind];
  const x = n.x + m.padding;
  let y = n.y + m.padding + m.kindSize;
  const cls = `toc-node toc-${kind}${problem ? ' toc-problem' : ''}${highlight ? ' toc-current' : ''}${n.hidden ? ' toc-collapsed' : ''}`;
  const label = `${kind === 'goal' ? 'Goal' : kind[0].toUpperCase() + kind.slice(1)} ${n.id}: ${n.node.text}${n.node.indicators.length ? `; ${n.node.indicators.length} indicator(s)` : ''}${n.node.assumptions.length ? `; ${n.node.assumptions.length} assumption(s)` : ''}${problem ? '; has problems' : ''}${n.hidden ? `; ${n.hidden} hidden` : ''}`;
  // The <title> child names the box (SVG-AAM); no aria-label, which would have to repeat the visible text.
  const interactive = mode === 'webview' ? ` tabindex="0" role="button"` : '';
  let out = `<g class="${cls}" id="toc-node-${esc(n.id)}" data-id="${esc(n.id)}" data-line="${n.node.line}"${interactive}>`;
  out += `<title>${esc(label)}</title>`;
  out += `<rect ${attrs(mode, 'toc-box', { fill: colors.fill, stroke: problem ? PALETTE.problem : colors.stroke, 'stroke-width': kind === 'goal' || problem ? 2 : 1.2 })} x="${n.x}" y="${n.y}" width="${n.width}" height="${n.height}" rx="${kind === 'intervention' ? 14 : 4}"/>`;
  out += textLines(mode, 'toc-kind', [n.kindLabel], x, y, m.kindLine, { fill: PALETTE.muted, 'font-size': m.kindSize });
  y += m.kindLine - m.kindSize + m.titleSize;
  out += textLines(mode, 'toc-title', n.title, x, y, m.titleLine, { fill: PALETTE.text, 'font-size': m.titleSize, 'font-weight': kind === 'goal' ? '600' : undefined });
  y += (n.title.length - 1) * m.titleLine + m.padding / 2;
  if (n.attachments.length) {
    y += m.padding / 2 - 2;
    out += `<line ${attrs(mode, 'toc-sep', { stroke: colors.stroke, 'stroke-width': 0.6 })} x1="${n.x + 6}" x2="${n.x + n.width - 6}" y1="${y}" y2="${y}"/>`;
    y += m.smallSize + 2;
    for (const a of n.attachments) {
      out += `<g class="toc-attachment toc-${a.kind}" data-line="${a.line}">`;
      out += textLines(mode, `toc-${a.kind}-text`, a.lines, x, y, m.smallLine, { fill: a.kind === 'assumption' ? PALETTE.muted : PALETTE.text, 'font-size': m.smallSize, 'font-style': a.kind === 'assumption' ? 'italic' : undefined });
      out += `</g>`;
      y += a.lines.length * m.smallLine + 3;
    }
  }
  if (n.hidden) {
    out += textLines(mode, 'toc-hidden', [`▸ ${n.hidden} hidden (collapsed)`], x, n.y + n.height - m.padding / 2 - 2, m.smallLine, { fill: PALETTE.muted, 'font-size': m.smallSize, 'font-style': 'italic' });
  }
  if (problem) {
    const cx = n.x + 2;
    const cy = n.y + 2;
    out += `<g class="toc-badge"><circle ${attrs(mode, 'toc-badge-dot', { fill: PALETTE.problem })} cx="${cx}" cy="${cy}" r="8"/><text ${attrs(mode, 'toc-badge-text', { fill: '#ffffff', 'font-size': 11, 'font-weight': '700' })} x="${cx}" y="${cy + 4}" text-anchor="middle">!</text></g>`;
  }
  out += '</g>';
  if (mode === 'webview' && (foldable || n.hidden)) {
    // Collapse / expand the pathway below this box: drawn on the box, but a sibling of it in the
    // markup (a button inside the box's button would hide one of them from screen readers).
    const bx = n.x + n.width - 20;
    const by = n.y + 4;
    const what = n.hidden ? `Expand the ${n.hidden} hidden boxes below ${n.id}` : `Collapse the pathway below ${n.id}`;
    out += `<g class="toc-toggle" data-toggle="${esc(n.id)}" role="button" tabindex="-1"><title>${esc(what)}</title><rect class="toc-toggle-box" x="${bx}" y="${by}" width="16" height="16" rx="3"/><text class="toc-toggle-text" x="${bx + 8}" y="${by + 12}" text-anchor="middle">${n.hidden ? '+' : '−'}</text></g>`;
  }
  return out;
}

function markers(mode: SvgMode): string {
  const one = (id: string, color: string, cls: string) =>
    `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path ${attrs(mode, cls, { fill: color })} d="M0,0L10,5L0,10z"/></marker>`;
  return `<defs>${one('toc-arrow', PALETTE.edge, 'toc-arrowhead')}${one('toc-arrow-explicit', PALETTE.explicit, 'toc-arrowhead toc-arrowhead-explicit')}${one('toc-arrow-problem', PALETTE.problem, 'toc-arrowhead toc-arrowhead-problem')}</defs>`;
}

/** SVG of a layout. */
export function layoutSvg(layout: TocLayout, graph: Pick<TocGraph, 'goal'>, options: SvgOptions = {}): string {
  const mode = options.mode ?? 'webview';
  const bad = new Set(options.problemLines ?? []);
  const title = options.title ?? (graph.goal ? `Theory of change: ${graph.goal.text}` : 'Theory of change');
  const nodeProblem = (n: LaidNode) => linesOf(n.node).some((l) => bad.has(l));
  const edgeProblem = (e: LaidEdge) => e.back || (e.edge.kind === 'explicit' && bad.has(e.edge.line)) || (e.edge.rationaleLine !== undefined && bad.has(e.edge.rationaleLine));
  const root = mode === 'standalone' ? ` font-family="${esc(PALETTE.fontFamily)}"` : '';
  let out = `<svg xmlns="http://www.w3.org/2000/svg" class="toc-diagram toc-${mode}" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" role="${mode === 'webview' ? 'group' : 'img'}" aria-labelledby="toc-title"${root}>`;
  out += `<title id="toc-title">${esc(title)}</title>`;
  out += markers(mode);
  if (mode === 'standalone') out += `<rect class="toc-background" width="100%" height="100%" fill="${PALETTE.background}"/>`;
  out += `<g class="toc-edges">${layout.edges.map((e) => edgeSvg(e, mode, edgeProblem(e))).join('')}</g>`;
  const upstream = new Set(layout.edges.map((e) => e.edge.to));
  out += `<g class="toc-nodes">${layout.nodes.map((n) => nodeSvg(n, mode, nodeProblem(n), n.id === options.highlight, upstream.has(n.id) && n.node.kind !== 'intervention')).join('')}</g>`;
  return out + '</svg>';
}

/** Graph → layout → SVG in one call. */
export function renderTocSvg(graph: TocGraph, options: SvgOptions = {}): { svg: string; layout: TocLayout } {
  const layout = layoutToc(graph, options);
  return { svg: layoutSvg(layout, graph, options), layout };
}

/** A standalone SVG file (XML declaration, light palette, presentation attributes). */
export function standaloneSvg(graph: TocGraph, options: Omit<SvgOptions, 'mode'> = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${renderTocSvg(graph, { ...options, mode: 'standalone' }).svg}\n`;
}

/** Above this many boxes a diagram gets hard to read (the theory-of-change framework page, DoView's "slices"). */
export const LARGE_DIAGRAM = 25;

/** The notice shown above large diagrams, or undefined. */
export function sizeNotice(graph: Pick<TocGraph, 'nodes'>): string | undefined {
  const n = graph.nodes.length;
  return n > LARGE_DIAGRAM ? `${n} boxes: diagrams above about ${LARGE_DIAGRAM} boxes get hard to read. Collapse pathways you are not working on, or split the theory into linked sub-diagrams.` : undefined;
}
