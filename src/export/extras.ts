/**
 * Figures and tables that an export adds to what the writer wrote, from the same parse and the
 * same drawing code as the live views:
 * - a theory of change gets its diagram (after the *Diagram* section, or at the end) and its
 *   results framework as a table (after *Indicators*);
 * - a landscape map gets its power–interest grid (after *Actors*) and its ecosystem network
 *   (after *Relations*).
 * The extension and the CLI both call this, so both exports get them. SVG always (HTML shows it,
 * Word 2016 and later draw it); PNG too when a rasteriser is passed (the CLI's @resvg/resvg-js; the
 * extension fills the PNGs itself through its views, which can also draw in their panels): Word
 * files then carry it as the picture's fallback for older readers.
 */
import { renderMapSvg } from '../diagram/landscape-svg';
import { MISSING, resultsFramework, rowCells, type ResultsRow } from '../diagram/results';
import { renderTocSvg } from '../diagram/svg';
import { parseLandscape } from '../documents/landscape';
import { parseTheoryOfChange } from '../documents/toc';
import type { ExportExtras, ExportFigure } from './model';

/** SVG → PNG bytes (src/platform/png.ts), where the host has a rasteriser. */
export type Rasterise = (svg: string) => Uint8Array;

function figure(svg: string, width: number, height: number, title: string, alt: string, after: string, rasterise?: Rasterise): ExportFigure {
  const standalone = `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`;
  let png: Uint8Array | undefined;
  try {
    png = rasterise?.(standalone);
  } catch {
    png = undefined; // The SVG alone still shows in Word 2016+, HTML and PDF.
  }
  return { title, svg: standalone, ...(png ? { png } : {}), width, height, alt, after };
}

/**
 * The results framework on a portrait page: the level goes with the result, and source and means
 * of verification share a column (the editor's table and CSV keep all ten columns).
 */
const EXPORT_COLUMNS = ['Result', 'Indicator', 'Baseline', 'Target', 'By when', 'Source and verification', 'Assumptions'] as const;

function exportRow(r: ResultsRow): string[] {
  const [, , , indicator, baseline, target, date, source, verification, assumptions] = rowCells(r);
  const cell = (entries: string[]) => (entries.some(Boolean) ? entries.map((c) => c || MISSING).join('; ') : MISSING);
  const sourceAndVerification = r.indicators.map((_, i) => [source[i], verification[i]].filter(Boolean).join('; verified by '));
  return [`${r.level}: ${r.statement}`, cell(indicator), cell(baseline), cell(target), cell(date), cell(sourceAndVerification), cell(assumptions)];
}

function tocExtras(markdown: string, rasterise?: Rasterise): ExportExtras | undefined {
  const graph = parseTheoryOfChange(markdown);
  if (graph.nodes.length === 0) return undefined;
  const { svg, layout } = renderTocSvg(graph, { mode: 'standalone' });
  const count = (kind: string) => graph.nodes.filter((n) => n.kind === kind).length;
  const alt = `Theory of change diagram: the long-term goal at the top, ${count('outcome')} outcomes, ${count('output')} outputs and ${count('intervention')} interventions, with arrows for ${graph.edges.length} causal links.`;
  const rf = resultsFramework(graph);
  return {
    figures: [figure(svg, layout.width, layout.height, 'Theory of change diagram', alt, 'diagram', rasterise)],
    tables: rf.rows.length ? [{ title: 'Results framework', head: [...EXPORT_COLUMNS], rows: rf.rows.map(exportRow), after: 'indicators' }] : [],
  };
}

function mapExtras(markdown: string, rasterise?: Rasterise): ExportExtras | undefined {
  const map = parseLandscape(markdown);
  if (map.actors.length === 0) return undefined;
  const grid = renderMapSvg(map, 'grid', { mode: 'standalone' });
  const figures = [figure(grid.svg, grid.width, grid.height, 'Power–interest grid', `Power–interest grid of ${map.actors.length} actors, coloured by actor type.`, 'actors', rasterise)];
  if (map.relations.length > 0) {
    const net = renderMapSvg(map, 'network', { mode: 'standalone' });
    figures.push(figure(net.svg, net.width, net.height, 'Ecosystem network', `Ecosystem network: ${map.actors.length} actors and ${map.relations.length} relations between them.`, 'relations', rasterise));
  }
  return { figures };
}

/** What an export of a document of this type adds; undefined for other documents. Never throws. */
export function extrasFor(type: string | undefined, markdown: string, rasterise?: Rasterise): ExportExtras | undefined {
  try {
    if (type === 'theory-of-change') return tocExtras(markdown, rasterise);
    if (type === 'landscape-map') return mapExtras(markdown, rasterise);
  } catch {
    // A drawing that fails must not stop the export of what the writer wrote.
  }
  return undefined;
}
