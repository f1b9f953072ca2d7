import { useCallback, useMemo, useState, type ReactElement } from 'react';
import type { BodyProblem } from '#shared/import/schemas.js';
import type { RequestDraft } from '#shared/requests/schemas.js';
import { call } from '../../../api/call.js';
import { useImportedOperation, type ImportedOperation } from './use-operation.js';

/**
 * What the request editor adds for a request imported from an API description: body checks
 * against the operation's schema (run in main, which holds the document), "Generate example",
 * and the operation's summary and description.
 */
export function useOperationEditing(
  update: (change: (draft: RequestDraft) => RequestDraft) => void,
): {
  operation: ImportedOperation | null;
  schemaCheck: ((text: string) => Promise<BodyProblem[]>) | undefined;
  generateExample: (() => void) | undefined;
  exampleError: string | null;
} {
  const operation = useImportedOperation();
  const [exampleError, setExampleError] = useState<string | null>(null);
  const path = operation?.hasBodySchema === true ? operation.path : null;
  const schemaCheck = useMemo(
    () =>
      path === null
        ? undefined
        : async (text: string): Promise<BodyProblem[]> => {
            const result = await call('import:validate-body', { path, text });
            return result.ok ? result.value.problems : [];
          },
    [path],
  );
  const generate = useCallback(() => {
    if (path === null) return;
    void call('import:example-body', { path }).then((result) => {
      if (!result.ok) {
        setExampleError(`${result.error.message} ${result.error.hint ?? ''}`.trim());
        return;
      }
      setExampleError(null);
      update((d) => ({ ...d, body: { ...d.body, mode: 'json', text: result.value.text } }));
    });
  }, [path, update]);
  return {
    operation,
    schemaCheck,
    generateExample: path === null ? undefined : generate,
    exampleError: path === null ? null : exampleError,
  };
}

/** The operation's method, path and summary, with its description folded under it. */
export function OperationSummary({ operation }: { operation: ImportedOperation }): ReactElement {
  const { method, path, summary } = operation.operation;
  const required = operation.operation.parameters.filter((p) => p.required);
  return (
    <details className="operation-summary">
      <summary>
        <span className="cx-mono">
          {method} {path}
        </span>
        {summary !== '' && <span className="operation-summary-text"> · {summary}</span>}
        {required.length > 0 && (
          <span className="cx-muted">
            {' '}
            · required: {required.map((p) => `${p.name} (${p.in})`).join(', ')}
          </span>
        )}
      </summary>
      <p className="operation-description">
        {operation.description === ''
          ? 'The document describes this operation no further.'
          : operation.description}
      </p>
    </details>
  );
}
