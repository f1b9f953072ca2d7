import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { AppError } from '#shared/errors.js';
import type { ChannelParsedArgs, ChannelResult } from '#shared/ipc/contract.js';
import { MAX_SCHEMA_SDL_CHARS } from '#shared/ipc/graphql-channels.js';
import { maskValues, redactUrl } from '#shared/redaction.js';
import type { RequestDraft } from '#shared/requests/schemas.js';
import type { AppCore } from '../app-core.js';
import { assertTokenDestination } from '../connections/secret-binding.js';
import { trustFor } from '../requests/connection-context.js';
import type { RequestRunner } from '../requests/request-runner.js';
import { ResponseStore } from '../requests/response-store.js';
import { sendRequest } from '../requests/send-request.js';
import {
  INTROSPECTION_OPERATION,
  INTROSPECTION_QUERY,
  schemaFromIntrospection,
  type IntrospectedSchema,
} from './introspection.js';

type SchemaArgs = ChannelParsedArgs<'graphql:schema'>;
type SchemaResult = ChannelResult<'graphql:schema'>;

/** Endpoints whose schema is kept; the least recently used goes first. */
const MAX_CACHED = 32;
/** The most an introspection answer may weigh (large public schemas are a few MB). */
const MAX_INTROSPECTION_BYTES = 48 * 1024 * 1024;

interface CachedSchema extends IntrospectedSchema {
  url: string;
  fetchedAt: string;
}

/**
 * The schemas of GraphQL endpoints, fetched by main with the connection's token. The introspection
 * query goes out as the draft itself would (its URL, headers, auth, TLS trust, timeout; variables
 * and an environment filled in; the token only to origins it may go to; a 401 renews the token and
 * retries once), is never recorded in the history, and its answer is kept per connection and
 * endpoint until `refresh` asks for it again. Concurrent asks for one endpoint share one fetch.
 */
export class GraphqlSchemaService {
  private readonly cache = new Map<string, CachedSchema>();
  private readonly inFlight = new Map<string, Promise<CachedSchema>>();
  private store: ResponseStore | undefined;

  constructor(
    private readonly services: Pick<AppCore, 'connections' | 'engine' | 'secrets'>,
    private readonly runner: Pick<RequestRunner, 'resolve' | 'applyEnvironment'>,
    private readonly dataDir: string,
  ) {}

  async schema(args: SchemaArgs): Promise<SchemaResult> {
    const connection = this.services.connections.get(args.connectionId);
    const environment =
      args.environment === undefined
        ? undefined
        : await this.runner.applyEnvironment(args.environment, connection.id);
    const draft: RequestDraft = {
      ...args.draft,
      method: 'POST',
      body: {
        ...args.draft.body,
        mode: 'graphql',
        graphql: {
          query: INTROSPECTION_QUERY,
          variables: '',
          operationName: INTROSPECTION_OPERATION,
        },
      },
    };
    const request = this.runner.resolve(connection.id, draft, args.variables, environment);
    if (request.auth.type === 'connection') assertTokenDestination(connection, request.url);
    const mask = (text: string): string => maskValues(text, environment?.secrets.values() ?? []);
    const authKey =
      request.auth.type === 'header' ? `header:${request.auth.name}` : request.auth.type;
    const key = `${connection.id}\n${authKey}\n${request.url}`;

    const cached = this.cache.get(key);
    if (cached !== undefined && !args.refresh) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      return this.answer(cached, true);
    }
    let pending = this.inFlight.get(key);
    if (pending === undefined) {
      pending = this.fetch(connection.id, draft, request, mask).finally(() =>
        this.inFlight.delete(key),
      );
      this.inFlight.set(key, pending);
    }
    const fetched = await pending;
    this.cache.delete(key);
    this.cache.set(key, fetched);
    while (this.cache.size > MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
    return this.answer(fetched, false);
  }

