/**
 * HOOK — figures and tables that other features add to an export.
 *
 * For a theory of change: the diagram (an image) and the results framework (a table); for a
 * landscape map: the grid and the network. They come from src/diagram (graph → layout → SVG; the
 * results framework), which is built separately. When it lands, fill `extrasFor` here (the export
 * layer may import the diagram layer): return the SVG (and PNG, where the host can rasterise one)
 * with `after: 'diagram'` and the results framework with `after: 'indicators'` (theory-of-change
 * outline section ids), so each lands after its section. The extension and the CLI both call
 * this, so both exports get them. Until then nothing is added and the document exports as written.
 */
import type { ExportExtras } from './model';

export function extrasFor(type: string | undefined, _markdown: string): ExportExtras | undefined {
  if (type !== 'theory-of-change' && type !== 'landscape-map') return undefined;
  return undefined;
}
