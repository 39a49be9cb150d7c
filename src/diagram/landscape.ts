/**
 * Landscape map → positioned pictures: the power–interest grid (Mendelow's four strategies) and the
 * ecosystem network (actors as boxes, relations as labelled arrows, laid out by @dagrejs/dagre like
 * the theory-of-change diagram). Pure and synchronous; the SVG is in ./landscape-svg.ts.
 *
 * The grid has three bands per axis (low, medium, high). Mendelow's grid has two halves, so
 * medium counts on the high side ("when in doubt, engage more"): medium power sits in the upper
 * half, medium interest in the right half, next to the dividing line.
 */
import dagre from '@dagrejs/dagre';
import { ACTOR_TYPE_LABEL, ACTOR_TYPES, type Actor, type ActorType, type LandscapeMap, type Level, type Relation } from '../documents/landscape';
import { documentOrder, type Point } from './layout';
import { textWidthEm, wrapText } from './text';

export type Quadrant = 'manage-closely' | 'keep-satisfied' | 'keep-informed' | 'monitor';

export const QUADRANTS: Readonly<Record<Quadrant, { label: string; hint: string }>> = {
  'keep-satisfied': { label: 'Keep satisfied', hint: 'high power, low interest' },
  'manage-closely': { label: 'Manage closely', hint: 'high power, high interest' },
  monitor: { label: 'Monitor', hint: 'low power, low interest' },
  'keep-informed': { label: 'Keep informed', hint: 'low power, high interest' },
};

/** The strategy for an actor's power and interest (medium counts as high). */
export function quadrantOf(power: Level, interest: Level): Quadrant {
  const top = power !== 'low';
  const right = interest !== 'low';
  return top ? (right ? 'manage-closely' : 'keep-satisfied') : right ? 'keep-informed' : 'monitor';
}

/** Sizes (px); the SVG uses the same numbers. */
export const MAP_METRICS = {
  margin: 16,
  font: 12,
  line: 15,
  smallFont: 11,
  titleFont: 13,
  titleLine: 17,
  kindFont: 10,
  kindLine: 14,
  // grid
  column: 206,
  chipPad: 6,
  chipGap: 6,
  chipLines: 2,
  cellPad: 8,
  rowMin: 64,
  quadrantLabel: 22,
  axisLeft: 80,
  axisBottom: 58,
  legendRow: 20,
  glyph: 16,
  // network
  boxWidth: 176,
  boxPad: 9,
  boxLines: 3,
  nodeSep: 34,
  rankSep: 56,
} as const;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface GridChip extends Rect {
  actor: Actor;
  quadrant?: Quadrant;
  lines: string[];
}

export interface LegendItem {
  type: ActorType;
  label: string;
  x: number;
  y: number;
  count: number;
}

export interface GridLayout {
  width: number;
  height: number;
  plot: Rect;
  /** Column and row bands: interest low → high (left to right), power high → low (top to bottom). */
  columns: { level: Level; x: number; width: number }[];
  rows: { level: Level; y: number; height: number }[];
  quadrants: ({ id: Quadrant; count: number } & Rect)[];
  chips: GridChip[];
  /** Actors without a power or interest level: shown below the grid. */
  unplaced: GridChip[];
  unplacedTitleY?: number;
  legend: LegendItem[];
  legendY: number;
  /** Where the stance and role key starts (x, y). */
  keyY: number;
}

const INTEREST: Level[] = ['low', 'medium', 'high'];
const POWER: Level[] = ['high', 'medium', 'low'];

function chipLines(actor: Actor): string[] {
  const m = MAP_METRICS;
  const inner = m.column - 2 * m.cellPad - 2 * m.chipPad - m.glyph - (actor.decides ? 12 : 0);
  // 0.92: the estimate is for a typical UI font; wider fonts still fit.
  return wrapText(actor.name, (inner * 0.92) / m.font, m.chipLines);
}

function chipHeight(lines: number): number {
  const m = MAP_METRICS;
  return 2 * m.chipPad + lines * m.line;
}

