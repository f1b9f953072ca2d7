import { buildSchema, validate, type GraphQLSchema } from 'graphql';
import { useCallback, useEffect, useId, useMemo, useRef, useState, type ReactElement } from 'react';
import type { IpcError } from '#shared/errors.js';
import type { ChannelResult } from '#shared/ipc/contract.js';
import type { GraphqlBody, RequestDraft, Row } from '#shared/requests/schemas.js';
import { call } from '../../../api/call.js';
import CodeEditor from '../code-editor.js';
import { describeJsonProblem, jsonProblems } from '../json-check.js';
import { queryExtensions, variablesExtensions } from './graphql-extensions.js';
import {
  parseDocument,
  pickOperation,
  selectedOperation,
  variablesProblems,
} from './operations.js';
import './graphql.css';

/** Where the schema comes from: the request as it would be sent, with its connection. */
export interface SchemaSource {
  connectionId: string;
  draft: RequestDraft;
  variables: Row[];
}

type SchemaState =
  | { status: 'idle' }
  | { status: 'loading' }
  | {
      status: 'ready';
      schema: GraphQLSchema;
      info: ChannelResult<'graphql:schema'>;
    }
  | { status: 'error'; error: IpcError };

/** Wait this long after the URL or headers stop changing before asking main for the schema. */
const SCHEMA_DEBOUNCE_MS = 400;

const time = (iso: string): string =>
  new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/**
 * The GraphQL body: the query editor (completion as you type, checks and hover docs from the
 * endpoint's schema, which main fetches with the connection's token), the variables editor
 * (checked against the chosen operation's variable definitions), and the operation picker when
 * the document holds several operations. Loaded on demand, with the GraphQL libraries.
 */
