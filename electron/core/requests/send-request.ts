import { AppError, type IpcError } from '#shared/errors.js';
import type { ResolvedRequest } from '#shared/requests/resolve.js';
import type { ExchangeResult, ProgressPhase, ResponseSummary } from '#shared/requests/schemas.js';
import type { Connection } from '#shared/connection.js';
import { describeUrl } from '../http/url-policy.js';
import type { BearerCredential, TokenEngine } from '../tokens/index.js';
import { credentialHeaders, nonceChallenge } from './dpop-credentials.js';
import { runHops, type HopResponse } from './http-exchange.js';
import { JsonIndex } from './json-index.js';
import { prettyOf } from './pretty-index.js';
import type { ResponseStore, StoredBody } from './response-store.js';
import { sniffBodyKind } from './sniff.js';
import { createTimedDispatcher } from './timed-dispatcher.js';
import type { TlsTrustOptions } from '../http/tls-trust.js';
import { noHopTimings, Timeline, toTimings } from './timeline.js';

/** Everything one send needs; the engine and the stores come from the service. */
export interface SendInput {
  requestId: string;
  connection: Connection;
  request: ResolvedRequest;
  timeoutMs: number;
  maxResponseBytes: number;
  followRedirects: boolean;
  trust: TlsTrustOptions;
  signal: AbortSignal;
  engine: TokenEngine;
  bodies: ResponseStore;
  onProgress(
    phase: ProgressPhase,
    received: number,
    total: number | null,
    status: number | null,
    elapsedMs: number,
  ): void;
}

type Outcome = HopResponse;

/** Progress events start once a request has taken this long (ms). */
const PROGRESS_AFTER_MS = 100;

/**
 * Send one resolved request for a connection: the token from the engine (its 401 → renew → retry
 * once, recorded in the timeline), our own TLS-aware dispatcher with socket timings, redirects
 * without credentials across origins, the body streamed to a temp file. Never throws: failures
 * come back as `error` with the timeline so far.
 */
export async function sendRequest(input: SendInput): Promise<Omit<ExchangeResult, 'historyId'>> {
  const { request, connection } = input;
  const timeline = new Timeline();
  const timings = noHopTimings();
  const dispatcher = createTimedDispatcher(input.trust);
  const reserved = input.bodies.reserve();
  const url = new URL(request.url);
  let tokenMs: number | null = null;
  let retried = false;
  let phase: ProgressPhase = 'token';
  const progress = (
    p: ProgressPhase,
    received = 0,
    total: number | null = null,
    status: number | null = null,
  ): void => {
    phase = p;
    const elapsed = timeline.elapsed();
    if (elapsed >= PROGRESS_AFTER_MS) {
      input.onProgress(p, received, total, status, elapsed);
      return;
    }
    // A quick answer needs no progress on screen: say where the request is only once it has
    // taken PROGRESS_AFTER_MS (bench B4), with the latest state then.
    latest = [p, received, total, status];
    progressTimer ??= setTimeout(() => {
      if (latest !== undefined) input.onProgress(...latest, timeline.elapsed());
      latest = undefined;
    }, PROGRESS_AFTER_MS - elapsed);
  };
  let latest: [ProgressPhase, number, number | null, number | null] | undefined;
  let progressTimer: NodeJS.Timeout | undefined;
  if (dispatcher.insecure) {
    timeline.add('info', 'Certificate checks are off for this connection (insecure TLS).');
  }

  const attempt = (
    credentials: { name: string; value: string }[],
    label: string,
  ): Promise<Outcome> =>
    runHops({
      url,
      method: request.method,
      headers: request.headers,
      credentials,
      credentialLabel: label,
      body: request.body?.text ?? null,
      followRedirects: input.followRedirects,
      timeoutMs: input.timeoutMs,
      maxResponseBytes: input.maxResponseBytes,
      signal: input.signal,
      dispatcher,
      allowHttp: connection.allowHttp,
      bodyPath: reserved.path,
      timeline,
      timings,
      onProgress: (p) =>
        progress(
          p.phase === 'connecting'
            ? 'connecting'
            : p.phase === 'waiting'
              ? 'waiting'
              : 'downloading',
          p.received,
          p.total,
          p.status,
        ),
    });

  let outcome: Outcome | undefined;
  let error: IpcError | null = null;
  try {
    if (request.auth.type === 'connection') {
      outcome = await withConnectionToken(
        input,
        timeline,
        (ms) => (tokenMs = ms),
        attempt,
        () => (retried = true),
        progress,
      );
    } else if (request.auth.type === 'header') {
      outcome = await attempt(
        [{ name: request.auth.name, value: request.auth.value }],
        `the ${request.auth.name} header`,
      );
    } else {
      outcome = await attempt([], '');
    }
  } catch (caught) {
    const appError =
      caught instanceof AppError
        ? caught
        : new AppError('internal', 'The request failed unexpectedly.', { cause: caught });
    error = appError.toIpcError();
    timeline.add(
      appError.category === 'cancelled' ? 'info' : 'error',
      appError.category === 'cancelled' ? `Cancelled during ${phaseWord(phase)}` : appError.message,
    );
  } finally {
    clearTimeout(progressTimer);
    latest = undefined;
    void dispatcher.destroy().catch(() => undefined);
  }

  let response: ResponseSummary | null = null;
  if (outcome !== undefined && error === null) {
    const kind = await sniffBodyKind(reserved.path, outcome.size, outcome.contentType);
    const body: StoredBody = {
      id: reserved.id,
      path: reserved.path,
      size: outcome.size,
      kind,
      contentType: outcome.contentType,
      requestKey: requestKey(request.method, request.url),
    };
    if (kind === 'json') {
      // The tree opens on the top level first: start indexing it while the answer travels.
      body.json = new JsonIndex(reserved.path, outcome.size);
      void body.json.warm().catch(() => undefined);
    }
    // The viewer opens JSON, XML and HTML pretty: start formatting while the answer travels.
    prettyOf(body);
    input.bodies.add(body);
    response = {
      responseId: reserved.id,
      status: outcome.status,
      statusText: outcome.statusText,
      headers: outcome.headers,
      url: outcome.url,
      contentType: outcome.contentType,
      bodyKind: kind,
      size: outcome.size,
      wireSize: outcome.wireSize,
      decoded: outcome.decoded,
      insecureTls: dispatcher.insecure,
    };
    progress('done', outcome.wireSize, outcome.wireSize, outcome.status);
  } else {
    await input.bodies.discard(reserved.path);
    progress(error?.category === 'cancelled' ? 'cancelled' : 'failed');
  }
  return {
    requestId: input.requestId,
    url: request.url,
    method: request.method,
    response,
    error,
    timings: toTimings(timings, tokenMs, timeline.elapsed()),
    timeline: timeline.entries,
    retried,
  };
}

