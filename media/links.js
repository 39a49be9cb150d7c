// @ts-check
// Shared by the webview pages: sends clicks on links to the host (protocol: src/views/protocol.ts).
// Document links navigate in the host (with where the page was, so Back can return to the link),
// http(s) links open in the browser, #anchors scroll the target into view, focus and flash it.
// eslint-disable-next-line no-unused-vars
function impactHubsLinks(vscode) {
  /** Shows an element of the page: scrolled clear of anything sticky, focused, briefly highlighted. */
  function reveal(el) {
    if (!el.hasAttribute('tabindex') && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(el.tagName)) el.setAttribute('tabindex', '-1');
    el.scrollIntoView({ block: 'center' });
    el.focus({ preventScroll: true });
    el.classList.remove('flash');
    // Restart the animation when the same target is chosen twice.
    void el.offsetWidth;
    el.classList.add('flash');
    setTimeout(() => el.classList.remove('flash'), 2000);
  }
  document.addEventListener('click', (event) => {
    const link = /** @type {HTMLElement} */ (event.target).closest('a');
    if (!link) return;
    event.preventDefault();
    const href = link.getAttribute('href') || '';
    if (link.dataset.doc) {
      const index = Array.prototype.indexOf.call(document.querySelectorAll('a'), link);
      vscode.postMessage({ type: 'navigate', key: link.dataset.doc, anchor: link.dataset.anchor, from: { y: Math.round(window.scrollY), link: index } });
    } else if (link.dataset.external) {
      vscode.postMessage({ type: 'external', url: link.dataset.external });
    } else if (href.startsWith('#') && href.length > 1) {
      const el = document.getElementById(decodeURIComponent(href.slice(1)));
      if (el) reveal(el);
    }
  });
  return { reveal };
}
