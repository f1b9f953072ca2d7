import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

// Plain Node (no 'electron' import) so the clamping rules are unit-tested without a display.

const rectSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});

/** A rectangle in screen coordinates (same shape as Electron's Rectangle). */
export type Rect = z.infer<typeof rectSchema>;

const windowStateSchema = z.object({ bounds: rectSchema, maximized: z.boolean() });

/** What we remember about the main window between launches. */
export type WindowState = z.infer<typeof windowStateSchema>;

/** Size of a first-launch window, and the smallest size the layout supports. */
export const DEFAULT_SIZE = { width: 1200, height: 780 } as const;
export const MIN_SIZE = { width: 760, height: 520 } as const;

// How much of a window must lie on a display for it to count as "visible there": enough to grab
// the title bar and move it, so a window is never restored somewhere the user cannot reach.
const MIN_VISIBLE = { width: 160, height: 80 } as const;

/** Read the saved state; undefined when missing, unreadable or not the expected shape. */
export function readWindowState(file: string): WindowState | undefined {
  try {
    const parsed = windowStateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Save the state atomically (write then rename), so a crash never leaves half a file. */
export function writeWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(state)}\n`, { mode: 0o600 });
  renameSync(temp, file);
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

/**
 * Fit saved bounds to the current displays' work areas: keep them when they are on a display
 * (shrunk and nudged to fit that display), or return undefined so the caller centres a default
 * window, e.g. after the monitor the window was on has been unplugged.
 */
export function fitToDisplays(bounds: Rect, workAreas: readonly Rect[]): Rect | undefined {
  let best: { area: Rect; visible: number } | undefined;
  for (const area of workAreas) {
    const o = overlap(bounds, area);
    if (o.width < MIN_VISIBLE.width || o.height < MIN_VISIBLE.height) continue;
    const visible = o.width * o.height;
    if (!best || visible > best.visible) best = { area, visible };
  }
  if (!best) return undefined;
  const { area } = best;
  const width = Math.min(Math.max(bounds.width, MIN_SIZE.width), area.width);
  const height = Math.min(Math.max(bounds.height, MIN_SIZE.height), area.height);
  const x = Math.min(Math.max(bounds.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(bounds.y, area.y), area.y + area.height - height);
  return { x, y, width, height };
}