function phaseWord(phase: ProgressPhase): string {
  switch (phase) {
    case 'token':
      return 'the token request';
    case 'connecting':
      return 'connecting';
    case 'waiting':
      return 'the wait for the answer';
    default:
      return 'the download';
  }
}

/**
 * The engine's withToken with a stopwatch and a narrator: a 401 to a request that carried the
 * token makes the engine drop it, fetch another and call once more; that is said in the timeline.
 * A 401 from another origin (after a redirect, without the token) is not the token's fault.
 */
async function withConnectionToken(
  input: SendInput,
  timeline: Timeline,
  setTokenMs: (ms: number) => void,
  attempt: (credentials: { name: string; value: string }[], label: string) => Promise<Outcome>,
  markRetried: () => void,
  progress: (p: ProgressPhase) => void,
): Promise<Outcome> {
  const { engine, connection } = input;
  const before = engine.getStatus(connection.id);
  const cached = before.state === 'valid' || before.state === 'expiring';
  progress('token');
  timeline.add(
    'token',
    cached ? 'Using the connection’s cached token' : 'Getting a token for the connection',
  );
  const tokenStart = performance.now();
  let calls = 0;
  let firstAnsweredAt = 0;
  let firstToken: string | undefined;
  const call = async (credential: BearerCredential): Promise<Outcome> => {
    calls += 1;
    if (calls === 1) {
      const ms = performance.now() - tokenStart;
      setTokenMs(ms);
      if (!cached) timeline.add('token', `Token received in ${Math.round(ms)} ms`);
      firstToken = credential.accessToken;
    } else {
      markRetried();
      const renewal = Math.round(performance.now() - firstAnsweredAt);
      const fresh = credential.accessToken !== firstToken;
      timeline.add(
        'retry',
        fresh
          ? `Got a new token in ${renewal} ms; sending once more (the last retry)`
          : `The token engine answered with the same token; sending once more (the last retry)`,
      );
    }
    const outcome = await sendWithDpop(
      credential,
      input.request.method,
      new URL(input.request.url),
      timeline,
      attempt,
    );
    if (calls === 1 && outcome.status === 401 && outcome.sentCredentials) {
      firstAnsweredAt = performance.now();
      timeline.add(
        'retry',
        `401 from ${describeUrl(new URL(outcome.url))}: the token was refused; renewing it`,
      );
    }
    return outcome;
  };
  try {
    return await engine.withToken(connection.id, (credential) => call(credential), {
      signal: input.signal,
      isUnauthorized: (outcome) => outcome.status === 401 && outcome.sentCredentials,
    });
  } catch (error) {
    if (calls === 0 && error instanceof AppError && error.category !== 'cancelled') {
      throw new AppError(error.category, `Could not get a token: ${error.message}`, {
        ...(error.hint !== undefined ? { hint: error.hint } : {}),
        ...(error.status !== undefined ? { status: error.status } : {}),
        ...(error.providerCode !== undefined ? { providerCode: error.providerCode } : {}),
      });
    }
    throw error;
  }
}

/**
 * One call with the token: `Authorization: Bearer …`, or for a DPoP-bound token `DPoP …` plus a
 * fresh proof. A `use_dpop_nonce` answer is met once with the nonce the server sent (remembered
 * for its origin, so later calls carry it at once); a second refusal is the caller's to judge.
 */
async function sendWithDpop(
  credential: BearerCredential,
  method: string,
  url: URL,
  timeline: Timeline,
  attempt: (credentials: { name: string; value: string }[], label: string) => Promise<Outcome>,
): Promise<Outcome> {
  const label =
    credential.dpop === undefined ? 'the connection’s token' : 'the connection’s DPoP token';
  const outcome = await attempt(await credentialHeaders(credential, method, url), label);
  const nonce = credential.dpop === undefined ? undefined : nonceChallenge(outcome);
  if (nonce === undefined || credential.dpop === undefined) return outcome;
  credential.dpop.rememberNonce(outcome.url, nonce);
  timeline.add('retry', 'The API asked for a DPoP nonce; sending once more with it');
  return attempt(await credentialHeaders(credential, method, url), label);
}

/** What makes two responses answers to the same request: the method and the URL without query. */
function requestKey(method: string, url: string): string {
  try {
    const parsed = new URL(url);
    return `${method} ${parsed.origin}${parsed.pathname}`;
  } catch {
    return `${method} ${url.split(/[?#]/)[0] ?? url}`;
  }
}
