import {
  armProbe,
  installFetchFloor,
  readWsLog,
  type PageProbe,
  type WsFrame,
} from '../lib/in-page.js';
import { type BenchResult, type BenchSpec } from '../lib/result.js';
import { ratioOf, round, roundSummary, summarize } from '../lib/stats.js';
import { interleave, nowMs } from '../lib/time-box.js';
import {
  bridgeRoundTrip,
  newMarker,
  releaseLast,
  waitSeen,
  type ComposerRig,
} from './composer-rig.js';

/** B4: the composer's round trip for a small JSON answer, against a fetch from the same page. */

export const B4: BenchSpec = {
  id: 'B4',
  name: 'Composer round trip (click Send → small JSON rendered) vs page fetch → DOM',
  unit: 'ms',
  goal: 'median ratio ≤ 1.5',
};

/** B4, on the composer rig, within `budgetMs`. */
export async function runB4(rig: ComposerRig, budgetMs: number): Promise<BenchResult> {
  const started = nowMs();
  const { page, api } = rig;
  const url = `${api.origin}/small.json`;
  await page.evaluate(installFetchFloor, url);
  const floorButton = page.locator('#bench-floor button');
  const phases: Phases[] = [];
  const measure = async (tag: string, start: () => Promise<void>): Promise<number> => {
    const marker = newMarker(tag);
    api.setMarker(marker);
    await page.evaluate(armProbe, marker);
    await start();
    const probe = await waitSeen(page, 15_000, tag);
    if (tag === 'b4-ours') {
      const frames = await page.evaluate(readWsLog, probe.clickAt ?? 0);
      const p = phasesOf(probe, frames);
      if (p !== null) phases.push(p);
    }
    return (probe.seenAt ?? 0) - (probe.clickAt ?? 0);
  };
  const variants: Record<string, () => Promise<number>> = {
    floor: () => measure('b4-floor', () => floorButton.click()),
  };
  if (rig.driver !== null) {
    const driver = rig.driver;
    await driver.setUrl(url);
    variants.ours = () => measure('b4-ours', () => driver.send());
  }
  if (rig.bridge) {
    variants.bridge = () =>
      measure('b4-bridge', async () => {
        await releaseLast(page);
        await page.evaluate(bridgeRoundTrip, { connectionId: rig.connectionId, url, rows: 50 });
      });
  }
  let samples: Record<string, number[]>;
  try {
    samples = await interleave(variants, { warmup: 3, runs: 40, budgetMs, minRuns: 8 });
  } catch (error) {
    return {
      ...B4,
      oursMedian: null,
      floorMedian: null,
      ratio: null,
      runs: 0,
      met: null,
      notes: [`Could not measure: ${(error as Error).message.split('\n')[0]}`],
      seconds: round((nowMs() - started) / 1000),
    };
  }
  const floor = summarize(samples.floor ?? []);
  const ours = samples.ours === undefined ? null : summarize(samples.ours);
  const bridge = samples.bridge === undefined ? null : summarize(samples.bridge);
  const ratio = ours === null ? null : ratioOf(ours.median, floor.median);
  const hits = api.hits('/small.json');
  const notes: string[] = [];
  if (ours === null)
    notes.push(`Not measured: ${rig.unavailable ?? 'the composer could not be driven'}`);
  notes.push(
    `Floor: a fetch() from the app page to the same API, JSON written into a <pre>: median ${round(floor.median)} ms, p90 ${round(floor.p90)} ms (n ${floor.n}). Times run from the click event to the frame after the answer's marker became visible.`,
  );
  if (ours !== null) {
    notes.push(
      `Composer: median ${round(ours.median)} ms, p90 ${round(ours.p90)} ms (n ${ours.n}); ratio ${round(ratio)}.`,
    );
    const ph = describePhases(phases.slice(-ours.n));
    if (ph !== null) notes.push(ph);
  }
  if (bridge !== null) {
    notes.push(
      `Composer back end without its UI (window.api requests:send → requests:body-rows → DOM): median ${round(bridge.median)} ms, p90 ${round(bridge.p90)} ms; ratio ${round(ratioOf(bridge.median, floor.median))} to the floor. This is the host, the WebSocket bridge and the token engine; the UI adds its rendering on top.`,
    );
  } else {
    notes.push(
      'window.api has no requests:send / requests:body-rows: the composer back end is not in this build either.',
    );
  }
  notes.push(
    `API requests: ${hits.total}, of which ${hits.withBearer} carried the connection's bearer token.`,
  );
  if (ratio !== null && ratio > 1.5) {
    notes.push(
      'What holds it back (host profiled with node --cpu-prof, page with the WebSocket log above): requests:send answers only after the host has streamed the body to a temp file, sniffed it and written the history synchronously (conf zod-validates the whole history document and rewrites it with fsync), over a new connection per request (a dispatcher per send), sending several requests:progress events for a 200-byte answer; then the page asks for requests:release, requests:history and requests:json-children, the host answers them in that order, and the body view waits for the last one before it renders.',
      'What would move it: answer requests:send first and write the history after it (or batch it without fsync); put the first page of a small body (the root JSON children or first rows) in the send result, saving the follow-up round trip; ask for json-children before refreshing the history; send progress events only for answers that take long enough to show them (e.g. after 100 ms); keep one keep-alive dispatcher per connection trust setting.',
    );
  }
  return {
    ...B4,
    oursMedian: ours === null ? null : round(ours.median),
    floorMedian: round(floor.median),
    ratio: round(ratio),
    runs: ours?.n ?? 0,
    met: ratio === null ? null : ratio <= 1.5,
    notes,
    seconds: round((nowMs() - started) / 1000),
    details: {
      floor: roundSummary(floor),
      ...(ours !== null ? { ours: roundSummary(ours) } : {}),
      ...(bridge !== null
        ? { bridge: roundSummary(bridge), bridgeRatio: round(ratioOf(bridge.median, floor.median)) }
        : {}),
    },
  };
}

