import { Agent } from 'undici';
import {
  buildTokenHttpRequest,
  createSpecResolver,
  fetchToken,
} from '../../../electron/core/tokens/index.js';
import { profileInProcess, summarizeCpuProfile } from '../lib/profile.js';
import { notMeasured, type BenchResult, type BenchSpec } from '../lib/result.js';
import { ratioOf, round, roundSummary, summarize, type Summary } from '../lib/stats.js';
import { interleave, nowMs } from '../lib/time-box.js';
import { bareRequest, fmt, sampleNs, startRig, type TokenRig } from './token-rig.js';

/**
 * B1–B3: the token engine as the app wires it (createAppCore: connection repository, secret
 * store with its data key, engine, status events), in plain Node, against a real oidc-provider on
 * 127.0.0.1.
 */

export const B1: BenchSpec = {
  id: 'B1',
  name: 'Cold token fetch through the engine (cache miss) vs bare undici request',
  unit: 'ms',
  goal: 'median ratio ≤ 1.10',
};
export const B2: BenchSpec = {
  id: 'B2',
  name: 'Cached token lookup (engine hit) vs empty async call',
  unit: 'µs',
  goal: 'p99 ≤ 20 µs; report ratio',
};
export const B3: BenchSpec = {
  id: 'B3',
  name: '1,000 concurrent callers on a cold cache',
  unit: 'ms',
  goal: 'exactly 1 token request; report wall time vs B1',
};

export interface TokenResults {
  b1: BenchResult;
  b2: BenchResult;
  b3: BenchResult;
}

/** Run B1, B2 and B3 on one oidc-provider; each bounded by its share of `budgetMs`. */
export async function runTokenBenches(budgetMs: number, profile = false): Promise<TokenResults> {
  const rig = await startRig();
  try {
    const b1 = await runB1(rig, budgetMs * 0.5);
    const b2 = await runB2(rig, budgetMs * 0.2, profile);
    const b3 = await runB3(rig, budgetMs * 0.3, b1.oursMedian);
    return { b1, b2, b3 };
  } finally {
    await rig.close();
  }
}

