// jsdom has no document.execCommand, which browsers have. CodeMirror calls it while it reads the
// selection, because jsdom's navigator.vendor ("Apple Computer, Inc.") makes it take the Safari
// path; without it, an editor measured after a focus change throws from an animation frame.
if (typeof document !== 'undefined' && typeof document.execCommand !== 'function') {
  Object.defineProperty(document, 'execCommand', { value: () => false, configurable: true });
}

// jsdom's Range measures nothing; CodeMirror's tooltips and lint markers ask it for rectangles.
if (typeof Range !== 'undefined' && typeof Range.prototype.getClientRects !== 'function') {
  const empty = { length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] };
  Object.defineProperty(Range.prototype, 'getClientRects', {
    value: () => empty,
    configurable: true,
  });
  Object.defineProperty(Range.prototype, 'getBoundingClientRect', {
    value: () => new DOMRect(0, 0, 0, 0),
    configurable: true,
  });
}
