import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  MIN_SIZE,
  fitToDisplays,
  readWindowState,
  writeWindowState,
} from '../../../../electron/adapters/window-state.js';

const laptop = { x: 0, y: 0, width: 1440, height: 875 };
const external = { x: 1440, y: -200, width: 2560, height: 1400 };

describe('fitToDisplays', () => {
  it('keeps bounds that fit on a display', () => {
    const bounds = { x: 100, y: 80, width: 1200, height: 700 };
    expect(fitToDisplays(bounds, [laptop, external])).toEqual(bounds);
  });

  it('restores onto the second monitor when it is still attached', () => {
    const bounds = { x: 2000, y: 0, width: 1200, height: 800 };
    expect(fitToDisplays(bounds, [laptop, external])).toEqual(bounds);
  });

  it('gives up (caller centres a default window) when that monitor is gone', () => {
    expect(fitToDisplays({ x: 2000, y: 0, width: 1200, height: 800 }, [laptop])).toBeUndefined();
  });

  it('shrinks and pulls a window that hangs off the edge back on screen', () => {
    const fitted = fitToDisplays({ x: 1000, y: 500, width: 1600, height: 1000 }, [laptop]);
    expect(fitted).toEqual({ x: 0, y: 0, width: 1440, height: 875 });
  });

  it('does not restore a window of which only a sliver is visible', () => {
    expect(fitToDisplays({ x: 1400, y: 100, width: 800, height: 600 }, [laptop])).toBeUndefined();
  });

  it('never restores below the minimum size', () => {
    const fitted = fitToDisplays({ x: 10, y: 10, width: 200, height: 100 }, [laptop]);
    expect(fitted).toMatchObject({ width: MIN_SIZE.width, height: MIN_SIZE.height });
  });
});

describe('window state file', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips and ignores missing, corrupt or wrongly shaped files', () => {
    dir = mkdtempSync(join(tmpdir(), 'grantline-window-'));
    const file = join(dir, 'nested', 'window-state.json');
    expect(readWindowState(file)).toBeUndefined();
    const state = { bounds: { x: -10, y: 20, width: 900, height: 600 }, maximized: true };
    writeWindowState(file, state);
    expect(readWindowState(file)).toEqual(state);
    writeFileSync(file, '{"bounds":');
    expect(readWindowState(file)).toBeUndefined();
    writeFileSync(file, JSON.stringify({ bounds: { x: 0, y: 0, width: -5, height: 1 } }));
    expect(readWindowState(file)).toBeUndefined();
  });
});
