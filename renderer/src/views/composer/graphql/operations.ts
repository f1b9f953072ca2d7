import {
  getVariableValues,
  GraphQLError,
  Kind,
  parse,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';

/** One operation of a GraphQL document, as the operation picker lists it. */
export interface OperationInfo {
  /** Null for an anonymous operation (allowed only when it is the document's one operation). */
  name: string | null;
  kind: 'query' | 'mutation' | 'subscription';
  /** The names of its variables, without `$`. */
  variables: string[];
}

/** The document parsed once: its operations, or the syntax error that stops it parsing. */
export type ParsedDocument =
  | { ok: true; document: DocumentNode; operations: OperationInfo[] }
  | { ok: false; message: string; line: number; column: number };

/** Parse a query document (pure; never throws). */
export function parseDocument(query: string): ParsedDocument {
  try {
    const document = parse(query);
    const operations = document.definitions
      .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
      .map((d) => ({
        name: d.name?.value ?? null,
        kind: d.operation as OperationInfo['kind'],
        variables: (d.variableDefinitions ?? []).map((v) => v.variable.name.value),
      }));
    return { ok: true, document, operations };
  } catch (error) {
    const where = error instanceof GraphQLError ? error.locations?.[0] : undefined;
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, message, line: where?.line ?? 1, column: where?.column ?? 1 };
  }
}

/**
 * The operation name to send. One operation: none needed (empty). Several: the chosen one while
 * it still exists, else the first named one; so a document always sends something the server
 * can run. While the document does not parse, the choice is kept as it is.
 */
export function pickOperation(parsed: ParsedDocument, current: string): string {
  if (!parsed.ok) return current;
  const named = parsed.operations.flatMap((o) => (o.name === null ? [] : [o.name]));
  if (parsed.operations.length <= 1) return '';
  if (named.includes(current)) return current;
  return named[0] ?? '';
}

/** The operation that will run, as the server will pick it. */
export function selectedOperation(
  parsed: ParsedDocument,
  operationName: string,
): OperationDefinitionNode | undefined {
  if (!parsed.ok) return undefined;
  const operations = parsed.document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (operationName === '') return operations.length === 1 ? operations[0] : undefined;
  return operations.find((o) => o.name?.value === operationName);
}

/** A problem of the variables text, at a 0-based offset range of that text. */
export interface VariablesProblem {
  from: number;
  to: number;
  message: string;
}

/**
 * Check the variables (a JSON object) against the operation's variable definitions, with the
 * schema: missing required variables, values of the wrong type, unknown names. Positions point
 * at the variable's key when the text names it, else at the start. JSON syntax is the JSON
 * linter's business: text that does not parse gives nothing here.
 */
export function variablesProblems(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  text: string,
): VariablesProblem[] {
  let value: unknown;
  try {
    value = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    return [];
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [{ from: 0, to: Math.min(text.length, 1), message: 'Variables are one JSON object.' }];
  }
  const inputs = value as Record<string, unknown>;
  const defined = (operation.variableDefinitions ?? []).map((v) => v.variable.name.value);
  const problems: VariablesProblem[] = [];
  const at = (name: string): { from: number; to: number } => {
    const key = text.indexOf(JSON.stringify(name));
    return key < 0
      ? { from: 0, to: Math.min(text.length, 1) }
      : { from: key, to: key + JSON.stringify(name).length };
  };
  for (const name of Object.keys(inputs)) {
    if (!defined.includes(name)) {
      const operationName = operation.name?.value;
      problems.push({
        ...at(name),
        message: `The operation${operationName === undefined ? '' : ` ${operationName}`} declares no $${name}.`,
      });
    }
  }
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], inputs, {
    maxErrors: 20,
  });
  for (const error of coerced.errors ?? []) {
    const name = /\$(\w+)/.exec(error.message)?.[1];
    problems.push({ ...(name === undefined ? at('') : at(name)), message: error.message });
  }
  return problems;
}