export default function GraphqlBodyEditor({
  graphql,
  onChange,
  onSubmit,
  source,
  autoFocus = false,
}: {
  graphql: GraphqlBody;
  onChange: (graphql: GraphqlBody) => void;
  onSubmit: () => void;
  /** Null without a connection: the editors work, without a schema. */
  source: SchemaSource | null;
  autoFocus?: boolean;
}): ReactElement {
  const [schemaState, setSchemaState] = useState<SchemaState>({ status: 'idle' });
  const statusId = useId();
  const latest = useRef({ source, graphql, onChange });
  useEffect(() => {
    latest.current = { source, graphql, onChange };
  }, [source, graphql, onChange]);
  const sequence = useRef(0);

  // What the introspection query depends on: the endpoint, its headers, auth and variables.
  const url = source?.draft.url.trim() ?? '';
  const schemaKey =
    source === null || url === ''
      ? null
      : JSON.stringify([
          source.connectionId,
          url,
          source.draft.headers,
          source.draft.auth,
          source.variables,
        ]);

  const load = useCallback(async (refresh: boolean): Promise<void> => {
    const current = latest.current.source;
    if (current === null) return;
    const mine = ++sequence.current;
    setSchemaState({ status: 'loading' });
    const result = await call('graphql:schema', {
      connectionId: current.connectionId,
      // The body is main's to fill (the introspection query); the rest is sent as it is.
      draft: {
        ...current.draft,
        body: { mode: 'none', text: '', form: [], contentType: 'text/plain' },
      },
      variables: current.variables,
      refresh,
    });
    if (mine !== sequence.current) return;
    if (!result.ok) {
      setSchemaState({ status: 'error', error: result.error });
      return;
    }
    try {
      setSchemaState({
        status: 'ready',
        schema: buildSchema(result.value.sdl),
        info: result.value,
      });
    } catch {
      setSchemaState({
        status: 'error',
        error: {
          category: 'malformed_response',
          message: 'The schema the endpoint sent could not be read.',
          hint: 'You can still write and send queries, without completion.',
        },
      });
    }
  }, []);

  useEffect(() => {
    if (schemaKey === null) return undefined;
    const timer = setTimeout(() => void load(false), SCHEMA_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [schemaKey, load]);

  const schema = schemaState.status === 'ready' ? schemaState.schema : undefined;
  const parsed = useMemo(() => parseDocument(graphql.query), [graphql.query]);
  const operation = useMemo(
    () => selectedOperation(parsed, graphql.operationName),
    [parsed, graphql.operationName],
  );
  const queryExt = useMemo(() => queryExtensions(schema), [schema]);
  const variablesExt = useMemo(() => variablesExtensions(schema, operation), [schema, operation]);

  const setQuery = useCallback((query: string): void => {
    const { graphql: now, onChange: emit } = latest.current;
    emit({ ...now, query, operationName: pickOperation(parseDocument(query), now.operationName) });
  }, []);
  const setVariables = useCallback((variables: string): void => {
    const { graphql: now, onChange: emit } = latest.current;
    emit({ ...now, variables });
  }, []);

  const queryProblem = useMemo((): string | undefined => {
    if (graphql.query.trim() === '') return undefined;
    if (!parsed.ok) return `Line ${parsed.line}, column ${parsed.column}: ${parsed.message}`;
    if (schema === undefined) return undefined;
    const first = validate(schema, parsed.document)[0];
    if (first === undefined) return undefined;
    const at = first.locations?.[0];
    return at === undefined ? first.message : `Line ${at.line}: ${first.message}`;
  }, [graphql.query, parsed, schema]);

  const variablesProblem = useMemo((): string | undefined => {
    const syntax = jsonProblems(graphql.variables)[0];
    if (syntax !== undefined) return `Variables: ${describeJsonProblem(syntax)}`;
    if (schema === undefined || operation === undefined) return undefined;
    const first = variablesProblems(schema, operation, graphql.variables)[0];
    return first === undefined ? undefined : `Variables: ${first.message}`;
  }, [graphql.variables, schema, operation]);

  const operations = parsed.ok ? parsed.operations : [];
  const problem = queryProblem ?? variablesProblem;

  return (
    <div className="gql-body">
      <div className="gql-bar">
        <SchemaStatus state={schemaState} hasSource={source !== null} hasUrl={url !== ''} />
        {operations.length > 1 && (
          <label className="cx-field gql-operation">
            <span>Operation</span>
            <select
              value={graphql.operationName}
              onChange={(e) => onChange({ ...graphql, operationName: e.target.value })}
            >
              {operations.map((o, i) =>
                o.name === null ? (
                  <option key={`anonymous-${i}`} value="" disabled>
                    (unnamed {o.kind}: give it a name to run it)
                  </option>
                ) : (
                  <option key={o.name} value={o.name}>
                    {o.kind} {o.name}
                  </option>
                ),
              )}
            </select>
          </label>
        )}
        <button
          type="button"
          className="cx-button"
          disabled={source === null || url === '' || schemaState.status === 'loading'}
          onClick={() => void load(true)}
        >
          {schemaState.status === 'error' ? 'Try again' : 'Reload schema'}
        </button>
      </div>
      <div className="gql-editors">
        <div className="gql-pane gql-query">
          <span className="gql-pane-title" aria-hidden="true">
            Query
          </span>
          <CodeEditor
            value={graphql.query}
            onChange={setQuery}
            language="text"
            label="GraphQL query"
            error={queryProblem}
            onSubmit={onSubmit}
            autoFocus={autoFocus}
            extensions={queryExt}
          />
        </div>
        <div className="gql-pane gql-variables">
          <span className="gql-pane-title" aria-hidden="true">
            Variables (JSON)
          </span>
          <CodeEditor
            value={graphql.variables}
            onChange={setVariables}
            language="json"
            label="GraphQL variables"
            error={variablesProblem}
            onSubmit={onSubmit}
            extensions={variablesExt}
          />
        </div>
      </div>
      <p
        id={statusId}
        className={`body-status ${problem !== undefined ? 'is-error' : ''}`}
        role="status"
      >
        {graphql.query.trim() === ''
          ? 'Write a query; Ctrl+Space lists what the schema offers here.'
          : (problem ??
            (schema === undefined
              ? 'The query parses. Sent as POST application/json { query, variables, operationName }.'
              : 'The query and variables match the schema.'))}
      </p>
    </div>
  );
}

function SchemaStatus({
  state,
  hasSource,
  hasUrl,
}: {
  state: SchemaState;
  hasSource: boolean;
  hasUrl: boolean;
}): ReactElement {
  let text: string;
  let hint: string | undefined;
  let tone = '';
  if (!hasSource) {
    text = 'Pick a connection to load the schema.';
  } else if (!hasUrl) {
    text = 'Enter the GraphQL endpoint’s URL to load its schema.';
  } else if (state.status === 'loading') {
    text = 'Loading the schema…';
  } else if (state.status === 'ready') {
    const { info } = state;
    text = `Schema: ${info.typeCount} types, loaded ${time(info.fetchedAt)}${info.fromCache ? ' (kept)' : ''}.`;
    tone = 'is-ok';
  } else if (state.status === 'error') {
    text = `No schema: ${state.error.message}`;
    hint = state.error.hint;
    tone = 'is-error';
  } else {
    text = 'The schema loads from the endpoint.';
  }
  return (
    <p className={`gql-schema-status ${tone}`} role="status" title={hint}>
      {text}
      {hint !== undefined && <span className="gql-schema-hint"> {hint}</span>}
    </p>
  );
}
