// @ts-check
// Results framework page: shows the table the host computed (escaped there) and reports clicks by
// message only (protocol: src/views/protocol.ts).
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const table = /** @type {HTMLElement} */ (document.getElementById('table'));
  const summary = /** @type {HTMLElement} */ (document.getElementById('summary'));
  window.addEventListener('message', (event) => {
    const msg = event.data;
    if (!msg || msg.type !== 'render' || typeof msg.html !== 'string') return;
    // Built and escaped by the host (src/diagram/results.ts resultsHtml).
    table.innerHTML = msg.html;
    summary.textContent = msg.summary || '';
    requestAnimationFrame(() => vscode.postMessage({ type: 'rendered', version: msg.version }));
  });
  document.addEventListener('click', (event) => {
    const target = /** @type {Element} */ (event.target);
    const link = target.closest('a[data-line]');
    if (link instanceof HTMLElement) {
      event.preventDefault();
      vscode.postMessage({ type: 'reveal', line: Number(link.dataset.line) });
      return;
    }
    const button = target.closest('button[data-command]');
    if (button instanceof HTMLButtonElement) vscode.postMessage({ type: 'command', command: button.dataset.command });
  });
  vscode.postMessage({ type: 'ready' });
})();
