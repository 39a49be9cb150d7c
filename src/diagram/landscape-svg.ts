/**
 * Landscape map layouts → SVG, with the conventions of the theory-of-change diagram (./svg.ts):
 * `webview` mode has CSS classes only (themed by media/landscape-map.css, actor states by
 * diagram-view.css, with --vscode-* variables; the CSP forbids inline styles) and focusable actors with data-id/data-line;
 * `standalone` mode adds presentation attributes in a light palette, so the file looks the same
 * in a browser, on GitHub or rasterised to PNG. Every user text is escaped.
 */
import { esc } from '../core/html';
import { ACTOR_TYPE_LABEL, type Actor, type ActorType, type LandscapeMap } from '../documents/landscape';
import { layoutGrid, layoutNetwork, MAP_METRICS, QUADRANTS, type GridChip, type GridLayout, type LegendItem, type NetEdge, type NetNode, type NetworkLayout } from './landscape';
import { attrs, PALETTE, textLines, type SvgMode } from './svg';
import { textWidthEm } from './text';

export type MapView = 'grid' | 'network';
export const MAP_VIEWS: readonly MapView[] = ['grid', 'network'];

export interface MapSvgOptions {
  mode?: SvgMode;
  /** 0-based lines with problems (parser and checks): their actors and relations are marked. */
  problemLines?: Iterable<number>;
  /** Id of the actor to highlight (the cursor's row). */
  highlight?: string;
  /** Accessible title of the picture. */
  title?: string;
}

/** The standalone palette per actor type (light); the webview CSS uses --vscode-charts-* instead. */
export const TYPE_PALETTE: Readonly<Record<ActorType | 'unknown', { fill: string; stroke: string }>> = {
  government: { fill: '#ddf4ff', stroke: '#0969da' },
  multilateral: { fill: '#fbefff', stroke: '#8250df' },
  business: { fill: '#fff1e5', stroke: '#bc4c00' },
  'civil-society': { fill: '#dafbe1', stroke: '#1a7f37' },
  community: { fill: '#ffebe9', stroke: '#cf222e' },
  philanthropy: { fill: '#fff8c5', stroke: '#9a6700' },
  research: { fill: '#e0f5f5', stroke: '#1b7c83' },
  unknown: { fill: '#f6f8fa', stroke: '#59636e' },
};

const QUADRANT_FILL: Readonly<Record<string, string>> = {
  'manage-closely': '#f3f0ff',
  'keep-satisfied': '#f6f8fa',
  'keep-informed': '#f1f8ff',
  monitor: '#fbfbfb',
};

const STANCE_GLYPH: Readonly<Record<string, string>> = { ally: '+', neutral: '=', opponent: '−', unknown: '?' };

const typeKey = (a?: Actor): ActorType | 'unknown' => a?.type ?? 'unknown';

function actorLabel(a: Actor, extra: string[]): string {
  const parts = [a.type ? ACTOR_TYPE_LABEL[a.type].toLowerCase() : 'type not given', a.power ? `power ${a.power}` : 'power not given', a.interest ? `interest ${a.interest}` : 'interest not given', a.stance ?? 'stance not given'];
  if (a.roles.length) parts.push(a.roles.map((r) => (r.kind === 'founding-party' ? 'founding party' : `board constituency${r.label ? ` (${r.label})` : ''}`)).join(', '));
  else if (a.role) parts.push(`role: ${a.role}`);
  return `${a.name}: ${[...parts, ...extra].join('; ')}`;
}

function badge(mode: SvgMode, x: number, y: number): string {
  return `<g class="lm-badge"><circle ${attrs(mode, 'lm-badge-dot', { fill: PALETTE.problem })} cx="${x}" cy="${y}" r="7"/><text ${attrs(mode, 'lm-badge-text', { fill: '#ffffff', 'font-size': 10, 'font-weight': '700' })} x="${x}" y="${y + 3.5}" text-anchor="middle">!</text></g>`;
}