async function runB1(rig: TokenRig, budgetMs: number): Promise<BenchResult> {
  const started = nowMs();
  const id = rig.connection.id;
  const wire = await buildTokenHttpRequest(rig.spec, Date.now());
  const app = rig.openServices();
  await app.engine.ensureToken(id);
  const keepAlive = new Agent();
  const time = async (fn: () => Promise<unknown>): Promise<number> => {
    const t0 = nowMs();
    await fn();
    return nowMs() - t0;
  };
  const samples = await interleave(
    {
      // The app's engine after forget(id): nothing cached, the connection resolved again from the
      // stores (as after a settings change), the socket kept alive like the floor's.
      appForgotten: async () => {
        app.engine.forget(id);
        return time(() => app.engine.ensureToken(id));
      },
      floorKeepAlive: () => time(() => bareRequest(wire, keepAlive)),
      // Only the token dropped (a renewal): the engine still knows the connection's spec.
      appInvalidated: async () => {
        app.engine.invalidate(id);
        return time(() => app.engine.ensureToken(id));
      },
      // The first token after start: new services (stores opened, data key not yet read), new socket.
      appFresh: async () => {
        const services = rig.openServices();
        const ms = await time(() => services.engine.ensureToken(id));
        await services.close();
        return ms;
      },
      floorFresh: async () => {
        const agent = new Agent();
        const ms = await time(() => bareRequest(wire, agent));
        await agent.close();
        return ms;
      },
      // fetchToken alone (the engine's network path without cache, flights and status).
      fetchTokenFresh: () => time(() => fetchToken(rig.spec)),
    },
    { warmup: 10, runs: 300, budgetMs: budgetMs - (nowMs() - started) - 500, minRuns: 20 },
  );
  await keepAlive.close();
  const s = Object.fromEntries(
    Object.entries(samples).map(([k, v]) => [k, summarize(v as number[])]),
  ) as Record<keyof typeof samples, Summary>;
  const ratio = ratioOf(s.appForgotten.median, s.floorKeepAlive.median);
  const ratioRenewal = ratioOf(s.appInvalidated.median, s.floorKeepAlive.median);
  const ratioFresh = ratioOf(s.appFresh.median, s.floorFresh.median);
  const ratioFetch = ratioOf(s.fetchTokenFresh.median, s.floorFresh.median);
  const over = (r: number | null): string => (r !== null && r > 1.1 ? ' (over 1.10)' : '');
  const notes = [
    `Headline: the app's engine (createAppCore) after forget(): ${fmt(s.appForgotten)} vs the same token request with bare undici ${fmt(s.floorKeepAlive)}, both on a kept-alive socket.`,
    `Renewal (token invalidated, the connection's spec still remembered): ${fmt(s.appInvalidated)}: ratio ${round(ratioRenewal)}${over(ratioRenewal)}.`,
    `First token after start (new services, new socket): ${fmt(s.appFresh)} vs bare undici on a new Agent ${fmt(s.floorFresh)}: ratio ${round(ratioFresh)}${over(ratioFresh)}.`,
    `fetchToken alone (no engine, its own dispatcher) ${fmt(s.fetchTokenFresh)}: ratio ${round(ratioFetch)} to the new-Agent floor.`,
    'oidc-provider runs in the bench process, as in the unit tests: its work (RS256-signing each token) is in both sides.',
  ];
  const met = ratio === null ? null : ratio <= 1.1;
  if (met === false) {
    const resolving = s.appForgotten.median - s.appInvalidated.median;
    const rest = s.appInvalidated.median - s.floorKeepAlive.median;
    notes.push(
      `What holds it back (from the variants above and a node --cpu-prof of the engine): ${round(resolving)} ms of the miss is resolving the connection again and hashing its spec into the cache key: connections.json read and zod-validated (conf reads the file on every access), secrets.json read twice (has, then get) and the secret decrypted. The other ${round(rest)} ms, which a renewal pays too, is the engine and fetchToken around the same request: zod validation of each status event ("fetching", then "valid") in the EventBus and its serialisation for the page, the SHA-256 key the dispatcher pool computes on every request, a per-request AbortSignal.any and timer, the TLS-aware connector, the capped body reader and the response normalisation (JSON-pointer mapping, JWT payload decode).`,
      'What would move it: read secrets.json once per resolve (get() without has()) and keep the parsed connections document in memory between file changes; validate event payloads only in development builds, or emit one status per miss; compute the dispatcher-pool key once per remembered spec. The first token after start also pays for loading the data key and opening a socket, which no engine change removes.',
    );
  }
  return {
    ...B1,
    oursMedian: round(s.appForgotten.median),
    floorMedian: round(s.floorKeepAlive.median),
    ratio: round(ratio),
    runs: s.appForgotten.n,
    met,
    notes,
    seconds: round((nowMs() - started) / 1000),
    details: {
      ...Object.fromEntries(Object.entries(s).map(([k, v]) => [k, roundSummary(v)])),
      renewalRatio: round(ratioRenewal),
      firstAfterStartRatio: round(ratioFresh),
      fetchTokenRatio: round(ratioFetch),
    },
  };
}

