#!/usr/bin/env node
// Renders build/icon.svg to the PNGs electron-builder packages: build/icon.png (1024 px; it
// derives the macOS .icns and Windows .ico from it) and build/icons/NxN.png (the Linux icon set).
// Uses Debian's Chromium through Playwright, since no browser is downloaded on our machines:
//   node build/render-icons.mjs            (GRANTLINE_CHROMIUM overrides /usr/bin/chromium)
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const svg = readFileSync(here('./icon.svg'), 'utf8');
const outputs = [
  [1024, './icon.png'],
  ...[512, 256, 128, 64, 32, 16].map((size) => [size, `./icons/${size}x${size}.png`]),
];

mkdirSync(here('./icons'), { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.GRANTLINE_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  for (const [size, out] of outputs) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const sized = svg.replace('width="1024" height="1024"', `width="${size}" height="${size}"`);
    await page.setContent(`<!doctype html><body style="margin:0">${sized}</body>`);
    await page.screenshot({
      path: here(out),
      omitBackground: true,
      clip: { x: 0, y: 0, width: size, height: size },
    });
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(`render-icons: wrote ${outputs.length} PNGs`);
