// @ts-check
// Landscape map page, on top of diagram-view.js (pan, zoom, fit, keyboard between actors, problems,
// notice, saved state): two tabs (power–interest grid, ecosystem network) showing the SVGs the host
// computed (src/diagram/landscape-svg.ts, escaped there); clicks and keys go to the host by message
// only (protocol: src/views/protocol.ts). Each tab keeps its own pan and zoom across redraws.
(function () {
  const viewport = /** @type {HTMLElement} */ (document.getElementById('viewport'));
  const summary = /** @type {HTMLElement} */ (document.getElementById('summary'));
  const tabs = /** @type {HTMLButtonElement[]} */ (Array.from(document.querySelectorAll('[role="tab"]')));
  /** @type {'grid' | 'network'} */
  let tab = 'grid';
  /** @type {Record<string, {scale: number, x: number, y: number, fitted: boolean}>} */
  let views = {};
  const dv = /** @type {any} */ (window).diagramView.create({
    node: 'g.lm-actor',
    current: 'lm-current',
    minScale: 0.05,
    problemsWhere: 'in this map (actors with one are marked !)',
    view: () => views[tab],
    state: () => ({ tab, views }),
    click: (/** @type {Element} */ target) => {
      const tabButton = target.closest('[role="tab"]');
      if (!(tabButton instanceof HTMLButtonElement)) return false;
      selectTab(tabButton.dataset.tab, true);
      return true;
    },
    // An actor reveals its row; a relation its line.
    pictureClick: (/** @type {Element} */ target) => {
      const node = target.closest('g.lm-actor');
      if (node instanceof SVGGElement) {
        dv.focusNode(node);
        dv.reveal(Number(node.dataset.line));
        return;
      }
      const edge = target.closest('g.lm-edge');
      if (edge instanceof SVGGElement) dv.reveal(Number(edge.dataset.line));
    },
  });
  const saved = dv.saved;
  tab = saved.tab === 'network' ? 'network' : 'grid';
  views = saved.views || { grid: { scale: 1, x: 0, y: 0, fitted: true }, network: { scale: 1, x: 0, y: 0, fitted: true } };
  /** @type {{grid: string, network: string}} */
  const svgs = { grid: '', network: '' };
  /** @type {string | undefined} */
  let highlighted;
  /** @type {string | undefined} */
  let networkNotice;

  /** Shows the active tab's picture, keeping its pan and zoom. */
  function draw() {
    for (const t of tabs) {
      const on = t.dataset.tab === tab;
      t.setAttribute('aria-selected', on ? 'true' : 'false');
      t.tabIndex = on ? 0 : -1;
      if (on) viewport.setAttribute('aria-labelledby', t.id);
    }
    dv.draw(svgs[tab], { notice: tab === 'network' ? networkNotice : undefined, highlight: highlighted });
  }

  function selectTab(next, fromUser) {
    if (next !== 'grid' && next !== 'network') return;
    tab = next;
    draw();
    dv.save();
    if (fromUser) dv.post({ type: 'tab', tab });
  }

  window.addEventListener('message', (event) => {
    const msg = event.data;
    if (!msg || typeof msg !== 'object') return;
    if (msg.type === 'render' && typeof msg.grid === 'string' && typeof msg.network === 'string') {
      svgs.grid = msg.grid;
      svgs.network = msg.network;
      if (msg.tab === 'grid' || msg.tab === 'network') tab = msg.tab;
      highlighted = msg.highlight;
      networkNotice = msg.notice;
      summary.textContent = msg.summary || '';
      dv.showEmpty(msg.empty);
      dv.showProblems(Array.isArray(msg.problems) ? msg.problems : []);
      draw();
      dv.rendered(msg.version);
    } else if (msg.type === 'highlight') {
      highlighted = msg.id;
      dv.highlight(msg.id);
    } else if (msg.type === 'tab') {
      selectTab(msg.tab, false);
    }
  });

  // Tabs: left and right arrows, Home and End (WAI-ARIA tabs pattern).
  for (const t of tabs) {
    t.addEventListener('keydown', (event) => {
      const i = tabs.indexOf(t);
      let j = -1;
      if (event.key === 'ArrowRight') j = (i + 1) % tabs.length;
      else if (event.key === 'ArrowLeft') j = (i - 1 + tabs.length) % tabs.length;
      else if (event.key === 'Home') j = 0;
      else if (event.key === 'End') j = tabs.length - 1;
      if (j < 0) return;
      event.preventDefault();
      tabs[j].focus();
      selectTab(tabs[j].dataset.tab, true);
    });
  }

  dv.ready();
})();