async function runB2(rig: TokenRig, budgetMs: number, profile: boolean): Promise<BenchResult> {
  const started = nowMs();
  const id = rig.connection.id;
  const app = rig.openServices();
  await app.engine.ensureToken(id);
  const empty = async (): Promise<void> => undefined;
  // The resolver exactly as app-core.ts wires it, alone: what every acquire pays before the cache.
  const appResolve = createSpecResolver({
    getConnection: (cid) => app.connections.findByNameOrId(cid),
    getSecret: (ref) => app.secrets.find(ref),
  });
  const calls = {
    ensure: () => app.engine.ensureToken(id),
    reveal: () => app.engine.revealToken(id),
    resolve: () => appResolve(id),
    empty,
  };
  const samples = {
    ensure: [] as number[],
    reveal: [] as number[],
    resolve: [] as number[],
    empty: [] as number[],
  };
  const scratch: number[] = [];
  // Warm-up lets V8 optimise every path before anything is recorded.
  for (const call of Object.values(calls)) await sampleNs(call, 5_000, scratch);
  const block = 500;
  while (
    samples.ensure.length < 100_000 &&
    (samples.ensure.length < 5_000 || nowMs() - started < budgetMs)
  ) {
    for (const [k, call] of Object.entries(calls)) {
      await sampleNs(call, block, samples[k as keyof typeof samples]);
    }
  }
  let profileNote: string | null = null;
  if (profile) {
    const { profile: cpu } = await profileInProcess(async () => {
      for (let i = 0; i < 3_000; i++) await app.engine.ensureToken(id);
    });
    profileNote = `CPU profile of 3,000 hits (--profile): ${summarizeCpuProfile(cpu, 8)}`;
  }
  const us = (v: number[]): Summary => summarize(v.map((ns) => ns / 1000));
  const s = us(samples.ensure);
  const rs = us(samples.resolve);
  const r = us(samples.reveal);
  const f = us(samples.empty);
  const ratioP99 = ratioOf(s.p99, f.p99);
  return {
    ...B2,
    oursMedian: round(s.median),
    floorMedian: round(f.median),
    ratio: round(ratioOf(s.median, f.median)),
    runs: s.n,
    met: s.p99 <= 20,
    judged: `p99 ${round(s.p99)} µs`,
    notes: [
      `The app's engine, ensureToken on a hit: p50 ${round(s.median)} µs, p99 ${round(s.p99)} µs, max ${round(s.max)} µs (the goal is about this p99).`,
      `revealToken on a hit: p50 ${round(r.median)} µs, p99 ${round(r.p99)} µs.`,
      `For comparison, the resolver alone (as app-core.ts wires it: connections.json read and validated, secrets.json read twice, the secret decrypted): p50 ${round(rs.median)} µs, p99 ${round(rs.p99)} µs. A hit pays it only when the engine does not remember the connection's spec (rememberSpecs off, or just after forget()).`,
      `Empty async call: p50 ${round(f.median)} µs, p99 ${round(f.p99)} µs; ratio of medians ${round(ratioOf(s.median, f.median))}, of p99s ${round(ratioP99)}.`,
      ...(profileNote !== null ? [profileNote] : []),
      ...(s.p99 > 20
        ? [
            'What holds it back: look at the resolver line above first: if the hit path resolves the connection, the p99 is set by file reads and GC. Otherwise each hit still builds a fresh status object (ISO dates, claims summary) and passes two promise hops; reusing the status object until the state changes would take that off the hit path.',
          ]
        : []),
    ],
    seconds: round((nowMs() - started) / 1000),
    details: {
      ensureToken: roundSummary(s),
      revealToken: roundSummary(r),
      resolverAlone: roundSummary(rs),
      emptyAsync: roundSummary(f),
      p99Ratio: round(ratioP99),
    },
  };
}

async function runB3(
  rig: TokenRig,
  budgetMs: number,
  b1Median: number | null,
): Promise<BenchResult> {
  const started = nowMs();
  const id = rig.connection.id;
  const callers = 1_000;
  const walls: number[] = [];
  const counts: number[] = [];
  const attempt = async (record: boolean): Promise<void> => {
    const services = rig.openServices();
    rig.idp.resetCount();
    const t0 = nowMs();
    const all = await Promise.allSettled(
      Array.from({ length: callers }, () => services.engine.ensureToken(id)),
    );
    const wall = nowMs() - t0;
    await services.close();
    const failed = all.filter((r) => r.status === 'rejected').length;
    if (failed > 0) throw new Error(`${failed} of ${callers} callers failed`);
    if (record) {
      walls.push(wall);
      counts.push(rig.idp.tokenRequestCount());
    }
  };
  try {
    for (let i = 0; i < 3; i++) await attempt(false);
    while (walls.length < 60 && (walls.length < 10 || nowMs() - started < budgetMs)) {
      await attempt(true);
    }
  } catch (error) {
    return notMeasured(B3, `Could not run: ${(error as Error).message}`);
  }
  const s = summarize(walls);
  const allOne = counts.every((c) => c === 1);
  const ratio = ratioOf(s.median, b1Median);
  return {
    ...B3,
    oursMedian: round(s.median),
    floorMedian: b1Median,
    ratio: round(ratio),
    runs: s.n,
    met: allOne,
    judged: allOne
      ? '1 request in every run'
      : `token requests per run: ${[...new Set(counts)].join(', ')}`,
    notes: [
      `Token requests that reached oidc-provider per run: ${[...new Set(counts)].join(', ')} (${allOne ? 'always exactly 1' : 'NOT always 1'}).`,
      `Wall time for all ${callers} callers (the app's engine, new each run): median ${round(s.median)} ms, p90 ${round(s.p90)} ms. The floor column is B1's median (one caller): ratio ${round(ratio)}, about ${b1Median === null ? '?' : round(((s.median - b1Median) * 1000) / (callers - 1))} µs per extra caller (each waiter gets its own status object).`,
    ],
    seconds: round((nowMs() - started) / 1000),
    details: { wall: roundSummary(s), tokenRequestsPerRun: counts },
  };
}
