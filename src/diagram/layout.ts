/**
 * Theory-of-change graph → positioned boxes and arrows (layered, bottom to top: interventions at
 * the base, outcome layers above, the goal at the top). Layout by @dagrejs/dagre (synchronous,
 * pure JavaScript, ~50 KB; runs in the web worker): see bench/toc.ts for the comparison with elkjs.
 */
import dagre from '@dagrejs/dagre';
import { backEdges, type TocEdge, type TocGraph, type TocNode } from '../documents/toc';
import { wrapText } from './text';

export interface Point {
  x: number;
  y: number;
}

/** Font sizes and spacing of a box (px); the SVG uses the same numbers. */
export const METRICS = {
  titleSize: 13,
  titleLine: 17,
  smallSize: 11,
  smallLine: 14,
  kindSize: 10,
  kindLine: 14,
  padding: 10,
  width: 210,
  goalWidth: 300,
  titleLines: 6,
  attachmentLines: 2,
  attachmentsShown: 3,
  nodeSep: 28,
  rankSep: 48,
  margin: 16,
} as const;

/** A box: its node, measured text and size (position comes from the layout). */
export interface BoxSpec {
  id: string;
  node: TocNode;
  width: number;
  height: number;
  /** "Outcome · o2" */
  kindLabel: string;
  title: string[];
  /** Wrapped attachment lines, with the kind of each block. */
  attachments: { kind: 'indicator' | 'assumption' | 'more'; lines: string[]; line: number }[];
  /** Number of nodes hidden behind this one (collapsed pathway). */
  hidden: number;
}

export interface LaidNode extends BoxSpec {
  /** Top-left corner. */
  x: number;
  y: number;
}

export interface LaidEdge {
  edge: TocEdge;
  points: Point[];
  /** Closes a cycle: drawn, marked, left out of the layering. */
  back: boolean;
}

export interface TocLayout {
  width: number;
  height: number;
  nodes: LaidNode[];
  edges: LaidEdge[];
}

const KIND_LABEL: Record<TocNode['kind'], string> = { goal: 'Long-term goal', outcome: 'Outcome', output: 'Output', intervention: 'Intervention' };

/** Measures one node's box. */
export function measureNode(node: TocNode, hidden = 0): BoxSpec {
  const m = METRICS;
  const width = node.kind === 'goal' ? m.goalWidth : m.width;
  // 0.9: the estimate is for a typical UI font; wider fonts (DejaVu Sans) still fit.
  const inner = (width - 2 * m.padding) * 0.9;
  // The goal's title is bold (about 10% wider).
  const title = wrapText(node.text || '(no text)', inner / m.titleSize / (node.kind === 'goal' ? 1.12 : 1), m.titleLines);
  const attachments: BoxSpec['attachments'] = [];
  const add = (kind: 'indicator' | 'assumption', label: string, list: { text: string; line: number }[]) => {
    for (const a of list.slice(0, m.attachmentsShown)) attachments.push({ kind, lines: wrapText(`${label}: ${a.text}`, inner / m.smallSize, m.attachmentLines), line: a.line });
    if (list.length > m.attachmentsShown) attachments.push({ kind: 'more', lines: [`+${list.length - m.attachmentsShown} more ${label.toLowerCase()}s`], line: list[m.attachmentsShown].line });
  };
  add('indicator', 'Indicator', node.indicators);
  add('assumption', 'Assumption', node.assumptions);
  const attachmentLines = attachments.reduce((n, a) => n + a.lines.length, 0);
  let height = m.padding + m.kindLine + title.length * m.titleLine + m.padding / 2;
  if (attachments.length) height += m.padding / 2 + attachmentLines * m.smallLine + (attachments.length - 1) * 3 + m.padding / 2;
  if (hidden) height += m.smallLine;
  const kindLabel = node.kind === 'goal' ? KIND_LABEL.goal : `${KIND_LABEL[node.kind]} · ${node.id}`;
  return { id: node.id, node, width, height: Math.ceil(height), kindLabel, title, attachments, hidden };
}