function star(mode: SvgMode, x: number, y: number): string {
  return `<text ${attrs(mode, 'lm-star', { fill: PALETTE.muted, 'font-size': 11 })} x="${x}" y="${y}" text-anchor="end"><title>Founding party or board constituency</title>★</text>`;
}

interface ActorMarks {
  problem: boolean;
  current: boolean;
}

function actorOpen(mode: SvgMode, a: Actor, cls: string, marks: ActorMarks, extraLabel: string[], dataset: string): string {
  const type = typeKey(a);
  const classes = `lm-actor ${cls} lm-type-${type} lm-stance-${a.stance ?? 'unknown'}${a.decides ? ' lm-decides' : ''}${marks.problem ? ' lm-problem' : ''}${marks.current ? ' lm-current' : ''}`;
  const label = actorLabel(a, [...extraLabel, ...(marks.problem ? ['has problems'] : [])]);
  const interactive = mode === 'webview' ? ` tabindex="-1" role="button"` : '';
  return `<g class="${classes}" data-id="${esc(a.id)}" data-line="${a.line}"${dataset}${interactive}><title>${esc(label)}</title>`;
}

function chipSvg(mode: SvgMode, c: GridChip, marks: ActorMarks): string {
  const m = MAP_METRICS;
  const a = c.actor;
  const colors = TYPE_PALETTE[typeKey(a)];
  const dataset = `${c.quadrant ? ` data-quadrant="${c.quadrant}"` : ''} data-power="${a.power ?? ''}" data-interest="${a.interest ?? ''}" data-x="${c.x}" data-y="${c.y}"`;
  let out = actorOpen(mode, a, 'lm-chip', marks, c.quadrant ? [QUADRANTS[c.quadrant].label.toLowerCase()] : ['not on the grid'], dataset);
  out += `<rect ${attrs(mode, 'lm-box', { fill: colors.fill, stroke: marks.problem ? PALETTE.problem : colors.stroke, 'stroke-width': marks.problem ? 2 : 1.2 })} x="${c.x}" y="${c.y}" width="${c.width}" height="${c.height}" rx="4"/>`;
  const gx = c.x + m.chipPad + 6;
  const gy = c.y + m.chipPad + m.line / 2;
  out += `<circle ${attrs(mode, 'lm-glyph-dot', { fill: '#ffffff', stroke: colors.stroke, 'stroke-width': 1 })} cx="${gx}" cy="${gy}" r="6"/>`;
  out += `<text ${attrs(mode, 'lm-glyph', { fill: colors.stroke, 'font-size': 11, 'font-weight': '700' })} x="${gx}" y="${gy + 4}" text-anchor="middle">${esc(STANCE_GLYPH[a.stance ?? 'unknown'])}</text>`;
  out += textLines(mode, 'lm-name', c.lines, c.x + m.chipPad + m.glyph, c.y + m.chipPad + m.font - 1, m.line, { fill: PALETTE.text, 'font-size': m.font });
  if (a.decides) out += star(mode, c.x + c.width - 4, c.y + m.chipPad + m.font - 1);
  if (marks.problem) out += badge(mode, c.x + c.width - 2, c.y + 2);
  return out + '</g>';
}

