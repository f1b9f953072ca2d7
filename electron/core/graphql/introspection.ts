import {
  buildClientSchema,
  getIntrospectionQuery,
  isSpecifiedScalarType,
  printSchema,
  type IntrospectionQuery,
} from 'graphql';
import { AppError } from '#shared/errors.js';

/** The standard introspection query, with descriptions (the editor shows them as docs). */
export const INTROSPECTION_QUERY = getIntrospectionQuery({ descriptions: true });
export const INTROSPECTION_OPERATION = 'IntrospectionQuery';

/** A schema read from an introspection answer. */
export interface IntrospectedSchema {
  sdl: string;
  typeCount: number;
}

const NO_INTROSPECTION_HINT =
  'Some servers turn introspection off (often in production). You can still write and send queries, without completion; or load the schema from a server where it is on.';

/**
 * Read the answer to the introspection query (the body text, already checked for a 2xx status)
 * and print its schema as SDL. Every way it can be wrong becomes an error that says what the
 * server sent, never a library's stack.
 */
export function schemaFromIntrospection(text: string): IntrospectedSchema {
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    throw new AppError('malformed_response', 'The endpoint did not answer with JSON.', {
      hint: 'Check that the URL is the GraphQL endpoint itself (often …/graphql).',
    });
  }
  const record = (answer ?? {}) as { data?: unknown; errors?: unknown };
  const data = record.data as Partial<IntrospectionQuery> | null | undefined;
  if (data?.__schema === undefined || data.__schema === null) {
    const errors = Array.isArray(record.errors) ? (record.errors as { message?: unknown }[]) : [];
    const first = errors.find((e) => typeof e?.message === 'string')?.message as string | undefined;
    if (first !== undefined) {
      throw new AppError(
        'http',
        `The server refused the introspection query: ${first.slice(0, 300)}`,
        { hint: NO_INTROSPECTION_HINT },
      );
    }
    throw new AppError(
      'malformed_response',
      'The answer holds no GraphQL schema (no data.__schema).',
      {
        hint: `Check that the URL is a GraphQL endpoint. ${NO_INTROSPECTION_HINT}`,
      },
    );
  }
  let sdl: string;
  let typeCount: number;
  try {
    const schema = buildClientSchema(data as IntrospectionQuery);
    sdl = printSchema(schema);
    typeCount = Object.values(schema.getTypeMap()).filter(
      (type) => !type.name.startsWith('__') && !isSpecifiedScalarType(type),
    ).length;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0]!.slice(0, 300) : '';
    throw new AppError('malformed_response', `The server's schema could not be read: ${reason}`, {
      hint: 'The introspection answer is incomplete or inconsistent; check the server’s GraphQL library.',
    });
  }
  return { sdl, typeCount };
}
