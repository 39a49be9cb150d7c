// @ts-check
// Shared by the webview pages: sends clicks on links to the host (protocol: src/views/protocol.ts).
// Document links navigate in the host, http(s) links open in the browser, #anchors scroll.
// eslint-disable-next-line no-unused-vars
function impactHubsLinks(vscode) {
  document.addEventListener('click', (event) => {
    const link = /** @type {HTMLElement} */ (event.target).closest('a');
    if (!link) return;
    event.preventDefault();
    const href = link.getAttribute('href') || '';
    if (link.dataset.doc) {
      vscode.postMessage({ type: 'navigate', key: link.dataset.doc, anchor: link.dataset.anchor });
    } else if (link.dataset.external) {
      vscode.postMessage({ type: 'external', url: link.dataset.external });
    } else if (href.startsWith('#') && href.length > 1) {
      const el = document.getElementById(decodeURIComponent(href.slice(1)));
      if (el) {
        el.scrollIntoView({ block: 'center' });
        el.classList.add('flash');
        setTimeout(() => el.classList.remove('flash'), 1200);
      }
    }
  });
}