function legendSvg(mode: SvgMode, items: LegendItem[], keyY: number, x0: number): string {
  const f = MAP_METRICS.smallFont;
  let out = '<g class="lm-legend">';
  for (const l of items) {
    const colors = TYPE_PALETTE[l.type];
    out += `<g class="lm-legend-item lm-type-${l.type}${l.count ? '' : ' lm-legend-empty'}"><rect ${attrs(mode, 'lm-box', { fill: colors.fill, stroke: colors.stroke, 'stroke-width': 1.2 })} x="${l.x}" y="${l.y - 10}" width="12" height="12" rx="2"/><text ${attrs(mode, 'lm-legend-text', { fill: l.count ? PALETTE.text : PALETTE.muted, 'font-size': f })} x="${l.x + 17}" y="${l.y}">${esc(l.label)}</text></g>`;
  }
  // The key: stance glyphs as on the chips, the role star and the problem badge.
  let x = x0;
  const text = (t: string) => {
    out += `<text ${attrs(mode, 'lm-key', { fill: PALETTE.muted, 'font-size': f })} x="${x}" y="${keyY}">${esc(t)}</text>`;
    x += textWidthEm(t) * f * 1.15 + 8;
  };
  text('Stance:');
  for (const [stance, label] of [['ally', 'ally'], ['neutral', 'neutral'], ['opponent', 'opponent']] as const) {
    out += `<g class="lm-key-glyph lm-stance-${stance}"><circle ${attrs(mode, 'lm-glyph-dot', { fill: '#ffffff', stroke: PALETTE.muted, 'stroke-width': 1 })} cx="${x + 6}" cy="${keyY - 4}" r="6"/><text ${attrs(mode, 'lm-glyph', { fill: PALETTE.muted, 'font-size': 11, 'font-weight': '700' })} x="${x + 6}" y="${keyY}" text-anchor="middle">${esc(STANCE_GLYPH[stance])}</text></g>`;
    x += 16;
    text(label);
  }
  x += 12;
  out += `<text ${attrs(mode, 'lm-key lm-star', { fill: PALETTE.muted, 'font-size': f })} x="${x}" y="${keyY}">★</text>`;
  x += 14;
  text('founding party or board constituency');
  x += 12;
  out += badge(mode, x + 7, keyY - 4);
  x += 18;
  text('has a problem');
  return out + '</g>';
}

function svgOpen(mode: SvgMode, view: MapView, width: number, height: number, title: string): string {
  const root = mode === 'standalone' ? ` font-family="${esc(PALETTE.fontFamily)}"` : '';
  // In the webview the actors are buttons, so the picture is a group, not an image.
  let out = `<svg xmlns="http://www.w3.org/2000/svg" class="lm-diagram lm-${view} lm-${mode}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="${mode === 'webview' ? 'group' : 'img'}" aria-labelledby="lm-${view}-title"${root}>`;
  out += `<title id="lm-${view}-title">${esc(title)}</title>`;
  if (mode === 'standalone') out += `<rect class="lm-background" width="100%" height="100%" fill="${PALETTE.background}"/>`;
  return out;
}

function markSets(options: MapSvgOptions) {
  const bad = new Set(options.problemLines ?? []);
  return { bad, marks: (a: Actor): ActorMarks => ({ problem: bad.has(a.line), current: a.id === options.highlight }) };
}

