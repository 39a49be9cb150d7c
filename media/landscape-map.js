// @ts-check
// Landscape map page: two tabs (power–interest grid, ecosystem network) showing the SVGs the host
// computed (src/diagram/landscape-svg.ts, escaped there); clicks and keys go to the host by message
// only (protocol: src/views/protocol.ts). Each tab keeps its own pan and zoom across redraws.
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const viewport = /** @type {HTMLElement} */ (document.getElementById('viewport'));
  const canvas = /** @type {HTMLElement} */ (document.getElementById('canvas'));
  const notice = /** @type {HTMLElement} */ (document.getElementById('notice'));
  const problems = /** @type {HTMLDetailsElement} */ (document.getElementById('problems'));
  const empty = /** @type {HTMLElement} */ (document.getElementById('empty'));
  const summary = /** @type {HTMLElement} */ (document.getElementById('summary'));
  const tabs = /** @type {HTMLButtonElement[]} */ (Array.from(document.querySelectorAll('[role="tab"]')));
  const saved = vscode.getState() || {};
  /** @type {'grid' | 'network'} */
  let tab = saved.tab === 'network' ? 'network' : 'grid';
  /** @type {Record<string, {scale: number, x: number, y: number, fitted: boolean}>} */
  const views = saved.views || { grid: { scale: 1, x: 0, y: 0, fitted: true }, network: { scale: 1, x: 0, y: 0, fitted: true } };
  /** @type {{grid: string, network: string}} */
  const svgs = { grid: '', network: '' };
  /** @type {string | undefined} */
  let focusedId = saved.focusedId;
  /** @type {string | undefined} */
  let highlighted;
  /** @type {string | undefined} */
  let networkNotice;

  const view = () => views[tab];

  function save() {
    vscode.setState({ tab, views, focusedId });
  }

  function apply() {
    const v = view();
    canvas.style.transform = `translate(${v.x}px, ${v.y}px) scale(${v.scale})`;
    save();
  }

  function svgSize() {
    const svg = canvas.querySelector('svg');
    return svg ? { w: Number(svg.getAttribute('width')) || 1, h: Number(svg.getAttribute('height')) || 1 } : { w: 1, h: 1 };
  }

  function fit() {
    const { w, h } = svgSize();
    const vw = viewport.clientWidth || 800;
    const vh = viewport.clientHeight || 600;
    const v = view();
    v.scale = Math.max(0.05, Math.min(1.5, Math.min(vw / w, vh / h) * 0.96));
    v.x = (vw - w * v.scale) / 2;
    v.y = Math.max(4, (vh - h * v.scale) / 2);
    v.fitted = true;
    apply();
  }

  function zoom(factor, cx, cy) {
    const v = view();
    const px = cx ?? viewport.clientWidth / 2;
    const py = cy ?? viewport.clientHeight / 2;
    const next = Math.max(0.05, Math.min(4, v.scale * factor));
    v.x = px - ((px - v.x) * next) / v.scale;
    v.y = py - ((py - v.y) * next) / v.scale;
    v.scale = next;
    v.fitted = false;
    apply();
  }

  /** @returns {SVGGElement[]} */
  function actors() {
    return Array.from(canvas.querySelectorAll('g.lm-actor'));
  }

  function actorById(id) {
    return id ? actors().find((n) => n.dataset.id === id) : undefined;
  }

  function bringIntoView(node) {
    const box = node.getBoundingClientRect();
    const vp = viewport.getBoundingClientRect();
    let dx = 0;
    let dy = 0;
    if (box.left < vp.left) dx = vp.left - box.left + 16;
    else if (box.right > vp.right) dx = vp.right - box.right - 16;
    if (box.top < vp.top) dy = vp.top - box.top + 16;
    else if (box.bottom > vp.bottom) dy = vp.bottom - box.bottom - 16;
    if (dx || dy) {
      const v = view();
      v.x += dx;
      v.y += dy;
      v.fitted = false;
      apply();
    }
  }

  function focusActor(node) {
    if (!node) return;
    for (const n of actors()) n.setAttribute('tabindex', n === node ? '0' : '-1');
    focusedId = node.dataset.id;
    node.focus({ preventScroll: true });
    bringIntoView(node);
    save();
  }

  function neighbour(from, dir) {
    const a = from.getBoundingClientRect();
    const ax = a.left + a.width / 2;
    const ay = a.top + a.height / 2;
    let best;
    let bestScore = Infinity;
    for (const n of actors()) {
      if (n === from) continue;
      const b = n.getBoundingClientRect();
      const dx = b.left + b.width / 2 - ax;
      const dy = b.top + b.height / 2 - ay;
      const along = dir === 'left' ? -dx : dir === 'right' ? dx : dir === 'up' ? -dy : dy;
      const across = dir === 'left' || dir === 'right' ? Math.abs(dy) : Math.abs(dx);
      if (along <= 1) continue;
      const score = along + 2 * across;
      if (score < bestScore) {
        bestScore = score;
        best = n;
      }
    }
    return best;
  }

  function highlight(id) {
    highlighted = id;
    for (const n of canvas.querySelectorAll('g.lm-actor.lm-current')) n.classList.remove('lm-current');
    const node = actorById(id);
    if (node) {
      node.classList.add('lm-current');
      bringIntoView(node);
    }
  }

  function showProblems(list) {
    const s = problems.querySelector('summary');
    const ul = problems.querySelector('ul');
    if (!s || !ul) return;
    ul.textContent = '';
    problems.hidden = !list.length;
    s.textContent = `${list.length} problem${list.length === 1 ? '' : 's'} in this map (actors with one are marked !)`;
    for (const p of list) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = '#';
      a.dataset.line = String(p.line);
      a.textContent = `Line ${p.line + 1}`;
      li.append(a, `: ${p.message}`);
      ul.append(li);
    }
  }

  /** Shows the active tab's picture, keeping its pan and zoom. */
  function draw() {
    const hadFocus = canvas.contains(document.activeElement);
    // Computed and escaped by the host (src/diagram/landscape-svg.ts); it holds no script.
    canvas.innerHTML = svgs[tab];
    for (const t of tabs) {
      const on = t.dataset.tab === tab;
      t.setAttribute('aria-selected', on ? 'true' : 'false');
      t.tabIndex = on ? 0 : -1;
      if (on) viewport.setAttribute('aria-labelledby', t.id);
    }
    notice.hidden = tab !== 'network' || !networkNotice;
    notice.textContent = tab === 'network' ? networkNotice || '' : '';
    if (view().fitted) fit();
    else apply();
    const list = actors();
    const keep = actorById(focusedId) || list[0];
    for (const n of list) n.setAttribute('tabindex', n === keep ? '0' : '-1');
    if (hadFocus && keep) keep.focus({ preventScroll: true });
    highlight(highlighted);
  }

  function selectTab(next, fromUser) {
    if (next !== 'grid' && next !== 'network') return;
    tab = next;
    draw();
    save();
    if (fromUser) vscode.postMessage({ type: 'tab', tab });
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
      empty.hidden = !msg.empty;
      empty.textContent = msg.empty || '';
      viewport.hidden = !!msg.empty;
      showProblems(Array.isArray(msg.problems) ? msg.problems : []);
      draw();
      let acked = false;
      const ack = () => {
        if (acked) return;
        acked = true;
        vscode.postMessage({ type: 'rendered', version: msg.version });
      };
      requestAnimationFrame(ack);
      setTimeout(ack, 200);
    } else if (msg.type === 'highlight') {
      highlight(msg.id);
    } else if (msg.type === 'tab') {
      selectTab(msg.tab, false);
    }
  });

  document.addEventListener('click', (event) => {
    const target = /** @type {Element} */ (event.target);
    const tabButton = target.closest('[role="tab"]');
    if (tabButton instanceof HTMLButtonElement) {
      selectTab(tabButton.dataset.tab, true);
      return;
    }
    const lineLink = target.closest('a[data-line]');
    if (lineLink instanceof HTMLElement) {
      event.preventDefault();
      vscode.postMessage({ type: 'reveal', line: Number(lineLink.dataset.line) });
      return;
    }
    const button = target.closest('button');
    if (button instanceof HTMLButtonElement) {
      if (button.dataset.zoom === 'in') zoom(1.25);
      else if (button.dataset.zoom === 'out') zoom(0.8);
      else if (button.dataset.zoom === 'fit') fit();
      else if (button.dataset.command) vscode.postMessage({ type: 'command', command: button.dataset.command });
      return;
    }
    if (moved) return;
    const node = target.closest('g.lm-actor');
    if (node instanceof SVGGElement) {
      focusActor(node);
      vscode.postMessage({ type: 'reveal', line: Number(node.dataset.line) });
      return;
    }
    const edge = target.closest('g.lm-edge');
    if (edge instanceof SVGGElement) vscode.postMessage({ type: 'reveal', line: Number(edge.dataset.line) });
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

  viewport.addEventListener('keydown', (event) => {
    const current = /** @type {Element | null} */ (document.activeElement)?.closest('g.lm-actor');
    const dirs = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };
    if (event.key in dirs) {
      event.preventDefault();
      if (!(current instanceof SVGGElement)) focusActor(actorById(focusedId) || actors()[0]);
      else focusActor(neighbour(current, dirs[event.key]));
    } else if ((event.key === 'Enter' || event.key === ' ') && current instanceof SVGGElement) {
      event.preventDefault();
      vscode.postMessage({ type: 'reveal', line: Number(current.dataset.line) });
    } else if (event.key === '+' || event.key === '=') zoom(1.25);
    else if (event.key === '-') zoom(0.8);
    else if (event.key === '0') fit();
    else if (event.key === 'Home') focusActor(actors()[0]);
    else if (event.key === 'End') focusActor(actors()[actors().length - 1]);
  });
  viewport.addEventListener('focusin', (event) => {
    const node = /** @type {Element} */ (event.target).closest?.('g.lm-actor');
    if (node instanceof SVGGElement) focusedId = node.dataset.id;
  });

  let drag;
  let moved = false;
  viewport.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    const v = view();
    drag = { x: event.clientX, y: event.clientY, vx: v.x, vy: v.y };
    moved = false;
  });
  window.addEventListener('pointermove', (event) => {
    if (!drag) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (!moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    moved = true;
    viewport.classList.add('panning');
    const v = view();
    v.x = drag.vx + dx;
    v.y = drag.vy + dy;
    v.fitted = false;
    apply();
  });
  window.addEventListener('pointerup', () => {
    drag = undefined;
    viewport.classList.remove('panning');
    setTimeout(() => (moved = false), 0);
  });
  viewport.addEventListener(
    'wheel',
    (event) => {
      event.preventDefault();
      if (event.ctrlKey || event.metaKey) {
        const r = viewport.getBoundingClientRect();
        zoom(event.deltaY < 0 ? 1.1 : 1 / 1.1, event.clientX - r.left, event.clientY - r.top);
      } else {
        const v = view();
        v.x -= event.deltaX;
        v.y -= event.deltaY;
        v.fitted = false;
        apply();
      }
    },
    { passive: false },
  );
  window.addEventListener('resize', () => {
    if (view().fitted) fit();
  });

  vscode.postMessage({ type: 'ready' });
})();
