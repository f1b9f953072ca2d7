import { lazy, Suspense, useEffect, useId, useMemo, useState, type ReactElement } from 'react';
import type { BodyProblem } from '#shared/import/schemas.js';
import { emptyGraphqlBody } from '#shared/requests/graphql-body.js';
import type { BodyMode, RequestBody, Row } from '#shared/requests/schemas.js';
import type { SchemaSource } from './graphql/graphql-body.js';
import { describeJsonProblem, jsonProblems } from './json-check.js';
import { RowsTable } from './rows-table.js';

const loadCodeEditor = () => import('./code-editor.js');
const CodeEditor = lazy(loadCodeEditor);
// The GraphQL editor and its libraries (graphql, cm6-graphql) load only when the mode is picked.
const GraphqlBodyEditor = lazy(() => import('./graphql/graphql-body.js'));

const MODES: readonly { id: BodyMode; label: string }[] = [
  { id: 'none', label: 'None' },
  { id: 'json', label: 'JSON' },
  { id: 'form', label: 'Form' },
  { id: 'raw', label: 'Raw' },
  { id: 'graphql', label: 'GraphQL' },
];

/** The request body: none, JSON (checked as you type), form fields, or raw text with a content type. */
export function BodyPanel({
  body,
  onChange,
  onSubmit,
  method,
  schemaCheck,
  onGenerateExample,
  graphqlSource = null,
}: {
  body: RequestBody;
  onChange: (body: RequestBody) => void;
  onSubmit: () => void;
  method: string;
  /** Set for a request imported from an API description: checks the JSON against its schema. */
  schemaCheck?: ((text: string) => Promise<BodyProblem[]>) | undefined;
  /** Set when the request's operation has a body schema: fills the body with an example. */
  onGenerateExample?: (() => void) | undefined;
  /** The request and connection a GraphQL body loads its schema with. */
  graphqlSource?: SchemaSource | null;
}): ReactElement {
  // A plain text box stands in while the editor loads. The editor replaces it under the user's
  // hands: when they were typing in it, the editor takes over the focus, so no key is lost.
  const [typingInFallback, setTypingInFallback] = useState(false);
  useEffect(() => {
    void loadCodeEditor();
  }, []);
  const problems = useMemo(
    () => (body.mode === 'json' ? jsonProblems(body.text) : []),
    [body.mode, body.text],
  );
  const text = (t: string): void => onChange({ ...body, text: t });
  const statusId = useId();
  const jsonError =
    body.mode === 'json' && problems[0] !== undefined
      ? `Not valid JSON. ${describeJsonProblem(problems[0])}`
      : undefined;
  return (
    <div className="body-panel">
      <div className="body-tools">
        <div className="cx-segmented" role="radiogroup" aria-label="Body type">
          {MODES.map((m) => (
            <label key={m.id} className={`cx-segment ${body.mode === m.id ? 'is-active' : ''}`}>
              <input
                type="radio"
                name="body-mode"
                value={m.id}
                checked={body.mode === m.id}
                onChange={() =>
                  onChange({
                    ...body,
                    mode: m.id,
                    ...(m.id === 'graphql' && body.graphql === undefined
                      ? { graphql: emptyGraphqlBody() }
                      : {}),
                  })
                }
              />
              {m.label}
            </label>
          ))}
          {body.mode === 'raw' && (
            <label className="cx-field">
              <span>Content-Type</span>
              <input
                type="text"
                value={body.contentType}
                aria-label="Content-Type of the raw body"
                spellCheck={false}
                onChange={(e) => onChange({ ...body, contentType: e.target.value })}
              />
            </label>
          )}
        </div>
        {onGenerateExample !== undefined && (
          <button
            type="button"
            className="cx-button body-example"
            title="Replace the body with an example built from the operation's schema"
            onClick={onGenerateExample}
          >
            Generate example
          </button>
        )}
      </div>
      {body.mode === 'none' && (
        <p className="cx-muted cx-small">
          No body.{' '}
          {method === 'GET' || method === 'HEAD'
            ? `${method} requests usually have none.`
            : 'Pick JSON, Form, Raw or GraphQL to send one.'}
        </p>
      )}
      {(body.mode === 'json' || body.mode === 'raw') && (
        <>
          <Suspense
            fallback={
              <textarea
                className="code-fallback"
                aria-label={body.mode === 'json' ? 'JSON body' : 'Raw body'}
                aria-invalid={jsonError !== undefined}
                aria-describedby={jsonError !== undefined ? statusId : undefined}
                value={body.text}
                onChange={(e) => text(e.target.value)}
                onFocus={() => setTypingInFallback(true)}
                onBlur={(e) => {
                  // Focus moved on to another element (a removed box blurs towards nothing).
                  if (e.relatedTarget !== null) setTypingInFallback(false);
                }}
              />
            }
          >
            <CodeEditor
              value={body.text}
              onChange={text}
              language={body.mode === 'json' ? 'json' : 'text'}
              label={body.mode === 'json' ? 'JSON body' : 'Raw body'}
              error={jsonError}
              onSubmit={onSubmit}
              autoFocus={typingInFallback}
              schemaCheck={body.mode === 'json' ? schemaCheck : undefined}
            />
          </Suspense>
          {body.mode === 'json' && (
            <p
              id={statusId}
              className={`body-status ${jsonError !== undefined ? 'is-error' : ''}`}
              role="status"
            >
              {body.text.trim() === ''
                ? 'Empty body.'
                : (jsonError ??
                  `Valid JSON. {{variables}} are filled in before sending.${schemaCheck !== undefined ? ' Checked against the operation’s schema: problems are marked in the editor.' : ''}`)}
            </p>
          )}
        </>
      )}
      {body.mode === 'graphql' && (
        <Suspense
          fallback={
            <textarea
              className="code-fallback"
              aria-label="GraphQL query"
              value={body.graphql?.query ?? ''}
              onChange={(e) =>
                onChange({
                  ...body,
                  graphql: { ...(body.graphql ?? emptyGraphqlBody()), query: e.target.value },
                })
              }
              onFocus={() => setTypingInFallback(true)}
              onBlur={(e) => {
                if (e.relatedTarget !== null) setTypingInFallback(false);
              }}
            />
          }
        >
          <GraphqlBodyEditor
            graphql={body.graphql ?? emptyGraphqlBody()}
            onChange={(graphql) => onChange({ ...body, graphql })}
            onSubmit={onSubmit}
            source={graphqlSource}
            autoFocus={typingInFallback}
          />
        </Suspense>
      )}
      {body.mode === 'form' && (
        <RowsTable
          rows={body.form}
          noun="field"
          onChange={(form: Row[]) => onChange({ ...body, form })}
        />
      )}
    </div>
  );
}
