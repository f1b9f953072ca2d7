import { jsonSyntaxError } from './json-syntax.js';
import type { GraphqlBody } from './schemas.js';

/** An empty GraphQL body, for a draft switched to the GraphQL mode. */
export function emptyGraphqlBody(): GraphqlBody {
  return { query: '', variables: '', operationName: '' };
}

/** What the variables text says: no variables, an object, or why it cannot be sent. */
export type GraphqlVariables =
  { ok: true; value: Record<string, unknown> | undefined } | { ok: false; message: string };

/** Parse the variables text (after `{{variables}}` are filled in): empty, or one JSON object. */
export function parseGraphqlVariables(text: string): GraphqlVariables {
  if (text.trim() === '') return { ok: true, value: undefined };
  const syntax = jsonSyntaxError(text);
  if (syntax !== null) {
    return {
      ok: false,
      message: `The GraphQL variables are not valid JSON at line ${syntax.line}, column ${syntax.column}: ${syntax.message}.`,
    };
  }
  const value: unknown = JSON.parse(text);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      ok: false,
      message: 'The GraphQL variables must be one JSON object, such as { "id": "123" }.',
    };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

/**
 * The JSON text of a GraphQL POST (the "GraphQL over HTTP" request): `query`, then `variables`
 * and `operationName` when there are any. Throws nothing: bad variables are reported instead.
 */
export function graphqlRequestText(
  body: GraphqlBody,
): { ok: true; text: string } | { ok: false; message: string } {
  if (body.query.trim() === '') {
    return { ok: false, message: 'The GraphQL query is empty.' };
  }
  const variables = parseGraphqlVariables(body.variables);
  if (!variables.ok) return variables;
  const payload: { query: string; variables?: Record<string, unknown>; operationName?: string } = {
    query: body.query,
  };
  if (variables.value !== undefined) payload.variables = variables.value;
  const operationName = body.operationName.trim();
  if (operationName !== '') payload.operationName = operationName;
  return { ok: true, text: JSON.stringify(payload) };
}