/** SVG of the power–interest grid. */
export function gridSvg(layout: GridLayout, map: Pick<LandscapeMap, 'actors' | 'hub'>, options: MapSvgOptions = {}): string {
  const mode = options.mode ?? 'webview';
  const m = MAP_METRICS;
  const { marks } = markSets(options);
  let out = svgOpen(mode, 'grid', layout.width, layout.height, options.title ?? `Power–interest grid${map.hub ? `: ${map.hub}` : ''} (${map.actors.length} actors)`);
  out += '<g class="lm-quadrants">';
  for (const q of layout.quadrants) {
    out += `<g class="lm-quadrant lm-q-${q.id}"><rect ${attrs(mode, 'lm-quadrant-box', { fill: QUADRANT_FILL[q.id], stroke: PALETTE.muted, 'stroke-width': 1 })} x="${q.x}" y="${q.y}" width="${q.width}" height="${q.height}"/>`;
    out += `<text ${attrs(mode, 'lm-quadrant-label', { fill: PALETTE.text, 'font-size': m.titleFont, 'font-weight': '600' })} x="${q.x + 8}" y="${q.y + 16}">${esc(`${QUADRANTS[q.id].label} (${q.count})`)}<title>${esc(`${QUADRANTS[q.id].label}: ${QUADRANTS[q.id].hint}`)}</title></text></g>`;
  }
  out += '</g>';
  // Band boundaries inside each half, and the axes.
  const { plot, rows, columns } = layout;
  out += '<g class="lm-axes">';
  const between = `x1="${columns[2].x}" x2="${columns[2].x}" y1="${plot.y}" y2="${plot.y + plot.height}"`;
  const betweenRows = `x1="${plot.x}" x2="${plot.x + plot.width}" y1="${rows[1].y}" y2="${rows[1].y}"`;
  out += `<line ${attrs(mode, 'lm-band', { stroke: PALETTE.muted, 'stroke-width': 0.6, 'stroke-dasharray': '3 4' })} ${between}/>`;
  out += `<line ${attrs(mode, 'lm-band', { stroke: PALETTE.muted, 'stroke-width': 0.6, 'stroke-dasharray': '3 4' })} ${betweenRows}/>`;
  for (const r of rows) out += `<text ${attrs(mode, 'lm-tick', { fill: PALETTE.muted, 'font-size': m.smallFont })} x="${plot.x - 8}" y="${r.y + r.height / 2 + 4}" text-anchor="end">${r.level}</text>`;
  for (const c of columns) out += `<text ${attrs(mode, 'lm-tick', { fill: PALETTE.muted, 'font-size': m.smallFont })} x="${c.x + c.width / 2}" y="${plot.y + plot.height + 15}" text-anchor="middle">${c.level}</text>`;
  const py = plot.y + plot.height / 2;
  out += `<text ${attrs(mode, 'lm-axis', { fill: PALETTE.text, 'font-size': m.titleFont, 'font-weight': '600' })} x="${m.margin + 8}" y="${py}" text-anchor="middle" transform="rotate(-90 ${m.margin + 8} ${py})">Power →</text>`;
  out += `<text ${attrs(mode, 'lm-axis', { fill: PALETTE.text, 'font-size': m.titleFont, 'font-weight': '600' })} x="${plot.x + plot.width / 2}" y="${plot.y + plot.height + 32}" text-anchor="middle">Interest →</text>`;
  out += '</g>';
  out += `<g class="lm-actors">${layout.chips.map((c) => chipSvg(mode, c, marks(c.actor))).join('')}</g>`;
  out += legendSvg(mode, layout.legend, layout.keyY, m.margin);
  if (layout.unplaced.length && layout.unplacedTitleY !== undefined) {
    out += `<g class="lm-unplaced"><text ${attrs(mode, 'lm-unplaced-title', { fill: PALETTE.text, 'font-size': m.smallFont, 'font-weight': '600' })} x="${m.margin}" y="${layout.unplacedTitleY}">Not on the grid (power or interest not given yet): ${layout.unplaced.length}</text>`;
    out += `${layout.unplaced.map((c) => chipSvg(mode, c, marks(c.actor))).join('')}</g>`;
  }
  return out + '</svg>';
}

function nodeSvg(mode: SvgMode, n: NetNode, marks: ActorMarks, ghostLine: number | undefined): string {
  const m = MAP_METRICS;
  const x = n.x + m.boxPad;
  let y = n.y + m.boxPad + m.kindFont;
  let out: string;
  const colors = TYPE_PALETTE[typeKey(n.actor)];
  if (n.actor) {
    out = actorOpen(mode, n.actor, 'lm-node', marks, n.isolated ? ['no relations yet'] : [], '');
  } else {
    const label = `${n.name}: named in a relation but not in the actors table`;
    const interactive = mode === 'webview' ? ` tabindex="-1" role="button"` : '';
    out = `<g class="lm-actor lm-node lm-ghost lm-problem" data-id="${esc(n.id)}" data-line="${ghostLine ?? 0}"${interactive}><title>${esc(label)}</title>`;
  }
  out += `<rect ${attrs(mode, 'lm-box', { fill: n.actor ? colors.fill : PALETTE.background, stroke: marks.problem || !n.actor ? PALETTE.problem : colors.stroke, 'stroke-width': marks.problem ? 2 : 1.2, 'stroke-dasharray': n.actor ? undefined : '4 3' })} x="${n.x}" y="${n.y}" width="${n.width}" height="${n.height}" rx="${n.actor?.type === 'community' ? 14 : 4}"/>`;
  out += textLines(mode, 'lm-kind', [n.kindLabel], x, y, m.kindLine, { fill: PALETTE.muted, 'font-size': m.kindFont });
  y += m.kindLine - m.kindFont + m.titleFont;
  out += textLines(mode, 'lm-title', n.title, x, y, m.titleLine, { fill: PALETTE.text, 'font-size': m.titleFont });
  if (n.actor?.decides) out += star(mode, n.x + n.width - 5, n.y + m.boxPad + m.kindFont);
  if (marks.problem || !n.actor) out += badge(mode, n.x + 2, n.y + 2);
  return out + '</g>';
}

