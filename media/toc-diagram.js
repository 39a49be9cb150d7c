// @ts-check
// Theory-of-change diagram page, on top of diagram-view.js (pan, zoom, fit, keyboard between boxes,
// problems, notice, saved state). Shows the SVG the host computed (src/diagram/svg.ts, escaped
// there) and reports clicks and keys by message only (protocol: src/views/protocol.ts); its own:
// the ± pathway toggles, C and Expand all, and the line of a box's indicator or assumption.
// Pan, zoom and the focused box survive every redraw.
(function () {
  /** @type {{scale: number, x: number, y: number, fitted: boolean}} */
  let view;
  const dv = /** @type {any} */ (window).diagramView.create({
    node: 'g.toc-node',
    current: 'toc-current',
    minScale: 0.1,
    problemsWhere: 'in this theory of change (marked in red)',
    view: () => view,
    state: () => ({ scale: view.scale, x: view.x, y: view.y, fitted: view.fitted }),
    // The ± toggle collapses or expands a pathway.
    click: (/** @type {Element} */ target) => {
      const toggle = target.closest('g.toc-toggle');
      if (!(toggle instanceof SVGGElement)) return false;
      dv.post({ type: 'toggle', id: toggle.dataset.toggle });
      return true;
    },
    button: (/** @type {HTMLButtonElement} */ button) => {
      if (button.dataset.expand !== undefined) dv.post({ type: 'expandAll' });
    },
    // A box reveals its line, or the line of the indicator or assumption clicked in it.
    pictureClick: (/** @type {Element} */ target) => {
      const node = target.closest('g.toc-node');
      if (!(node instanceof SVGGElement)) return;
      dv.focusNode(node);
      const attachment = target.closest('[data-line]');
      const line = attachment instanceof SVGElement && attachment !== node ? attachment.dataset.line : node.dataset.line;
      dv.reveal(Number(line));
    },
    // C collapses or expands the focused box's pathway.
    key: (/** @type {KeyboardEvent} */ event, /** @type {SVGGElement | undefined} */ current) => {
      if ((event.key === 'c' || event.key === 'C') && current && document.querySelector(`g.toc-toggle[data-toggle="${CSS.escape(current.dataset.id || '')}"]`)) dv.post({ type: 'toggle', id: current.dataset.id });
    },
  });
  const saved = dv.saved;
  view = { scale: saved.scale || 1, x: saved.x || 0, y: saved.y || 0, fitted: !!saved.fitted };

  window.addEventListener('message', (event) => {
    const msg = event.data;
    if (!msg || typeof msg !== 'object') return;
    if (msg.type === 'render' && typeof msg.svg === 'string') {
      dv.showEmpty(msg.empty);
      dv.showProblems(Array.isArray(msg.problems) ? msg.problems : []);
      // Fitted on the first draw of a page that kept no view.
      dv.draw(msg.svg, { notice: msg.notice, highlight: msg.highlight, fitFirst: !saved.scale && !dv.canvas.dataset.drawn });
      dv.canvas.dataset.drawn = 'yes';
      dv.rendered(msg.version);
    } else if (msg.type === 'highlight') {
      dv.highlight(msg.id);
    }
  });

  dv.ready();
})();
