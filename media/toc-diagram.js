// @ts-check
// Theory-of-change diagram page. Shows the SVG the host computed (src/diagram/svg.ts, escaped
// there) and reports clicks and keys by message only (protocol: src/views/protocol.ts).
// Pan, zoom and the focused box survive every redraw.
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const viewport = /** @type {HTMLElement} */ (document.getElementById('viewport'));
  const canvas = /** @type {HTMLElement} */ (document.getElementById('canvas'));
  const notice = /** @type {HTMLElement} */ (document.getElementById('notice'));
  const problems = /** @type {HTMLDetailsElement} */ (document.getElementById('problems'));
  const empty = /** @type {HTMLElement} */ (document.getElementById('empty'));
  const saved = vscode.getState() || {};
  /** @type {{scale: number, x: number, y: number, fitted: boolean}} */
  const view = { scale: saved.scale || 1, x: saved.x || 0, y: saved.y || 0, fitted: !!saved.fitted };
  /** @type {string | undefined} */
  let focusedId = saved.focusedId;

  function apply() {
    canvas.style.transform = `translate(${view.x}px, ${view.y}px) scale(${view.scale})`;
    vscode.setState({ scale: view.scale, x: view.x, y: view.y, fitted: view.fitted, focusedId });
  }

  function svgSize() {
    const svg = canvas.querySelector('svg');
    return svg ? { w: Number(svg.getAttribute('width')) || 1, h: Number(svg.getAttribute('height')) || 1 } : { w: 1, h: 1 };
  }

  function fit() {
    const { w, h } = svgSize();
    const vw = viewport.clientWidth || 800;
    const vh = viewport.clientHeight || 600;
    view.scale = Math.max(0.1, Math.min(1.5, Math.min(vw / w, vh / h) * 0.96));
    view.x = (vw - w * view.scale) / 2;
    view.y = Math.max(4, (vh - h * view.scale) / 2);
    view.fitted = true;
    apply();
  }

  /** Zooms around a point of the viewport (defaults to its centre). */
  function zoom(factor, cx, cy) {
    const px = cx ?? viewport.clientWidth / 2;
    const py = cy ?? viewport.clientHeight / 2;
    const next = Math.max(0.1, Math.min(4, view.scale * factor));
    view.x = px - ((px - view.x) * next) / view.scale;
    view.y = py - ((py - view.y) * next) / view.scale;
    view.scale = next;
    view.fitted = false;
    apply();
  }

  /** @returns {SVGGElement[]} */
  function nodes() {
    return Array.from(canvas.querySelectorAll('g.toc-node'));
  }

  /** @param {string | undefined} id */
  function nodeById(id) {
    return id ? nodes().find((n) => n.dataset.id === id) : undefined;
  }

  /** Keeps a box in sight: pans when it is outside the viewport. */
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
      view.x += dx;
      view.y += dy;
      view.fitted = false;
      apply();
    }
  }

  /** @param {SVGGElement | undefined} node */
  function focusNode(node) {
    if (!node) return;
    for (const n of nodes()) n.setAttribute('tabindex', n === node ? '0' : '-1');
    focusedId = node.dataset.id;
    node.focus({ preventScroll: true });
    bringIntoView(node);
    apply();
  }

  /** The nearest box in a direction from the focused one (arrow keys). */
  function neighbour(from, dir) {
    const a = from.getBoundingClientRect();
    const ax = a.left + a.width / 2;
    const ay = a.top + a.height / 2;
    let best;
    let bestScore = Infinity;
    for (const n of nodes()) {
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

  /** @param {string | undefined} id */
  function highlight(id) {
    for (const n of canvas.querySelectorAll('g.toc-node.toc-current')) n.classList.remove('toc-current');
    const node = nodeById(id);
    if (node) {
      node.classList.add('toc-current');
      bringIntoView(node);
    }
  }

  function showProblems(list) {
    const summary = problems.querySelector('summary');
    const ul = problems.querySelector('ul');
    if (!summary || !ul) return;
    ul.textContent = '';
    problems.hidden = !list.length;
    summary.textContent = `${list.length} problem${list.length === 1 ? '' : 's'} in this theory of change (marked in red)`;
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

  window.addEventListener('message', (event) => {
    const msg = event.data;
    if (!msg || typeof msg !== 'object') return;
    if (msg.type === 'render' && typeof msg.svg === 'string') {
      const hadFocus = canvas.contains(document.activeElement);
      // The SVG is computed and escaped by the host (src/diagram/svg.ts); it holds no script.
      canvas.innerHTML = msg.svg;
      empty.hidden = !msg.empty;
      empty.textContent = msg.empty || '';
      viewport.hidden = !!msg.empty;
      notice.hidden = !msg.notice;
      notice.textContent = msg.notice || '';
      showProblems(Array.isArray(msg.problems) ? msg.problems : []);
      if (!view.fitted && !saved.scale && !canvas.dataset.drawn) fit();
      else if (view.fitted) fit();
      else apply();
      canvas.dataset.drawn = 'yes';
      const list = nodes();
      const keep = nodeById(focusedId) || list[0];
      for (const n of list) n.setAttribute('tabindex', n === keep ? '0' : '-1');
      if (hadFocus && keep) keep.focus({ preventScroll: true });
      highlight(msg.highlight);
      // Acknowledge after the browser has laid the new SVG out (latency measurement); a hidden
      // page gets no animation frames, so a timer acknowledges there.
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
    }
  });

  // Clicks: a box reveals its line; the ± toggle collapses; problem links reveal their line.
  document.addEventListener('click', (event) => {
    const target = /** @type {Element} */ (event.target);
    const toggle = target.closest('g.toc-toggle');
    if (toggle instanceof SVGGElement) {
      vscode.postMessage({ type: 'toggle', id: toggle.dataset.toggle });
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
      else if (button.dataset.expand !== undefined) vscode.postMessage({ type: 'expandAll' });
      else if (button.dataset.command) vscode.postMessage({ type: 'command', command: button.dataset.command });
      return;
    }
    if (moved) return;
    const node = target.closest('g.toc-node');
    if (node instanceof SVGGElement) {
      focusNode(node);
      const attachment = target.closest('[data-line]');
      const line = attachment instanceof SVGElement && attachment !== node ? attachment.dataset.line : node.dataset.line;
      vscode.postMessage({ type: 'reveal', line: Number(line) });
    }
  });

  // Keyboard: arrows between boxes, Enter/Space reveal, C collapse, +/−/0 zoom.
  viewport.addEventListener('keydown', (event) => {
    const current = /** @type {Element | null} */ (document.activeElement)?.closest('g.toc-node');
    const dirs = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };
    if (event.key in dirs) {
      event.preventDefault();
      if (!(current instanceof SVGGElement)) focusNode(nodeById(focusedId) || nodes()[0]);
      else focusNode(neighbour(current, dirs[event.key]));
    } else if ((event.key === 'Enter' || event.key === ' ') && current instanceof SVGGElement) {
      event.preventDefault();
      vscode.postMessage({ type: 'reveal', line: Number(current.dataset.line) });
    } else if ((event.key === 'c' || event.key === 'C') && current instanceof SVGGElement) {
      if (current.querySelector('g.toc-toggle')) vscode.postMessage({ type: 'toggle', id: current.dataset.id });
    } else if (event.key === '+' || event.key === '=') zoom(1.25);
    else if (event.key === '-') zoom(0.8);
    else if (event.key === '0') fit();
    else if (event.key === 'Home') focusNode(nodes()[0]);
    else if (event.key === 'End') focusNode(nodes()[nodes().length - 1]);
  });
  viewport.addEventListener('focusin', (event) => {
    const node = /** @type {Element} */ (event.target).closest?.('g.toc-node');
    if (node instanceof SVGGElement) focusedId = node.dataset.id;
  });

  // Pan by dragging; zoom with Ctrl/Cmd+wheel (plain wheel pans, like a map in an editor).
  let drag;
  let moved = false;
  viewport.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    drag = { x: event.clientX, y: event.clientY, vx: view.x, vy: view.y };
    moved = false;
  });
  window.addEventListener('pointermove', (event) => {
    if (!drag) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (!moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    moved = true;
    viewport.classList.add('panning');
    view.x = drag.vx + dx;
    view.y = drag.vy + dy;
    view.fitted = false;
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
        view.x -= event.deltaX;
        view.y -= event.deltaY;
        view.fitted = false;
        apply();
      }
    },
    { passive: false },
  );
  window.addEventListener('resize', () => {
    if (view.fitted) fit();
  });

  vscode.postMessage({ type: 'ready' });
})();
