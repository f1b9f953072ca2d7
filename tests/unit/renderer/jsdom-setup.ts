// jsdom has no document.execCommand, which browsers have. CodeMirror calls it while it reads the
// selection, because jsdom's navigator.vendor ("Apple Computer, Inc.") makes it take the Safari
// path; without it, an editor measured after a focus change throws from an animation frame.
if (typeof document !== 'undefined' && typeof document.execCommand !== 'function') {
  Object.defineProperty(document, 'execCommand', { value: () => false, configurable: true });
}
