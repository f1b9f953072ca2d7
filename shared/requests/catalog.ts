import type { CatalogEndpoint, Preset } from '../presets/types.js';
import { urlWithParams } from './query.js';
import {
  requestDraftSchema,
  type CatalogTemplate,
  type Row,
  type VariableInfo,
} from './schemas.js';
import { baseUrlVariable } from './variables.js';

const stripSlash = (url: string): string => url.replace(/\/+$/, '');

/**
 * The variable a catalog endpoint's base URL maps to: the preset names its API hosts
 * (`Central`, `Platform`…) and a connection may point each name elsewhere (a staging host, a local
 * emulator), so `https://apicentral.axway.com` becomes `{{baseUrl.central}}`.
 */
export function baseUrlReference(
  endpoint: CatalogEndpoint,
  preset: Preset,
  variables: readonly VariableInfo[],
): string {
  const has = (name: string): boolean => variables.some((v) => v.name === name);
  const named = preset.apiBaseUrls.find((b) => stripSlash(b.url) === stripSlash(endpoint.baseUrl));
  if (named !== undefined && has(baseUrlVariable(named.name))) {
    return `{{${baseUrlVariable(named.name)}}}`;
  }
  // A host the preset does not name follows the connection's main base URL.
  if (named === undefined && has('baseUrl')) return '{{baseUrl}}';
  return stripSlash(endpoint.baseUrl);
}

/** The preset's documented endpoints as one-click drafts for this connection. */
export function catalogTemplates(
  preset: Preset,
  variables: readonly VariableInfo[],
): CatalogTemplate[] {
  return preset.endpoints.map((endpoint) => {
    const params: Row[] = (endpoint.query ?? []).map((q) => ({
      name: q.name,
      value: q.value,
      enabled: true,
    }));
    const url = urlWithParams(
      `${baseUrlReference(endpoint, preset, variables)}${endpoint.path}`,
      params,
    );
    const headers: Row[] = Object.entries(endpoint.headers ?? {}).map(([name, value]) => ({
      name,
      value,
      enabled: true,
    }));
    return {
      id: endpoint.id,
      name: endpoint.name,
      description: endpoint.description,
      docUrl: endpoint.docUrl ?? null,
      draft: requestDraftSchema.parse({
        method: endpoint.method,
        url,
        params,
        headers,
        ...(endpoint.graphql === undefined
          ? {}
          : {
              body: {
                mode: 'graphql',
                graphql: {
                  query: endpoint.graphql.query,
                  variables: endpoint.graphql.variables ?? '',
                },
              },
            }),
      }),
    };
  });
}
