import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The .cpuprofile format written by `node --cpu-prof` and CDP Profiler.stop. */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

/** Self time per function, busiest first, without idle time. */
export function selfTimes(profile: CpuProfile): { name: string; ms: number; share: number }[] {
  const frameOf = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const byName = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let busy = 0;
  for (let i = 0; i < samples.length; i++) {
    const frame = frameOf.get(samples[i] ?? -1);
    const us = deltas[i + 1] ?? deltas[i] ?? 0;
    if (frame === undefined || frame.functionName === '(idle)') continue;
    const file = frame.url.split('/').slice(-2).join('/');
    const name = `${frame.functionName || '(anonymous)'}${file ? ` ${file}:${frame.lineNumber + 1}` : ''}`;
    byName.set(name, (byName.get(name) ?? 0) + us);
    busy += us;
  }
  return [...byName.entries()]
    .map(([name, us]) => ({ name, ms: us / 1000, share: busy === 0 ? 0 : us / busy }))
    .sort((a, b) => b.ms - a.ms);
}

/** One line: busy time and the top `count` functions by self time. */
export function summarizeCpuProfile(profile: CpuProfile, count = 8): string {
  const rows = selfTimes(profile);
  const busy = rows.reduce((sum, r) => sum + r.ms, 0);
  const top = rows
    .slice(0, count)
    .map((r) => `${r.name} ${Math.round(r.ms)} ms (${Math.round(r.share * 100)}%)`)
    .join('; ');
  return `${Math.round(busy)} ms busy; top self time: ${top}.`;
}

/**
 * CPU time grouped by the innermost npm package (or Grantline's dist/) on each sample's stack, so
 * Node's module loader working for a package counts for that package: "what loading X costs".
 */
export function timeByPackage(profile: CpuProfile): { origin: string; ms: number }[] {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const by = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const leaf = nodes.get(samples[i] ?? -1);
    if (leaf === undefined || leaf.callFrame.functionName === '(idle)') continue;
    let origin = leaf.callFrame.url === '' ? leaf.callFrame.functionName : 'Node itself';
    if (origin === '(garbage collector)' || origin === '(program)') {
      // keep as is
    } else {
      origin = 'Node itself';
      for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
        const url = nodes.get(id)?.callFrame.url ?? '';
        const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
        if (pkg !== undefined) {
          origin = pkg;
          break;
        }
        if (/\/dist\/(electron|shared)\//.test(url)) {
          origin = 'grantline (dist/)';
          break;
        }
      }
    }
    by.set(origin, (by.get(origin) ?? 0) + (deltas[i + 1] ?? deltas[i] ?? 0));
  }
  return [...by.entries()]
    .map(([origin, us]) => ({ origin, ms: us / 1000 }))
    .sort((a, b) => b.ms - a.ms);
}

/** The newest .cpuprofile in a directory, parsed. */
export function readNewestProfile(dir: string): CpuProfile | null {
  try {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.cpuprofile'))
      .sort();
    const last = files.at(-1);
    return last === undefined
      ? null
      : (JSON.parse(readFileSync(join(dir, last), 'utf8')) as CpuProfile);
  } catch {
    return null;
  }
}

/** Profile `run` in this process (node:inspector), returning its result and the profile. */
export async function profileInProcess<T>(
  run: () => Promise<T>,
): Promise<{ value: T; profile: CpuProfile }> {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    const value = await run();
    const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
    return { value, profile };
  } finally {
    session.disconnect();
  }
}
