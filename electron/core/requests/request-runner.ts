import { parseCurl } from '#shared/curl/index.js';
import { AppError } from '#shared/errors.js';
import { draftFromCurl } from '#shared/requests/curl-import.js';
import { maskValues, redactUrl } from '#shared/redaction.js';
import { resolveDraft, type ResolvedRequest } from '#shared/requests/resolve.js';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  type ExchangeResult,
  type RequestDraft,
  type Row,
  type SnippetTarget,
} from '#shared/requests/schemas.js';
import {
  layeredVariables,
  resolvedLookup,
  variableLookup,
  type EnvironmentLayer,
} from '#shared/requests/variables.js';
import { environmentLayer } from '#shared/workspace/environment.js';
import type { StoreOpener } from '../connections/connection-repository.js';
import { assertTokenDestination } from '../connections/secret-binding.js';
import type { EventBus } from '../events.js';
import type { AppCore } from '../app-core.js';
import { describeConnection, trustFor } from './connection-context.js';
import { RequestStore } from './request-store.js';
import { ResponseStore } from './response-store.js';
import { sendRequest } from './send-request.js';
import { generateSnippet } from './snippets.js';

/** Where the composer keeps its files and how it reaches the rest of main. */
export interface RequestRunnerOptions {
  dataDir: string;
  openStore: StoreOpener;
  events: EventBus;
}

/** Requests running now, by the id the renderer gave them (for cancel). */
const MAX_RUNNING = 16;

/** An environment applied to one send: its variables, and its secret values (main only). */
export interface AppliedEnvironment {
  key: string;
  layer: EnvironmentLayer;
  secrets: ReadonlyMap<string, string>;
}

/**
 * The composer's side of main: resolves drafts against connection variables, sends them with the
 * connection's token, keeps response bodies on disk for paging, and records history.
 */
export class RequestRunner {
  private readonly running = new Map<string, AbortController>();
  private requestStore: RequestStore | undefined;
  private responseStore: ResponseStore | undefined;

  constructor(
    private readonly services: Pick<AppCore, 'connections' | 'engine' | 'secrets' | 'workspace'>,
    private readonly options: RequestRunnerOptions,
  ) {}

  /** History, saved requests and last drafts (the files are opened on first use). */
  get store(): RequestStore {
    this.requestStore ??= new RequestStore(this.options.dataDir, this.options.openStore);
    return this.requestStore;
  }

  /** Response bodies on disk (the temp folder is created on first use). */
  get bodies(): ResponseStore {
    this.responseStore ??= new ResponseStore(this.options.dataDir);
    return this.responseStore;
  }

  /** The connection's variables, catalog, saved requests and last draft. */
  context(connectionId: string) {
    const connection = this.services.connections.get(connectionId);
    const described = describeConnection(connection);
    this.store.prune(new Set(this.services.connections.list().map((c) => c.id)));
    return {
      connectionId: connection.id,
      connectionName: connection.name,
      presetId: described.preset.id,
      presetName: described.preset.name,
      variables: described.variables,
      catalog: described.catalog,
      saved: this.store.listSaved(connection.id),
      last: this.store.last(connection.id),
    };
  }

  /**
   * Fill in a draft's variables, or say which are missing. With an environment, its variables and
   * base URLs apply between the request's and the connection's, and its secret variables are
   * filled in from the secret store.
   */
  resolve(
    connectionId: string,
    draft: RequestDraft,
    userVariables: readonly Row[],
    environment?: AppliedEnvironment,
  ): ResolvedRequest {
    const connection = this.services.connections.get(connectionId);
    const { preset, variables } = describeConnection(connection);
    const lookup =
      environment === undefined
        ? variableLookup(variables, userVariables)
        : resolvedLookup(
            layeredVariables({
              connection,
              preset,
              environment: environment.layer,
              request: userVariables,
            }),
            (name) => environment.secrets.get(name),
          );
    const result = resolveDraft(draft, lookup);
    if (!result.ok) {
      const unset = result.error.missing.filter((name) =>
        environment?.layer.variables.some((v) => v.secret && v.enabled && v.name === name),
      );
      if (environment !== undefined && unset.length > 0) {
        throw new AppError(
          'validation',
          `The secret variable {{${unset[0]}}} of the environment "${environment.layer.name}" has no value on this computer.`,
          {
            hint: 'Set its value in the environment (it is kept in the secret store, not in the workspace files).',
            details: { missing: result.error.missing },
          },
        );
      }
      throw new AppError('validation', result.error.message, {
        hint: result.error.hint,
        details: { missing: result.error.missing },
      });
    }
    try {
      new URL(result.request.url);
    } catch {
      const shown = maskValues(result.request.url, environment?.secrets.values() ?? []);
      throw new AppError('validation', 'The URL is not valid once its variables are filled in.', {
        hint: `It reads ${shown.slice(0, 200)}`,
      });
    }
    return result.request;
  }

  /** The workspace environment `key` as it applies to a connection, secret values included. */
  async applyEnvironment(key: string, connectionId: string): Promise<AppliedEnvironment> {
    const workspace = await this.services.workspace.current();
    const file = await workspace.environment(key);
    return {
      key,
      layer: environmentLayer(file, connectionId),
      secrets: await workspace.secretValues(key, file),
    };
  }