/**
 * The graph with collapsed pathways left out: a collapsed node stays, the nodes that lead to the
 * goal only through it are hidden. Returns the visible graph and, per collapsed node, how many
 * nodes it hides. Linear in nodes + edges.
 */
export function collapseGraph(graph: TocGraph, collapsed: Iterable<string>): { graph: TocGraph; hidden: Map<string, number> } {
  const folded = new Set(collapsed);
  const hidden = new Map<string, number>();
  if (!folded.size) return { graph, hidden };
  const incoming = new Map<string, string[]>();
  for (const e of graph.edges) (incoming.get(e.to) ?? incoming.set(e.to, []).get(e.to)!).push(e.from);
  // Visible: reaches a sink (the goal, or a node that leads nowhere) without passing a folded node.
  const outgoing = new Set(graph.edges.map((e) => e.from));
  const sinks = graph.nodes.filter((n) => !outgoing.has(n.id)).map((n) => n.id);
  const visible = new Set<string>(sinks);
  const queue = [...sinks];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i];
    if (folded.has(v)) continue;
    for (const u of incoming.get(v) ?? []) {
      if (!visible.has(u)) {
        visible.add(u);
        queue.push(u);
      }
    }
  }
  // Nodes upstream of a folded node that are not otherwise visible are hidden; count per fold.
  for (const f of folded) {
    if (!visible.has(f)) continue;
    const seen = new Set<string>();
    const stack = [...(incoming.get(f) ?? [])];
    while (stack.length) {
      const u = stack.pop()!;
      if (seen.has(u) || visible.has(u)) continue;
      seen.add(u);
      stack.push(...(incoming.get(u) ?? []));
    }
    hidden.set(f, seen.size);
  }
  const all = new Set(graph.nodes.map((n) => n.id));
  const keep = (id: string) => visible.has(id) || !all.has(id);
  const nodes = graph.nodes.filter((n) => keep(n.id));
  return { graph: { ...graph, nodes, edges: graph.edges.filter((e) => keep(e.from) && keep(e.to)) }, hidden };
}

export interface LayoutOptions {
  /** Ids of nodes whose pathways are collapsed. */
  collapsed?: Iterable<string>;
  /**
   * Let dagre reorder each layer to reduce crossings (its barycenter sweeps). Off by default: the
   * nesting order of the document is kept (left to right as written, which is crossing-free for
   * the nested pathway) and layout takes about half the time; see npm run bench.
   */
  reorder?: boolean;
}

/**
 * Lays out the graph with dagre: layers are the model's levels (goal 0 at the top, interventions on
 * one base row), order within a layer follows the document unless `reorder`, arrows are routed
 * around boxes by dagre (long links bend through the layers they cross).
 */