/** Lays the actors out on the power–interest grid; every actor appears once (on the grid or below it). */
export function layoutGrid(map: Pick<LandscapeMap, 'actors'>): GridLayout {
  const m = MAP_METRICS;
  const x0 = m.margin + m.axisLeft;
  const y0 = m.margin;
  const cellOf = new Map<string, Actor[]>();
  const unplacedActors: Actor[] = [];
  for (const a of map.actors) {
    if (!a.power || !a.interest) {
      unplacedActors.push(a);
      continue;
    }
    const k = `${a.power}/${a.interest}`;
    (cellOf.get(k) ?? cellOf.set(k, []).get(k)!).push(a);
  }
  const measured = new Map<Actor, string[]>(map.actors.map((a) => [a, chipLines(a)]));
  const stackHeight = (list: Actor[]) => list.reduce((h, a) => h + chipHeight(measured.get(a)!.length), 0) + Math.max(0, list.length - 1) * m.chipGap;
  const columns = INTEREST.map((level, i) => ({ level, x: x0 + i * m.column, width: m.column }));
  const rows: GridLayout['rows'] = [];
  let y = y0;
  for (const power of POWER) {
    // The first row of each half carries the quadrant labels.
    const label = power === 'high' || power === 'low' ? m.quadrantLabel : 0;
    const content = Math.max(...INTEREST.map((interest) => stackHeight(cellOf.get(`${power}/${interest}`) ?? [])));
    const height = Math.max(m.rowMin, label + 2 * m.cellPad + content);
    rows.push({ level: power, y, height });
    y += height;
  }
  const plot = { x: x0, y: y0, width: 3 * m.column, height: y - y0 };
  const chips: GridChip[] = [];
  for (const row of rows) {
    const label = row.level === 'high' || row.level === 'low' ? m.quadrantLabel : 0;
    for (const col of columns) {
      let cy = row.y + label + m.cellPad;
      for (const actor of cellOf.get(`${row.level}/${col.level}`) ?? []) {
        const lines = measured.get(actor)!;
        const h = chipHeight(lines.length);
        chips.push({ actor, quadrant: quadrantOf(row.level, col.level), lines, x: col.x + m.cellPad, y: cy, width: col.width - 2 * m.cellPad, height: h });
        cy += h + m.chipGap;
      }
    }
  }
  const top = rows[0].height + rows[1].height;
  const count = (q: Quadrant) => chips.filter((c) => c.quadrant === q).length;
  const quadrants: GridLayout['quadrants'] = [
    { id: 'keep-satisfied', x: x0, y: y0, width: m.column, height: top, count: count('keep-satisfied') },
    { id: 'manage-closely', x: x0 + m.column, y: y0, width: 2 * m.column, height: top, count: count('manage-closely') },
    { id: 'monitor', x: x0, y: y0 + top, width: m.column, height: rows[2].height, count: count('monitor') },
    { id: 'keep-informed', x: x0 + m.column, y: y0 + top, width: 2 * m.column, height: rows[2].height, count: count('keep-informed') },
  ];
  // Below the plot: the interest axis, the legend (types present first), the key, unplaced actors.
  let by = plot.y + plot.height + m.axisBottom;
  const legend: LegendItem[] = [];
  const types = ACTOR_TYPES.map((type) => ({ type, count: map.actors.filter((a) => a.type === type).length }));
  let lx = m.margin;
  const right = x0 + plot.width;
  for (const t of types) {
    const label = `${ACTOR_TYPE_LABEL[t.type]} (${t.count})`;
    const w = 18 + textWidthEm(label) * m.smallFont + 16;
    if (lx + w > right && lx > m.margin) {
      lx = m.margin;
      by += m.legendRow;
    }
    legend.push({ type: t.type, label, x: lx, y: by, count: t.count });
    lx += w;
  }
  const legendY = plot.y + plot.height + m.axisBottom;
  by += m.legendRow;
  const keyY = by;
  by += m.legendRow;
  const unplaced: GridChip[] = [];
  let unplacedTitleY: number | undefined;
  if (unplacedActors.length) {
    by += 6;
    unplacedTitleY = by;
    by += 8;
    let ux = m.margin;
    let rowH = 0;
    const w = m.column - 2 * m.cellPad;
    for (const actor of unplacedActors) {
      const lines = measured.get(actor)!;
      const h = chipHeight(lines.length);
      if (ux + w > right && ux > m.margin) {
        ux = m.margin;
        by += rowH + m.chipGap;
        rowH = 0;
      }
      unplaced.push({ actor, lines, x: ux, y: by, width: w, height: h });
      ux += w + m.chipGap;
      rowH = Math.max(rowH, h);
    }
    by += rowH;
  }
  return { width: Math.ceil(right + m.margin), height: Math.ceil(by + m.margin), plot, columns, rows, quadrants, chips, unplaced, unplacedTitleY, legend, legendY, keyY };
}

