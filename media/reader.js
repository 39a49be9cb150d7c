// @ts-check
// Reader panel page script. Talks to the host only through messages (src/views/protocol.ts).
// Its actions live in the editor title bar; here: links, Alt+←/→, and putting the page back where
// the writer left it (scroll position and the followed link after Back, the anchor of a link).
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const state = JSON.parse(document.body.dataset.state || '{}');
  // eslint-disable-next-line no-undef
  const links = impactHubsLinks(vscode);

  // Alt+Left / Alt+Right navigate history, like a browser.
  document.addEventListener('keydown', (event) => {
    if (event.altKey && event.key === 'ArrowLeft') vscode.postMessage({ type: 'action', action: 'back' });
    if (event.altKey && event.key === 'ArrowRight') vscode.postMessage({ type: 'action', action: 'forward' });
  });

  function restore() {
    const focus = typeof state.focus === 'number' ? document.querySelectorAll('a')[state.focus] : undefined;
    if (typeof state.scrollY === 'number') window.scrollTo(0, state.scrollY);
    if (focus instanceof HTMLElement) {
      focus.focus({ preventScroll: true });
      const r = focus.getBoundingClientRect();
      if (r.top < 0 || r.bottom > window.innerHeight) focus.scrollIntoView({ block: 'center' });
    } else if (state.anchor) {
      const el = document.getElementById(state.anchor);
      if (el) links.reveal(el);
    }
    // Otherwise the page starts at the top: the title and key facts first.
  }
  restore();

  // The host keeps the scroll position of each page of the history (for Back and Forward).
  let timer;
  window.addEventListener(
    'scroll',
    () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const y = Math.round(window.scrollY);
        vscode.setState({ key: state.key, anchor: state.anchor, scrollY: y });
        vscode.postMessage({ type: 'scroll', y });
      }, 150);
    },
    { passive: true },
  );
  vscode.setState({ key: state.key, anchor: state.anchor, scrollY: state.scrollY });
  vscode.postMessage({ type: 'ready' });
})();
