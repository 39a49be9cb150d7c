// @ts-check
// Comparison page script: links and the export button talk to the host by message only.
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    if (target.closest('button[data-export]')) {
      vscode.postMessage({ type: 'exportMarkdown' });
      return;
    }
    const link = target.closest('a');
    if (!link) return;
    const href = link.getAttribute('href') || '';
    if (link.dataset.doc) {
      event.preventDefault();
      vscode.postMessage({ type: 'navigate', key: link.dataset.doc });
    } else if (link.dataset.external) {
      event.preventDefault();
      vscode.postMessage({ type: 'external', url: link.dataset.external });
    } else if (href.startsWith('#') && href.length > 1) {
      event.preventDefault();
      document.getElementById(href.slice(1))?.scrollIntoView({ block: 'center' });
    }
  });
})();