const DASHED = new Set(['competes with', 'opposes']);

/**
 * A path through every point (straight segments with rounded corners), so an edge runs through
 * the place dagre kept free for its label.
 */
export function throughPath(points: { x: number; y: number }[]): string {
  const f = (n: number) => String(Math.round(n * 10) / 10);
  if (!points.length) return '';
  let d = `M${f(points[0].x)},${f(points[0].y)}`;
  for (let i = 1; i < points.length; i++) {
    const p = points[i];
    const next = points[i + 1];
    if (!next) {
      d += `L${f(p.x)},${f(p.y)}`;
      break;
    }
    // Round the corner: stop short of it, curve through it, continue.
    const prev = points[i - 1];
    const r = Math.min(10, Math.hypot(p.x - prev.x, p.y - prev.y) / 2, Math.hypot(next.x - p.x, next.y - p.y) / 2);
    const a = toward(p, prev, r);
    const b = toward(p, next, r);
    d += `L${f(a.x)},${f(a.y)}Q${f(p.x)},${f(p.y)} ${f(b.x)},${f(b.y)}`;
  }
  return d;
}

function toward(from: { x: number; y: number }, to: { x: number; y: number }, dist: number): { x: number; y: number } {
  const len = Math.hypot(to.x - from.x, to.y - from.y) || 1;
  return { x: from.x + ((to.x - from.x) * dist) / len, y: from.y + ((to.y - from.y) * dist) / len };
}

function edgeSvg(mode: SvgMode, e: NetEdge, problem: boolean): string {
  const r = e.relation;
  const color = problem ? PALETTE.problem : PALETTE.edge;
  const d = throughPath(e.points);
  const kind = r.kind.replace(/ /g, '-');
  const tip = `${r.from} ${r.label} ${r.to}${r.note ? ` (${r.note})` : ''}`;
  const marker = r.directed ? ` marker-end="url(#${problem ? 'lm-arrow-problem' : 'lm-arrow'})"` : '';
  let out = `<g class="lm-edge lm-edge-${kind}${r.directed ? '' : ' lm-undirected'}${problem ? ' lm-problem' : ''}" data-from="${esc(e.from)}" data-to="${esc(e.to)}" data-line="${r.line}"><title>${esc(tip)}</title>`;
  out += `<path ${attrs(mode, 'lm-edge-line', { fill: 'none', stroke: color, 'stroke-width': r.kind === 'funds' ? 2 : 1.3, 'stroke-dasharray': DASHED.has(r.kind) ? '5 3' : undefined })} d="${d}"${marker}/>`;
  if (mode === 'webview') out += `<path class="lm-edge-hit" d="${d}"/>`;
  const w = e.labelWidth;
  const lx = e.labelAt.x;
  const ly = e.labelAt.y;
  out += `<rect ${attrs(mode, 'lm-edge-label-bg', { fill: PALETTE.background, stroke: 'none' })} x="${Math.round(lx - w / 2)}" y="${Math.round(ly - 8)}" width="${w}" height="15" rx="3"/>`;
  out += `<text ${attrs(mode, 'lm-edge-label', { fill: problem ? PALETTE.problem : PALETTE.muted, 'font-size': MAP_METRICS.smallFont })} x="${lx}" y="${ly + 4}" text-anchor="middle">${esc(e.label)}</text>`;
  return out + '</g>';
}