// ------------------------------------------------------------------ network

export interface NetNode extends Rect {
  id: string;
  /** Undefined for a name that a relation uses but the actors table lacks. */
  actor?: Actor;
  name: string;
  kindLabel: string;
  title: string[];
  /** Drawn in the "no relations yet" row below the network. */
  isolated: boolean;
}

export interface NetEdge {
  relation: Relation;
  from: string;
  to: string;
  points: Point[];
  label: string;
  /** Centre of the label. */
  labelAt: Point;
  labelWidth: number;
  /** Drawn on top of a large network's spanning tree (not laid out by dagre). */
  extra?: boolean;
}

export interface NetworkLayout {
  width: number;
  height: number;
  nodes: NetNode[];
  edges: NetEdge[];
  /** Top of the "no relations yet" row, when there is one. */
  isolatedY?: number;
  /** Laid out along a spanning tree (a large network; see layoutNetwork). */
  simplified: boolean;
  legend: LegendItem[];
  legendY: number;
}

/** The id of a node for a name that is not in the actors table. */
export function ghostId(name: string): string {
  return `unknown:${name.toLowerCase()}`;
}

function measureBox(id: string, name: string, kindLabel: string, actor: Actor | undefined, isolated: boolean): NetNode {
  const m = MAP_METRICS;
  const inner = (m.boxWidth - 2 * m.boxPad) * 0.92;
  const title = wrapText(name || '(no name)', inner / m.titleFont, m.boxLines);
  const height = Math.ceil(m.boxPad + m.kindLine + title.length * m.titleLine + m.boxPad / 2);
  return { id, actor, name, kindLabel, title, isolated, x: 0, y: 0, width: m.boxWidth, height };
}

function kindLabelOf(a: Actor): string {
  const parts = [a.type ? ACTOR_TYPE_LABEL[a.type] : 'Type?', a.stance ?? 'stance?'];
  return parts.join(' · ');
}

/** The network graph: actors with relations (and names relations use that the table lacks). */
export function networkGraph(map: Pick<LandscapeMap, 'actors' | 'relations'>): { nodes: NetNode[]; edges: { relation: Relation; from: string; to: string }[] } {
  const byId = new Map(map.actors.map((a) => [a.id, a]));
  const nodes = new Map<string, NetNode>();
  const edges: { relation: Relation; from: string; to: string }[] = [];
  const touched = new Set<string>();
  for (const r of map.relations) {
    const from = r.fromId ?? ghostId(r.from);
    const to = r.toId ?? ghostId(r.to);
    if (from === to) continue;
    for (const [id, name] of [[from, r.from], [to, r.to]] as const) {
      touched.add(id);
      if (!byId.has(id) && !nodes.has(id)) nodes.set(id, measureBox(id, name, 'Not in the actors table', undefined, false));
    }
    edges.push({ relation: r, from, to });
  }
  const out: NetNode[] = [];
  for (const a of map.actors) out.push(measureBox(a.id, a.name, kindLabelOf(a), a, !touched.has(a.id)));
  out.push(...nodes.values());
  return { nodes: out, edges };
}

/**
 * Up to this many connected actors (and relations) dagre lays out every relation, with its
 * crossing reduction. Larger networks are laid out along a spanning tree (see layoutNetwork).
 */
export const FULL_NETWORK_LIMIT = { nodes: 50, edges: 75 } as const;

/** Where the line from a box's centre toward a point leaves the box. */
function borderPoint(r: Rect, toward: Point): Point {
  const cx = r.x + r.width / 2;
  const cy = r.y + r.height / 2;
  const dx = toward.x - cx;
  const dy = toward.y - cy;
  if (!dx && !dy) return { x: cx, y: cy };
  const sx = dx ? r.width / 2 / Math.abs(dx) : Infinity;
  const sy = dy ? r.height / 2 / Math.abs(dy) : Infinity;
  const s = Math.min(sx, sy);
  return { x: cx + dx * s, y: cy + dy * s };
}

/**
 * Lays the network out with dagre (top to bottom, labelled edges); isolated actors go in rows
 * below. Small networks (FULL_NETWORK_LIMIT) give dagre every relation. Larger ones give it a
 * spanning tree per connected component (rooted at the actor with most relations; each actor one
 * row below the one through which it was reached), in the tree's depth-first order, as the
 * theory-of-change diagram does with its outline: that is crossing-free and fast. The other
 * relations are then drawn as curves between the boxes (`extra` edges).
 */
