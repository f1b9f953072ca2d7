import type { graphqlChannels } from '#shared/ipc/graphql-channels.js';
import type { GraphqlSchemaService } from '../graphql/schema-service.js';
import type { HandlersFor } from '../ipc/dispatch.js';

/** Handlers for the `graphql:*` channels (GraphQL requests in the composer). */
export function graphqlHandlers(
  schemas: Pick<GraphqlSchemaService, 'schema'>,
): HandlersFor<typeof graphqlChannels> {
  return {
    'graphql:schema': async (args) => schemas.schema(args),
  };
}
