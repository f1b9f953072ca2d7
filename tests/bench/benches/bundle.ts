import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { notMeasured, type BenchResult, type BenchSpec } from '../lib/result.js';
import { round } from '../lib/stats.js';

export const B7: BenchSpec = {
  id: 'B7',
  name: 'Initial renderer JavaScript, gzip',
  unit: 'KB',
  goal: '≤ 250 KB',
};

/** The JS files index.html loads eagerly: module scripts and modulepreload links. */
export function eagerScripts(html: string): string[] {
  const found: string[] = [];
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    const src = /\bsrc\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1];
    if (src !== undefined) found.push(src);
  }
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    if (!/\brel\s*=\s*["']?modulepreload/i.test(tag)) continue;
    const href = /\bhref\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1];
    if (href !== undefined) found.push(href);
  }
  return [...new Set(found)];
}

/** B7: sum of the eager JS of dist/renderer/index.html, each file gzipped with zlib (default level). */
export function runB7(root: string): BenchResult {
  const index = join(root, 'dist', 'renderer', 'index.html');
  if (!existsSync(index)) {
    return notMeasured(
      B7,
      'dist/renderer/index.html is missing: build the app first (npm run build).',
    );
  }
  const html = readFileSync(index, 'utf8');
  const files = eagerScripts(html).filter((src) => !/^[a-z]+:/i.test(src));
  const sizes = files.map((src) => {
    const bytes = readFileSync(resolve(dirname(index), src.replace(/^\//, './')));
    return { src, raw: bytes.length, gzip: gzipSync(bytes).length };
  });
  const gzipKB = sizes.reduce((sum, s) => sum + s.gzip, 0) / 1024;
  const rawKB = sizes.reduce((sum, s) => sum + s.raw, 0) / 1024;
  const lazy = lazyChunks(dirname(index), files);
  const builtAt = statSync(index).mtime.toISOString();
  return {
    ...B7,
    oursMedian: round(gzipKB),
    floorMedian: null,
    ratio: null,
    runs: 1,
    met: gzipKB <= 250,
    judged: `${round(gzipKB)} KB gzip`,
    notes: [
      `Eager JS: ${sizes.map((s) => `${s.src} ${round(s.raw / 1024)} KB raw → ${round(s.gzip / 1024)} KB gzip`).join('; ')} (index.html built ${builtAt}).`,
      `Total ${round(rawKB)} KB raw, ${round(gzipKB)} KB gzip (KB = 1024 bytes, zlib default level 6). Lazy chunks not loaded at start: ${lazy.count} files, ${round(lazy.gzipKB)} KB gzip.`,
    ],
    details: { files: sizes, lazyChunks: lazy },
  };
}

function lazyChunks(dir: string, eager: string[]): { count: number; gzipKB: number } {
  const assets = join(dir, 'assets');
  if (!existsSync(assets)) return { count: 0, gzipKB: 0 };
  const eagerNames = new Set(eager.map((src) => src.split('/').pop()));
  let count = 0;
  let gzip = 0;
  for (const name of readdirSync(assets).sort()) {
    if (!name.endsWith('.js') || eagerNames.has(name)) continue;
    count += 1;
    gzip += gzipSync(readFileSync(join(assets, name))).length;
  }
  return { count, gzipKB: gzip / 1024 };
}