export function layoutNetwork(map: Pick<LandscapeMap, 'actors' | 'relations'>): NetworkLayout {
  const m = MAP_METRICS;
  const { nodes, edges } = networkGraph(map);
  const connected = nodes.filter((n) => !n.isolated);
  const laid: NetEdge[] = [];
  let width = 2 * m.margin;
  let height = m.margin;
  const simplified = connected.length > FULL_NETWORK_LIMIT.nodes || edges.length > FULL_NETWORK_LIMIT.edges;
  if (connected.length) {
    const g = new dagre.graphlib.Graph({ multigraph: true });
    const byId = new Map(connected.map((n) => [n.id, n]));
    const labelSize = (e: { relation: Relation }) => ({ width: Math.ceil(textWidthEm(e.relation.label) * m.smallFont + 8), height: m.smallFont + 5 });
    /** Edges dagre lays out: `flip` when the tree runs against the relation's direction. */
    const inDagre: { index: number; v: string; w: string; flip: boolean }[] = [];
    if (!simplified) {
      g.setGraph({ rankdir: 'TB', nodesep: m.nodeSep, ranksep: m.rankSep, edgesep: 12, marginx: m.margin, marginy: m.margin });
      edges.forEach((e, i) => inDagre.push({ index: i, v: e.from, w: e.to, flip: false }));
    } else {
      // A spanning tree per component, breadth first from the actor with most relations.
      const adjacent = new Map<string, { other: string; index: number }[]>();
      edges.forEach((e, i) => {
        (adjacent.get(e.from) ?? adjacent.set(e.from, []).get(e.from)!).push({ other: e.to, index: i });
        (adjacent.get(e.to) ?? adjacent.set(e.to, []).get(e.to)!).push({ other: e.from, index: i });
      });
      const depth = new Map<string, number>();
      const byDegree = connected.map((n, i) => ({ id: n.id, i, degree: adjacent.get(n.id)?.length ?? 0 })).sort((a, b) => b.degree - a.degree || a.i - b.i);
      for (const { id: root } of byDegree) {
        if (depth.has(root)) continue;
        depth.set(root, 0);
        const queue = [root];
        for (let q = 0; q < queue.length; q++) {
          const v = queue[q];
          for (const { other, index } of adjacent.get(v) ?? []) {
            if (depth.has(other)) continue;
            depth.set(other, depth.get(v)! + 1);
            queue.push(other);
            inDagre.push({ index, v, w: other, flip: edges[index].from !== v });
          }
        }
      }
      g.setGraph({
        rankdir: 'TB',
        nodesep: m.nodeSep,
        ranksep: m.rankSep,
        edgesep: 12,
        marginx: m.margin,
        marginy: m.margin,
        // dagre doubles every edge's minimum length (room for labels): ranks are doubled too.
        ranker: ((lg: { nodes(): string[]; node(v: string): unknown }) => {
          for (const v of lg.nodes()) (lg.node(v) as { rank?: number }).rank = 2 * (depth.get(v) ?? 0);
        }) as unknown as 'longest-path',
      });
    }
    g.setDefaultEdgeLabel(() => ({}));
    for (const n of connected) g.setNode(n.id, { width: n.width, height: n.height });
    for (const d of inDagre) g.setEdge(d.v, d.w, { ...labelSize(edges[d.index]), labelpos: 'c', minlen: 1, weight: 1 }, `e${d.index}`);
    // Small networks: dagre's crossing reduction. Trees: their depth-first order (crossing-free).
    dagre.layout(g, simplified ? { customOrder: documentOrder as never } : {});
    for (const n of connected) {
      const p = g.node(n.id) as { x: number; y: number };
      n.x = Math.round(p.x - n.width / 2);
      n.y = Math.round(p.y - n.height / 2);
    }
    const fromDagre = new Map(inDagre.map((d) => [d.index, d]));
    edges.forEach((e, i) => {
      const a = byId.get(e.from)!;
      const b = byId.get(e.to)!;
      const d = fromDagre.get(i);
      const size = labelSize(e);
      if (d) {
        const got = g.edge(d.v, d.w, `e${i}`) as { points?: Point[]; x?: number; y?: number };
        let pts = (got.points ?? []).map((p) => ({ x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 }));
        if (d.flip) pts = pts.reverse();
        const points = pts.length >= 2 ? pts : [borderPoint(a, { x: b.x + b.width / 2, y: b.y + b.height / 2 }), borderPoint(b, { x: a.x + a.width / 2, y: a.y + a.height / 2 })];
        const mid = points[Math.floor(points.length / 2)];
        laid.push({ ...e, points, label: e.relation.label, labelAt: { x: got.x ?? mid.x, y: got.y ?? mid.y }, labelWidth: size.width });
        return;
      }
      // Not in the tree: a curve from box to box, bent sideways so it does not hide a tree edge.
      const ca = { x: a.x + a.width / 2, y: a.y + a.height / 2 };
      const cb = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
      const start = borderPoint(a, cb);
      const end = borderPoint(b, ca);
      const len = Math.hypot(end.x - start.x, end.y - start.y) || 1;
      const bend = Math.min(60, len / 5);
      const mid = { x: (start.x + end.x) / 2 + ((end.y - start.y) / len) * bend, y: (start.y + end.y) / 2 - ((end.x - start.x) / len) * bend };
      laid.push({ ...e, points: [start, mid, end], label: e.relation.label, labelAt: mid, labelWidth: size.width, extra: true });
    });
    // Normalise to the margin.
    const xs = [...connected.map((n) => n.x), ...laid.flatMap((e) => [...e.points.map((p) => p.x), e.labelAt.x - e.labelWidth / 2])];
    const ys = [...connected.map((n) => n.y), ...laid.flatMap((e) => e.points.map((p) => p.y))];
    const dx = m.margin - Math.min(...xs);
    const dy = m.margin - Math.min(...ys);
    for (const n of connected) {
      n.x = Math.round(n.x + dx);
      n.y = Math.round(n.y + dy);
    }
    for (const e of laid) {
      e.points = e.points.map((p) => ({ x: Math.round((p.x + dx) * 10) / 10, y: Math.round((p.y + dy) * 10) / 10 }));
      e.labelAt = { x: Math.round((e.labelAt.x + dx) * 10) / 10, y: Math.round((e.labelAt.y + dy) * 10) / 10 };
    }
    width = Math.max(...connected.map((n) => n.x + n.width), ...laid.flatMap((e) => [...e.points.map((p) => p.x), e.labelAt.x + e.labelWidth / 2])) + m.margin;
    height = Math.max(...connected.map((n) => n.y + n.height), ...laid.flatMap((e) => e.points.map((p) => p.y))) + m.margin;
  }
  // Isolated actors: rows below, as wide as the drawing (at least four boxes).
  const isolated = nodes.filter((n) => n.isolated);
  let isolatedY: number | undefined;
  if (isolated.length) {
    const rowWidth = Math.max(width - 2 * m.margin, 4 * m.boxWidth + 3 * m.nodeSep);
    isolatedY = height + (connected.length ? 12 : 0);
    let x = m.margin;
    let y = isolatedY + 22;
    let rowH = 0;
    for (const n of isolated) {
      if (x + n.width > m.margin + rowWidth && x > m.margin) {
        x = m.margin;
        y += rowH + 16;
        rowH = 0;
      }
      n.x = x;
      n.y = y;
      x += n.width + 16;
      rowH = Math.max(rowH, n.height);
    }
    width = Math.max(width, m.margin + rowWidth + m.margin);
    height = y + rowH + m.margin;
  }
  // Legend below.
  const legendY = height + 6;
  const legend: LegendItem[] = [];
  let lx = m.margin;
  let ly = legendY;
  for (const type of ACTOR_TYPES) {
    const count = map.actors.filter((a) => a.type === type).length;
    const label = `${ACTOR_TYPE_LABEL[type]} (${count})`;
    const w = 18 + textWidthEm(label) * m.smallFont + 16;
    if (lx + w > width - m.margin && lx > m.margin) {
      lx = m.margin;
      ly += m.legendRow;
    }
    legend.push({ type, label, x: lx, y: ly, count });
    lx += w;
  }
  height = ly + m.legendRow + m.legendRow + m.margin;
  // Document order for nodes (keyboard navigation and tests read it).
  return { width: Math.ceil(width), height: Math.ceil(height), nodes, edges: laid, isolatedY, simplified, legend, legendY };
}