export function layoutToc(full: TocGraph, options: LayoutOptions = {}): TocLayout {
  const { graph, hidden } = collapseGraph(full, options.collapsed ?? []);
  const m = METRICS;
  const specs = new Map(graph.nodes.map((n) => [n.id, measureNode(n, hidden.get(n.id) ?? 0)]));
  if (!specs.size) return { width: 2 * m.margin, height: 2 * m.margin, nodes: [], edges: [] };
  const back = backEdges(graph);
  const levels = layers(graph, back);
  const g = new dagre.graphlib.Graph();
  // Top to bottom with edges reversed (goal → precondition → intervention): dagre's initial order
  // is then a depth-first walk from the goal in document order.
  g.setGraph({
    rankdir: 'TB',
    nodesep: m.nodeSep,
    ranksep: m.rankSep,
    edgesep: 14,
    marginx: m.margin,
    marginy: m.margin,
    ranker: ((lg: { nodes(): string[]; node(v: string): unknown }) => {
      // dagre doubles every edge's minimum length (room for edge labels), so ranks are doubled too.
      for (const v of lg.nodes()) (lg.node(v) as { rank?: number }).rank = 2 * (levels.get(v) ?? 0);
    }) as unknown as 'longest-path',
  });
  g.setDefaultEdgeLabel(() => ({}));
  for (const s of specs.values()) g.setNode(s.id, { width: s.width, height: s.height });
  const laidEdges = graph.edges.filter((e) => specs.has(e.from) && specs.has(e.to));
  for (const e of laidEdges) if (!back.has(e)) g.setEdge(e.to, e.from, { weight: e.kind === 'precondition' ? 2 : 1, minlen: Math.max(1, (levels.get(e.from) ?? 1) - (levels.get(e.to) ?? 0)) });
  dagre.layout(g, options.reorder ? {} : { customOrder: documentOrder as never });

  const nodes: LaidNode[] = [];
  for (const s of specs.values()) {
    const p = g.node(s.id) as { x: number; y: number };
    nodes.push({ ...s, x: p.x - s.width / 2, y: p.y - s.height / 2 });
  }
  // Boxes of one layer share their top edge (dagre centres them), so rows read as rows.
  const rowTop = new Map<number, number>();
  for (const n of nodes) {
    const l = levels.get(n.id) ?? 0;
    rowTop.set(l, Math.min(rowTop.get(l) ?? Infinity, n.y));
  }
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const shifted = new Set<string>();
  for (const n of nodes) {
    const top = rowTop.get(levels.get(n.id) ?? 0)!;
    if (n.y !== top) shifted.add(n.id);
    n.y = top;
  }
  const edges: LaidEdge[] = laidEdges.map((e) => {
    const from = byId.get(e.from)!;
    const to = byId.get(e.to)!;
    const isBack = back.has(e);
    if (isBack) return { edge: e, points: route(from, to, true), back: true };
    // dagre's points run from the target (above) to the source (below): reverse them, and attach
    // the ends to the boxes' top and bottom edges.
    const pts = [...((g.edge(e.to, e.from) as { points?: Point[] } | undefined)?.points ?? [])].reverse();
    if (pts.length < 2) return { edge: e, points: route(from, to, false), back: false };
    pts[0] = { x: pts[0].x, y: from.y };
    pts[pts.length - 1] = { x: pts[pts.length - 1].x, y: to.y + to.height };
    if (shifted.has(e.from) || shifted.has(e.to)) {
      pts[0].x = Math.min(Math.max(pts[0].x, from.x + 8), from.x + from.width - 8);
    }
    return { edge: e, points: pts, back: false };
  });
  // Normalise: everything inside [margin, width - margin].
  const minX = Math.min(...nodes.map((n) => n.x), ...edges.flatMap((e) => e.points.map((p) => p.x)));
  const minY = Math.min(...nodes.map((n) => n.y), ...edges.flatMap((e) => e.points.map((p) => p.y)));
  const dx = m.margin - minX;
  const dy = m.margin - minY;
  for (const n of nodes) {
    n.x = Math.round(n.x + dx);
    n.y = Math.round(n.y + dy);
  }
  for (const e of edges) e.points = e.points.map((p) => ({ x: Math.round((p.x + dx) * 10) / 10, y: Math.round((p.y + dy) * 10) / 10 }));
  const width = Math.ceil(Math.max(...nodes.map((n) => n.x + n.width), ...edges.flatMap((e) => e.points.map((p) => p.x))) + m.margin);
  const height = Math.ceil(Math.max(...nodes.map((n) => n.y + n.height), ...edges.flatMap((e) => e.points.map((p) => p.y))) + m.margin);
  // Document order for nodes (keyboard navigation and tests read it).
  const order = new Map(graph.nodes.map((n, i) => [n.id, i]));
  nodes.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return { width, height, nodes, edges };
}

export interface OrderGraph {
  nodes(): string[];
  node(v: string): { rank?: number; order?: number };
  successors(v: string): string[] | undefined;
  children(v: string): string[] | undefined;
}

/**
 * dagre's initial order (a depth-first walk from the top layer, successors in insertion order:
 * the document's nesting order, dummy nodes of long arrows included), without its crossing-
 * reduction sweeps or the per-layer graphs they need. Iterative, linear.
 */
