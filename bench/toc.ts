/**
 * Theory-of-change diagram bench (part of npm run bench): parse + layout + SVG on generated
 * theories of 10, 25 and 100 boxes, and the two layered-layout libraries side by side on the same
 * boxes and edges: @dagrejs/dagre (shipped) and elkjs (layered, its pure-JS bundled build).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ELK from 'elkjs/lib/elk.bundled.js';
import { backEdges, parseTheoryOfChange, type TocGraph } from '../src/documents/toc';
import { layoutToc, measureNode, METRICS, type Point } from '../src/diagram/layout';
import { layoutSvg } from '../src/diagram/svg';
import { toMermaid } from '../src/diagram/mermaid';
import { benchToc } from './toc-graphs';
import { cpuTime, ms, time, timeAsync } from './timing';

const ROOT = path.join(__dirname, '..');

/** Crossings between edge polylines (a readability measure; shared endpoints do not count). */
function crossings(edges: Point[][]): number {
  const segs = edges.map((pts) => pts.slice(1).map((p, i) => [pts[i], p] as const));
  const cross = (a: Point, b: Point, c: Point, d: Point) => {
    const o = (p: Point, q: Point, r: Point) => Math.sign((q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x));
    return o(a, b, c) * o(a, b, d) < 0 && o(c, d, a) * o(c, d, b) < 0;
  };
  let n = 0;
  for (let i = 0; i < segs.length; i++)
    {for (let j = i + 1; j < segs.length; j++) if (segs[i].some(([a, b]) => segs[j].some(([c, d]) => cross(a, b, c, d)))) n++;}
  return n;
}

function dagreOnly(g: TocGraph, reorder: boolean): { width: number; height: number; edges: Point[][] } {
  const l = layoutToc(g, { reorder });
  return { width: l.width, height: l.height, edges: l.edges.map((e) => e.points) };
}

interface ElkResult {
  width?: number;
  height?: number;
  edges?: { sections?: { startPoint: Point; endPoint: Point; bendPoints?: Point[] }[] }[];
}

const elk = new ELK();
async function elkOnly(g: TocGraph): Promise<{ width: number; height: number; edges: Point[][] }> {
  const back = backEdges(g);
  const r = (await elk.layout({
    id: 'root',
    layoutOptions: { 'elk.algorithm': 'layered', 'elk.direction': 'UP', 'elk.spacing.nodeNode': String(METRICS.nodeSep), 'elk.layered.spacing.nodeNodeBetweenLayers': String(METRICS.rankSep) },
    children: g.nodes.map((n) => {
      const b = measureNode(n);
      return { id: n.id, width: b.width, height: b.height };
    }),
    edges: g.edges.filter((e) => !back.has(e)).map((e, i) => ({ id: `e${i}`, sources: [e.from], targets: [e.to] })),
  })) as ElkResult;
  return { width: r.width ?? 0, height: r.height ?? 0, edges: (r.edges ?? []).map((e) => (e.sections ?? []).flatMap((s) => [s.startPoint, ...(s.bendPoints ?? []), s.endPoint])) };
}

