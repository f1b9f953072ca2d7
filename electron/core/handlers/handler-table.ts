import type { AppContext } from '../app-context.js';
import { appHandlers } from './app-handlers.js';
import { createInspectorTokenSource } from '../connections/inspector-token-source.js';
import { connectionsHandlers } from './connections-handlers.js';
import { tokensHandlers } from './tokens-handlers.js';
import { inspectorHandlers } from './inspector-handlers.js';
import { requestsHandlers } from './requests-handlers.js';
import { graphqlHandlers } from './graphql-handlers.js';
import { GraphqlSchemaService } from '../graphql/schema-service.js';
import { RequestRunner } from '../requests/request-runner.js';
import { workspaceHandlers } from './workspace-handlers.js';
import { importHandlers } from './import-handlers.js';
import { createJwksClient } from '../jwt/jwks-client.js';
import { createJwksMemory } from '../jwt/jwks-memory.js';
import type { HandlerTable } from '../ipc/dispatch.js';
import type { AppCore } from '../app-core.js';

/** The handler table shared by the Electron window and browser mode: one factory per domain. */
export function createHandlers(ctx: AppContext, services: AppCore): HandlerTable {
  const runnerOptions = { dataDir: ctx.dataDir, openStore: services.openStore, events: ctx.events };
  // One runner for the composer and GraphQL introspection (it builds nothing until first used).
  const runner = new RequestRunner(services, runnerOptions);
  return {
    ...appHandlers(ctx, services),
    ...connectionsHandlers(services),
    ...tokensHandlers(services),
    // One JWKS client per process, so fetched keys are cached across checks; an explicit
    // "verify" click re-fetches them (concurrent clicks share one fetch) to see a key rotation.
    ...inspectorHandlers(ctx, {
      jwksClient: createJwksClient({ minRefreshIntervalMs: 0 }),
      tokenSource: createInspectorTokenSource(services),
      jwksMemory: createJwksMemory(ctx.dataDir, services.openStore),
    }),
    // The composer's history and saved requests open through the services' store opener, so a
    // damaged file among them is reported like the others.
    ...requestsHandlers(services, {
      ...runnerOptions,
      runner,
      ...(ctx.chooseSavePath ? { chooseSavePath: ctx.chooseSavePath } : {}),
    }),
    ...graphqlHandlers(new GraphqlSchemaService(services, runner, ctx.dataDir)),
    ...workspaceHandlers(services),
    ...importHandlers(services),
  };
}