export function documentOrder(g: OrderGraph): void {
  const simple = g.nodes().filter((v) => !(g.children(v)?.length));
  const layers = new Map<number, number>();
  const visited = new Set<string>();
  const starts = simple.map((v, i) => ({ v, i, rank: g.node(v).rank ?? 0 })).sort((a, b) => a.rank - b.rank || a.i - b.i);
  for (const { v: start } of starts) {
    if (visited.has(start)) continue;
    const stack = [start];
    while (stack.length) {
      const v = stack.pop()!;
      if (visited.has(v)) continue;
      visited.add(v);
      const label = g.node(v);
      const rank = label.rank ?? 0;
      label.order = layers.get(rank) ?? 0;
      layers.set(rank, label.order + 1);
      const next = g.successors(v) ?? [];
      for (let i = next.length - 1; i >= 0; i--) if (!visited.has(next[i])) stack.push(next[i]);
    }
  }
}

/**
 * Layers of the visible graph: the goal (and anything that leads nowhere) 0, every other node one
 * below the deepest node it leads to, interventions one below the deepest outcome. Recomputed here
 * because collapsing changes the graph; the same rule as the model's `level`.
 */
export function layers(graph: TocGraph, back: Set<TocEdge>): Map<string, number> {
  const level = new Map<string, number>();
  const out = new Map<string, string[]>();
  const indeg = new Map<string, number>();
  const kind = new Map(graph.nodes.map((n) => [n.id, n.kind]));
  for (const e of graph.edges) {
    if (back.has(e) || kind.get(e.from) === 'intervention' || !kind.has(e.from) || !kind.has(e.to)) continue;
    (out.get(e.to) ?? out.set(e.to, []).get(e.to)!).push(e.from);
    indeg.set(e.from, (indeg.get(e.from) ?? 0) + 1);
  }
  // Kahn from the sinks (nodes that lead nowhere), downwards: level(child) = max(level(target) + 1).
  const pathway = graph.nodes.filter((n) => n.kind !== 'intervention');
  const queue = pathway.filter((n) => !indeg.has(n.id)).map((n) => n.id);
  for (const id of queue) level.set(id, kind.get(id) === 'goal' ? 0 : 1);
  if (!graph.nodes.some((n) => n.kind === 'goal')) for (const id of queue) level.set(id, 0);
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i];
    for (const u of out.get(v) ?? []) {
      level.set(u, Math.max(level.get(u) ?? 0, level.get(v)! + 1));
      const left = indeg.get(u)! - 1;
      indeg.set(u, left);
      if (left === 0) queue.push(u);
    }
  }
  let deepest = 0;
  for (const n of pathway) deepest = Math.max(deepest, level.get(n.id) ?? 0);
  for (const n of graph.nodes) if (n.kind === 'intervention') level.set(n.id, deepest + 1);
  return level;
}

/** An arrow from the top of `from` to the bottom of `to` (or, for a back edge, around the side). */
function route(from: LaidNode, to: LaidNode, back: boolean): Point[] {
  const start = { x: from.x + from.width / 2, y: from.y };
  if (back) {
    // Against the flow: from the bottom of the box above to the top of the box below when the
    // target is lower; otherwise around the right-hand side, entering the target from its side.
    if (to.y >= from.y + from.height) {
      const a = { x: from.x + from.width / 2, y: from.y + from.height };
      const b = { x: to.x + to.width / 2, y: to.y };
      const mid = (a.y + b.y) / 2;
      return [a, { x: a.x, y: mid }, { x: b.x, y: mid }, b];
    }
    const side = Math.max(to.x + to.width, from.x + from.width) + 16;
    return [
      { x: from.x + from.width, y: from.y + from.height / 2 },
      { x: side, y: (from.y + from.height / 2 + to.y + to.height / 2) / 2 },
      { x: to.x + to.width, y: to.y + to.height / 2 },
    ];
  }
  const end = { x: to.x + to.width / 2, y: to.y + to.height };
  const midY = (start.y + end.y) / 2;
  return [start, { x: start.x, y: midY }, { x: end.x, y: midY }, end];
}
