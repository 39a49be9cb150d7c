/**
 * The webview pages of the theory-of-change diagram, the results framework and the landscape map:
 * their markup (the page around it, with its CSP and nonce, is src/core/html.ts `page()`) and the
 * media/ files each loads, in order. Plain data, so the Chromium page tests
 * (test/unit/pages.test.ts) load exactly what the views show.
 */

export interface WebviewPageSpec {
  /** File names in media/, in load order. */
  styles: readonly string[];
  scripts: readonly string[];
  body: string;
}

/** Show Theory of Change Diagram: pan and zoom, keyboard between boxes, collapse, problems. */
export const TOC_DIAGRAM_PAGE: WebviewPageSpec = {
  styles: ['diagram-view.css', 'toc-diagram.css'],
  scripts: ['diagram-view.js', 'toc-diagram.js'],
  body: `<nav class="toolbar" aria-label="Diagram actions">
<button type="button" data-zoom="out" title="Zoom out (-)" aria-label="Zoom out">−</button>
<button type="button" data-zoom="in" title="Zoom in (+)" aria-label="Zoom in">+</button>
<button type="button" data-zoom="fit" title="Fit to view (0)">Fit</button>
<button type="button" data-expand title="Expand every collapsed pathway">Expand all</button>
<span class="spacer"></span>
<button type="button" data-command="showResults" title="The logframe view of this theory of change">Results framework</button>
<button type="button" data-command="exportDiagram" title="Save as SVG, PNG or Mermaid">Export…</button>
</nav>
<div id="notice" class="notice" role="status" hidden></div>
<details id="problems" class="problems" hidden><summary></summary><ul></ul></details>
<div id="viewport" class="viewport" tabindex="0" aria-label="Theory of change diagram. Tab or arrow keys move between boxes, Enter goes to the line, C collapses a pathway, plus and minus zoom, 0 fits."><div id="canvas" class="canvas"></div></div>
<p id="empty" class="empty" hidden></p>
<p class="help">Drag to pan, Ctrl+wheel or +/− to zoom, 0 to fit. Arrow keys move between boxes; Enter goes to the line; C collapses or expands a pathway.</p>`,
};

/** Show Results Framework: the logframe table. */
export const RESULTS_PAGE: WebviewPageSpec = {
  styles: ['diagram-view.css', 'toc-diagram.css'],
  scripts: ['toc-results.js'],
  body: `<nav class="toolbar" aria-label="Results framework actions"><strong id="summary"></strong><span class="spacer"></span>
<button type="button" data-command="showDiagram">Diagram</button>
<button type="button" data-command="exportMarkdown" title="Open the table as Markdown in a new editor">Export as Markdown</button>
<button type="button" data-command="exportCsv" title="Save the table as a CSV file">Export as CSV</button></nav>
<main id="table" class="results-main"></main>`,
};

/** Show Landscape Map: the power–interest grid and the ecosystem network as two tabs. */
export const LANDSCAPE_MAP_PAGE: WebviewPageSpec = {
  styles: ['diagram-view.css', 'landscape-map.css'],
  scripts: ['diagram-view.js', 'landscape-map.js'],
  body: `<nav class="toolbar" aria-label="Landscape map actions">
<div class="tabs" role="tablist" aria-label="Views of the landscape map">
<button type="button" role="tab" id="tab-grid" data-tab="grid" aria-controls="viewport" aria-selected="true">Power–interest grid</button>
<button type="button" role="tab" id="tab-network" data-tab="network" aria-controls="viewport" aria-selected="false" tabindex="-1">Ecosystem network</button>
</div>
<span id="summary" class="summary" role="status"></span>
<span class="spacer"></span>
<button type="button" data-zoom="out" title="Zoom out (-)" aria-label="Zoom out">−</button>
<button type="button" data-zoom="in" title="Zoom in (+)" aria-label="Zoom in">+</button>
<button type="button" data-zoom="fit" title="Fit to view (0)">Fit</button>
<button type="button" data-command="exportMap" title="Save the grid or the network as SVG or PNG">Export…</button>
</nav>
<div id="notice" class="notice" role="status" hidden></div>
<details id="problems" class="problems" hidden><summary></summary><ul></ul></details>
<div id="viewport" class="viewport" role="tabpanel" aria-labelledby="tab-grid" tabindex="0" aria-label="Landscape map. Arrow keys move between actors, Enter goes to the actor's row, plus and minus zoom, 0 fits."><div id="canvas" class="canvas"></div></div>
<p id="empty" class="empty" hidden></p>
<p class="help">Click an actor to go to its row. Arrow keys move between actors; Enter goes to the row; Ctrl+wheel or +/− zoom, 0 fits; drag to pan. Left and right arrows on the tabs switch views.</p>`,
};
