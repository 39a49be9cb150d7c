// @ts-check
// What the theory-of-change diagram (toc-diagram.js) and the landscape map (landscape-map.js) pages
// share, loaded before either: the SVG the host computed shown in a pannable, zoomable viewport
// (drag or wheel to pan, Ctrl/Cmd+wheel or +/− to zoom, 0 or Fit to fit), a roving keyboard focus
// between the picture's boxes (arrows to the nearest box that way, Home, End, Enter reveals the
// line), the problems list, the notice, the empty message and the state kept across redraws and
// reopening (vscode.setState). Clicks and keys go to the host by message only (protocol:
// src/views/protocol.ts). Each page says what is its own through the options of create().
(function () {
  /**
   * @typedef {{scale: number, x: number, y: number, fitted: boolean}} View
   * @typedef {{line: number, message: string}} Problem
   * @typedef {object} Options
   * @property {string} node CSS selector of the picture's focusable boxes ('g.toc-node').
   * @property {string} current Class marking the box at the editor's cursor ('toc-current').
   * @property {number} minScale The smallest zoom.
   * @property {string} problemsWhere Ends the problems summary ("2 problems …").
   * @property {() => View} view The view shown (pan and zoom; the map keeps one per tab).
   * @property {() => object} state What the page saves besides the focused box.
   * @property {(target: Element) => boolean} [click] A click the page handles first (true: handled).
   * @property {(button: HTMLButtonElement) => void} [button] A toolbar button that is neither zoom nor command.
   * @property {(target: Element) => void} [pictureClick] A click on the picture that was not a drag.
   * @property {(event: KeyboardEvent, current: SVGGElement | undefined) => void} [key] A key in the viewport the shared keys leave.
   */

  /** Canvas limits browsers keep to (pixels per side, pixels in all). */
  const MAX_SIDE = 16000;
  const MAX_PIXELS = 100e6;

  /**
   * A standalone SVG (its own size, colours and fonts) as PNG bytes in base64, at `scale` times its
   * size (less when the result would exceed a canvas's limits), on white.
   * @param {string} svg
   * @param {number} scale
   * @returns {Promise<string>}
   */
  async function rasterise(svg, scale) {
    const bytes = new TextEncoder().encode(svg);
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + 0x8000)));
    const img = new Image();
    await new Promise((resolve, reject) => {
      img.onload = resolve;
      img.onerror = () => reject(new Error('the picture could not be drawn'));
      img.src = `data:image/svg+xml;base64,${btoa(binary)}`;
    });
    const w0 = img.naturalWidth || 1;
    const h0 = img.naturalHeight || 1;
    const s = Math.min(scale, MAX_SIDE / w0, MAX_SIDE / h0, Math.sqrt(MAX_PIXELS / (w0 * h0)));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(w0 * s));
    canvas.height = Math.max(1, Math.round(h0 * s));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no canvas to draw on');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return canvas.toDataURL('image/png').slice('data:image/png;base64,'.length);
  }

  /** @param {Options} options */
  function create(options) {
    // eslint-disable-next-line no-undef
    const vscode = acquireVsCodeApi();
    const viewport = /** @type {HTMLElement} */ (document.getElementById('viewport'));
    const canvas = /** @type {HTMLElement} */ (document.getElementById('canvas'));
    const notice = /** @type {HTMLElement} */ (document.getElementById('notice'));
    const problems = /** @type {HTMLDetailsElement} */ (document.getElementById('problems'));
    const empty = /** @type {HTMLElement} */ (document.getElementById('empty'));
    const saved = vscode.getState() || {};
    /** @type {string | undefined} */
    let focusedId = saved.focusedId;
    const view = options.view;

    function save() {
      vscode.setState(Object.assign(options.state(), { focusedId }));
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
      v.scale = Math.max(options.minScale, Math.min(1.5, Math.min(vw / w, vh / h) * 0.96));
      v.x = (vw - w * v.scale) / 2;
      v.y = Math.max(4, (vh - h * v.scale) / 2);
      v.fitted = true;
      apply();
    }

    /** Zooms around a point of the viewport (defaults to its centre). */
    function zoom(factor, cx, cy) {
      const v = view();
      const px = cx ?? viewport.clientWidth / 2;
      const py = cy ?? viewport.clientHeight / 2;
      const next = Math.max(options.minScale, Math.min(4, v.scale * factor));
      v.x = px - ((px - v.x) * next) / v.scale;
      v.y = py - ((py - v.y) * next) / v.scale;
      v.scale = next;
      v.fitted = false;
      apply();
    }

    /** Moves the picture by a number of pixels. */
    function pan(dx, dy) {
      const v = view();
      v.x += dx;
      v.y += dy;
      v.fitted = false;
      apply();
    }

    /** @returns {SVGGElement[]} */
    function nodes() {
      return Array.from(canvas.querySelectorAll(options.node));
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
      if (dx || dy) pan(dx, dy);
    }

    /** @param {SVGGElement | undefined} node */
    function focusNode(node) {
      if (!node) return;
      for (const n of nodes()) n.setAttribute('tabindex', n === node ? '0' : '-1');
      focusedId = node.dataset.id;
      node.focus({ preventScroll: true });
      bringIntoView(node);
      save();
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

    /** Marks the box at the editor's cursor and keeps it in sight. @param {string | undefined} id */
    function highlight(id) {
      for (const n of canvas.querySelectorAll(`${options.node}.${options.current}`)) n.classList.remove(options.current);
      const node = nodeById(id);
      if (node) {
        node.classList.add(options.current);
        bringIntoView(node);
      }
    }

    /** @param {Problem[]} list */
    function showProblems(list) {
      const summary = problems.querySelector('summary');
      const ul = problems.querySelector('ul');
      if (!summary || !ul) return;
      ul.textContent = '';
      problems.hidden = !list.length;
      summary.textContent = `${list.length} problem${list.length === 1 ? '' : 's'} ${options.problemsWhere}`;
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

    /** The message instead of the picture when there is nothing to draw. @param {string | undefined} text */
    function showEmpty(text) {
      empty.hidden = !text;
      empty.textContent = text || '';
      viewport.hidden = !!text;
    }

    /**
     * Shows a picture (computed and escaped by the host: src/diagram/svg.ts, landscape-svg.ts; it
     * holds no script) at the view's pan and zoom (fitted if the view is, or when `fitFirst`),
     * keeping keyboard focus on the same box.
     * @param {string} svg
     * @param {{notice?: string, highlight?: string, fitFirst?: boolean}} how
     */
    function draw(svg, how) {
      const hadFocus = canvas.contains(document.activeElement);
      canvas.innerHTML = svg;
      notice.hidden = !how.notice;
      notice.textContent = how.notice || '';
      if (view().fitted || how.fitFirst) fit();
      else apply();
      const list = nodes();
      const keep = nodeById(focusedId) || list[0];
      for (const n of list) n.setAttribute('tabindex', n === keep ? '0' : '-1');
      if (hadFocus && keep) keep.focus({ preventScroll: true });
      highlight(how.highlight);
    }

    /**
     * Tells the host a render is drawn, after the browser has laid it out (latency measurement); a
     * hidden page gets no animation frames, so a timer acknowledges there.
     */
    function rendered(version) {
      let acked = false;
      const ack = () => {
        if (acked) return;
        acked = true;
        vscode.postMessage({ type: 'rendered', version });
      };
      requestAnimationFrame(ack);
      setTimeout(ack, 200);
    }

    /** @param {number} line */
    function reveal(line) {
      vscode.postMessage({ type: 'reveal', line });
    }

    // Clicks: the page's own first; problem links reveal their line; toolbar buttons; the picture.
    document.addEventListener('click', (event) => {
      const target = /** @type {Element} */ (event.target);
      if (options.click?.(target)) return;
      const lineLink = target.closest('a[data-line]');
      if (lineLink instanceof HTMLElement) {
        event.preventDefault();
        reveal(Number(lineLink.dataset.line));
        return;
      }
      const button = target.closest('button');
      if (button instanceof HTMLButtonElement) {
        if (button.dataset.zoom === 'in') zoom(1.25);
        else if (button.dataset.zoom === 'out') zoom(0.8);
        else if (button.dataset.zoom === 'fit') fit();
        else if (button.dataset.command) vscode.postMessage({ type: 'command', command: button.dataset.command });
        else options.button?.(button);
        return;
      }
      if (moved) return;
      options.pictureClick?.(target);
    });

    // Keyboard: arrows between boxes, Home and End, Enter/Space reveal, +/−/0 zoom; the page's own.
    viewport.addEventListener('keydown', (event) => {
      const at = /** @type {Element | null} */ (document.activeElement)?.closest(options.node);
      const current = at instanceof SVGGElement ? at : undefined;
      const dirs = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };
      if (event.key in dirs) {
        event.preventDefault();
        if (!current) focusNode(nodeById(focusedId) || nodes()[0]);
        else focusNode(neighbour(current, dirs[event.key]));
      } else if ((event.key === 'Enter' || event.key === ' ') && current) {
        event.preventDefault();
        reveal(Number(current.dataset.line));
      } else if (event.key === '+' || event.key === '=') zoom(1.25);
      else if (event.key === '-') zoom(0.8);
      else if (event.key === '0') fit();
      else if (event.key === 'Home') focusNode(nodes()[0]);
      else if (event.key === 'End') focusNode(nodes()[nodes().length - 1]);
      else options.key?.(event, current);
    });
    viewport.addEventListener('focusin', (event) => {
      const node = /** @type {Element} */ (event.target).closest?.(options.node);
      if (node instanceof SVGGElement) focusedId = node.dataset.id;
    });

    // Pan by dragging; zoom with Ctrl/Cmd+wheel (plain wheel pans, like a map in an editor).
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
        } else pan(-event.deltaX, -event.deltaY);
      },
      { passive: false },
    );
    window.addEventListener('resize', () => {
      if (view().fitted) fit();
    });

    // PNG where the host has no rasteriser (the browser version of VS Code, an installed VSIX): the
    // page draws the standalone SVG the host sends onto a canvas and returns the PNG as base64.
    window.addEventListener('message', (event) => {
      const msg = event.data;
      if (!msg || msg.type !== 'rasterise' || typeof msg.svg !== 'string' || !Number.isInteger(msg.id)) return;
      rasterise(msg.svg, Number(msg.scale) || 2).then(
        (png) => vscode.postMessage({ type: 'rasterised', id: msg.id, png }),
        (error) => vscode.postMessage({ type: 'rasterised', id: msg.id, error: String(error && error.message ? error.message : error) }),
      );
    });

    return {
      /** The state the page saved when it was last shown (vscode.getState()). */
      saved,
      canvas,
      post: (/** @type {object} */ msg) => vscode.postMessage(msg),
      /** Saves the page's state (the view's pan and zoom, the focused box, the page's own). */
      save,
      focusNode,
      nodeById,
      highlight,
      showProblems,
      showEmpty,
      draw,
      rendered,
      reveal,
      /** Tells the host the page listens (call last). */
      ready: () => vscode.postMessage({ type: 'ready' }),
    };
  }

  // For the page script loaded after this one.
  /** @type {any} */ (window).diagramView = { create };
})();
