import { useMemo, useState, type ReactElement } from 'react';
import { draftTextIssues } from '#shared/requests/draft-rules.js';
import { useStore } from '../../store/store.js';
import { AuthPanel } from './auth-panel.js';
import { BodyPanel } from './body-panel.js';
import { OperationSummary, useOperationEditing } from './import-api/operation-editing.js';
import { docsFor } from './import-api/use-operation.js';
import { OptionsPanel } from './options-panel.js';
import { RowsTable } from './rows-table.js';
import { Tabs } from './tabs.js';
import { VariablesPanel } from './variables-panel.js';

type EditorTab = 'params' | 'headers' | 'body' | 'auth' | 'variables' | 'options';

const enabledCount = (rows: readonly { enabled: boolean; name: string }[]): number =>
  rows.filter((r) => r.enabled && r.name !== '').length;

/** The tabs under the URL: params (synced with the URL), headers, body, auth, variables, options. */
export function RequestEditor(): ReactElement {
  const [tab, setTab] = useState<EditorTab>('params');
  const draft = useStore((s) => s.composer.draft);
  const variables = useStore((s) => s.composer.variables);
  const context = useStore((s) => s.composer.context);
  const setParams = useStore((s) => s.setComposerParams);
  const update = useStore((s) => s.updateComposerDraft);
  const setVariables = useStore((s) => s.setComposerVariables);
  const send = useStore((s) => s.sendComposerRequest);
  // A request imported from an API description: its parameters' documentation and body schema.
  const { operation, schemaCheck, generateExample, exampleError } = useOperationEditing(update);
  const connectionId = useStore((s) => s.composer.connectionId);
  // The same rules main applies before sending, shown at the header they are about.
  const headerProblems = useMemo(() => {
    const found = new Map<string, string>();
    for (const issue of draftTextIssues(draft)) {
      if (issue.path[0] === 'headers') found.set(issue.path.slice(1).join(':'), issue.message);
    }
    return found;
  }, [draft]);

  const authLabel =
    draft.auth.type === 'connection' ? 'token' : draft.auth.type === 'header' ? 'header' : 'none';
  return (
    <Tabs<EditorTab>
      label="Request"
      className="request-sections"
      active={tab}
      onChange={setTab}
      tabs={[
        { id: 'params', label: 'Params', badge: enabledCount(draft.params) },
        { id: 'headers', label: 'Headers', badge: enabledCount(draft.headers) },
        { id: 'body', label: 'Body', badge: draft.body.mode === 'none' ? '' : draft.body.mode },
        { id: 'auth', label: 'Auth', badge: authLabel },
        { id: 'variables', label: 'Variables', badge: enabledCount(variables) },
        { id: 'options', label: 'Options' },
      ]}
    >
      {tab === 'params' && (
        <>
          {operation !== null && <OperationSummary operation={operation} />}
          <RowsTable
            rows={draft.params}
            onChange={setParams}
            noun="param"
            docOf={docsFor(operation, ['query'])}
          />
        </>
      )}
      {tab === 'headers' && (
        <>
          <RowsTable
            rows={draft.headers}
            onChange={(headers) => update((d) => ({ ...d, headers }))}
            noun="header"
            headerNames
            docOf={docsFor(operation, ['header'])}
            problemOf={(index, field) => headerProblems.get(`${index}:${field}`)}
          />
          <p className="cx-muted cx-small">
            Content-Type follows the body type unless you set it here.
            {draft.auth.type === 'connection' &&
              ' Authorization is added by the main process from the connection.'}
          </p>
        </>
      )}
      {tab === 'body' && (
        <BodyPanel
          body={draft.body}
          method={draft.method}
          // A GraphQL request is a POST: picking the mode on a GET request switches the method.
          onChange={(body) =>
            update((d) => ({
              ...d,
              body,
              method:
                body.mode === 'graphql' && (d.method === 'GET' || d.method === 'HEAD')
                  ? 'POST'
                  : d.method,
            }))
          }
          onSubmit={() => void send()}
          schemaCheck={schemaCheck}
          onGenerateExample={generateExample}
          graphqlSource={connectionId === null ? null : { connectionId, draft, variables }}
        />
      )}
      {tab === 'body' && exampleError !== null && (
        <p className="cx-error-text cx-small" role="alert">
          {exampleError}
        </p>
      )}
      {tab === 'auth' && (
        <AuthPanel
          auth={draft.auth}
          connectionName={context?.connectionName ?? null}
          onChange={(auth) => update((d) => ({ ...d, auth }))}
        />
      )}
      {tab === 'variables' && (
        <VariablesPanel
          connectionVariables={context?.variables ?? []}
          variables={variables}
          onChange={setVariables}
          docOf={docsFor(operation, ['path'])}
        />
      )}
      {tab === 'options' && (
        <OptionsPanel draft={draft} onChange={(change) => update((d) => ({ ...d, ...change }))} />
      )}
    </Tabs>
  );
}