/** Where one composer round trip spent its time, from the page's WebSocket log (page clock, ms). */
interface Phases {
  /** Click → the result of requests:send arrived (host: token, HTTP, body to disk, history). */
  send: number;
  /** That result → the last answer the body view waited for (follow-up calls such as json-children). */
  followUps: number;
  /** Follow-up calls made between the send result and the marker on screen. */
  calls: string[];
  /** Last answer → marker in the DOM (React rendering). */
  render: number;
  /** Marker in the DOM → the next frame. */
  frame: number;
  /** Progress events during the send. */
  progressEvents: number;
}

function phasesOf(probe: PageProbe, frames: WsFrame[]): Phases | null {
  const click = probe.clickAt;
  const dom = probe.domAt;
  const seen = probe.seenAt;
  if (click === null || dom === null || seen === null) return null;
  const sendCall = frames.find((f) => f.dir === 'out' && f.name === 'requests:send');
  if (sendCall === undefined) return null;
  const sendResult = frames.find(
    (f) => f.dir === 'in' && f.kind === 'result' && f.id === sendCall.id,
  );
  if (sendResult === undefined || sendResult.t > dom) return null;
  const before = frames.filter((f) => f.t > sendResult.t && f.t <= dom);
  const calls = before.filter((f) => f.dir === 'out' && f.kind === 'call');
  const answers = before.filter((f) => f.dir === 'in' && f.kind === 'result');
  const lastAnswer = answers.length === 0 ? sendResult.t : Math.max(...answers.map((f) => f.t));
  return {
    send: sendResult.t - click,
    followUps: lastAnswer - sendResult.t,
    calls: calls.map((f) => f.name ?? '?'),
    render: dom - lastAnswer,
    frame: seen - dom,
    progressEvents: frames.filter((f) => f.t <= sendResult.t && f.name === 'requests:progress')
      .length,
  };
}

function describePhases(phases: Phases[]): string | null {
  if (phases.length === 0) return null;
  const m = (k: 'send' | 'followUps' | 'render' | 'frame' | 'progressEvents'): number | null =>
    round(summarize(phases.map((p) => p[k])).median);
  const calls = [...new Set(phases.flatMap((p) => p.calls))].join(', ');
  return `Where the composer's time goes (medians, from the page's WebSocket log): click → requests:send answered ${m('send')} ms (with ${m('progressEvents')} requests:progress events); → the follow-up calls answered (${calls || 'none'}) ${m('followUps')} ms; → answer in the DOM (React) ${m('render')} ms; → next frame ${m('frame')} ms.`;
}
