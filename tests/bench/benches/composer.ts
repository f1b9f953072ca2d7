import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { readNewestProfile, summarizeCpuProfile, type CpuProfile } from '../lib/profile.js';
import { type BenchResult } from '../lib/result.js';
import { nowMs } from '../lib/time-box.js';
import { closeRig, startRig } from './composer-rig.js';
import { B5, runB5 } from './large-body.js';
import { B4, runB4 } from './round-trip.js';

export { B4, B5 };

export interface ComposerResults {
  b4: BenchResult;
  b5: BenchResult;
}

/** Run B4 then B5 against one host and page; `budgetMs` is shared between them. */
export async function runComposerBenches(
  root: string,
  browser: Browser,
  budgetMs: number,
  options: { profileDir: string | null; scale: number },
): Promise<ComposerResults> {
  const started = nowMs();
  const { profileDir } = options;
  const rig = await startRig(root, browser, profileDir);
  let b4: BenchResult;
  let b5: BenchResult;
  try {
    // With --profile, the renderer is profiled through CDP, one profile per benchmark.
    const profiled = async (
      name: string,
      run: () => Promise<BenchResult>,
    ): Promise<BenchResult> => {
      if (profileDir === null) return run();
      await rig.cdp.send('Profiler.enable');
      await rig.cdp.send('Profiler.start');
      const result = await run();
      const { profile } = (await rig.cdp.send('Profiler.stop')) as { profile: CpuProfile };
      mkdirSync(profileDir, { recursive: true });
      writeFileSync(join(profileDir, `renderer-${name}.cpuprofile`), JSON.stringify(profile));
      result.notes.push(
        `Renderer CPU profile (--profile, all variants): ${summarizeCpuProfile(profile, 8)}`,
      );
      return result;
    };
    b4 = await profiled('b4', () => runB4(rig, budgetMs * 0.3 - (nowMs() - started)));
    b5 = await profiled('b5', () => runB5(rig, budgetMs * 0.7, options.scale));
  } finally {
    await closeRig(rig);
  }
  if (profileDir !== null) {
    const host = readNewestProfile(join(profileDir, 'host-composer'));
    if (host !== null) {
      b4.notes.push(
        `Host CPU profile over B4 and B5 (--profile): ${summarizeCpuProfile(host, 10)}`,
      );
    }
  }
  return { b4, b5 };
}