export async function runTocBench(): Promise<void> {
  console.log('\nTheory-of-change diagram (generated theories; medians; shipped: parse + dagre layout + SVG)');
  console.log('  Layout alone, same boxes and edges: dagre as shipped (document order), dagre with its crossing-reduction sweeps, elkjs layered (UP). Crossings = pairs of arrows that cross.');
  console.log('  boxes  parse     layout    SVG       total     Mermaid   | dagre     dagre+sweeps elkjs     elk/dagre | crossings dagre/sweeps/elk | size dagre / elk (px)');
  for (const n of [10, 25, 100]) {
    const text = benchToc(n);
    const g = parseTheoryOfChange(text);
    if (g.problems.length) throw new Error(`bench theory ${n} has problems: ${JSON.stringify(g.problems.slice(0, 3))}`);
    const rounds = n >= 100 ? 30 : 60;
    const parse = time(() => parseTheoryOfChange(text), rounds);
    const layout = time(() => layoutToc(g), rounds);
    const laid = layoutToc(g);
    const svg = time(() => layoutSvg(laid, g), rounds);
    const total = time(() => {
      const gg = parseTheoryOfChange(text);
      layoutSvg(layoutToc(gg), gg);
    }, rounds);
    const totalCpu = cpuTime(() => {
      const gg = parseTheoryOfChange(text);
      layoutSvg(layoutToc(gg), gg);
    }, rounds);
    const mermaid = time(() => toMermaid(g), rounds);
    const d = time(() => dagreOnly(g, false), rounds);
    const ds = time(() => dagreOnly(g, true), rounds);
    const e = await timeAsync(() => elkOnly(g), rounds);
    const dq = dagreOnly(g, false);
    const dsq = dagreOnly(g, true);
    const eq = await elkOnly(g);
    const target = n === 100 ? `   total ${total <= 50 ? 'OK' : 'OVER'} (target ≤ 50 ms median; CPU time ${ms(totalCpu)}, load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)` : '';
    console.log(
      `  ${String(g.nodes.length).padStart(5)}  ${ms(parse).padEnd(9)} ${ms(layout).padEnd(9)} ${ms(svg).padEnd(9)} ${ms(total).padEnd(9)} ${ms(mermaid).padEnd(9)} | ${ms(d).padEnd(9)} ${ms(ds).padEnd(12)} ${ms(e).padEnd(9)} ${(e / d).toFixed(2).padStart(5)}     | ${`${crossings(dq.edges)} / ${crossings(dsq.edges)} / ${crossings(eq.edges)}`.padEnd(26)} | ${Math.round(dq.width)}×${Math.round(dq.height)} / ${Math.round(eq.width)}×${Math.round(eq.height)}${target}`,
    );
  }
  // Linear scanning: doubling pathological input (long lines of markers, deep nesting, many arrows) about doubles the time.
  const nasty = (k: number) =>
    `## Long-term goal\n${'{#'.repeat(k)}\n## Outcomes pathway\n${Array.from({ length: k / 10 }, (_, i) => `${' '.repeat(i % 200)}- ${'*_[`'.repeat(20)} {#a${i}} → ${'o1, '.repeat(20)}`).join('\n')}\n## Causal links and rationales\n${'- o1 → o2: because → -> '.repeat(k / 20)}\n`;
  const small = time(() => parseTheoryOfChange(nasty(20000)), 10);
  const big = time(() => parseTheoryOfChange(nasty(40000)), 10);
  console.log(`  parser on pathological input: ${ms(small)} → ${ms(big)} when doubled (ratio ${(big / small).toFixed(2)}; linear ≈ 2)`);
  const size = (f: string) => `${(fs.statSync(path.join(ROOT, 'node_modules', f)).size / 1024).toFixed(0)} KB`;
  console.log(`  bundle: @dagrejs/dagre ${size('@dagrejs/dagre/dist/dagre.min.js')} (minified, synchronous) vs elkjs ${size('elkjs/lib/elk.bundled.js')} (pure-JS bundle, Promise API)`);
  const latency = path.join(ROOT, 'test-results/toc-latency.json');
  if (fs.existsSync(latency)) {
    const l = JSON.parse(fs.readFileSync(latency, 'utf8')) as { median: number; max: number; samples: number; host: string; at: string };
    console.log(`  edit visible in the open diagram (last integration run, ${l.host} host, ${l.at}): median ${ms(l.median)}, max ${ms(l.max)} over ${l.samples} edits   ${l.median <= 150 ? 'OK' : 'OVER'} (target ≤ 150 ms)`);
  } else console.log('  edit visible in the open diagram: run the integration tests (node test/runner/code-server.mjs --host node) to measure it');
}