  private answer(schema: CachedSchema, fromCache: boolean): SchemaResult {
    return {
      sdl: schema.sdl,
      url: schema.url,
      fetchedAt: schema.fetchedAt,
      fromCache,
      typeCount: schema.typeCount,
    };
  }

  private async fetch(
    connectionId: string,
    draft: RequestDraft,
    request: ReturnType<RequestRunner['resolve']>,
    mask: (text: string) => string,
  ): Promise<CachedSchema> {
    const connection = this.services.connections.get(connectionId);
    const trust = await trustFor(connection, this.services.secrets);
    this.store ??= new ResponseStore(this.dataDir, 4);
    const store = this.store;
    const result = await sendRequest({
      requestId: randomUUID(),
      connection,
      request,
      timeoutMs: draft.timeoutMs,
      maxResponseBytes: MAX_INTROSPECTION_BYTES,
      followRedirects: draft.followRedirects,
      trust,
      signal: AbortSignal.timeout(draft.timeoutMs + 60_000),
      engine: this.services.engine,
      bodies: store,
      onProgress: () => undefined,
    });
    const shownUrl = mask(redactUrl(request.url));
    if (result.error !== null || result.response === null) {
      const error = result.error;
      throw new AppError(
        error?.category ?? 'internal',
        `Could not load the GraphQL schema: ${mask(error?.message ?? 'no answer')}`,
        {
          ...(error?.hint !== undefined ? { hint: mask(error.hint) } : {}),
          ...(error?.status !== undefined ? { status: error.status } : {}),
        },
      );
    }
    const response = result.response;
    try {
      const body = store.get(response.responseId);
      const text = body.size === 0 ? '' : await readFile(body.path, 'utf8');
      if (response.status < 200 || response.status > 299) {
        throw statusError(response.status, response.statusText, text, result.retried);
      }
      const schema = schemaFromIntrospection(text);
      if (schema.sdl.length > MAX_SCHEMA_SDL_CHARS) {
        throw new AppError(
          'malformed_response',
          `The schema is too large to load (${(schema.sdl.length / 1024 / 1024).toFixed(1)} MB as SDL).`,
          { hint: 'You can still write and send queries, without completion.' },
        );
      }
      return { ...schema, url: shownUrl, fetchedAt: new Date().toISOString() };
    } finally {
      await store.release(response.responseId);
    }
  }
}

/** A non-2xx answer to the introspection query, in words, with what the server said. */
function statusError(status: number, statusText: string, text: string, retried: boolean): AppError {
  const said = serverMessage(text);
  const suffix = said === undefined ? '' : `: ${said}`;
  if (status === 401) {
    return new AppError(
      'http',
      `The GraphQL endpoint refused the connection's token (401${retried ? ', also after a new token' : ''})${suffix}`,
      {
        status,
        hint: 'Check that this API key may call this API, and that the URL belongs to the connection’s platform.',
      },
    );
  }
  if (status === 403) {
    return new AppError('forbidden', `The GraphQL endpoint answered 403 Forbidden${suffix}`, {
      status,
      hint: 'The token is valid but may not read the schema; check the API key’s permissions.',
    });
  }
  return new AppError(
    'http',
    `The GraphQL endpoint answered ${status}${statusText === '' ? '' : ` ${statusText}`}${suffix}`,
    {
      status,
      hint:
        status === 404 || status === 405
          ? 'Check that the URL is the GraphQL endpoint itself (often …/graphql).'
          : 'Send the request to see the whole answer in the response viewer.',
    },
  );
}

/** The first GraphQL error message, or `error_description`/`error`/`message`, of a JSON answer. */
function serverMessage(text: string): string | undefined {
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    const errors = value.errors;
    if (Array.isArray(errors)) {
      const first = (errors[0] as { message?: unknown } | undefined)?.message;
      if (typeof first === 'string') return first.slice(0, 300);
    }
    for (const name of ['error_description', 'message', 'error']) {
      if (typeof value[name] === 'string') return value[name].slice(0, 300);
    }
  } catch {
    // Not JSON: the status says enough.
  }
  return undefined;
}