  /** Send a draft and record it in the history. */
  async send(args: {
    requestId: string;
    connectionId: string;
    draft: RequestDraft;
    variables: Row[];
    environment?: string | undefined;
  }): Promise<ExchangeResult> {
    if (this.running.has(args.requestId)) {
      throw new AppError('conflict', 'A request with this id is already running.');
    }
    if (this.running.size >= MAX_RUNNING) {
      throw new AppError('conflict', `At most ${MAX_RUNNING} requests can run at once.`, {
        hint: 'Wait for one to finish, or cancel one.',
      });
    }
    const connection = this.services.connections.get(args.connectionId);
    const environment =
      args.environment === undefined
        ? undefined
        : await this.applyEnvironment(args.environment, connection.id);
    const request = this.resolve(args.connectionId, args.draft, args.variables, environment);
    if (request.auth.type === 'connection') assertTokenDestination(connection, request.url);
    // A secret variable's value is sent, but never shown back or written to the history.
    const mask = (text: string): string => maskValues(text, environment?.secrets.values() ?? []);
    const trust = await trustFor(connection, this.services.secrets);
    const controller = new AbortController();
    this.running.set(args.requestId, controller);
    try {
      const result = await sendRequest({
        requestId: args.requestId,
        connection,
        request,
        timeoutMs: args.draft.timeoutMs,
        maxResponseBytes: args.draft.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
        followRedirects: args.draft.followRedirects,
        trust,
        signal: controller.signal,
        engine: this.services.engine,
        bodies: this.bodies,
        onProgress: (phase, receivedBytes, totalBytes, status, elapsedMs) =>
          this.options.events.emit('requests:progress', {
            requestId: args.requestId,
            phase,
            receivedBytes,
            totalBytes,
            status,
            elapsedMs,
          }),
      });
      const entry = this.store.addHistory({
        connectionId: connection.id,
        connectionName: connection.name,
        draft: args.draft,
        url: mask(redactUrl(request.url)),
        status: result.response?.status ?? null,
        statusText: result.response?.statusText ?? null,
        errorCategory: result.error?.category ?? null,
        errorMessage: result.error === null ? null : mask(result.error.message),
        durationMs: result.timings.total,
        size: result.response?.size ?? null,
        retried: result.retried,
      });
      this.store.remember(connection.id, args.draft, args.variables);
      return {
        ...result,
        url: mask(result.url),
        response:
          result.response === null
            ? null
            : {
                ...result.response,
                url: mask(result.response.url),
                headers: result.response.headers.map((h) => ({ ...h, value: mask(h.value) })),
              },
        error:
          result.error === null ? null : { ...result.error, message: mask(result.error.message) },
        timeline: result.timeline.map((e) => ({ ...e, text: mask(e.text) })),
        historyId: entry.id,
      };
    } finally {
      this.running.delete(args.requestId);
    }
  }

  /** Abort a running request; false when it is not running (finished already). */
  cancel(requestId: string): boolean {
    const controller = this.running.get(requestId);
    if (controller === undefined) return false;
    controller.abort();
    return true;
  }

  /** Code for the draft; the real token only when `includeToken` (an explicit user choice). */
  async snippet(args: {
    connectionId: string;
    draft: RequestDraft;
    variables: Row[];
    target: SnippetTarget;
    includeToken: boolean;
  }): Promise<{ code: string; redacted: boolean }> {
    const request = this.resolve(args.connectionId, args.draft, args.variables);
    let authorization: string | null = null;
    if (args.includeToken && request.auth.type === 'connection') {
      const token = await this.services.engine.revealToken(args.connectionId);
      const scheme = /^bearer$/i.test(token.tokenType) ? 'Bearer' : token.tokenType;
      authorization = `${scheme} ${token.accessToken}`;
    }
    const code = generateSnippet(request, args.target, {
      authorization,
      revealCustom: args.includeToken,
    });
    const hasCredential = request.auth.type !== 'none';
    return { code, redacted: hasCredential && !args.includeToken };
  }

  /** A draft from a pasted curl command, with base URLs turned back into variables. */
  importCurl(connectionId: string, command: string): { draft: RequestDraft; notes: string[] } {
    const { variables } = describeConnection(this.services.connections.get(connectionId));
    const parsed = parseCurl(command);
    if (!parsed.ok)
      throw new AppError('validation', parsed.error.message, { hint: parsed.error.hint });
    const mapped = draftFromCurl(parsed.request, variables);
    if (!mapped.ok) throw new AppError('validation', mapped.message, { hint: mapped.hint });
    const skipped = parsed.unsupported.map((u) => `Not imported: ${u.option} (${u.reason})`);
    return { draft: mapped.draft, notes: [...mapped.notes, ...parsed.notes, ...skipped] };
  }

  /** Abort everything running and delete the temp bodies. */
  close(): void {
    for (const controller of this.running.values()) controller.abort();
    this.running.clear();
    this.responseStore?.close();
    try {
      this.requestStore?.flush();
    } catch {
      // A disk that refuses the last history entries at shutdown: nothing more to do.
    }
  }
}