/** SVG of the ecosystem network. */
export function networkSvg(layout: NetworkLayout, map: Pick<LandscapeMap, 'actors' | 'relations' | 'hub'>, options: MapSvgOptions = {}): string {
  const mode = options.mode ?? 'webview';
  const m = MAP_METRICS;
  const { bad, marks } = markSets(options);
  let out = svgOpen(mode, 'network', layout.width, layout.height, options.title ?? `Ecosystem network${map.hub ? `: ${map.hub}` : ''} (${map.actors.length} actors, ${map.relations.length} relations)`);
  const one = (id: string, color: string, cls: string) =>
    `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path ${attrs(mode, cls, { fill: color })} d="M0,0L10,5L0,10z"/></marker>`;
  out += `<defs>${one('lm-arrow', PALETTE.edge, 'lm-arrowhead')}${one('lm-arrow-problem', PALETTE.problem, 'lm-arrowhead lm-arrowhead-problem')}</defs>`;
  out += `<g class="lm-edges">${layout.edges.map((e) => edgeSvg(mode, e, bad.has(e.relation.line) || !e.relation.fromId || !e.relation.toId)).join('')}</g>`;
  if (layout.isolatedY !== undefined) out += `<text ${attrs(mode, 'lm-unplaced-title', { fill: PALETTE.text, 'font-size': m.smallFont, 'font-weight': '600' })} x="${m.margin}" y="${layout.isolatedY + 12}">No relations yet: ${layout.nodes.filter((n) => n.isolated).length}</text>`;
  const ghostLine = (n: NetNode) => layout.edges.find((e) => e.from === n.id || e.to === n.id)?.relation.line;
  out += `<g class="lm-nodes">${layout.nodes.map((n) => nodeSvg(mode, n, n.actor ? marks(n.actor) : { problem: true, current: false }, n.actor ? undefined : ghostLine(n))).join('')}</g>`;
  const last = layout.legend[layout.legend.length - 1];
  out += legendSvg(mode, layout.legend, (last?.y ?? layout.legendY) + m.legendRow, m.margin);
  return out + '</svg>';
}

/** Parse result → layout → SVG in one call. */
export function renderMapSvg(map: LandscapeMap, view: MapView, options: MapSvgOptions = {}): { svg: string; width: number; height: number } {
  if (view === 'grid') {
    const l = layoutGrid(map);
    return { svg: gridSvg(l, map, options), width: l.width, height: l.height };
  }
  const l = layoutNetwork(map);
  return { svg: networkSvg(l, map, options), width: l.width, height: l.height };
}

/** A standalone SVG file (XML declaration, light palette, presentation attributes). */
export function standaloneMapSvg(map: LandscapeMap, view: MapView, options: Omit<MapSvgOptions, 'mode'> = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${renderMapSvg(map, view, { ...options, mode: 'standalone' }).svg}\n`;
}

/** One line about a map for the page's toolbar and the CLI: "14 actors · 12 relations · 3 initiatives". */
export function mapSummary(map: Pick<LandscapeMap, 'actors' | 'relations' | 'initiatives'>): string {
  const n = (k: number, one: string) => `${k} ${one}${k === 1 ? '' : 's'}`;
  return `${n(map.actors.length, 'actor')} · ${n(map.relations.length, 'relation')} · ${n(map.initiatives.length, 'initiative')}`;
}

/** What the page says when there is nothing to draw yet, or undefined. */
export function mapEmptyMessage(map: Pick<LandscapeMap, 'actors' | 'relations'>): string | undefined {
  return map.actors.length || map.relations.length ? undefined : 'Nothing to draw yet. Add rows to the "Actors" table (name, type, power, interest, stance, what it already does, its role in the hub) and relations such as "- A funds B" under "Relations"; the grid and the network appear as you type.';
}

/** The notice above a large network (laid out along a spanning tree), or undefined. */
export function networkNotice(layout: Pick<NetworkLayout, 'simplified' | 'edges'>): string | undefined {
  if (!layout.simplified) return undefined;
  const extra = layout.edges.filter((e) => e.extra).length;
  return `A large network: it is laid out along a spanning tree, and the other ${extra} relation${extra === 1 ? ' is' : 's are'} drawn as curves on top. Maps above about 50 connected actors get hard to read; consider one map per district or theme.`;
}
