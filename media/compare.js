// @ts-check
// Comparison page script: links and the export button talk to the host by message only.
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  // eslint-disable-next-line no-undef
  impactHubsLinks(vscode);
  document.addEventListener('click', (event) => {
    if (/** @type {HTMLElement} */ (event.target).closest('button[data-export]')) vscode.postMessage({ type: 'exportMarkdown' });
  });
})();
