// @ts-check
// Reader panel page script. Talks to the host only through messages (src/views/protocol.ts).
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const state = JSON.parse(document.body.dataset.state || '{}');
  vscode.setState({ key: state.key, anchor: state.anchor });

  // eslint-disable-next-line no-undef
  impactHubsLinks(vscode);
  document.addEventListener('click', (event) => {
    const button = /** @type {HTMLElement} */ (event.target).closest('button[data-action]');
    if (button instanceof HTMLButtonElement) {
      event.preventDefault();
      vscode.postMessage({ type: 'action', action: button.dataset.action });
    }
  });

  // Alt+Left / Alt+Right navigate history, like a browser.
  document.addEventListener('keydown', (event) => {
    if (event.altKey && event.key === 'ArrowLeft') vscode.postMessage({ type: 'action', action: 'back' });
    if (event.altKey && event.key === 'ArrowRight') vscode.postMessage({ type: 'action', action: 'forward' });
  });

  /** Marks the search words in the text (never inside links' targets or code). */
  function highlight(words) {
    if (!words || !words.length) return;
    const escaped = words.filter((w) => w.length >= 2).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    if (!escaped.length) return;
    const re = new RegExp(`\\b(${escaped.join('|')})[\\p{L}\\p{N}]*`, 'giu');
    const root = document.querySelector('article');
    if (!root) return;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    let first = null;
    for (const node of nodes) {
      const text = node.nodeValue || '';
      if (!re.test(text) || node.parentElement?.closest('code, pre, mark')) continue;
      re.lastIndex = 0;
      const frag = document.createDocumentFragment();
      let last = 0;
      for (const m of text.matchAll(re)) {
        frag.append(text.slice(last, m.index));
        const mark = document.createElement('mark');
        mark.textContent = m[0];
        frag.append(mark);
        first ??= mark;
        last = (m.index || 0) + m[0].length;
      }
      frag.append(text.slice(last));
      node.parentNode?.replaceChild(frag, node);
    }
    return first;
  }

  const firstMark = highlight(state.highlight);
  if (state.anchor) {
    document.getElementById(state.anchor)?.scrollIntoView({ block: 'start' });
  } else if (firstMark) {
    firstMark.scrollIntoView({ block: 'center' });
  }
  vscode.postMessage({ type: 'ready' });
})();
