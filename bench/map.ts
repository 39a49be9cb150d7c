/**
 * Landscape map bench (part of npm run bench): parse + grid + network + both SVGs on generated maps
 * of 14, 50 and 200 actors (about 1.5 relations each), target ≤ 100 ms median at 200 actors. Peers
 * on the same network, in the same run: dagre given every relation (what small maps get) and elkjs
 * (layered), to show why a large network is laid out along a spanning tree.
 */
import * as os from 'node:os';
import dagre from '@dagrejs/dagre';
import ELK from 'elkjs/lib/elk.bundled.js';
import { parseLandscape } from '../src/documents/landscape';
import { layoutGrid, layoutNetwork, MAP_METRICS, networkGraph } from '../src/diagram/landscape';
import { gridSvg, networkSvg } from '../src/diagram/landscape-svg';
import { benchMap } from './map-graphs';
import { cpuTime, ms, time, timeAsync } from './timing';


/** dagre with every relation and its crossing reduction: what maps up to FULL_NETWORK_LIMIT get. */
function dagreFull(text: string): void {
  const map = parseLandscape(text);
  const { nodes, edges } = networkGraph(map);
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: MAP_METRICS.nodeSep, ranksep: MAP_METRICS.rankSep });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) if (!n.isolated) g.setNode(n.id, { width: n.width, height: n.height });
  edges.forEach((e, i) => g.setEdge(e.from, e.to, { width: 50, height: 16, labelpos: 'c' }, `e${i}`));
  dagre.layout(g);
}

const elk = new ELK();
async function elkLayered(text: string): Promise<void> {
  const map = parseLandscape(text);
  const { nodes, edges } = networkGraph(map);
  await elk.layout({
    id: 'root',
    layoutOptions: { 'elk.algorithm': 'layered', 'elk.direction': 'DOWN' },
    children: nodes.filter((n) => !n.isolated).map((n) => ({ id: n.id, width: n.width, height: n.height })),
    edges: edges.map((e, i) => ({ id: `e${i}`, sources: [e.from], targets: [e.to] })),
  });
}

export async function runMapBench(): Promise<void> {
  console.log('\nLandscape map (generated maps, ~1.5 relations per actor; medians; shipped: parse + grid + network + both SVGs)');
  console.log('  actors  parse     grid      network   SVGs      total     | peers on the network: dagre, every relation   elkjs layered');
  for (const n of [14, 50, 200]) {
    const text = benchMap(n);
    const map = parseLandscape(text);
    if (map.problems.length) throw new Error(`bench map ${n} has problems: ${JSON.stringify(map.problems.slice(0, 3))}`);
    const rounds = n >= 200 ? 15 : 30;
    const parse = time(() => parseLandscape(text), rounds);
    const grid = time(() => layoutGrid(map), rounds);
    const net = time(() => layoutNetwork(map), rounds);
    const gl = layoutGrid(map);
    const nl = layoutNetwork(map);
    const svg = time(() => {
      gridSvg(gl, map);
      networkSvg(nl, map);
    }, rounds);
    const all = () => {
      const m = parseLandscape(text);
      gridSvg(layoutGrid(m), m);
      networkSvg(layoutNetwork(m), m);
    };
    const total = time(all, rounds);
    const cpu = cpuTime(all, rounds);
    const full = time(() => dagreFull(text), n >= 200 ? 5 : rounds);
    const e = await timeAsync(() => elkLayered(text), n >= 200 ? 5 : 10, 2);
    const target = n === 200 ? `   total ${total <= 100 ? 'OK' : 'OVER'} (target ≤ 100 ms median; CPU time ${ms(cpu)}, load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)` : '';
    console.log(
      `  ${String(n).padStart(6)}  ${ms(parse).padEnd(9)} ${ms(grid).padEnd(9)} ${ms(net).padEnd(9)} ${ms(svg).padEnd(9)} ${ms(total).padEnd(9)} | ${`${ms(full)} (${(full / net).toFixed(1)}× ours${nl.simplified ? ', tree layout' : ''})`.padEnd(36)} ${ms(e)} (${(e / net).toFixed(1)}×)${target}`,
    );
  }
  // Linear scanning: doubling pathological input (long rows, many pipes, relations full of verbs) about doubles the time.
  const nasty = (k: number) =>
    `## Actors\n| Actor | Type | Power | Interest | Stance |\n|---|---|---|---|---|\n${Array.from({ length: k / 20 }, (_, i) => `| A${i} ${'\\|'.repeat(20)} | ${'goverment '.repeat(5)} | hgh | x | ${'|'.repeat(10)}`).join('\n')}\n## Relations\n${Array.from({ length: k / 40 }, (_, i) => `- A${i} ${'funds partners with '.repeat(10)} A${i + 1} ${' for (x), to: '.repeat(20)}`).join('\n')}\n`;
  const small = cpuTime(() => parseLandscape(nasty(20000)), 8);
  const big = cpuTime(() => parseLandscape(nasty(40000)), 8);
  console.log(`  parser on pathological input (CPU time): ${ms(small)} → ${ms(big)} when doubled (ratio ${(big / small).toFixed(2)}; linear ≈ 2)`);
}
